/**
 * Command handling: load → decide → append, with optimistic concurrency and bounded retries.
 *
 * `handle(aggregate, streamId, command, metadata)`:
 * 1. **load**: reads the stream (after the latest usable snapshot, if a `SnapshotStore` is
 *    provided and the aggregate has a snapshot policy), upcasts and decodes each event, folds;
 * 2. if an event of the stream (in the loaded tail) already carries this `commandId`, the command
 *    was handled before: nothing is decided nor appended, and the result lists the events that
 *    command recorded, with `duplicate: true`;
 * 3. **decide**: a refusal is returned as the decider's typed error in the error channel;
 * 4. **append** with `Exact(loaded version)`; event ids are `${commandId}:${i}` and `recordedAt`
 *    is read from `Clock`, so a retried command is an idempotent append;
 * 5. on `WrongExpectedVersion` the whole cycle runs again, as bounded by the retry `Schedule`
 *    (default: up to 10 immediate retries); when retries are exhausted the last
 *    `WrongExpectedVersion` is returned.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option, Result, Schedule, Schema } from "effect"
import * as Decider from "./Decider.js"
import type { EventCodec } from "./EventCodec.js"
import type { EventDecodeError, EventEncodeError } from "./EventCodec.js"
import { decodeAll } from "./EventCodec.js"
import * as EventStore from "./EventStore.js"
import type { SnapshotPolicy } from "./Snapshot.js"
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
export type HandleError =
  | EventStore.WrongExpectedVersion
  | EventStore.EventIdConflict
  | EventStore.EventStoreError
  | EventDecodeError
  | EventEncodeError

/**
 * Options of `handle`: the retry schedule on `WrongExpectedVersion` (default
 * `Schedule.recurs(10)`, no delay).
 *
 * @since 0.1.0
 * @category models
 */
export interface HandleOptions {
  readonly retry?: Schedule.Schedule<unknown, EventStore.WrongExpectedVersion> | undefined
}

const decodeFailed = <Event>(
  decoded: Result.Result<Array<Event>, EventDecodeError>
): decoded is Result.Failure<Array<Event>, EventDecodeError> => Result.isFailure(decoded)

/** Load with the store at hand: snapshot work only when the aggregate has a snapshot policy. */
const loadWith = <Command, Event, State, Err>(
  store: EventStore.EventStoreService,
  aggregate: Aggregate<Command, Event, State, Err>,
  streamId: string
): Effect.Effect<Loaded<State>, EventDecodeError | EventStore.EventStoreError> => {
  const policy = aggregate.snapshot
  if (policy === undefined) return replayFrom(store, aggregate, streamId, aggregate.decider.initialState, 0)
  return Effect.flatMap(Effect.serviceOption(SnapshotStore), (snapshots) => {
    if (Option.isNone(snapshots)) {
      return replayFrom(store, aggregate, streamId, aggregate.decider.initialState, 0)
    }
    return Effect.flatMap(snapshots.value.load(streamId), (snapshot) => {
      if (Option.isSome(snapshot) && snapshot.value.evolveVersion === policy.evolveVersion) {
        const decoded = Schema.decodeUnknownResult(policy.schema)(snapshot.value.state)
        // An undecodable snapshot is ignored like a stale one: replay is always correct.
        if (Result.isSuccess(decoded)) {
          return replayFrom(store, aggregate, streamId, decoded.success, snapshot.value.version)
        }
      }
      return replayFrom(store, aggregate, streamId, aggregate.decider.initialState, 0)
    })
  })
}

/** Reads the events after `snapshotVersion`, decodes them all, then folds them into `state`. */
const replayFrom = <Command, Event, State, Err>(
  store: EventStore.EventStoreService,
  aggregate: Aggregate<Command, Event, State, Err>,
  streamId: string,
  state: State,
  snapshotVersion: number
): Effect.Effect<Loaded<State>, EventDecodeError | EventStore.EventStoreError> =>
  Effect.flatMap(store.readStream(streamId, { from: snapshotVersion + 1 }), (tail) => {
    const decoded = decodeAll(aggregate.codec, tail)
    if (decodeFailed(decoded)) return Effect.fail(decoded.failure)
    const last = tail[tail.length - 1]
    return Effect.succeed({
      state: Decider.fold(aggregate.decider, decoded.success, state),
      version: last?.version ?? snapshotVersion,
      snapshotVersion,
      tail
    })
  })

/**
 * Loads a stream: latest usable snapshot (if any) + tail, decoded and folded.
 *
 * @since 0.1.0
 * @category loading
 */
export const load = <Command, Event, State, Err>(
  aggregate: Aggregate<Command, Event, State, Err>,
  streamId: string
): Effect.Effect<Loaded<State>, EventDecodeError | EventStore.EventStoreError, EventStore.EventStore> =>
  Effect.flatMap(Effect.service(EventStore.EventStore), (store) => loadWith(store, aggregate, streamId))

