/**
 * `pnpm bench [--quick] [--only=id,id] [--no-pg] [--out=FILE]`
 *
 * Runs every workload (contenders of a workload in the same process, on the same data), prints a
 * table per workload and writes the results as JSON to `bench/results/<mode>.json` (`latest.json`
 * for a full run, `quick.json` for `--quick`). The PostgreSQL workloads start and stop their own
 * throwaway server with `scripts/pg.sh` (loopback only).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { formatTable, machine, runWorkload, Skip } from "./Harness.js"
import type { Mode, Workload, WorkloadResult } from "./Harness.js"
import { finish, WORKLOADS } from "./Workloads.js"
import type { WorkloadEntry } from "./Workloads.js"

/** Command-line options. */
export interface Options {
  readonly mode: Mode
  readonly only: ReadonlyArray<string> | undefined
  readonly pg: boolean
  readonly out: string | undefined
  readonly write: boolean
}

/** Parses `--quick`, `--only=a,b`, `--no-pg`, `--out=FILE`, `--no-write` (a bare `--` is ignored). */
export const parseArgs = (argv: ReadonlyArray<string>): Options => {
  let mode: Mode = "full"
  let only: Array<string> | undefined
  let pg = true
  let out: string | undefined
  let write = true
  for (const arg of argv) {
    if (arg === "--") continue
    else if (arg === "--quick") mode = "quick"
    else if (arg === "--no-pg") pg = false
    else if (arg === "--no-write") write = false
    else if (arg.startsWith("--only="))
      only = arg
        .slice("--only=".length)
        .split(",")
        .filter((s) => s !== "")
    else if (arg.startsWith("--out=")) out = arg.slice("--out=".length)
    else throw new Error(`bench: unknown argument ${arg} (use --quick, --only=id,id, --no-pg, --out=FILE, --no-write)`)
  }
  return { mode, only, pg, out, write }
}

const here = path.dirname(fileURLToPath(import.meta.url))

/** The results file of a run. */
export interface RunResults {
  readonly mode: Mode
  readonly command: string
  readonly startedAt: string
  readonly machine: ReturnType<typeof machine>
  readonly workloads: ReadonlyArray<WorkloadResult>
  readonly skipped: ReadonlyArray<{ readonly id: string; readonly reason: string }>
}

/** Runs the selected workloads and returns (and writes) their results. */
export const runAll = async (options: Options, log: (line: string) => void = console.log): Promise<RunResults> => {
  const selected: Array<WorkloadEntry> = WORKLOADS.filter(
    (w) => (options.only === undefined || options.only.includes(w.id)) && (options.pg || !w.needsPg)
  )
  const results: Array<WorkloadResult> = []
  const skipped: Array<{ id: string; reason: string }> = []
  const startedAt = new Date().toISOString()
  log(`soltrace benchmarks — mode ${options.mode}, node ${process.version}, ${machine().cpus} CPUs`)
  const cleanups: Array<() => Promise<void>> = []
  try {
    for (const entry of selected) {
      let workloads: ReadonlyArray<Workload>
      const setupStarted = performance.now()
      try {
        const made = await entry.make(options.mode)
        workloads = made.workloads
        if (made.cleanup !== undefined) cleanups.push(made.cleanup)
      } catch (error) {
        if (error instanceof Skip) {
          skipped.push({ id: entry.id, reason: error.message })
          log(`\n## ${entry.id}: SKIPPED — ${error.message}`)
          continue
        }
        throw error
      }
      log(`(${entry.id}: set up in ${Math.round(performance.now() - setupStarted) / 1000}s)`)
      for (const workload of workloads) {
        const result = { ...(await runWorkload(workload, options.mode)), entry: entry.id }
        results.push(result)
        log(`\n${formatTable(result)}`)
      }
      // Release what a workload holds (servers, WASM instances) before the next one.
      while (cleanups.length > 0) await cleanups.pop()!()
    }
  } finally {
    while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined)
    await finish()
  }
  const run: RunResults = {
    mode: options.mode,
    command: `pnpm bench${options.mode === "quick" ? " --quick" : ""}`,
    startedAt,
    machine: machine(),
    workloads: results,
    skipped
  }
  if (options.write) {
    const file =
      options.out ?? path.join(here, "..", "results", options.mode === "quick" ? "quick.json" : "latest.json")
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`)
    log(`\nresults written to ${path.relative(process.cwd(), file)}`)
  }
  return run
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  runAll(parseArgs(process.argv.slice(2))).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    }
  )
}
