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
 * How it keeps the kernel's guarantees (see `docs/sql.md`):
 *
 * - **One round trip per append** in the common case, after the whole call was validated in
 *   TypeScript (the same `InvalidEvent`/`InvalidArgument` answers as every backend; nothing
 *   invalid reaches the server): a single write outside a caller's transaction is one prepared
 *   statement (`internal/fastAppend`); what it does not answer (a conflict, a repeat) and every
 *   other call is one call of the `soltrace_append_many` function (created by `Migrations`).
 *   No subtransaction.
 * - **Log order = stream order.** The function first takes the transaction-level advisory lock of
 *   every stream of the call, in ascending key order and without assigning a transaction id; only
 *   then does it check the writes and allocate the transaction id and the positions together
 *   (under a short global advisory lock). A writer of a stream therefore allocates after the
 *   previous writer of that stream has committed: its transaction id and its positions are higher.
 * - **All or nothing**: every write is checked before any is written.
 * - **Idempotency** (as the kernel defines it), per write: an exact repeat returns the events as
 *   originally recorded with `duplicate: true`, any other reuse is `EventIdConflict`. Concurrent
 *   repeats of one stream are serialised by its lock, so the later one sees a repeat.
 * - **Readers never skip an event.** Each event records its writer's transaction id (`xid8`).
 *   `readAll`, `readCategory` and `subscribe` read only events whose transaction id is below the
 *   reader snapshot's `xmin` (every transaction below it has ended) and order them by
 *   `(transaction_id, position)`, which is position order. A reader resumes "after position p"
 *   from the pair of the event at `p`.
 * - **Inside a caller's transaction**, an append is accepted only while that transaction has no
 *   transaction id yet (it has not written anything): the first write of the transaction. Any
 *   later append in it fails with `AppendInTransaction`: put the writes into one `appendMany`.
 * - **Errors are classified**: `ConnectionLost` (naming host and port), `TransactionConflict`
 *   (deadlock, serialisation failure: retryable), `StatementTimeout`, `EventTooLarge`, each with
 *   the SQLSTATE and the server's message; anything else is `EventStoreError`.
 *
 * Caveats: a long-running writing transaction anywhere on the server delays what `readAll` sees
 * until it ends; JSON data is stored as `jsonb` (key order is not kept).
 *
 * @since 0.1.0
 */
import { Effect, Layer, Option, Result, Schema, Stream } from "effect"
import { SqlClient, SqlError } from "effect/sql"
import * as EventStore from "../kernel/EventStore.js"
import type { BackendError } from "../kernel/EventStore.js"
import * as Envelope from "../kernel/internal/envelope.js"
import * as CheckedOptions from "../kernel/internal/options.js"
import * as Tracing from "../kernel/internal/tracing.js"
import * as Subscription from "../kernel/Subscription.js"
import * as Classify from "./internal/classify.js"
import * as FastAppend from "./internal/fastAppend.js"
import { columns, fromRows, type Row, toNumber } from "./internal/rows.js"
import * as Migrations from "./Migrations.js"

/**
 * Options of the SQL event store. They are checked when the store is made: a bad one (e.g. `NaN`,
 * `-1`, `1.5`, `Infinity`, `"1000"` or `null` from an untyped config file) makes {@link make}
 * and the layers fail with `InvalidArgument` (`operation: "SqlEventStore.make"`, `field:
 * "options.batchSize"`…), never a check silently turned off or a subscription that spins
 * (issue 12). `undefined` keeps the default.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * How long a caught-up subscription waits before reading again, in milliseconds (default 50): a
   * finite number ≥ 0.
   */
  readonly pollInterval?: number | undefined
  /** How many events a subscription reads at a time (default 500): a positive safe integer. */
  readonly batchSize?: number | undefined
  /**
   * The largest event accepted, in bytes of JSON (data, metadata, id, type); default 1 MiB: a
   * positive safe integer.
   */
  readonly maxEventBytes?: number | undefined
  /**
   * The deepest nesting of arrays and objects accepted in data and in metadata, each; default
   * 512: a positive safe integer.
   */
  readonly maxJsonDepth?: number | undefined
  /** Host and port named by `ConnectionLost` (default: read from the client's configuration). */
  readonly endpoint?: { readonly host: string; readonly port: string } | undefined
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

