/**
 * Command handling: load → decide → append, with optimistic concurrency and bounded retries.
 *
 * `handle(aggregate, streamId, command, metadata)`:
 * 1. **load**: reads the stream (after the latest usable snapshot, if a `SnapshotStore` is
 *    provided and the aggregate has a snapshot policy — snapshot and tail in one read when the
 *    store has `loadWithTail`), upcasts and decodes each event, folds;
 * 2. if an event of the stream (in the loaded tail) already carries this `commandId`, the command
 *    was handled before: nothing is decided nor appended, and the result lists the events that
 *    command recorded, with `duplicate: true`. Loaded from a snapshot, the events before it are
 *    searched too, whenever the command would otherwise be refused, change nothing or conflict;
 * 3. **decide**: a refusal is returned as the decider's typed error in the error channel;
 * 4. with `expectedVersion` (the version the caller saw, as an HTTP `If-Match`): if the stream
 *    has moved, `WrongExpectedVersion` — nothing is decided;
 * 5. **append** with `Exact(loaded version)`; event ids are `${commandId}:${i}` and `recordedAt`
 *    is read from `Clock`, so a retried command is an idempotent append; when another handler
 *    of the same command recorded it first, the append is a repeat and the result says
 *    `duplicate: true` (for every caller whose command was already recorded);
 * 6. after the append, a snapshot is saved when the policy says so (the stream has grown by
 *    `every` events since the snapshot it was loaded from);
 * 7. on `WrongExpectedVersion` or a retryable backend error (`TransactionConflict`: deadlock,
 *    serialisation failure) the whole cycle runs again, as bounded by the retry `Schedule`
 *    (default {@link retryPolicy}: up to 10 immediate retries); when retries are exhausted the
 *    last error is returned.
 *
 * `handle` is built from primitives that are exported for use cases spanning several aggregates
 * (decide each aggregate once, append them all atomically with `EventStore.appendMany`):
 *
 * ```ts
 * const transfer = CommandHandler.retrying(
 *   Effect.gen(function* () {
 *     const store = yield* EventStore.EventStore
 *     const from = yield* CommandHandler.load(account, "account-1")
 *     const to = yield* CommandHandler.load(account, "account-2")
 *     const debit = yield* CommandHandler.decideOn(account, from, { _tag: "Withdraw", amount: 5 })
 *     const credit = yield* CommandHandler.decideOn(account, to, { _tag: "Deposit", amount: 5 })
 *     return yield* store.appendMany([
 *       yield* CommandHandler.toAppend(account, "account-1", from, debit, { commandId: "t-1:from" }),
 *       yield* CommandHandler.toAppend(account, "account-2", to, credit, { commandId: "t-1:to" })
 *     ])
 *   })
 * )
 * ```
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option, Result, Schedule, Schema } from "effect"
import * as Decider from "./Decider.js"
import type { EventCodec } from "./EventCodec.js"
import type { EventDecodeError, EventEncodeError } from "./EventCodec.js"
import { decodeAll } from "./EventCodec.js"
import * as EventStore from "./EventStore.js"
import * as DecodedStreams from "./internal/decodedStreams.js"
import * as CheckedOptions from "./internal/options.js"
import * as Tracing from "./internal/tracing.js"
import type { Snapshot, SnapshotPolicy } from "./Snapshot.js"
import { SnapshotStore } from "./Snapshot.js"

/**
 * A decider with what it takes to store it: the codec of its events and an optional snapshot
 * policy.
 *
 * @since 0.1.0
 * @category models
 */
export interface Aggregate<Command, Event, State, Err> {
  readonly decider: Decider.Decider<Command, Event, State, Err>
  readonly codec: EventCodec<Event>
  readonly snapshot?: SnapshotPolicy<State> | undefined
}

/**
 * Who and what a command is: `commandId` must be unique per command (it makes retries
 * idempotent); `correlationId` and `causationId` default to `commandId`.
 *
 * @since 0.1.0
 * @category models
 */
