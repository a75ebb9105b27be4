import { describe, expect, it } from "vitest"
import { Rma } from "../src/index.js"
import type { Ticket } from "../src/index.js"
import * as DeciderSpec from "@soltrace/core/testing/DeciderSpec"
import { A, B, C, installer, licence, owner, RA, RB, rmaId, sysId } from "./fixtures.js"

const spec = DeciderSpec.for(Rma.decider)
const refusedWith = (rule: string) => (e: Rma.RmaCommandRefused) => e.reasons.some((r) => r.rule === rule)
const R1 = rmaId("RMA-1")
const installerRequester: Ticket.Requester = { _tag: "LicensedInstaller", partyId: installer, licenceNumber: licence }
const device = (serial: string, status: "current" | "retired" = "current", manufacturer = "Enphase") => ({
  serial,
  manufacturer,
  kind: "microinverter" as const,
  installedOn: "2024-03-01",
  status
})
const facts = (overrides: Partial<Rma.SystemFacts> = {}): Rma.SystemFacts => ({
  commissionedOn: "2024-03-10",
  installation: { _tag: "ByLicensedInstaller", licenceNumber: licence, installerAvailable: true },
  ownershipTransferred: false,
  devices: [device(A), device(B), device("MI-OLD", "retired")],
  ...overrides
})
type RequestReturn = Extract<Rma.Command, { _tag: "RequestReturn" }>
const request = (overrides: Partial<RequestReturn> = {}): RequestReturn => ({
  _tag: "RequestReturn",
  rmaId: R1,
  systemId: sysId,
  serials: [A, B],
  shippingAddress: "Installer depot, 3 rue des Ateliers, Lyon",
  requester: installerRequester,
  requestedAt: "2025-05-02T10:00",
  system: facts(),
  serialsInOpenRmas: [],
  proofOfOwnershipProvided: false,
  ...overrides
})
const decided = (command: Rma.Command, history: ReadonlyArray<Rma.Event> = []) => {
  const r = Rma.decide(command, history.reduce(Rma.evolve, Rma.initialState))
  if (r._tag !== "Success") throw new Error(r.failure.message)
  return r.success
}
const reasonRules = (events: ReadonlyArray<Rma.Event>) =>
  events.flatMap((e) =>
    e._tag === "ReturnNotEligible" || e._tag === "ReturnApproved" || e._tag === "ProofOfOwnershipRequested"
      ? e.reasons.map((r) => r.rule)
      : []
  )
const approved = decided(request())
const notEligible = decided(request({ requester: { _tag: "SelfInstaller", partyId: owner } }))
const awaitingProof = decided(request({ system: facts({ ownershipTransferred: true }) }))
const statusAfter = (events: ReadonlyArray<Rma.Event>) => {
  const s = events.reduce(Rma.evolve, Rma.initialState)
  return s._tag === "Requested" ? Rma.status(s) : "none"
}
const shipped = (original = A, replacement = RA): Rma.Event => ({
  _tag: "ReplacementShipped",
  rmaId: R1,
  original,
  replacement,
  carrier: "UPS",
  tracking: "1Z",
  shippedOn: "2025-05-03",
  shippingAddress: "Installer depot, 3 rue des Ateliers, Lyon"
})
const installedEv = (original = A, replacement = RA): Rma.Event => ({
  _tag: "ReplacementInstalled",
  rmaId: R1,
  original,
  replacement,
  installedOn: "2025-05-06"
})
const received = (serial = A): Rma.Event => ({
  _tag: "DefectiveUnitReceived",
  rmaId: R1,
  serial,
  receivedOn: "2025-05-20"
})

