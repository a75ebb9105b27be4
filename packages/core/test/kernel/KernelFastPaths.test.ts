/**
 * The kernel's fast paths give what the plain paths gave:
 * - `EventCodec` decodes (and encodes) a tagged union through the compiled codec of the envelope
 *   type's member alone: the same events, the same typed errors with the same reasons;
 * - `InMemoryEventStore.readStream` slices: the versions a plain walk of the stream selects;
 * - `CommandHandler.handle` runs its first attempt outside the retry loop: the default schedule
 *   still allows 1 + 10 attempts.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Result, Schema } from "effect"
import fc from "fast-check"
import * as CommandHandler from "../../src/kernel/CommandHandler.js"
import * as EventCodec from "../../src/kernel/EventCodec.js"
import * as EventStore from "../../src/kernel/EventStore.js"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import { account, Event } from "./BankAccount.js"

// The same union nested in a one-member union: no member is a tagged object, so this codec
// always decodes with the whole Schema (the path every event took before the fast path).
const plain = EventCodec.make<typeof Event.Type>({ schema: Schema.Union([Event]) })
const fast = EventCodec.make<typeof Event.Type>({ schema: Event })

const tags = ["Opened", "Deposited", "Withdrawn", "Closed", "Unknown"] as const
const value = fc.oneof(fc.integer({ min: -5, max: 2_000_000 }), fc.string({ maxLength: 3 }), fc.constant(undefined))
const data = fc.oneof(
  fc.record({ _tag: fc.constantFrom(...tags), owner: value, amount: value, extra: value }, { requiredKeys: ["_tag"] }),
  fc.constantFrom(null, 1, "x", [] as Array<unknown>)
)
const recorded = (type: string, payload: unknown, version: number): EventStore.RecordedEvent => ({
  eventId: `e-${version}`,
  type,
  schemaVersion: 1,
  recordedAt: 0,
  data: payload,
  metadata: {},
  streamId: "account-1",
  version,
  position: version
})

describe("EventCodec per-tag dispatch", () => {
  it("decode: the member of the envelope's type gives what the whole union gives (events and errors)", () =>
    fc.assert(
      fc.property(fc.constantFrom(...tags), data, fc.integer({ min: 1, max: 100 }), (type, payload, version) => {
        const event = recorded(type, payload, version)
        const a = fast.decode(event)
        const b = plain.decode(event)
        assert.strictEqual(Result.isSuccess(a), Result.isSuccess(b))
        if (Result.isSuccess(a) && Result.isSuccess(b)) assert.deepStrictEqual(a.success, b.success)
        if (Result.isFailure(a) && Result.isFailure(b)) {
          assert.deepStrictEqual(
            [a.failure.stream, a.failure.version, a.failure.type, a.failure.reason],
            [b.failure.stream, b.failure.version, b.failure.type, b.failure.reason]
          )
        }
      }),
      { numRuns: 500 }
    ))

  it("encode: the member of the event's tag gives what the whole union gives", () =>
    fc.assert(
      fc.property(data, (payload) => {
        const event = payload as typeof Event.Type
        if (typeof event !== "object" || event === null || Array.isArray(event)) return
        const a = fast.encode(event)
        const b = plain.encode(event)
        assert.strictEqual(Result.isSuccess(a), Result.isSuccess(b))
        if (Result.isSuccess(a) && Result.isSuccess(b)) assert.deepStrictEqual(a.success, b.success)
        if (Result.isFailure(a) && Result.isFailure(b)) assert.deepStrictEqual(a.failure.reason, b.failure.reason)
      }),
      { numRuns: 500 }
    ))
})

describe("InMemoryEventStore.readStream slices", () => {
  it("from, direction and maxCount (non-negative integers since issue 12) select the versions a walk of the stream selects", () => {
    const { store } = Effect.runSync(InMemoryEventStore.make())
    const length = 7
    Effect.runSync(
      store.append(
        "slice-1",
        Array.from({ length }, (_, i) => ({
          eventId: `s-${i}`,
          type: "Opened",
          schemaVersion: 1,
          recordedAt: 0,
          data: { i },
          metadata: {}
        })),
        EventStore.noStream
      )
    )
    // The reference: walk the versions one by one.
    const walk = (from: number | undefined, maxCount: number | undefined, backwards: boolean): Array<number> => {
      const out: Array<number> = []
      const max = Math.max(0, maxCount ?? Number.POSITIVE_INFINITY)
      if (!backwards) for (let v = Math.max(1, from ?? 1); v <= length && out.length < max; v++) out.push(v)
      else for (let v = Math.min(length, from ?? length); v >= 1 && out.length < max; v--) out.push(v)
      return out
    }
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: length + 2 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: length + 2 }), { nil: undefined }),
        fc.boolean(),
        (from, maxCount, backwards) => {
          const read = Effect.runSync(
            store.readStream("slice-1", { from, maxCount, direction: backwards ? "backwards" : "forwards" })
          )
          assert.deepStrictEqual(
            read.map((e) => e.version),
            walk(from, maxCount, backwards)
          )
        }
      ),
      { numRuns: 300 }
    )
  })

  it("a reader cannot change what was recorded", () => {
    const { store } = Effect.runSync(InMemoryEventStore.make())
    Effect.runSync(
      store.append(
        "frozen-1",
        [{ eventId: "f-1", type: "Opened", schemaVersion: 1, recordedAt: 0, data: { a: { b: [1] } }, metadata: {} }],
        EventStore.noStream
      )
    )
    const [first] = Effect.runSync(store.readStream("frozen-1"))
    assert.throws(() => {
      ;(first!.data as { a: { b: Array<number> } }).a.b.push(2)
    })
    const read = Effect.runSync(store.readStream("frozen-1")) as Array<EventStore.RecordedEvent>
    read.pop()
    assert.deepStrictEqual(
      Effect.runSync(store.readStream("frozen-1")).map((e) => e.data),
      [{ a: { b: [1] } }]
    )
  })
})

describe("CommandHandler retries", () => {
  it.effect("the default schedule allows 1 + 10 attempts, then returns the WrongExpectedVersion", () =>
    Effect.gen(function* () {
      const { store } = yield* InMemoryEventStore.make()
      let appends = 0
      const alwaysBehind: EventStore.EventStoreService = {
        ...store,
        append: (stream, _events, expected) =>
          Effect.suspend(() => {
            appends++
            return Effect.fail(new EventStore.WrongExpectedVersion({ stream, expected, actual: 99 }))
          })
      }
      const error = yield* Effect.flip(
        CommandHandler.handle(account, "account-1", { _tag: "Open", owner: "ada" }, { commandId: "open-1" }).pipe(
          Effect.provide(Layer.succeed(EventStore.EventStore, alwaysBehind))
        )
      )
      assert.strictEqual(error._tag, "WrongExpectedVersion")
      assert.strictEqual(appends, 11)
    })
  )
})