export interface CommandMetadata {
  readonly commandId: string
  readonly causationId?: string | undefined
  readonly correlationId?: string | undefined
  readonly actor?: string | undefined
}

/**
 * A loaded stream: its state, its version, the version of the snapshot used (0 = none) and the
 * events read after it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Loaded<State> {
  readonly state: State
  readonly version: number
  readonly snapshotVersion: number
  readonly tail: ReadonlyArray<EventStore.RecordedEvent>
}

/**
 * The outcome of a handled command: the events it recorded (decoded and as recorded), the state
 * and version of the stream after them, and whether it was a repeat of an already-handled command
 * (then `state`/`version` are the stream's current ones).
 *
 * @since 0.1.0
 * @category models
 */
export interface Handled<Event, State> {
  readonly events: ReadonlyArray<Event>
  readonly recorded: ReadonlyArray<EventStore.RecordedEvent>
  readonly state: State
  readonly version: number
  readonly duplicate: boolean
}

/**
 * The infrastructure errors of `handle` (besides the decider's own error).
 *
 * @since 0.1.0
 * @category errors
 */
export type HandleError = EventStore.AppendError | EventStore.ReadError | EventDecodeError | EventEncodeError

/**
 * The errors after which a command is loaded and decided again: a version conflict, or a
 * retryable backend error (deadlock, serialisation failure).
 *
 * @since 0.2.0
 * @category retries
 */
export type RetryableError = EventStore.WrongExpectedVersion | EventStore.TransactionConflict

/**
 * True for a {@link RetryableError}.
 *
 * @since 0.2.0
 * @category retries
 */
export const isRetryableError = (error: unknown): error is RetryableError =>
  error instanceof EventStore.WrongExpectedVersion || error instanceof EventStore.TransactionConflict

/**
 * The one retry policy of the command handler: up to 10 immediate retries.
 *
 * @since 0.2.0
 * @category retries
 */
export const retryPolicy: Schedule.Schedule<unknown, RetryableError> = Schedule.recurs(10)

/**
 * Options of `handle`:
 *
 * - `retry`: the retry schedule on a {@link RetryableError} (default {@link retryPolicy});
 * - `expectedVersion`: the version of the stream the caller saw (a number is `Exact`); when the
 *   stream has moved, `handle` fails with `WrongExpectedVersion` without deciding (a repeat of a
 *   command already recorded is still `duplicate: true`).
 *
 * @since 0.1.0
 * @category models
 */
export interface HandleOptions {
  readonly retry?: Schedule.Schedule<unknown, RetryableError> | undefined
  readonly expectedVersion?: number | EventStore.ExpectedVersion | undefined
}

const decodeFailed = <Event>(
  decoded: Result.Result<Array<Event>, EventDecodeError>
): decoded is Result.Failure<Array<Event>, EventDecodeError> => Result.isFailure(decoded)

/** Load with the store at hand: snapshot work only when the aggregate has a snapshot policy. */
const loadWith = <Command, Event, State, Err>(
  store: EventStore.EventStoreService,
  aggregate: Aggregate<Command, Event, State, Err>,
  streamId: string
): Effect.Effect<Loaded<State>, EventDecodeError | EventStore.ReadError> => {
  const policy = aggregate.snapshot
  if (policy === undefined) return replayFrom(store, aggregate, streamId, aggregate.decider.initialState, 0)
  return Effect.flatMap(Effect.serviceOption(SnapshotStore), (snapshots) => {
    if (Option.isNone(snapshots)) {
      return replayFrom(store, aggregate, streamId, aggregate.decider.initialState, 0)
    }
    const snapshotStore = snapshots.value
    if (snapshotStore.loadWithTail !== undefined) {
      // Snapshot and tail in one read (one round trip on SQL).
      return Effect.flatMap(snapshotStore.loadWithTail(streamId, policy.evolveVersion), ({ snapshot, tail }) => {
        const restored = restore(policy, snapshot)
        if (restored !== undefined) return foldTail(aggregate, tail, restored.state, restored.version)
        // Without a snapshot the tail is the whole stream; an unusable one needs a full read.
        return Option.isNone(snapshot)
          ? foldTail(aggregate, tail, aggregate.decider.initialState, 0)
          : replayFrom(store, aggregate, streamId, aggregate.decider.initialState, 0)
      })
    }
    return Effect.flatMap(snapshotStore.load(streamId, policy.evolveVersion), (snapshot) => {
      const restored = restore(policy, snapshot)
      return restored === undefined
        ? replayFrom(store, aggregate, streamId, aggregate.decider.initialState, 0)
        : replayFrom(store, aggregate, streamId, restored.state, restored.version)
    })
  })
}