describe("RMA: request return (ENP-W2, ENP-R1, ENP-R2, ENP-R6, APS-2, APS-3, D1, D6)", () => {
  it("ENP-R6b/ENP-W2: an in-warranty request by a licensed installer is approved at once", () => {
    expect(approved.map((e) => e._tag)).toEqual(["ReturnRequested", "ReturnApproved"])
    expect(reasonRules(approved)).toEqual(expect.arrayContaining(["APS-2", "ENP-W2", "ENP-R6"]))
    expect(statusAfter(approved)).toBe("approved")
  })
  it("ENP-W2/D1: no RMA outside warranty (APsystems microinverter: 10 years from commissioning)", () => {
    const events = decided(
      request({
        requestedAt: "2034-03-10T10:00",
        system: facts({ devices: [device(A, "current", "APsystems"), device(B)] })
      })
    )
    expect(events.map((e) => e._tag)).toEqual(["ReturnRequested", "ReturnNotEligible"])
    expect(reasonRules(events)).toContain("ENP-W2")
    expect(statusAfter(events)).toBe("not-eligible")
  })
  it("ENP-R6a/D13: a not-eligible return carries the callback window, in working-day hours", () => {
    const e = notEligible.find((x) => x._tag === "ReturnNotEligible")
    expect(e?._tag === "ReturnNotEligible" && [e.callbackEarliest, e.callbackLatest]).toEqual([
      "2025-05-05T10:00",
      "2025-05-06T10:00"
    ]) // D13 (revised): Fri 10:00 + 24 h of working days (the weekend does not count) → Mon 10:00; + 48 h → Tue 10:00
  })
  it("D15/ENP-R6a: a not-eligible return of APsystems devices carries no callback window (the callback is Enphase's)", () => {
    const events = decided(
      request({
        serials: [A],
        requestedAt: "2034-03-10T10:00", // APsystems microinverter: 10 years from 2024-03-10 ended
        system: facts({ devices: [device(A, "current", "APsystems"), device(B, "current", "APsystems")] })
      })
    )
    const e = events.find((x) => x._tag === "ReturnNotEligible")
    expect(e?._tag).toBe("ReturnNotEligible")
    expect(e?._tag === "ReturnNotEligible" && [e.callbackEarliest, e.callbackLatest]).toEqual([undefined, undefined])
    expect(reasonRules(events)).not.toContain("ENP-R6")
  })
  it("APS-3: a self-installer's return request is not eligible and referred", () => {
    expect(reasonRules(notEligible)).toContain("APS-3")
    const e = notEligible.find((x) => x._tag === "ReturnNotEligible")
    expect(e?._tag === "ReturnNotEligible" && e.referral).toBe("qualified-installer")
  })
  it("ENP-R6/ENP-S4: a serial of another system, or a retired one, is not eligible", () => {
    expect(reasonRules(decided(request({ serials: [C] })))).toContain("ENP-R6")
    expect(reasonRules(decided(request({ serials: [rmaId("MI-OLD") as unknown as typeof A] })))).toContain("ENP-R6")
  })
  it("ENP-R1: a serial already in an open RMA is not eligible (a serial is never in two open RMAs)", () => {
    const events = decided(request({ serialsInOpenRmas: [A] }))
    expect(events.map((e) => e._tag)).toContain("ReturnNotEligible")
    expect(reasonRules(events)).toContain("ENP-R1")
  })
  it("D6: a non-compliant self-installed system gets no return", () => {
    expect(
      reasonRules(
        decided(request({ system: facts({ installation: { _tag: "SelfInstalled", endCustomerAccount: false } }) }))
      )
    ).toContain("D6")
  })
  it("ENP-R2: after an ownership transfer, proof of ownership is requested first", () => {
    expect(awaitingProof.map((e) => e._tag)).toEqual(["ReturnRequested", "ProofOfOwnershipRequested"])
    expect(statusAfter(awaitingProof)).toBe("awaiting-proof")
  })
  it("LIFECYCLE: a return is requested once per RMA", () => {
    spec.given(approved).when(request()).thenFails(refusedWith("LIFECYCLE"))
  })
})

