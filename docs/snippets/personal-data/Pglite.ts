import assert from "node:assert/strict"
import { EventStore, PersonalData } from "@soltrace/core"
import { PgliteClient } from "@soltrace/core/pglite"
import { Migrations, SqlEventStore, SqlPersonalData } from "@soltrace/core/sql"
import { SqlClient } from "effect/sql"
import { Effect, Layer } from "effect"

// One database for the events and the personal data: migrate once, then both stores.
const Database = Layer.effectDiscard(Migrations.run).pipe(Layer.provideMerge(PgliteClient.layer()))
const Stores = Layer.merge(SqlEventStore.layer(), SqlPersonalData.layer).pipe(Layer.provideMerge(Database))

const program = Effect.gen(function* () {
  const people = yield* PersonalData.PersonalData
  const store = yield* EventStore.EventStore
  yield* people.record({ _tag: "Party", subjectId: "party-1", name: "Marie Dupont", marketingOptOut: false })
  const event = { eventId: "e1", type: "CustomerJoined", schemaVersion: 1, recordedAt: 0, metadata: {} }
  yield* store.append("customer-1", [{ ...event, data: { partyId: "party-1" } }], EventStore.noStream)
  yield* people.erase("party-1", "2026-12-01")

  // The row keeps only the id and the erasure date: the personal fields are gone.
  const sql = yield* SqlClient.SqlClient
  const rows = yield* sql`SELECT subject_id, kind, holder_id, data, to_char(erased_on, 'YYYY-MM-DD') AS erased_on
    FROM soltrace_personal_data`
  assert.deepStrictEqual(rows, [
    { subject_id: "party-1", kind: null, holder_id: null, data: null, erased_on: "2026-12-01" }
  ])
  // The stream, in the same database, replays unchanged.
  assert.deepStrictEqual(
    (yield* store.readStream("customer-1")).map((e) => e.data),
    [{ partyId: "party-1" }]
  )
})

await Effect.runPromise(program.pipe(Effect.provide(Stores)))