/** The snapshot to save after an append, if any (a failed snapshot never fails a command). */
const maybeSnapshot = <State>(
  policy: SnapshotPolicy<State> | undefined,
  streamId: string,
  before: number,
  after: number,
  state: State
): Effect.Effect<void> | undefined => {
  if (policy === undefined || after === before) return undefined
  const every = Math.max(1, policy.every ?? 100)
  if (Math.floor(after / every) === Math.floor(before / every)) return undefined
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

const handleOnce = <Command, Event, State, Err>(
  store: EventStore.EventStoreService,
  aggregate: Aggregate<Command, Event, State, Err>,
  streamId: string,
  command: Command,
  metadata: CommandMetadata
): Effect.Effect<Handled<Event, State>, Err | HandleError> =>
  Effect.flatMap(
    loadWith(store, aggregate, streamId),
    (loaded): Effect.Effect<Handled<Event, State>, Err | HandleError> => {
      const commandId = metadata.commandId
      const tail = loaded.tail
      let previous: Array<EventStore.RecordedEvent> | undefined
      for (let i = 0; i < tail.length; i++) {
        if (tail[i]!.metadata.commandId === commandId) (previous ??= []).push(tail[i]!)
      }
      if (previous !== undefined) {
        const recorded = previous
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

      const decided = aggregate.decider.decide(command, loaded.state)
      if (Result.isFailure(decided)) return Effect.fail(decided.failure)
      const events = decided.success
      if (events.length === 0) {
        return Effect.succeed({ events, recorded: [], state: loaded.state, version: loaded.version, duplicate: false })
      }

      return Effect.flatMap(
        Clock.currentTimeMillis,
        (recordedAt): Effect.Effect<Handled<Event, State>, HandleError> => {
          const eventMetadata: EventStore.EventMetadata = {
            commandId,
            causationId: metadata.causationId ?? commandId,
            correlationId: metadata.correlationId ?? commandId,
            ...(metadata.actor === undefined ? {} : { actor: metadata.actor })
          }
          const toAppend: Array<EventStore.EventToAppend> = []
          for (let i = 0; i < events.length; i++) {
            const encoded = aggregate.codec.encode(events[i]!)
            if (Result.isFailure(encoded)) return Effect.fail(encoded.failure)
            toAppend.push({ eventId: `${commandId}:${i}`, recordedAt, metadata: eventMetadata, ...encoded.success })
          }
          return Effect.flatMap(store.append(streamId, toAppend, EventStore.exact(loaded.version)), (result) => {
            const state = Decider.fold(aggregate.decider, events, loaded.state)
            const handled: Handled<Event, State> = {
              events,
              recorded: result.events,
              state,
              version: result.version,
              duplicate: false
            }
            const snapshot = maybeSnapshot(aggregate.snapshot, streamId, loaded.version, result.version, state)
            return snapshot === undefined ? Effect.succeed(handled) : Effect.as(snapshot, handled)
          })
        }
      )
    }
  )

const defaultRetry: Schedule.Schedule<unknown, EventStore.WrongExpectedVersion> = Schedule.recurs(10)

/**
 * Handles a command on a stream (see the module documentation for the exact steps).
 *
 * The first attempt runs directly; only a `WrongExpectedVersion` enters the retry loop, which
 * replays that first failure into the `Schedule`, so the attempts are exactly those of
 * `Effect.retry(schedule)` over the whole cycle.
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
  const schedule = options?.retry ?? defaultRetry
  return Effect.flatMap(Effect.service(EventStore.EventStore), (store) =>
    Effect.catchIf(handleOnce(store, aggregate, streamId, command, metadata), isWrongExpectedVersion, (first) =>
      retryAfter(
        first,
        schedule,
        // Built again for every attempt: each one calls the store afresh, as `Effect.gen` did.
        Effect.suspend(() => handleOnce(store, aggregate, streamId, command, metadata))
      )
    )
  )
}

/** The retry loop, entered after a first `WrongExpectedVersion`. */
const retryAfter = <Event, State, Err>(
  first: EventStore.WrongExpectedVersion,
  schedule: Schedule.Schedule<unknown, EventStore.WrongExpectedVersion>,
  attempt: Effect.Effect<Handled<Event, State>, Err | HandleError>
): Effect.Effect<Handled<Event, State>, Err | HandleError> => {
  let replayed = false
  const again: Effect.Effect<Handled<Event, State>, Err | HandleError> = Effect.suspend(() => {
    if (replayed) return attempt
    replayed = true
    return Effect.fail(first)
  })
  return again.pipe(
    // Only WrongExpectedVersion stays in the error channel, so the schedule sees nothing else.
    Effect.map((handled) => Result.succeed(handled) as Result.Result<Handled<Event, State>, Err | HandleError>),
    Effect.catch((error: Err | HandleError) =>
      isWrongExpectedVersion(error) ? Effect.fail(error) : Effect.succeed(Result.fail(error))
    ),
    Effect.retry(schedule),
    Effect.flatMap((result) =>
      Result.isSuccess(result) ? Effect.succeed(result.success) : Effect.fail(result.failure)
    )
  )
}

const isWrongExpectedVersion = (error: unknown): error is EventStore.WrongExpectedVersion =>
  error instanceof EventStore.WrongExpectedVersion