/**
 * The state of a snapshot, or undefined when it is missing, of another evolve version or does not
 * decode (an undecodable snapshot is ignored like a stale one: replay is always correct).
 */
const restore = <State>(
  policy: SnapshotPolicy<State>,
  snapshot: Option.Option<Snapshot>
): { readonly state: State; readonly version: number } | undefined => {
  // Keyed by evolve version: a store never returns another `evolve`'s snapshot; checked anyway.
  if (Option.isNone(snapshot) || snapshot.value.evolveVersion !== policy.evolveVersion) return undefined
  const decoded = Schema.decodeUnknownResult(policy.schema)(snapshot.value.state)
  return Result.isSuccess(decoded) ? { state: decoded.success, version: snapshot.value.version } : undefined
}

/** Decodes the events read after `snapshotVersion` and folds them into `state`. */
const foldTail = <Command, Event, State, Err>(
  aggregate: Aggregate<Command, Event, State, Err>,
  tail: ReadonlyArray<EventStore.RecordedEvent>,
  state: State,
  snapshotVersion: number
): Effect.Effect<Loaded<State>, EventDecodeError> => {
  // Decoded once per stored event and codec (in memory), folded without a copy of the events.
  const decoded = DecodedStreams.decodeRange(aggregate.codec, tail)
  if (Result.isFailure(decoded)) return Effect.fail(decoded.failure)
  const last = tail[tail.length - 1]
  return Effect.succeed({
    state: DecodedStreams.foldRange(aggregate.decider.evolve, decoded.success, state),
    version: last?.version ?? snapshotVersion,
    snapshotVersion,
    tail
  })
}

/** Reads the events after `snapshotVersion`, decodes them all, then folds them into `state`. */
const replayFrom = <Command, Event, State, Err>(
  store: EventStore.EventStoreService,
  aggregate: Aggregate<Command, Event, State, Err>,
  streamId: string,
  state: State,
  snapshotVersion: number
): Effect.Effect<Loaded<State>, EventDecodeError | EventStore.ReadError> =>
  Effect.flatMap(store.readStream(streamId, { from: snapshotVersion + 1 }), (tail) =>
    foldTail(aggregate, tail, state, snapshotVersion)
  )

/**
 * Loads a stream: latest usable snapshot (if any) + tail, decoded and folded.
 *
 * @since 0.1.0
 * @category loading
 */
export const load = <Command, Event, State, Err>(
  aggregate: Aggregate<Command, Event, State, Err>,
  streamId: string
): Effect.Effect<Loaded<State>, EventDecodeError | EventStore.ReadError, EventStore.EventStore> =>
  Tracing.span(
    Effect.flatMap(Effect.service(EventStore.EventStore), (store) => loadWith(store, aggregate, streamId)),
    "CommandHandler.load",
    () => ({ "soltrace.stream": streamId, "soltrace.category": Tracing.categoryAttribute(streamId) }),
    (loaded) => ({ "soltrace.version": loaded.version, "soltrace.snapshotVersion": loaded.snapshotVersion })
  )

/**
 * The snapshot to save after an append, if any: when the stream has grown by `every` events or
 * more since the snapshot it was loaded from (a stream that predates the policy is snapshotted
 * by its first command). A failed snapshot never fails a command.
 */
