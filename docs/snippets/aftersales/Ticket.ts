import assert from "node:assert/strict"
import { Decider } from "@soltrace/core"
import { AfterSalesIds, Ticket } from "@soltrace/aftersales"
import { Result } from "effect"

// Scenario S6: a self-installer asks for troubleshooting by e-mail (APS-3).
const ticketId = AfterSalesIds.TicketId.make("T-1")
const opened = Ticket.decide(
  {
    _tag: "OpenTicket",
    ticketId,
    systemId: AfterSalesIds.SystemId.make("SYS-6"),
    openedAt: "2025-04-02T20:15",
    requester: { _tag: "SelfInstaller", partyId: AfterSalesIds.PartyId.make("owner-6") },
    channel: "email",
    kind: "technical",
    subject: "Inverter LED blinking red",
    serials: [AfterSalesIds.Serial.make("DS3-1")],
    description: "How do I reset it?",
    // Loaded from the System by the application service: its serials (ENP-S4) and installation.
    system: {
      serials: [AfterSalesIds.Serial.make("DS3-1")],
      installation: { _tag: "SelfInstalled", endCustomerAccount: false }
    }
  },
  Ticket.initialState
)
assert.ok(Result.isSuccess(opened))
const [referred] = opened.success
// Never left without an answer: the requester is told where to go.
assert.equal(referred?._tag, "TicketReferred")
assert.deepStrictEqual(referred?._tag === "TicketReferred" && [referred.referredTo, referred.rule], [
  "qualified-installer",
  "APS-3"
])

// A referred ticket never gets troubleshooting: no handler is assigned.
const state = Decider.fold(Ticket.decider, opened.success)
const assign = Ticket.decide(
  { _tag: "AssignHandler", ticketId, handlerId: AfterSalesIds.PartyId.make("agent-1"), on: "2025-04-03" },
  state
)
assert.ok(Result.isFailure(assign))
assert.equal(assign.failure.reasons[0].rule, "APS-3")
