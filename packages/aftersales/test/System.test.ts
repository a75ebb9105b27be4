import { describe, expect, it } from "vitest"
import { System } from "../src/index.js"
import * as DeciderSpec from "@soltrace/core/testing/DeciderSpec"
import {
  A,
  B,
  C,
  commissioned,
  distributor,
  fault,
  GW,
  installed,
  installer,
  installer2,
  licence,
  licence2,
  licensed,
  owner,
  owner2,
  RA,
  RB,
  registered,
  replaced,
  rmaId,
  s1History,
  selfInstalled,
  serial,
  sysId
} from "./fixtures.js"

const spec = DeciderSpec.for(System.decider)
const rules = (e: System.SystemCommandRefused) => e.reasons.map((r) => r.rule)
const refusedWith = (rule: string) => (e: System.SystemCommandRefused) => rules(e).includes(rule)
const R1 = rmaId("RMA-1")
const approval = (serials = [A, B], approvedOn = "2025-05-02", id = R1) => ({ rmaId: id, serials, approvedOn })
const returnsAB = [
  { serial: A, rmaId: R1, rmaApprovedOn: "2025-05-02", shippedBack: true },
  { serial: B, rmaId: R1, rmaApprovedOn: "2025-05-02", shippedBack: true }
]
const claim = (
  claimedOn: string,
  returns: ReadonlyArray<System.ReturnFacts> = returnsAB,
  interventionOn = "2025-05-06"
): System.Command => ({
  _tag: "ClaimLabourReimbursement",
  systemId: sysId,
  interventionOn,
  claimedOn,
  paymentAddress: "12 rue du Soleil, 75001 Paris",
  returns
})

