/**
 * The `EventStore` on PostgreSQL through effect's `SqlClient`: one SQL implementation for every
 * PostgreSQL driver (`@soltrace/core/pg` for a real server, `@soltrace/core/pglite` in-process).
 *
 * ```ts
 * import { Layer } from "effect"
 * import { PgliteClient } from "@soltrace/core/pglite"
 * import { Migrations, SqlEventStore } from "@soltrace/core/sql"
 *
 * const Store = SqlEventStore.layerWithMigrations().pipe(Layer.provide(PgliteClient.layer()))
 * ```
 *
 * How it keeps the kernel's guarantees:
 *
 * - **One round trip per append.** `append` is a single statement, a call of the
 *   `soltrace_append` function (created by `Migrations`), which checks the expected version and
 *   moves the stream's version in one statement on the stream's row (`INSERT … ON CONFLICT DO
 *   NOTHING` for no-stream, `UPDATE … WHERE version = $expected` for an exact version): two
 *   concurrent creators of a stream, or two writers expecting the same version, wait for each
 *   other on that row and exactly one wins — the loser gets `WrongExpectedVersion`, never a raw
 *   unique violation. All events of the batch go in with one multi-row `INSERT … SELECT`.
 * - **Idempotency** (as the kernel defines it): the function first looks the batch's event ids up;
 *   an exact repeat returns the events as originally recorded, any other reuse is
 *   `EventIdConflict`. It looks again after losing a race, so a repeat sent twice concurrently is
 *   still a repeat.
 * - **Readers never skip an event.** Each event records its writer's transaction id (`xid8`).
 *   `readAll`, `readCategory` and `subscribe` read only events whose transaction id is below the
 *   reader snapshot's `xmin` (every transaction below it has ended, so nothing can still commit
 *   there) and order them by `(transaction_id, position)`. An append allocates its transaction id
 *   and its positions together under a short advisory lock, before it writes anything, so that
 *   order is also position order: positions only increase in what a reader sees. A reader resumes
 *   "after position p" from the pair of the event at `p`.
 *
 * Caveats: an append made inside a transaction that wrote before it may get positions lower than
 * events already visible (readers still see every event once, in a stable order); a long-running
 * writing transaction anywhere on the server delays what `readAll` sees until it ends; JSON data
 * is stored as `jsonb` (key order is not kept, `\u0000` is refused).
 *
 * @since 0.1.0
 */
import { Effect, Layer, Result, Schema } from "effect"
import { SqlClient } from "effect/sql"
import type { SqlError } from "effect/sql"
import * as EventStore from "../kernel/EventStore.js"
import * as Subscription from "../kernel/Subscription.js"
import * as Migrations from "./Migrations.js"

