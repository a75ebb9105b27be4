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
import { Context, Effect, Layer, Option } from "effect"
import type { Schema } from "effect"
import type { EventStoreError, ReadError, RecordedEvent } from "./EventStore.js"
import * as Tracing from "./internal/tracing.js"

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
 * How a decider is snapshotted: the evolve version, the state Schema, and how often: after a
 * command, a snapshot is saved when the stream has grown by `every` events or more since the
 * snapshot it was loaded from (or since its start; default 100). `every` must be a positive safe
 * integer: anything else (`0`, `NaN`, `-1`, `1.5`, `Infinity`, `"100"`, `null`) makes
 * `CommandHandler.handle` fail with `InvalidArgument` naming `aggregate.snapshot.every` before
 * anything is read (issue 12; before, most of these saved a snapshot after every command).
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
 * Where snapshots are kept: the latest snapshot of each stream **for each evolve version**
 * (`load(stream, evolveVersion)` never returns a snapshot taken by another `evolve`). `save`
 * never replaces a snapshot by an older one (concurrent writers may save out of order).
 *
 * @since 0.1.0
 * @category service
 */
export interface SnapshotStoreService {
  readonly load: (streamId: string, evolveVersion: string) => Effect.Effect<Option.Option<Snapshot>, EventStoreError>
  readonly save: (snapshot: Snapshot) => Effect.Effect<void, EventStoreError>
  /**
   * Optional: the snapshot and the events of the stream after it (the whole stream without one)
   * in one read — one round trip on SQL, where the snapshots sit next to the events. Only for a
   * store that shares its database with the `EventStore` in use; the command handler uses it when
   * present, and `load` + `readStream` otherwise.
   */
  readonly loadWithTail?:
    ((streamId: string, evolveVersion: string) => Effect.Effect<SnapshotAndTail, ReadError>) | undefined
}

/**
 * A snapshot (if any) and the events recorded after it, as read together.
 *
 * @since 0.2.0
 * @category models
 */
export interface SnapshotAndTail {
  readonly snapshot: Option.Option<Snapshot>
  readonly tail: ReadonlyArray<RecordedEvent>
}

/** The key of a snapshot: stream and evolve version (NUL cannot occur in a stream id). */
const keyOf = (streamId: string, evolveVersion: string): string => `${evolveVersion}\u0000${streamId}`

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
export const makeMemory: Effect.Effect<SnapshotStoreService> = Effect.sync(() => {
  // A plain Map: each call runs in one synchronous step, no fiber can interleave.
  const map = new Map<string, Snapshot>()
  return {
    load: (streamId, evolveVersion) =>
      Tracing.span(
        Effect.sync(() => Option.fromNullishOr(map.get(keyOf(streamId, evolveVersion)))),
        "Snapshot.load",
        () => ({ "soltrace.stream": streamId })
      ),
    save: (snapshot) =>
      Tracing.span(
        Effect.sync(() => {
          const key = keyOf(snapshot.streamId, snapshot.evolveVersion)
          const current = map.get(key)
          if (current === undefined || current.version < snapshot.version) map.set(key, snapshot)
        }),
        "Snapshot.save",
        () => ({ "soltrace.stream": snapshot.streamId, "soltrace.version": snapshot.version })
      )
  }
})

/**
 * A layer with an in-memory snapshot store.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<SnapshotStore> = Layer.effect(SnapshotStore, makeMemory)
