/**
 * Spans of the after-sales use cases: one span `AfterSales.<operation>` per operation of the
 * service, through effect's `Tracer` (`Effect.withSpan`, OpenTelemetry-compatible), the parent of
 * the kernel's spans for that operation (`CommandHandler.handle`, `CommandHandler.load`,
 * `EventStore.appendMany`, …). Attributes follow the kernel's naming:
 *
 * - `soltrace.useCase`: the operation (`requestReturn`, …); `soltrace.command`: the command's
 *   `_tag` for `system`/`ticket`/`rma`; `soltrace.commandId`;
 * - `soltrace.stream` and `soltrace.category`: the stream the operation is about (the RMA of a
 *   return, the ticket of `openTicket`, the system of a claim); `soltrace.streams`: every stream
 *   it reads or writes, comma-separated;
 * - `soltrace.version`: the version of that stream afterwards; `soltrace.duplicate`: the command
 *   was handled before (its id), nothing new recorded;
 * - `soltrace.outcome`: `accepted`, `read` (the `load*` operations), `refused` (a business "no",
 *   then `soltrace.refusal` is the error's `_tag` and `soltrace.rules` the rule ids of its
 *   reasons, comma-separated, in order) or the `_tag` of any other error (`InvalidCommand`,
 *   `WrongExpectedVersion`, …).
 *
 * With `Effect.withTracerEnabled(false)` no span is made and nothing is annotated.
 *
 * @internal
 */
import { Effect, References } from "effect"
import * as EventStore from "@soltrace/core/EventStore"
import * as Rma from "../Rma.js"
import * as System from "../System.js"
import * as Ticket from "../Ticket.js"

/** Span attributes (OpenTelemetry: strings, numbers, booleans). */
export type Attributes = Readonly<Record<string, string | number | boolean | undefined>>

/** The attributes of the stream an operation is about, and of every stream it touches. */
export const streams = (primary: string, ...others: ReadonlyArray<string>): Attributes => ({
  "soltrace.stream": primary,
  "soltrace.category": EventStore.categoryOf(primary),
  "soltrace.streams": [primary, ...others].join(",")
})

/** The rule ids of a refusal's reasons, or undefined for an error that is no business "no". */
const refusalRules = (error: unknown): ReadonlyArray<string> | undefined =>
  error instanceof System.SystemCommandRefused ||
  error instanceof Ticket.TicketCommandRefused ||
  error instanceof Rma.RmaCommandRefused
    ? error.reasons.map((r) => r.rule)
    : undefined

const tagOf = (error: unknown): string =>
  typeof error === "object" && error !== null && typeof (error as { _tag?: unknown })._tag === "string"
    ? (error as { _tag: string })._tag
    : "failure"

/** The outcome attributes of a failed operation. */
export const failureAttributes = (error: unknown): Attributes => {
  const rules = refusalRules(error)
  return rules === undefined
    ? { "soltrace.outcome": tagOf(error) }
    : { "soltrace.outcome": "refused", "soltrace.refusal": tagOf(error), "soltrace.rules": rules.join(",") }
}

/**
 * Adds attributes to the span of the operation running; nothing when tracing is disabled (then
 * the operation has no span, and the attributes must not land on an outer one).
 */
export const annotate = (attributes: Attributes): Effect.Effect<void> =>
  Effect.withFiber((fiber) =>
    fiber.getRef(References.TracerEnabled) ? Effect.annotateCurrentSpan(attributes) : Effect.void
  )

/**
 * The span `AfterSales.<name>` around an operation, with the outcome of a failure
 * ({@link failureAttributes}); the operation annotates what it touched and its result. With
 * tracing disabled the operation runs untouched: effect's `withSpan` would still make a disabled
 * span and capture a stack trace. No stack trace is captured: the span is always made here.
 */
export const useCase =
  (name: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.withFiber((fiber) =>
      fiber.getRef(References.TracerEnabled)
        ? Effect.withSpan(
            Effect.tapError(effect, (error) => Effect.annotateCurrentSpan(failureAttributes(error))),
            `AfterSales.${name}`,
            { attributes: { "soltrace.useCase": name }, captureStackTrace: false }
          )
        : effect
    )

/** What a handled command says on its span: the stream's version afterwards, and whether it was a repeat. */
export const handledAttributes = (handled: { readonly version: number; readonly duplicate: boolean }): Attributes => ({
  "soltrace.version": handled.version,
  "soltrace.duplicate": handled.duplicate,
  "soltrace.outcome": "accepted"
})