const maybeSnapshot = <State>(
  policy: SnapshotPolicy<State> | undefined,
  streamId: string,
  snapshotVersion: number,
  after: number,
  state: State
): Effect.Effect<void> | undefined => {
  if (policy === undefined) return undefined
  // A positive safe integer: checked by `handle` before anything is read (`invalidSnapshotEvery`).
  const every = policy.every ?? 100
  if (after - snapshotVersion < every) return undefined
  return Effect.gen(function* () {
    const snapshots = yield* Effect.serviceOption(SnapshotStore)
    if (Option.isNone(snapshots)) return
    const encoded = Schema.encodeResult(policy.schema)(state)
    if (Result.isFailure(encoded)) return
    yield* snapshots.value.save({
      streamId,
      version: after,
      evolveVersion: policy.evolveVersion,
      state: encoded.success
    })
  }).pipe(Effect.catch(() => Effect.void))
}

/**
 * The events a command already recorded in the loaded tail (matched by `commandId`), or
 * undefined when it has not been handled on this stream.
 *
 * @since 0.2.0
 * @category handling
 */
export const recordedBy = <State>(
  loaded: Loaded<State>,
  commandId: string
): ReadonlyArray<EventStore.RecordedEvent> | undefined => {
  const tail = loaded.tail
  let previous: Array<EventStore.RecordedEvent> | undefined
  for (let i = 0; i < tail.length; i++) {
    if (tail[i]!.metadata.commandId === commandId) (previous ??= []).push(tail[i]!)
  }
  return previous
}

/**
 * Decides a command on a loaded stream: the new events, or the decider's refusal as the error.
 * Pure: reads neither the store nor the clock.
 *
 * @since 0.2.0
 * @category handling
 */
export const decideOn = <Command, Event, State, Err>(
  aggregate: Aggregate<Command, Event, State, Err>,
  loaded: Loaded<State>,
  command: Command
): Effect.Effect<ReadonlyArray<Event>, Err> =>
  Effect.suspend(() => {
    const decided = aggregate.decider.decide(command, loaded.state)
    return Result.isFailure(decided) ? Effect.fail(decided.failure) : Effect.succeed(decided.success)
  })

/** The metadata of the events of a command (causation and correlation default to the command). */
const eventMetadataOf = (metadata: CommandMetadata): EventStore.EventMetadata => ({
  commandId: metadata.commandId,
  causationId: metadata.causationId ?? metadata.commandId,
  correlationId: metadata.correlationId ?? metadata.commandId,
  ...(metadata.actor === undefined ? {} : { actor: metadata.actor })
})

/** The write of decided events (synchronous: `recordedAt` already read). */
const writeOf = <Command, Event, State, Err>(
  aggregate: Aggregate<Command, Event, State, Err>,
  stream: string,
  loaded: Loaded<State>,
  events: ReadonlyArray<Event>,
  metadata: CommandMetadata,
  recordedAt: number
): Result.Result<EventStore.StreamWrite, EventEncodeError> => {
  const commandId = metadata.commandId
  const eventMetadata = eventMetadataOf(metadata)
  const toAppend: Array<EventStore.EventToAppend> = []
  for (let i = 0; i < events.length; i++) {
    const encoded = aggregate.codec.encode(events[i]!)
    if (Result.isFailure(encoded)) return Result.fail(encoded.failure)
    toAppend.push({ eventId: `${commandId}:${i}`, recordedAt, metadata: eventMetadata, ...encoded.success })
  }
  return Result.succeed({ stream, events: toAppend, expected: EventStore.exact(loaded.version) })
}

/**
 * The write of decided events, ready for `EventStore.append`/`appendMany`: each event encoded
 * with the aggregate's codec, its id `${commandId}:${i}` (so a retried command is an idempotent
 * append), `recordedAt` read from `Clock`, the expected version the exact loaded version.
 *
 * @since 0.2.0
 * @category handling
 */
