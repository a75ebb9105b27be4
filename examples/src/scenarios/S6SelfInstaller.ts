/**
 * S6 — Self-installer asks for troubleshooting (APS-3, D6).
 *
 * A private person installed their system themselves (bought from a distributor, APS-6). They
 * write to support about a technical problem. The support policy gives a self-installer no
 * troubleshooting by phone or e-mail: the ticket is referred to a qualified installer (APS-3) —
 * the requester is told where to go, never left without an answer — and a support agent cannot
 * start troubleshooting it afterwards.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { AfterSalesIds, AfterSalesService } from "@soltrace/aftersales"
import type { System } from "@soltrace/aftersales"
import * as Scenario from "../Scenario.js"

const { PartyId, Serial, SystemId, TicketId } = AfterSalesIds

/**
 * @since 0.1.0
 */
export const scenario = Scenario.make({
  id: "S6",
  name: "self-installer-support",
  title: "Self-installer asks for troubleshooting",
  rules: ["APS-3", "APS-6", "D6"],
  story:
    "A self-installer opens a technical ticket by e-mail about a system they installed themselves. → the ticket is " +
    "referred to a qualified installer; no troubleshooting is given.",
  expected: {
    outcome: "referred",
    referredTo: "qualified-installer",
    rule: "APS-3",
    troubleshootingRefusedUnder: "APS-3"
  },
  run: (t) =>
    Effect.gen(function* () {
      const service = yield* AfterSalesService.AfterSalesService
      const systemId = SystemId.make(t.id("sys"))
      const ticketId = TicketId.make(t.id("ticket"))
      const owner = PartyId.make("owner-martin")
      const serial = Serial.make(t.id("DS3-1001"))
      const system = (command: System.Command) => t.exec(command._tag, command, (m) => service.system(command, m))

      t.note(
        "D6: a self-installed system, sold by a distributor; no backing installer is recorded (APS-6).",
        "2025-02-14"
      )
      yield* system({
        _tag: "RegisterSystem",
        systemId,
        registeredOn: "2025-02-14",
        country: "BE",
        ownerId: owner,
        installation: { _tag: "SelfInstalled", distributorId: PartyId.make("distributor-solarbox") }
      })
      yield* system({
        _tag: "InstallDevice",
        systemId,
        serial,
        kind: "microinverter",
        manufacturer: "APsystems",
        model: "DS3",
        installedOn: "2025-02-14"
      })
      yield* system({ _tag: "RecordCommissioning", systemId, commissionedOn: "2025-02-15" })

      t.note("The owner writes to support: one panel produces nothing since yesterday.", "2025-06-10")
      const request: AfterSalesService.OpenTicketInput = {
        ticketId,
        systemId,
        openedAt: "2025-06-10T20:40",
        requester: { _tag: "SelfInstaller", partyId: owner },
        channel: "email",
        kind: "technical",
        subject: "One panel produces nothing",
        serials: [serial],
        description: "Since yesterday the monitoring shows 0 W on one panel. How do I reset the microinverter?"
      }
      const opened = yield* t.exec("openTicket", request, (m) => service.openTicket(request, m))
      const referred = opened.events.find((e) => e._tag === "TicketReferred")

      t.note("A support agent tries to take the ticket on anyway.", "2025-06-11")
      const assign = {
        _tag: "AssignHandler",
        ticketId,
        handlerId: PartyId.make("agent-lea"),
        on: "2025-06-11"
      } as const
      const refused = yield* t.refuse(assign._tag, assign, (m) => service.ticket(assign, m))
      const state = yield* service.loadTicket(ticketId)

      return Scenario.outcome({
        outcome: state._tag === "Opened" ? state.status : "not opened",
        referredTo: referred?._tag === "TicketReferred" ? referred.referredTo : "none",
        rule: referred?._tag === "TicketReferred" ? referred.rule : "none",
        troubleshootingRefusedUnder: refused._tag === "TicketCommandRefused" ? refused.reasons[0].rule : refused._tag
      })
    }).pipe(Effect.provide(AfterSalesService.layer))
})
