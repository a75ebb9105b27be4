import assert from "node:assert/strict"
import { EventStore, InMemoryEventStore } from "@soltrace/core"
import { Effect, Stream } from "effect"

const event = (eventId: string): EventStore.EventToAppend => ({
  eventId,
  type: "Noted",
  schemaVersion: 1,
  recordedAt: 0,
  data: { _tag: "Noted" },
  metadata: { commandId: eventId }
})

const program = Effect.gen(function* () {
  const store = yield* EventStore.EventStore

  // Create the stream; a second creator is refused.
  const created = yield* store.append("note-1", [event("a"), event("b")], EventStore.noStream)
  assert.equal(created.version, 2)
  const refused = yield* Effect.flip(store.append("note-1", [event("c")], EventStore.noStream))
  assert.equal(refused._tag, "WrongExpectedVersion")
  if (refused._tag === "WrongExpectedVersion") assert.equal(refused.actual, 2)

  // Repeating an append (same event ids): nothing recorded, the original result returned.
  assert.deepStrictEqual(yield* store.append("note-1", [event("a"), event("b")], EventStore.noStream), {
    ...created,
    duplicate: true
  })

  // A partial overlap is a conflict, not a silent half-append.
  const overlap = yield* Effect.flip(store.append("note-1", [event("b"), event("c")], EventStore.exact(2)))
  assert.equal(overlap._tag, "EventIdConflict")

  yield* store.append("note-2", [event("c")], EventStore.any)

  // The global log in commit order, and a catch-up subscription from a checkpoint.
  const all = yield* store.readAll()
  assert.deepStrictEqual(
    all.map((e) => `${e.streamId}@${e.version}`),
    ["note-1@1", "note-1@2", "note-2@1"]
  )
  const fromCheckpoint = yield* store.subscribe({ after: all[0]!.position }).pipe(Stream.take(2), Stream.runCollect)
  assert.deepStrictEqual(
    fromCheckpoint.map((e) => e.eventId),
    ["b", "c"]
  )
  assert.deepStrictEqual(
    (yield* store.readCategory("note")).map((e) => e.eventId),
    ["a", "b", "c"]
  )
})

await Effect.runPromise(program.pipe(Effect.provide(InMemoryEventStore.layer)))
