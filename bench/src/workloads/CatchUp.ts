/**
 * Workload 4 — catch-up read: read the whole global log (N events, streams of 1,000, written
 * beforehand straight into soltrace's tables) from PostgreSQL and from PGlite.
 *
 * - `raw SELECT` — the reference, the limit: keyset pages of 1,000 rows of the same columns by
 *   position through the same `SqlClient`, `JSON.parse` of data and metadata, nothing else;
 * - `soltrace readAll` — `EventStore.readAll({ after, maxCount: 1000 })` page after page (the
 *   reader-safe query: `transaction_id < xmin`, ordered by `(transaction_id, position)`);
 * - `soltrace subscribe` (PostgreSQL only) — the catch-up subscription (batches of 500, its
 *   default) until it has delivered the N events.
 */
import { EventStore } from "@soltrace/core"
import { Postgres } from "@soltrace/core/pg"
import { PgliteClient } from "@soltrace/core/pglite"
import { SqlEventStore } from "@soltrace/core/sql"
import { Effect, Layer, ManagedRuntime, Stream } from "effect"
import { SqlClient } from "effect/sql"
import type { Contender, Mode, Workload } from "../Harness.js"
import type { Server } from "../PgServer.js"

type Runtime = ManagedRuntime.ManagedRuntime<EventStore.EventStore | SqlClient.SqlClient, unknown>

const PAGE = 1_000

/**
 * Events written and read. PostgreSQL: 1,000,000 (override: `SOLTRACE_BENCH_CATCHUP_EVENTS`).
 * PGlite: 200,000 by default (writing 1,000,000 rows into PGlite takes minutes on a 2-core
 * machine; override: `SOLTRACE_BENCH_PGLITE_EVENTS=1000000`). Quick mode: 2,000.
 */
const totalFor = (mode: Mode, variable: string, full: number): number => {
  const override = Number(process.env[variable])
  return Number.isInteger(override) && override > 0 ? override : mode === "quick" ? 2_000 : full
}

/**
 * Writes `total` events straight into soltrace's tables with `INSERT … SELECT generate_series`, in
 * chunks of 20,000 rows (one transaction each): the same rows `EventStore.append` writes (streams
 * of 1,000 events, a position from the store's sequence, the writer's transaction id), written in
 * seconds instead of minutes. The appends themselves are measured by workload 3.
 */
export const populate = (total: number) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const CHUNK = 20_000
    for (let from = 0; from < total; from += CHUNK) {
      const to = Math.min(total, from + CHUNK) - 1
      yield* sql`INSERT INTO soltrace_events (position, transaction_id, stream_id, category, stream_version, event_id,
          event_type, schema_version, data, metadata, recorded_at)
        SELECT nextval('soltrace_events_position_seq'), pg_current_xact_id(), 'ticket-' || (g / ${PAGE}::int8), 'ticket',
          (g % ${PAGE}::int8) + 1, 'ticket-' || (g / ${PAGE}::int8) || '/' || (g % ${PAGE}::int8), 'VisitLogged', 1,
          jsonb_build_object('_tag', 'VisitLogged', 'minutes', 15 + (g % 90), 'on', '2025-03-04'),
          jsonb_build_object('commandId', 'ticket-' || (g / ${PAGE}::int8) || '/' || (g % ${PAGE}::int8),
                             'correlationId', 'ticket-' || (g / ${PAGE}::int8)),
          timestamptz '2025-03-04 00:00:00+00'
        FROM generate_series(${from}::int8, ${to}::int8) AS g ORDER BY g`
    }
    yield* sql`ANALYZE soltrace_events`
  })

const check = (label: string, read: number, total: number): void => {
  if (read !== total) throw new Error(`catch-up: ${label} read ${read} events, expected ${total}`)
}