const WriteOutcome = Schema.Union([
  Schema.Struct({ outcome: Schema.Literal("appended"), version: Schema.Number, first: Schema.Number }),
  Schema.Struct({ outcome: Schema.Literal("repeat"), version: Schema.Number, events: Schema.Array(RecordedRow) })
])

const AppendOutcome = Schema.Union([
  Schema.Struct({ outcome: Schema.Literal("ok"), results: Schema.Array(WriteOutcome) }),
  Schema.Struct({ outcome: Schema.Literal("in_transaction") }),
  Schema.Struct({ outcome: Schema.Literal("wrong_expected_version"), stream: Schema.String, actual: Schema.Number }),
  Schema.Struct({
    outcome: Schema.Literal("event_id_conflict"),
    stream: Schema.String,
    eventIds: Schema.Array(Schema.String),
    reason: Schema.String
  })
])

const decodeOutcome = Schema.decodeUnknownResult(AppendOutcome)

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

const expectedKind = (expected: EventStore.ExpectedVersion): readonly [FastAppend.Kind, number] => {
  switch (expected._tag) {
    case "Any":
      return ["any", 0]
    case "NoStream":
      return ["no_stream", 0]
    case "StreamExists":
      return ["stream_exists", 0]
    case "Exact":
      return expected.version === 0 ? ["no_stream", 0] : ["exact", expected.version]
  }
}

/**
 * The call's writes as the function's one JSON argument, by concatenating JSON texts: the data
 * and metadata texts made by the validation are not serialised twice.
 */
const payloadOf = (writes: ReadonlyArray<Envelope.PreparedWrite>): string => {
  const parts: Array<string> = []
  for (const w of writes) {
    const [kind, version] = expectedKind(w.expected)
    parts.push(
      `{"stream":${JSON.stringify(w.stream)},"category":${JSON.stringify(w.category)},"expected":"${kind}","version":${version},"events":${eventsPayloadOf(w)}}`
    )
  }
  return `[${parts.join(",")}]`
}

/** The events of one write as a JSON array text (see {@link payloadOf}). */
const eventsPayloadOf = (write: Envelope.PreparedWrite): string => {
  const events: Array<string> = []
  for (const p of write.events) {
    const e = p.event
    events.push(
      `{"eventId":${JSON.stringify(e.eventId)},"type":${JSON.stringify(e.type)},"schemaVersion":${e.schemaVersion},"recordedAt":${e.recordedAt},"data":${p.data},"metadata":${p.metadata}}`
    )
  }
  return `[${events.join(",")}]`
}

/** The result of a write appended at `version` (its last event's) from position `first`. */
const appendedResult = (write: Envelope.PreparedWrite, version: number, first: number): EventStore.AppendResult => {
  const previous = version - write.events.length
  return {
    streamId: write.stream,
    version,
    events: write.events.map(({ event: e }, i): EventStore.RecordedEvent => ({
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      recordedAt: e.recordedAt,
      data: e.data,
      metadata: e.metadata,
      streamId: write.stream,
      version: previous + i + 1,
      position: first + i
    })),
    duplicate: false
  }
}

/**
 * Options that set none of the checked numbers (`pollInterval`, `batchSize`, `maxEventBytes`,
 * `maxJsonDepth`): {@link make} and the layers cannot refuse them, so their error type is the
 * one they have without options.
 *
 * @since 0.2.0
 * @category models
 */
export interface OptionsWithDefaults extends Options {
  readonly pollInterval?: undefined
  readonly batchSize?: undefined
  readonly maxEventBytes?: undefined
  readonly maxJsonDepth?: undefined
}

/**
 * Builds the SQL event store over the `SqlClient` in context. The schema must exist: run
 * `Migrations.run` first, or use {@link layerWithMigrations}. Without options (or with
 * {@link OptionsWithDefaults}) it cannot fail; a bad number fails with `InvalidArgument` naming
 * it (see {@link Options}).
 *
 * @since 0.1.0
 * @category constructors
 */
