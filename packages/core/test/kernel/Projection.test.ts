import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer, Ref, Result } from "effect"
import * as CommandHandler from "../../src/kernel/CommandHandler.js"
import * as EventStore from "../../src/kernel/EventStore.js"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import * as Projection from "../../src/kernel/Projection.js"
import { account, codec, type Command } from "./BankAccount.js"

interface Balances {
  readonly balances: Readonly<Record<string, number>>
  readonly events: number
}

const balances = Projection.make<Balances>({
  name: "balances",
  category: "account",
  initialState: { balances: {}, events: 0 },
  evolve: (state, recorded) => {
    const decoded = codec.decode(recorded)
    if (Result.isFailure(decoded)) return state
    const event = decoded.success
    const current = state.balances[recorded.streamId] ?? 0
    const next =
      event._tag === "Deposited"
        ? current + event.amount
        : event._tag === "Withdrawn"
          ? current - event.amount
          : current
    return { balances: { ...state.balances, [recorded.streamId]: next }, events: state.events + 1 }
  }
})

const script: ReadonlyArray<readonly [string, Command]> = [
  ["account-1", { _tag: "Open", owner: "ada" }],
  ["account-2", { _tag: "Open", owner: "bob" }],
  ["account-1", { _tag: "Deposit", amount: 40 }],
  ["other-1", { _tag: "Open", owner: "not an account" }],
  ["account-2", { _tag: "Deposit", amount: 5 }],
  ["account-1", { _tag: "Withdraw", amount: 10 }]
]

const runScript = (commands: ReadonlyArray<readonly [string, Command]>, offset = 0) =>
  Effect.forEach(commands, ([stream, command], i) =>
    CommandHandler.handle(account, stream, command, { commandId: `c${offset + i}` })
  )

const expected: Balances = { balances: { "account-1": 30, "account-2": 5 }, events: 5 }

describe("projections", () => {
  it.effect("an inline projection is updated with every append (category account only)", () =>
    Effect.gen(function* () {
      yield* runScript(script)
      const inline = yield* Projection.InlineProjections
      assert.deepStrictEqual(yield* inline.get(balances), expected)
    }).pipe(Effect.provide(InMemoryEventStore.layerWithInline({ inline: [balances] })))
  )

  it.effect("an inline projection that throws aborts the append: nothing recorded, nothing projected", () =>
    Effect.gen(function* () {
      const picky = Projection.make<number>({
        name: "picky",
        initialState: 0,
        evolve: (n, e) => {
          if (e.type === "Withdrawn") throw new Error("cannot project withdrawals")
          return n + 1
        }
      })
      const { store, inline } = yield* InMemoryEventStore.make({ inline: [picky] })
      const layer = Layer.succeed(EventStore.EventStore, store)
      yield* runScript(script.slice(0, 3)).pipe(Effect.provide(layer))
      const exit = yield* Effect.exit(
        CommandHandler.handle(account, "account-1", { _tag: "Withdraw", amount: 1 }, { commandId: "w" }).pipe(
          Effect.provide(layer)
        )
      )
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(yield* store.streamVersion("account-1"), 2)
      assert.strictEqual((yield* store.readAll()).length, 3)
      assert.strictEqual(yield* inline.get(picky), 3)
    })
  )

  it.effect(
    "catch-up: restart from the checkpoint handles only new events; a rebuild from 0 gives the same read model as inline",
    () =>
      Effect.gen(function* () {
        const ref = yield* Ref.make(balances.initialState)
        let handled = 0
        const base = Projection.toRef(balances, ref)
        const counted: Projection.CatchUpProjection<never, never> = {
          ...base,
          handle: (event) =>
            Effect.andThen(
              Effect.sync(() => handled++),
              base.handle(event)
            )
        }
        yield* runScript(script.slice(0, 3))
        const first = yield* Projection.catchUp(counted, { batchSize: 2 })
        assert.strictEqual(handled, 3)
        const checkpoints = yield* Projection.CheckpointStore
        assert.strictEqual(yield* checkpoints.load("balances"), first)

        yield* runScript(script.slice(3), 3)
        yield* Projection.catchUp(counted) // a restart: resumes after its checkpoint
        assert.strictEqual(handled, 5) // 2 new account events (other-1 is another category)
        assert.deepStrictEqual(yield* Ref.get(ref), expected)

        yield* Projection.rebuild(counted)
        assert.strictEqual(handled, 10)
        assert.deepStrictEqual(yield* Ref.get(ref), expected)
        const inline = yield* Projection.InlineProjections
        assert.deepStrictEqual(yield* inline.get(balances), yield* Ref.get(ref))
      }).pipe(
        Effect.provide(
          Layer.merge(InMemoryEventStore.layerWithInline({ inline: [balances] }), Projection.memoryCheckpointStore)
        )
      )
  )

  it.effect("runLive keeps a catch-up projection up to date as events are committed", () =>
    Effect.gen(function* () {
      const ref = yield* Ref.make(balances.initialState)
      yield* runScript(script.slice(0, 2))
      const fiber = yield* Effect.forkChild(Projection.runLive(Projection.toRef(balances, ref)))
      yield* runScript(script.slice(2), 2)
      while ((yield* Ref.get(ref)).events < 5) yield* Effect.yieldNow
      assert.deepStrictEqual(yield* Ref.get(ref), expected)
      yield* Fiber.interrupt(fiber)
      const checkpoints = yield* Projection.CheckpointStore
      const store = yield* EventStore.EventStore
      const lastAccountEvent = (yield* store.readCategory("account")).at(-1)
      assert.strictEqual(yield* checkpoints.load("balances"), lastAccountEvent?.position)
    }).pipe(Effect.provide(Layer.merge(InMemoryEventStore.layer, Projection.memoryCheckpointStore)))
  )
})

