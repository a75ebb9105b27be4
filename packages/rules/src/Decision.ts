/**
 * The shape every rule of `@soltrace/rules` answers with: an outcome and the reasons for it.
 *
 * A business "no" is a value ({@link Refused}), never an exception. Every {@link Reason} names
 * the rule or decision id it applies (`ENP-L5`, `WAL-5.7.2`, `D3`), says in one sentence what it
 * found, and lists the figures it used, so that a person can check the answer by hand.
 *
 * Inputs that come from outside (JSON from a partner tool, a form) are decoded with
 * {@link decodeInput}, which turns a malformed value into an {@link InvalidInput} naming the field.
 *
 * @since 0.1.0
 */

/**
 * A figure a reason used: a date (`YYYY-MM-DD`), an amount in cents, a count, a threshold.
 *
 * @since 0.1.0
 * @category models
 */
export type Figure = string | number | boolean

/**
 * One step of an explanation.
 *
 * - `rule`: the rule or decision id from the domain catalogue (`ENP-L5`, `WAL-5.4.2`, `D8`).
 * - `message`: one sentence a person can read.
 * - `figures`: the inputs and thresholds used, by name (amounts in integer euro cents, dates as
 *   `YYYY-MM-DD`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Reason {
  readonly rule: string
  readonly message: string
  readonly figures: Readonly<Record<string, Figure>>
}

/**
 * A time limit: what must be done, by which day (inclusive), under which rule.
 *
 * @since 0.1.0
 * @category models
 */
export interface Deadline {
  readonly rule: string
  readonly what: string
  /** The last day on which the step is in time (`YYYY-MM-DD`, inclusive). */
  readonly due: string
}

/**
 * The rule allows it. `value` carries what was computed (an amount, a schedule, a date).
 *
 * @since 0.1.0
 * @category models
 */
export interface Accepted<A> {
  readonly _tag: "Accepted"
  readonly value: A
  readonly reasons: ReadonlyArray<Reason>
}

/**
 * The rule refuses it. `reasons` holds at least one reason, the ones that refused first.
 *
 * @since 0.1.0
 * @category models
 */
export interface Refused {
  readonly _tag: "Refused"
  readonly reasons: readonly [Reason, ...Array<Reason>]
}

/**
 * @since 0.1.0
 * @category models
 */
export type Decision<A> = Accepted<A> | Refused

/**
 * @since 0.1.0
 * @category constructors
 */
export const reason = (rule: string, message: string, figures: Readonly<Record<string, Figure>> = {}): Reason => ({
  rule,
  message,
  figures
})

/**
 * @since 0.1.0
 * @category constructors
 */
export const accept = <A>(value: A, reasons: ReadonlyArray<Reason> = []): Accepted<A> => ({
  _tag: "Accepted",
  value,
  reasons
})

/**
 * @since 0.1.0
 * @category constructors
 */
export const refuse = (first: Reason, ...rest: Array<Reason>): Refused => ({
  _tag: "Refused",
  reasons: [first, ...rest]
})

/**
 * @since 0.1.0
 * @category guards
 */
export const isAccepted = <A>(decision: Decision<A>): decision is Accepted<A> => decision._tag === "Accepted"

/**
 * @since 0.1.0
 * @category guards
 */
export const isRefused = <A>(decision: Decision<A>): decision is Refused => decision._tag === "Refused"

// The edge's decoding lives in its own module so that a bundle of a rule's `decide`, which uses
// only the constructors above, does not carry the error class and effect's decoder with it.
export { decideJson, decodeInput, decodeJson, InvalidInput, Issue } from "./internal/decoding.js"
export type { DecodeOptions } from "./internal/decoding.js"
