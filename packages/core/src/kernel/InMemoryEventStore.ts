/**
 * The embedded event store: everything in memory, exactly the semantics of every other backend
 * (it runs the same conformance suite).
 *
 * Each append runs in one synchronous step (no other fiber can interleave), so it is atomic with
 * its inline projections. Its cost is proportional to the number of events appended — streams,
 * the global log, the category logs and the event-id index are appended to, never scanned.
 *
 * @since 0.1.0
 */
import { Context, Deferred, Effect, Layer } from "effect"
import * as EventStore from "./EventStore.js"
import type { Projection } from "./Projection.js"
import { InlineProjections } from "./Projection.js"
import * as Subscription from "./Subscription.js"

type Recorded = EventStore.RecordedEvent

/**
 * Options of the in-memory store: pure projections updated inline with every append.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Inline projections, keyed by their (unique) name. */
  readonly inline?: ReadonlyArray<Projection<unknown>> | undefined
}

/**
 * A store with its inline projections.
 *
 * @since 0.1.0
 * @category models
 */
export interface InMemoryStore {
  readonly store: EventStore.EventStoreService
  readonly inline: (typeof InlineProjections)["Service"]
}

/**
 * Stored data is JSON, exactly as a SQL backend stores it: a JSON round trip (so a `Date` becomes
 * its ISO string and an `undefined` property disappears), deeply frozen so that no caller can
 * change what was recorded.
 */
const toJson = (value: unknown): unknown => {
  const json = JSON.stringify(value)
  return json === undefined ? null : deepFreeze(JSON.parse(json))
}

const deepFreeze = (value: unknown): unknown => {
  if (typeof value !== "object" || value === null) return value
  // JSON.parse gives plain arrays and objects: index and `for…in` loops, no `Object.values` array.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i])
  } else {
    const record = value as Record<string, unknown>
    for (const key in record) deepFreeze(record[key])
  }
  return Object.freeze(value)
}

/** First index `i` in `events` (sorted by position) with `events[i].position > after`. */
const firstAfter = (events: ReadonlyArray<Recorded>, after: number): number => {
  let lo = 0
  let hi = events.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (events[mid]!.position > after) hi = mid
    else lo = mid + 1
  }
  return lo
}

const sliceAfter = (events: ReadonlyArray<Recorded>, options: EventStore.ReadAllOptions | undefined) => {
  const start = firstAfter(events, options?.after ?? 0)
  const max = options?.maxCount ?? Number.POSITIVE_INFINITY
  return events.slice(start, max === Number.POSITIVE_INFINITY ? undefined : start + Math.max(0, max))
}

