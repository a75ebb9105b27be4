import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as EventStore from "../../src/kernel/EventStore.js"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"

const event = (eventId: string): EventStore.EventToAppend => ({
  eventId,
  type: "T",
  schemaVersion: 1,
  recordedAt: 0,
  data: {},
  metadata: {}
})

const timeAppends = (store: EventStore.EventStoreService, label: string) =>
  Effect.gen(function* () {
    const started = performance.now()
    for (let i = 0; i < 2_000; i++) {
      yield* store.append(`${label}-${i % 50}`, [event(`${label}:${i}`)], EventStore.any)
    }
    return performance.now() - started
  })

describe("in-memory store", () => {
  it.effect("an append costs the events it appends, not the size of the store (unlike a count of all events)", () =>
    Effect.gen(function* () {
      const empty = (yield* InMemoryEventStore.make()).store
      const full = (yield* InMemoryEventStore.make()).store
      for (let b = 0; b < 250; b++) {
        yield* full.append(
          `bulk-${b % 100}`,
          Array.from({ length: 200 }, (_, i) => event(`bulk:${b}:${i}`)),
          EventStore.any
        )
      }
      assert.strictEqual((yield* full.readAll({ after: 49_990 })).length, 10)
      // Both code paths warmed up (JIT, the first growth of the full store's maps) before timing.
      yield* timeAppends(empty, "warmup")
      yield* timeAppends(full, "warmup")
      const onEmpty = yield* timeAppends(empty, "a")
      const onFull = yield* timeAppends(full, "a")
      // 50,000 events already stored: a per-append scan would make this hundreds of times slower.
      assert.isBelow(onFull, onEmpty * 5 + 50)
    })
  )
})