export const toAppend = <Command, Event, State, Err>(
  aggregate: Aggregate<Command, Event, State, Err>,
  stream: string,
  loaded: Loaded<State>,
  events: ReadonlyArray<Event>,
  metadata: CommandMetadata
): Effect.Effect<EventStore.StreamWrite, EventEncodeError> =>
  Effect.flatMap(Clock.currentTimeMillis, (recordedAt) => {
    const write = writeOf(aggregate, stream, loaded, events, metadata, recordedAt)
    return Result.isFailure(write) ? Effect.fail(write.failure) : Effect.succeed(write.success)
  })

const checkExpected = (
  streamId: string,
  expected: number | EventStore.ExpectedVersion,
  actual: number
): EventStore.WrongExpectedVersion | EventStore.InvalidArgument | undefined => {
  const wanted = typeof expected === "number" ? EventStore.exact(expected) : expected
  if (wanted._tag === "Exact" && !(Number.isSafeInteger(wanted.version) && wanted.version >= 0)) {
    return new EventStore.InvalidArgument({
      operation: "handle",
      field: "expectedVersion",
      reason: `must be a non-negative integer, got ${String(wanted.version)}`
    })
  }
  return EventStore.satisfies(wanted, actual)
    ? undefined
    : new EventStore.WrongExpectedVersion({ stream: streamId, expected: wanted, actual })
}

/** The events of `events` that carry `commandId`, or undefined. */
const carrying = (
  events: ReadonlyArray<EventStore.RecordedEvent>,
  commandId: string
): Array<EventStore.RecordedEvent> | undefined => {
  let found: Array<EventStore.RecordedEvent> | undefined
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.metadata.commandId === commandId) (found ??= []).push(events[i]!)
  }
  return found
}

/**
 * A stream loaded from a snapshot does not show, in its tail, the commands recorded before the
 * snapshot. So before a command is refused, found to change nothing, or its append conflicts, the
 * events up to the snapshot are searched for its id (read, not decoded nor folded: only on these
 * paths, never on a command that appends): a retried command stays `duplicate: true`, exactly as
 * with a full replay.
 */
const unlessRecordedBefore = <Command, Event, State, Err, E>(
  store: EventStore.EventStoreService,
  aggregate: Aggregate<Command, Event, State, Err>,
  streamId: string,
  loaded: Loaded<State>,
  commandId: string,
  otherwise: Effect.Effect<Handled<Event, State>, E>
): Effect.Effect<Handled<Event, State>, E | EventDecodeError | EventStore.ReadError> => {
  if (loaded.snapshotVersion === 0) return otherwise
  return Effect.flatMap(
    store.readStream(streamId, { maxCount: loaded.snapshotVersion }),
    (prefix): Effect.Effect<Handled<Event, State>, E | EventDecodeError> => {
      const previous = carrying(prefix, commandId)
      return previous === undefined ? otherwise : duplicateOf(aggregate, loaded, previous)
    }
  )
}

/**
 * The aggregate's snapshot frequency as `InvalidArgument` when it is not a positive safe integer
 * (issue 12): `NaN` (every comparison false) and `null`, `0` or a negative number (clamped to 1)
 * silently saved a snapshot after every command, a string was compared by coercion.
 */
const invalidSnapshotEvery = (
  aggregate: Aggregate<unknown, unknown, unknown, unknown>
): EventStore.InvalidArgument | undefined => {
  const every = aggregate.snapshot?.every
  if (aggregate.snapshot === undefined || every === undefined) return undefined
  const reason = CheckedOptions.violation("positiveInteger", every, "events")
  return reason === undefined
    ? undefined
    : new EventStore.InvalidArgument({ operation: "CommandHandler.handle", field: "aggregate.snapshot.every", reason })
}

