/**
 * S1 — Two microinverters replaced the same day (ENP-L1..L7, D2).
 *
 * The installer's whole after-sales story, through the after-sales application service: the
 * system is registered and commissioned, the monitoring flags two microinverters, a self-service
 * return is approved (ENP-R6b), the replacements are shipped and installed on one day (ENP-R7,
 * ENP-R8), the defective units go back (ENP-R5, ENP-L4), and the labour reimbursement is claimed
 * for that intervention day (ENP-L1..L8, D2, D3). S2 and S3 replay the same story with other dates.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { AfterSalesIds, AfterSalesService, System } from "@soltrace/aftersales"
import type { EventStore } from "@soltrace/core"
import { Money } from "@soltrace/rules"
import * as Scenario from "../Scenario.js"
import type { Timeline } from "../Timeline.js"

const { LicenceNumber, PartyId, RmaId, Serial, SystemId } = AfterSalesIds

/** The dates that differ between S1, S2 and S3. */
export interface Dates {
  readonly commissionedOn: string
  readonly claimedOn: string
}

/** The installer of record (APS-1: licensed, with a licence number). */
export const installer = {
  partyId: PartyId.make("installer-soleil-wallon"),
  licenceNumber: LicenceNumber.make("LIC-4521")
}
/** D16: the id of the installer's workshop address in the personal-data store, never the address itself. */
const workshop = "ADDR-SOLEIL-WALLON-WORKSHOP"

/**
 * The story of S1 up to the claim: returns the labour-reimbursement event recorded on the System
 * (`LabourReimbursementClaimed` or `LabourReimbursementRefused`), as read back from the store.
 */
export const twoMicroinvertersReplaced = (
  t: Timeline,
  dates: Dates
): Effect.Effect<System.Event, unknown, EventStore.EventStore> =>
  Effect.gen(function* () {
    const service = yield* AfterSalesService.AfterSalesService
    const systemId = SystemId.make(t.id("sys"))
    const rmaId = RmaId.make(t.id("rma"))
    const [a, b] = [Serial.make(t.id("IQ8-0001")), Serial.make(t.id("IQ8-0002"))]
    const [newA, newB] = [Serial.make(t.id("IQ8-9001")), Serial.make(t.id("IQ8-9002"))]
    const system = (command: System.Command) => t.exec(command._tag, command, (m) => service.system(command, m))

    t.note(
      `The installer registers the system it installed and commissions it on ${dates.commissionedOn}.`,
      dates.commissionedOn
    )
    yield* system({
      _tag: "RegisterSystem",
      systemId,
      registeredOn: dates.commissionedOn,
      country: "BE",
      ownerId: PartyId.make("owner-dupont"),
      installation: {
        _tag: "ByLicensedInstaller",
        installerId: installer.partyId,
        licenceNumber: installer.licenceNumber
      }
    })
    for (const serial of [a, b]) {
      yield* system({
        _tag: "InstallDevice",
        systemId,
        serial,
        kind: "microinverter",
        manufacturer: "Enphase",
        model: "IQ8M",
        installedOn: dates.commissionedOn
      })
    }
    yield* system({ _tag: "RecordCommissioning", systemId, commissionedOn: dates.commissionedOn })

    t.note("ENP-L3: the monitoring platform detects both microinverters as defective.", "2025-04-28")
    for (const serial of [a, b]) {
      yield* system({ _tag: "RecordFault", systemId, serial, detectedOn: "2025-04-28", source: "monitoring" })
    }

    t.note(
      "ENP-R6: a self-service return request for both; ENP-W2/D1: both are under warranty, the return is approved.",
      "2025-05-02"
    )
    const request: AfterSalesService.RequestReturnInput = {
      rmaId,
      systemId,
      serials: [a, b],
      shippingAddress: workshop,
      requester: { _tag: "LicensedInstaller", ...installer },
      requestedAt: "2025-05-02T10:15",
      proofOfOwnershipProvided: true
    }
    yield* t.exec("requestReturn", request, (m) => service.requestReturn(request, m))

    for (const [original, replacement] of [
      [a, newA],
      [b, newB]
    ] as const) {
      const ship = {
        _tag: "ShipReplacement",
        rmaId,
        original,
        replacement,
        carrier: "DPD",
        tracking: `DPD-${replacement}`,
        shippedOn: "2025-05-03"
      } as const
      yield* t.exec(ship._tag, ship, (m) => service.rma(ship, m))
    }

    t.note(
      "ENP-R7/ENP-R8: both replaced the same day, after the authorization; the System records each replacement.",
      "2025-05-06"
    )
    for (const [original, replacement] of [
      [a, newA],
      [b, newB]
    ] as const) {
      const install = { rmaId, original, replacement, installedOn: "2025-05-06" }
      yield* t.exec("installReplacement", install, (m) => service.installReplacement(install, m))
    }
    t.note("ENP-R5/ENP-L4: the defective units go back with the prepaid label.", "2025-05-06")
    for (const serial of [a, b]) {
      const back = {
        _tag: "ShipDefectiveUnit",
        rmaId,
        serial,
        carrier: "DPD",
        tracking: `DPD-RET-${serial}`,
        shippedOn: "2025-05-06"
      } as const
      yield* t.exec(back._tag, back, (m) => service.rma(back, m))
    }

    t.note(
      `The installer claims labour reimbursement for the intervention of 2025-05-06 (D2: one claim per intervention day).`,
      dates.claimedOn
    )
    const claim = { systemId, interventionOn: "2025-05-06", claimedOn: dates.claimedOn, paymentAddress: workshop }
    const handled = yield* t.exec("claimLabourReimbursement", claim, (m) => service.claimLabourReimbursement(claim, m))

    // The outcome is read back from the store, as any later reader would see it.
    const recorded = (yield* t.read(System.streamId(systemId))).at(-1)
    const event = handled.events.at(-1)
    if (event === undefined || recorded === undefined || recorded.type !== event._tag) {
      return yield* Effect.die(new Error("no labour reimbursement event recorded"))
    }
    return event
  }).pipe(Effect.provide(AfterSalesService.layer))

