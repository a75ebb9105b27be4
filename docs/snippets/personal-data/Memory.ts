import assert from "node:assert/strict"
import { EventStore, InMemoryEventStore, PersonalData } from "@soltrace/core"
import { Effect, Layer, Option } from "effect"

// Events carry the subject id only (D16): never a name, an e-mail or an address.
const registered = (eventId: string, ownerId: string, addressId: string): EventStore.EventToAppend => ({
  eventId,
  type: "SystemRegistered",
  schemaVersion: 1,
  recordedAt: 0,
  data: { ownerId, siteAddressId: addressId },
  metadata: {}
})

// A view resolves the ids when it shows them, and says "erased" for a tombstone.
const show = (entry: PersonalData.Entry | undefined): string =>
  entry === undefined ? "unknown" : PersonalData.isErased(entry) ? `erased on ${entry.erasedOn}` : entry.subjectId

const program = Effect.gen(function* () {
  const people = yield* PersonalData.PersonalData
  const store = yield* EventStore.EventStore

  yield* people.record({
    _tag: "Party",
    subjectId: "party-1",
    name: "Marie Dupont",
    email: "marie.dupont@example.org",
    marketingOptOut: false
  })
  yield* people.record({
    _tag: "PostalAddress",
    subjectId: "address-1",
    holderId: "party-1", // Marie's home: exported and erased with her
    lines: ["Rue de l'Église 4"],
    postalCode: "5000",
    locality: "Namur",
    country: "BE"
  })
  yield* store.append("system-1", [registered("e1", "party-1", "address-1")], EventStore.noStream)

  // Rectification (WAL-5.15): only the fields given change; null removes an optional field.
  const corrected = yield* people.rectify("party-1", { _tag: "Party", email: null, marketingOptOut: true })
  assert.deepStrictEqual(corrected, {
    _tag: "Party",
    subjectId: "party-1",
    name: "Marie Dupont",
    marketingOptOut: true
  })

  // A malformed input is a typed error naming the field, never a defect.
  const bad = yield* Effect.flip(people.rectify("party-1", { _tag: "Party", email: "marie-at-example" }))
  assert.deepStrictEqual(
    [bad._tag, bad._tag === "InvalidPersonalData" ? bad.field : ""],
    ["InvalidPersonalData", "email"]
  )

  // Access and portability: everything held about Marie, as plain JSON.
  const exported = yield* people.exportSubject("party-1")
  assert.deepStrictEqual(
    exported.entries.map((e) => e.subjectId),
    ["party-1", "address-1"]
  )

  // Erasure: the date is the caller's business date. Her addresses go with her.
  yield* people.erase("party-1", "2026-12-01")
  assert.deepStrictEqual(
    yield* people.get("party-1"),
    Option.some({ _tag: "Erased", subjectId: "party-1", erasedOn: "2026-12-01" })
  )

  // The stream still replays; the view shows the data as erased.
  const [event] = yield* store.readStream("system-1")
  const { ownerId, siteAddressId } = event!.data as { ownerId: string; siteAddressId: string }
  const found = yield* people.getMany([ownerId, siteAddressId])
  assert.deepStrictEqual(
    [ownerId, siteAddressId].map((id) => show(found.get(id))),
    ["erased on 2026-12-01", "erased on 2026-12-01"]
  )
})

await Effect.runPromise(program.pipe(Effect.provide(Layer.merge(PersonalData.layerMemory, InMemoryEventStore.layer))))
