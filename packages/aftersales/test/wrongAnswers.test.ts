/**
 * The wrong answers found when the after-sales wing was used as an installer's software would use
 * it: each is a given/when/then on the application service, on the in-memory store.
 */
import { Effect, Exit, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { EventStore, InMemoryEventStore, Projection } from "@soltrace/core"
import type { AfterSalesIds } from "../src/index.js"
import * as PersonalData from "@soltrace/core/PersonalData"
import { AfterSalesService, Ticket, Views } from "../src/index.js"
import { A, B, C, owner, RA, rmaId, sysId, ticketId } from "./fixtures.js"
import { commissionedSystem, installerRequester, interventionOf, licensed, paymentAddress, R1 } from "./scenarios.js"

const layer = () =>
  AfterSalesService.layer.pipe(
    Layer.provideMerge(InMemoryEventStore.layerWithInline({ inline: Views.all })),
    Layer.provideMerge(PersonalData.layerMemory)
  )

type R = AfterSalesService.AfterSalesService | EventStore.EventStore | Projection.InlineProjections
const run = <A, E>(effect: Effect.Effect<A, E, R>) => Effect.runPromise(Effect.provide(effect, layer()))
const exit = <A, E>(effect: Effect.Effect<A, E, R>) => Effect.runPromise(Effect.exit(Effect.provide(effect, layer())))

const svc = AfterSalesService.AfterSalesService
let n = 0
const id = (name: string) => ({ commandId: `${name}#${++n}` })

const rulesOf = (e: { readonly reasons: ReadonlyArray<{ readonly rule: string }> }) => e.reasons.map((r) => r.rule)

const requestReturn = (rma: AfterSalesIds.RmaId, serials: [AfterSalesIds.Serial, ...Array<AfterSalesIds.Serial>]) =>
  Effect.gen(function* () {
    return yield* (yield* svc).requestReturn(
      {
        rmaId: rma,
        systemId: sysId,
        serials,
        shippingAddress: "depot",
        requester: installerRequester,
        requestedAt: "2025-05-02T09:30",
        proofOfOwnershipProvided: false
      },
      id("return")
    )
  })

describe("D15: each maker's programme applies to its own products", () => {
  it("D15/ENP-L2: given APsystems microinverters replaced under an approved RMA, when labour is claimed, then it is refused naming the programme (not Enphase's €150)", async () => {
    const handled = await run(
      Effect.gen(function* () {
        yield* interventionOf("2024-03-10", licensed, "APsystems")
        return yield* (yield* svc).claimLabourReimbursement(
          { systemId: sysId, interventionOn: "2025-05-06", claimedOn: "2025-06-01", paymentAddress },
          id("claim")
        )
      })
    )
    const [e] = handled.events
    expect(e?._tag).toBe("LabourReimbursementRefused")
    if (e?._tag !== "LabourReimbursementRefused") return
    expect(rulesOf(e)).toEqual(["ENP-L2", "ENP-L2"])
    expect(e.reasons.every((r) => r.figures["programme"] === "APsystems support policy")).toBe(true)
  })

  it("D15/ENP-L1: given Enphase microinverters, when labour is claimed, then every reason names the Enphase (2019) programme", async () => {
    const handled = await run(
      Effect.gen(function* () {
        yield* interventionOf("2024-03-10")
        return yield* (yield* svc).claimLabourReimbursement(
          { systemId: sysId, interventionOn: "2025-05-06", claimedOn: "2025-06-01", paymentAddress },
          id("claim")
        )
      })
    )
    const [e] = handled.events
    expect(e?._tag === "LabourReimbursementClaimed" && e.amountCents).toBe(175_00)
    expect(
      e?._tag === "LabourReimbursementClaimed" && e.reasons.every((r) => r.figures["programme"] === "Enphase (2019)")
    ).toBe(true)
  })

  it("D15/ENP-C1: given an Enphase system, when its owner asks for technical help, then the ticket is answered per ENP-C1, not referred by APS-4", async () => {
    const handled = await run(
      Effect.gen(function* () {
        yield* commissionedSystem(licensed, [A])
        return yield* (yield* svc).openTicket(
          {
            ticketId: ticketId("T-OWNER"),
            systemId: sysId,
            openedAt: "2025-05-05T10:00",
            requester: { _tag: "Owner", partyId: owner },
            channel: "form",
            kind: "technical",
            subject: "Production dropped",
            serials: [A],
            description: "Since Monday"
          },
          id("open")
        )
      })
    )
    const [e] = handled.events
    expect(e?._tag).toBe("TicketOpened")
    expect(e !== undefined && "reasons" in e ? rulesOf(e) : []).not.toContain("APS-4")
    expect(handled.state._tag === "Opened" && handled.state.status).toBe("open")
  })
})

describe("ENP-R7, ENP-R3, ENP-R5: the RMA lifecycle holds for every maker", () => {
  it("ENP-R7: given no RMA, when ReplaceDevice comes with an approval the caller made up, then it is refused — the approval is loaded from the RMA stream", async () => {
    const result = await exit(
      Effect.gen(function* () {
        yield* commissionedSystem(licensed, [A])
        return yield* (yield* svc).system(
          {
            _tag: "ReplaceDevice",
            systemId: sysId,
            original: A,
            replacement: RA,
            rmaId: rmaId("RMA-MADE-UP"),
            replacedOn: "2025-05-06",
            approval: { rmaId: rmaId("RMA-MADE-UP"), serials: [A], approvedOn: "2025-05-01" }
          },
          id("replace")
        )
      })
    )
    expect(Exit.isFailure(result)).toBe(true)
    const failure = Exit.isFailure(result) ? JSON.stringify(result.cause) : ""
    expect(failure).toContain("SystemCommandRefused")
    expect(failure).toContain("ENP-R7")
  })

  it("ENP-R3: given a unit of serial C received without authorization, when a later RMA asks to return C, then it is not eligible", async () => {
    const second = await run(
      Effect.gen(function* () {
        yield* commissionedSystem(licensed, [A, B, C])
        yield* requestReturn(R1, [A])
        // C arrives at the warehouse under R1, which does not authorize it
        const received = yield* (yield* svc).rma(
          { _tag: "ReceiveUnit", rmaId: R1, serial: C, receivedOn: "2025-05-10" },
          id("receive")
        )
        expect(received.events.map((e) => e._tag)).toEqual(["UnauthorizedReturnReceived"])
        return yield* requestReturn(rmaId("RMA-2"), [C])
      })
    )
    const notEligible = second.rma.events.find((e) => e._tag === "ReturnNotEligible")
    expect(notEligible !== undefined && notEligible._tag === "ReturnNotEligible" && rulesOf(notEligible)).toContain(
      "ENP-R3"
    )
  })

  it("ENP-R5: given an approved RMA, when the defective unit is shipped back before its replacement was shipped, then it is refused", async () => {
    const result = await exit(
      Effect.gen(function* () {
        yield* commissionedSystem(licensed, [A])
        yield* requestReturn(R1, [A])
        return yield* (yield* svc).rma(
          { _tag: "ShipDefectiveUnit", rmaId: R1, serial: A, carrier: "DHL", tracking: "T", shippedOn: "2025-05-03" },
          id("back")
        )
      })
    )
    expect(Exit.isFailure(result) ? JSON.stringify(result.cause) : "").toContain("ENP-R5")
  })
})

describe("APS-3 and D13 on the callback ticket", () => {
  it("APS-3: given a self-installer's return that is not eligible, when the callback ticket opens, then it keeps the referral (no troubleshooting)", async () => {
    const ticket = await run(
      Effect.gen(function* () {
        yield* commissionedSystem(licensed, [A])
        const s = yield* svc
        const result = yield* s.requestReturn(
          {
            rmaId: R1,
            systemId: sysId,
            serials: [A],
            shippingAddress: "home",
            requester: { _tag: "SelfInstaller", partyId: owner },
            requestedAt: "2025-05-02T09:30",
            proofOfOwnershipProvided: false
          },
          id("return")
        )
        expect(result.callbackTicket).toBeDefined()
        return yield* s.loadTicket(result.callbackTicket!)
      })
    )
    expect(ticket._tag === "Opened" && ticket.status).toBe("referred")
    expect(ticket._tag === "Opened" && ticket.referral).toMatchObject({ to: "qualified-installer", rule: "APS-3" })
    const refused = await exit(
      Effect.gen(function* () {
        yield* commissionedSystem(licensed, [A])
        const s = yield* svc
        const result = yield* s.requestReturn(
          {
            rmaId: R1,
            systemId: sysId,
            serials: [A],
            shippingAddress: "home",
            requester: { _tag: "SelfInstaller", partyId: owner },
            requestedAt: "2025-05-02T09:30",
            proofOfOwnershipProvided: false
          },
          id("return")
        )
        return yield* s.ticket(
          { _tag: "AskRequester", ticketId: result.callbackTicket!, question: "Which LED?", on: "2025-05-03" },
          id("ask")
        )
      })
    )
    expect(Exit.isFailure(refused) ? JSON.stringify(refused.cause) : "").toContain("APS-3")
  })

  it("D13/ENP-R6: given a not-eligible return on Friday 16:00, then support calls back between Monday 16:00 and Tuesday 16:00 (working-day hours)", async () => {
    const result = await run(
      Effect.gen(function* () {
        yield* commissionedSystem(licensed, [A])
        const s = yield* svc
        const r = yield* s.requestReturn(
          {
            rmaId: R1,
            systemId: sysId,
            serials: [B], // not a serial of this system
            shippingAddress: "depot",
            requester: installerRequester,
            requestedAt: "2025-05-16T16:00",
            proofOfOwnershipProvided: false
          },
          id("return")
        )
        return yield* s.loadTicket(r.callbackTicket!)
      })
    )
    expect(result._tag === "Opened" && result.callback).toEqual({
      earliest: "2025-05-19T16:00",
      latest: "2025-05-20T16:00"
    })
  })
})

describe("Views report what they cannot decode", () => {
  it("given an event of a known type whose data no longer decodes, when the views fold it, then it is reported, not skipped silently", async () => {
    const reported = await run(
      Effect.gen(function* () {
        yield* commissionedSystem(licensed, [A])
        const store = yield* EventStore.EventStore
        yield* store.append(
          Ticket.streamId(ticketId("T-BAD")),
          [
            {
              eventId: "bad-1",
              type: "TicketOpened",
              schemaVersion: 1,
              recordedAt: 0,
              data: { ticketId: "T-BAD" },
              metadata: { commandId: "bad" }
            }
          ],
          EventStore.noStream
        )
        const inline = yield* Projection.InlineProjections
        return Views.undecodable(yield* inline.get(Views.problems))
      })
    )
    expect(reported).toMatchObject([{ streamId: "ticket-T-BAD", type: "TicketOpened", version: 1 }])
    expect(reported[0]?.error).toContain("Cannot decode event TicketOpened")
  })
})
