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
 *   position 0 (`rebuild` resets the read model and the checkpoint).
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Ref, Stream } from "effect"
import { EventStore } from "./EventStore.js"
import type { BackendError, ReadError, RecordedEvent } from "./EventStore.js"

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
  Ref.make(new Map<string, number>()),
  (ref) => ({
    load: (name) => Effect.map(Ref.get(ref), (map) => map.get(name) ?? 0),
    save: (name, position) => Ref.update(ref, (map) => new Map(map).set(name, position))
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
 * checkpoint. Run it again later to continue.
 *
 * @since 0.1.0
 * @category catch-up
 */
export const catchUp = <E, R>(
  projection: CatchUpProjection<E, R>,
  options?: { readonly batchSize?: number | undefined }
): Effect.Effect<number, E | ReadError, R | EventStore | CheckpointStore> =>
  Effect.gen(function* () {
    const checkpoints = yield* CheckpointStore
    const batchSize = options?.batchSize ?? 500
    let checkpoint = yield* checkpoints.load(projection.name)
    while (true) {
      const batch = yield* readBatch(projection.category, checkpoint, batchSize)
      if (batch.length === 0) return checkpoint
      for (const event of batch) yield* projection.handle(event)
      checkpoint = batch[batch.length - 1]!.position
      yield* checkpoints.save(projection.name, checkpoint)
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
  options?: { readonly batchSize?: number | undefined }
): Effect.Effect<number, E | ReadError, R | EventStore | CheckpointStore> =>
  Effect.gen(function* () {
    const checkpoints = yield* CheckpointStore
    yield* projection.reset
    yield* checkpoints.save(projection.name, 0)
    return yield* catchUp(projection, options)
  })

/**
 * Runs the projection live: catches up from its checkpoint through a subscription and keeps
 * handling new events as they are committed, saving the checkpoint after each event. Never ends
 * by itself; interrupt the fiber to stop it.
 *
 * @since 0.1.0
 * @category catch-up
 */
export const runLive = <E, R>(
  projection: CatchUpProjection<E, R>
): Effect.Effect<void, E | ReadError, R | EventStore | CheckpointStore> =>
  Effect.gen(function* () {
    const checkpoints = yield* CheckpointStore
    const store = yield* EventStore
    const after = yield* checkpoints.load(projection.name)
    yield* store
      .subscribe({ after, category: projection.category })
      .pipe(
        Stream.runForEach((event) =>
          Effect.andThen(projection.handle(event), checkpoints.save(projection.name, event.position))
        )
      )
  })