export function make(
  options?: OptionsWithDefaults
): Effect.Effect<EventStore.EventStoreService, never, SqlClient.SqlClient>
export function make(
  options: Options | undefined
): Effect.Effect<EventStore.EventStoreService, EventStore.InvalidArgument, SqlClient.SqlClient>
export function make(
  options: Options = {}
): Effect.Effect<EventStore.EventStoreService, EventStore.InvalidArgument, SqlClient.SqlClient> {
  return Effect.gen(function* () {
    const bad = CheckedOptions.checkSqlStore(options)
    if (bad !== undefined) return yield* Effect.fail(bad)
    const sql = yield* SqlClient.SqlClient
    const pollInterval = options.pollInterval ?? 50
    const batchSize = options.batchSize ?? 500
    const maxEventBytes = options.maxEventBytes ?? Envelope.defaultMaxEventBytes
    const maxJsonDepth = options.maxJsonDepth ?? Envelope.defaultMaxJsonDepth
    const classify = Classify.classifier(options.endpoint ?? Classify.endpointOf(sql))

    const rows = (statement: Effect.Effect<ReadonlyArray<Row>, SqlError.SqlError>, operation: string) =>
      statement.pipe(Effect.mapError(classify(operation)), Effect.flatMap(fromRows))

    const streamVersion: EventStore.EventStoreService["streamVersion"] = (stream) => {
      const bad = Envelope.badId(stream)
      if (bad !== undefined) {
        return Effect.fail(new EventStore.InvalidArgument({ operation: "streamVersion", field: "stream", reason: bad }))
      }
      return sql<{
        readonly version: unknown
      }>`SELECT max(stream_version)::float8 AS version FROM soltrace_events WHERE stream_id = ${stream}`.pipe(
        Effect.mapError(classify("streamVersion")),
        Effect.map((r) => (r[0] === undefined || r[0].version === null ? 0 : toNumber(r[0].version)))
      )
    }

    const appendWrites = (
      operation: "append" | "appendMany",
      writes: ReadonlyArray<EventStore.StreamWrite>
    ): Effect.Effect<ReadonlyArray<EventStore.AppendResult>, EventStore.AppendError> =>
      Effect.suspend(() => {
        const prepared = Envelope.prepareWrites(operation, writes, maxEventBytes, maxJsonDepth)
        if (!Array.isArray(prepared)) return Effect.fail(prepared)
        if (prepared.length === 0) return Effect.succeed([])
        // Built only when it runs: the fast path, when it answers, never needs its payload.
        const general = Effect.suspend(() =>
          sql<{
            readonly result: unknown
          }>`SELECT soltrace_append_many(${payloadOf(prepared)}::jsonb)::text AS result`.pipe(
            Effect.mapError(classify(operation)),
            Effect.flatMap((result) => outcomeOf(prepared, result[0]?.result))
          )
        )
        const only = prepared.length === 1 ? prepared[0]! : undefined
        if (only === undefined || only.events.length === 0) return general
        // The fast path: one write, outside a caller's transaction (a refused statement there
        // would abort it). Anything it does not answer goes to the general function.
        return Effect.flatMap(Effect.serviceOption(sql.transactionService), (transaction) =>
          Option.isSome(transaction)
            ? general
            : Effect.flatMap(fastAppend(only, operation), (result) =>
                result === undefined ? general : Effect.succeed([result])
              )
        )
      })

    /**
     * One write in one statement ({@link FastAppend}): its result when it appended, `undefined`
     * when it did not (the expected version did not hold in its snapshot, or a unique key —
     * a version written meanwhile, an event id already recorded — refused it).
     */
    const fastAppend = (
      write: Envelope.PreparedWrite,
      operation: string
    ): Effect.Effect<EventStore.AppendResult | undefined, EventStore.AppendError> => {
      const [kind, version] = expectedKind(write.expected)
      const count = write.events.length
      if (count === 1) return fastAppendOne(write, kind, version, operation)
      const params: Array<unknown> = [write.stream, write.category, count, eventsPayloadOf(write)]
      if (kind === "exact") params.push(version)
      return sql
        .unsafe<{ readonly n: unknown; readonly first: unknown; readonly base: unknown }>(
          FastAppend.statements[kind],
          params
        )
        .pipe(
          Effect.map((rows) => {
            const row = rows[0]
            if (row === undefined || toNumber(row.n) !== count) return undefined
            return appendedResult(write, toNumber(row.base) + count, toNumber(row.first))
          }),
          orFallback(operation)
        )
    }

    /** A unique key refused the fast statement (SQLSTATE 23505): `undefined`, the general append answers. */
    const orFallback =
      (operation: string) =>
      <A>(statement: Effect.Effect<A, SqlError.SqlError>): Effect.Effect<A | undefined, EventStore.AppendError> =>
        statement.pipe(
          Effect.catchIf(
            (error) => Classify.sqlstateOf(error) === "23505",
            () => Effect.succeed(undefined)
          ),
          Effect.mapError(classify(operation))
        )

    /** {@link fastAppend} of a write of one event, by the one-event statement. */
    const fastAppendOne = (
      write: Envelope.PreparedWrite,
      kind: FastAppend.Kind,
      version: number,
      operation: string
    ): Effect.Effect<EventStore.AppendResult | undefined, EventStore.AppendError> => {
      const { event, data, metadata } = write.events[0]!
      // The numbers that may exceed an int4 go as text: the driver would otherwise type them by
      // their value (int4, int8), and each parameter typing is its own prepared statement.
      const params: Array<unknown> = [
        write.stream,
        write.category,
        event.eventId,
        event.type,
        event.schemaVersion,
        data,
        metadata,
        String(event.recordedAt)
      ]
      if (kind === "exact") params.push(String(version))
      return sql.unsafe<{ readonly first: unknown; readonly version: unknown }>(FastAppend.single[kind], params).pipe(
        Effect.map((rows) => {
          const row = rows[0]
          return row === undefined ? undefined : appendedResult(write, toNumber(row.version), toNumber(row.first))
        }),
        orFallback(operation)
      )
    }

    const outcomeOf = (
      prepared: ReadonlyArray<Envelope.PreparedWrite>,
      text: unknown
    ): Effect.Effect<ReadonlyArray<EventStore.AppendResult>, EventStore.AppendError> => {
      let json: unknown
      try {
        json = JSON.parse(String(text))
      } catch (cause) {
        return Effect.fail(new EventStore.EventStoreError({ reason: "cannot parse the append result", cause }))
      }
      const decoded = decodeOutcome(json)
      if (Result.isFailure(decoded)) {
        return Effect.fail(
          new EventStore.EventStoreError({ reason: `unexpected append result: ${decoded.failure.message}` })
        )
      }
      const outcome = decoded.success
      switch (outcome.outcome) {
        case "in_transaction":
          return Effect.fail(new EventStore.AppendInTransaction({ streams: prepared.map((w) => w.stream) }))
        case "wrong_expected_version": {
          const write = prepared.find((w) => w.stream === outcome.stream)
          return Effect.fail(
            new EventStore.WrongExpectedVersion({
              stream: outcome.stream,
              expected: write?.expected ?? EventStore.any,
              actual: outcome.actual
            })
          )
        }
        case "event_id_conflict":
          return Effect.fail(
            new EventStore.EventIdConflict({
              stream: outcome.stream,
              eventIds: outcome.eventIds,
              reason: outcome.reason
            })
          )
        case "ok": {
          const results = new Array<EventStore.AppendResult>(prepared.length)
          for (let w = 0; w < prepared.length; w++) {
            const write = prepared[w]!
            const r = outcome.results[w]
            if (r === undefined) {
              return Effect.fail(
                new EventStore.EventStoreError({ reason: "unexpected append result: a write is missing" })
              )
            }
            if (r.outcome === "repeat") {
              results[w] = {
                streamId: write.stream,
                version: r.version,
                events: r.events.map(recorded),
                duplicate: true
              }
              continue
            }
            results[w] = appendedResult(write, r.version, r.first)
          }
          return Effect.succeed(results)
        }
      }
    }

    const readStream: EventStore.EventStoreService["readStream"] = (stream, options) => {
      const bad = Envelope.checkReadStream(stream, options)
      if (bad !== undefined) return Effect.fail(bad)
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
    const readLog = (category: string | null, options: EventStore.ReadAllOptions | undefined, operation: string) => {
      const bad = Envelope.checkReadAll(operation, options, category ?? undefined)
      if (bad !== undefined) return Effect.fail(bad)
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
        operation
      )
    }

    const service: EventStore.EventStoreService = {
      appendMany: (writes) => appendWrites("appendMany", writes),
      append: (stream, events, expected) =>
        Effect.map(appendWrites("append", [{ stream, events, expected }]), (results) => results[0]!),
      readStream,
      streamVersion,
      readAll: (options) => readLog(null, options, "readAll"),
      readCategory: (category, options) => readLog(category, options, "readCategory"),
      subscribe: (options) => {
        const bad = Envelope.checkReadAll("subscribe", options, options?.category)
        if (bad !== undefined) return Stream.fail(bad)
        return Subscription.make({
          after: options?.after ?? 0,
          read: (after) => readLog(options?.category ?? null, { after, maxCount: batchSize }, "subscribe"),
          nextCommit: Effect.succeed(Effect.sleep(pollInterval))
        })
      }
    }
    return Tracing.traced(service)
  })
}

