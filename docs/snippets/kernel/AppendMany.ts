import assert from "node:assert/strict"
import { CommandHandler, EventCodec, EventStore, InMemoryEventStore } from "@soltrace/core"
import { Effect, Result, Schema } from "effect"

// A tiny counter aggregate: Add n, refused below zero.
const Event = Schema.Union([Schema.TaggedStruct("Added", { n: Schema.Int })])
type Event = typeof Event.Type
const counter: CommandHandler.Aggregate<{ readonly n: number }, Event, number, string> = {
  decider: {
    initialState: 0,
    decide: (command, total) =>
      total + command.n < 0 ? Result.fail("below zero") : Result.succeed([{ _tag: "Added", n: command.n }]),
    evolve: (total, event) => total + event.n,
    isTerminal: () => false
  },
  codec: EventCodec.make({ schema: Event })
}

// Move n from one counter to another: both decided once, appended atomically, retried on conflict.
const move = (n: number, commandId: string) =>
  CommandHandler.retrying(
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const from = yield* CommandHandler.load(counter, "counter-a")
      const to = yield* CommandHandler.load(counter, "counter-b")
      const taken = yield* CommandHandler.decideOn(counter, from, { n: -n })
      const given = yield* CommandHandler.decideOn(counter, to, { n })
      return yield* store.appendMany([
        yield* CommandHandler.toAppend(counter, "counter-a", from, taken, { commandId: `${commandId}:a` }),
        yield* CommandHandler.toAppend(counter, "counter-b", to, given, { commandId: `${commandId}:b` })
      ])
    })
  )

const program = Effect.gen(function* () {
  yield* CommandHandler.handle(counter, "counter-a", { n: 5 }, { commandId: "fill" })
  const [a, b] = yield* move(3, "move-1")
  assert.deepStrictEqual([a!.version, b!.version, a!.duplicate], [2, 1, false])
  // Refused on one side: nothing recorded on either.
  assert.equal(yield* Effect.flip(move(9, "move-2")), "below zero")
  assert.equal((yield* CommandHandler.load(counter, "counter-b")).state, 3)
  // The caller saw version 1 of counter-a; it is at 2: refused without deciding.
  const stale = yield* Effect.flip(
    CommandHandler.handle(counter, "counter-a", { n: 1 }, { commandId: "late" }, { expectedVersion: 1 })
  )
  assert.ok(stale instanceof EventStore.WrongExpectedVersion)
})

await Effect.runPromise(program.pipe(Effect.provide(InMemoryEventStore.layer)))
