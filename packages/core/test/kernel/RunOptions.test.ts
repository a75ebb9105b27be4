/**
 * The numeric options of the kernel's other constructors and runs are checked too (issue 12):
 * the catch-up runs' `batchSize` and `onUnreadable`, a snapshot policy's `every`, a
 * subscription's `after`. A bad value is `InvalidArgument` naming the field, before anything is
 * read, reset or written — never a run that silently does nothing.
 */
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Option, Ref, Stream } from "effect"
import fc from "fast-check"
import * as CommandHandler from "../../src/kernel/CommandHandler.js"
import * as EventStore from "../../src/kernel/EventStore.js"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import * as Projection from "../../src/kernel/Projection.js"
import * as Snapshot from "../../src/kernel/Snapshot.js"
import * as Subscription from "../../src/kernel/Subscription.js"
import { account } from "./BankAccount.js"
import { notPositiveInteger } from "./badOptions.js"

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) return assert.fail(`expected a failure, got ${String(exit.value)}`)
  const error = Cause.findErrorOption(exit.cause)
  if (Option.isNone(error)) return assert.fail(`expected a typed failure, got ${Cause.pretty(exit.cause)}`)
  return error.value
}

const assertInvalid = (error: unknown, operation: string, field: string, reasonStart: string) => {
  assert.ok(error instanceof EventStore.InvalidArgument, String(error))
  assert.strictEqual(error.operation, operation)
  assert.strictEqual(error.field, field)
  assert.isTrue(error.reason.startsWith(reasonStart), error.reason)
}

const event = (eventId: string): EventStore.EventToAppend => ({
  eventId,
  type: "Counted",
  schemaVersion: 1,
  recordedAt: 0,
  data: {},
  metadata: {}
})

/** A catch-up projection counting what it handles, and whether it was reset. */
const counting = Effect.gen(function* () {
  const handled = yield* Ref.make(0)
  const resets = yield* Ref.make(0)
  const projection: Projection.CatchUpProjection<never, never> = {
    name: "count",
    category: undefined,
    handle: () => Ref.update(handled, (n) => n + 1),
    reset: Ref.update(resets, (n) => n + 1)
  }
  return { projection, handled, resets }
})

const Stores = Layer.merge(InMemoryEventStore.layer, Projection.memoryCheckpointStore)

const seeded = (count: number) =>
  Effect.flatMap(Effect.service(EventStore.EventStore), (store) =>
    store.append(
      "tally-1",
      Array.from({ length: count }, (_, i) => event(`e${i}`)),
      EventStore.any
    )
  )

describe("catch-up options (issue 12)", () => {
  it.effect(
    "Projection.catchUp with batchSize: 0 is InvalidArgument naming options.batchSize — before, it handled nothing and returned the checkpoint as if caught up",
    () =>
      Effect.gen(function* () {
        yield* seeded(3)
        const { projection, handled } = yield* counting
        const error = failureOf(yield* Effect.exit(Projection.catchUp(projection, { batchSize: 0 })))
        assertInvalid(error, "Projection.catchUp", "options.batchSize", "must be a positive integer (events), got 0")
        assert.strictEqual(yield* Ref.get(handled), 0)
        const checkpoints = yield* Projection.CheckpointStore
        assert.strictEqual(yield* checkpoints.load("count"), 0)
      }).pipe(Effect.provide(Stores))
  )

  it("Projection.catchUp and rebuild with any bad batchSize (NaN, ±Infinity, ≤ 0, fractions, strings, null…): InvalidArgument naming options.batchSize; nothing handled, the read model not reset (fast-check)", () => {
    fc.assert(
      fc.property(notPositiveInteger, (batchSize) => {
        Effect.runSync(
          Effect.gen(function* () {
            yield* seeded(2)
            const { projection, handled, resets } = yield* counting
            const options = { batchSize } as Projection.CatchUpOptions
            const caught = failureOf(yield* Effect.exit(Projection.catchUp(projection, options)))
            assertInvalid(caught, "Projection.catchUp", "options.batchSize", "must be a positive integer (events)")
            const rebuilt = failureOf(yield* Effect.exit(Projection.rebuild(projection, options)))
            assertInvalid(rebuilt, "Projection.rebuild", "options.batchSize", "must be a positive integer (events)")
            assert.strictEqual(yield* Ref.get(handled), 0)
            assert.strictEqual(yield* Ref.get(resets), 0)
          }).pipe(Effect.provide(Stores))
        )
      }),
      { numRuns: 200 }
    )
  })

  it.effect(
    'onUnreadable other than "stop" or "park" (a misspelt "Park", from an untyped config) is InvalidArgument for catchUp, rebuild and runLive — before, it silently meant "stop"',
    () =>
      Effect.gen(function* () {
        const { projection } = yield* counting
        for (const onUnreadable of ["Park", "skip", null, 1]) {
          const options = { onUnreadable } as unknown as Projection.CatchUpOptions
          const runs = [
            ["Projection.catchUp", Effect.asVoid(Projection.catchUp(projection, options))],
            ["Projection.rebuild", Effect.asVoid(Projection.rebuild(projection, options))],
            ["Projection.runLive", Projection.runLive(projection, options)]
          ] as const
          for (const [operation, run] of runs) {
            const error = failureOf(yield* Effect.exit(run))
            assertInvalid(error, operation, "options.onUnreadable", 'must be "stop" or "park", got ')
          }
        }
      }).pipe(Effect.provide(Stores))
  )

  it("a good batchSize n: catchUp handles every event once and ends at the last position (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 30 }), (batchSize, count) => {
        Effect.runSync(
          Effect.gen(function* () {
            yield* seeded(count)
            const { projection, handled } = yield* counting
            assert.strictEqual(yield* Projection.catchUp(projection, { batchSize }), count)
            assert.strictEqual(yield* Ref.get(handled), count)
          }).pipe(Effect.provide(Stores))
        )
      }),
      { numRuns: 50 }
    )
  })
})