/**
 * The SQL event store as a layer over the `SqlClient` in context (the schema must exist). With
 * options, a bad one fails the layer with `InvalidArgument` (see {@link Options}).
 *
 * @since 0.1.0
 * @category layers
 */
export function layer(options?: OptionsWithDefaults): Layer.Layer<EventStore.EventStore, never, SqlClient.SqlClient>
export function layer(
  options: Options | undefined
): Layer.Layer<EventStore.EventStore, EventStore.InvalidArgument, SqlClient.SqlClient>
export function layer(
  options?: Options
): Layer.Layer<EventStore.EventStore, EventStore.InvalidArgument, SqlClient.SqlClient> {
  return Layer.effect(EventStore.EventStore, make(options))
}

/**
 * The SQL event store as a layer that first applies the pending migrations. With options, a bad
 * one fails the layer with `InvalidArgument` (see {@link Options}) before any migration runs.
 *
 * @since 0.1.0
 * @category layers
 */
export function layerWithMigrations(
  options?: OptionsWithDefaults
): Layer.Layer<EventStore.EventStore, EventStore.EventStoreError, SqlClient.SqlClient>
export function layerWithMigrations(
  options: Options | undefined
): Layer.Layer<EventStore.EventStore, EventStore.EventStoreError | EventStore.InvalidArgument, SqlClient.SqlClient>
export function layerWithMigrations(
  options: Options = {}
): Layer.Layer<EventStore.EventStore, EventStore.EventStoreError | EventStore.InvalidArgument, SqlClient.SqlClient> {
  const bad = CheckedOptions.checkSqlStore(options)
  if (bad !== undefined) return Layer.effect(EventStore.EventStore, Effect.fail(bad))
  return Layer.effect(
    EventStore.EventStore,
    Effect.andThen(
      Effect.flatMap(SqlClient.SqlClient, (sql) =>
        Migrations.run.pipe(
          Effect.mapError(
            (cause) =>
              new EventStore.EventStoreError({
                reason: Classify.migrationFailure(options.endpoint ?? Classify.endpointOf(sql), cause),
                cause
              })
          )
        )
      ),
      make(options)
    )
  )
}

/**
 * `sql.withTransaction(effect)` with the store's classified errors: a driver error (of a
 * statement, the commit or the rollback) is a `BackendError` — `ConnectionLost` when the
 * connection died, even during the rollback, which effect's `withTransaction` reports as a
 * defect (and then loses the original failure). The effect's own errors pass through unchanged.
 * Use it rather than `sql.withTransaction` around appends.
 *
 * @since 0.2.0
 * @category transactions
 */
export const withTransaction = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  operation = "transaction"
): Effect.Effect<A, Exclude<E, SqlError.SqlError> | BackendError, R | SqlClient.SqlClient> =>
  Effect.flatMap(Effect.service(SqlClient.SqlClient), (sql) => {
    const classify = Classify.classifier(Classify.endpointOf(sql))(operation)
    return sql.withTransaction(effect).pipe(
      Effect.mapError((error) =>
        SqlError.isSqlError(error) ? classify(error) : (error as Exclude<E, SqlError.SqlError>)
      ),
      Effect.catchDefect((defect) =>
        SqlError.isSqlError(defect)
          ? Effect.fail(classify(defect))
          : Classify.isBackendError(defect)
            ? Effect.fail(defect)
            : Effect.die(defect)
      )
    )
  })
