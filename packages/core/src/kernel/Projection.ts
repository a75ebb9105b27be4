/**
 * Projections: read models built from recorded events.
 *
 * - An **inline** projection is a pure fold (`Projection<S>`) that a store updates in the same
 *   write as the append: for the in-memory store, in the same synchronous step, so a reader never
 *   sees the log and the read model disagree, and an `evolve` that throws aborts the append
 *   (nothing recorded, nothing projected). Read its state with the `InlineProjections` service.
 * - A **catch-up** projection (`CatchUpProjection`) is run after the fact from the global log:
 *   it handles each event after its checkpoint, in commit order, and saves the checkpoint in a
 *   `CheckpointStore` after each batch. It is restartable (it resumes after its checkpoint; an
 *   event handled just before a crash may be handled again: delivery is at least once, so make
 *   `handle` idempotent or store the checkpoint with the read model) and rebuildable from
 *   position 0 (`rebuild` resets the read model and the checkpoint). `runLive` runs one for
 *   ever on a subscription. Both treat an event they cannot read or decode the same way:
 *   stop (default) or park it and go on (`OnUnreadable`).
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Ref, Stream } from "effect"
import { EventStore } from "./EventStore.js"
import { EventDecodeError } from "./EventCodec.js"
import type { BackendError, ReadError, RecordedEvent } from "./EventStore.js"
import { UnreadableEvent } from "./EventStore.js"
import * as CheckedOptions from "./internal/options.js"
import * as Tracing from "./internal/tracing.js"

/**
 * A pure projection: a fold over recorded events, optionally restricted to one category.
 *
 * @since 0.1.0
 * @category models
 */
export interface Projection<S> {
  readonly name: string
  readonly category?: string | undefined
  readonly initialState: S
  // A method (not a function property) so that a `Projection<Balances>` is a `Projection<unknown>`.
  evolve(state: S, event: RecordedEvent): S
}

/**
 * Builds a pure projection.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <S>(projection: Projection<S>): Projection<S> => projection

/**
 * Reads the state of inline projections maintained by a store.
 *
 * @since 0.1.0
 * @category inline
 */
export interface InlineProjectionsService {
  readonly get: <S>(projection: Projection<S>) => Effect.Effect<S>
}

/**
 * The inline projections service tag (provided by `InMemoryEventStore.layerWithInline`).
 *
 * @since 0.1.0
 * @category inline
 */
export class InlineProjections extends Context.Service<InlineProjections, InlineProjectionsService>()(
  "@soltrace/core/InlineProjections"
) {}

// ---------------------------------------------------------------------------------------------
// Checkpoints
// ---------------------------------------------------------------------------------------------

/**
 * Where catch-up projections keep their checkpoint: the global position of the last event they
 * handled (0 = none).
 *
 * @since 0.1.0
 * @category checkpoints
 */
export interface CheckpointStoreService {
  readonly load: (name: string) => Effect.Effect<number, BackendError>
  readonly save: (name: string, position: number) => Effect.Effect<void, BackendError>
  /** Records an event a projection parked (see `catchUp`'s `onUnreadable`); optional. */
  readonly park?: ((name: string, parked: ParkedEvent) => Effect.Effect<void, BackendError>) | undefined
  /** The events a projection parked, by position; optional. */
  readonly parked?: ((name: string) => Effect.Effect<ReadonlyArray<ParkedEvent>, BackendError>) | undefined
}

/**
 * An event a catch-up projection could not read (or decode) and set aside, with `onUnreadable:
 * "park"`: where it is and why.
 *
 * @since 0.2.0
 * @category checkpoints
 */
export interface ParkedEvent {
  readonly position: number
  readonly stream?: string | undefined
  readonly version?: number | undefined
  readonly eventId?: string | undefined
  readonly field: string
  readonly reason: string
}

/**
 * What a catch-up projection does with an event it cannot read (`UnreadableEvent` from the store)
 * or decode (`EventDecodeError` from its handler): `"stop"` (default) fails with that error, the
 * checkpoint left before the event; `"park"` records it with the checkpoint store's `park`, moves
 * the checkpoint past it and goes on.
 *
 * @since 0.2.0
 * @category catch-up
 */
export type OnUnreadable = "stop" | "park"

/**
 * Options of the catch-up runs: `batchSize`, how many events are read and handled at a time
 * (default 500), a positive safe integer; `onUnreadable`, `"stop"` (default) or `"park"`. They
 * are checked before anything is read or reset: a bad one (`0`, which read nothing and returned
 * at once, `NaN`, `-1`, `1.5`, `"10"`, `null`, `"Park"`…) fails the run with `InvalidArgument`
 * naming `options.batchSize` or `options.onUnreadable` (issue 12).
 *
 * @since 0.2.0
 * @category catch-up
 */
export interface CatchUpOptions {
  readonly batchSize?: number | undefined
  readonly onUnreadable?: OnUnreadable | undefined
}

/**
 * The parked record of an error that makes an event unreadable, or undefined when the error is
 * not one (or does not say where the event is).
 *
 * @since 0.2.0
 * @category catch-up
 */