/**
 * Makes a fresh in-memory store.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options?: Options): Effect.Effect<InMemoryStore> =>
  Effect.sync(() => {
    const streams = new Map<string, Array<Recorded>>()
    const categories = new Map<string, Array<Recorded>>()
    const all: Array<Recorded> = []
    const ids = new Map<string, { readonly streamId: string; readonly version: number }>()
    const projections = options?.inline ?? []
    const projectionStates = new Map<string, unknown>(projections.map((p) => [p.name, p.initialState]))
    // Completed by the next commit; made only when a subscription waits for one.
    let signal: Deferred.Deferred<void> | undefined

    const appendSync = (
      streamId: string,
      batch: ReadonlyArray<EventStore.EventToAppend>,
      expected: EventStore.ExpectedVersion
    ): Effect.Effect<EventStore.AppendResult, EventStore.WrongExpectedVersion | EventStore.EventIdConflict> => {
      const stream = streams.get(streamId)
      const actual = stream?.length ?? 0

      // Idempotency: is the batch an exact repeat of a recorded contiguous run of this stream?
      let knownCount = 0
      for (let i = 0; i < batch.length; i++) if (ids.has(batch[i]!.eventId)) knownCount++
      if (knownCount > 0) {
        const known = batch.map((e) => ids.get(e.eventId))
        const batchIds = batch.map((e) => e.eventId)
        const first = known[0]
        const isRepeat =
          knownCount === batch.length &&
          first !== undefined &&
          stream !== undefined &&
          known.every((k, i) => k !== undefined && k.streamId === streamId && k.version === first.version + i)
        if (!isRepeat) {
          return Effect.fail(
            new EventStore.EventIdConflict({
              stream: streamId,
              eventIds: batchIds.filter((_, i) => known[i] !== undefined),
              reason:
                knownCount < batch.length
                  ? "some event ids are already recorded and some are not"
                  : "the event ids are recorded, but not as this stream's contiguous run in this order"
            })
          )
        }
        const events = stream.slice(first.version - 1, first.version - 1 + batch.length)
        return Effect.succeed({ streamId, version: events[events.length - 1]!.version, events })
      }
      if (batch.length > 1 && new Set(batch.map((e) => e.eventId)).size !== batch.length) {
        return Effect.fail(
          new EventStore.EventIdConflict({
            stream: streamId,
            eventIds: batch.map((e) => e.eventId),
            reason: "the same event id appears twice in the batch"
          })
        )
      }
      if (!EventStore.satisfies(expected, actual)) {
        return Effect.fail(new EventStore.WrongExpectedVersion({ stream: streamId, expected, actual }))
      }
      if (batch.length === 0) return Effect.succeed({ streamId, version: actual, events: [] })

      const basePosition = all.length
      const events: Array<Recorded> = batch.map((e, i) =>
        Object.freeze({
          streamId,
          version: actual + i + 1,
          position: basePosition + i + 1,
          eventId: e.eventId,
          type: e.type,
          schemaVersion: e.schemaVersion,
          recordedAt: e.recordedAt,
          data: toJson(e.data),
          metadata: toJson(e.metadata) as EventStore.EventMetadata
        })
      )

      // Inline projections first: if one throws, nothing is recorded nor projected.
      const nextStates: Array<readonly [string, unknown]> = []
      const category = EventStore.categoryOf(streamId)
      for (const projection of projections) {
        let state = projectionStates.get(projection.name)
        for (const event of events) {
          if (projection.category === undefined || projection.category === category) {
            state = projection.evolve(state, event)
          }
        }
        nextStates.push([projection.name, state])
      }

      // Commit.
      for (const [name, state] of nextStates) projectionStates.set(name, state)
      const target = stream ?? []
      if (stream === undefined) streams.set(streamId, target)
      let categoryLog = categories.get(category)
      if (categoryLog === undefined) {
        categoryLog = []
        categories.set(category, categoryLog)
      }
      for (const event of events) {
        target.push(event)
        all.push(event)
        categoryLog.push(event)
        ids.set(event.eventId, { streamId, version: event.version })
      }
      const previous = signal
      if (previous !== undefined) {
        signal = undefined
        Deferred.doneUnsafe(previous, Effect.void)
      }
      return Effect.succeed({ streamId, version: events[events.length - 1]!.version, events })
    }

    // Stored events are frozen once, at append: a read hands out a fresh array (slice) of them.
    const readStream = (streamId: string, readOptions?: EventStore.ReadStreamOptions): ReadonlyArray<Recorded> => {
      const stream = streams.get(streamId)
      if (stream === undefined) return []
      const maxCount = readOptions?.maxCount
      if ((readOptions?.direction ?? "forwards") === "forwards") {
        const start = Math.max(1, readOptions?.from ?? 1) - 1
        if (!(start >= 0)) return [] // a NaN `from` selects nothing
        return maxCount === undefined ? stream.slice(start) : stream.slice(start, start + Math.max(0, maxCount))
      }
      // Backwards: versions `end`, `end - 1`… down to 1, at most `maxCount` of them.
      const end = Math.min(stream.length, readOptions?.from ?? stream.length)
      if (!(end > 0)) return []
      const count = maxCount === undefined ? end : Math.min(end, Math.max(0, maxCount))
      return count > 0 ? stream.slice(end - count, end).reverse() : []
    }

    const readCategory = (category: string, readOptions?: EventStore.ReadAllOptions) =>
      sliceAfter(categories.get(category) ?? [], readOptions)

    const store: EventStore.EventStoreService = {
      append: (streamId, batch, expected) => Effect.suspend(() => appendSync(streamId, batch, expected)),
      readStream: (streamId, readOptions) => Effect.sync(() => readStream(streamId, readOptions)),
      streamVersion: (streamId) => Effect.sync(() => streams.get(streamId)?.length ?? 0),
      readAll: (readOptions) => Effect.sync(() => sliceAfter(all, readOptions)),
      readCategory: (category, readOptions) => Effect.sync(() => readCategory(category, readOptions)),
      subscribe: (subscribeOptions) =>
        Subscription.make({
          after: subscribeOptions?.after ?? 0,
          read: (after) =>
            Effect.sync(() =>
              subscribeOptions?.category === undefined
                ? sliceAfter(all, { after, maxCount: 500 })
                : readCategory(subscribeOptions.category, { after, maxCount: 500 })
            ),
          nextCommit: Effect.sync(() => Deferred.await((signal ??= Deferred.makeUnsafe<void>())))
        })
    }

    const inline: InMemoryStore["inline"] = {
      get: <S>(projection: Projection<S>) =>
        Effect.sync(() =>
          projectionStates.has(projection.name) ? (projectionStates.get(projection.name) as S) : projection.initialState
        )
    }
    return { store, inline }
  })

/**
 * A layer with a fresh in-memory event store.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<EventStore.EventStore> = Layer.effect(
  EventStore.EventStore,
  Effect.map(make(), (s) => s.store)
)

/**
 * A layer with a fresh in-memory event store and the given inline projections, readable through
 * the `InlineProjections` service.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWithInline = (options: Options): Layer.Layer<EventStore.EventStore | InlineProjections> =>
  Layer.effectContext(
    Effect.map(make(options), (s) =>
      Context.make(EventStore.EventStore, s.store).pipe(Context.add(InlineProjections, s.inline))
    )
  )
