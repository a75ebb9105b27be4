import assert from "node:assert/strict"
import { EventStore, InMemoryEventStore } from "@soltrace/core"
import { Effect } from "effect"

// Options read from an untyped config file: a typo gives NaN, a quoted number a string.
const config = JSON.parse('{ "maxEventBytes": "262144" }') as InMemoryEventStore.Options

const refused = await Effect.runPromise(Effect.flip(InMemoryEventStore.make(config)))
assert.ok(refused instanceof EventStore.InvalidArgument)
assert.equal(refused.operation, "InMemoryEventStore.make")
assert.equal(refused.field, "options.maxEventBytes")
assert.equal(refused.reason, 'must be a positive integer (bytes), got the string "262144"')

// A good limit is enforced at exactly its value.
const { store } = await Effect.runPromise(InMemoryEventStore.make({ maxEventBytes: 64 }))
const event = (eventId: string, text: string): EventStore.EventToAppend => ({
  eventId,
  type: "T",
  schemaVersion: 1,
  recordedAt: 0,
  data: text,
  metadata: {}
})
// 64 bytes of JSON: `"…"` (58 + 2), `{}` (2), the id and the type (2 × 1).
await Effect.runPromise(store.append("note-1", [event("a", "x".repeat(58))], EventStore.any))
const tooLarge = await Effect.runPromise(
  Effect.flip(store.append("note-1", [event("b", "x".repeat(59))], EventStore.any))
)
assert.equal(tooLarge._tag, "InvalidEvent")
