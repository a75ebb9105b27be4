/**
 * The command line of `pnpm examples`: parses the arguments, opens the store, runs the chosen
 * scenarios, writes their timelines and returns the exit status (0 all as expected, 1 one
 * differs, 2 bad arguments).
 *
 * @since 0.1.0
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import * as Html from "./Html.js"
import * as Ics from "./Ics.js"
import * as Print from "./Print.js"
import * as Run from "./Run.js"
import type { Scenario } from "./Scenario.js"
import { scenarios, select } from "./scenarios/index.js"
import * as Stores from "./Stores.js"

const usage = `Usage: pnpm examples [SCENARIO...] [options]

Runs the reference scenarios of soltrace (docs/domain/scenarios.md and the installer's-life
scenarios) through the real aggregates and an event store, prints each timeline, and checks each
outcome against the expected one. Exit status 1 when an outcome differs.

SCENARIO   an id (S5, I2) or a name (delay-penalty); several allowed; default: all

Options:
  --store memory         a fresh in-memory event store per scenario (default)
  --store pglite         PGlite (PostgreSQL in WASM), in memory
  --store pglite:DIR     PGlite with its data in folder DIR (kept after the run)
  --store postgres:URL   a PostgreSQL server, e.g. postgres:postgres://postgres@127.0.0.1:5432/soltrace
  --html DIR             also write one HTML page per scenario into DIR (and DIR/index.html):
                         the timeline, amounts against caps, deadlines calendar, statement,
                         the path through the state diagram
  --ics DIR              also write each scenario's deadlines as DIR/<scenario>.ics (iCalendar)
  --quiet                print only the summary
  --list                 list the scenarios and exit
  --help                 this text
`

interface Args {
  readonly store: Stores.StoreSpec
  readonly html: string | undefined
  readonly ics: string | undefined
  readonly names: ReadonlyArray<string>
  readonly quiet: boolean
  readonly list: boolean
  readonly help: boolean
}

const parseArgs = (argv: ReadonlyArray<string>): Args | string => {
  let store: Stores.StoreSpec = { _tag: "memory" }
  const names: Array<string> = []
  let quiet = false
  let list = false
  let help = false
  let html: string | undefined
  let ics: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === "--") continue // `pnpm examples -- S5`
    if (arg === "--help" || arg === "-h") help = true
    else if (arg === "--quiet" || arg === "-q") quiet = true
    else if (arg === "--list") list = true
    else if (arg === "--html" || arg === "--ics" || arg.startsWith("--html=") || arg.startsWith("--ics=")) {
      const [option, inline] = arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined]
      const dir = inline ?? argv[++i]
      if (dir === undefined || dir === "" || dir.startsWith("--")) return `${option} needs a folder`
      if (option === "--html") html = dir
      else ics = dir
    } else if (arg === "--store" || arg.startsWith("--store=")) {
      const value = arg === "--store" ? argv[++i] : arg.slice("--store=".length)
      const spec = value === undefined ? undefined : Stores.parse(value)
      if (spec === undefined)
        return `unknown store ${JSON.stringify(value ?? "")}: use memory, pglite, pglite:DIR or postgres:URL`
      store = spec
    } else if (arg.startsWith("-")) return `unknown option ${arg}`
    else names.push(arg)
  }
  return { store, html, ics, names, quiet, list, help }
}

/**
 * Where the command line writes: standard output and standard error by default.
 *
 * @since 0.1.0
 */
export interface Output {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
}

const stdio: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }

/**
 * Runs the command line with `argv` (the arguments after the script name); returns the exit status.
 *
 * @since 0.1.0
 */
export const main = (
  argv: ReadonlyArray<string>,
  io: Output = stdio,
  catalogue: ReadonlyArray<Scenario> = scenarios
): Effect.Effect<number, unknown> =>
  Effect.gen(function* () {
    const args = parseArgs(argv)
    if (typeof args === "string") {
      io.err(`${args}\n\n${usage}`)
      return 2
    }
    if (args.help) {
      io.out(usage)
      return 0
    }
    if (args.list) {
      for (const s of catalogue) io.out(`${s.id.padEnd(4)}${s.name.padEnd(30)}${s.title}\n`)
      return 0
    }
    const chosen = select(args.names, catalogue)
    if (typeof chosen === "string") {
      io.err(`${chosen}\nKnown: ${catalogue.map((s) => `${s.id} (${s.name})`).join(", ")}\n`)
      return 2
    }
    const stores = yield* Stores.open(args.store)
    // On a store that outlives the run, give this run's ids a suffix so a second run starts afresh.
    const suffix = stores.persistent ? `-r${Math.random().toString(36).slice(2, 8)}` : ""
    const runs: Array<Run.Run> = []
    for (const scenario of chosen) {
      const run = yield* Run.run(scenario, stores.perScenario, suffix)
      runs.push(run)
      if (!args.quiet || !run.ok) io.out(`${Print.render(run)}\n\n`)
    }
    if (args.html !== undefined) {
      fs.mkdirSync(args.html, { recursive: true })
      for (const run of runs) fs.writeFileSync(path.join(args.html, Html.fileName(run, "html")), Html.page(run))
      fs.writeFileSync(path.join(args.html, "index.html"), Html.index(runs))
      io.out(`wrote ${runs.length} pages and index.html to ${args.html}\n`)
    }
    if (args.ics !== undefined) {
      fs.mkdirSync(args.ics, { recursive: true })
      let written = 0
      for (const run of runs) {
        const text = Ics.calendar(run)
        if (text === undefined) continue
        fs.writeFileSync(path.join(args.ics, Html.fileName(run, "ics")), text)
        written++
      }
      io.out(`wrote ${written} calendars (the scenarios with deadlines) to ${args.ics}\n`)
    }
    io.out(`${Print.summary(runs, Stores.describe(args.store))}\n`)
    return runs.every((r) => r.ok) ? 0 : 1
  }).pipe(Effect.scoped)
