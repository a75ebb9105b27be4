import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { EventStore, InMemoryEventStore, Projection } from "@soltrace/core"
import * as PersonalData from "@soltrace/core/PersonalData"
import { AfterSalesIds, AfterSalesService, Rma, Views } from "../src/index.js"
import { A, B, C, installer, owner, RA, RB, rmaId, sysId, ticketId } from "./fixtures.js"
import {
  commissionedSystem,
  installerRequester,
  interventionOf,
  labourClaim,
  licensed,
  paymentAddress,
  R1,
  s6
} from "./scenarios.js"

const layer = () =>
  AfterSalesService.layer.pipe(
    Layer.provideMerge(InMemoryEventStore.layerWithInline({ inline: Views.all })),
    Layer.provideMerge(PersonalData.layerMemory)
  )

const run = <A, E>(
  effect: Effect.Effect<
    A,
    E,
    | AfterSalesService.AfterSalesService
    | EventStore.EventStore
    | Projection.InlineProjections
    | PersonalData.PersonalData
  >
) => Effect.runPromise(Effect.provide(effect, layer()))

const eventCount = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  return (yield* store.readAll()).length
})

describe("after-sales scenarios on the in-memory store", () => {
  it("S1: two microinverters replaced the same day → claim accepted, €175.00 (ENP-L1..L7, D2)", async () => {
    const { handled, claims } = await run(
      Effect.gen(function* () {
        const handled = yield* labourClaim("2024-03-10", "2025-06-01")
        const inline = yield* Projection.InlineProjections
        return { handled, claims: Views.listClaims(yield* inline.get(Views.returns), sysId) }
      })
    )
    expect(handled.events.map((e) => e._tag)).toEqual(["LabourReimbursementClaimed"])
    const [e] = handled.events
    expect(e?._tag === "LabourReimbursementClaimed" && [e.amountCents, e.serials, e.paymentAddress]).toEqual([
      17500,
      [A, B],
      paymentAddress
    ])
    expect(claims).toMatchObject([{ status: "claimed", amountCents: 17500, interventionOn: "2025-05-06" }])
  })

  it("S2: the same claim made on 2025-11-07 is refused under ENP-L5 (last valid day 2025-11-06)", async () => {
    const handled = await run(labourClaim("2024-03-10", "2025-11-07"))
    const [e] = handled.events
    expect(e?._tag).toBe("LabourReimbursementRefused")
    const l5 = e?._tag === "LabourReimbursementRefused" ? e.reasons.find((r) => r.rule === "ENP-L5") : undefined
    expect(l5?.figures["lastValidDay"]).toBe("2025-11-06")
  })

  it("S3: system commissioned 2023-05-06, intervention 2025-05-06 → refused under ENP-L1", async () => {
    const handled = await run(labourClaim("2023-05-06", "2025-06-01"))
    const [e] = handled.events
    expect(e?._tag === "LabourReimbursementRefused" && e.reasons.map((r) => r.rule)).toContain("ENP-L1")
  })

  it("S6: a self-installer's technical e-mail is referred to a qualified installer, never troubleshot (APS-3)", async () => {
    const { opened, assign } = await run(
      Effect.gen(function* () {
        const opened = yield* s6
        const svc = yield* AfterSalesService.AfterSalesService
        const assign = yield* Effect.flip(
          svc.ticket(
            { _tag: "AssignHandler", ticketId: ticketId("T-S6"), handlerId: installer, on: "2025-04-03" },
            { commandId: "assign" }
          )
        )
        return { opened, assign }
      })
    )
    const [e] = opened.events
    expect(e?._tag === "TicketReferred" && [e.referredTo, e.rule]).toEqual(["qualified-installer", "APS-3"])
    expect(assign._tag === "TicketCommandRefused" && assign.reasons.map((r) => r.rule)).toContain("APS-3")
  })
})

