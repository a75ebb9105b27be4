/**
 * D16 (WAL-5.15, GDPR): no personal data in the contract's events — parties by id, names in the
 * personal-data store; the contract replays after an erasure and its view shows "erased".
 */
import { describe, expect, it } from "vitest"
import { Effect, Layer, Schema } from "effect"
import { CommandHandler, InMemoryEventStore, PersonalData } from "@soltrace/core"
import { Contract, Parties } from "../src/index.js"
import * as F from "./fixtures.js"

const json = (events: ReadonlyArray<Contract.Event>) =>
  JSON.stringify(events.map((e) => Schema.encodeSync(Contract.Event)(e)))

describe("D16: party data by reference", () => {
  it("D16: ContractDrafted carries party ids, never a name (before: the names sat in the offer)", () => {
    const events = F.play(F.filed)
    const drafted = events.find((e) => e._tag === "ContractDrafted")
    expect(drafted?._tag === "ContractDrafted" && drafted.offer.installer).toEqual({
      partyId: "installer-solwal",
      kind: "legal-person",
      recognisedPvTraining: true
    })
    expect(json(events)).not.toMatch(/"name"/)
  })

  it("D16: a command carrying a name is refused, naming the key, so no name can reach an event", () => {
    // Unknown keys are refused by the decoders since the partner-tool edge (issue 16): the name
    // is not part of the offer, so the command does not decode instead of being silently stripped.
    const r = Contract.decodeCommand({
      _tag: "DraftContract",
      on: "2025-03-01",
      offer: { ...F.offer, installer: { ...F.offer.installer, name: "SolWal SRL" } }
    })
    expect(r._tag).toBe("Failure")
    if (r._tag === "Failure") expect(r.failure.message).toMatch(/name/)
  })

  it("D16: an event recorded before D16, with the names, still decodes; the state drops them", () => {
    const old = {
      _tag: "ContractDrafted",
      on: "2025-03-01",
      offer: {
        ...F.offer,
        installer: { name: "SolWal SRL", kind: "legal-person", recognisedPvTraining: true },
        customers: [{ name: "A. Dupont", naturalPerson: true }]
      }
    }
    const event = Schema.decodeUnknownSync(Contract.Event)(old)
    const state = Contract.replay([event])
    expect(state.status).toBe("Drafted")
    expect(JSON.stringify(state)).not.toMatch(/SolWal SRL|Dupont/)
    expect(Parties.ids(state)).toEqual([
      { role: "installer", partyId: undefined },
      { role: "customer", partyId: undefined }
    ])
  })

  it("D16/WAL-5.15: after the customer's erasure the contract replays and shows the customer as erased", async () => {
    const program = Effect.gen(function* () {
      const people = yield* PersonalData.PersonalData
      yield* people.record({ _tag: "Party", subjectId: "installer-solwal", name: "SolWal SRL", marketingOptOut: false })
      yield* people.record({ _tag: "Party", subjectId: "customer-dupont", name: "A. Dupont", marketingOptOut: false })
      const aggregate = Contract.aggregate()
      const stream = Contract.streamId("d16")
      for (const [i, c] of F.filed.entries()) yield* CommandHandler.handle(aggregate, stream, c, { commandId: `c${i}` })
      const before = yield* Parties.show((yield* CommandHandler.load(aggregate, stream)).state)
      yield* people.erase("customer-dupont", "2026-12-01")
      const after = yield* CommandHandler.load(aggregate, stream)
      return { before, after: after.state, shown: yield* Parties.show(after.state) }
    })
    const r = await Effect.runPromise(
      program.pipe(Effect.provide(Layer.merge(PersonalData.layerMemory, InMemoryEventStore.layer)))
    )
    expect(r.before.map((p) => p.shown)).toEqual([
      { _tag: "Party", name: "SolWal SRL" },
      { _tag: "Party", name: "A. Dupont" }
    ])
    expect(r.after.status).toBe("Completed")
    expect(r.shown).toEqual([
      { role: "installer", partyId: "installer-solwal", shown: { _tag: "Party", name: "SolWal SRL" } },
      { role: "customer", partyId: "customer-dupont", shown: { _tag: "Erased", erasedOn: "2026-12-01" } }
    ])
  })
})