describe("System: register", () => {
  it("RegisterSystem records SystemRegistered", () => {
    const state = spec
      .when({
        _tag: "RegisterSystem",
        systemId: sysId,
        registeredOn: "2024-03-01",
        country: "FR",
        ownerId: owner,
        installation: licensed
      })
      .then([registered()])
    expect(state._tag).toBe("Registered")
  })
  it("LIFECYCLE: a system is registered once", () => {
    spec
      .given([registered()])
      .when({
        _tag: "RegisterSystem",
        systemId: sysId,
        registeredOn: "2024-03-02",
        country: "FR",
        ownerId: owner,
        installation: selfInstalled
      })
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("LIFECYCLE: no command on an unregistered system", () => {
    spec
      .when({ _tag: "RecordCommissioning", systemId: sysId, commissionedOn: "2024-03-10" })
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("D6/APS-6: a self-installed system is non-compliant until account and backing installer are recorded", () => {
    const s0 = spec
      .when({
        _tag: "RegisterSystem",
        systemId: sysId,
        registeredOn: "2024-03-01",
        country: "FR",
        ownerId: owner,
        installation: selfInstalled
      })
      .thenState((s) => s._tag === "Registered")
    expect(s0._tag === "Registered" && System.missingForCompliance(s0)).toEqual([
      "end-customer account",
      "backing licensed installer"
    ])
    const s1 = spec
      .given([registered(selfInstalled)])
      .when({ _tag: "RecordSelfInstallSupport", systemId: sysId, recordedOn: "2024-03-02", endCustomerAccount: owner })
      .thenState(() => true)
    expect(s1._tag === "Registered" && System.isCompliant(s1)).toBe(false)
    const s2 = spec
      .given([
        registered(selfInstalled),
        { _tag: "SelfInstallSupportRecorded", systemId: sysId, recordedOn: "2024-03-02", endCustomerAccount: owner }
      ])
      .when({
        _tag: "RecordSelfInstallSupport",
        systemId: sysId,
        recordedOn: "2024-03-03",
        backingInstaller: { installerId: installer, licenceNumber: licence }
      })
      .then([
        {
          _tag: "SelfInstallSupportRecorded",
          systemId: sysId,
          recordedOn: "2024-03-03",
          backingInstaller: { installerId: installer, licenceNumber: licence }
        }
      ])
    expect(s2._tag === "Registered" && System.isCompliant(s2)).toBe(true)
    expect(s2._tag === "Registered" && System.rulesInstallation(s2)).toEqual({
      _tag: "SelfInstalled",
      endCustomerAccount: true,
      backingInstallerLicence: licence
    })
  })
  it("APS-6: self-install support is refused on a system installed by a licensed installer, or when empty", () => {
    spec
      .given([registered()])
      .when({ _tag: "RecordSelfInstallSupport", systemId: sysId, recordedOn: "2024-03-02", endCustomerAccount: owner })
      .thenFails(refusedWith("APS-6"))
    spec
      .given([registered(selfInstalled)])
      .when({ _tag: "RecordSelfInstallSupport", systemId: sysId, recordedOn: "2024-03-02" })
      .thenFails(refusedWith("APS-6"))
  })
})

describe("System: commissioning and devices", () => {
  it("RecordCommissioning records SystemCommissioned, once (LIFECYCLE)", () => {
    spec
      .given([registered()])
      .when({ _tag: "RecordCommissioning", systemId: sysId, commissionedOn: "2024-03-10" })
      .then([commissioned()])
    spec
      .given([registered(), commissioned()])
      .when({ _tag: "RecordCommissioning", systemId: sysId, commissionedOn: "2024-04-10" })
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("InstallDevice records DeviceInstalled", () => {
    spec
      .given([registered()])
      .when({
        _tag: "InstallDevice",
        systemId: sysId,
        serial: A,
        kind: "microinverter",
        manufacturer: "Enphase",
        model: "IQ7+",
        installedOn: "2024-03-01"
      })
      .then([installed(A)])
  })
  it("ENP-S4: a serial is unique across the system, current or retired", () => {
    const cmd: System.Command = {
      _tag: "InstallDevice",
      systemId: sysId,
      serial: A,
      kind: "microinverter",
      manufacturer: "Enphase",
      model: "IQ7+",
      installedOn: "2024-06-01"
    }
    spec
      .given([registered(), installed(A)])
      .when(cmd)
      .thenFails(refusedWith("ENP-S4"))
    spec
      .given([
        registered(),
        installed(A),
        { _tag: "DeviceRetired", systemId: sysId, serial: A, retiredOn: "2024-05-01" }
      ])
      .when(cmd)
      .thenFails(refusedWith("ENP-S4"))
  })
  it("RetireDevice records DeviceRetired; refused for an unknown serial (ENP-S4) or a retired one (LIFECYCLE)", () => {
    const retire: System.Command = { _tag: "RetireDevice", systemId: sysId, serial: A, retiredOn: "2024-05-01" }
    spec
      .given([registered(), installed(A)])
      .when(retire)
      .then([{ _tag: "DeviceRetired", systemId: sysId, serial: A, retiredOn: "2024-05-01" }])
    spec.given([registered()]).when(retire).thenFails(refusedWith("ENP-S4"))
    spec
      .given([
        registered(),
        installed(A),
        { _tag: "DeviceRetired", systemId: sysId, serial: A, retiredOn: "2024-05-01" }
      ])
      .when(retire)
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("RecordFault records DeviceFaultDetected with its source (ENP-L3); refused for a foreign (ENP-S4) or retired serial", () => {
    const rec = (s = A): System.Command => ({
      _tag: "RecordFault",
      systemId: sysId,
      serial: s,
      detectedOn: "2025-04-28",
      source: "monitoring"
    })
    spec
      .given([registered(), installed(A)])
      .when(rec())
      .then([fault(A)])
    spec
      .given([registered(), installed(A)])
      .when(rec(C))
      .thenFails(refusedWith("ENP-S4"))
    spec
      .given([
        registered(),
        installed(A),
        { _tag: "DeviceRetired", systemId: sysId, serial: A, retiredOn: "2024-05-01" }
      ])
      .when(rec())
      .thenFails(refusedWith("LIFECYCLE"))
  })
})

describe("System: replace device (ENP-R7, ENP-R8)", () => {
  const replace = (overrides: Partial<Extract<System.Command, { _tag: "ReplaceDevice" }>> = {}): System.Command => ({
    _tag: "ReplaceDevice",
    systemId: sysId,
    original: A,
    replacement: RA,
    rmaId: R1,
    replacedOn: "2025-05-06",
    approval: approval(),
    ...overrides
  })
  it("ENP-R8: DeviceReplaced retires the original and installs the replacement, which continues its term (D1)", () => {
    const state = spec
      .given(s1History())
      .when(replace())
      .then([replaced(A, RA)])
    if (state._tag !== "Registered") throw new Error("registered")
    expect(state.devices[A]?.status).toBe("retired")
    expect(state.devices[A]?.replacedBy).toBe(RA)
    expect(state.devices[RA]).toMatchObject({
      status: "current",
      replaces: A,
      kind: "microinverter",
      installedOn: "2025-05-06"
    })
    expect(System.rulesDevices(state).find((d) => d.serial === RA)?.replacesTermStart).toBe("2024-03-10")
  })
  it("ENP-R7: replacing a device before its RMA is approved is refused", () => {
    spec
      .given(s1History())
      .when(replace({ approval: undefined }))
      .thenFails(refusedWith("ENP-R7"))
  })
  it("ENP-R7: an approval for another serial or another RMA does not count", () => {
    spec
      .given(s1History())
      .when(replace({ approval: approval([B]) }))
      .thenFails(refusedWith("ENP-R7"))
    spec
      .given(s1History())
      .when(replace({ approval: approval([A, B], "2025-05-02", rmaId("RMA-9")) }))
      .thenFails(refusedWith("ENP-R7"))
  })
  it("ENP-R7: a replacement dated before the approval is refused, the same day is accepted", () => {
    spec
      .given(s1History())
      .when(replace({ replacedOn: "2025-05-01" }))
      .thenFails(refusedWith("ENP-R7"))
    spec
      .given(s1History())
      .when(replace({ replacedOn: "2025-05-02" }))
      .thenState((s) => s._tag === "Registered" && s.devices[RA] !== undefined)
  })
  it("ENP-S4/ENP-R8: the original must be a current device of the system, the replacement serial new", () => {
    spec
      .given(s1History())
      .when(replace({ original: C }))
      .thenFails(refusedWith("ENP-S4"))
    spec
      .given([...s1History(), replaced(A, RA)])
      .when(replace({ replacement: RB }))
      .thenFails(refusedWith("ENP-R8"))
    spec
      .given(s1History())
      .when(replace({ replacement: B }))
      .thenFails(refusedWith("ENP-S4"))
  })
})

describe("System: owner and installer (APS-4, APS-5)", () => {
  it("TransferOwnership records OwnershipTransferred; the same owner is refused", () => {
    const state = spec
      .given([registered()])
      .when({ _tag: "TransferOwnership", systemId: sysId, newOwnerId: owner2, transferredOn: "2025-01-01" })
      .then([
        {
          _tag: "OwnershipTransferred",
          systemId: sysId,
          previousOwnerId: owner,
          newOwnerId: owner2,
          transferredOn: "2025-01-01"
        }
      ])
    expect(state._tag === "Registered" && state.ownershipTransferred).toBe(true)
    spec
      .given([registered()])
      .when({ _tag: "TransferOwnership", systemId: sysId, newOwnerId: owner, transferredOn: "2025-01-01" })
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("APS-5: MarkInstallerUnavailable records InstallerUnavailable; ChangeInstallerOfRecord makes help available again", () => {
    const s1 = spec
      .given([registered()])
      .when({ _tag: "MarkInstallerUnavailable", systemId: sysId, on: "2025-01-01" })
      .then([{ _tag: "InstallerUnavailable", systemId: sysId, installerId: installer, on: "2025-01-01" }])
    expect(s1._tag === "Registered" && System.rulesInstallation(s1)).toEqual({
      _tag: "ByLicensedInstaller",
      licenceNumber: licence,
      installerAvailable: false
    })
    const s2 = spec
      .given([
        registered(),
        { _tag: "InstallerUnavailable", systemId: sysId, installerId: installer, on: "2025-01-01" }
      ])
      .when({
        _tag: "ChangeInstallerOfRecord",
        systemId: sysId,
        installer: { installerId: installer2, licenceNumber: licence2 },
        changedOn: "2025-02-01"
      })
      .then([
        {
          _tag: "InstallerOfRecordChanged",
          systemId: sysId,
          installer: { installerId: installer2, licenceNumber: licence2 },
          changedOn: "2025-02-01"
        }
      ])
    expect(s2._tag === "Registered" && System.rulesInstallation(s2)).toEqual({
      _tag: "ByLicensedInstaller",
      licenceNumber: licence2,
      installerAvailable: true
    })
  })
  it("APS-5: a self-installed system has no installer of record to mark unavailable; twice is refused", () => {
    spec
      .given([registered(selfInstalled)])
      .when({ _tag: "MarkInstallerUnavailable", systemId: sysId, on: "2025-01-01" })
      .thenFails(refusedWith("APS-5"))
    spec
      .given([
        registered(),
        { _tag: "InstallerUnavailable", systemId: sysId, installerId: installer, on: "2025-01-01" }
      ])
      .when({ _tag: "MarkInstallerUnavailable", systemId: sysId, on: "2025-01-02" })
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("APS-5: a self-installed system taken over by a licensed installer becomes compliant", () => {
    const s = spec
      .given([registered(selfInstalled)])
      .when({
        _tag: "ChangeInstallerOfRecord",
        systemId: sysId,
        installer: { installerId: installer, licenceNumber: licence },
        changedOn: "2025-02-01"
      })
      .thenState(() => true)
    expect(s._tag === "Registered" && System.isCompliant(s)).toBe(true)
    expect(distributor).toBeDefined()
  })
})

describe("System: labour reimbursement (ENP-L1..L8, D2, D3)", () => {
  const afterS1 = (commissionedOn = "2024-03-10") => [...s1History(commissionedOn), replaced(A, RA), replaced(B, RB)]
  const claimed = (): System.Event => ({
    _tag: "LabourReimbursementClaimed",
    systemId: sysId,
    interventionOn: "2025-05-06",
    claimedOn: "2025-06-01",
    amountCents: 17500,
    serials: [A, B],
    paymentAddress: "12 rue du Soleil, 75001 Paris",
    reasons: []
  })
  it("S1/ENP-L7/D2: two microinverters replaced the same day → LabourReimbursementClaimed of €175.00", () => {
    const state = spec
      .given(afterS1())
      .when(claim("2025-06-01"))
      .thenState(() => true)
    expect(state._tag === "Registered" && state.claims["2025-05-06"]?.amountCents).toBe(17500)
    const e = System.decide(claim("2025-06-01"), System.initialState)
    expect(e._tag).toBe("Failure")
  })
  it("S2/ENP-L5/D3: a claim on 2025-11-07 is refused (last valid day 2025-11-06) — recorded as LabourReimbursementRefused", () => {
    const onTime = spec
      .given(afterS1())
      .when(claim("2025-11-06"))
      .thenState(() => true)
    expect(onTime._tag === "Registered" && onTime.claims["2025-05-06"]).toBeDefined()
    const late = System.decide(claim("2025-11-07"), afterS1().reduce(System.evolve, System.initialState))
    if (late._tag !== "Success") throw new Error("expected an event")
    const [event] = late.success
    expect(event?._tag).toBe("LabourReimbursementRefused")
    expect(event?._tag === "LabourReimbursementRefused" && event.reasons.map((r) => r.rule)).toContain("ENP-L5")
    expect(JSON.stringify(event)).toContain("2025-11-06")
  })
  it("S3/ENP-L1/D3: commissioned 2023-05-06, intervention 2025-05-06 → refused under ENP-L1", () => {
    const r = System.decide(claim("2025-06-01"), afterS1("2023-05-06").reduce(System.evolve, System.initialState))
    if (r._tag !== "Success") throw new Error("expected an event")
    expect(r.success[0]?._tag === "LabourReimbursementRefused" && r.success[0].reasons.map((x) => x.rule)).toContain(
      "ENP-L1"
    )
  })
  it("D2: at most one claim per system and intervention day", () => {
    spec
      .given([...afterS1(), claimed()])
      .when(claim("2025-06-02"))
      .thenFails(refusedWith("D2"))
  })
  it("D2: a day without replaced device has nothing to claim", () => {
    spec
      .given(afterS1())
      .when(claim("2025-06-01", returnsAB, "2025-05-07"))
      .thenFails(refusedWith("D2"))
  })
  it("ENP-L1: a claim on a system without commissioning date is refused", () => {
    spec
      .given([registered(), installed(A)])
      .when(claim("2025-06-01"))
      .thenFails(refusedWith("ENP-L1"))
  })
  it("ENP-L3: a device found by a person, not by monitoring, is not counted → €150.00 for the other one", () => {
    const history = [
      registered(),
      installed(A),
      installed(B),
      commissioned(),
      fault(A),
      fault(B, "2025-04-28", "manual"),
      replaced(A, RA),
      replaced(B, RB)
    ]
    const s = spec
      .given(history)
      .when(claim("2025-06-01"))
      .thenState(() => true)
    expect(s._tag === "Registered" && s.claims["2025-05-06"]?.amountCents).toBe(15000)
  })
  it("ENP-L4/ENP-L6: units not shipped back, or without an RMA approved before the claim, are not reimbursed", () => {
    const notShipped = [
      { ...returnsAB[0]!, shippedBack: false },
      { ...returnsAB[1]!, shippedBack: false }
    ]
    const r = System.decide(claim("2025-06-01", notShipped), afterS1().reduce(System.evolve, System.initialState))
    expect(
      r._tag === "Success" &&
        r.success[0]?._tag === "LabourReimbursementRefused" &&
        r.success[0].reasons.map((x) => x.rule)
    ).toContain("ENP-L4")
    const lateRma = [
      { ...returnsAB[0]!, rmaApprovedOn: "2025-06-02" },
      { ...returnsAB[1]!, rmaApprovedOn: undefined }
    ]
    const r2 = System.decide(claim("2025-06-01", lateRma), afterS1().reduce(System.evolve, System.initialState))
    expect(
      r2._tag === "Success" &&
        r2.success[0]?._tag === "LabourReimbursementRefused" &&
        r2.success[0].reasons.map((x) => x.rule)
    ).toContain("ENP-L6")
  })
  it("ENP-L4/D2: a refused claim does not use up the day — a claim once the units are shipped back is accepted", () => {
    const notShipped = returnsAB.map((r) => ({ ...r, shippedBack: false }))
    const first = System.decide(claim("2025-06-01", notShipped), afterS1().reduce(System.evolve, System.initialState))
    if (first._tag !== "Success") throw new Error("expected an event")
    const s = spec
      .given([...afterS1(), ...first.success])
      .when(claim("2025-06-10"))
      .thenState(() => true)
    expect(s._tag === "Registered" && s.claims["2025-05-06"]?.amountCents).toBe(17500)
  })
  it("ENP-L8: PayLabourReimbursement pays the claim by cheque to the claim's address; refused without a claim or twice", () => {
    const pay: System.Command = {
      _tag: "PayLabourReimbursement",
      systemId: sysId,
      interventionOn: "2025-05-06",
      paidOn: "2025-07-01",
      chequeNumber: "CHQ-1"
    }
    spec
      .given([...afterS1(), claimed()])
      .when(pay)
      .then([
        {
          _tag: "LabourReimbursementPaid",
          systemId: sysId,
          interventionOn: "2025-05-06",
          paidOn: "2025-07-01",
          amountCents: 17500,
          paymentAddress: "12 rue du Soleil, 75001 Paris",
          chequeNumber: "CHQ-1"
        }
      ])
    spec.given(afterS1()).when(pay).thenFails(refusedWith("ENP-L8"))
    spec
      .given([
        ...afterS1(),
        claimed(),
        {
          _tag: "LabourReimbursementPaid",
          systemId: sysId,
          interventionOn: "2025-05-06",
          paidOn: "2025-07-01",
          amountCents: 17500,
          paymentAddress: "x",
          chequeNumber: "CHQ-1"
        }
      ])
      .when(pay)
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("ENP-L2: a gateway replaced that day is not counted", () => {
    const history = [...s1History(), fault(GW), replaced(A, RA), replaced(GW, serial("GW-2"))]
    const s = spec
      .given(history)
      .when(
        claim("2025-06-01", [returnsAB[0]!, { serial: GW, rmaId: R1, rmaApprovedOn: "2025-05-02", shippedBack: true }])
      )
      .thenState(() => true)
    expect(s._tag === "Registered" && s.claims["2025-05-06"]).toMatchObject({ amountCents: 15000, serials: [A] })
  })
})