/**
 * Options of the SQL event store.
 *
 * - `pollInterval`: how long a caught-up subscription waits before reading again (default 50 ms);
 * - `batchSize`: how many events a subscription reads at a time (default 500).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly pollInterval?: number | undefined
  readonly batchSize?: number | undefined
}

const RecordedRow = Schema.Struct({
  position: Schema.Number,
  streamId: Schema.String,
  version: Schema.Number,
  eventId: Schema.String,
  type: Schema.String,
  schemaVersion: Schema.Number,
  recordedAt: Schema.Number,
  data: Schema.Unknown,
  metadata: EventStore.EventMetadata
})

const AppendOutcome = Schema.Union([
  Schema.Struct({
    outcome: Schema.Literal("appended"),
    version: Schema.Number,
    positions: Schema.Array(Schema.Number)
  }),
  Schema.Struct({ outcome: Schema.Literal("repeat"), version: Schema.Number, events: Schema.Array(RecordedRow) }),
  Schema.Struct({ outcome: Schema.Literal("wrong_expected_version"), actual: Schema.Number }),
  Schema.Struct({
    outcome: Schema.Literal("event_id_conflict"),
    eventIds: Schema.Array(Schema.String),
    reason: Schema.String
  })
])

const decodeOutcome = Schema.decodeUnknownResult(AppendOutcome)
const decodeRow = Schema.decodeUnknownResult(RecordedRow)

const storeError = (reason: string) => (cause: unknown) => new EventStore.EventStoreError({ reason, cause })

const sqlFailure =
  (operation: string) =>
  (error: SqlError.SqlError): EventStore.EventStoreError =>
    new EventStore.EventStoreError({ reason: `${operation}: ${error.message}`, cause: error })

const parseJson = (text: string, what: string): Effect.Effect<unknown, EventStore.EventStoreError> =>
  Effect.try({ try: () => JSON.parse(text) as unknown, catch: storeError(`cannot parse ${what}`) })

const toNumber = (u: unknown): number =>
  typeof u === "bigint" ? Number(u) : typeof u === "string" ? Number(u) : (u as number)

const columns = `position::float8 AS position, stream_id, stream_version::float8 AS stream_version, event_id,
  event_type, schema_version, (extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_at,
  data::text AS data, metadata::text AS metadata`

interface Row {
  readonly position: unknown
  readonly stream_id: unknown
  readonly stream_version: unknown
  readonly event_id: unknown
  readonly event_type: unknown
  readonly schema_version: unknown
  readonly recorded_at: unknown
  readonly data: unknown
  readonly metadata: unknown
}

const fromRow = (row: Row): Effect.Effect<EventStore.RecordedEvent, EventStore.EventStoreError> =>
  Effect.gen(function* () {
    const data = yield* parseJson(String(row.data), "event data")
    const metadata = yield* parseJson(String(row.metadata), "event metadata")
    const decoded = decodeRow({
      position: toNumber(row.position),
      streamId: row.stream_id,
      version: toNumber(row.stream_version),
      eventId: row.event_id,
      type: row.event_type,
      schemaVersion: toNumber(row.schema_version),
      recordedAt: toNumber(row.recorded_at),
      data,
      metadata
    })
    if (Result.isFailure(decoded)) {
      return yield* new EventStore.EventStoreError({ reason: `unexpected event row: ${decoded.failure.message}` })
    }
    return recorded(decoded.success)
  })

const recorded = (row: typeof RecordedRow.Type): EventStore.RecordedEvent => ({
  eventId: row.eventId,
  type: row.type,
  schemaVersion: row.schemaVersion,
  recordedAt: row.recordedAt,
  data: row.data,
  metadata: row.metadata,
  streamId: row.streamId,
  version: row.version,
  position: row.position
})

const expectedKind = (expected: EventStore.ExpectedVersion): readonly [string, number] => {
  switch (expected._tag) {
    case "Any":
      return ["any", 0]
    case "NoStream":
      return ["no_stream", 0]
    case "StreamExists":
      return ["stream_exists", 0]
    case "Exact":
      return ["exact", expected.version]
  }
}

/**
 * Builds the SQL event store over the `SqlClient` in context. The schema must exist: run
 * `Migrations.run` first, or use {@link layerWithMigrations}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<EventStore.EventStoreService, never, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const pollInterval = options.pollInterval ?? 50
    const batchSize = options.batchSize ?? 500

    const rows = (statement: Effect.Effect<ReadonlyArray<Row>, SqlError.SqlError>, operation: string) =>
      statement.pipe(
        Effect.mapError(sqlFailure(operation)),
        Effect.flatMap((list) => Effect.forEach(list, fromRow))
      )

    const streamVersion = (stream: string): Effect.Effect<number, EventStore.EventStoreError> =>
      sql<{
        readonly version: unknown
      }>`SELECT version::float8 AS version FROM soltrace_streams WHERE stream_id = ${stream}`.pipe(
        Effect.mapError(sqlFailure("streamVersion")),
        Effect.map((r) => (r[0] === undefined ? 0 : toNumber(r[0].version)))
      )

    const append: EventStore.EventStoreService["append"] = (stream, events, expected) =>
      Effect.gen(function* () {
        if (events.length === 0) {
          const version = yield* streamVersion(stream)
          if (!EventStore.satisfies(expected, version)) {
            return yield* new EventStore.WrongExpectedVersion({ stream, expected, actual: version })
          }
          return { streamId: stream, version, events: [] }
        }
        const payload = yield* Effect.try({
          try: () =>
            JSON.stringify(
              events.map((e) => ({
                eventId: e.eventId,
                type: e.type,
                schemaVersion: e.schemaVersion,
                recordedAt: e.recordedAt,
                data: e.data,
                metadata: e.metadata
              }))
            ),
          catch: storeError("event data is not serialisable as JSON")
        })
        const [kind, version] = expectedKind(expected)
        const result = yield* sql<{
          readonly result: unknown
        }>`SELECT soltrace_append(${stream}::text, ${EventStore.categoryOf(
          stream
        )}::text, ${kind}::text, ${version}::int8, ${payload}::jsonb)::text AS result`.pipe(
          Effect.mapError(sqlFailure("append"))
        )
        const json = yield* parseJson(String(result[0]?.result), "append result")
        const decoded = decodeOutcome(json)
        if (Result.isFailure(decoded)) {
          return yield* new EventStore.EventStoreError({
            reason: `unexpected append result: ${decoded.failure.message}`
          })
        }
        const outcome = decoded.success
        switch (outcome.outcome) {
          case "appended": {
            const first = outcome.version - events.length
            return {
              streamId: stream,
              version: outcome.version,
              events: events.map((e, i): EventStore.RecordedEvent => ({
                eventId: e.eventId,
                type: e.type,
                schemaVersion: e.schemaVersion,
                recordedAt: e.recordedAt,
                data: e.data,
                metadata: e.metadata,
                streamId: stream,
                version: first + i + 1,
                position: outcome.positions[i]!
              }))
            }
          }
          case "repeat":
            return { streamId: stream, version: outcome.version, events: outcome.events.map(recorded) }
          case "wrong_expected_version":
            return yield* new EventStore.WrongExpectedVersion({ stream, expected, actual: outcome.actual })
          case "event_id_conflict":
            return yield* new EventStore.EventIdConflict({ stream, eventIds: outcome.eventIds, reason: outcome.reason })
        }
      })

    const readStream: EventStore.EventStoreService["readStream"] = (stream, options) => {
      const max = options?.maxCount
      if (max !== undefined && max <= 0) return Effect.succeed([])
      const limit = max ?? null
      if (options?.direction === "backwards") {
        const from = options.from ?? null
        return rows(
          sql<Row>`SELECT ${sql.literal(columns)} FROM soltrace_events
            WHERE stream_id = ${stream} AND (${from}::int8 IS NULL OR stream_version <= ${from}::int8)
            ORDER BY stream_version DESC LIMIT ${limit}::int8`,
          "readStream"
        )
      }
      const from = options?.from ?? 1
      return rows(
        sql<Row>`SELECT ${sql.literal(columns)} FROM soltrace_events
          WHERE stream_id = ${stream} AND stream_version >= ${from}::int8
          ORDER BY stream_version LIMIT ${limit}::int8`,
        "readStream"
      )
    }

    // Only events of transactions below the snapshot's xmin: all of those have ended, so no event
    // can still appear before the last one returned.
    const readLog = (category: string | null, options: EventStore.ReadAllOptions | undefined) => {
      const after = options?.after ?? 0
      const max = options?.maxCount
      if (max !== undefined && max <= 0) return Effect.succeed([])
      return rows(
        sql<Row>`SELECT ${sql.literal(columns)} FROM soltrace_events e
          WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            AND (${category}::text IS NULL OR e.category = ${category}::text)
            AND (e.transaction_id, e.position) > (
              COALESCE((SELECT a.transaction_id FROM soltrace_events a WHERE a.position <= ${after}::int8
                        ORDER BY a.position DESC LIMIT 1), '0'::xid8),
              ${after}::int8)
          ORDER BY e.transaction_id, e.position
          LIMIT ${max ?? null}::int8`,
        category === null ? "readAll" : "readCategory"
      )
    }

    const service: EventStore.EventStoreService = {
      append,
      readStream,
      streamVersion,
      readAll: (options) => readLog(null, options),
      readCategory: (category, options) => readLog(category, options),
      subscribe: (options) =>
        Subscription.make({
          after: options?.after ?? 0,
          read: (after) => readLog(options?.category ?? null, { after, maxCount: batchSize }),
          nextCommit: Effect.succeed(Effect.sleep(pollInterval))
        })
    }
    return service
  })

/**
 * The SQL event store as a layer over the `SqlClient` in context (the schema must exist).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<EventStore.EventStore, never, SqlClient.SqlClient> =>
  Layer.effect(EventStore.EventStore, make(options))

/**
 * The SQL event store as a layer that first applies the pending migrations.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWithMigrations = (
  options: Options = {}
): Layer.Layer<EventStore.EventStore, EventStore.EventStoreError, SqlClient.SqlClient> =>
  Layer.effect(
    EventStore.EventStore,
    Effect.andThen(Migrations.run.pipe(Effect.mapError(storeError("migrations failed"))), make(options))
  )