export const toParked = (error: unknown, event?: RecordedEvent): ParkedEvent | undefined => {
  if (error instanceof UnreadableEvent) {
    const position = error.position ?? event?.position
    if (position === undefined) return undefined
    return {
      position,
      stream: error.stream,
      version: error.version,
      eventId: error.eventId,
      field: error.field,
      reason: error.reason
    }
  }
  if (error instanceof EventDecodeError && event !== undefined) {
    return {
      position: event.position,
      stream: event.streamId,
      version: event.version,
      eventId: event.eventId,
      field: "data",
      reason: error.reason
    }
  }
  return undefined
}

/**
 * @since 0.1.0
 * @category checkpoints
 */
export class CheckpointStore extends Context.Service<CheckpointStore, CheckpointStoreService>()(
  "@soltrace/core/CheckpointStore"
) {}

/**
 * An in-memory checkpoint store.
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const makeMemoryCheckpointStore: Effect.Effect<CheckpointStoreService> = Effect.map(
  Effect.all([Ref.make(new Map<string, number>()), Ref.make(new Map<string, ReadonlyArray<ParkedEvent>>())]),
  ([ref, parkedRef]) => ({
    load: (name) => Effect.map(Ref.get(ref), (map) => map.get(name) ?? 0),
    save: (name, position) => Ref.update(ref, (map) => new Map(map).set(name, position)),
    park: (name, parked) => Ref.update(parkedRef, (map) => new Map(map).set(name, [...(map.get(name) ?? []), parked])),
    parked: (name) => Effect.map(Ref.get(parkedRef), (map) => map.get(name) ?? [])
  })
)

/**
 * A layer with an in-memory checkpoint store.
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const memoryCheckpointStore: Layer.Layer<CheckpointStore> = Layer.effect(
  CheckpointStore,
  makeMemoryCheckpointStore
)

// ---------------------------------------------------------------------------------------------
// Catch-up
// ---------------------------------------------------------------------------------------------

/**
 * A catch-up projection: an effectful handler of recorded events, with a way to reset its read
 * model for a rebuild.
 *
 * @since 0.1.0
 * @category catch-up
 */
export interface CatchUpProjection<E, R> {
  readonly name: string
  readonly category?: string | undefined
  readonly handle: (event: RecordedEvent) => Effect.Effect<void, E, R>
  readonly reset: Effect.Effect<void, E, R>
}

/**
 * A catch-up projection that keeps the state of a pure projection in a `Ref`.
 *
 * @since 0.1.0
 * @category catch-up
 */
export const toRef = <S>(projection: Projection<S>, ref: Ref.Ref<S>): CatchUpProjection<never, never> => ({
  name: projection.name,
  category: projection.category,
  handle: (event) => Ref.update(ref, (state) => projection.evolve(state, event)),
  reset: Ref.set(ref, projection.initialState)
})

const readBatch = (category: string | undefined, after: number, maxCount: number) =>
  Effect.gen(function* () {
    const store = yield* EventStore
    return yield* category === undefined
      ? store.readAll({ after, maxCount })
      : store.readCategory(category, { after, maxCount })
  })

/**
 * Handles every event recorded after the projection's checkpoint, up to the end of the log as it
 * is when each batch is read, saving the checkpoint after each batch; returns the final
 * checkpoint. Run it again later to continue. An event that cannot be read or decoded stops it
 * (default) or is parked (`onUnreadable: "park"`, see {@link OnUnreadable}).
 *
 * @since 0.1.0
 * @category catch-up
 */
export const catchUp = <E, R>(
  projection: CatchUpProjection<E, R>,
  options?: CatchUpOptions
): Effect.Effect<number, E | ReadError, R | EventStore | CheckpointStore> =>
  Effect.gen(function* () {
    const bad = CheckedOptions.check("Projection.catchUp", options, CheckedOptions.catchUp)
    if (bad !== undefined) return yield* Effect.fail(bad)
    const checkpoints = yield* CheckpointStore
    const batchSize = options?.batchSize ?? 500
    const park = options?.onUnreadable === "park" ? checkpoints.park : undefined
    let checkpoint = yield* checkpoints.load(projection.name)
    while (true) {
      const read = yield* Effect.result(readBatch(projection.category, checkpoint, batchSize))
      let batch: ReadonlyArray<RecordedEvent>
      if (read._tag === "Success") batch = read.success
      else {
        const parked = park === undefined ? undefined : toParked(read.failure)
        if (park === undefined || parked === undefined) return yield* Effect.fail(read.failure)
        // Handle the readable events before the bad one, one at a time, then park it.
        const one = yield* Effect.result(readBatch(projection.category, checkpoint, 1))
        if (one._tag === "Success") batch = one.success
        else {
          const bad = toParked(one.failure)
          if (bad === undefined) return yield* Effect.fail(one.failure)
          yield* park(projection.name, bad)
          checkpoint = bad.position
          yield* checkpoints.save(projection.name, checkpoint)
          continue
        }
      }
      if (batch.length === 0) return checkpoint
      const handled = batch
      checkpoint = yield* Effect.gen(function* () {
        for (const event of handled) {
          const one = yield* Effect.result(projection.handle(event))
          if (one._tag === "Failure") {
            const parked = park === undefined ? undefined : toParked(one.failure, event)
            if (park === undefined || parked === undefined) return yield* Effect.fail(one.failure)
            yield* park(projection.name, parked)
          }
        }
        const last = handled[handled.length - 1]!.position
        yield* checkpoints.save(projection.name, last)
        return last
      }).pipe((effect) =>
        Tracing.span(effect, "Projection.batch", () => ({
          "soltrace.projection": projection.name,
          "soltrace.category": projection.category,
          "soltrace.after": checkpoint,
          "soltrace.events": batch.length
        }))
      )
    }
  })

