/**
 * Personal-data store tests shared by the PGlite and PostgreSQL test files: the kernel's
 * conformance suite, then what only SQL can show (D16: erasure really deletes the personal fields).
 */
import assert from "node:assert/strict"
import { Effect, Layer, Option, Result } from "effect"
import { SqlClient } from "effect/sql"
import { describe, it } from "vitest"
import * as EventStore from "../../src/kernel/EventStore.js"
import * as PersonalData from "../../src/kernel/PersonalData.js"
import { runPersonalDataConformance } from "../../src/testing/index.js"
import { Migrations, SqlEventStore, SqlPersonalData } from "../../src/sql/index.js"
import type { Runtime } from "./shared.js"
import { toAppend, uniqueCategory } from "./shared.js"

/** The SQL personal-data store over the runtime's shared, migrated client. */
export const personalDataLayer = (runtime: Runtime) =>
  SqlPersonalData.layer.pipe(Layer.provideMerge(Layer.effectContext(runtime.contextEffect)))

const marie = (subjectId: string): PersonalData.PersonalRecordInput => ({
  _tag: "Party",
  subjectId,
  name: "Marie Dupont",
  email: "marie.dupont@example.org",
  phone: "+32 470 12 34 56",
  postalAddress: "Rue de l'Église 4, 5000 Namur",
  marketingOptOut: false
})

export const personalDataTests = (name: string, runtime: Runtime) => {
  runPersonalDataConformance(name, personalDataLayer(runtime), { numRuns: 30 })

  const run = <A, E>(
    effect: Effect.Effect<A, E, PersonalData.PersonalData | EventStore.EventStore | SqlClient.SqlClient>
  ) =>
    runtime.runPromise(
      Effect.provide(
        effect,
        Layer.merge(
          personalDataLayer(runtime),
          SqlEventStore.layer().pipe(Layer.provide(Layer.effectContext(runtime.contextEffect)))
        )
      )
    )

  const rawRow = (subjectId: string) =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const rows = yield* sql<{
        readonly row: unknown
      }>`SELECT row_to_json(p)::text AS row FROM soltrace_personal_data p WHERE subject_id = ${subjectId}`
      return JSON.parse(String(rows[0]?.row)) as Record<string, unknown>
    })

  describe(`SQL personal-data store specifics: ${name}`, () => {
    it("D16: erasure deletes the personal fields from the row, and from the rows of the addresses it holds", () =>
      run(
        Effect.gen(function* () {
          const people = yield* PersonalData.PersonalData
          const id = uniqueCategory()
          yield* people.record(marie(`${id}-p`))
          yield* people.record({
            _tag: "PostalAddress",
            subjectId: `${id}-home`,
            holderId: `${id}-p`,
            lines: ["Rue de l'Église 4"],
            postalCode: "5000",
            locality: "Namur",
            country: "BE"
          })
          assert.match(JSON.stringify(yield* rawRow(`${id}-p`)), /Marie Dupont/)
          yield* people.erase(`${id}-p`, "2026-12-01")
          for (const subject of [`${id}-p`, `${id}-home`]) {
            assert.deepStrictEqual(yield* rawRow(subject), {
              subject_id: subject,
              kind: null,
              holder_id: null,
              data: null,
              erased_on: "2026-12-01"
            })
          }
        })
      ))

    it("D16: the table refuses a tombstone that still holds personal data", () =>
      run(
        Effect.gen(function* () {
          const people = yield* PersonalData.PersonalData
          const sql = yield* SqlClient.SqlClient
          const id = `${uniqueCategory()}-p`
          yield* people.record(marie(id))
          const result = yield* Effect.result(
            sql`UPDATE soltrace_personal_data SET erased_on = '2026-12-01' WHERE subject_id = ${id}`
          )
          assert.ok(Result.isFailure(result))
          assert.equal(result.failure.reason._tag, "ConstraintError")
          assert.equal(
            (yield* people.get(id)).pipe(
              Option.map((e) => e._tag),
              Option.getOrUndefined
            ),
            "Party"
          )
        })
      ))

    it("a stored row that no longer decodes is a typed PersonalDataStoreError, and other subjects read fine", () =>
      run(
        Effect.gen(function* () {
          const people = yield* PersonalData.PersonalData
          const sql = yield* SqlClient.SqlClient
          const id = uniqueCategory()
          yield* people.record(marie(`${id}-broken`))
          yield* people.record(marie(`${id}-healthy`))
          yield* sql`UPDATE soltrace_personal_data SET data = jsonb_set(data, '{email}', '"not an e-mail"')
            WHERE subject_id = ${`${id}-broken`}`
          const broken = yield* Effect.result(people.get(`${id}-broken`))
          assert.ok(Result.isFailure(broken))
          assert.equal(broken.failure._tag, "PersonalDataStoreError")
          assert.match(broken.failure.message, /malformed data/)
          assert.ok(Option.isSome(yield* people.get(`${id}-healthy`)))
        })
      ))

    it("D16: in one database with the event store, a stream still replays after its subject is erased", () =>
      run(
        Effect.gen(function* () {
          const people = yield* PersonalData.PersonalData
          const store = yield* EventStore.EventStore
          const id = uniqueCategory()
          const owner = `${id}-owner`
          yield* people.record(marie(owner))
          const appended = yield* store.append(
            `${id}-1`,
            [toAppend(`${id}:1`, "SystemRegistered", { ownerId: owner })],
            EventStore.noStream
          )
          yield* people.erase(owner, "2026-12-01")
          const replayed = yield* store.readStream(`${id}-1`)
          assert.deepStrictEqual(replayed, appended.events)
          const shown = (yield* people.getMany(replayed.map((e) => (e.data as { ownerId: string }).ownerId))).get(owner)
          assert.equal(shown?._tag, "Erased")
          assert.deepStrictEqual(yield* Migrations.run, [])
        })
      ))
  })
}
