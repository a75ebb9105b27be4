/**
 * Workload 3 — appends to PostgreSQL: S streams × M events, with expected versions, by 1 writer
 * and by 8 concurrent writers (the streams are split between the writers; each writer appends to
 * its streams one append at a time), on one throwaway server (`scripts/pg.sh`, loopback).
 *
 * Two shapes of append:
 * - **1 event per append** (M appends per stream, `Exact(v)` each time — what a command handler
 *   does);
 * - **a batch of B events per append** (one append per stream, `NoStream`).
 *
 * Contenders (same rows, same JSON):
 * - `raw INSERT (@effect/sql-pg)` — the reference, the limit: a plain `INSERT` of the same rows
 *   (one statement per append, multi-row for a batch) into a table with the same key constraints,
 *   through the driver soltrace uses, no version check;
 * - `raw INSERT (pg)` — the same through node-postgres, Emmett's driver;
 * - `soltrace SqlEventStore` — `EventStore.append` of `@soltrace/core/sql` on `@soltrace/core/pg`,
 *   with effect's default tracer (spans are made: what an application gets unless it turns tracing
 *   off); `soltrace SqlEventStore, tracing off` — the same under `Effect.withTracerEnabled(false)`
 *   (no span at all, the SQL client's included);
 * - `emmett PostgreSQL` — `getPostgreSQLEventStore(...).appendToStream` with the expected version;
 * - `minimal design (@effect/sql-pg)` — the "minimal correct design" of issue 12, written here
 *   only: one `INSERT` per append into a table with a unique `(stream_id, version)` (the expected
 *   version is enforced by that key), a sequence for the global position and
 *   `transaction_id xid8 DEFAULT pg_current_xact_id()`, through soltrace's driver;
 * - `minimal design + soltrace's indexes` — the same with the three indexes soltrace's reads and
 *   idempotency need on top (unique `event_id`, `(transaction_id, position)` for `readAll`,
 *   `(category, transaction_id, position)` for `readCategory`): what the schema costs, apart
 *   from the statement.
 *
 * Steady state, not a fresh store: before timing, every contender writes a seed (100 streams ×
 * 100 events) and every workload `ANALYZE`s both databases, so no contender is measured on a plan
 * made while its tables had no statistics (the fresh-store transient is measured on its own by
 * `pg-append-flat`, `PgAppendGrowth.ts`). A full run takes 12 samples per contender, one per round,
 * the contenders interleaved round after round; the spread is the best and worst sample.
 */
import { getPostgreSQLEventStore, type PostgresEventStore } from "@event-driven-io/emmett-postgresql"
import { EventStore } from "@soltrace/core"
import { Postgres } from "@soltrace/core/pg"
import type { Layer } from "effect"
import { Effect, ManagedRuntime } from "effect"
import { SqlClient } from "effect/sql"
import pg from "pg"
import type { Contender, Mode, Workload } from "../Harness.js"
import type { Server } from "../PgServer.js"

/** The event payload of every contender (a visit logged on a ticket). */
const payload = (i: number) => ({ minutes: 15 + (i % 90), on: "2025-03-04", technician: "tech-7" })
const metadata = (stream: string, i: number) => ({ commandId: `${stream}/${i}`, correlationId: stream })

const RAW_TABLE = `CREATE TABLE IF NOT EXISTS raw_events (
  position bigserial PRIMARY KEY,
  stream_id text NOT NULL,
  stream_version bigint NOT NULL,
  event_id text NOT NULL UNIQUE,
  event_type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, stream_version)
)`

/** The minimal correct design of issue 12 (bench only; not the library's schema). */
export const MINIMAL_TABLE = [
  `CREATE SEQUENCE IF NOT EXISTS minimal_events_position`,
  `CREATE TABLE IF NOT EXISTS minimal_events (
  position bigint PRIMARY KEY DEFAULT nextval('minimal_events_position'),
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  version bigint NOT NULL,
  event_id text NOT NULL,
  event_type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, version)
)`
]

