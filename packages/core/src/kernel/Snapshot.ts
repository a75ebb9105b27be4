/**
 * Snapshots: an optional cache of a stream's folded state.
 *
 * A snapshot records the state of a stream at a version, encoded with the state Schema, together
 * with the *evolve version* — a name the author changes whenever `evolve` (or the state shape)
 * changes. Loading uses the snapshot only if its evolve version is the decider's current one, and
 * folds the events after it (the tail); otherwise the snapshot is ignored and the stream replayed
 * from its first event. A snapshot is never needed for correctness: snapshot + tail = replay.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Option, Ref } from "effect"
import type { Schema } from "effect"
import type { EventStoreError } from "./EventStore.js"

/**
 * A stored snapshot. `state` is raw JSON (the state encoded by the policy's Schema).
 *
 * @since 0.1.0
 * @category models
 */
export interface Snapshot {
  readonly streamId: string
  readonly version: number
  readonly evolveVersion: string
  readonly state: unknown
}

/**
 * How a decider is snapshotted: the evolve version, the state Schema, and how often (a snapshot
 * is saved when an append crosses a multiple of `every` versions; default 100).
 *
 * @since 0.1.0
 * @category models
 */
export interface SnapshotPolicy<State> {
  readonly evolveVersion: string
  readonly schema: Schema.Codec<State, unknown, never, never>
  readonly every?: number | undefined
}

/**
 * Where snapshots are kept: the latest snapshot of each stream.
 *
 * @since 0.1.0
 * @category service
 */
export interface SnapshotStoreService {
  readonly load: (streamId: string) => Effect.Effect<Option.Option<Snapshot>, EventStoreError>
  readonly save: (snapshot: Snapshot) => Effect.Effect<void, EventStoreError>
}

/**
 * The snapshot store tag. Optional: without it, command handling replays whole streams.
 *
 * @since 0.1.0
 * @category service
 */
export class SnapshotStore extends Context.Service<SnapshotStore, SnapshotStoreService>()(
  "@soltrace/core/SnapshotStore"
) {}

/**
 * An in-memory snapshot store.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMemory: Effect.Effect<SnapshotStoreService> = Effect.map(
  Ref.make(new Map<string, Snapshot>()),
  (ref) => ({
    load: (streamId) => Effect.map(Ref.get(ref), (map) => Option.fromNullishOr(map.get(streamId))),
    save: (snapshot) => Ref.update(ref, (map) => new Map(map).set(snapshot.streamId, snapshot))
  })
)

/**
 * A layer with an in-memory snapshot store.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<SnapshotStore> = Layer.effect(SnapshotStore, makeMemory)
