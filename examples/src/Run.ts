/**
 * Runs scenarios on an event store and compares each outcome with the expected one.
 *
 * @since 0.1.0
 */
import { Cause, Effect, Exit } from "effect"
import type { Layer } from "effect"
import type { EventStore } from "@soltrace/core"
import type { Mismatch, Outcome, Scenario } from "./Scenario.js"
import { compare } from "./Scenario.js"
import { Timeline } from "./Timeline.js"

/**
 * The result of one scenario: its timeline, its outcome (unless it failed), the figures that
 * differ from the expected ones, and the failure if it did not run to the end.
 *
 * @since 0.1.0
 */
export interface Run {
  readonly scenario: Scenario
  readonly timeline: Timeline
  readonly outcome: Outcome | undefined
  readonly mismatches: ReadonlyArray<Mismatch>
  readonly failure: string | undefined
  readonly ok: boolean
}

const describe = (cause: Cause.Cause<unknown>): string => {
  const error = Cause.squash(cause)
  if (error instanceof Error) return `${error.name === "Error" ? "" : `${error.name}: `}${error.message}`
  if (typeof error === "object" && error !== null && "_tag" in error) {
    const message = "message" in error && typeof error.message === "string" ? `: ${error.message}` : ""
    return `${String(error._tag)}${message}`
  }
  return String(error)
}

/**
 * Runs one scenario. `store` provides the event store: a fresh in-memory one per scenario, or a
 * shared SQL one (then pass a `suffix` so that the scenario's ids are new on that store).
 *
 * @since 0.1.0
 */
export const run = (
  scenario: Scenario,
  store: Layer.Layer<EventStore.EventStore, unknown>,
  suffix = ""
): Effect.Effect<Run> =>
  Effect.gen(function* () {
    const timeline = new Timeline(scenario.id, suffix)
    const exit = yield* Effect.exit(
      Effect.provide(
        Effect.suspend(() => scenario.run(timeline)),
        store
      )
    )
    if (Exit.isFailure(exit)) {
      return { scenario, timeline, outcome: undefined, mismatches: [], failure: describe(exit.cause), ok: false }
    }
    const mismatches = compare(scenario.expected, exit.value)
    return { scenario, timeline, outcome: exit.value, mismatches, failure: undefined, ok: mismatches.length === 0 }
  })
