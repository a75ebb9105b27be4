/**
 * The SQL store's options are checked when it is made (issue 12), on every SQL backend: a bad
 * `pollInterval`, `batchSize`, `maxEventBytes` or `maxJsonDepth` is `InvalidArgument` naming the
 * field — from `make`, `layer` and `layerWithMigrations` — never a check silently turned off or a
 * subscription that reads nothing or spins; a good one works, a limit at exactly its value.
 */
import assert from "node:assert/strict"
import type { Layer } from "effect"
import { Cause, Effect, Exit, Fiber, Stream } from "effect"
import type { SqlClient } from "effect/sql"
import fc from "fast-check"
import { describe, expectTypeOf, it } from "vitest"
import * as EventStore from "../../src/kernel/EventStore.js"
import type * as Projection from "../../src/kernel/Projection.js"
import { SqlEventStore, SqlProjections } from "../../src/sql/index.js"
import { notMilliseconds, notPositiveInteger } from "../kernel/badOptions.js"
import { type Runtime, storeLayer, toAppend, uniqueCategory } from "./shared.js"

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) return assert.fail("expected a failure, got a success")
  const error = Cause.findErrorOption(exit.cause)
  if (error._tag === "None") return assert.fail(`expected a typed failure, got ${Cause.pretty(exit.cause)}`)
  return error.value
}

const assertRefused = (error: unknown, field: string, value: unknown, allowed: string) => {
  assert.ok(error instanceof EventStore.InvalidArgument, String(error))
  assert.equal(error.operation, "SqlEventStore.make")
  assert.equal(error.field, field)
  assert.ok(error.reason.startsWith(`must be ${allowed}, got `), error.reason)
  if (typeof value === "number") assert.ok(error.reason.endsWith(`got ${String(value)}`), error.reason)
}

/** An event of exactly `bytes` bytes as the store counts them (at least its id's length + 5). */
const eventOfBytes = (eventId: string, bytes: number): EventStore.EventToAppend => ({
  eventId,
  type: "T",
  schemaVersion: 1,
  recordedAt: 0,
  data: "x".repeat(bytes - 2 - 2 - eventId.length - 1),
  metadata: {}
})

const options = [
  ["pollInterval", notMilliseconds, "a finite number ≥ 0 (milliseconds)"],
  ["batchSize", notPositiveInteger, "a positive integer (events)"],
  ["maxEventBytes", notPositiveInteger, "a positive integer (bytes)"],
  ["maxJsonDepth", notPositiveInteger, "a positive integer (levels)"]
] as const

