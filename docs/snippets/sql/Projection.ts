import assert from "node:assert/strict"
import { EventStore } from "@soltrace/core"
import { PgliteClient } from "@soltrace/core/pglite"
import { SqlEventStore, SqlProjections } from "@soltrace/core/sql"
import { Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"

const Live = SqlEventStore.layerWithMigrations().pipe(Layer.provideMerge(PgliteClient.layer()))

const event = (eventId: string, kwh: number): EventStore.EventToAppend => ({
  eventId,
  type: "MeterRead",
  schemaVersion: 1,
  recordedAt: 0,
  data: { kwh },
  metadata: {}
})

const program = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE production (system_id text PRIMARY KEY, kwh integer NOT NULL)`

  // The read model lives in the same database: its updates and the checkpoint commit together.
  const production = {
    name: "production",
    category: "system",
    handle: (e: EventStore.RecordedEvent) =>
      Effect.asVoid(sql`INSERT INTO production VALUES (${e.streamId}, ${(e.data as { kwh: number }).kwh})
        ON CONFLICT (system_id) DO UPDATE SET kwh = production.kwh + EXCLUDED.kwh`),
    reset: Effect.asVoid(sql`DELETE FROM production`)
  }

  yield* store.append("system-1", [event("a", 100), event("b", 50)], EventStore.noStream)
  yield* store.append("system-2", [event("c", 70)], EventStore.noStream)
  const checkpoint = yield* SqlProjections.catchUp(production)
  assert.equal(checkpoint, (yield* store.readAll()).at(-1)!.position)
  assert.equal(yield* SqlProjections.loadCheckpoint("production"), checkpoint)

  // Running it again handles nothing twice.
  yield* SqlProjections.catchUp(production)
  const rows = yield* sql<{ system_id: string; kwh: number }>`SELECT system_id, kwh FROM production ORDER BY 1`
  assert.deepStrictEqual(
    rows.map((r) => [r.system_id, r.kwh]),
    [
      ["system-1", 150],
      ["system-2", 70]
    ]
  )
})

await Effect.runPromise(program.pipe(Effect.provide(Live)))
