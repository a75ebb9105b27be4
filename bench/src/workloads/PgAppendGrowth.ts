/**
 * Workload 3e — is the append flat from an empty store? (issue 12, "a lean append whose cost does
 * not depend on table statistics").
 *
 * A fresh database, the store's tables created by its migrations and never analysed: autovacuum
 * is switched off on them (`autovacuum_enabled = false`), so every plan is made without
 * statistics, as on a new database before autovacuum's first pass. One writer then appends
 * 100-event batches (`NoStream`, a new stream each time) from 0 to 20,000 stored events, and the
 * cost is reported per window of 2,000 events: each window is one contender, run in order, so
 * window k starts with k × 2,000 events stored. Five such stores (five fresh databases) grow side
 * by side, the appends of a window going to each in turn: a window is 100 appends (20 per store;
 * the first untimed, 99 timed) — with a single store, 19 samples per window made one run's
 * verdict swing between 0.66× and 2.3×. Flat means the last window costs about what the first
 * does; the reference is the first.
 *
 * The code is warmed on a second database first (same appends), so the first window does not
 * pay the JIT; the measured store's connections are new, so each one plans its statements on the
 * empty, unanalysed table — the case issue 12 measured at 7 ms (2k events) → 40 ms (24k).
 */
import { EventStore } from "@soltrace/core"
import { Postgres } from "@soltrace/core/pg"
import type { Layer } from "effect"
import { Effect, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql"
import type { Contender, Mode, Workload } from "../Harness.js"
import type { Server } from "../PgServer.js"

type Runtime = ManagedRuntime.ManagedRuntime<EventStore.EventStore | SqlClient.SqlClient, unknown>

const PER_APPEND = 100
/** Stores growing side by side (one fresh database each). */
const STORES = 5

const open = async (url: string): Promise<Runtime> => {
  const runtime: Runtime = ManagedRuntime.make(
    Postgres.eventStore({ url, maxConnections: 10 }) as Layer.Layer<
      EventStore.EventStore | SqlClient.SqlClient,
      unknown
    >
  )
  // Building the layer runs the migrations; then keep autovacuum (and its ANALYZE) off these tables.
  await runtime.runPromise(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      for (const table of ["soltrace_events"])
        yield* sql.unsafe(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`)
    })
  )
  return runtime
}

/** One 100-event append to a new stream (`NoStream`). */
const appendOne = (runtime: Runtime, label: string) => {
  let n = 0
  return () =>
    runtime.runPromise(
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const stream = `ticket-${label}${++n}`
        const events: Array<EventStore.EventToAppend> = Array.from({ length: PER_APPEND }, (_, i) => ({
          eventId: `${stream}/${i}`,
          type: "VisitLogged",
          schemaVersion: 1,
          recordedAt: 1_741_046_400_000,
          data: { minutes: 15 + (i % 90), on: "2025-03-04", technician: "tech-7" },
          metadata: { commandId: `${stream}/${i}`, correlationId: stream }
        }))
        yield* store.append(stream, events, EventStore.noStream)
      })
    )
}

/** Statistics of the store's tables at the end (to show that nothing analysed them). */
const statistics = (runtime: Runtime) =>
  runtime.runPromise(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const [count] = yield* sql<{ n: string }>`SELECT count(*)::text AS n FROM soltrace_events`
      // `reltuples` is -1 until a VACUUM or ANALYZE has run; `pg_stats` is what ANALYZE writes.
      const rows = yield* sql<{ relname: string; reltuples: string; stats: string }>`
        SELECT c.relname, c.reltuples::text,
               (SELECT count(*) FROM pg_stats s WHERE s.tablename = c.relname)::text AS stats
        FROM pg_class c
        WHERE c.relname IN ('soltrace_events') ORDER BY c.relname`
      return { events: count?.n ?? "?", rows }
    })
  )

/** The growth workload on `server`, and how to close its connections. */
export const make = async (
  server: Server,
  mode: Mode
): Promise<{ readonly workload: Workload; readonly close: () => Promise<void> }> => {
  const quick = mode === "quick"
  const windows = quick ? 2 : 10
  const appendsPerWindow = quick ? 2 : 20
  const eventsPerWindow = appendsPerWindow * PER_APPEND

  const warm = await open(await server.freshDatabase("bench_growth_warmup"))
  const warmAppend = appendOne(warm, "w")
  for (let i = 0; i < appendsPerWindow * 2; i++) await warmAppend()
  await warm.dispose()

  const runtimes: Array<Runtime> = []
  for (let r = 0; r < STORES; r++) runtimes.push(await open(await server.freshDatabase(`bench_growth${r}`)))
  const appenders = runtimes.map((runtime, r) => appendOne(runtime, `g${r}-`))
  let turn = 0
  const append = () => appenders[turn++ % STORES]!()
  const k = (n: number) => (n === 0 ? "0" : `${n / 1000}k`)
  const contenders: Array<Contender> = Array.from({ length: windows }, (_, w) => ({
    name: `stored ${k(w * eventsPerWindow)}–${k((w + 1) * eventsPerWindow)} events`,
    units: PER_APPEND,
    run: append
  }))
  return {
    workload: {
      id: "pg-append-flat",
      title: "3e. PostgreSQL 100-event appends as the store grows from empty, no statistics",
      unit: "events",
      reference: contenders[0]!.name,
      params: { eventsPerAppend: PER_APPEND, eventsPerWindow, windows, stores: STORES, writers: 1, analysed: "never" },
      // One round, the windows in order; mitata's first call of a window is untimed, so a window
      // of N appends per store gives 5 N - 1 samples (99 in a full run).
      settings: {
        rounds: 1,
        minSamples: STORES * appendsPerWindow - 1,
        maxSamples: STORES * appendsPerWindow - 1,
        minTimeMs: 1,
        warmupSamples: 0
      },
      contenders,
      goals: [
        {
          label: "flat: last window ≥ 0.8× the empty store",
          contender: contenders[windows - 1]!.name,
          minRatio: 0.8
        }
      ]
    },
    close: async () => {
      for (const [r, runtime] of runtimes.entries()) {
        const { events, rows } = await statistics(runtime)
        // Printed with the results: the stored events match the windows, and nothing analysed them.
        console.log(`(pg-append-flat, store ${r + 1}: ${events} events stored)`)
        for (const row of rows)
          console.log(
            `(pg-append-flat, store ${r + 1}: ${row.relname}: reltuples ${row.reltuples}, pg_stats rows ${row.stats})`
          )
        await runtime.dispose()
      }
    }
  }
}
