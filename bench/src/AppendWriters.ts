/**
 * `pnpm --filter @soltrace/bench exec tsx src/AppendWriters.ts`: a 1-event append by 8 concurrent
 * writers (the shape of workload 3b), split by what each part of soltrace's append costs, and the
 * CPU time of each side. Not a workload of `pnpm bench`: no goals, a split (~1 min).
 *
 * It starts its own throwaway server (port 54343, `/tmp/soltrace-bench-pg-writers`, fsync off).
 * Each contender appends 200 streams × 10 events, one event per append (`Exact(v)` after the
 * first), the streams split between 8 writers (fibers) over one pool of 10 connections. Contenders:
 *
 * - `EventStore.append` with effect's default tracer, and with tracing off;
 * - soltrace's one-event statement sent straight through the driver (tracing on: the SQL client's
 *   span is made), and the same under one more span (`Effect.withSpan`): what one span costs;
 * - two diagnostics that are **not correct designs** and exist only to measure the locks: the
 *   statement without the short global allocation lock (positions could then disagree with
 *   transaction order: a reader could skip an event), and without both the allocation lock and
 *   the stream's lock (log order would no longer be stream order);
 * - the same row by a plain `INSERT … VALUES` into soltrace's table (no lock, no lookup: what the
 *   statement costs beyond the schema);
 * - the minimal design of issue 12, and the same with soltrace's indexes (workload 3's tables).
 *
 * Three warm-up passes, `ANALYZE`, then 20 rounds, the contenders interleaved in each round. Per
 * append, the median of the rounds and their range: the wall-clock time (2,000 appends over the
 * round's duration: the inverse of throughput), the CPU time of this process (client, driver,
 * Effect) and of the server (the sum over the pool's backends, from Linux scheduler statistics).
 * On a 2-core machine, where the client and 8 server backends share the cores, the sum of the
 * two CPU times is what bounds the throughput.
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

type Services = EventStore.EventStore | SqlClient.SqlClient

const STREAMS = 200
const EVENTS = 10
const WRITERS = 8
const ROUNDS = 20

/** The one-event `exact` statement without the allocation lock (diagnostic, not correct). */
const withoutAllocationLock = single.exact
  .replace(/pg_advisory_lock\(\d+\)::text AS locked, /, "")
  .replace(/, pg_advisory_unlock\(\d+\) AS unlocked/, "")
/** … and without the stream's lock either (diagnostic, not correct). */
const withoutLocks = withoutAllocationLock.replace(
  /pg_advisory_xact_lock\(\d+, hashtext\(\$1::text\)\)::text AS l, /,
  ""
)

const data = (i: number) => ({ minutes: 15 + (i % 90), on: "2025-03-04", technician: "tech-7" })
const metadata = (stream: string, i: number) => ({ commandId: `${stream}/${i}`, correlationId: stream })

