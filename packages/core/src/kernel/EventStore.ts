/**
 * The event store: the service every backend (in memory, PGlite, PostgreSQL…) implements, with
 * exactly the same semantics — checked by `runEventStoreConformance` from `@soltrace/core/testing`.
 *
 * Conventions (see `docs/kernel.md` for the full guarantees):
 *
 * - **Stream version**: the first event of a stream has version **1**; the version of a stream
 *   is the version of its last event, so a stream with no events has version **0**.
 * - **Global position**: a JavaScript `number` (safe integer, ≥ 1). Positions strictly increase
 *   in commit order; they need not be contiguous (a SQL sequence may skip numbers), but a reader
 *   that has seen position `p` never afterwards sees a new event at a position `< p`.
 * - **Data** is stored as raw JSON (`unknown`); decoding with the event Schema (and upcasting)
 *   happens on read, see `EventCodec`.
 * - **Idempotency**: an append whose event ids are *all* already recorded in that same stream, as
 *   one contiguous run in the same order, records nothing and returns the events as originally
 *   recorded, with `duplicate: true` — whatever its expected version. Any other reuse of a
 *   recorded event id (some ids new and some old, ids recorded in another stream, a different
 *   order, an id twice in one batch) fails with `EventIdConflict` and records nothing. Event data
 *   is not compared. With `appendMany`, each write is idempotent on its own.
 * - **Log order = stream order**: a reader of the global log never sees a stream's version n + 1
 *   before n, for every expected version and for multi-stream appends.
 * - **Validation**: every event is checked before anything is written (`InvalidEvent`, the same
 *   answer on every backend), so what an append accepts every reader reads back; number
 *   arguments must be non-negative integers (`InvalidArgument`).
 *
 * @since 0.1.0
 */
import { Context, Schema } from "effect"
import type { Effect, Stream } from "effect"

// ---------------------------------------------------------------------------------------------
// Expected version
// ---------------------------------------------------------------------------------------------

/**
 * What the writer expects of the stream before its append.
 *
 * - `Any`: no check;
 * - `NoStream`: the stream has no event (version 0);
 * - `StreamExists`: the stream has at least one event;
 * - `Exact(version)`: the stream's version is exactly `version` (`Exact(0)` ≡ `NoStream`).
 *
 * @since 0.1.0
 * @category expected version
 */
export const ExpectedVersion = Schema.Union([
  Schema.TaggedStruct("Any", {}),
  Schema.TaggedStruct("NoStream", {}),
  Schema.TaggedStruct("StreamExists", {}),
  Schema.TaggedStruct("Exact", { version: Schema.Int })
])

/**
 * @since 0.1.0
 * @category expected version
 */
export type ExpectedVersion = typeof ExpectedVersion.Type

/**
 * No check on the stream's version.
 *
 * @since 0.1.0
 * @category expected version
 */
export const any: ExpectedVersion = { _tag: "Any" }

/**
 * The stream must have no event.
 *
 * @since 0.1.0
 * @category expected version
 */
export const noStream: ExpectedVersion = { _tag: "NoStream" }

/**
 * The stream must have at least one event.
 *
 * @since 0.1.0
 * @category expected version
 */
export const streamExists: ExpectedVersion = { _tag: "StreamExists" }

/**
 * The stream's version must be exactly `version` (0 = no event).
 *
 * @since 0.1.0
 * @category expected version
 */
export const exact = (version: number): ExpectedVersion => ({ _tag: "Exact", version })

/**
 * True when a stream at version `actual` satisfies `expected`.
 *
 * @since 0.1.0
 * @category expected version
 */
export const satisfies = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected._tag) {
    case "Any":
      return true
    case "NoStream":
      return actual === 0
    case "StreamExists":
      return actual > 0
    case "Exact":
      return actual === expected.version
  }
}

/**
 * A short human rendering: `any`, `no stream`, `stream exists`, `3`.
 *
 * @since 0.1.0
 * @category expected version
 */
export const formatExpected = (expected: ExpectedVersion): string => {
  switch (expected._tag) {
    case "Any":
      return "any"
    case "NoStream":
      return "no stream"
    case "StreamExists":
      return "stream exists"
    case "Exact":
      return String(expected.version)
  }
}

// ---------------------------------------------------------------------------------------------
// Envelope
// ---------------------------------------------------------------------------------------------

/**
 * Metadata carried by every event. `commandId` is the command that produced the event,
 * `causationId` the message that caused that command (the command itself by default),
 * `correlationId` the conversation it belongs to, `actor` who issued it.
 *
 * @since 0.1.0
 * @category envelope
 */