/**
 * @since 0.1.0
 */
export const scenario = Scenario.make({
  id: "S1",
  name: "labour-reimbursement",
  title: "Two microinverters replaced the same day",
  rules: [
    "ENP-L1",
    "ENP-L2",
    "ENP-L3",
    "ENP-L4",
    "ENP-L5",
    "ENP-L6",
    "ENP-L7",
    "ENP-L8",
    "D2",
    "ENP-R6",
    "ENP-R7",
    "ENP-R8"
  ],
  story:
    "System commissioned 2024-03-10. On 2025-04-28 monitoring detects two microinverters as defective. A return for both is " +
    "approved on 2025-05-02; both are replaced on 2025-05-06 and shipped back. The installer claims labour reimbursement " +
    "on 2025-06-01. → eligible; €150 + €25 = €175.00.",
  expected: {
    outcome: "eligible",
    microinverters: 2,
    amount: "€175.00",
    vat: "excl",
    lastValidDay: "2025-11-06",
    paidByCheque: "€175.00"
  },
  run: (t) =>
    Effect.gen(function* () {
      const event = yield* twoMicroinvertersReplaced(t, { commissionedOn: "2024-03-10", claimedOn: "2025-06-01" })
      if (event._tag !== "LabourReimbursementClaimed") return Scenario.outcome({ outcome: event._tag })
      const amount = Money.excl(event.amountCents)
      t.amount("labour reimbursement (ENP-L7, D2)", amount)

      t.note("ENP-L8: the manufacturer pays by cheque, sent to the address entered in the claim.", "2025-06-20")
      const service = yield* AfterSalesService.AfterSalesService
      const pay: System.Command = {
        _tag: "PayLabourReimbursement",
        systemId: event.systemId,
        interventionOn: event.interventionOn,
        paidOn: "2025-06-20",
        chequeNumber: "CHQ-0048213"
      }
      const paid = (yield* t.exec(pay._tag, pay, (m) => service.system(pay, m))).events.find(
        (e) => e._tag === "LabourReimbursementPaid"
      )
      const l5 = event.reasons.find((r) => r.rule === "ENP-L5")
      return Scenario.outcome({
        outcome: "eligible",
        microinverters: event.serials.length,
        amount: Money.format(amount.cents),
        vat: amount.vat,
        lastValidDay: String(l5?.figures["lastValidDay"]),
        paidByCheque: paid?._tag === "LabourReimbursementPaid" ? Money.format(paid.amountCents) : "unpaid"
      })
    }).pipe(Effect.provide(AfterSalesService.layer))
})