describe("AfterSalesService", () => {
  it("records DeviceReplaced on the System when a replacement is installed (ENP-R8)", async () => {
    const state = await run(
      Effect.gen(function* () {
        yield* interventionOf("2024-03-10")
        const svc = yield* AfterSalesService.AfterSalesService
        return yield* svc.loadSystem(sysId)
      })
    )
    expect(
      state._tag === "Registered" && [
        state.devices[A]?.replacedBy,
        state.devices[RA]?.status,
        state.devices[B]?.replacedBy
      ]
    ).toEqual([RA, "current", RB])
  })

  it("ENP-R7: installing a replacement before approval records nothing on either stream", async () => {
    const { error, count, before } = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* commissionedSystem({ _tag: "SelfInstalled", distributorId: AfterSalesIds.PartyId.make("d") }, [A])
        // Self-installed, non-compliant: not eligible (D6) → the RMA is never approved.
        yield* svc.requestReturn(
          {
            rmaId: R1,
            systemId: sysId,
            serials: [A],
            shippingAddress: "x",
            requester: installerRequester,
            requestedAt: "2025-05-02T10:00",
            proofOfOwnershipProvided: false
          },
          { commandId: "q" }
        )
        const before = yield* eventCount
        const error = yield* Effect.flip(
          svc.installReplacement(
            { rmaId: R1, original: A, replacement: RA, installedOn: "2025-05-06" },
            { commandId: "x" }
          )
        )
        return { error, count: yield* eventCount, before }
      })
    )
    expect(error._tag === "RmaCommandRefused" && error.reasons.map((r) => r.rule)).toContain("ENP-R7")
    expect(count).toBe(before)
  })

  it("ENP-S4: a replacement the System refuses (serial already on the system) records nothing on the RMA either", async () => {
    const r = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* commissionedSystem(licensed, [A, B])
        yield* svc.requestReturn(
          {
            rmaId: R1,
            systemId: sysId,
            serials: [A],
            shippingAddress: "x",
            requester: installerRequester,
            requestedAt: "2025-05-02T10:00",
            proofOfOwnershipProvided: false
          },
          { commandId: "q" }
        )
        const before = yield* eventCount
        const error = yield* Effect.flip(
          svc.installReplacement(
            { rmaId: R1, original: A, replacement: B, installedOn: "2025-05-06" },
            { commandId: "bad" }
          )
        )
        const rmaState = yield* svc.loadRma(R1)
        return { error, before, after: yield* eventCount, rmaState }
      })
    )
    expect(r.error._tag === "SystemCommandRefused" && r.error.reasons.map((x) => x.rule)).toEqual(["ENP-S4"])
    expect(r.after).toBe(r.before)
    expect(r.rmaState._tag === "Requested" && Rma.status(r.rmaState)).toBe("approved")
  })

  it("ENP-R6a/D13: a return that is not eligible opens the support callback ticket, once", async () => {
    const { result, again, details, count1, count2 } = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* interventionOf("2024-03-10")
        const input = {
          rmaId: rmaId("RMA-2"),
          systemId: sysId,
          serials: [C],
          shippingAddress: "x",
          requester: installerRequester,
          requestedAt: "2025-06-02T10:00",
          proofOfOwnershipProvided: false
        } as const
        const result = yield* svc.requestReturn(input, { commandId: "rma-2" })
        const count1 = yield* eventCount
        const again = yield* svc.requestReturn(input, { commandId: "rma-2" })
        const count2 = yield* eventCount
        const inline = yield* Projection.InlineProjections
        return {
          result,
          again,
          details: Views.ticketDetails(yield* inline.get(Views.tickets), "RMA-2-callback"),
          count1,
          count2
        }
      })
    )
    expect(result.rma.events.map((e) => e._tag)).toEqual(["ReturnRequested", "ReturnNotEligible"])
    expect(result.callbackTicket).toBe("RMA-2-callback")
    // D13 (revised): Monday 10:00 + 24 / 48 hours of working days
    expect(details?.callback).toEqual({ earliest: "2025-06-03T10:00", latest: "2025-06-04T10:00" })
    expect(details?.kind).toBe("return")
    expect(again.rma.duplicate).toBe(true)
    expect(count2).toBe(count1)
  })

  it("D15/ENP-R6a: a not-eligible return on an APsystems system has no callback, so no callback ticket", async () => {
    const result = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* interventionOf("2024-03-10", undefined, "APsystems")
        return yield* svc.requestReturn(
          {
            rmaId: rmaId("RMA-2"),
            systemId: sysId,
            serials: [C],
            shippingAddress: "x",
            requester: installerRequester,
            requestedAt: "2025-06-02T10:00",
            proofOfOwnershipProvided: false
          },
          { commandId: "rma-2" }
        )
      })
    )
    const notEligible = result.rma.events.find((e) => e._tag === "ReturnNotEligible")
    expect(notEligible?._tag === "ReturnNotEligible" && notEligible.callbackEarliest).toBeUndefined()
    expect(result.callbackTicket).toBeUndefined()
  })

  it("ENP-R1: a serial in an open RMA cannot be in a second one", async () => {
    const result = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* interventionOf("2024-03-10")
        // RMA-1 covers A and B and is still open (units not received). RA is current: a new RMA for RA is fine, for B not.
        return yield* svc.requestReturn(
          {
            rmaId: rmaId("RMA-3"),
            systemId: sysId,
            serials: [RA],
            shippingAddress: "x",
            requester: installerRequester,
            requestedAt: "2025-06-02T10:00",
            proofOfOwnershipProvided: false
          },
          { commandId: "rma-3" }
        )
      })
    )
    expect(result.rma.events.map((e) => e._tag)).toEqual(["ReturnRequested", "ReturnApproved"])
    const second = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* commissionedSystem(licensed, [A])
        const req = (id: string) =>
          ({
            rmaId: rmaId(id),
            systemId: sysId,
            serials: [A],
            shippingAddress: "x",
            requester: installerRequester,
            requestedAt: "2025-05-02T10:00",
            proofOfOwnershipProvided: false
          }) as const
        yield* svc.requestReturn(req("RMA-A"), { commandId: "a" })
        return yield* svc.requestReturn(req("RMA-B"), { commandId: "b" })
      })
    )
    const ne = second.rma.events.find((e) => e._tag === "ReturnNotEligible")
    expect(ne?._tag === "ReturnNotEligible" && ne.reasons.map((r) => r.rule)).toContain("ENP-R1")
  })

  it("ENP-S4: a ticket about a serial that never belonged to the system is refused by the service", async () => {
    const error = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* interventionOf("2024-03-10")
        return yield* Effect.flip(
          svc.openTicket(
            {
              ticketId: ticketId("T-9"),
              systemId: sysId,
              openedAt: "2025-06-01T10:00",
              requester: installerRequester,
              channel: "form",
              kind: "technical",
              subject: "?",
              serials: [C],
              description: ""
            },
            { commandId: "t9" }
          )
        )
      })
    )
    expect(error._tag === "TicketCommandRefused" && error.reasons.map((r) => r.rule)).toEqual(["ENP-S4"])
  })

  it("ENP-S4: a ticket may name a retired serial of the system (the replaced original)", async () => {
    const handled = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* interventionOf("2024-03-10")
        return yield* svc.openTicket(
          {
            ticketId: ticketId("T-8"),
            systemId: sysId,
            openedAt: "2025-06-01T10:00",
            requester: installerRequester,
            channel: "form",
            kind: "technical",
            subject: "old unit",
            serials: [A, RA],
            description: ""
          },
          { commandId: "t8" }
        )
      })
    )
    expect(handled.events[0]?._tag).toBe("TicketOpened")
  })

  it("idempotency: the same command id twice records nothing new (return, replacement, claim, ticket)", async () => {
    const counts = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* interventionOf("2024-03-10")
        const claim = { systemId: sysId, interventionOn: "2025-05-06", claimedOn: "2025-06-01", paymentAddress }
        const c1 = yield* svc.claimLabourReimbursement(claim, { commandId: "claim-1" })
        const n1 = yield* eventCount
        const c2 = yield* svc.claimLabourReimbursement(claim, { commandId: "claim-1" })
        const n2 = yield* eventCount
        const ticket = {
          ticketId: ticketId("T-1"),
          systemId: sysId,
          openedAt: "2025-06-01T10:00",
          requester: installerRequester,
          channel: "form",
          kind: "technical",
          subject: "s",
          serials: [RA],
          description: ""
        } as const
        yield* svc.openTicket(ticket, { commandId: "t-1" })
        const n3 = yield* eventCount
        yield* svc.openTicket(ticket, { commandId: "t-1" })
        const n4 = yield* eventCount
        return { n1, n2, n3, n4, dup: c2.duplicate, same: JSON.stringify(c1.events) === JSON.stringify(c2.events) }
      })
    )
    expect(counts).toMatchObject({ dup: true, same: true })
    expect(counts.n2).toBe(counts.n1)
    expect(counts.n4).toBe(counts.n3)
  })

  it("idempotency: installing a replacement twice with the same command id records nothing new", async () => {
    const r = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* commissionedSystem(licensed, [A])
        yield* svc.requestReturn(
          {
            rmaId: R1,
            systemId: sysId,
            serials: [A],
            shippingAddress: "x",
            requester: installerRequester,
            requestedAt: "2025-05-02T10:00",
            proofOfOwnershipProvided: false
          },
          { commandId: "q" }
        )
        const input = { rmaId: R1, original: A, replacement: RA, installedOn: "2025-05-06" }
        const first = yield* svc.installReplacement(input, { commandId: "inst-A" })
        const n1 = yield* eventCount
        const again = yield* svc.installReplacement(input, { commandId: "inst-A" })
        const n2 = yield* eventCount
        const fresh = yield* Effect.flip(svc.installReplacement(input, { commandId: "inst-A-bis" }))
        return { first, again, n1, n2, fresh }
      })
    )
    expect(r.first.rma.map((e) => e._tag)).toEqual(["ReplacementInstalled"])
    expect(r.first.system.map((e) => e._tag)).toEqual(["DeviceReplaced"])
    expect(r.again).toEqual(r.first)
    expect(r.n2).toBe(r.n1)
    // A new command id for the same replacement is a new command, and refused.
    expect(r.fresh._tag).toBe("RmaCommandRefused")
  })

  it("WAL-5.15/D16: personal data is kept out of the events, correctable, and joined by the systems view", async () => {
    const r = await run(
      Effect.gen(function* () {
        const people = yield* PersonalData.PersonalData
        yield* people.record({
          _tag: "Party",
          subjectId: owner,
          name: "Marie Dupont",
          email: "marie@example.org",
          marketingOptOut: false
        })
        yield* interventionOf("2024-03-10")
        const corrected = yield* people.rectify(owner, {
          _tag: "Party",
          name: "Marie Dupont-Lefèvre",
          marketingOptOut: true
        })
        const store = yield* EventStore.EventStore
        const all = yield* store.readAll()
        const inline = yield* Projection.InlineProjections
        const entries = yield* Views.lookUp([owner])
        const found = Views.listSystems(yield* inline.get(Views.systems), {
          search: "lefèvre",
          ownerName: (id) => Views.shown(entries, id)
        })
        const missing = yield* Effect.flip(people.rectify("nobody", { _tag: "Party", name: "X" }))
        return { corrected, json: JSON.stringify(all.map((e) => e.data)), found, missing }
      })
    )
    expect(r.corrected).toMatchObject({
      name: "Marie Dupont-Lefèvre",
      marketingOptOut: true,
      email: "marie@example.org"
    })
    expect(r.json).not.toContain("Dupont")
    expect(r.json).not.toContain("marie@example.org")
    expect(r.found.map((row) => row.systemId)).toEqual([sysId])
    expect(r.missing._tag).toBe("PersonalDataNotFound")
  })

  it('D16/ENP-R4: the return\'s shipping address is an id in the events, shown from the personal-data store, "erased" once erased, and the RMA still replays', async () => {
    const r = await run(
      Effect.gen(function* () {
        const people = yield* PersonalData.PersonalData
        yield* people.record({ _tag: "Party", subjectId: installer, name: "Solaire Pro SARL", marketingOptOut: true })
        yield* people.record({
          _tag: "PostalAddress",
          subjectId: "ADDR-DEPOT",
          holderId: installer,
          lines: ["8 avenue du Midi"],
          postalCode: "13001",
          locality: "Marseille",
          country: "FR"
        })
        yield* commissionedSystem(licensed, [A])
        const svc = yield* AfterSalesService.AfterSalesService
        yield* svc.requestReturn(
          {
            rmaId: R1,
            systemId: sysId,
            serials: [A],
            shippingAddress: "ADDR-DEPOT",
            requester: installerRequester,
            requestedAt: "2025-05-02T09:30",
            proofOfOwnershipProvided: false
          },
          { commandId: "ret" }
        )
        const before = Views.shown(yield* Views.lookUp(["ADDR-DEPOT"]), "ADDR-DEPOT")
        yield* people.erase(installer, "2026-12-01")
        const after = Views.shown(yield* Views.lookUp(["ADDR-DEPOT"]), "ADDR-DEPOT")
        const rma = yield* svc.loadRma(R1)
        const json = JSON.stringify((yield* (yield* EventStore.EventStore).readAll()).map((e) => e.data))
        return { before, after, rma, json }
      })
    )
    expect(r.before).toBe("8 avenue du Midi, 13001 Marseille, FR")
    expect(r.after).toBe("erased")
    expect(r.rma._tag === "Requested" && r.rma.shippingAddress).toBe("ADDR-DEPOT")
    expect(r.json).not.toContain("avenue du Midi")
  })
})