export const EventMetadata = Schema.Struct({
  commandId: Schema.optional(Schema.String),
  causationId: Schema.optional(Schema.String),
  correlationId: Schema.optional(Schema.String),
  actor: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category envelope
 */
export type EventMetadata = typeof EventMetadata.Type

/**
 * An event to append: its data is raw JSON, already encoded with the event Schema.
 *
 * - `eventId`: unique in the whole store (the idempotency key);
 * - `type`: the event's type name (its `_tag`);
 * - `schemaVersion`: the version of the event's Schema the data was written with (≥ 1);
 * - `recordedAt`: milliseconds since the Unix epoch (UTC), read by the caller from `Clock`.
 *
 * @since 0.1.0
 * @category envelope
 */
export interface EventToAppend {
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: number
  readonly recordedAt: number
  readonly data: unknown
  readonly metadata: EventMetadata
}

/**
 * An event as recorded: the appended event plus its stream, stream version (first = 1) and
 * global position (≥ 1, strictly increasing in commit order).
 *
 * @since 0.1.0
 * @category envelope
 */
export interface RecordedEvent extends EventToAppend {
  readonly streamId: string
  readonly version: number
  readonly position: number
}

/**
 * The result of an append: the stream's version after it (the version of its last appended
 * event; the current version when nothing was appended) and the events as recorded. For an
 * idempotent repeat, exactly the events of the original append, with `duplicate: true`.
 *
 * @since 0.1.0
 * @category envelope
 */
export interface AppendResult {
  readonly streamId: string
  readonly version: number
  readonly events: ReadonlyArray<RecordedEvent>
  /** True when the write was an exact repeat of a recorded one (nothing new was recorded). */
  readonly duplicate: boolean
}

/**
 * One write of `appendMany`: events for one stream, with that stream's expected version.
 *
 * @since 0.2.0
 * @category envelope
 */
export interface StreamWrite {
  readonly stream: string
  readonly events: ReadonlyArray<EventToAppend>
  readonly expected: ExpectedVersion
}

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

/**
 * The category of a stream: what precedes its first `-` (`system-42` → `system`); a stream id
 * with no `-` is its own category.
 *
 * @since 0.1.0
 * @category categories
 */
export const categoryOf = (streamId: string): string => {
  const dash = streamId.indexOf("-")
  return dash === -1 ? streamId : streamId.slice(0, dash)
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * The stream's version did not satisfy the expected version; nothing was recorded.
 * `actual` is the stream's version when the append was attempted (0 = no event).
 *
 * @since 0.1.0
 * @category errors
 */
export class WrongExpectedVersion extends Schema.TaggedError<WrongExpectedVersion>()("WrongExpectedVersion", {
  stream: Schema.String,
  expected: ExpectedVersion,
  actual: Schema.Int
}) {
  override get message(): string {
    return `Wrong expected version on stream "${this.stream}": expected ${formatExpected(this.expected)}, actual ${this.actual}`
  }
}

/**
 * An append reused recorded event ids in a way that is not an exact repeat (see the module
 * documentation); nothing was recorded.
 *
 * @since 0.1.0
 * @category errors
 */
export class EventIdConflict extends Schema.TaggedError<EventIdConflict>()("EventIdConflict", {
  stream: Schema.String,
  eventIds: Schema.Array(Schema.String),
  reason: Schema.String
}) {
  override get message(): string {
    return `Event id conflict on stream "${this.stream}" (${this.eventIds.join(", ")}): ${this.reason}`
  }
}

/**
 * A failure of the backend itself that none of the classified errors below describes (an
 * unexpected server error, a malformed answer…), never a business outcome. `sqlstate` is the
 * server's error code when there is one.
 *
 * @since 0.1.0
 * @category errors
 */
export class EventStoreError extends Schema.TaggedError<EventStoreError>()("EventStoreError", {
  reason: Schema.String,
  sqlstate: Schema.optional(Schema.String),
  cause: Schema.optional(Schema.Defect())
}) {
  override get message(): string {
    return `Event store failure: ${this.reason}`
  }
}

/**
 * The connection to the database was lost (or could not be made): nothing of the interrupted
 * operation was committed unless the server had already acknowledged its commit.
 *
 * @since 0.2.0
 * @category errors
 */
export class ConnectionLost extends Schema.TaggedError<ConnectionLost>()("ConnectionLost", {
  operation: Schema.String,
  host: Schema.String,
  port: Schema.String,
  sqlstate: Schema.optional(Schema.String),
  serverMessage: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {
  override get message(): string {
    return `${this.operation}: connection to ${this.host}:${this.port} lost: ${this.serverMessage}`
  }
}

/**
 * The server aborted the transaction to break a deadlock (`40P01`) or because it could not be
 * serialised (`40001`). Nothing was recorded; trying again is safe and expected to succeed —
 * `CommandHandler` retries it like a version conflict.
 *
 * @since 0.2.0
 * @category errors
 */
export class TransactionConflict extends Schema.TaggedError<TransactionConflict>()("TransactionConflict", {
  operation: Schema.String,
  kind: Schema.Literals(["deadlock", "serialization"]),
  sqlstate: Schema.String,
  serverMessage: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {
  override get message(): string {
    return `${this.operation}: ${this.kind} (${this.sqlstate}), safe to retry: ${this.serverMessage}`
  }
}

/**
 * The statement ran longer than the server's `statement_timeout` (or was cancelled, `57014`).
 *
 * @since 0.2.0
 * @category errors
 */
export class StatementTimeout extends Schema.TaggedError<StatementTimeout>()("StatementTimeout", {
  operation: Schema.String,
  sqlstate: Schema.String,
  serverMessage: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {
  override get message(): string {
    return `${this.operation}: statement timeout (${this.sqlstate}): ${this.serverMessage}`
  }
}

/**
 * The server refused a value as too large (`54000` program limit exceeded, or a driver's
 * message-size limit). The store's own `maxEventBytes` check normally refuses such an event first
 * with `InvalidEvent`.
 *
 * @since 0.2.0
 * @category errors
 */
export class EventTooLarge extends Schema.TaggedError<EventTooLarge>()("EventTooLarge", {
  operation: Schema.String,
  sqlstate: Schema.optional(Schema.String),
  serverMessage: Schema.String,
  cause: Schema.optional(Schema.Defect())
}) {
  override get message(): string {
    return `${this.operation}: value too large for the server: ${this.serverMessage}`
  }
}

/**
 * Any failure of the backend itself (never a business outcome): connection lost, a retryable
 * transaction conflict, a statement timeout, a value too large for the server, or anything else.
 *
 * @since 0.2.0
 * @category errors
 */
export type BackendError = EventStoreError | ConnectionLost | TransactionConflict | StatementTimeout | EventTooLarge

/**
 * True for a backend error that is safe and sensible to retry as a whole (deadlock,
 * serialisation failure).
 *
 * @since 0.2.0
 * @category errors
 */
export const isRetryable = (error: unknown): error is TransactionConflict => error instanceof TransactionConflict

/**
 * An event to append is not a valid envelope (or is larger than the store's `maxEventBytes`, or
 * its `data` or `metadata` nests arrays and objects deeper than `maxJsonDepth`, default 512):
 * nothing of the call was recorded. `write` and `index` locate the event in the call (write 0 for
 * `append`), `field` names what is wrong (`metadata.actor`, `recordedAt`, `data.items[2].name`…).
 * Every backend gives the same answer for the same input.
 *
 * @since 0.2.0
 * @category errors
 */
export class InvalidEvent extends Schema.TaggedError<InvalidEvent>()("InvalidEvent", {
  stream: Schema.String,
  write: Schema.Int,
  index: Schema.Int,
  eventId: Schema.optional(Schema.String),
  field: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    const id = this.eventId === undefined ? "" : ` (${this.eventId})`
    return `Invalid event ${this.index}${id} for stream "${this.stream}": ${this.field} ${this.reason}`
  }
}

/**
 * An argument of a store operation is out of its domain (a version, a position or a count that
 * is not a non-negative integer, a stream id that is not a valid string…). Nothing was done.
 *
 * @since 0.2.0
 * @category errors
 */
export class InvalidArgument extends Schema.TaggedError<InvalidArgument>()("InvalidArgument", {
  operation: Schema.String,
  field: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.operation}: ${this.field} ${this.reason}`
  }
}

/**
 * A SQL append inside a caller's transaction that has already written (it has a transaction id):
 * its events could not keep the log's order (positions increasing, stream order), so nothing was
 * recorded. Put the writes into one `appendMany` call instead (as the transaction's first write,
 * or outside any transaction).
 *
 * @since 0.2.0
 * @category errors
 */
export class AppendInTransaction extends Schema.TaggedError<AppendInTransaction>()("AppendInTransaction", {
  streams: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `Cannot append to ${this.streams.map((s) => `"${s}"`).join(", ")} inside a transaction that has already written: the log order could not be kept. Make the appends one appendMany call, as the transaction's first write or outside any transaction.`
  }
}

/**
 * A recorded row could not be read back as an event (a row written by another tool, a damaged
 * database). Names the row's position, stream, version and event id (as far as they could be
 * read) and the field at fault.
 *
 * @since 0.2.0
 * @category errors
 */
export class UnreadableEvent extends Schema.TaggedError<UnreadableEvent>()("UnreadableEvent", {
  position: Schema.optional(Schema.Number),
  stream: Schema.optional(Schema.String),
  version: Schema.optional(Schema.Number),
  eventId: Schema.optional(Schema.String),
  field: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Unreadable event at position ${this.position ?? "?"} (stream "${this.stream ?? "?"}", version ${
      this.version ?? "?"
    }, event ${this.eventId ?? "?"}): ${this.field} ${this.reason}`
  }
}

/**
 * The errors of the read operations.
 *
 * @since 0.2.0
 * @category errors
 */
export type ReadError = BackendError | InvalidArgument | UnreadableEvent

/**
 * The errors of `append` and `appendMany`.
 *
 * @since 0.2.0
 * @category errors
 */
export type AppendError =
  WrongExpectedVersion | EventIdConflict | InvalidEvent | InvalidArgument | AppendInTransaction | BackendError

// ---------------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------------

/**
 * Options of `readStream`. `from` is an inclusive stream version: by default 1 forwards and the
 * last version backwards. `maxCount` bounds the number of events returned (default: all).
 *
 * @since 0.1.0
 * @category service
 */
export interface ReadStreamOptions {
  readonly from?: number | undefined
  readonly direction?: "forwards" | "backwards" | undefined
  readonly maxCount?: number | undefined
}

/**
 * Options of `readAll`, `readCategory` and `subscribe`. `after` is an exclusive global position
 * (a checkpoint: the position of the last event already processed; default 0 = from the start).
 *
 * @since 0.1.0
 * @category service
 */
export interface ReadAllOptions {
  readonly after?: number | undefined
  readonly maxCount?: number | undefined
}

/**
 * The event store service.
 *
 * - `appendMany`: atomically appends to several streams, each write with its own expected
 *   version: all the writes are recorded, or none (the first failing write's error). Each write
 *   is idempotent on its own, as `append`: an exact repeat of a recorded write returns its
 *   original events with `duplicate: true` (other writes of the call may be new). A stream may
 *   appear in one write only (else `InvalidArgument`); event ids must be distinct across the call;
 * - `append`: `appendMany` of one write; an empty batch checks `expected` and records nothing;
 * - `readStream`: the events of one stream, by version; an unknown stream reads as empty;
 * - `streamVersion`: the version of a stream (0 if it has no event);
 * - `readAll`: the events of every stream after a position, in commit (position) order;
 * - `readCategory`: the same, restricted to the streams of one category;
 * - `subscribe`: a catch-up subscription: every event after `after` (optionally of one category)
 *   in commit order, first the recorded ones then the new ones as they are committed, each once;
 *   the stream never ends by itself.
 *
 * Every event is validated before anything is written (`InvalidEvent`), every number argument
 * must be a non-negative integer (`InvalidArgument`).
 *
 * @since 0.1.0
 * @category service
 */
export interface EventStoreService {
  readonly appendMany: (writes: ReadonlyArray<StreamWrite>) => Effect.Effect<ReadonlyArray<AppendResult>, AppendError>
  readonly append: (
    stream: string,
    events: ReadonlyArray<EventToAppend>,
    expected: ExpectedVersion
  ) => Effect.Effect<AppendResult, AppendError>
  readonly readStream: (
    stream: string,
    options?: ReadStreamOptions
  ) => Effect.Effect<ReadonlyArray<RecordedEvent>, ReadError>
  readonly streamVersion: (stream: string) => Effect.Effect<number, ReadError>
  readonly readAll: (options?: ReadAllOptions) => Effect.Effect<ReadonlyArray<RecordedEvent>, ReadError>
  readonly readCategory: (
    category: string,
    options?: ReadAllOptions
  ) => Effect.Effect<ReadonlyArray<RecordedEvent>, ReadError>
  readonly subscribe: (
    options?: ReadAllOptions & { readonly category?: string | undefined }
  ) => Stream.Stream<RecordedEvent, ReadError>
}

/**
 * The event store service tag.
 *
 * @since 0.1.0
 * @category service
 */
export class EventStore extends Context.Service<EventStore, EventStoreService>()("@soltrace/core/EventStore") {}
