/**
 * `pnpm --filter @soltrace/bench exec tsx src/AppendServerTime.ts`: where a 1-event soltrace append
 * spends its time, split between the server function and the rest (client, driver, round trip).
 *
 * On a fresh database of the bench server (`scripts/pg.sh`, loopback): 100 streams × 10 events
 * are appended one event at a time (`Exact(v)`, the shape of workload 3a) to warm up, the tables
 * are analysed, then the same again is timed from the client while PostgreSQL's own function
 * statistics (`track_functions = 'pl'`, `pg_stat_user_functions`) time `soltrace_append_many`
 * on the server. The same is done for the minimal design's `INSERT` (client time only: a plain
 * statement has no function statistics). Not a workload of `pnpm bench`: no contenders, a split.
 */
import { EventStore } from "@soltrace/core"
import { Postgres } from "@soltrace/core/pg"
import type { Layer } from "effect"
import { Effect, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql"
import pg from "pg"
import * as PgServer from "./PgServer.js"

type Runtime = ManagedRuntime.ManagedRuntime<EventStore.EventStore | SqlClient.SqlClient, unknown>

const STREAMS = 100
const EVENTS = 10

const main = async () => {
  const server = await PgServer.start()
  try {
    const url = await server.freshDatabase("bench_server_time")
    const admin = new pg.Client({ connectionString: server.url("postgres") })
    await admin.connect()
    await admin.query(`ALTER DATABASE bench_server_time SET track_functions = 'pl'`)
    await admin.end()
    const runtime: Runtime = ManagedRuntime.make(
      Postgres.eventStore({ url, maxConnections: 1 }) as Layer.Layer<
        EventStore.EventStore | SqlClient.SqlClient,
        unknown
      >
    )
    const sqlRun = <A>(f: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>) =>
      runtime.runPromise(
        Effect.gen(function* () {
          return yield* f(yield* SqlClient.SqlClient)
        })
      )
    await sqlRun((sql) =>
      sql.unsafe(`CREATE TABLE minimal_events (
        position bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL, version bigint NOT NULL, event_id text NOT NULL, event_type text NOT NULL,
        data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, version))`)
    )

    const soltrace = (label: string) =>
      runtime.runPromise(
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
        })
      )
    const minimal = (label: string) =>
      sqlRun((sql) =>
        Effect.gen(function* () {
          for (let s = 0; s < STREAMS; s++) {
            const stream = `ticket-${label}${s}`
            for (let i = 0; i < EVENTS; i++) {
              yield* sql`INSERT INTO minimal_events ${sql.insert({
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

    for (let w = 0; w < 3; w++) {
      await soltrace(`warm${w}-`)
      await minimal(`warm${w}-`)
    }
    await sqlRun((sql) => sql.unsafe("ANALYZE"))
    const appends = STREAMS * EVENTS
    const rounds: Array<string> = []
    for (let r = 0; r < 5; r++) {
      // Flush this backend's pending statistics first, so the reset also clears what came before.
      await sqlRun((sql) => sql.unsafe("SELECT pg_stat_force_next_flush()"))
      await sqlRun((sql) => sql.unsafe("SELECT pg_stat_reset()"))
      const t0 = performance.now()
      await soltrace(`r${r}-`)
      const soltraceUs = ((performance.now() - t0) * 1000) / appends
      const stats = await sqlRun((sql) =>
        Effect.gen(function* () {
          yield* sql.unsafe("SELECT pg_stat_force_next_flush()")
          yield* sql.unsafe("SELECT 1")
          return yield* sql<{ funcname: string; calls: string; total: number; self: number }>`
            SELECT funcname, calls::text, total_time AS total, self_time AS self
            FROM pg_stat_user_functions WHERE funcname LIKE 'soltrace%' ORDER BY total_time DESC`
        })
      )
      const t1 = performance.now()
      await minimal(`r${r}-`)
      const minimalUs = ((performance.now() - t1) * 1000) / appends
      const main = stats.find((s) => s.funcname === "soltrace_append_many")
      const serverUs = main === undefined ? Number.NaN : (Number(main.total) * 1000) / Number(main.calls)
      rounds.push(
        `round ${r + 1}: soltrace ${soltraceUs.toFixed(0)} µs/append (server function ${serverUs.toFixed(0)} µs, ` +
          `rest ${(soltraceUs - serverUs).toFixed(0)} µs); minimal INSERT ${minimalUs.toFixed(0)} µs/append; ` +
          `functions: ${stats.map((s) => `${s.funcname} ${s.calls} calls ${(Number(s.total) * 1000) / Number(s.calls)} µs`).join(", ")}`
      )
    }
    for (const line of rounds) console.log(line)
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
