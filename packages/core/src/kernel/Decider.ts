/**
 * A decider: the pure heart of an aggregate.
 *
 * - `initialState`: the state of a stream with no events;
 * - `decide(command, state)`: the events the command produces, or a typed domain error — a
 *   business "no" is a value (`Result.fail`), never a throw;
 * - `evolve(state, event)`: the state after one event;
 * - `isTerminal(state)`: true when the stream accepts no further command.
 *
 * Deciding never reads the clock: commands carry their own business dates.
 *
 * @since 0.1.0
 */
import type { Result } from "effect"

/**
 * @since 0.1.0
 * @category models
 */
export interface Decider<Command, Event, State, Err> {
  readonly initialState: State
  readonly decide: (command: Command, state: State) => Result.Result<ReadonlyArray<Event>, Err>
  readonly evolve: (state: State, event: Event) => State
  readonly isTerminal: (state: State) => boolean
}

/**
 * Folds events into a state, starting from `state` (the initial state by default).
 *
 * A plain loop rather than `Array.reduce` on a copy: rehydration is the hot path of every command.
 *
 * @since 0.1.0
 * @category folding
 */
export const fold = <Command, Event, State, Err>(
  decider: Decider<Command, Event, State, Err>,
  events: Iterable<NoInfer<Event>>,
  state: NoInfer<State> = decider.initialState
): State => {
  let current = state
  const evolve = decider.evolve
  if (Array.isArray(events)) {
    // Arrays (what a store read gives): an index loop, no iterator.
    const array: ReadonlyArray<Event> = events
    for (let i = 0; i < array.length; i++) current = evolve(current, array[i]!)
    return current
  }
  for (const event of events) current = evolve(current, event)
  return current
}