describe("RMA: proof of ownership (ENP-R2)", () => {
  const provide: Rma.Command = {
    _tag: "ProvideProofOfOwnership",
    rmaId: R1,
    providedAt: "2025-05-03T09:00",
    system: facts({ ownershipTransferred: true }),
    serialsInOpenRmas: []
  }
  it("ENP-R2: with the proof, the return is approved", () => {
    const events = decided(provide, awaitingProof)
    expect(events.map((e) => e._tag)).toEqual(["ProofOfOwnershipProvided", "ReturnApproved"])
    expect(statusAfter([...awaitingProof, ...events])).toBe("approved")
  })
  it("LIFECYCLE: proof is refused when none is awaited", () => {
    spec.given(approved).when(provide).thenFails(refusedWith("LIFECYCLE"))
  })
})

describe("RMA: replacement and return of the defective unit (ENP-R3..R8)", () => {
  const ship: Rma.Command = {
    _tag: "ShipReplacement",
    rmaId: R1,
    original: A,
    replacement: RA,
    carrier: "UPS",
    tracking: "1Z",
    shippedOn: "2025-05-03"
  }
  const install = (installedOn = "2025-05-06"): Rma.Command => ({
    _tag: "RecordReplacementInstalled",
    rmaId: R1,
    original: A,
    replacement: RA,
    installedOn
  })
  it("ENP-R4: the replacement ships to the address given in the request", () => {
    spec.given(approved).when(ship).then([shipped()])
  })
  it("ENP-R4: nothing ships before approval; ENP-R1: nor for a serial outside the RMA; LIFECYCLE: not twice", () => {
    spec.given(notEligible).when(ship).thenFails(refusedWith("ENP-R4"))
    spec.given(awaitingProof).when(ship).thenFails(refusedWith("ENP-R4"))
    spec
      .given(approved)
      .when({
        _tag: "ShipReplacement",
        rmaId: R1,
        original: C,
        replacement: RA,
        carrier: "UPS",
        tracking: "1Z",
        shippedOn: "2025-05-03"
      })
      .thenFails(refusedWith("ENP-R1"))
    spec
      .given([...approved, shipped()])
      .when(ship)
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("ENP-R8: RecordReplacementInstalled records original and replacement serials", () => {
    spec
      .given([...approved, shipped()])
      .when(install())
      .then([installedEv()])
  })
  it("ENP-R7: replacing before the RMA is approved is refused (not eligible, awaiting proof, or dated before approval)", () => {
    spec.given(notEligible).when(install()).thenFails(refusedWith("ENP-R7"))
    spec.given(awaitingProof).when(install()).thenFails(refusedWith("ENP-R7"))
    spec.given(approved).when(install("2025-05-01")).thenFails(refusedWith("ENP-R7"))
    spec.when(install()).thenFails(refusedWith("ENP-R1"))
  })
  it("ENP-R1: not for a serial outside the RMA; LIFECYCLE: not twice", () => {
    spec
      .given(approved)
      .when({ _tag: "RecordReplacementInstalled", rmaId: R1, original: C, replacement: RA, installedOn: "2025-05-06" })
      .thenFails(refusedWith("ENP-R1"))
    spec
      .given([...approved, installedEv()])
      .when(install())
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("ENP-R8: ConfirmReplacement after installation; refused before it or twice", () => {
    const confirm: Rma.Command = { _tag: "ConfirmReplacement", rmaId: R1, original: A, confirmedOn: "2025-05-07" }
    spec
      .given([...approved, installedEv()])
      .when(confirm)
      .then([{ _tag: "ReplacementConfirmed", rmaId: R1, original: A, confirmedOn: "2025-05-07" }])
    spec.given(approved).when(confirm).thenFails(refusedWith("ENP-R8"))
    spec
      .given([
        ...approved,
        installedEv(),
        { _tag: "ReplacementConfirmed", rmaId: R1, original: A, confirmedOn: "2025-05-07" }
      ])
      .when(confirm)
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("ENP-R5: ShipDefectiveUnit with the prepaid label; ENP-R1: refused before approval; LIFECYCLE: not twice", () => {
    const back: Rma.Command = {
      _tag: "ShipDefectiveUnit",
      rmaId: R1,
      serial: A,
      carrier: "UPS",
      tracking: "1ZBACK",
      shippedOn: "2025-05-07"
    }
    spec
      .given([...approved, installedEv()])
      .when(back)
      .then([
        {
          _tag: "DefectiveUnitShipped",
          rmaId: R1,
          serial: A,
          carrier: "UPS",
          tracking: "1ZBACK",
          shippedOn: "2025-05-07"
        }
      ])
    spec.given(notEligible).when(back).thenFails(refusedWith("ENP-R1"))
    spec
      .given([
        ...approved,
        {
          _tag: "DefectiveUnitShipped",
          rmaId: R1,
          serial: A,
          carrier: "UPS",
          tracking: "1ZBACK",
          shippedOn: "2025-05-07"
        }
      ])
      .when(back)
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("ENP-R3: a unit matching the approved RMA is received; any other is an UnauthorizedReturnReceived", () => {
    const receive = (serial = A): Rma.Command => ({ _tag: "ReceiveUnit", rmaId: R1, serial, receivedOn: "2025-05-20" })
    spec.given(approved).when(receive()).then([received()])
    const [u1] = decided(receive(), notEligible)
    expect(u1?._tag === "UnauthorizedReturnReceived" && u1.reasons[0].rule).toBe("ENP-R3")
    expect(decided(receive(C), approved)[0]?._tag).toBe("UnauthorizedReturnReceived")
    expect(decided(receive())[0]?._tag).toBe("UnauthorizedReturnReceived")
    spec
      .given([...approved, received()])
      .when(receive())
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("status: the least advanced step of the devices", () => {
    expect(statusAfter([...approved, shipped()])).toBe("approved")
    expect(statusAfter([...approved, shipped(), shipped(B, RB)])).toBe("replacement-shipped")
    expect(statusAfter([...approved, shipped(), shipped(B, RB), installedEv(), installedEv(B, RB)])).toBe(
      "replacement-installed"
    )
    expect(statusAfter([...approved, installedEv(), installedEv(B, RB), received(), received(B)])).toBe(
      "defective-returned"
    )
  })
})

describe("RMA: close", () => {
  const close: Rma.Command = { _tag: "CloseRma", rmaId: R1, closedOn: "2025-06-01" }
  it("a not-eligible RMA, or an approved one whose units are all back, is closed", () => {
    spec
      .given(notEligible)
      .when(close)
      .then([{ _tag: "RmaClosed", rmaId: R1, closedOn: "2025-06-01" }])
    spec
      .given([...approved, received(), received(B)])
      .when(close)
      .thenState((s) => s._tag === "Requested" && Rma.status(s) === "closed")
  })
  it("LIFECYCLE/ENP-R5: refused while a defective unit is still out, or while awaiting proof", () => {
    spec
      .given([...approved, received()])
      .when(close)
      .thenFails(refusedWith("LIFECYCLE"))
    spec.given(awaitingProof).when(close).thenFails(refusedWith("LIFECYCLE"))
  })
  it("LIFECYCLE: a closed RMA accepts nothing but units arriving (ENP-R3)", () => {
    const closedHistory: Array<Rma.Event> = [...notEligible, { _tag: "RmaClosed", rmaId: R1, closedOn: "2025-06-01" }]
    spec.given(closedHistory).when(close).thenFails(refusedWith("LIFECYCLE"))
    expect(
      decided({ _tag: "ReceiveUnit", rmaId: R1, serial: A, receivedOn: "2025-06-02" }, closedHistory)[0]?._tag
    ).toBe("UnauthorizedReturnReceived")
  })
})
