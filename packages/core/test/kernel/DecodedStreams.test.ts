/**
 * Events decoded once per stored event and codec (in memory): what `load` and `decodeAll` give
 * through the kept decoded events is what decoding every event afresh gives — after any appends,
 * with upcasters, invalid events, tails and several codecs — and nothing a reader gets lets it
 * change what another reads.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Result } from "effect"
import fc from "fast-check"
import * as CommandHandler from "../../src/kernel/CommandHandler.js"
import * as Decider from "../../src/kernel/Decider.js"
import * as EventCodec from "../../src/kernel/EventCodec.js"
import * as EventStore from "../../src/kernel/EventStore.js"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import { account, codec, decider, Event } from "./BankAccount.js"

type Raw = Omit<EventStore.EventToAppend, "eventId" | "recordedAt" | "metadata">

/** Another codec of the same events: its upcaster reads v1 `Deposited` differently (tenths). */
const upcastAsTenths = {
  schema: Event,
  versions: { Deposited: 2 },
  upcasters: [
    {
      type: "Deposited",
      from: 1,
      up: (data: unknown) => ({ _tag: "Deposited", amount: (data as { euros: number }).euros * 10 })
    }
  ]
}
const tenths = EventCodec.make(upcastAsTenths)
// The references: the same codecs' options, given events that are not frozen (a copy), so that
// every event is decoded afresh, one by one.
const freshCodec = EventCodec.make({
  schema: Event,
  versions: { Deposited: 2 },
  upcasters: [
    {
      type: "Deposited",
      from: 1,
      up: (data: unknown) => ({ _tag: "Deposited", amount: (data as { euros: number }).euros * 100 })
    }
  ]
})
const freshTenths = EventCodec.make(upcastAsTenths)

const freshly = (
  reference: EventCodec.EventCodec<DecodedEvent>,
  events: ReadonlyArray<EventStore.RecordedEvent>
): Result.Result<Array<DecodedEvent>, EventCodec.EventDecodeError> => {
  const out: Array<DecodedEvent> = []
  for (const event of events) {
    const decoded = reference.decode({ ...event })
    if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
    out.push(decoded.success)
  }
  return Result.succeed(out)
}

const errorFields = (error: unknown) => {
  assert.instanceOf(error, EventCodec.EventDecodeError)
  const e = error
  return [e.stream, e.version, e.type, e.reason]
}

type DecodedEvent = typeof Event.Type

const amount = fc.integer({ min: 1, max: 1_000 })
/** Valid events at every schema version, and a few invalid ones (bad data, unknown version). */
const rawEvent: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ type: "Opened", schemaVersion: 1, data: { _tag: "Opened", owner: "ada" } }) },
  {
    weight: 4,
    arbitrary: amount.map((euros) => ({ type: "Deposited", schemaVersion: 1, data: { _tag: "Deposited", euros } }))
  },
  {
    weight: 4,
    arbitrary: amount.map((a) => ({ type: "Deposited", schemaVersion: 2, data: { _tag: "Deposited", amount: a } }))
  },
  {
    weight: 3,
    arbitrary: amount.map((a) => ({ type: "Withdrawn", schemaVersion: 1, data: { _tag: "Withdrawn", amount: a } }))
  },
  {
    weight: 1,
    arbitrary: fc.constant({ type: "Withdrawn", schemaVersion: 1, data: { _tag: "Withdrawn", amount: "lots" } })
  },
  { weight: 1, arbitrary: fc.constant({ type: "Deposited", schemaVersion: 3, data: { _tag: "Deposited", amount: 1 } }) }
)

type Op =
  | { readonly _tag: "append"; readonly stream: number; readonly events: ReadonlyArray<Raw> }
  | { readonly _tag: "load"; readonly stream: number; readonly tenths: boolean }
  | { readonly _tag: "tail"; readonly stream: number; readonly from: number; readonly tenths: boolean }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    _tag: fc.constant("append" as const),
    stream: fc.integer({ min: 0, max: 1 }),
    events: fc.array(rawEvent, { minLength: 1, maxLength: 4 })
  }),
  fc.record({ _tag: fc.constant("load" as const), stream: fc.integer({ min: 0, max: 1 }), tenths: fc.boolean() }),
  fc.record({
    _tag: fc.constant("tail" as const),
    stream: fc.integer({ min: 0, max: 1 }),
    from: fc.integer({ min: 0, max: 12 }),
    tenths: fc.boolean()
  })
)

