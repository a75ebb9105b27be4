/**
 * The in-memory store's options are checked when it is made (issue 12): a bad `maxEventBytes` or
 * `maxJsonDepth` is `InvalidArgument` naming the field, never a size or depth check silently
 * turned off; a good one is enforced at exactly its value.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import fc from "fast-check"
import { expectTypeOf } from "vitest"
import * as EventStore from "../../src/kernel/EventStore.js"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import type { InlineProjections } from "../../src/kernel/Projection.js"
import { notPositiveInteger } from "./badOptions.js"

/** An event whose size, as the store counts it (data + metadata + id + type, JSON), is `bytes` (≥ 6). */
const eventOfBytes = (eventId: string, bytes: number): EventStore.EventToAppend => ({
  eventId,
  type: "T",
  schemaVersion: 1,
  recordedAt: 0,
  // `"x…x"` is length + 2 bytes, `{}` 2, the id and the type 1 each.
  data: "x".repeat(bytes - 2 - 2 - eventId.length - 1),
  metadata: {}
})

/** The failure of an effect that must fail, or a test failure naming what it gave instead. */
const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) return assert.fail(`expected a failure, got ${String(exit.value)}`)
  const error = exit.cause.reasons[0]
  if (error === undefined || error._tag !== "Fail")
    return assert.fail(`expected a typed failure, got ${String(exit.cause)}`)
  return error.error
}

const assertRefused = (error: unknown, field: string, value: unknown, unit: string) => {
  assert.ok(error instanceof EventStore.InvalidArgument, String(error))
  assert.strictEqual(error.operation, "InMemoryEventStore.make")
  assert.strictEqual(error.field, field)
  assert.include(error.reason, `must be a positive integer (${unit}), got `)
  if (typeof value === "number") assert.isTrue(error.reason.endsWith(`got ${String(value)}`), error.reason)
}

