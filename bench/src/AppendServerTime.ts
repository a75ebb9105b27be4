/**
 * `pnpm --filter @soltrace/bench exec tsx src/AppendServerTime.ts`: where a 1-event append spends
 * its time, split between the server (planning and executing the statement) and the rest
 * (client, driver, round trip, commit), for soltrace and for the minimal design of issue 12.
 *
 * It starts its own throwaway server (port 54341, `/tmp/soltrace-bench-pg-statements`) with
 * `pg_stat_statements` loaded (`track = all`, `track_planning = on`), so that the server's own
 * statistics time each statement (`mean_plan_time`, `mean_exec_time`; nested statements of
 * functions included). On a fresh database, 100 streams × 10 events are appended one event at a
 * time (`Exact(v)`, the shape of workload 3a) by each of soltrace (`EventStore.append`, with
 * effect's default tracer and with tracing off),
 * soltrace's own one-event statement sent straight through the driver (no validation, no Effect
 * wrapper of the store, no span of the store: what the store adds on the client is the
 * difference), the same row by a plain `INSERT … VALUES` into soltrace's table (no lock, no
 * lookup: what the statement costs beyond the schema), the minimal design and the minimal design
 * with soltrace's indexes, three times to warm up; the tables are analysed; then
 * ten rounds, each contender in turn, with the statistics reset before each contender; the
 * median and range of each figure per append. Besides the server's statement times, the CPU time
 * of each side: this process (client, driver, Effect) and the connection's server backend
 * (Linux scheduler statistics), which vary far less between rounds than the wall-clock time. Not a
 * workload of `pnpm bench`: no goals, a split.
 */
