/**
 * Spans of the kernel (internal): OpenTelemetry-compatible spans through effect's `Tracer`
 * (`Effect.withSpan`), exported by whatever tracer the application provides (e.g. effect's
 * OpenTelemetry layer). Attributes follow one naming: `soltrace.stream`, `soltrace.category`,
 * `soltrace.version`, `soltrace.events`, `soltrace.outcome` (`appended`, `duplicate`, `read`, or
 * the `_tag` of the error).
 *
 * Every span goes through {@link span}: with `Effect.withTracerEnabled(false)` nothing of it is
 * made — no disabled span, no attribute computed, no annotation — so tracing off costs one check
 * per span (issue 13: within 3% of no spans at all; the bench's tracing workload measures it).
 */
import { Effect, References } from "effect"
import * as EventStore from "../EventStore.js"

/** Span attributes, computed only when the span is recorded. */
export type Attributes = Readonly<Record<string, unknown>>

/** The category of a stream id, without throwing on a bad input (validation reports it). */
export const categoryAttribute = (stream: unknown): string | undefined =>
  typeof stream === "string" ? EventStore.categoryOf(stream) : undefined

/** The outcome attribute of a failure: the `_tag` of a tagged error. */
export const failureOutcome = (error: unknown): string =>
  typeof error === "object" && error !== null && typeof (error as { _tag?: unknown })._tag === "string"
    ? (error as { _tag: string })._tag
    : "failure"

const outcomeOfFailure = (error: unknown): Attributes => ({ "soltrace.outcome": failureOutcome(error) })

/**
 * `effect` in the span `name` when tracing is enabled; `effect` itself, untouched, when it is not
 * (`Effect.withTracerEnabled(false)`): effect's own `withSpan` would still make a disabled span,
 * copy the context and capture a stack trace, which costs more than an in-memory command's work.
 * `attributes` are computed when the span starts, `onSuccess` / `onFailure` (default:
 * `soltrace.outcome` = the error's `_tag`) when it ends — only when it is recorded.
 *
 * No stack trace is captured (`captureStackTrace: false`): a kernel span is always made at the
 * same line of the kernel, so its stack says nothing about the caller, and `new Error()` per span
 * was the largest cost of tracing. (The functions are positional arguments, not an options
 * object, so that a call allocates nothing more than its closures.)
 */
export const span = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  name: string,
  attributes?: () => Attributes,
  onSuccess?: (a: A) => Attributes,
  onFailure: (error: E) => Attributes = outcomeOfFailure
): Effect.Effect<A, E, R> =>
  Effect.withFiber((fiber) => {
    if (!fiber.getRef(References.TracerEnabled)) return effect
    const annotated = Effect.tapError(
      onSuccess === undefined ? effect : Effect.tap(effect, (a) => Effect.annotateCurrentSpan(onSuccess(a))),
      (error) => Effect.annotateCurrentSpan(onFailure(error))
    )
    return Effect.withSpan(
      annotated,
      name,
      attributes === undefined ? noStackTrace : { attributes: attributes(), captureStackTrace: false }
    )
  })

const noStackTrace = { captureStackTrace: false } as const

const countOf = (list: unknown): number | undefined => (Array.isArray(list) ? list.length : undefined)

/** The store with a span around each of its reads and appends (`EventStore.append`, …). */
export const traced = (store: EventStore.EventStoreService): EventStore.EventStoreService => ({
  ...store,
  append: (stream, events, expected) =>
    span(
      store.append(stream, events, expected),
      "EventStore.append",
      () => ({
        "soltrace.stream": stream,
        "soltrace.category": categoryAttribute(stream),
        "soltrace.events": countOf(events)
      }),
      (result) => ({
        "soltrace.version": result.version,
        "soltrace.outcome": result.duplicate ? "duplicate" : "appended"
      })
    ),
  appendMany: (writes) =>
    span(
      store.appendMany(writes),
      "EventStore.appendMany",
      () => ({ "soltrace.writes": countOf(writes) }),
      (results) => ({
        "soltrace.streams": results.map((r) => r.streamId).join(","),
        "soltrace.outcome": results.every((r) => r.duplicate) ? "duplicate" : "appended"
      })
    ),
  readStream: (stream, options) =>
    span(
      store.readStream(stream, options),
      "EventStore.readStream",
      () => ({
        "soltrace.stream": stream,
        "soltrace.category": categoryAttribute(stream),
        "soltrace.from": options?.from
      }),
      (events) => ({
        "soltrace.events": events.length,
        "soltrace.version": events[events.length - 1]?.version,
        "soltrace.outcome": "read"
      })
    ),
  readAll: (options) =>
    span(
      store.readAll(options),
      "EventStore.readAll",
      () => ({ "soltrace.after": options?.after }),
      (events) => ({ "soltrace.events": events.length, "soltrace.outcome": "read" })
    ),
  readCategory: (category, options) =>
    span(
      store.readCategory(category, options),
      "EventStore.readCategory",
      () => ({ "soltrace.category": category, "soltrace.after": options?.after }),
      (events) => ({ "soltrace.events": events.length, "soltrace.outcome": "read" })
    )
})