const contenders = (runtime: Runtime, total: number, withSubscribe: boolean): ReadonlyArray<Contender> => {
  const raw = Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    let after = 0
    let count = 0
    let sink = 0
    for (;;) {
      const rows = yield* sql<{
        readonly position: number
        readonly data: string
        readonly metadata: string
      }>`SELECT position::float8 AS position, stream_id, stream_version::float8 AS stream_version, event_id, event_type,
           schema_version, (extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_at,
           data::text AS data, metadata::text AS metadata
         FROM soltrace_events e WHERE e.position > ${after}::int8 ORDER BY e.position LIMIT ${PAGE}::int8`
      if (rows.length === 0) break
      for (const row of rows) {
        sink +=
          (JSON.parse(row.data) as { minutes: number }).minutes + Object.keys(JSON.parse(row.metadata) as object).length
      }
      count += rows.length
      after = rows[rows.length - 1]!.position
    }
    return count + sink * 0
  })

  const readAll = Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    let after = 0
    let count = 0
    for (;;) {
      const page = yield* store.readAll({ after, maxCount: PAGE })
      if (page.length === 0) break
      count += page.length
      after = page[page.length - 1]!.position
    }
    return count
  })

  const subscribe = Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    let count = 0
    yield* store.subscribe({ after: 0 }).pipe(
      Stream.take(total),
      Stream.runForEach(() =>
        Effect.sync(() => {
          count++
        })
      )
    )
    return count
  })

  const run =
    (label: string, program: Effect.Effect<number, unknown, EventStore.EventStore | SqlClient.SqlClient>) => async () =>
      check(label, await runtime.runPromise(program), total)

  return [
    { name: "raw SELECT", units: total, run: run("raw SELECT", raw) },
    { name: "soltrace readAll", units: total, run: run("soltrace readAll", readAll) },
    ...(withSubscribe ? [{ name: "soltrace subscribe", units: total, run: run("soltrace subscribe", subscribe) }] : [])
  ]
}

/** Opens a soltrace store on the server, writes the events, returns the workload. */
export const postgres = async (
  server: Server,
  mode: Mode
): Promise<{ readonly workload: Workload; readonly close: () => Promise<void> }> => {
  const total = totalFor(mode, "SOLTRACE_BENCH_CATCHUP_EVENTS", 1_000_000)
  const url = await server.freshDatabase("bench_catchup")
  const runtime: Runtime = ManagedRuntime.make(
    Postgres.eventStore({ url, maxConnections: 4 }) as Layer.Layer<EventStore.EventStore | SqlClient.SqlClient, unknown>
  )
  const started = performance.now()
  await runtime.runPromise(populate(total))
  const populateSeconds = Math.round((performance.now() - started) / 100) / 10
  return {
    workload: {
      id: "catchup-pg",
      title: "4a. Catch-up read of the global log, PostgreSQL",
      unit: "events",
      reference: "raw SELECT",
      params: { events: total, page: PAGE, populateSeconds },
      // One sample (a whole read of the log) per contender per round, 10 rounds interleaved.
      settings: mode === "quick" ? {} : { rounds: 10, minSamples: 1, maxSamples: 1, minTimeMs: 1, warmupSamples: 0 },
      contenders: contenders(runtime, total, true)
    },
    close: () => runtime.dispose()
  }
}

/** Opens an in-memory PGlite store, writes the events, returns the workload. */
export const pglite = async (
  mode: Mode
): Promise<{ readonly workload: Workload; readonly close: () => Promise<void> }> => {
  const total = totalFor(mode, "SOLTRACE_BENCH_PGLITE_EVENTS", 200_000)
  const runtime: Runtime = ManagedRuntime.make(
    Layer.provideMerge(SqlEventStore.layerWithMigrations(), PgliteClient.layer()) as Layer.Layer<
      EventStore.EventStore | SqlClient.SqlClient,
      unknown
    >
  )
  const started = performance.now()
  await runtime.runPromise(populate(total))
  const populateSeconds = Math.round((performance.now() - started) / 100) / 10
  return {
    workload: {
      id: "catchup-pglite",
      title: "4b. Catch-up read of the global log, PGlite (in-process)",
      unit: "events",
      reference: "raw SELECT",
      params: { events: total, page: PAGE, populateSeconds },
      settings: mode === "quick" ? {} : { rounds: 10, minSamples: 1, maxSamples: 1, minTimeMs: 1, warmupSamples: 0 },
      contenders: contenders(runtime, total, false)
    },
    close: () => runtime.dispose()
  }
}
