/**
 * I1 — A return that is not eligible, and the callback that follows (ENP-W2, ENP-R6a, D1, D13).
 *
 * An installer asks for a self-service return of a monitoring gateway that stopped reporting.
 * The gateway's warranty (Enphase Envoy, 5 years from commissioning, D1) ended before the
 * request, so no RMA can be issued (ENP-W2): the return is not eligible. Support does not leave it
 * there: a callback ticket is opened at once, due between 24 and 48 business hours after the
 * request (ENP-R6a, D13 working-day hours). The agent calls back, notes the outcome and
 * closes the ticket.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { AfterSalesIds, AfterSalesService } from "@soltrace/aftersales"
import type { System, Ticket } from "@soltrace/aftersales"
import * as Scenario from "../Scenario.js"
import { installer } from "./S1LabourReimbursement.js"

const { PartyId, RmaId, Serial, SystemId } = AfterSalesIds

/**
 * @since 0.1.0
 */
export const scenario = Scenario.make({
  id: "I1",
  name: "return-not-eligible",
  title: "A return that is not eligible, and the support callback",
  rules: ["ENP-W2", "ENP-R6", "D1", "D13"],
  story:
    "System commissioned 2019-02-01 with an Enphase gateway (5-year warranty, D1: covered until 2024-01-31). On Monday " +
    "2025-03-10 at 10:00 the installer requests a return of the gateway. → not eligible under ENP-W2; a callback ticket " +
    "is opened, due between 24 and 48 working-day hours later (D13: Mon–Fri all day, French holidays): from Tuesday " +
    "2025-03-11 10:00 to Wednesday 2025-03-12 10:00. Support calls back on 2025-03-12 and closes the ticket.",
  expected: {
    outcome: "not-eligible",
    rule: "ENP-W2",
    lastCoveredDay: "2024-01-31",
    callbackTicket: "opened",
    callbackEarliest: "2025-03-11T10:00",
    callbackLatest: "2025-03-12T10:00",
    ticketStatus: "closed"
  },
  run: (t) =>
    Effect.gen(function* () {
      const service = yield* AfterSalesService.AfterSalesService
      const systemId = SystemId.make(t.id("sys"))
      const rmaId = RmaId.make(t.id("rma"))
      const gateway = Serial.make(t.id("ENV-0427"))
      const system = (command: System.Command) => t.exec(command._tag, command, (m) => service.system(command, m))

      yield* system({
        _tag: "RegisterSystem",
        systemId,
        registeredOn: "2019-02-01",
        country: "BE",
        ownerId: PartyId.make("owner-lambert"),
        installation: {
          _tag: "ByLicensedInstaller",
          installerId: installer.partyId,
          licenceNumber: installer.licenceNumber
        }
      })
      yield* system({
        _tag: "InstallDevice",
        systemId,
        serial: gateway,
        kind: "gateway",
        manufacturer: "Enphase",
        model: "Envoy-S",
        installedOn: "2019-02-01"
      })
      yield* system({ _tag: "RecordCommissioning", systemId, commissionedOn: "2019-02-01" })
      yield* system({ _tag: "RecordFault", systemId, serial: gateway, detectedOn: "2025-03-09", source: "monitoring" })

      t.note("ENP-R6: the installer requests a return of the gateway in the installer portal.", "2025-03-10")
      const request: AfterSalesService.RequestReturnInput = {
        rmaId,
        systemId,
        serials: [gateway],
        shippingAddress: "ADDR-SOLEIL-WALLON-WORKSHOP", // D16: an address id (personal-data store)
        requester: { _tag: "LicensedInstaller", ...installer },
        requestedAt: "2025-03-10T10:00",
        proofOfOwnershipProvided: true
      }
      const result = yield* t.exec("requestReturn", request, (m) => service.requestReturn(request, m))
      const notEligible = result.rma.events.find((e) => e._tag === "ReturnNotEligible")
      const ticketId = result.callbackTicket
      // D15: the callback (and its ticket) exists only under Enphase's programme — this is an Enphase gateway.
      if (
        notEligible?._tag !== "ReturnNotEligible" ||
        ticketId === undefined ||
        notEligible.callbackEarliest === undefined ||
        notEligible.callbackLatest === undefined
      ) {
        return Scenario.outcome({ outcome: "eligible", callbackTicket: "none" })
      }
      const warranty = notEligible.reasons.find((r) => r.rule === "ENP-W2" || r.rule === "ENP-W1")
      t.deadline({
        rule: "ENP-R6/D13",
        what: `call the installer back (not before ${notEligible.callbackEarliest})`,
        due: notEligible.callbackLatest
      })

      t.note("Support calls the installer back within the window and closes the ticket.", "2025-03-12")
      const agent = PartyId.make("agent-lea")
      const steps: ReadonlyArray<Ticket.Command> = [
        { _tag: "AssignHandler", ticketId, handlerId: agent, on: "2025-03-12" },
        {
          _tag: "AddNote",
          ticketId,
          authorId: agent,
          text: "Called the installer: the gateway is out of warranty since 2024-02-01; quoted a paid replacement.",
          on: "2025-03-12"
        },
        { _tag: "ResolveTicket", ticketId, resolution: "Out of warranty: paid replacement offered.", on: "2025-03-12" },
        { _tag: "CloseTicket", ticketId, on: "2025-03-12" }
      ]
      for (const command of steps) yield* t.exec(command._tag, command, (m) => service.ticket(command, m))
      const ticket = yield* service.loadTicket(ticketId)

      return Scenario.outcome({
        outcome: "not-eligible",
        rule: notEligible.reasons.some((r) => r.rule === "ENP-W2") ? "ENP-W2" : notEligible.reasons[0].rule,
        lastCoveredDay: String(warranty?.figures["lastCoveredDay"] ?? "unknown"),
        callbackTicket: "opened",
        callbackEarliest: notEligible.callbackEarliest,
        callbackLatest: notEligible.callbackLatest,
        ticketStatus: ticket._tag === "Opened" ? ticket.status : "none"
      })
    }).pipe(Effect.provide(AfterSalesService.layer))
})
