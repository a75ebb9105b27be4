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
import { Context, Deferred, Effect, Layer, Stream } from "effect"
import * as EventStore from "./EventStore.js"
import * as DecodedStreams from "./internal/decodedStreams.js"
import * as Envelope from "./internal/envelope.js"
import * as CheckedOptions from "./internal/options.js"
import * as Tracing from "./internal/tracing.js"
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
  /**
   * The largest event accepted, in bytes of JSON (data, metadata, id, type); default 1 MiB. A
   * positive safe integer: anything else (`NaN`, `0`, `-1`, `1.5`, `Infinity`, `"1000"`, `null`)
   * makes {@link make} fail with `InvalidArgument` naming `options.maxEventBytes` (issue 12).
   */
  readonly maxEventBytes?: number | undefined
  /**
   * The deepest nesting of arrays and objects accepted in an event's `data` and in its
   * `metadata`, each (`[]` is 1 level, `[[1]]` 2); default 512. Deeper is `InvalidEvent` naming
   * `data` or `metadata`, the same on every backend (issue 12). Raised to thousands of levels,
   * the answer for deeper values depends again on the caller's stack (`JSON.stringify`). A
   * positive safe integer, else {@link make} fails with `InvalidArgument` naming
   * `options.maxJsonDepth`.
   *
   * @since 0.2.0
   */
  readonly maxJsonDepth?: number | undefined
  /**
   * `false`: the store makes no span at all (`EventStore.append`, `EventStore.readStream`, …), not
   * even a disabled one — the reference that measures what tracing costs. Default `true`: spans
   * through effect's `Tracer`, off with `Effect.withTracerEnabled(false)`.
   *
   * @since 0.2.0
   */
  readonly tracing?: boolean | undefined
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

/** Deeply freezes a parsed JSON value, so that no caller can change what was recorded. */
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

/** The metadata of an event appended with `{}`: one frozen object for all of them. */
const noMetadata: EventStore.EventMetadata = Object.freeze({})

/**
 * Parsed data whose `_tag` equals its event type gets the event type's own string instead (the
 * same characters, so nothing a reader can see changes). Why: `JSON.parse` gives every longer
 * string value a fresh copy, and an `evolve` that switches on `_tag` then compares characters
 * for every event; the type's string is the one the application wrote (a literal of its code),
 * so the comparison is one pointer. Measured: a fold of 100k `VisitLogged` events went from
 * ~22 to ~13 ns per event.
 */