describe("catch-up projections and undecodable events (issue 12)", () => {
  const decoding = (seen: Array<number>): Projection.CatchUpProjection<unknown, never> => ({
    name: "decoding",
    handle: (event) => {
      const decoded = codec.decode(event)
      return Result.isFailure(decoded) ? Effect.fail(decoded.failure) : Effect.sync(() => void seen.push(event.version))
    },
    reset: Effect.void
  })
  const setup = Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    yield* store.append(
      "acc-1",
      [
        {
          eventId: "a",
          type: "Opened",
          schemaVersion: 1,
          recordedAt: 0,
          data: { _tag: "Opened", owner: "ada" },
          metadata: {}
        }
      ],
      EventStore.noStream
    )
    yield* store.append(
      "acc-1",
      [{ eventId: "b", type: "Deposited", schemaVersion: 9, recordedAt: 0, data: {}, metadata: {} }],
      EventStore.exact(1)
    )
    yield* store.append(
      "acc-1",
      [{ eventId: "c", type: "Closed", schemaVersion: 1, recordedAt: 0, data: { _tag: "Closed" }, metadata: {} }],
      EventStore.exact(2)
    )
  })

  it.effect("stop (default): the EventDecodeError, the checkpoint before the event", () =>
    Effect.gen(function* () {
      yield* setup
      const seen: Array<number> = []
      const error = yield* Effect.flip(Projection.catchUp(decoding(seen), { batchSize: 1 }))
      assert.strictEqual((error as { _tag: string })._tag, "EventDecodeError")
      assert.deepStrictEqual(seen, [1])
      const checkpoints = yield* Projection.CheckpointStore
      assert.strictEqual(yield* checkpoints.load("decoding"), 1)
    }).pipe(Effect.provide(Layer.merge(InMemoryEventStore.layer, Projection.memoryCheckpointStore)))
  )

  it.effect(
    "park: the event is recorded as parked (position, stream, version, event id, reason) and the projection goes on",
    () =>
      Effect.gen(function* () {
        yield* setup
        const seen: Array<number> = []
        const done = yield* Projection.catchUp(decoding(seen), { batchSize: 10, onUnreadable: "park" })
        assert.strictEqual(done, 3)
        assert.deepStrictEqual(seen, [1, 3])
        const checkpoints = yield* Projection.CheckpointStore
        const parked = yield* checkpoints.parked!("decoding")
        assert.strictEqual(parked.length, 1)
        assert.deepStrictEqual(
          [parked[0]!.position, parked[0]!.stream, parked[0]!.version, parked[0]!.eventId],
          [2, "acc-1", 2, "b"]
        )
        assert.match(parked[0]!.reason, /schema version 9/)
      }).pipe(Effect.provide(Layer.merge(InMemoryEventStore.layer, Projection.memoryCheckpointStore)))
  )
})

