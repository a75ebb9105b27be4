#!/usr/bin/env node
// `pnpm test`: builds the packages, type-checks, runs every test, then checks the browser bundle
// sizes. The PostgreSQL tests need a server: when SOLTRACE_PG_URL is not set, this starts a
// throwaway one with scripts/pg.sh (loopback only) and stops it at the end. Where that is not
// possible, the other tests still run and ONE loud line says which tests did not run and the
// command that runs them; under CI=true that is a failure instead.
//
// Plain JavaScript on purpose: it runs before anything is built, on any Node >= 20.19.
import { spawnSync } from "node:child_process"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"

const root = join(import.meta.dirname, "..")
const ci = process.env.CI === "true"

const sh = (command, args, options = {}) =>
  spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env, ...options })

/** Test files and snippets that only run with a PostgreSQL server (they read SOLTRACE_PG_URL). */
const postgresTests = () => {
  const found = []
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (name.endsWith(".ts") && readFileSync(full, "utf8").includes("SOLTRACE_PG_URL")) found.push(full)
    }
  }
  for (const dir of ["packages", "docs/snippets", "examples", "test"]) walk(join(root, dir))
  return found.map((f) => relative(root, f)).filter((f) => /\.test\.ts$|snippets\//.test(f))
}

let startedHere = false
if (!process.env.SOLTRACE_PG_URL) {
  // a server someone else started (same folder and port) is used and left running
  const already = sh("bash", ["scripts/pg.sh", "status"], { stdio: "ignore" }).status === 0
  const pg = sh("bash", ["scripts/pg.sh", "start"], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" })
  if (pg.status === 0) {
    process.env.SOLTRACE_PG_URL = pg.stdout.trim().split("\n").pop()
    startedHere = !already
    console.log(
      already
        ? `test: PostgreSQL already running on ${process.env.SOLTRACE_PG_URL} (scripts/pg.sh), left running`
        : `test: PostgreSQL started on ${process.env.SOLTRACE_PG_URL} (scripts/pg.sh), stopped at the end`
    )
  } else {
    const lines = (pg.stderr || "").trim().split("\n")
    const why = lines.findLast((l) => /FATAL|pg\.sh:|error/i.test(l)) ?? lines.pop() ?? `exit ${pg.status}`
    const line =
      `\n!!! POSTGRESQL TESTS NOT RUN: ${postgresTests().join(", ")} — no server (scripts/pg.sh: ${why}). ` +
      `Run them with: SOLTRACE_PG_URL=postgres://USER@127.0.0.1:PORT/DB pnpm test   (or as root: pnpm test, which starts scripts/pg.sh) !!!\n`
    if (ci) {
      console.error(line.replace("NOT RUN", "NOT RUN ON CI (failing)"))
      process.exit(1)
    }
    // printed once, after the test output, where it is seen
    process.on("exit", () => console.warn(line))
  }
}

const steps = [
  ["pnpm", ["run", "build"]],
  ["pnpm", ["run", "check"]],
  ["pnpm", ["exec", "vitest", "run", ...process.argv.slice(2)]],
  // the browser bundle budget of a partner page (.size-limit.json): one rule ≤ 30 kB gzip
  ["pnpm", ["run", "size"]]
]
let status = 0
for (const [command, args] of steps) {
  const result = sh(command, args)
  if (result.status !== 0) {
    status = result.status ?? 1
    break
  }
}
if (startedHere) sh("bash", ["scripts/pg.sh", "stop"], { stdio: ["ignore", "ignore", "inherit"] })
process.exit(status)