/** The minimal design with the indexes soltrace's reads and idempotency need (bench only). */
export const MINIMAL_INDEXED_TABLE = [
  `CREATE SEQUENCE IF NOT EXISTS minimal_indexed_events_position`,
  `CREATE TABLE IF NOT EXISTS minimal_indexed_events (
  position bigint PRIMARY KEY DEFAULT nextval('minimal_indexed_events_position'),
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  category text NOT NULL DEFAULT 'ticket',
  version bigint NOT NULL,
  event_id text NOT NULL UNIQUE,
  event_type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, version)
)`,
  `CREATE INDEX IF NOT EXISTS minimal_indexed_commit_order ON minimal_indexed_events (transaction_id, position)`,
  `CREATE INDEX IF NOT EXISTS minimal_indexed_category_order ON minimal_indexed_events (category, transaction_id, position)`
]

/**
 * One event into soltrace's table by a plain `INSERT … VALUES`, the version from the client
 * (`$9` + 1), with the parameters of the store's one-event statement: no stream lock, no
 * expected-version lookup, no allocation lock — what soltrace's statement costs beyond its schema
 * (the splits `AppendServerTime.ts` and `AppendWriters.ts`; bench only, not a correct append).
 */
export const PLAIN_INSERT = `INSERT INTO soltrace_events (position, transaction_id, stream_id, category, stream_version,
  event_id, event_type, schema_version, data, metadata, recorded_at)
  VALUES (nextval('soltrace_events_position_seq'), pg_current_xact_id(), $1::text, $2::text, $9::int8 + 1, $3::text,
  $4::text, $5::int4, $6::jsonb, $7::jsonb, timestamptz 'epoch' + $8::float8 * interval '1 millisecond')
  RETURNING position::float8 AS first`

/** Shared connections of the PostgreSQL workloads. */
export interface Connections {
  readonly runtime: ManagedRuntime.ManagedRuntime<EventStore.EventStore | SqlClient.SqlClient, unknown>
  readonly emmett: PostgresEventStore
  readonly pool: pg.Pool
  /** A connection to Emmett's database (for `ANALYZE`). */
  readonly emmettPool: pg.Pool
  readonly close: () => Promise<void>
}

/** Opens the connections (pools sized for 8 writers) on fresh databases. */
export const connect = async (server: Server): Promise<Connections> => {
  const soltraceUrl = await server.freshDatabase("bench_soltrace")
  const emmettUrl = await server.freshDatabase("bench_emmett")
  const runtime = ManagedRuntime.make(
    Postgres.eventStore({ url: soltraceUrl, maxConnections: 10 }) as Layer.Layer<
      EventStore.EventStore | SqlClient.SqlClient,
      unknown
    >
  )
  await runtime.runPromise(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql.unsafe(RAW_TABLE)
      for (const statement of [...MINIMAL_TABLE, ...MINIMAL_INDEXED_TABLE]) yield* sql.unsafe(statement)
    })
  )
  const emmett = getPostgreSQLEventStore(emmettUrl)
  await emmett.schema.migrate()
  const pool = new pg.Pool({ connectionString: soltraceUrl, max: 10 })
  await pool.query(RAW_TABLE)
  const emmettPool = new pg.Pool({ connectionString: emmettUrl, max: 1 })
  const connections: Connections = {
    runtime,
    emmett,
    pool,
    emmettPool,
    close: async () => {
      await emmett.close()
      await emmettPool.end()
      await pool.end()
      await runtime.dispose()
    }
  }
  return connections
}

/** `ANALYZE`s every table of both databases (soltrace's, the raw and minimal tables; Emmett's). */
export const analyze = async (c: Connections): Promise<void> => {
  await c.pool.query("ANALYZE")
  await c.emmettPool.query("ANALYZE")
}

/** Writes the seed of every contender (100 streams × 100 events, untimed), then `ANALYZE`s. */
export const seed = async (c: Connections, mode: Mode): Promise<void> => {
  const shape: Shape =
    mode === "quick"
      ? { streams: 2, events: 100, perAppend: 100, writers: 1 }
      : { streams: 100, events: 100, perAppend: 100, writers: 1 }
  for (const contender of contenders(c, shape)) await contender.run()
  await analyze(c)
}

interface Shape {
  readonly streams: number
  /** Events per stream. */
  readonly events: number
  /** Events per append (1, or `events` for one batch per stream). */
  readonly perAppend: number
  readonly writers: number
}

/** Runs `work(stream index)` for every stream, `writers` at a time (each writer takes a slice). */
const byWriters = async (streams: number, writers: number, work: (s: number) => Promise<void>): Promise<void> => {
  const tasks: Array<Promise<void>> = []
  for (let w = 0; w < writers; w++) {
    tasks.push(
      (async () => {
        for (let s = w; s < streams; s += writers) await work(s)
      })()
    )
  }
  await Promise.all(tasks)
}

