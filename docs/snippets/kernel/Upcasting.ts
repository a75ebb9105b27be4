import assert from "node:assert/strict"
import { EventCodec } from "@soltrace/core"
import type { EventStore } from "@soltrace/core"
import { Result, Schema } from "effect"

// Version 2 of "Paid" records cents; version 1 recorded whole euros as `{ euros }`.
const Event = Schema.Union([Schema.TaggedStruct("Paid", { cents: Schema.Int })])
const codec = EventCodec.make({
  schema: Event,
  versions: { Paid: 2 },
  upcasters: [
    {
      type: "Paid",
      from: 1,
      up: (data) => {
        const { euros } = data as { readonly euros: number }
        return { _tag: "Paid", cents: euros * 100 }
      }
    }
  ]
})

const recorded = (schemaVersion: number, data: unknown): EventStore.RecordedEvent => ({
  streamId: "invoice-7",
  version: 3,
  position: 42,
  eventId: "e-1",
  type: "Paid",
  schemaVersion,
  recordedAt: 0,
  data,
  metadata: {}
})

// A v1 event is read as v2; new events are written as v2.
assert.deepStrictEqual(
  codec.decode(recorded(1, { _tag: "Paid", euros: 12 })),
  Result.succeed({ _tag: "Paid", cents: 1200 })
)
assert.deepStrictEqual(
  codec.encode({ _tag: "Paid", cents: 5 }),
  Result.succeed({
    type: "Paid",
    schemaVersion: 2,
    data: { _tag: "Paid", cents: 5 }
  })
)

// Data that does not decode is a typed error naming the stream, the version and the type.
const bad = codec.decode(recorded(2, { _tag: "Paid", cents: "many" }))
assert.ok(Result.isFailure(bad))
assert.deepStrictEqual([bad.failure.stream, bad.failure.version, bad.failure.type], ["invoice-7", 3, "Paid"])