const handleOnce = <Command, Event, State, Err>(
  store: EventStore.EventStoreService,
  aggregate: Aggregate<Command, Event, State, Err>,
  streamId: string,
  command: Command,
  metadata: CommandMetadata,
  expectedVersion: number | EventStore.ExpectedVersion | undefined
): Effect.Effect<Handled<Event, State>, Err | HandleError> =>
  Effect.flatMap(
    loadWith(store, aggregate, streamId),
    (loaded): Effect.Effect<Handled<Event, State>, Err | HandleError> => {
      const previous = recordedBy(loaded, metadata.commandId)
      if (previous !== undefined) return duplicateOf(aggregate, loaded, previous)
      const unlessRecorded = <E>(otherwise: Effect.Effect<Handled<Event, State>, E>) =>
        unlessRecordedBefore(store, aggregate, streamId, loaded, metadata.commandId, otherwise)
      if (expectedVersion !== undefined) {
        const refused = checkExpected(streamId, expectedVersion, loaded.version)
        if (refused !== undefined) return unlessRecorded(Effect.fail(refused))
      }

      const decided = aggregate.decider.decide(command, loaded.state)
      if (Result.isFailure(decided)) return unlessRecorded(Effect.fail(decided.failure))
      const events = decided.success
      if (events.length === 0) {
        return unlessRecorded(
          Effect.succeed({ events, recorded: [], state: loaded.state, version: loaded.version, duplicate: false })
        )
      }

      return Effect.flatMap(
        Clock.currentTimeMillis,
        (recordedAt): Effect.Effect<Handled<Event, State>, HandleError> => {
          const write = writeOf(aggregate, streamId, loaded, events, metadata, recordedAt)
          if (Result.isFailure(write)) return Effect.fail(write.failure)
          return store.append(streamId, write.success.events, write.success.expected).pipe(
            Effect.flatMap((result): Effect.Effect<Handled<Event, State>, HandleError> => {
              // Another handler of the same command recorded it first: report its events.
              if (result.duplicate) {
                return Effect.flatMap(loadWith(store, aggregate, streamId), (current) =>
                  duplicateOf(aggregate, current, result.events)
                )
              }
              const state = Decider.fold(aggregate.decider, events, loaded.state)
              const handled: Handled<Event, State> = {
                events,
                recorded: result.events,
                state,
                version: result.version,
                duplicate: false
              }
              const snapshot = maybeSnapshot(
                aggregate.snapshot,
                streamId,
                loaded.snapshotVersion,
                result.version,
                state
              )
              return snapshot === undefined ? Effect.succeed(handled) : Effect.as(snapshot, handled)
            }),
            // Decided on a snapshot's state, a repeat may differ from what was recorded.
            Effect.catchTag("EventIdConflict", (conflict) => unlessRecorded(Effect.fail(conflict)))
          )
        }
      )
    }
  )

/** The outcome of a command already recorded: its events, and the stream as loaded now. */
const duplicateOf = <Command, Event, State, Err>(
  aggregate: Aggregate<Command, Event, State, Err>,
  loaded: Loaded<State>,
  recorded: ReadonlyArray<EventStore.RecordedEvent>
): Effect.Effect<Handled<Event, State>, EventDecodeError> => {
  const decoded = decodeAll(aggregate.codec, recorded)
  if (decodeFailed(decoded)) return Effect.fail(decoded.failure)
  return Effect.succeed({
    events: decoded.success,
    recorded,
    state: loaded.state,
    version: loaded.version,
    duplicate: true
  })
}

/**
 * Runs `effect` again (from scratch: it must load what it decides on) after each
 * {@link RetryableError}, as bounded by `schedule` (default {@link retryPolicy}); any other
 * error ends it at once. When retries are exhausted the last error is returned.
 *
 * The first attempt runs directly; only a retryable error enters the retry loop, which replays
 * that first failure into the `Schedule`, so the attempts are exactly those of
 * `Effect.retry(schedule)` over the whole cycle.
 *
 * @since 0.2.0
 * @category retries
 */
export const retrying = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  schedule: Schedule.Schedule<unknown, RetryableError> = retryPolicy
): Effect.Effect<A, E, R> =>
  Effect.catch(effect, (error: E) =>
    isRetryableError(error) ? retryAfter(error, schedule, effect) : Effect.fail(error)
  )

