/**
 * Given / when / then specifications for deciders, with no store and no Effect:
 *
 * ```ts
 * DeciderSpec.for(decider).given([opened]).when(deposit).then([deposited])
 * DeciderSpec.for(decider).given([opened, closed]).when(deposit).thenFails((e) => e._tag === "AccountClosed")
 * ```
 *
 * A failed expectation throws an `AssertionError` (from `node:assert`), so it works in any test
 * runner.
 *
 * @since 0.1.0
 */
import assert from "node:assert/strict"
import { Result } from "effect"
import * as Decider from "../kernel/Decider.js"

/**
 * The `then` step of a specification.
 *
 * @since 0.1.0
 * @category models
 */
export interface Then<Event, State, Err> {
  /** Asserts the command is accepted and produces exactly these events (deep equality). */
  readonly then: (expected: ReadonlyArray<Event>) => State
  /** Asserts the command is refused with an error satisfying the predicate; returns the error. */
  readonly thenFails: (predicate?: (error: Err) => boolean) => Err
  /** Asserts the command is accepted and its resulting state satisfies the predicate. */
  readonly thenState: (predicate: (state: State) => boolean) => State
}

/**
 * The `when` step of a specification.
 *
 * @since 0.1.0
 * @category models
 */
export interface When<Command, Event, State, Err> {
  readonly when: (command: Command) => Then<Event, State, Err>
}

/**
 * The `given` step of a specification.
 *
 * @since 0.1.0
 * @category models
 */
export interface Given<Command, Event, State, Err> extends When<Command, Event, State, Err> {
  readonly given: (events: ReadonlyArray<Event>) => When<Command, Event, State, Err>
}

const make = <Command, Event, State, Err>(
  decider: Decider.Decider<Command, Event, State, Err>,
  history: ReadonlyArray<Event>
): When<Command, Event, State, Err> => ({
  when: (command) => {
    const before = Decider.fold(decider, history)
    const decided = decider.decide(command, before)
    const accepted = (): ReadonlyArray<Event> => {
      if (Result.isFailure(decided)) {
        assert.fail(`expected the command to be accepted, it was refused with ${describe(decided.failure)}`)
      }
      return decided.success
    }
    return {
      then: (expected) => {
        const events = accepted()
        assert.deepStrictEqual(events, expected)
        return Decider.fold(decider, events, before)
      },
      thenFails: (predicate) => {
        if (Result.isSuccess(decided)) {
          assert.fail(`expected the command to be refused, it produced ${describe(decided.success)}`)
        }
        if (predicate !== undefined && !predicate(decided.failure)) {
          assert.fail(`the command was refused with an unexpected error: ${describe(decided.failure)}`)
        }
        return decided.failure
      },
      thenState: (predicate) => {
        const state = Decider.fold(decider, accepted(), before)
        assert.ok(predicate(state), `unexpected state ${describe(state)}`)
        return state
      }
    }
  }
})

const describe = (value: unknown): string => {
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

/**
 * Starts a specification of `decider`. Without `given`, the history is empty.
 *
 * @since 0.1.0
 * @category constructors
 */
const forDecider = <Command, Event, State, Err>(
  decider: Decider.Decider<Command, Event, State, Err>
): Given<Command, Event, State, Err> => ({
  ...make(decider, []),
  given: (events) => make(decider, events)
})

export {
  /**
   * Starts a specification of `decider`. Without `given`, the history is empty.
   *
   * @since 0.1.0
   * @category constructors
   */
  forDecider as for
}
