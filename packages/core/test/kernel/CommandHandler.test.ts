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

describe("CommandHandler primitives (issue 12): load, decideOn, toAppend, retrying, expectedVersion", () => {
  it.effect("a use case spanning two streams decides each once and appends both atomically with appendMany", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(1_767_225_600_000)
      const store = yield* EventStore.EventStore
      yield* CommandHandler.handle(account, "account-1", { _tag: "Open", owner: "ada" }, { commandId: "o1" })
      yield* CommandHandler.handle(account, "account-1", { _tag: "Deposit", amount: 10 }, { commandId: "d1" })
      yield* CommandHandler.handle(account, "account-2", { _tag: "Open", owner: "bob" }, { commandId: "o2" })
      const transfer = (amount: number, commandId: string) =>
        CommandHandler.retrying(
          Effect.gen(function* () {
            const from = yield* CommandHandler.load(account, "account-1")
            const to = yield* CommandHandler.load(account, "account-2")
            const debit = yield* CommandHandler.decideOn(account, from, { _tag: "Withdraw", amount })
            const credit = yield* CommandHandler.decideOn(account, to, { _tag: "Deposit", amount })
            return yield* store.appendMany([
              yield* CommandHandler.toAppend(account, "account-1", from, debit, { commandId: `${commandId}:from` }),
              yield* CommandHandler.toAppend(account, "account-2", to, credit, { commandId: `${commandId}:to` })
            ])
          })
        )
      const [debited, credited] = yield* transfer(4, "t1")
      assert.deepStrictEqual([debited?.version, credited?.version], [3, 2])
      assert.strictEqual(credited?.events[0]?.eventId, "t1:to:0")
      assert.strictEqual(credited?.events[0]?.recordedAt, 1_767_225_600_000)
      assert.deepStrictEqual(credited?.events[0]?.metadata, {
        commandId: "t1:to",
        causationId: "t1:to",
        correlationId: "t1:to"
      })
      // A refusal on one side (insufficient funds) records nothing on either side.
      const refused = yield* Effect.flip(transfer(100, "t2"))
      assert.strictEqual(refused._tag, "AccountError")
      assert.strictEqual(yield* store.streamVersion("account-1"), 3)
      assert.strictEqual(yield* store.streamVersion("account-2"), 2)
      // Retrying the same transfer is an idempotent repeat on both streams.
      const again = yield* store.appendMany([
        { stream: "account-1", events: debited!.events, expected: EventStore.any },
        { stream: "account-2", events: credited!.events, expected: EventStore.any }
      ])
      assert.deepStrictEqual(
        again.map((r) => r.duplicate),
        [true, true]
      )
      assert.strictEqual((yield* CommandHandler.load(account, "account-2")).state.balance, 4)
    }).pipe(Effect.provide(InMemoryEventStore.layer))
  )

  it.effect("toAppend expects the exact loaded version: a stream moved meanwhile makes appendMany fail whole", () =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      yield* CommandHandler.handle(account, "a-1", { _tag: "Open", owner: "ada" }, { commandId: "o1" })
      yield* CommandHandler.handle(account, "a-2", { _tag: "Open", owner: "bob" }, { commandId: "o2" })
      const one = yield* CommandHandler.load(account, "a-1")
      const two = yield* CommandHandler.load(account, "a-2")
      const writeOne = yield* CommandHandler.toAppend(account, "a-1", one, [{ _tag: "Deposited", amount: 1 }], {
        commandId: "x"
      })
      const writeTwo = yield* CommandHandler.toAppend(account, "a-2", two, [{ _tag: "Deposited", amount: 1 }], {
        commandId: "y"
      })
      assert.deepStrictEqual(writeTwo.expected, EventStore.exact(1))
      yield* CommandHandler.handle(account, "a-2", { _tag: "Deposit", amount: 3 }, { commandId: "moved" })
      const error = yield* Effect.flip(store.appendMany([writeOne, writeTwo]))
      assert.ok(error instanceof EventStore.WrongExpectedVersion)
      assert.strictEqual(error.stream, "a-2")
      assert.strictEqual(yield* store.streamVersion("a-1"), 1)
    }).pipe(Effect.provide(InMemoryEventStore.layer))
  )

  it.effect(
    "handle with expectedVersion refuses with WrongExpectedVersion, without deciding, when the stream has moved",
    () =>
      Effect.gen(function* () {
        const { store } = yield* InMemoryEventStore.make()
        let decisions = 0
        const counting: typeof account = {
          ...account,
          decider: {
            ...account.decider,
            decide: (command, state) => {
              decisions++
              return account.decider.decide(command, state)
            }
          }
        }
        const layer = Layer.succeed(EventStore.EventStore, store)
        const handle = (
          command: Parameters<typeof account.decider.decide>[0],
          commandId: string,
          expectedVersion?: number
        ) =>
          CommandHandler.handle(counting, "acc-1", command, { commandId }, { expectedVersion }).pipe(
            Effect.provide(layer)
          )
        yield* handle({ _tag: "Open", owner: "ada" }, "o", 0)
        yield* handle({ _tag: "Deposit", amount: 5 }, "d1", 1)
        assert.strictEqual(decisions, 2)
        // The caller saw version 1; the stream is at 2 now.
        const error = yield* Effect.flip(handle({ _tag: "Deposit", amount: 5 }, "d2", 1))
        assert.ok(error instanceof EventStore.WrongExpectedVersion)
        assert.deepStrictEqual(error.expected, EventStore.exact(1))
        assert.strictEqual(error.actual, 2)
        assert.strictEqual(decisions, 2)
        assert.strictEqual(yield* store.streamVersion("acc-1"), 2)
        // A repeat of a recorded command with its old If-Match is still a duplicate, not a conflict.
        const repeat = yield* handle({ _tag: "Deposit", amount: 5 }, "d1", 1)
        assert.isTrue(repeat.duplicate)
        // A version that is not a non-negative integer is a typed error.
        const bad = yield* Effect.flip(handle({ _tag: "Deposit", amount: 5 }, "d3", 1.5))
        assert.ok(bad instanceof EventStore.InvalidArgument)
        assert.strictEqual(bad.field, "expectedVersion")
      })
  )

  it.effect(
    "four handlers of one command id racing: one event recorded, every caller whose command was already recorded gets duplicate: true",
    () =>
      Effect.gen(function* () {
        const { store } = yield* InMemoryEventStore.make()
        yield* CommandHandler.handle(account, "acc-1", { _tag: "Open", owner: "ada" }, open).pipe(
          Effect.provide(Layer.succeed(EventStore.EventStore, store))
        )
        // All four load before any appends (the race the issue saw on PostgreSQL in 68 of 100 rounds).
        const allLoaded = yield* Deferred.make<void>()
        let reads = 0
        const racing: EventStore.EventStoreService = {
          ...store,
          readStream: (stream, options) =>
            Effect.gen(function* () {
              const events = yield* store.readStream(stream, options)
              reads++
              if (reads === 4) yield* Deferred.succeed(allLoaded, undefined)
              if (reads <= 4) yield* Deferred.await(allLoaded)
              return events
            })
        }
        const results = yield* Effect.forEach(
          [0, 1, 2, 3],
          () =>
            CommandHandler.handle(account, "acc-1", { _tag: "Deposit", amount: 7 }, { commandId: "same" }).pipe(
              Effect.provide(Layer.succeed(EventStore.EventStore, racing))
            ),
          { concurrency: "unbounded" }
        )
        assert.deepStrictEqual(results.map((r) => r.duplicate).sort(), [false, true, true, true])
        for (const r of results) {
          assert.deepStrictEqual(r.events, [{ _tag: "Deposited", amount: 7 }])
          assert.strictEqual(r.version, 2)
          assert.deepStrictEqual(r.state, { status: "Open", balance: 7 })
        }
        assert.strictEqual(yield* store.streamVersion("acc-1"), 2)
      })
  )

  it.effect(
    "a retryable backend error (deadlock, serialisation failure) is retried like a version conflict; others are not",
    () =>
      Effect.gen(function* () {
        const { store } = yield* InMemoryEventStore.make()
        let appends = 0
        const flaky: EventStore.EventStoreService = {
          ...store,
          append: (stream, events, expected) =>
            Effect.suspend(() => {
              appends++
              return appends === 1
                ? Effect.fail(
                    new EventStore.TransactionConflict({
                      operation: "append",
                      kind: "deadlock",
                      sqlstate: "40P01",
                      serverMessage: "deadlock detected"
                    })
                  )
                : store.append(stream, events, expected)
            })
        }
        const handled = yield* CommandHandler.handle(account, "acc-1", { _tag: "Open", owner: "ada" }, open).pipe(
          Effect.provide(Layer.succeed(EventStore.EventStore, flaky))
        )
        assert.strictEqual(handled.version, 1)
        assert.strictEqual(appends, 2)
        let timeouts = 0
        const slow: EventStore.EventStoreService = {
          ...store,
          append: () =>
            Effect.suspend(() => {
              timeouts++
              return Effect.fail(
                new EventStore.StatementTimeout({
                  operation: "append",
                  sqlstate: "57014",
                  serverMessage: "canceling statement due to statement timeout"
                })
              )
            })
        }
        const error = yield* Effect.flip(
          CommandHandler.handle(account, "acc-1", { _tag: "Deposit", amount: 1 }, { commandId: "d" }).pipe(
            Effect.provide(Layer.succeed(EventStore.EventStore, slow))
          )
        )
        assert.strictEqual(error._tag, "StatementTimeout")
        assert.strictEqual(timeouts, 1)
      })
  )
})