describe("InMemoryEventStore options (issue 12)", () => {
  it.effect(
    "maxEventBytes: NaN is refused when the store is made — before, the size check was off and a 2 MiB event was stored",
    () =>
      Effect.gen(function* () {
        const made = yield* Effect.exit(InMemoryEventStore.make({ maxEventBytes: Number.NaN }))
        assertRefused(failureOf(made), "options.maxEventBytes", Number.NaN, "bytes")
      })
  )

  it.effect("maxJsonDepth: NaN is refused when the store is made — before, the depth check was off", () =>
    Effect.gen(function* () {
      const made = yield* Effect.exit(InMemoryEventStore.make({ maxJsonDepth: Number.NaN }))
      assertRefused(failureOf(made), "options.maxJsonDepth", Number.NaN, "levels")
    })
  )

  it("maxEventBytes and maxJsonDepth that are not positive safe integers (NaN, ±Infinity, ≤ 0, fractions, past 2^53, strings, null…) fail make, layerWithInline and an Effect-built layer with InvalidArgument naming the field (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(["maxEventBytes", "bytes"] as const, ["maxJsonDepth", "levels"] as const),
        notPositiveInteger,
        ([key, unit], value) => {
          const options = { [key]: value } as InMemoryEventStore.Options
          assertRefused(failureOf(Effect.runSyncExit(InMemoryEventStore.make(options))), `options.${key}`, value, unit)
          const layered = Effect.runSyncExit(
            Effect.scoped(Layer.build(InMemoryEventStore.layerWithInline({ inline: [], ...options })))
          )
          assertRefused(failureOf(layered), `options.${key}`, value, unit)
        }
      ),
      { numRuns: 300 }
    )
  })

  it("options that are not an object (null, a string, an array, from an untyped config) fail make with InvalidArgument naming options", () => {
    for (const options of [null, "maxEventBytes=10", 10, [1]]) {
      const error = failureOf(Effect.runSyncExit(InMemoryEventStore.make(options as InMemoryEventStore.Options)))
      assert.ok(error instanceof EventStore.InvalidArgument, String(error))
      assert.strictEqual(error.field, "options")
      assert.match(error.reason, /^must be an object of options, got /)
    }
  })

  it("undefined options and undefined fields keep the defaults: 1 MiB accepted, one byte more refused", () => {
    for (const options of [undefined, {}, { maxEventBytes: undefined, maxJsonDepth: undefined }]) {
      const { store } = Effect.runSync(InMemoryEventStore.make(options))
      const atLimit = Effect.runSync(store.append("s-1", [eventOfBytes("a", 1_048_576)], EventStore.any))
      assert.strictEqual(atLimit.version, 1)
      const over = failureOf(Effect.runSyncExit(store.append("s-1", [eventOfBytes("b", 1_048_577)], EventStore.any)))
      assert.ok(over instanceof EventStore.InvalidEvent, String(over))
      assert.strictEqual(over.field, "size")
    }
  })

  it("a good maxEventBytes n is enforced at exactly n: an event of n bytes is stored and read back, one of n + 1 is InvalidEvent naming size, nothing stored (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 200_000 }), (n) => {
        const { store } = Effect.runSync(InMemoryEventStore.make({ maxEventBytes: n }))
        const over = failureOf(Effect.runSyncExit(store.append("s-1", [eventOfBytes("b", n + 1)], EventStore.any)))
        assert.ok(over instanceof EventStore.InvalidEvent, String(over))
        assert.strictEqual(over.field, "size")
        assert.strictEqual(over.reason, `is ${n + 1} bytes of JSON, more than maxEventBytes (${n})`)
        assert.strictEqual(Effect.runSync(store.streamVersion("s-1")), 0)
        const stored = Effect.runSync(store.append("s-1", [eventOfBytes("a", n)], EventStore.any))
        assert.deepStrictEqual(
          Effect.runSync(store.readStream("s-1")).map((e) => e.data),
          stored.events.map((e) => e.data)
        )
      }),
      { numRuns: 60 }
    )
  })

  it("a good maxJsonDepth n is enforced at exactly n: data nested n levels is stored, n + 1 is InvalidEvent naming data (fast-check)", () => {
    const nested = (levels: number): unknown => {
      let value: unknown = 0
      for (let i = 0; i < levels; i++) value = [value]
      return value
    }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), (n) => {
        const { store } = Effect.runSync(InMemoryEventStore.make({ maxJsonDepth: n }))
        const event = (eventId: string, data: unknown): EventStore.EventToAppend => ({
          eventId,
          type: "T",
          schemaVersion: 1,
          recordedAt: 0,
          data,
          metadata: {}
        })
        const over = failureOf(Effect.runSyncExit(store.append("s-1", [event("b", nested(n + 1))], EventStore.any)))
        assert.ok(over instanceof EventStore.InvalidEvent, String(over))
        assert.strictEqual(over.field, "data")
        assert.strictEqual(over.reason, `nests arrays and objects more than maxJsonDepth (${n}) levels deep`)
        assert.strictEqual(Effect.runSync(store.append("s-1", [event("a", nested(n))], EventStore.any)).version, 1)
      }),
      { numRuns: 60 }
    )
  })

  it.effect("the constant layer, make() and make with no limit set cannot fail: their error type is never", () =>
    Effect.gen(function* () {
      expectTypeOf(InMemoryEventStore.layer).toEqualTypeOf<Layer.Layer<EventStore.EventStore>>()
      expectTypeOf(InMemoryEventStore.make()).toEqualTypeOf<Effect.Effect<InMemoryEventStore.InMemoryStore>>()
      expectTypeOf(InMemoryEventStore.make({ tracing: false })).toEqualTypeOf<
        Effect.Effect<InMemoryEventStore.InMemoryStore>
      >()
      expectTypeOf(InMemoryEventStore.make({ maxEventBytes: 10 })).toEqualTypeOf<
        Effect.Effect<InMemoryEventStore.InMemoryStore, EventStore.InvalidArgument>
      >()
      expectTypeOf(InMemoryEventStore.layerWithInline({ inline: [] })).toEqualTypeOf<
        Layer.Layer<EventStore.EventStore | InlineProjections>
      >()
      const store = yield* Effect.provide(Effect.service(EventStore.EventStore), InMemoryEventStore.layer)
      assert.strictEqual(yield* store.streamVersion("s-1"), 0)
      const { store: made } = yield* InMemoryEventStore.make()
      assert.strictEqual(yield* made.streamVersion("s-1"), 0)
    })
  )
})