describe("live projections and undecodable events (issue 12): runLive offers catchUp's choice", () => {
  const decoding = (name: string, seen: Array<string>): Projection.CatchUpProjection<unknown, never> => ({
    name,
    handle: (event) => {
      const decoded = codec.decode(event)
      return Result.isFailure(decoded) ? Effect.fail(decoded.failure) : Effect.sync(() => void seen.push(event.eventId))
    },
    reset: Effect.void
  })
  const opened = (eventId: string): EventStore.EventToAppend => ({
    eventId,
    type: "Opened",
    schemaVersion: 1,
    recordedAt: 0,
    data: { _tag: "Opened", owner: "ada" },
    metadata: {}
  })
  const unknownVersion = (eventId: string): EventStore.EventToAppend => ({
    eventId,
    type: "Deposited",
    schemaVersion: 9,
    recordedAt: 0,
    data: {},
    metadata: {}
  })
  // it.effect runs on the TestClock: wait by yielding to the projection's fiber, a bounded number of times.
  const until = (done: () => boolean) =>
    Effect.gen(function* () {
      for (let i = 0; i < 10_000 && !done(); i++) yield* Effect.yieldNow
      assert.ok(done(), "the live projection did not get there")
    })
  const layer = Layer.merge(InMemoryEventStore.layer, Projection.memoryCheckpointStore)

  it.effect(
    "given a recorded event that does not decode, when runLive runs with the default, then it stops with the EventDecodeError, the checkpoint before the event, as catchUp does",
    () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        yield* store.append("acc-1", [opened("a"), unknownVersion("b"), opened("c")], EventStore.noStream)
        const seen: Array<string> = []
        const live = yield* Effect.flip(Projection.runLive(decoding("live", seen)))
        const caught = yield* Effect.flip(Projection.catchUp(decoding("caught", []), { batchSize: 1 }))
        assert.strictEqual((live as { _tag: string })._tag, "EventDecodeError")
        assert.deepStrictEqual(live, caught)
        assert.deepStrictEqual(seen, ["a"])
        const checkpoints = yield* Projection.CheckpointStore
        assert.strictEqual(yield* checkpoints.load("live"), 1)
        assert.strictEqual(yield* checkpoints.load("caught"), 1)
        assert.deepStrictEqual(yield* checkpoints.parked!("live"), [])
      }).pipe(Effect.provide(layer))
  )

  it.effect(
    "given events that do not decode, recorded before and while runLive runs with park, then each is parked with catchUp's record, the checkpoint moves past it and the projection keeps up",
    () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const checkpoints = yield* Projection.CheckpointStore
        yield* store.append("acc-1", [opened("a"), unknownVersion("b"), opened("c")], EventStore.noStream)
        const seen: Array<string> = []
        const fiber = yield* Effect.forkChild(Projection.runLive(decoding("live", seen), { onUnreadable: "park" }))
        yield* until(() => seen.length === 2)
        assert.deepStrictEqual(seen, ["a", "c"])
        // Committed while it runs: another bad event, then a good one.
        yield* store.append("acc-2", [unknownVersion("d"), opened("e")], EventStore.noStream)
        yield* until(() => seen.length === 3)
        assert.deepStrictEqual(seen, ["a", "c", "e"])
        assert.strictEqual(yield* checkpoints.load("live"), 5)
        const parked = yield* checkpoints.parked!("live")
        assert.deepStrictEqual(
          parked.map((p) => [p.position, p.stream, p.version, p.eventId, p.field]),
          [
            [2, "acc-1", 2, "b", "data"],
            [4, "acc-2", 1, "d", "data"]
          ]
        )
        assert.match(parked[0]!.reason, /schema version 9/)
        // The same records as catchUp's for the same events.
        yield* Projection.catchUp(decoding("caught", []), { onUnreadable: "park" })
        assert.deepStrictEqual(yield* checkpoints.parked!("caught"), parked)
        // Still live.
        yield* store.append("acc-3", [opened("f")], EventStore.noStream)
        yield* until(() => seen.length === 4)
        yield* Fiber.interrupt(fiber)
        assert.deepStrictEqual(seen, ["a", "c", "e", "f"])
      }).pipe(Effect.provide(layer))
  )

  it.effect(
    "given a checkpoint store without park, when runLive is asked to park, then it stops as with the default (as catchUp does)",
    () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        yield* store.append("acc-1", [opened("a"), unknownVersion("b")], EventStore.noStream)
        const seen: Array<string> = []
        const error = yield* Effect.flip(Projection.runLive(decoding("live", seen), { onUnreadable: "park" }))
        assert.strictEqual((error as { _tag: string })._tag, "EventDecodeError")
        assert.deepStrictEqual(seen, ["a"])
      }).pipe(
        Effect.provide(
          Layer.merge(
            InMemoryEventStore.layer,
            Layer.effect(
              Projection.CheckpointStore,
              Effect.map(Projection.makeMemoryCheckpointStore, ({ load, save }) => ({ load, save }))
            )
          )
        )
      )
  )
})