/**
 * Resets the read model and the checkpoint, then catches up from position 0.
 *
 * @since 0.1.0
 * @category catch-up
 */
export const rebuild = <E, R>(
  projection: CatchUpProjection<E, R>,
  options?: CatchUpOptions
): Effect.Effect<number, E | ReadError, R | EventStore | CheckpointStore> =>
  Effect.gen(function* () {
    // Checked before the reset: a bad option must not leave the read model emptied (issue 12).
    const bad = CheckedOptions.check("Projection.rebuild", options, CheckedOptions.catchUp)
    if (bad !== undefined) return yield* Effect.fail(bad)
    const checkpoints = yield* CheckpointStore
    yield* projection.reset
    yield* checkpoints.save(projection.name, 0)
    return yield* catchUp(projection, options)
  })

/**
 * Options of `runLive`.
 *
 * @since 0.2.0
 * @category catch-up
 */
export interface LiveOptions {
  /**
   * As `catchUp`'s: `"stop"` (default) or `"park"`, see {@link OnUnreadable}; anything else fails
   * the run with `InvalidArgument` naming `options.onUnreadable` (issue 12).
   */
  readonly onUnreadable?: OnUnreadable | undefined
}

/** What {@link runLive} checks of its options. */
const liveOptions: ReadonlyArray<CheckedOptions.Spec> = [{ key: "onUnreadable", rule: "onUnreadable", unit: "" }]

/**
 * Runs the projection live: catches up from its checkpoint through a subscription and keeps
 * handling new events as they are committed, saving the checkpoint after each event. Never ends
 * by itself; interrupt the fiber to stop it.
 *
 * An event that cannot be read or decoded is treated as by `catchUp` (issue 12): with
 * `onUnreadable: "stop"` (default) the run fails with that error, the checkpoint left before
 * the event; with `"park"` it is recorded with the checkpoint store's `park` (the same record as
 * `catchUp`'s, see {@link toParked}), the checkpoint moves past it and the run goes on. A store
 * refuses a whole page holding an unreadable row, so the events between the checkpoint and the
 * bad one are then read and handled one at a time before it is parked, and the subscription is
 * opened again after it.
 *
 * @since 0.1.0
 * @category catch-up
 */
export const runLive = <E, R>(
  projection: CatchUpProjection<E, R>,
  options?: LiveOptions
): Effect.Effect<void, E | ReadError, R | EventStore | CheckpointStore> =>
  Effect.gen(function* () {
    const bad = CheckedOptions.check("Projection.runLive", options, liveOptions)
    if (bad !== undefined) return yield* Effect.fail(bad)
    const checkpoints = yield* CheckpointStore
    const store = yield* EventStore
    const park = options?.onUnreadable === "park" ? checkpoints.park : undefined
    let checkpoint = yield* checkpoints.load(projection.name)
    const handleOne = (event: RecordedEvent) =>
      Effect.gen(function* () {
        const one = yield* Effect.result(projection.handle(event))
        if (one._tag === "Failure") {
          const parked = park === undefined ? undefined : toParked(one.failure, event)
          if (park === undefined || parked === undefined) return yield* Effect.fail(one.failure)
          yield* park(projection.name, parked)
        }
        yield* checkpoints.save(projection.name, event.position)
        checkpoint = event.position
      })
    while (true) {
      const ended = yield* Effect.result(
        store.subscribe({ after: checkpoint, category: projection.category }).pipe(Stream.runForEach(handleOne))
      )
      if (ended._tag === "Success") return
      const unreadable = park === undefined ? undefined : toParked(ended.failure)
      if (park === undefined || unreadable === undefined) return yield* Effect.fail(ended.failure)
      // Handle the readable events before the bad one, one at a time, then park it.
      const before = checkpoint
      while (true) {
        const one = yield* Effect.result(readBatch(projection.category, checkpoint, 1))
        if (one._tag === "Success") {
          const event = one.success[0]
          if (event === undefined) break
          yield* handleOne(event)
          continue
        }
        const bad = toParked(one.failure)
        if (bad === undefined) return yield* Effect.fail(one.failure)
        yield* park(projection.name, bad)
        yield* checkpoints.save(projection.name, bad.position)
        checkpoint = bad.position
        break
      }
      // The subscription failed where reading event by event finds nothing wrong: never loop.
      if (checkpoint === before) return yield* Effect.fail(ended.failure)
    }
  })
