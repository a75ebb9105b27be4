/**
 * Spans of the kernel (internal): OpenTelemetry-compatible spans through effect's `Tracer`
 * (`Effect.withSpan`), exported by whatever tracer the application provides (e.g. effect's
 * OpenTelemetry layer). Attributes follow one naming: `soltrace.stream`, `soltrace.category`,
 * `soltrace.version`, `soltrace.events`, `soltrace.outcome` (`appended`, `duplicate`, `read`, or
 * the `_tag` of the error). With `Effect.withTracerEnabled(false)` they cost next to nothing.
 */
import { Effect } from "effect"
import * as EventStore from "../EventStore.js"

/** The category of a stream id, without throwing on a bad input (validation reports it). */
export const categoryAttribute = (stream: unknown): string | undefined =>
  typeof stream === "string" ? EventStore.categoryOf(stream) : undefined

/** The outcome attribute of a failure: the `_tag` of a tagged error. */
export const failureOutcome = (error: unknown): string =>
  typeof error === "object" && error !== null && typeof (error as { _tag?: unknown })._tag === "string"
    ? (error as { _tag: string })._tag
    : "failure"

const tagFailure = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.tapError(effect, (error) => Effect.annotateCurrentSpan("soltrace.outcome", failureOutcome(error)))

const countOf = (list: unknown): number | undefined => (Array.isArray(list) ? list.length : undefined)

/** The store with a span around each of its reads and appends (`EventStore.append`, …). */
export const traced = (store: EventStore.EventStoreService): EventStore.EventStoreService => ({
  ...store,
  append: (stream, events, expected) =>
    store.append(stream, events, expected).pipe(
      Effect.tap((result) =>
        Effect.annotateCurrentSpan({
          "soltrace.version": result.version,
          "soltrace.outcome": result.duplicate ? "duplicate" : "appended"
        })
      ),
      tagFailure,
      Effect.withSpan("EventStore.append", {
        attributes: {
          "soltrace.stream": stream,
          "soltrace.category": categoryAttribute(stream),
          "soltrace.events": countOf(events)
        }
      })
    ),
  appendMany: (writes) =>
    store.appendMany(writes).pipe(
      Effect.tap((results) =>
        Effect.annotateCurrentSpan({
          "soltrace.streams": results.map((r) => r.streamId).join(","),
          "soltrace.outcome": results.every((r) => r.duplicate) ? "duplicate" : "appended"
        })
      ),
      tagFailure,
      Effect.withSpan("EventStore.appendMany", { attributes: { "soltrace.writes": countOf(writes) } })
    ),
  readStream: (stream, options) =>
    store.readStream(stream, options).pipe(
      Effect.tap((events) =>
        Effect.annotateCurrentSpan({
          "soltrace.events": events.length,
          "soltrace.version": events[events.length - 1]?.version,
          "soltrace.outcome": "read"
        })
      ),
      tagFailure,
      Effect.withSpan("EventStore.readStream", {
        attributes: {
          "soltrace.stream": stream,
          "soltrace.category": categoryAttribute(stream),
          "soltrace.from": options?.from
        }
      })
    ),
  readAll: (options) =>
    store.readAll(options).pipe(
      Effect.tap((events) =>
        Effect.annotateCurrentSpan({ "soltrace.events": events.length, "soltrace.outcome": "read" })
      ),
      tagFailure,
      Effect.withSpan("EventStore.readAll", { attributes: { "soltrace.after": options?.after } })
    ),
  readCategory: (category, options) =>
    store.readCategory(category, options).pipe(
      Effect.tap((events) =>
        Effect.annotateCurrentSpan({ "soltrace.events": events.length, "soltrace.outcome": "read" })
      ),
      tagFailure,
      Effect.withSpan("EventStore.readCategory", {
        attributes: { "soltrace.category": category, "soltrace.after": options?.after }
      })
    )
})
