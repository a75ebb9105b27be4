/**
 * The after-sales reference scenarios (S1, S2, S3, S6) as Effect programs on the application
 * service, so that they can run on any event store.
 */
import { Effect } from "effect"
import { AfterSalesIds, AfterSalesService } from "../src/index.js"
import type { System, Ticket } from "../src/index.js"
import { A, B, GW, installer, licence, owner, RA, RB, rmaId, sysId, ticketId } from "./fixtures.js"

export const R1 = rmaId("RMA-1")
export const installerRequester: Ticket.Requester = {
  _tag: "LicensedInstaller",
  partyId: installer,
  licenceNumber: licence
}
/** D16: the id of the installer's cheque address in the personal-data store. */
export const paymentAddress = "ADDR-SOLAIRE-PRO"

/** Installed by the licensed installer of `installerRequester`. */
export const licensed: System.Installation = {
  _tag: "ByLicensedInstaller",
  installerId: installer,
  licenceNumber: licence
}

/**
 * A system registered on 2024-01-01 with Enphase IQ7 microinverters `serials` installed that day,
 * commissioned on 2024-01-02.
 */
export const commissionedSystem = (installation: System.Installation, serials: ReadonlyArray<AfterSalesIds.Serial>) =>
  Effect.gen(function* () {
    const svc = yield* AfterSalesService.AfterSalesService
    yield* svc.system(
      {
        _tag: "RegisterSystem",
        systemId: sysId,
        registeredOn: "2024-01-01",
        country: "FR",
        ownerId: owner,
        installation
      },
      { commandId: "register" }
    )
    for (const serial of serials) {
      yield* svc.system(
        {
          _tag: "InstallDevice",
          systemId: sysId,
          serial,
          kind: "microinverter",
          manufacturer: "Enphase",
          model: "IQ7",
          installedOn: "2024-01-01"
        },
        { commandId: `install-${serial}` }
      )
    }
    yield* svc.system(
      { _tag: "RecordCommissioning", systemId: sysId, commissionedOn: "2024-01-02" },
      { commandId: "commission" }
    )
  })

let counter = 0
const id = (name: string) => ({ commandId: `${name}#${++counter}` })

/** S1 up to the intervention: system commissioned on `commissionedOn`, two microinverters detected on 2025-04-28, return approved 2025-05-02, replaced and shipped back 2025-05-06. */
export const interventionOf = (
  commissionedOn: string,
  installation: System.Installation = { _tag: "ByLicensedInstaller", installerId: installer, licenceNumber: licence },
  manufacturer = "Enphase"
) =>
  Effect.gen(function* () {
    const svc = yield* AfterSalesService.AfterSalesService
    yield* svc.system(
      {
        _tag: "RegisterSystem",
        systemId: sysId,
        registeredOn: "2023-01-01",
        country: "FR",
        ownerId: owner,
        installation
      },
      id("register")
    )
    for (const s of [A, B]) {
      yield* svc.system(
        {
          _tag: "InstallDevice",
          systemId: sysId,
          serial: s,
          kind: "microinverter",
          manufacturer,
          model: manufacturer === "Enphase" ? "IQ7+" : "DS3",
          installedOn: commissionedOn
        },
        id("install")
      )
    }
    yield* svc.system(
      {
        _tag: "InstallDevice",
        systemId: sysId,
        serial: GW,
        kind: "gateway",
        manufacturer,
        model: manufacturer === "Enphase" ? "Envoy-S" : "ECU-R",
        installedOn: commissionedOn
      },
      id("install")
    )
    yield* svc.system({ _tag: "RecordCommissioning", systemId: sysId, commissionedOn }, id("commission"))
    for (const s of [A, B]) {
      yield* svc.system(
        { _tag: "RecordFault", systemId: sysId, serial: s, detectedOn: "2025-04-28", source: "monitoring" },
        id("fault")
      )
    }
    const ret = yield* svc.requestReturn(
      {
        rmaId: R1,
        systemId: sysId,
        serials: [A, B],
        shippingAddress: "ADDR-SOLAIRE-PRO-DEPOT",
        requester: installerRequester,
        requestedAt: "2025-05-02T09:30",
        proofOfOwnershipProvided: false
      },
      id("return")
    )
    for (const [original, replacement] of [
      [A, RA],
      [B, RB]
    ] as const) {
      yield* svc.rma(
        {
          _tag: "ShipReplacement",
          rmaId: R1,
          original,
          replacement,
          carrier: "DHL",
          tracking: `TRK-${replacement}`,
          shippedOn: "2025-05-03"
        },
        id("ship")
      )
      yield* svc.installReplacement({ rmaId: R1, original, replacement, installedOn: "2025-05-06" }, id("replace"))
      yield* svc.rma(
        {
          _tag: "ShipDefectiveUnit",
          rmaId: R1,
          serial: original,
          carrier: "DHL",
          tracking: `BACK-${original}`,
          shippedOn: "2025-05-06"
        },
        id("back")
      )
    }
    return ret
  })

/** S1 (claim 2025-06-01), S2 (claim 2025-11-07), S3 (commissioned 2023-05-06). */
export const labourClaim = (commissionedOn: string, claimedOn: string) =>
  Effect.gen(function* () {
    const svc = yield* AfterSalesService.AfterSalesService
    yield* interventionOf(commissionedOn)
    return yield* svc.claimLabourReimbursement(
      { systemId: sysId, interventionOn: "2025-05-06", claimedOn, paymentAddress },
      id("claim")
    )
  })

/** S6: a self-installer opens a technical ticket by e-mail about the system they installed themselves. */
export const s6 = Effect.gen(function* () {
  const svc = yield* AfterSalesService.AfterSalesService
  yield* svc.system(
    {
      _tag: "RegisterSystem",
      systemId: sysId,
      registeredOn: "2025-03-01",
      country: "BE",
      ownerId: owner,
      installation: { _tag: "SelfInstalled", distributorId: AfterSalesIds.PartyId.make("dist-1") }
    },
    id("register")
  )
  yield* svc.system(
    {
      _tag: "InstallDevice",
      systemId: sysId,
      serial: A,
      kind: "microinverter",
      manufacturer: "APsystems",
      model: "DS3",
      installedOn: "2025-03-01"
    },
    id("install")
  )
  return yield* svc.openTicket(
    {
      ticketId: ticketId("T-S6"),
      systemId: sysId,
      openedAt: "2025-04-02T20:15",
      requester: { _tag: "SelfInstaller", partyId: owner },
      channel: "email",
      kind: "technical",
      subject: "Inverter LED blinking red",
      serials: [A],
      description: "How do I reset it?"
    },
    id("open")
  )
})
