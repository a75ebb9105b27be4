/**
 * The throwaway PostgreSQL server of the benchmarks: started and stopped with `scripts/pg.sh`, on
 * its own port and data directory (so it never touches the test suite's server), loopback only.
 */
import { execFileSync } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"
import { Skip } from "./Harness.js"

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "scripts", "pg.sh")

/** Another server than the bench's: its port, data directory and extra server options. */
export interface ServerOptions {
  readonly port: string
  readonly dir: string
  readonly options?: string | undefined
}

/** Bench server settings: `SOLTRACE_BENCH_PG_PORT` (default 54339), dir `/tmp/soltrace-bench-pg`. */
const env = (server?: ServerOptions): NodeJS.ProcessEnv => ({
  ...process.env,
  SOLTRACE_PG_PORT: server?.port ?? process.env["SOLTRACE_BENCH_PG_PORT"] ?? "54339",
  SOLTRACE_PG_DIR: server?.dir ?? process.env["SOLTRACE_BENCH_PG_DIR"] ?? "/tmp/soltrace-bench-pg",
  SOLTRACE_PG_OPTIONS: server?.options ?? ""
})

const pgsh = (command: "start" | "stop" | "clean", server?: ServerOptions): string =>
  execFileSync("bash", [script, command], {
    env: env(server),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"]
  }).trim()

/** A running server: its base URL and how to get a fresh database on it. */
export interface Server {
  readonly url: (database: string) => string
  /** Drops (if present) and creates `database`. */
  readonly freshDatabase: (database: string) => Promise<string>
  readonly stop: () => Promise<void>
}

/** Starts the bench server, or another one (a `Skip` if this machine cannot run one). */
export const start = async (server?: ServerOptions): Promise<Server> => {
  let base: string
  try {
    // Every workload then works in databases it drops and creates, so nothing of a previous run
    // is read; the data directory is kept between runs (initdb is slow on a loaded machine).
    base = pgsh("start", server).split("\n").pop()!.trim()
  } catch (error) {
    const detail =
      error instanceof Error && "stderr" in error ? String((error as { stderr: unknown }).stderr) : String(error)
    throw new Skip(`cannot start PostgreSQL with scripts/pg.sh: ${detail.trim().split("\n").slice(-3).join(" | ")}`)
  }
  if (!/^postgres:\/\/[^@]+@127\.0\.0\.1:\d+\//.test(base)) throw new Skip(`pg.sh returned an unexpected URL: ${base}`)
  const url = (database: string) => base.replace(/\/[^/]*$/, `/${database}`)
  const freshDatabase = async (database: string) => {
    const admin = new pg.Client({ connectionString: url("postgres") })
    await admin.connect()
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${database}`)
      await admin.query(`CREATE DATABASE ${database}`)
    } finally {
      await admin.end()
    }
    return url(database)
  }
  return {
    url,
    freshDatabase,
    stop: async () => {
      pgsh("stop", server)
    }
  }
}