const main = async () => {
  if (withoutAllocationLock === single.exact || withoutLocks === withoutAllocationLock) {
    throw new Error("the statement's locks were not found: update the diagnostics to the statement's text")
  }
  const server = await PgServer.start({ port: "54343", dir: "/tmp/soltrace-bench-pg-writers", options: "" })
  try {
    const url = await server.freshDatabase("bench_writers")
    const runtime = ManagedRuntime.make(
      Postgres.eventStore({ url, maxConnections: 10 }) as Layer.Layer<Services, unknown>
    )
    const sqlRun = <A>(f: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>) =>
      runtime.runPromise(Effect.flatMap(SqlClient.SqlClient, f))
    await sqlRun((sql) => Effect.forEach([...MINIMAL_TABLE, ...MINIMAL_INDEXED_TABLE], (s) => sql.unsafe(s)))

    /** `append(stream, i)` for every stream and event, by `WRITERS` fibers. */
    const byWriters =
      (append: (stream: string, i: number) => Effect.Effect<unknown, unknown, Services>, tracing = true) =>
      (label: string) =>
        runtime.runPromise(
          Effect.withTracerEnabled(
            Effect.forEach(
              Array.from({ length: WRITERS }, (_, w) => w),
              (w) =>
                Effect.gen(function* () {
                  for (let s = w; s < STREAMS; s += WRITERS) {
                    const stream = `ticket-${label}${s}`
                    for (let i = 0; i < EVENTS; i++) yield* append(stream, i)
                  }
                }),
              { concurrency: WRITERS, discard: true }
            ),
            tracing
          )
        )
    const store = (tracing: boolean) =>
      byWriters(
        (stream, i) =>
          Effect.flatMap(EventStore.EventStore, (s) =>
            s.append(
              stream,
              [
                {
                  eventId: `${stream}/${i}`,
                  type: "VisitLogged",
                  schemaVersion: 1,
                  recordedAt: 1_741_046_400_000,
                  data: data(i),
                  metadata: metadata(stream, i)
                }
              ],
              EventStore.exact(i)
            )
          ),
        tracing
      )
    /** soltrace's one-event statement (`no_stream` first, then `exact` — or a diagnostic variant). */
    const statement = (exact: string, span: boolean, first = single.no_stream) =>
      byWriters((stream, i) => {
        const params = [
          stream,
          "ticket",
          `${stream}/${i}`,
          "VisitLogged",
          1,
          JSON.stringify(data(i)),
          JSON.stringify(metadata(stream, i)),
          "1741046400000"
        ]
        const sent = Effect.flatMap(SqlClient.SqlClient, (sql) =>
          i === 0 && first !== PLAIN_INSERT ? sql.unsafe(first, params) : sql.unsafe(exact, [...params, String(i)])
        ).pipe(
          Effect.flatMap((rows) =>
            rows.length === 1 ? Effect.void : Effect.fail(`statement: not appended at ${stream}@${i}`)
          )
        )
        return span ? Effect.withSpan(sent, "append", { captureStackTrace: false }) : sent
      })
    const minimal = (table: "minimal_events" | "minimal_indexed_events") =>
      byWriters((stream, i) =>
        Effect.flatMap(
          SqlClient.SqlClient,
          (sql) =>
            sql`INSERT INTO ${sql(table)} ${sql.insert({
              stream_id: stream,
              version: i + 1,
              event_id: `${stream}/${i}`,
              event_type: "VisitLogged",
              data: JSON.stringify(data(i)),
              metadata: JSON.stringify(metadata(stream, i))
            })}`
        )
      )
    const contenders: ReadonlyArray<readonly [string, (label: string) => Promise<unknown>]> = [
      ["soltrace `EventStore.append` (effect's default tracer)", store(true)],
      ["soltrace `EventStore.append`, tracing off", store(false)],
      ["soltrace's statement sent straight through the driver", statement(single.exact, false)],
      ["the same under one more span", statement(single.exact, true)],
      ["diagnostic: the statement without the allocation lock", statement(withoutAllocationLock, false)],
      ["diagnostic: the statement without any lock", statement(withoutLocks, false)],
      [
        "plain `INSERT … VALUES` into soltrace's table (no lock, no lookup)",
        statement(PLAIN_INSERT, false, PLAIN_INSERT)
      ],
      ["minimal design", minimal("minimal_events")],
      ["minimal design + soltrace's indexes", minimal("minimal_indexed_events")]
    ]

    for (let w = 0; w < 3; w++) for (const [c, [, run]] of contenders.entries()) await run(`warm${w}c${c}-`)
    await sqlRun((sql) => sql.unsafe("ANALYZE"))
    // Every contender wrote what it should (the store and the statements into soltrace's table).
    const counts = await sqlRun(
      (sql) =>
        sql<{ readonly n: number }>`SELECT (SELECT count(*) FROM soltrace_events)::int4 AS n
        UNION ALL SELECT count(*)::int4 FROM minimal_events UNION ALL SELECT count(*)::int4 FROM minimal_indexed_events`
    )
    const perPass = STREAMS * EVENTS * 3
    if (counts[0]!.n !== perPass * 7 || counts[1]!.n !== perPass || counts[2]!.n !== perPass) {
      throw new Error(`unexpected row counts after warm-up: ${counts.map((c) => c.n).join(", ")}`)
    }
    // The pool's backends (opened during the warm-up), for their CPU time.
    const backends = await sqlRun(
      (sql) => sql<{ readonly pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`
    )
    const serverCpuUs = (): number =>
      backends.reduce((sum, { pid }) => {
        try {
          return sum + Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]) / 1000
        } catch {
          return sum
        }
      }, 0)

    const appends = STREAMS * EVENTS
    const metrics = ["wall-clock", "client CPU", "server CPU"] as const
    const samples = new Map<string, Record<(typeof metrics)[number], Array<number>>>()
    for (let r = 0; r < ROUNDS; r++) {
      for (const [c, [name, run]] of contenders.entries()) {
        const server0 = serverCpuUs()
        const client0 = process.cpuUsage()
        const t0 = performance.now()
        await run(`r${r}c${c}-`)
        const wall = ((performance.now() - t0) * 1000) / appends
        const client = process.cpuUsage(client0)
        const server1 = serverCpuUs()
        const s = samples.get(name) ?? { "wall-clock": [], "client CPU": [], "server CPU": [] }
        s["wall-clock"].push(wall)
        s["client CPU"].push((client.user + client.system) / appends)
        s["server CPU"].push((server1 - server0) / appends)
        samples.set(name, s)
      }
    }
    const median = (values: ReadonlyArray<number>): number => [...values].sort((a, b) => a - b)[values.length >> 1]!
    const cell = (values: ReadonlyArray<number>): string =>
      `${median(values).toFixed(1)} µs (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`
    const minimalWall = median(samples.get("minimal design")!["wall-clock"])
    console.log(
      `per append, ${WRITERS} writers, ${backends.length} backends; median of ${ROUNDS} rounds of ${appends} appends (range)`
    )
    console.log(`| contender | ${metrics.join(" | ")} | minimal design's time / this |`)
    console.log(`| --- | ${metrics.map(() => "---:").join(" | ")} | ---: |`)
    for (const [name, s] of samples) {
      const ratio = (minimalWall / median(s["wall-clock"])).toFixed(2)
      console.log(`| ${name} | ${metrics.map((m) => cell(s[m])).join(" | ")} | ${ratio}× |`)
    }
    // The statements and diagnostics all write into soltrace's table, which so holds more rows than
    // the minimal tables (a larger index costs a little more per insert): said with the figures.
    const rows = await sqlRun(
      (sql) =>
        sql<{ readonly n: number }>`SELECT (SELECT count(*) FROM soltrace_events)::int4 AS n
        UNION ALL SELECT count(*)::int4 FROM minimal_events UNION ALL SELECT count(*)::int4 FROM minimal_indexed_events`
    )
    console.log(
      `rows at the end: soltrace's table ${rows[0]!.n}, minimal ${rows[1]!.n}, minimal + indexes ${rows[2]!.n}`
    )
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
