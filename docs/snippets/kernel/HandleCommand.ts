import assert from "node:assert/strict"
import { CommandHandler, EventCodec, EventStore, InMemoryEventStore } from "@soltrace/core"
import { Effect, Result, Schema } from "effect"

const Event = Schema.Union([Schema.TaggedStruct("Incremented", { by: Schema.Int })])
class TooMuch extends Schema.TaggedError<TooMuch>()("TooMuch", { total: Schema.Int }) {}

const counter: CommandHandler.Aggregate<{ readonly by: number }, typeof Event.Type, number, TooMuch> = {
  decider: {
    initialState: 0,
    decide: (command, total) =>
      total + command.by > 10
        ? Result.fail(new TooMuch({ total }))
        : Result.succeed([{ _tag: "Incremented", by: command.by }]),
    evolve: (total, event) => total + event.by,
    isTerminal: () => false
  },
  codec: EventCodec.make({ schema: Event })
}

const program = Effect.gen(function* () {
  const first = yield* CommandHandler.handle(counter, "counter-1", { by: 4 }, { commandId: "cmd-1", actor: "ada" })
  assert.deepStrictEqual([first.state, first.version], [4, 1])

  // The same command again (e.g. a client retry after a timeout): nothing is recorded.
  const again = yield* CommandHandler.handle(counter, "counter-1", { by: 4 }, { commandId: "cmd-1", actor: "ada" })
  assert.equal(again.duplicate, true)
  assert.deepStrictEqual(again.events, first.events)

  // A business "no" is the decider's typed error, in the error channel.
  const refusal = yield* Effect.flip(CommandHandler.handle(counter, "counter-1", { by: 7 }, { commandId: "cmd-2" }))
  assert.equal(refusal._tag, "TooMuch")

  // What was recorded: one event, with an id derived from the command id.
  const store = yield* EventStore.EventStore
  const recorded = yield* store.readStream("counter-1")
  assert.deepStrictEqual(
    recorded.map((e) => [e.version, e.eventId, e.type, e.metadata.actor]),
    [[1, "cmd-1:0", "Incremented", "ada"]]
  )
})

await Effect.runPromise(program.pipe(Effect.provide(InMemoryEventStore.layer)))
