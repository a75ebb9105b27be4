/**
 * Shared fixtures of the after-sales tests.
 */
import { AfterSalesIds } from "../src/index.js"
import type { System } from "../src/index.js"

export const sysId = AfterSalesIds.SystemId.make("SYS-1")
export const owner = AfterSalesIds.PartyId.make("owner-1")
export const owner2 = AfterSalesIds.PartyId.make("owner-2")
export const installer = AfterSalesIds.PartyId.make("inst-1")
export const installer2 = AfterSalesIds.PartyId.make("inst-2")
export const distributor = AfterSalesIds.PartyId.make("dist-1")
export const licence = AfterSalesIds.LicenceNumber.make("LIC-42")
export const licence2 = AfterSalesIds.LicenceNumber.make("LIC-77")
export const agent = AfterSalesIds.PartyId.make("agent-7")
export const serial = (s: string) => AfterSalesIds.Serial.make(s)
export const rmaId = (s: string) => AfterSalesIds.RmaId.make(s)
export const ticketId = (s: string) => AfterSalesIds.TicketId.make(s)
export const A = serial("MI-A")
export const B = serial("MI-B")
export const C = serial("MI-C")
export const GW = serial("GW-1")
export const RA = serial("MI-RA")
export const RB = serial("MI-RB")

export const licensed: System.Installation = {
  _tag: "ByLicensedInstaller",
  installerId: installer,
  licenceNumber: licence
}
export const selfInstalled: System.Installation = { _tag: "SelfInstalled", distributorId: distributor }

export const registered = (installation: System.Installation = licensed): System.Event => ({
  _tag: "SystemRegistered",
  systemId: sysId,
  registeredOn: "2024-03-01",
  country: "FR",
  ownerId: owner,
  installation
})

export const commissioned = (on = "2024-03-10"): System.Event => ({
  _tag: "SystemCommissioned",
  systemId: sysId,
  commissionedOn: on
})

export const installed = (
  s: AfterSalesIds.Serial,
  kind: System.DeviceKind = "microinverter",
  on = "2024-03-01"
): System.Event => ({
  _tag: "DeviceInstalled",
  systemId: sysId,
  serial: s,
  kind,
  manufacturer: "Enphase",
  model: kind === "microinverter" ? "IQ7+" : "Envoy-S",
  installedOn: on
})

export const fault = (
  s: AfterSalesIds.Serial,
  on = "2025-04-28",
  source: System.FaultSource = "monitoring"
): System.Event => ({
  _tag: "DeviceFaultDetected",
  systemId: sysId,
  serial: s,
  detectedOn: on,
  source
})

export const replaced = (
  original: AfterSalesIds.Serial,
  replacement: AfterSalesIds.Serial,
  on = "2025-05-06",
  rma = rmaId("RMA-1"),
  approvedOn = "2025-05-02"
): System.Event => ({
  _tag: "DeviceReplaced",
  systemId: sysId,
  original,
  replacement,
  model: "IQ7+",
  rmaId: rma,
  replacedOn: on,
  approvedOn
})

/** S1's system: commissioned 2024-03-10, two microinverters and a gateway, both micros flagged by monitoring on 2025-04-28. */
export const s1History = (commissionedOn = "2024-03-10"): Array<System.Event> => [
  registered(),
  installed(A),
  installed(B),
  installed(GW, "gateway"),
  commissioned(commissionedOn),
  fault(A),
  fault(B)
]