import { readFileSync } from "node:fs"
import { EventStore } from "@soltrace/core"
import { Postgres } from "@soltrace/core/pg"
import type { Layer } from "effect"
import { Effect, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql"
// The store's statements are internal; this diagnostic reads them from the package's source.
import { single } from "../../packages/core/src/sql/internal/fastAppend.js"
import * as PgServer from "./PgServer.js"
import { MINIMAL_INDEXED_TABLE, MINIMAL_TABLE, PLAIN_INSERT } from "./workloads/PgAppends.js"

type Runtime = ManagedRuntime.ManagedRuntime<EventStore.EventStore | SqlClient.SqlClient, unknown>

const STREAMS = 100
const EVENTS = 10
const ROUNDS = 10

const main = async () => {
  const server = await PgServer.start({
    port: "54341",
    dir: "/tmp/soltrace-bench-pg-statements",
    options:
      "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c pg_stat_statements.track_planning=on"
  })
  try {
    const url = await server.freshDatabase("bench_server_time")
    const runtime: Runtime = ManagedRuntime.make(
      Postgres.eventStore({ url, maxConnections: 1 }) as Layer.Layer<
        EventStore.EventStore | SqlClient.SqlClient,
        unknown
      >
    )
    const sqlRun = <A>(f: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>) =>
      runtime.runPromise(Effect.flatMap(SqlClient.SqlClient, f))
    await sqlRun((sql) =>
      Effect.gen(function* () {
        yield* sql.unsafe(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`)
        // The same two tables as workload 3's contenders.
        for (const statement of [...MINIMAL_TABLE, ...MINIMAL_INDEXED_TABLE]) yield* sql.unsafe(statement)
      })
    )

    const soltraceWith = (tracing: boolean) => (label: string) =>
      runtime.runPromise(
        Effect.withTracerEnabled(
          Effect.gen(function* () {
            const store = yield* EventStore.EventStore
            for (let s = 0; s < STREAMS; s++) {
              const stream = `ticket-${label}${s}`
              for (let i = 0; i < EVENTS; i++) {
                yield* store.append(
                  stream,
                  [
                    {
                      eventId: `${stream}/${i}`,
                      type: "VisitLogged",
                      schemaVersion: 1,
                      recordedAt: 1_741_046_400_000,
                      data: { minutes: 15 + (i % 90), on: "2025-03-04", technician: "tech-7" },
                      metadata: { commandId: `${stream}/${i}`, correlationId: stream }
                    }
                  ],
                  EventStore.exact(i)
                )
              }
            }
          }),
          tracing
        )
      )
    const soltrace = soltraceWith(true)
    /** The parameters of the store's one-event statement, as the store sends them. */
    const paramsOf = (stream: string, i: number): Array<unknown> => [
      stream,
      "ticket",
      `${stream}/${i}`,
      "VisitLogged",
      1,
      JSON.stringify({ minutes: 15 + (i % 90), on: "2025-03-04", technician: "tech-7" }),
      JSON.stringify({ commandId: `${stream}/${i}`, correlationId: stream }),
      "1741046400000"
    ]
    const statement = (label: string) =>
      sqlRun((sql) =>
        Effect.gen(function* () {
          for (let s = 0; s < STREAMS; s++) {
            const stream = `ticket-${label}${s}`
            for (let i = 0; i < EVENTS; i++) {
              const rows = yield* i === 0
                ? sql.unsafe(single.no_stream, paramsOf(stream, i))
                : sql.unsafe(single.exact, [...paramsOf(stream, i), String(i)])
              if (rows.length !== 1) return yield* Effect.fail(`statement: not appended at ${stream}@${i}`)
            }
          }
        })
      )
    /**
     * The same row into soltrace's table by a plain `INSERT … VALUES` (the version from the client):
     * no stream lock, no expected-version lookup, no allocation lock — what soltrace's statement
     * costs beyond its schema.
     */
    const plain = (label: string) =>
      sqlRun((sql) =>
        Effect.gen(function* () {
          for (let s = 0; s < STREAMS; s++) {
            const stream = `ticket-${label}${s}`
            for (let i = 0; i < EVENTS; i++) {
              yield* sql.unsafe(PLAIN_INSERT, [...paramsOf(stream, i), String(i)])
            }
          }
        })
      )
    const minimal = (name: "minimal_events" | "minimal_indexed_events") => (label: string) =>
      sqlRun((sql) =>
        Effect.gen(function* () {
          for (let s = 0; s < STREAMS; s++) {
            const stream = `ticket-${label}${s}`
            for (let i = 0; i < EVENTS; i++) {
              yield* sql`INSERT INTO ${sql(name)} ${sql.insert({
                stream_id: stream,
                version: i + 1,
                event_id: `${stream}/${i}`,
                event_type: "VisitLogged",
                data: JSON.stringify({ minutes: 15 + (i % 90), on: "2025-03-04", technician: "tech-7" }),
                metadata: JSON.stringify({ commandId: `${stream}/${i}`, correlationId: stream })
              })}`
            }
          }
        })
      )
    // The statements of each contender, as pg_stat_statements shows them.
    const contenders: ReadonlyArray<readonly [string, (label: string) => Promise<unknown>, string]> = [
      ["soltrace", soltrace, "%soltrace_events%"],
      ["soltrace, tracing off", soltraceWith(false), "%soltrace_events%"],
      ["soltrace's statement (no store)", statement, "%soltrace_events%"],
      ["plain INSERT into soltrace's table", plain, "%soltrace_events%"],
      ["minimal design", minimal("minimal_events"), `INSERT INTO "minimal_events"%`],
      ["minimal + soltrace's indexes", minimal("minimal_indexed_events"), `INSERT INTO "minimal_indexed_events"%`]
    ]

    for (let w = 0; w < 3; w++) for (const [name, run] of contenders) await run(`warm${w}${name.length}-`)
    // CPU time per append on each side: this process (client, driver, Effect), and the server
    // backend of the one connection (Linux: its scheduler's run time, /proc/<pid>/schedstat, ns).
    const backend = await sqlRun((sql) => sql<{ readonly pid: number }>`SELECT pg_backend_pid() AS pid`)
    const serverCpuUs = (): number | undefined => {
      try {
        return Number(readFileSync(`/proc/${backend[0]!.pid}/schedstat`, "utf8").split(" ")[0]) / 1000
      } catch {
        return undefined
      }
    }
    await sqlRun((sql) => sql.unsafe("ANALYZE"))
    const appends = STREAMS * EVENTS
    const metrics = ["total", "execute", "rest", "client CPU", "server CPU"] as const
    const samples = new Map<string, Record<(typeof metrics)[number], Array<number>>>()
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, run, like] of contenders) {
        await sqlRun((sql) => sql.unsafe("SELECT pg_stat_statements_reset()"))
        const server0 = serverCpuUs()
        const client0 = process.cpuUsage()
        const t0 = performance.now()
        await run(`r${r}${name.length}-`)
        const totalUs = ((performance.now() - t0) * 1000) / appends
        const client = process.cpuUsage(client0)
        const server1 = serverCpuUs()
        const stats = await sqlRun(
          (sql) =>
            sql<{ readonly plan: number; readonly exec: number }>`
            SELECT coalesce(sum(total_plan_time), 0)::float8 AS plan, coalesce(sum(total_exec_time), 0)::float8 AS exec
            FROM pg_stat_statements WHERE query LIKE ${like} AND calls >= 10`
        )
        const planUs = (Number(stats[0]?.plan ?? 0) * 1000) / appends
        const execUs = (Number(stats[0]?.exec ?? 0) * 1000) / appends
        if (planUs > 1) console.log(`note: ${name} spent ${planUs.toFixed(1)} µs/append planning in round ${r + 1}`)
        const s = samples.get(name) ?? { total: [], execute: [], rest: [], "client CPU": [], "server CPU": [] }
        s.total.push(totalUs)
        s.execute.push(execUs)
        s.rest.push(totalUs - planUs - execUs)
        s["client CPU"].push((client.user + client.system) / appends)
        if (server0 !== undefined && server1 !== undefined) s["server CPU"].push((server1 - server0) / appends)
        samples.set(name, s)
      }
    }
    const cell = (values: ReadonlyArray<number>): string => {
      if (values.length === 0) return "n/a"
      const sorted = [...values].sort((a, b) => a - b)
      const median = sorted[Math.floor(sorted.length / 2)]!
      return `${median.toFixed(0)} µs (${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)})`
    }
    console.log(`per append, median of ${ROUNDS} rounds of ${appends} appends (range)`)
    console.log(`| contender | ${metrics.join(" | ")} |`)
    console.log(`| --- | ${metrics.map(() => "---:").join(" | ")} |`)
    for (const [name, s] of samples) console.log(`| ${name} | ${metrics.map((m) => cell(s[m])).join(" | ")} |`)
    await runtime.dispose()
  } finally {
    await server.stop()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