describe("snapshot policy every (issue 12)", () => {
  const withEvery = (every: unknown): typeof account => ({
    ...account,
    snapshot: { ...account.snapshot!, every: every as number }
  })

  it.effect(
    "every: NaN is InvalidArgument naming aggregate.snapshot.every, nothing read or appended — before, a snapshot was saved after every command",
    () =>
      Effect.gen(function* () {
        const error = failureOf(
          yield* Effect.exit(
            CommandHandler.handle(
              withEvery(Number.NaN),
              "account-1",
              { _tag: "Open", owner: "ada" },
              { commandId: "c1" }
            )
          )
        )
        assertInvalid(
          error,
          "CommandHandler.handle",
          "aggregate.snapshot.every",
          "must be a positive integer (events), got NaN"
        )
        const store = yield* EventStore.EventStore
        assert.strictEqual(yield* store.streamVersion("account-1"), 0)
        const snapshots = yield* Snapshot.SnapshotStore
        assert.isTrue(Option.isNone(yield* snapshots.load("account-1", "account-v1")))
      }).pipe(Effect.provide(Layer.merge(InMemoryEventStore.layer, Snapshot.layerMemory)))
  )

  it("any bad every (0, negatives, fractions, ±Infinity, strings, null…) is InvalidArgument; nothing appended (fast-check)", () => {
    fc.assert(
      fc.property(notPositiveInteger, (every) => {
        Effect.runSync(
          Effect.gen(function* () {
            const error = failureOf(
              yield* Effect.exit(
                CommandHandler.handle(
                  withEvery(every),
                  "account-1",
                  { _tag: "Open", owner: "ada" },
                  { commandId: "c1" }
                )
              )
            )
            assertInvalid(
              error,
              "CommandHandler.handle",
              "aggregate.snapshot.every",
              "must be a positive integer (events)"
            )
            const store = yield* EventStore.EventStore
            assert.strictEqual(yield* store.streamVersion("account-1"), 0)
          }).pipe(Effect.provide(Layer.merge(InMemoryEventStore.layer, Snapshot.layerMemory)))
        )
      }),
      { numRuns: 200 }
    )
  })
})

describe("Subscription.make after (issue 12)", () => {
  it.effect("an after that is not a non-negative integer fails the stream with InvalidArgument before any read", () =>
    Effect.gen(function* () {
      let reads = 0
      for (const after of [Number.NaN, -1, 0.5, Number.POSITIVE_INFINITY, "0", null]) {
        const stream = Subscription.make({
          after: after as number,
          read: () => Effect.sync(() => (reads++, [])),
          nextCommit: Effect.succeed(Effect.void)
        })
        const error = failureOf(yield* Effect.exit(Stream.runCollect(Stream.take(stream, 1))))
        assertInvalid(error, "Subscription.make", "options.after", "must be a non-negative integer (a position), got ")
      }
      assert.strictEqual(reads, 0)
    })
  )
})
