import assert from "node:assert/strict"
import { CommandHandler, EventCodec, InMemoryEventStore, Snapshot } from "@soltrace/core"
import { Effect, Layer, Result, Schema } from "effect"

const Event = Schema.Union([Schema.TaggedStruct("Incremented", { by: Schema.Int })])

const counter: CommandHandler.Aggregate<{ readonly by: number }, typeof Event.Type, number, never> = {
  decider: {
    initialState: 0,
    decide: (command) => Result.succeed([{ _tag: "Incremented", by: command.by }]),
    evolve: (total, event) => total + event.by,
    isTerminal: () => false
  },
  codec: EventCodec.make({ schema: Event }),
  // Change evolveVersion whenever evolve or the state changes: older snapshots are then ignored.
  snapshot: { evolveVersion: "counter-1", schema: Schema.Int, every: 2 }
}

const program = Effect.gen(function* () {
  for (let i = 1; i <= 5; i++) {
    yield* CommandHandler.handle(counter, "counter-1", { by: i }, { commandId: `cmd-${i}` })
  }
  const loaded = yield* CommandHandler.load(counter, "counter-1")
  // The snapshot taken at version 4 plus the one event after it: the state of a full replay.
  assert.deepStrictEqual([loaded.snapshotVersion, loaded.tail.length, loaded.state], [4, 1, 15])
  const replayed = yield* CommandHandler.load({ ...counter, snapshot: undefined }, "counter-1")
  assert.equal(replayed.state, loaded.state)
})

await Effect.runPromise(program.pipe(Effect.provide(Layer.merge(InMemoryEventStore.layer, Snapshot.layerMemory))))
