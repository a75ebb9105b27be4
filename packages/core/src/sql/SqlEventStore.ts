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
 * - **One round trip per append.** In the common case (outside a caller's transaction, new event
 *   ids, the expected version holding) `append` is one data-modifying statement: it allocates the
 *   transaction id and positions, checks the expected version and moves the stream's version in
 *   one statement on the stream's row (`INSERT … ON CONFLICT DO NOTHING` for no-stream,
 *   `UPDATE … WHERE version = $expected` for an exact version), then inserts the batch with one
 *   `INSERT … SELECT`. Two concurrent creators of a stream, or two writers expecting the same
 *   version, wait for each other on that row and exactly one wins. Anything else (a recorded id,
 *   a version conflict, a lost race, an append inside a transaction) calls the `soltrace_append`
 *   function (created by `Migrations`): the loser gets `WrongExpectedVersion`, never a raw
 *   unique violation. No subtransaction on either path.
 * - **Idempotency** (as the kernel defines it): the function first looks the batch's event ids up;
 *   an exact repeat returns the events as originally recorded, any other reuse is
 *   `EventIdConflict`. It looks again after losing a race, so a repeat sent twice concurrently is
 *   still a repeat.
 * - **Readers never skip an event.** Each event records its writer's transaction id (`xid8`).
 *   `readAll`, `readCategory` and `subscribe` read only events whose transaction id is below the
 *   reader snapshot's `xmin` (every transaction below it has ended, so nothing can still commit
 *   there) and order them by `(transaction_id, position)`. An append allocates its transaction id
 *   and its positions together under a short advisory lock (lock, id, positions and unlock in one
 *   target list of one statement), before it writes anything, so that
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
import { Effect, Layer, Option, Result, Schema } from "effect"
import { SqlClient } from "effect/sql"
import type { SqlError } from "effect/sql"
import * as EventStore from "../kernel/EventStore.js"
import * as Subscription from "../kernel/Subscription.js"
import * as Internal from "./internal/allocation.js"
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

const storeError = (reason: string) => (cause: unknown) => new EventStore.EventStoreError({ reason, cause })

const sqlFailure =
  (operation: string) =>
  (error: SqlError.SqlError): EventStore.EventStoreError =>
    new EventStore.EventStoreError({ reason: `${operation}: ${error.message}`, cause: error })

const parseJson = (text: string, what: string): Effect.Effect<unknown, EventStore.EventStoreError> =>
  Effect.try({ try: () => JSON.parse(text) as unknown, catch: storeError(`cannot parse ${what}`) })

const toNumber = (u: unknown): number =>
  typeof u === "number" ? u : typeof u === "bigint" || typeof u === "string" ? Number(u) : Number.NaN

const columns = `soltrace_events.position::float8 AS position, soltrace_events.stream_id,
  soltrace_events.stream_version::float8 AS stream_version, soltrace_events.event_id, soltrace_events.event_type,
  soltrace_events.schema_version, (extract(epoch FROM soltrace_events.recorded_at) * 1000)::float8 AS recorded_at,
  soltrace_events.data::text AS data, soltrace_events.metadata::text AS metadata`

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

const metadataKeys = ["commandId", "causationId", "correlationId", "actor"] as const

class MalformedRow extends Error {
  constructor(readonly field: string) {
    super(`malformed ${field}`)
  }
}

const numberField = (value: unknown, field: string): number => {
  const n = toNumber(value)
  if (!Number.isFinite(n)) throw new MalformedRow(field)
  return n
}

const stringField = (value: unknown, field: string): string => {
  if (typeof value !== "string") throw new MalformedRow(field)
  return value
}

const jsonField = (value: unknown, field: string): unknown => {
  if (typeof value !== "string") throw new MalformedRow(field)
  try {
    return JSON.parse(value) as unknown
  } catch {
    throw new MalformedRow(field)
  }
}

const metadataField = (value: unknown): EventStore.EventMetadata => {
  const metadata = jsonField(value, "metadata")
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) throw new MalformedRow("metadata")
  for (const key of metadataKeys) {
    const v = (metadata as Record<string, unknown>)[key]
    if (v !== undefined && typeof v !== "string") throw new MalformedRow(`metadata.${key}`)
  }
  return metadata
}

/**
 * A page of rows as recorded events: one synchronous loop (the SQL casts already type the
 * columns; each is checked with `typeof`), a typed `EventStoreError` naming the first malformed
 * field.
 */
const fromRows = (
  rows: ReadonlyArray<Row>
): Effect.Effect<Array<EventStore.RecordedEvent>, EventStore.EventStoreError> => {
  const out = new Array<EventStore.RecordedEvent>(rows.length)
  let i = 0
  try {
    for (; i < rows.length; i++) {
      const row = rows[i]!
      out[i] = {
        eventId: stringField(row.event_id, "event_id"),
        type: stringField(row.event_type, "event_type"),
        schemaVersion: numberField(row.schema_version, "schema_version"),
        recordedAt: numberField(row.recorded_at, "recorded_at"),
        data: jsonField(row.data, "data"),
        metadata: metadataField(row.metadata),
        streamId: stringField(row.stream_id, "stream_id"),
        version: numberField(row.stream_version, "stream_version"),
        position: numberField(row.position, "position")
      }
    }
  } catch (cause) {
    const field = cause instanceof MalformedRow ? cause.field : "row"
    return Effect.fail(
      new EventStore.EventStoreError({
        reason: `unexpected event row ${i + 1} of ${rows.length}: malformed ${field}`,
        cause
      })
    )
  }
  return Effect.succeed(out)
}

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