export const sqlOptionsTests = (name: string, runtime: Runtime) => {
  /** Builds the layer over the runtime's client and runs a read with it: its failure, if any. */
  const built = (layer: Layer.Layer<EventStore.EventStore, unknown, SqlClient.SqlClient>) =>
    runtime.runPromiseExit(
      Effect.provide(
        Effect.flatMap(Effect.service(EventStore.EventStore), (store) => store.streamVersion("x-1")),
        layer
      )
    )

  describe(`SQL event store options: ${name} (issue 12)`, () => {
    it("batchSize: 0 and pollInterval: NaN are refused when the store is made — before, the store was built and its subscriptions read nothing or polled without pause", async () => {
      assertRefused(
        failureOf(await runtime.runPromiseExit(SqlEventStore.make({ batchSize: 0 }))),
        "options.batchSize",
        0,
        "a positive integer (events)"
      )
      assertRefused(
        failureOf(await runtime.runPromiseExit(SqlEventStore.make({ pollInterval: Number.NaN }))),
        "options.pollInterval",
        Number.NaN,
        "a finite number ≥ 0 (milliseconds)"
      )
    })

    it("maxEventBytes: NaN is refused when the store is made — before, the size check was off and the driver's 16 MiB limit was back", async () => {
      assertRefused(
        failureOf(await runtime.runPromiseExit(SqlEventStore.make({ maxEventBytes: Number.NaN }))),
        "options.maxEventBytes",
        Number.NaN,
        "a positive integer (bytes)"
      )
    })

    it("every bad value of every option (NaN, ±Infinity, negatives, 0 where not allowed, fractions, strings, null…) fails make, layer and layerWithMigrations with InvalidArgument naming the field (fast-check)", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(...options.map(([key, bad, allowed]) => bad.map((value) => [key, value, allowed] as const))),
          async ([key, value, allowed]) => {
            const given = { [key]: value } as SqlEventStore.Options
            assertRefused(
              failureOf(await runtime.runPromiseExit(SqlEventStore.make(given))),
              `options.${key}`,
              value,
              allowed
            )
            assertRefused(failureOf(await built(SqlEventStore.layer(given))), `options.${key}`, value, allowed)
            assertRefused(
              failureOf(await built(SqlEventStore.layerWithMigrations(given))),
              `options.${key}`,
              value,
              allowed
            )
          }
        ),
        { numRuns: 150 }
      )
    })

    it("options that are not an object fail with InvalidArgument naming options", async () => {
      for (const given of [null, "batchSize=0", 5]) {
        const error = failureOf(await runtime.runPromiseExit(SqlEventStore.make(given as SqlEventStore.Options)))
        assert.ok(error instanceof EventStore.InvalidArgument, String(error))
        assert.equal(error.field, "options")
      }
    })

    it("without options, or with no number set, make and the layers keep their error types (never, EventStoreError)", () => {
      expectTypeOf(SqlEventStore.make()).toEqualTypeOf<
        Effect.Effect<EventStore.EventStoreService, never, SqlClient.SqlClient>
      >()
      expectTypeOf(SqlEventStore.layer({ endpoint: { host: "h", port: "1" } })).toEqualTypeOf<
        Layer.Layer<EventStore.EventStore, never, SqlClient.SqlClient>
      >()
      expectTypeOf(SqlEventStore.layerWithMigrations()).toEqualTypeOf<
        Layer.Layer<EventStore.EventStore, EventStore.EventStoreError, SqlClient.SqlClient>
      >()
      expectTypeOf(SqlEventStore.layer({ batchSize: 10 })).toEqualTypeOf<
        Layer.Layer<EventStore.EventStore, EventStore.InvalidArgument, SqlClient.SqlClient>
      >()
    })

    it("a good maxEventBytes n is enforced at exactly n: n bytes stored and read back, n + 1 InvalidEvent naming size, nothing stored (fast-check)", async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 64, max: 100_000 }), async (n) => {
          const stream = `${uniqueCategory()}-1`
          await runtime.runPromise(
            Effect.provide(
              Effect.gen(function* () {
                const store = yield* EventStore.EventStore
                const over = yield* Effect.flip(
                  store.append(stream, [eventOfBytes(`${stream}:b`, n + 1)], EventStore.any)
                )
                assert.ok(over instanceof EventStore.InvalidEvent, String(over))
                assert.equal(over.field, "size")
                assert.equal(over.reason, `is ${n + 1} bytes of JSON, more than maxEventBytes (${n})`)
                assert.equal(yield* store.streamVersion(stream), 0)
                const event = eventOfBytes(`${stream}:a`, n)
                yield* store.append(stream, [event], EventStore.any)
                const [back] = yield* store.readStream(stream)
                assert.equal(back?.data, event.data)
              }),
              storeLayer(runtime, { maxEventBytes: n })
            )
          )
        }),
        { numRuns: 8 }
      )
    })

    it("a good batchSize n and pollInterval p (0 included, fractions of a millisecond too): a subscription delivers every event, old and new, in order (fast-check)", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 7 }),
          fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })),
          async (batchSize, pollInterval) => {
            const category = uniqueCategory()
            const stream = `${category}-1`
            await runtime.runPromise(
              Effect.provide(
                Effect.gen(function* () {
                  const store = yield* EventStore.EventStore
                  const before = Array.from({ length: 9 }, (_, i) =>
                    toAppend(`${stream}:${i}`, "MeterRead", { kwh: i })
                  )
                  yield* store.append(stream, before, EventStore.noStream)
                  const reading = yield* Effect.forkChild(
                    Stream.runCollect(Stream.take(store.subscribe({ category }), 10))
                  )
                  yield* store.append(stream, [toAppend(`${stream}:9`, "MeterRead", { kwh: 9 })], EventStore.exact(9))
                  const seen = yield* Fiber.join(reading)
                  assert.deepEqual(
                    Array.from(seen, (e) => e.version),
                    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
                  )
                }).pipe(Effect.timeout("20 seconds")),
                storeLayer(runtime, { batchSize, pollInterval })
              )
            )
          }
        ),
        { numRuns: 6 }
      )
    }, 60_000)

    it("SqlProjections.catchUp with batchSize: 0 is InvalidArgument naming options.batchSize — before, it handled nothing and returned the checkpoint as if caught up", () =>
      runtime.runPromise(
        Effect.provide(
          Effect.gen(function* () {
            const store = yield* EventStore.EventStore
            const category = uniqueCategory()
            yield* store.append(`${category}-1`, [toAppend(`${category}-1:1`, "MeterRead", { kwh: 1 })], EventStore.any)
            let handled = 0
            const projection = {
              name: `zero-${category}`,
              category,
              handle: () => Effect.sync(() => void handled++),
              reset: Effect.void
            }
            const error = yield* Effect.flip(SqlProjections.catchUp(projection, { batchSize: 0 }))
            assert.ok(error instanceof EventStore.InvalidArgument, String(error))
            assert.equal(error.operation, "SqlProjections.catchUp")
            assert.equal(error.field, "options.batchSize")
            assert.equal(error.reason, "must be a positive integer (events), got 0")
            assert.equal(handled, 0)
            assert.equal(yield* SqlProjections.loadCheckpoint(projection.name), 0)
          }),
          storeLayer(runtime)
        )
      ))

    it("SqlProjections.catchUp and rebuild with a bad batchSize or onUnreadable: InvalidArgument naming it; nothing handled, the read model not reset (fast-check)", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            notPositiveInteger.map(
              (value) => ["batchSize", value, "must be a positive integer (events), got "] as const
            ),
            fc
              .constantFrom<unknown>("Park", "skip", null, 0)
              .map((value) => ["onUnreadable", value, 'must be "stop" or "park", got '] as const)
          ),
          async ([key, value, reason]) => {
            let handled = 0
            let resets = 0
            const projection = {
              name: `bad-${uniqueCategory()}`,
              category: undefined,
              handle: () => Effect.sync(() => void handled++),
              reset: Effect.sync(() => void resets++)
            }
            const given = { [key]: value } as Projection.CatchUpOptions
            for (const [operation, run] of [
              ["SqlProjections.catchUp", SqlProjections.catchUp(projection, given)],
              ["SqlProjections.rebuild", SqlProjections.rebuild(projection, given)]
            ] as const) {
              const error = failureOf(await runtime.runPromiseExit(Effect.provide(run, storeLayer(runtime))))
              assert.ok(error instanceof EventStore.InvalidArgument, String(error))
              assert.equal(error.operation, operation)
              assert.equal(error.field, `options.${key}`)
              assert.ok(error.reason.startsWith(reason), error.reason)
            }
            assert.equal(handled, 0)
            assert.equal(resets, 0)
          }
        ),
        { numRuns: 60 }
      )
    })
  })
}
