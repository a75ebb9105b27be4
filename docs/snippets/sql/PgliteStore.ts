import assert from "node:assert/strict"
import { EventStore } from "@soltrace/core"
import { PgliteClient } from "@soltrace/core/pglite"
import { SqlEventStore } from "@soltrace/core/sql"
import { Effect, Layer, Result } from "effect"

// PGlite in memory (pass { dataDir } for a file-backed database); migrations run at start.
const Store = SqlEventStore.layerWithMigrations().pipe(Layer.provide(PgliteClient.layer()))

const reading = (eventId: string, kwh: number): EventStore.EventToAppend => ({
  eventId,
  type: "MeterRead",
  schemaVersion: 1,
  recordedAt: Date.UTC(2026, 5, 1),
  data: { _tag: "MeterRead", kwh },
  metadata: { actor: "installer-7" }
})

const program = Effect.gen(function* () {
  const store = yield* EventStore.EventStore

  // One round trip per batch; the expected version is checked atomically.
  const first = yield* store.append("system-42", [reading("r-1", 120), reading("r-2", 95)], EventStore.noStream)
  assert.equal(first.version, 2)

  // A writer that read version 1 loses: a typed WrongExpectedVersion, never a driver error.
  const stale = yield* Effect.result(store.append("system-42", [reading("r-3", 80)], EventStore.exact(1)))
  assert.ok(Result.isFailure(stale) && stale.failure._tag === "WrongExpectedVersion")
  assert.equal(Result.isFailure(stale) ? stale.failure.actual : -1, 2)

  // Sending the same batch again (a retry after a timeout) records nothing and returns the original.
  const retry = yield* store.append("system-42", [reading("r-1", 120), reading("r-2", 95)], EventStore.any)
  assert.deepStrictEqual(retry, { ...first, duplicate: true })

  // The global log, in commit order; a checkpoint is the position of the last event handled.
  const log = yield* store.readAll()
  assert.deepStrictEqual(
    log.map((e) => [e.streamId, e.version, e.type]),
    [
      ["system-42", 1, "MeterRead"],
      ["system-42", 2, "MeterRead"]
    ]
  )
  assert.deepStrictEqual(yield* store.readAll({ after: log[0]!.position }), [log[1]])
})

await Effect.runPromise(program.pipe(Effect.provide(Store)))
