/**
 * A building block for `EventStore.subscribe` implementations: a catch-up subscription made of a
 * batched read of the global log and a way to wait for the next commit.
 *
 * The stream reads batches after its checkpoint until a read returns nothing, then waits for the
 * next commit (or a polling delay) and reads again. Each event is emitted once, in position order,
 * provided `read` honours the store's ordering guarantee (no event is ever committed at a
 * position lower than one already visible).
 *
 * @since 0.1.0
 */
import { Effect, Option, Stream } from "effect"
import { InvalidArgument } from "./EventStore.js"
import type { ReadError, RecordedEvent } from "./EventStore.js"
import * as CheckedOptions from "./internal/options.js"

/**
 * Builds a catch-up subscription.
 *
 * - `read(after)`: the next batch of events after the position `after`, in position order;
 * - `nextCommit`: called *before* each read; yields an effect that completes once something may
 *   have been committed after that moment (an in-memory signal, or `Effect.sleep` for polling).
 *
 * An `after` that is not a non-negative safe integer fails the stream with `InvalidArgument`
 * (`operation: "Subscription.make"`, `field: "options.after"`) before anything is read (issue 12).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: {
  readonly after: number
  readonly read: (after: number) => Effect.Effect<ReadonlyArray<RecordedEvent>, ReadError>
  readonly nextCommit: Effect.Effect<Effect.Effect<void, ReadError>, ReadError>
}): Stream.Stream<RecordedEvent, ReadError> => {
  const bad = CheckedOptions.violation("nonNegativeInteger", options.after, "a position")
  if (bad !== undefined) {
    return Stream.fail(new InvalidArgument({ operation: "Subscription.make", field: "options.after", reason: bad }))
  }
  return Stream.paginate(options.after, (after) =>
    Effect.gen(function* () {
      const wait = yield* options.nextCommit
      const batch = yield* options.read(after)
      const last = batch[batch.length - 1]
      if (last === undefined) {
        yield* wait
        return [batch, Option.some(after)] as const
      }
      return [batch, Option.some(last.position)] as const
    })
  )
}
