import { assert, describe, it } from "@effect/vitest"
import { Effect, Result } from "effect"
import * as CommandHandler from "../../src/kernel/CommandHandler.js"
import * as EventCodec from "../../src/kernel/EventCodec.js"
import * as EventStore from "../../src/kernel/EventStore.js"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import { account, codec, Event } from "./BankAccount.js"

const raw = (eventId: string, type: string, schemaVersion: number, data: unknown): EventStore.EventToAppend => ({
  eventId,
  type,
  schemaVersion,
  recordedAt: 0,
  data,
  metadata: {}
})

describe("schema evolution and decode errors", () => {
  it.effect("a v1 event (whole euros) is upcast and read as v2 (cents)", () =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      yield* store.append(
        "account-old",
        [
          raw("o1", "Opened", 1, { _tag: "Opened", owner: "ada" }),
          raw("o2", "Deposited", 1, { _tag: "Deposited", euros: 12 }),
          raw("o3", "Deposited", 2, { _tag: "Deposited", amount: 5 })
        ],
        EventStore.noStream
      )
      const loaded = yield* CommandHandler.load(account, "account-old")
      assert.deepStrictEqual(loaded.state, { status: "Open", balance: 1205 })
      const [, v1] = yield* store.readStream("account-old")
      assert.deepStrictEqual(codec.decode(v1!), Result.succeed({ _tag: "Deposited", amount: 1200 }))
      // New events are written at the current version.
      assert.deepStrictEqual(
        codec.encode({ _tag: "Deposited", amount: 3 }),
        Result.succeed({
          type: "Deposited",
          schemaVersion: 2,
          data: { _tag: "Deposited", amount: 3 }
        })
      )
    }).pipe(Effect.provide(InMemoryEventStore.layer))
  )

  it.effect(
    "an undecodable event yields EventDecodeError naming stream, version and type; other streams read fine",
    () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        yield* store.append(
          "account-bad",
          [
            raw("b1", "Opened", 1, { _tag: "Opened", owner: "ada" }),
            raw("b2", "Withdrawn", 1, { _tag: "Withdrawn", amount: "lots" })
          ],
          EventStore.noStream
        )
        yield* CommandHandler.handle(account, "account-good", { _tag: "Open", owner: "bob" }, { commandId: "g1" })
        const error = yield* Effect.flip(CommandHandler.load(account, "account-bad"))
        assert.instanceOf(error, EventCodec.EventDecodeError)
        assert.strictEqual(error._tag, "EventDecodeError")
        if (error._tag === "EventDecodeError") {
          assert.strictEqual(error.stream, "account-bad")
          assert.strictEqual(error.version, 2)
          assert.strictEqual(error.type, "Withdrawn")
          assert.match(error.message, /Withdrawn at version 2 of stream "account-bad"/)
        }
        // Commands on the bad stream fail with the same typed error, not a defect.
        const handled = yield* Effect.flip(
          CommandHandler.handle(account, "account-bad", { _tag: "Deposit", amount: 1 }, { commandId: "x" })
        )
        assert.strictEqual(handled._tag, "EventDecodeError")
        const good = yield* CommandHandler.load(account, "account-good")
        assert.deepStrictEqual(good.state, { status: "Open", balance: 0 })
      }).pipe(Effect.provide(InMemoryEventStore.layer))
  )

  it("a version newer than known, a missing upcaster, a throwing upcaster, a type mismatch: each a typed error", () => {
    const recorded = (type: string, schemaVersion: number, data: unknown): EventStore.RecordedEvent => ({
      ...raw("r", type, schemaVersion, data),
      streamId: "s-1",
      version: 4,
      position: 9
    })
    const reason = (r: Result.Result<unknown, EventCodec.EventDecodeError>) =>
      Result.isFailure(r) ? r.failure.reason : "decoded"
    assert.match(reason(codec.decode(recorded("Deposited", 3, { _tag: "Deposited", amount: 1 }))), /newer/)
    const noUpcaster = EventCodec.make({ schema: Event, versions: { Deposited: 3 } })
    assert.match(
      reason(noUpcaster.decode(recorded("Deposited", 2, { _tag: "Deposited", amount: 1 }))),
      /no upcaster from schema version 2 to 3/
    )
    assert.match(reason(codec.decode(recorded("Opened", 1, { _tag: "Deposited", amount: 1 }))), /envelope says Opened/)
    assert.match(reason(codec.decode(recorded("Deposited", 1, null))), /upcaster from schema version 1 failed/)
    assert.match(reason(codec.decode(recorded("Deposited", 0, {}))), /invalid schema version/)
  })
})

describe("decode once", () => {
  const recorded = (data: unknown): EventStore.RecordedEvent => ({
    streamId: "account-9",
    version: 1,
    position: 1,
    eventId: "d-1",
    type: "Deposited",
    schemaVersion: 2,
    recordedAt: 0,
    data,
    metadata: {}
  })

  it("a frozen recorded event (the in-memory store's) is decoded once: the same frozen event every time", () => {
    const frozen = Object.freeze(recorded(Object.freeze({ _tag: "Deposited", amount: 150 })))
    const first = codec.decode(frozen)
    const second = codec.decode(frozen)
    assert.isTrue(Result.isSuccess(first) && Result.isSuccess(second))
    if (Result.isSuccess(first) && Result.isSuccess(second)) {
      assert.strictEqual(second.success, first.success)
      assert.deepStrictEqual(first.success, { _tag: "Deposited", amount: 150 })
      assert.isTrue(Object.isFrozen(first.success))
    }
  })

  it("a recorded event that is not frozen (a SQL row) is decoded afresh: a change to it is seen", () => {
    const row = recorded({ _tag: "Deposited", amount: 150 })
    assert.deepStrictEqual(Result.getOrThrow(codec.decode(row)), { _tag: "Deposited", amount: 150 })
    ;(row as { data: unknown }).data = { _tag: "Deposited", amount: 200 }
    assert.deepStrictEqual(Result.getOrThrow(codec.decode(row)), { _tag: "Deposited", amount: 200 })
  })

  it("a failure is not kept: the same frozen event fails every time with the same error", () => {
    const bad = Object.freeze(recorded(Object.freeze({ _tag: "Deposited", amount: "a lot" })))
    const first = codec.decode(bad)
    const second = codec.decode(bad)
    assert.isTrue(Result.isFailure(first) && Result.isFailure(second))
    if (Result.isFailure(first) && Result.isFailure(second))
      assert.strictEqual(second.failure.reason, first.failure.reason)
  })
})