interface FastRow {
  readonly allocated: unknown
  readonly last: unknown
  readonly previous: unknown
  readonly inserted: unknown
}

const fastStatements: Record<string, string> = {
  no_stream: Internal.fastAppend("no_stream"),
  exact: Internal.fastAppend("exact"),
  stream_exists: Internal.fastAppend("stream_exists"),
  any: Internal.fastAppend("any")
}

/**
 * The batch as six text arrays for the one-statement append (numbers as text: the server casts
 * them, and a driver infers one element type per array).
 */
const toColumns = (
  events: ReadonlyArray<EventStore.EventToAppend>
): readonly [
  Array<string>,
  Array<string>,
  Array<string>,
  Array<string>,
  Array<string | undefined>,
  Array<string | undefined>
] => {
  const n = events.length
  const ids = new Array<string>(n)
  const types = new Array<string>(n)
  const schemaVersions = new Array<string>(n)
  const recordedAts = new Array<string>(n)
  const data = new Array<string | undefined>(n)
  const metadata = new Array<string | undefined>(n)
  for (let i = 0; i < n; i++) {
    const e = events[i]!
    ids[i] = e.eventId
    types[i] = e.type
    schemaVersions[i] = String(e.schemaVersion)
    recordedAts[i] = String(e.recordedAt)
    data[i] = JSON.stringify(e.data)
    metadata[i] = JSON.stringify(e.metadata)
  }
  return [ids, types, schemaVersions, recordedAts, data, metadata]
}

const distinctIds = (events: ReadonlyArray<EventStore.EventToAppend>): boolean => {
  if (events.length === 1) return true
  const seen = new Set<string>()
  for (const e of events) seen.add(e.eventId)
  return seen.size === events.length
}

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
      statement.pipe(Effect.mapError(sqlFailure(operation)), Effect.flatMap(fromRows))

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
        const columns = yield* Effect.try({
          try: () => toColumns(events),
          catch: storeError("event data is not serialisable as JSON")
        })
        const [kind, version] = expectedKind(expected)
        const category = EventStore.categoryOf(stream)
        // The common path: one statement, outside a caller's transaction (a unique violation there
        // would abort the caller's transaction), for a batch without repeated ids.
        const inTransaction = Option.isSome(yield* Effect.serviceOption(sql.transactionService))
        if (!inTransaction && distinctIds(events)) {
          const fastKind = kind === "exact" && version === 0 ? "no_stream" : kind
          const fast = yield* sql
            .unsafe<FastRow>(
              fastStatements[fastKind]!,
              fastKind === "exact"
                ? [stream, category, events.length, ...columns, version]
                : [stream, category, events.length, ...columns]
            )
            .pipe(
              Effect.map((r) => r[0]),
              Effect.catchIf(
                (error) => error.reason._tag === "UniqueViolation",
                () => Effect.succeed(undefined)
              ),
              Effect.mapError(sqlFailure("append"))
            )
          if (
            fast !== undefined &&
            toNumber(fast.allocated) === 1 &&
            fast.previous !== null &&
            toNumber(fast.inserted) === events.length
          ) {
            const last = toNumber(fast.last)
            const previous = toNumber(fast.previous)
            return {
              streamId: stream,
              version: previous + events.length,
              events: events.map((e, i): EventStore.RecordedEvent => ({
                eventId: e.eventId,
                type: e.type,
                schemaVersion: e.schemaVersion,
                recordedAt: e.recordedAt,
                data: e.data,
                metadata: e.metadata,
                streamId: stream,
                version: previous + i + 1,
                position: last - events.length + i + 1
              }))
            }
          }
        }
        // The slow path (a known id, a conflict, a lost race, or inside a transaction).
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
        const result = yield* sql<{
          readonly result: unknown
        }>`SELECT soltrace_append(${stream}::text, ${category}::text, ${kind}::text, ${version}::int8, ${payload}::jsonb)::text AS result`.pipe(
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
            ORDER BY soltrace_events.stream_version DESC LIMIT ${limit}::int8`,
          "readStream"
        )
      }
      const from = options?.from ?? 1
      return rows(
        sql<Row>`SELECT ${sql.literal(columns)} FROM soltrace_events
          WHERE stream_id = ${stream} AND stream_version >= ${from}::int8
          ORDER BY soltrace_events.stream_version LIMIT ${limit}::int8`,
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
        sql<Row>`SELECT ${sql.literal(columns)} FROM soltrace_events
          WHERE soltrace_events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            AND (${category}::text IS NULL OR soltrace_events.category = ${category}::text)
            AND (soltrace_events.transaction_id, soltrace_events.position) > (
              COALESCE((SELECT a.transaction_id FROM soltrace_events a WHERE a.position <= ${after}::int8
                        ORDER BY a.position DESC LIMIT 1), '0'::xid8),
              ${after}::int8)
          ORDER BY soltrace_events.transaction_id, soltrace_events.position
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
