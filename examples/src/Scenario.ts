/**
 * The shape of a reference scenario: a story, the rules it exercises, the outcome it must reach
 * (figures taken from `docs/domain/scenarios.md`, exactly) and the program that reaches it by
 * running the real aggregates through the event store.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import type { EventStore } from "@soltrace/core"
import type { Timeline } from "./Timeline.js"

/**
 * A figure of an outcome: an amount (formatted `€175.00`), a date (`YYYY-MM-DD`), a count, a
 * yes/no, an outcome tag or a rule id.
 *
 * @since 0.1.0
 */
export type Figure = string | number | boolean

/**
 * What a scenario reached (or must reach), by name.
 *
 * @since 0.1.0
 */
export type Outcome = Readonly<Record<string, Figure>>

/**
 * @since 0.1.0
 */
export interface Scenario {
  /** `S1`…`S8` for the scenarios of scenarios.md, `I1`… for the installer's-life scenarios. */
  readonly id: string
  /** A short name to select it on the command line (`labour-reimbursement`). */
  readonly name: string
  readonly title: string
  /** The rule and decision ids it exercises. */
  readonly rules: ReadonlyArray<string>
  /** The story, as told in scenarios.md. */
  readonly story: string
  readonly expected: Outcome
  readonly run: (t: Timeline) => Effect.Effect<Outcome, unknown, EventStore.EventStore>
}

/**
 * One figure that differs from the expected one.
 *
 * @since 0.1.0
 */
export interface Mismatch {
  readonly key: string
  readonly expected: Figure | undefined
  readonly actual: Figure | undefined
}

/**
 * Compares an outcome with the expected one: every expected figure must be there with the same
 * value; a figure the scenario reports and does not expect is a mismatch too (an expectation was
 * forgotten).
 *
 * @since 0.1.0
 */
export const compare = (expected: Outcome, actual: Outcome): ReadonlyArray<Mismatch> => {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])]
  return keys
    .filter((key) => expected[key] !== actual[key])
    .map((key) => ({ key, expected: expected[key], actual: actual[key] }))
}

/**
 * @since 0.1.0
 */
export const make = (scenario: Scenario): Scenario => scenario

/**
 * An outcome, typed as such (so that the branches of a scenario may report different figures).
 *
 * @since 0.1.0
 */
export const outcome = (figures: Outcome): Outcome => figures
