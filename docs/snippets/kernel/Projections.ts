import assert from "node:assert/strict"
import { EventStore, InMemoryEventStore, Projection } from "@soltrace/core"
import { Effect, Layer, Ref } from "effect"

// A pure projection: how many events each stream of the "note" category has.
const counts = Projection.make<Readonly<Record<string, number>>>({
  name: "note-counts",
  category: "note",
  initialState: {},
  evolve: (state, event) => ({ ...state, [event.streamId]: (state[event.streamId] ?? 0) + 1 })
})

const event = (eventId: string): EventStore.EventToAppend => ({
  eventId,
  type: "Noted",
  schemaVersion: 1,
  recordedAt: 0,
  data: {},
  metadata: {}
})

const program = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  yield* store.append("note-1", [event("a"), event("b")], EventStore.noStream)
  yield* store.append("task-1", [event("c")], EventStore.noStream)

  // Inline: updated in the same step as each append.
  const inline = yield* Projection.InlineProjections
  assert.deepStrictEqual(yield* inline.get(counts), { "note-1": 2 })

  // Catch-up: run it, append more, run it again: it resumes after its checkpoint.
  const readModel = yield* Ref.make(counts.initialState)
  const catchUp = Projection.toRef(counts, readModel)
  yield* Projection.catchUp(catchUp)
  yield* store.append("note-2", [event("d")], EventStore.noStream)
  const checkpoint = yield* Projection.catchUp(catchUp)
  assert.equal(checkpoint, 4)
  assert.deepStrictEqual(yield* Ref.get(readModel), { "note-1": 2, "note-2": 1 })

  // Rebuilding from position 0 gives the same read model, equal to the inline one.
  yield* Projection.rebuild(catchUp)
  assert.deepStrictEqual(yield* Ref.get(readModel), yield* inline.get(counts))
})

await Effect.runPromise(
  program.pipe(
    Effect.provide(
      Layer.merge(InMemoryEventStore.layerWithInline({ inline: [counts] }), Projection.memoryCheckpointStore)
    )
  )
)