describe("decoded once per stored event and codec", () => {
  it("load and decodeAll after arbitrary appends, upcasters, invalid events and tails equal a fold over freshly decoded events", () =>
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        const { store } = Effect.runSync(InMemoryEventStore.make())
        const plain = { decider, codec }
        const asTenths = { decider, codec: tenths }
        let n = 0
        for (const o of ops) {
          const stream = `account-${o.stream}`
          if (o._tag === "append") {
            const events = o.events.map((e) => ({ ...e, eventId: `e-${n++}`, recordedAt: 0, metadata: {} }))
            Effect.runSync(store.append(stream, events, EventStore.any))
            continue
          }
          const reference = o.tenths ? freshTenths : freshCodec
          if (o._tag === "load") {
            const all = Effect.runSync(store.readStream(stream))
            const expected = freshly(reference, all)
            const loaded = Effect.runSyncExit(
              CommandHandler.load(o.tenths ? asTenths : plain, stream).pipe(
                Effect.provideService(EventStore.EventStore, store)
              )
            )
            if (Result.isSuccess(expected)) {
              assert.isTrue(Exit.isSuccess(loaded))
              if (Exit.isSuccess(loaded)) {
                assert.deepStrictEqual(loaded.value.state, Decider.fold(decider, expected.success))
                assert.strictEqual(loaded.value.version, all.length)
              }
            } else {
              assert.isTrue(Exit.isFailure(loaded))
              if (Exit.isFailure(loaded)) {
                const error = loaded.cause.reasons[0]
                assert.deepStrictEqual(
                  errorFields(error !== undefined && "error" in error ? error.error : undefined),
                  errorFields(expected.failure)
                )
              }
            }
          } else {
            const tail = Effect.runSync(store.readStream(stream, { from: o.from }))
            const expected = freshly(reference, tail)
            const decoded = EventCodec.decodeAll(o.tenths ? tenths : codec, tail)
            assert.strictEqual(Result.isSuccess(decoded), Result.isSuccess(expected))
            if (Result.isSuccess(decoded) && Result.isSuccess(expected))
              assert.deepStrictEqual(decoded.success, expected.success)
            if (Result.isFailure(decoded) && Result.isFailure(expected))
              assert.deepStrictEqual(errorFields(decoded.failure), errorFields(expected.failure))
          }
        }
      }),
      { numRuns: 300 }
    ))

  it.effect("an invalid event fails every load with the same EventDecodeError; the events before it stay decoded", () =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const raw = (id: string, type: string, schemaVersion: number, data: unknown): EventStore.EventToAppend => ({
        eventId: id,
        type,
        schemaVersion,
        recordedAt: 0,
        data,
        metadata: {}
      })
      yield* store.append(
        "account-i",
        [
          raw("i1", "Opened", 1, { _tag: "Opened", owner: "ada" }),
          raw("i2", "Deposited", 1, { _tag: "Deposited", euros: 3 })
        ],
        EventStore.noStream
      )
      assert.deepStrictEqual((yield* CommandHandler.load(account, "account-i")).state, { status: "Open", balance: 300 })
      const [before] = Result.getOrThrow(EventCodec.decodeAll(codec, yield* store.readStream("account-i")))
      yield* store.append(
        "account-i",
        [raw("i3", "Withdrawn", 1, { _tag: "Withdrawn", amount: "lots" })],
        EventStore.exact(2)
      )
      const first = yield* Effect.flip(CommandHandler.load({ decider, codec }, "account-i"))
      const second = yield* Effect.flip(CommandHandler.load({ decider, codec }, "account-i"))
      assert.deepStrictEqual(errorFields(first).slice(0, 3), ["account-i", 3, "Withdrawn"])
      assert.match(String(errorFields(first)[3]), /amount/)
      assert.deepStrictEqual(errorFields(second), errorFields(first))
      // The events before it are the ones decoded by the first load, not decoded again.
      const prefix = yield* store.readStream("account-i", { maxCount: 2 })
      const [again] = Result.getOrThrow(EventCodec.decodeAll(codec, prefix))
      assert.strictEqual(again, before)
      // A tail after the invalid event decodes: the events before a tail are not decoded for it.
      yield* store.append(
        "account-i",
        [raw("i4", "Deposited", 2, { _tag: "Deposited", amount: 7 })],
        EventStore.exact(3)
      )
      const tail = yield* store.readStream("account-i", { from: 4 })
      assert.deepStrictEqual(Result.getOrThrow(EventCodec.decodeAll(codec, tail)), [{ _tag: "Deposited", amount: 7 }])
    }).pipe(Effect.provide(InMemoryEventStore.layer))
  )
})

