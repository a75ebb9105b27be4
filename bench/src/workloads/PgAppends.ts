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
 * - `soltrace SqlEventStore` — `EventStore.append` of `@soltrace/core/sql` on `@soltrace/core/pg`;
 * - `emmett PostgreSQL` — `getPostgreSQLEventStore(...).appendToStream` with the expected version.
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

/** Shared connections of the PostgreSQL workloads. */
export interface Connections {
  readonly runtime: ManagedRuntime.ManagedRuntime<EventStore.EventStore | SqlClient.SqlClient, unknown>
  readonly emmett: PostgresEventStore
  readonly pool: pg.Pool
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
    })
  )
  const emmett = getPostgreSQLEventStore(emmettUrl)
  await emmett.schema.migrate()
  const pool = new pg.Pool({ connectionString: soltraceUrl, max: 10 })
  await pool.query(RAW_TABLE)
  return {
    runtime,
    emmett,
    pool,
    close: async () => {
      await emmett.close()
      await pool.end()
      await runtime.dispose()
    }
  }
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

const contenders = (c: Connections, shape: Shape): ReadonlyArray<Contender> => {
  const units = shape.streams * shape.events
  const appendsPerStream = shape.events / shape.perAppend
  const streamName = (run: number, label: string, s: number) => `ticket-${label}${run}x${s}`

  const rawEffect = async () => {
    const run = ++runCounter
    const program = Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const one = (s: number) =>
        Effect.gen(function* () {
          const stream = streamName(run, "r", s)
          for (let a = 0; a < appendsPerStream; a++) {
            const rows = Array.from({ length: shape.perAppend }, (_, k) => {
              const i = a * shape.perAppend + k
              return {
                stream_id: stream,
                stream_version: i + 1,
                event_id: `${stream}/${i}`,
                event_type: "VisitLogged",
                data: JSON.stringify(payload(i)),
                metadata: JSON.stringify(metadata(stream, i))
              }
            })
            const [first, ...rest] = rows
            yield* sql`INSERT INTO raw_events ${sql.insert([first!, ...rest])}`
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

  const soltrace = async () => {
    const run = ++runCounter
    const program = Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const one = (s: number) =>
        Effect.gen(function* () {
          const stream = streamName(run, "s", s)
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
    await c.runtime.runPromise(program)
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
    { name: "soltrace SqlEventStore", units, run: soltrace },
    { name: "emmett PostgreSQL", units, run: emmett }
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
      ...(quick ? { streams: 8, events: 3 } : { streams: 400, events: 10 }),
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
      ...(quick ? { streams: 8, events: 100, perAppend: 100 } : { streams: 400, events: 100, perAppend: 100 }),
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
    settings: quick ? {} : { rounds: 3, minSamples: 1, maxSamples: 3, minTimeMs: 1, warmupSamples: 0 },
    contenders: contenders(c, shape),
    goals: [
      { label: "soltrace ≥ 2× Emmett", contender: "soltrace SqlEventStore", against: "emmett PostgreSQL", minRatio: 2 },
      { label: "soltrace ≥ 0.66× raw INSERT", contender: "soltrace SqlEventStore", minRatio: 0.66 }
    ]
  }))
}
