import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Layer, Schedule } from "effect"
import * as TestClock from "effect/testing/TestClock"
import * as CommandHandler from "../../src/kernel/CommandHandler.js"
import * as EventStore from "../../src/kernel/EventStore.js"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import { account } from "./BankAccount.js"

const open = { commandId: "cmd-open" }

describe("CommandHandler.handle", () => {
  it.effect("loads, decides, appends; recordedAt comes from the Clock; ids derive from the command id", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(1_767_225_600_000)
      const opened = yield* CommandHandler.handle(account, "account-1", { _tag: "Open", owner: "ada" }, open)
      assert.deepStrictEqual(opened.events, [{ _tag: "Opened", owner: "ada" }])
      assert.strictEqual(opened.version, 1)
      yield* TestClock.adjust("1 hour")
      const deposited = yield* CommandHandler.handle(
        account,
        "account-1",
        { _tag: "Deposit", amount: 250 },
        { commandId: "cmd-2", correlationId: "conv-9", actor: "teller" }
      )
      assert.deepStrictEqual(deposited.state, { status: "Open", balance: 250 })
      assert.strictEqual(deposited.version, 2)
      const store = yield* EventStore.EventStore
      const [e1, e2] = yield* store.readStream("account-1")
      assert.strictEqual(e1?.recordedAt, 1_767_225_600_000)
      assert.strictEqual(e2?.recordedAt, 1_767_225_600_000 + 3_600_000)
      assert.strictEqual(e2?.eventId, "cmd-2:0")
      assert.strictEqual(e2?.type, "Deposited")
      assert.strictEqual(e2?.schemaVersion, 2)
      assert.deepStrictEqual(e2?.metadata, {
        commandId: "cmd-2",
        causationId: "cmd-2",
        correlationId: "conv-9",
        actor: "teller"
      })
    }).pipe(Effect.provide(InMemoryEventStore.layer))
  )

  it.effect("a domain refusal is the decider's typed error in the error channel, and records nothing", () =>
    Effect.gen(function* () {
      yield* CommandHandler.handle(account, "account-1", { _tag: "Open", owner: "ada" }, open)
      const error = yield* Effect.flip(
        CommandHandler.handle(account, "account-1", { _tag: "Withdraw", amount: 1 }, { commandId: "c2" })
      )
      assert.strictEqual(error._tag, "AccountError")
      assert.strictEqual(error._tag === "AccountError" ? error.reason : undefined, "InsufficientFunds")
      const store = yield* EventStore.EventStore
      assert.strictEqual(yield* store.streamVersion("account-1"), 1)
    }).pipe(Effect.provide(InMemoryEventStore.layer))
  )

  it.effect("retrying an already-handled command records nothing and returns its original events", () =>
    Effect.gen(function* () {
      yield* CommandHandler.handle(account, "account-1", { _tag: "Open", owner: "ada" }, open)
      const first = yield* CommandHandler.handle(
        account,
        "account-1",
        { _tag: "Deposit", amount: 5 },
        { commandId: "d" }
      )
      yield* CommandHandler.handle(account, "account-1", { _tag: "Deposit", amount: 7 }, { commandId: "e" })
      const again = yield* CommandHandler.handle(
        account,
        "account-1",
        { _tag: "Deposit", amount: 5 },
        { commandId: "d" }
      )
      assert.isTrue(again.duplicate)
      assert.deepStrictEqual(again.events, first.events)
      assert.deepStrictEqual(again.recorded, first.recorded)
      assert.deepStrictEqual(again.state, { status: "Open", balance: 12 })
      const store = yield* EventStore.EventStore
      assert.strictEqual(yield* store.streamVersion("account-1"), 3)
    }).pipe(Effect.provide(InMemoryEventStore.layer))
  )

  it.effect("two fibers racing on one stream both succeed after a retry, with contiguous versions", () =>
    Effect.gen(function* () {
      const { store } = yield* InMemoryEventStore.make()
      // Hold the first two loads until both happened, so both fibers decide on the same version.
      const bothLoaded = yield* Deferred.make<void>()
      let reads = 0
      const racing: EventStore.EventStoreService = {
        ...store,
        readStream: (stream, options) =>
          Effect.gen(function* () {
            const events = yield* store.readStream(stream, options)
            reads++
            if (reads === 3) yield* Deferred.succeed(bothLoaded, undefined)
            if (reads === 2 || reads === 3) yield* Deferred.await(bothLoaded)
            return events
          })
      }
      const layer = Layer.succeed(EventStore.EventStore, racing)
      yield* CommandHandler.handle(account, "account-1", { _tag: "Open", owner: "ada" }, open).pipe(
        Effect.provide(layer)
      )
      const results = yield* Effect.forEach(
        [10, 20],
        (amount) =>
          CommandHandler.handle(account, "account-1", { _tag: "Deposit", amount }, { commandId: `dep-${amount}` }).pipe(
            Effect.provide(layer)
          ),
        { concurrency: "unbounded" }
      )
      assert.deepStrictEqual(results.map((r) => r.version).sort(), [2, 3])
      assert.strictEqual(reads, 4) // open + two racing loads + one reload after the conflict
      const events = yield* store.readStream("account-1")
      assert.deepStrictEqual(
        events.map((e) => e.version),
        [1, 2, 3]
      )
      assert.deepStrictEqual(
        events
          .map((e) => e.eventId)
          .slice(1)
          .sort(),
        ["dep-10:0", "dep-20:0"]
      )
      assert.strictEqual(Math.max(...results.map((r) => r.state.balance)), 30)
    })
  )

  it.effect("when the retry schedule is exhausted, the last WrongExpectedVersion is returned", () =>
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
        CommandHandler.handle(account, "account-1", { _tag: "Open", owner: "ada" }, open, {
          retry: Schedule.recurs(2)
        }).pipe(Effect.provide(Layer.succeed(EventStore.EventStore, alwaysBehind)))
      )
      assert.strictEqual(error._tag, "WrongExpectedVersion")
      assert.strictEqual(appends, 3)
    })
  )
})