/**
 * Handles a command on a stream (see the module documentation for the exact steps): `load`,
 * `decideOn`, `toAppend`, `EventStore.append`, all under `retrying`.
 *
 * @since 0.1.0
 * @category handling
 */
export const handle = <Command, Event, State, Err>(
  aggregate: Aggregate<Command, Event, State, Err>,
  streamId: string,
  command: Command,
  metadata: CommandMetadata,
  options?: HandleOptions
): Effect.Effect<Handled<Event, State>, Err | HandleError, EventStore.EventStore> => {
  const schedule = options?.retry ?? retryPolicy
  const expectedVersion = options?.expectedVersion
  const badPolicy = invalidSnapshotEvery(aggregate as Aggregate<unknown, unknown, unknown, unknown>)
  return Tracing.span(
    Effect.flatMap(Effect.service(EventStore.EventStore), (store) =>
      badPolicy !== undefined
        ? Effect.fail(badPolicy)
        : retrying(
            // Built again for every attempt: each one calls the store afresh.
            Effect.suspend(() => handleOnce(store, aggregate, streamId, command, metadata, expectedVersion)),
            schedule
          )
    ),
    "CommandHandler.handle",
    () => ({
      "soltrace.stream": streamId,
      "soltrace.category": Tracing.categoryAttribute(streamId),
      "soltrace.command": commandTag(command),
      "soltrace.commandId": metadata.commandId
    }),
    (handled) => ({
      "soltrace.version": handled.version,
      "soltrace.events": handled.recorded.length,
      "soltrace.outcome": handled.duplicate ? "duplicate" : handled.recorded.length === 0 ? "unchanged" : "appended"
    }),
    failureAttributes
  )
}

/**
 * The attributes of a failed command's span: `soltrace.outcome`, the error's `_tag`; for a refusal
 * whose `reasons` carry rule ids (every domain refusal of soltrace does), `soltrace.rules`, those
 * ids comma-separated, in order. Read structurally: the kernel knows no domain error.
 */
const failureAttributes = (error: unknown): Record<string, string> => {
  const outcome = Tracing.failureOutcome(error)
  const reasons = typeof error === "object" && error !== null ? (error as { reasons?: unknown }).reasons : undefined
  if (!Array.isArray(reasons)) return { "soltrace.outcome": outcome }
  const rules: Array<string> = []
  for (const reason of reasons as ReadonlyArray<unknown>) {
    const rule = typeof reason === "object" && reason !== null ? (reason as { rule?: unknown }).rule : undefined
    if (typeof rule === "string") rules.push(rule)
  }
  return rules.length === 0
    ? { "soltrace.outcome": outcome }
    : { "soltrace.outcome": outcome, "soltrace.rules": rules.join(",") }
}

/** The `_tag` of a tagged command, for its span. */
const commandTag = (command: unknown): string | undefined =>
  typeof command === "object" && command !== null && typeof (command as { _tag?: unknown })._tag === "string"
    ? (command as { _tag: string })._tag
    : undefined

/** The retry loop, entered after a first retryable error. */
const retryAfter = <A, E, R>(
  first: RetryableError,
  schedule: Schedule.Schedule<unknown, RetryableError>,
  attempt: Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> => {
  let replayed = false
  const again = Effect.suspend((): Effect.Effect<A, E | RetryableError, R> => {
    if (replayed) return attempt
    replayed = true
    return Effect.fail(first)
  })
  return again.pipe(
    // Only retryable errors stay in the error channel, so the schedule sees nothing else.
    Effect.map((a) => Result.succeed(a) as Result.Result<A, E | RetryableError>),
    Effect.catch((error: E | RetryableError) =>
      isRetryableError(error) ? Effect.fail(error) : Effect.succeed(Result.fail(error))
    ),
    Effect.retry(schedule),
    Effect.flatMap((result) =>
      Result.isSuccess(result) ? Effect.succeed(result.success) : Effect.fail(result.failure)
    )
  ) as Effect.Effect<A, E, R>
}