describe("what readers get cannot change what others read", () => {
  const append = (store: EventStore.EventStoreService) =>
    Effect.runSync(
      store.append(
        "account-m",
        [
          {
            eventId: "m1",
            type: "Opened",
            schemaVersion: 1,
            recordedAt: 0,
            data: { _tag: "Opened", owner: "ada" },
            metadata: {}
          },
          {
            eventId: "m2",
            type: "Deposited",
            schemaVersion: 2,
            recordedAt: 0,
            data: { _tag: "Deposited", amount: 5 },
            metadata: {}
          }
        ],
        EventStore.noStream
      )
    )

  it("the kept decoded events are frozen: a decider or reader that changes one throws, the next load is unchanged", () => {
    const { store } = Effect.runSync(InMemoryEventStore.make())
    append(store)
    const decoded = Result.getOrThrow(EventCodec.decodeAll(codec, Effect.runSync(store.readStream("account-m"))))
    for (const event of decoded) assert.isTrue(Object.isFrozen(event))
    assert.throws(() => {
      ;(decoded[1] as { amount: number }).amount = 1_000
    })
    // decodeAll hands out a fresh array: emptying it changes nothing kept.
    decoded.length = 0
    const loaded = Effect.runSync(
      CommandHandler.load({ decider, codec }, "account-m").pipe(Effect.provideService(EventStore.EventStore, store))
    )
    assert.deepStrictEqual(loaded.state, { status: "Open", balance: 5 })
  })

  it("a read that a reader changed is decoded as it now is, not from what was kept for the stream", () => {
    const { store } = Effect.runSync(InMemoryEventStore.make())
    append(store)
    const whole = Effect.runSync(store.readStream("account-m"))
    assert.isTrue(Result.isSuccess(EventCodec.decodeAll(codec, whole)))
    // A forward read that is not the whole stream is a fresh array: its owner may change it.
    const part = Effect.runSync(store.readStream("account-m", { from: 2 })) as Array<EventStore.RecordedEvent>
    part[0] = { ...whole[1]!, data: { _tag: "Deposited", amount: 9 } }
    assert.deepStrictEqual(Result.getOrThrow(EventCodec.decodeAll(codec, part)), [{ _tag: "Deposited", amount: 9 }])
    // And the stream itself is unchanged.
    assert.deepStrictEqual(
      Result.getOrThrow(EventCodec.decodeAll(codec, Effect.runSync(store.readStream("account-m", { from: 2 })))),
      [{ _tag: "Deposited", amount: 5 }]
    )
  })

  it("recorded data and metadata read back equal to what was appended, and frozen", () => {
    const { store } = Effect.runSync(InMemoryEventStore.make())
    append(store)
    const events = Effect.runSync(store.readStream("account-m"))
    assert.deepStrictEqual(
      events.map((e) => [e.type, e.data, e.metadata]),
      [
        ["Opened", { _tag: "Opened", owner: "ada" }, {}],
        ["Deposited", { _tag: "Deposited", amount: 5 }, {}]
      ]
    )
    for (const e of events) {
      assert.isTrue(Object.isFrozen(e) && Object.isFrozen(e.data) && Object.isFrozen(e.metadata))
      assert.throws(() => {
        ;(e.metadata as Record<string, string>)["commandId"] = "forged"
      })
    }
    assert.throws(() => (events as Array<EventStore.RecordedEvent>).push(events[0]!))
  })
})