let runCounter = 0

const MINIMAL = "minimal design (@effect/sql-pg)"
const TRACING_OFF = "soltrace SqlEventStore, tracing off"

const contenders = (c: Connections, shape: Shape): ReadonlyArray<Contender> => {
  const units = shape.streams * shape.events
  const appendsPerStream = shape.events / shape.perAppend
  const streamName = (run: number, label: string, s: number) => `ticket-${label}${run}x${s}`

  /**
   * One multi-row `INSERT` per append through `@effect/sql-pg`, `writers` at once: the raw INSERT
   * (table `raw_events`) and the minimal correct design (table `minimal_events`, whose unique
   * `(stream_id, version)` key refuses an append when another writer took its versions — the
   * expected version is `a * perAppend`) differ only in their table and version column.
   */
  const effectInsert =
    (label: string, table: "raw_events" | "minimal_events" | "minimal_indexed_events", versionColumn: string) =>
    async () => {
      const run = ++runCounter
      const program = Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const one = (s: number) =>
          Effect.gen(function* () {
            const stream = streamName(run, label, s)
            for (let a = 0; a < appendsPerStream; a++) {
              const rows = Array.from({ length: shape.perAppend }, (_, k) => {
                const i = a * shape.perAppend + k
                return {
                  stream_id: stream,
                  [versionColumn]: i + 1,
                  event_id: `${stream}/${i}`,
                  event_type: "VisitLogged",
                  data: JSON.stringify(payload(i)),
                  metadata: JSON.stringify(metadata(stream, i))
                }
              })
              const [first, ...rest] = rows
              yield* sql`INSERT INTO ${sql(table)} ${sql.insert([first!, ...rest])}`
            }
          })
        yield* Effect.forEach(
          Array.from({ length: shape.writers }, (_, w) => w),
          (w) =>
            Effect.gen(function* () {
              for (let s = w; s < shape.streams; s += shape.writers) yield* one(s)
            }),
          { concurrency: shape.writers, discard: true }
        )
      })
      await c.runtime.runPromise(program)
    }
  const rawEffect = effectInsert("r", "raw_events", "stream_version")
  const minimal = effectInsert("m", "minimal_events", "version")
  const minimalIndexed = effectInsert("i", "minimal_indexed_events", "version")

  const rawPg = async () => {
    const run = ++runCounter
    await byWriters(shape.streams, shape.writers, async (s) => {
      const stream = streamName(run, "p", s)
      for (let a = 0; a < appendsPerStream; a++) {
        const values: Array<string> = []
        const params: Array<unknown> = []
        for (let k = 0; k < shape.perAppend; k++) {
          const i = a * shape.perAppend + k
          const p = params.length
          values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`)
          params.push(
            stream,
            i + 1,
            `${stream}/${i}`,
            "VisitLogged",
            JSON.stringify(payload(i)),
            JSON.stringify(metadata(stream, i))
          )
        }
        await c.pool.query(
          `INSERT INTO raw_events (stream_id, stream_version, event_id, event_type, data, metadata) VALUES ${values.join(", ")}`,
          params
        )
      }
    })
  }

  /** `EventStore.append` with effect's default tracer (as an application gets it), or tracing off. */
  const soltraceWith = (tracing: boolean) => async () => {
    const run = ++runCounter
    const label = tracing ? "s" : "o"
    const program = Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const one = (s: number) =>
        Effect.gen(function* () {
          const stream = streamName(run, label, s)
          let version = 0
          for (let a = 0; a < appendsPerStream; a++) {
            const batch: Array<EventStore.EventToAppend> = Array.from({ length: shape.perAppend }, (_, k) => {
              const i = a * shape.perAppend + k
              return {
                eventId: `${stream}/${i}`,
                type: "VisitLogged",
                schemaVersion: 1,
                recordedAt: 1_741_046_400_000,
                data: payload(i),
                metadata: metadata(stream, i)
              }
            })
            const result = yield* store.append(stream, batch, EventStore.exact(version))
            version = result.version
          }
        })
      yield* Effect.forEach(
        Array.from({ length: shape.writers }, (_, w) => w),
        (w) =>
          Effect.gen(function* () {
            for (let s = w; s < shape.streams; s += shape.writers) yield* one(s)
          }),
        { concurrency: shape.writers, discard: true }
      )
    })
    await c.runtime.runPromise(tracing ? program : Effect.withTracerEnabled(program, false))
  }

  const emmett = async () => {
    const run = ++runCounter
    await byWriters(shape.streams, shape.writers, async (s) => {
      const stream = streamName(run, "e", s)
      let version: bigint | undefined
      for (let a = 0; a < appendsPerStream; a++) {
        const batch = Array.from({ length: shape.perAppend }, (_, k) => {
          const i = a * shape.perAppend + k
          return { type: "VisitLogged" as const, data: payload(i), metadata: metadata(stream, i) }
        })
        const result = await c.emmett.appendToStream(stream, batch, {
          expectedStreamVersion: version ?? "STREAM_DOES_NOT_EXIST"
        })
        version = result.nextExpectedStreamVersion
      }
    })
  }

  return [
    { name: "raw INSERT (@effect/sql-pg)", units, run: rawEffect },
    { name: "raw INSERT (pg)", units, run: rawPg },
    { name: "soltrace SqlEventStore", units, run: soltraceWith(true) },
    { name: TRACING_OFF, units, run: soltraceWith(false) },
    { name: "emmett PostgreSQL", units, run: emmett },
    { name: MINIMAL, units, run: minimal },
    { name: "minimal design + soltrace's indexes", units, run: minimalIndexed }
  ]
}

/** The append workloads over open connections. */
export const workloads = (c: Connections, mode: Mode): ReadonlyArray<Workload> => {
  const quick = mode === "quick"
  const shapes: ReadonlyArray<Shape & { readonly id: string; readonly title: string }> = [
    {
      id: "pg-append-1x1",
      title: "3a. PostgreSQL appends, 1 event per append, 1 writer",
      ...(quick ? { streams: 8, events: 3 } : { streams: 100, events: 10 }),
      perAppend: 1,
      writers: 1
    },
    {
      id: "pg-append-1x8",
      title: "3b. PostgreSQL appends, 1 event per append, 8 concurrent writers",
      ...(quick ? { streams: 8, events: 3 } : { streams: 200, events: 10 }),
      perAppend: 1,
      writers: 8
    },
    {
      id: "pg-append-100x1",
      title: "3c. PostgreSQL appends, 100 events per append, 1 writer",
      ...(quick ? { streams: 2, events: 100, perAppend: 100 } : { streams: 100, events: 100, perAppend: 100 }),
      writers: 1
    },
    {
      id: "pg-append-100x8",
      title: "3d. PostgreSQL appends, 100 events per append, 8 concurrent writers",
      ...(quick ? { streams: 8, events: 100, perAppend: 100 } : { streams: 200, events: 100, perAppend: 100 }),
      writers: 8
    }
  ]
  return shapes.map((shape) => ({
    id: shape.id,
    title: shape.title,
    unit: "events",
    reference: "raw INSERT (@effect/sql-pg)",
    params: {
      streams: shape.streams,
      eventsPerStream: shape.events,
      eventsPerAppend: shape.perAppend,
      writers: shape.writers
    },
    // One sample per contender per round, 12 rounds: A B C D E, A B C D E… (issue 12: ≥ 10 samples).
    settings: quick ? {} : { rounds: 12, minSamples: 1, maxSamples: 1, minTimeMs: 1, warmupSamples: 0 },
    before: () => analyze(c),
    contenders: contenders(c, shape),
    // Issue 12's goals are for 1-event appends (3a, 3b); on batches they are informational.
    goals: [
      { label: "soltrace ≥ 3× Emmett", contender: "soltrace SqlEventStore", against: "emmett PostgreSQL", minRatio: 3 },
      { label: "soltrace ≥ 0.9× minimal design", contender: "soltrace SqlEventStore", against: MINIMAL, minRatio: 0.9 },
      // Informational: the same goals with tracing off (the default tracer's spans are a choice of the application).
      { label: "tracing off: soltrace ≥ 3× Emmett", contender: TRACING_OFF, against: "emmett PostgreSQL", minRatio: 3 },
      { label: "tracing off: soltrace ≥ 0.9× minimal design", contender: TRACING_OFF, against: MINIMAL, minRatio: 0.9 }
    ]
  }))
}