const sharingTag = (data: unknown, type: string): unknown => {
  if (typeof data === "object" && data !== null && (data as { _tag?: unknown })._tag === type) {
    ;(data as { _tag: string })._tag = type
  }
  return data
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
 * Options that set none of the checked numbers (`maxEventBytes`, `maxJsonDepth`): {@link make}
 * cannot refuse them, so its error type stays `never`.
 *
 * @since 0.2.0
 * @category models
 */
export interface OptionsWithDefaultLimits extends Options {
  readonly maxEventBytes?: undefined
  readonly maxJsonDepth?: undefined
}

/**
 * Makes a fresh in-memory store. Without options, or with options that set no limit, it cannot
 * fail. A bad `maxEventBytes` or `maxJsonDepth` (not a positive safe integer: `NaN`, `0`, `-1`,
 * `1.5`, `Infinity`, `"1000"`, `null` — e.g. from an untyped config file), or options that are
 * not an object, fail with `InvalidArgument` (`operation: "InMemoryEventStore.make"`, `field:
 * "options.maxEventBytes"`…), never a size or depth check silently turned off (issue 12).
 *
 * @since 0.1.0
 * @category constructors
 */
export function make(options?: OptionsWithDefaultLimits): Effect.Effect<InMemoryStore>
export function make(options: Options | undefined): Effect.Effect<InMemoryStore, EventStore.InvalidArgument>
export function make(options?: Options): Effect.Effect<InMemoryStore, EventStore.InvalidArgument> {
  return Effect.suspend(() => {
    const bad = CheckedOptions.check("InMemoryEventStore.make", options, CheckedOptions.storeLimits)
    return bad === undefined ? makeChecked(options) : Effect.fail(bad)
  })
}

/** The store of {@link make}, its options checked. */
const makeChecked = (options: Options | undefined): Effect.Effect<InMemoryStore> =>
  Effect.sync(() => {
    const streams = new Map<string, Array<Recorded>>()
    const categories = new Map<string, Array<Recorded>>()
    const all: Array<Recorded> = []
    const ids = new Map<string, { readonly streamId: string; readonly version: number }>()
    // The whole of a stream as last read, frozen and shared by every full read until the stream's
    // next append: what rehydration reads, handed out without a copy per read.
    const wholeStreams = new Map<string, ReadonlyArray<Recorded>>()
    // One string per event type, the first one appended (in practice the literal of the Schema
    // or of the decider), shared by every event of that type: see `sharingTag`.
    const types = new Map<string, string>()
    const typeOf = (type: string): string => {
      const known = types.get(type)
      if (known !== undefined) return known
      types.set(type, type)
      return type
    }
    const projections = options?.inline ?? []
    const maxEventBytes = options?.maxEventBytes ?? Envelope.defaultMaxEventBytes
    const maxJsonDepth = options?.maxJsonDepth ?? Envelope.defaultMaxJsonDepth
    const projectionStates = new Map<string, unknown>(projections.map((p) => [p.name, p.initialState]))
    // Completed by the next commit; made only when a subscription waits for one.
    let signal: Deferred.Deferred<void> | undefined

    type Checked =
      | { readonly kind: "repeat"; readonly result: EventStore.AppendResult }
      | { readonly kind: "new"; readonly write: Envelope.PreparedWrite; readonly actual: number }

    /** Idempotency and expected version of one write, against the store as it is (writes nothing). */
    const check = (
      write: Envelope.PreparedWrite
    ): Checked | EventStore.WrongExpectedVersion | EventStore.EventIdConflict => {
      const streamId = write.stream
      const batch = write.events
      const stream = streams.get(streamId)
      const actual = stream?.length ?? 0
      // Idempotency: is the batch an exact repeat of a recorded contiguous run of this stream?
      let knownCount = 0
      for (let i = 0; i < batch.length; i++) if (ids.has(batch[i]!.event.eventId)) knownCount++
      if (knownCount > 0) {
        const known = batch.map((e) => ids.get(e.event.eventId))
        const first = known[0]
        const isRepeat =
          knownCount === batch.length &&
          first !== undefined &&
          stream !== undefined &&
          known.every((k, i) => k !== undefined && k.streamId === streamId && k.version === first.version + i)
        if (!isRepeat) {
          return new EventStore.EventIdConflict({
            stream: streamId,
            eventIds: batch.filter((_, i) => known[i] !== undefined).map((e) => e.event.eventId),
            reason:
              knownCount < batch.length
                ? "some event ids are already recorded and some are not"
                : "the event ids are recorded, but not as this stream's contiguous run in this order"
          })
        }
        const events = stream.slice(first.version - 1, first.version - 1 + batch.length)
        return {
          kind: "repeat",
          result: { streamId, version: events[events.length - 1]!.version, events, duplicate: true }
        }
      }
      if (!EventStore.satisfies(write.expected, actual)) {
        return new EventStore.WrongExpectedVersion({ stream: streamId, expected: write.expected, actual })
      }
      return { kind: "new", write, actual }
    }

    const appendManySync = (
      operation: "append" | "appendMany",
      writes: ReadonlyArray<EventStore.StreamWrite>
    ): Effect.Effect<ReadonlyArray<EventStore.AppendResult>, EventStore.AppendError> => {
      const prepared = Envelope.prepareWrites(operation, writes, maxEventBytes, maxJsonDepth)
      if (!Array.isArray(prepared)) return Effect.fail(prepared)
      // Every write is checked before anything is recorded: all or nothing.
      const checked = new Array<Checked>(prepared.length)
      for (let w = 0; w < prepared.length; w++) {
        const c = check(prepared[w]!)
        if (c instanceof EventStore.WrongExpectedVersion || c instanceof EventStore.EventIdConflict)
          return Effect.fail(c)
        checked[w] = c
      }

      let position = all.length
      const results = new Array<EventStore.AppendResult>(checked.length)
      const appended: Array<ReadonlyArray<Recorded>> = []
      for (let w = 0; w < checked.length; w++) {
        const c = checked[w]!
        if (c.kind === "repeat") {
          results[w] = c.result
          continue
        }
        const streamId = c.write.stream
        const events: Array<Recorded> = c.write.events.map((p, i) => {
          const type = typeOf(p.event.type)
          return Object.freeze({
            streamId,
            version: c.actual + i + 1,
            position: ++position,
            eventId: p.event.eventId,
            type,
            schemaVersion: p.event.schemaVersion,
            recordedAt: p.event.recordedAt,
            // Stored as JSON, exactly as a SQL backend stores it (a Date becomes its ISO string…).
            data: deepFreeze(sharingTag(JSON.parse(p.data), type)),
            metadata: (p.metadata === "{}"
              ? noMetadata
              : deepFreeze(JSON.parse(p.metadata))) as EventStore.EventMetadata
          })
        })
        appended.push(events)
        results[w] = {
          streamId,
          version: events.length === 0 ? c.actual : events[events.length - 1]!.version,
          events,
          duplicate: false
        }
      }
      if (appended.every((events) => events.length === 0)) return Effect.succeed(results)

      // Inline projections first: if one throws, nothing is recorded nor projected.
      const nextStates: Array<readonly [string, unknown]> = []
      for (const projection of projections) {
        let state = projectionStates.get(projection.name)
        for (const events of appended) {
          for (const event of events) {
            if (projection.category === undefined || projection.category === EventStore.categoryOf(event.streamId)) {
              state = projection.evolve(state, event)
            }
          }
        }
        nextStates.push([projection.name, state])
      }

      // Commit.
      for (const [name, state] of nextStates) projectionStates.set(name, state)
      for (const events of appended) {
        if (events.length === 0) continue
        const streamId = events[0]!.streamId
        let target = streams.get(streamId)
        if (target === undefined) {
          target = []
          streams.set(streamId, target)
        }
        const category = EventStore.categoryOf(streamId)
        let categoryLog = categories.get(category)
        if (categoryLog === undefined) {
          categoryLog = []
          categories.set(category, categoryLog)
        }
        wholeStreams.delete(streamId)
        for (const event of events) {
          target.push(event)
          all.push(event)
          categoryLog.push(event)
          ids.set(event.eventId, { streamId, version: event.version })
        }
      }
      const previous = signal
      if (previous !== undefined) {
        signal = undefined
        Deferred.doneUnsafe(previous, Effect.void)
      }
      return Effect.succeed(results)
    }

    // Stored events are frozen once, at append. A read of a whole stream hands out one frozen array
    // (shared until the next append, so no reader can change what another reads); any other read
    // a fresh array (slice) of the events. Forward reads are registered with the stream's own
    // array, next to which each codec keeps the events it has decoded (`EventCodec.decodeAll`).
    const readStream = (streamId: string, readOptions?: EventStore.ReadStreamOptions): ReadonlyArray<Recorded> => {
      const stream = streams.get(streamId)
      if (stream === undefined) return []
      const maxCount = readOptions?.maxCount
      if ((readOptions?.direction ?? "forwards") === "forwards") {
        const start = Math.max(1, readOptions?.from ?? 1) - 1
        if (!(start >= 0)) return [] // a NaN `from` selects nothing
        if (start === 0 && maxCount === undefined) {
          let whole = wholeStreams.get(streamId)
          if (whole === undefined) {
            whole = Object.freeze(stream.slice())
            wholeStreams.set(streamId, whole)
            DecodedStreams.registerView(whole, stream, 0, true)
          }
          return whole
        }
        const part = maxCount === undefined ? stream.slice(start) : stream.slice(start, start + Math.max(0, maxCount))
        // A fresh array a reader may change: the decoded events are used only while it still
        // holds the stream's own events (checked by `decodeRange`).
        DecodedStreams.registerView(part, stream, start, false)
        return part
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
      appendMany: (writes) => Effect.suspend(() => appendManySync("appendMany", writes)),
      append: (stream, events, expected) =>
        Effect.suspend(() =>
          Effect.map(appendManySync("append", [{ stream, events, expected }]), (results) => results[0]!)
        ),
      readStream: (streamId, readOptions) =>
        Effect.suspend(() => {
          const bad = Envelope.checkReadStream(streamId, readOptions)
          return bad === undefined ? Effect.succeed(readStream(streamId, readOptions)) : Effect.fail(bad)
        }),
      streamVersion: (streamId) =>
        Effect.suspend(() => {
          const bad = Envelope.badId(streamId)
          return bad === undefined
            ? Effect.succeed(streams.get(streamId)?.length ?? 0)
            : Effect.fail(new EventStore.InvalidArgument({ operation: "streamVersion", field: "stream", reason: bad }))
        }),
      readAll: (readOptions) =>
        Effect.suspend(() => {
          const bad = Envelope.checkReadAll("readAll", readOptions)
          return bad === undefined ? Effect.succeed(sliceAfter(all, readOptions)) : Effect.fail(bad)
        }),
      readCategory: (category, readOptions) =>
        Effect.suspend(() => {
          const bad = Envelope.checkReadAll("readCategory", readOptions, category)
          return bad === undefined ? Effect.succeed(readCategory(category, readOptions)) : Effect.fail(bad)
        }),
      subscribe: (subscribeOptions) => {
        const bad = Envelope.checkReadAll("subscribe", subscribeOptions, subscribeOptions?.category)
        if (bad !== undefined) return Stream.fail(bad)
        return Subscription.make({
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
    }

    const inline: InMemoryStore["inline"] = {
      get: <S>(projection: Projection<S>) =>
        Effect.sync(() =>
          projectionStates.has(projection.name) ? (projectionStates.get(projection.name) as S) : projection.initialState
        )
    }
    return { store: options?.tracing === false ? store : Tracing.traced(store), inline }
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
 * the `InlineProjections` service. A bad option fails the layer with `InvalidArgument` (see
 * {@link make}).
 *
 * @since 0.1.0
 * @category layers
 */
export function layerWithInline(
  options: OptionsWithDefaultLimits
): Layer.Layer<EventStore.EventStore | InlineProjections>
export function layerWithInline(
  options: Options
): Layer.Layer<EventStore.EventStore | InlineProjections, EventStore.InvalidArgument>
export function layerWithInline(
  options: Options
): Layer.Layer<EventStore.EventStore | InlineProjections, EventStore.InvalidArgument> {
  return Layer.effectContext(
    Effect.map(make(options), (s) =>
      Context.make(EventStore.EventStore, s.store).pipe(Context.add(InlineProjections, s.inline))
    )
  )
}
