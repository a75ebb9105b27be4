/**
 * The five D15/D6 mismatches the outside audit of the after-sales rules reported (see
 * AuditAfterSales.test.ts), each shown through the public API as a user imports it. Expected
 * values are read from D6 and D15 (decisions.md, revised 2026-12) and the seeds they cite.
 */
import { describe, expect, it } from "vitest"
import type { Decision } from "../src/index.js"
import { Programmes, ReturnEligibility, SupportRouting } from "../src/index.js"

const rulesOf = (reasons: ReadonlyArray<Decision.Reason>): ReadonlyArray<string> => reasons.map((r) => r.rule)

const on = "2026-11-23" // a Monday
const enphase = Programmes.inForce(Programmes.defaultTable, "Enphase", on)
const apsystems = Programmes.inForce(Programmes.defaultTable, "APsystems", on)
const acme = Programmes.inForce(Programmes.defaultTable, "Acme", on) // no programme in the data

const byPro = { _tag: "ByLicensedInstaller", licenceNumber: "LIC-9", installerAvailable: true } as const
const selfNonCompliant = { _tag: "SelfInstalled", endCustomerAccount: false } as const
const selfCompliant = { _tag: "SelfInstalled", endCustomerAccount: true, backingInstallerLicence: "LIC-7" } as const

const ask = (over: Partial<SupportRouting.SupportRequest>): SupportRouting.Routing =>
  SupportRouting.route({
    requester: { _tag: "Owner" },
    installation: byPro,
    kind: "technical",
    channel: "email", // e-mail: no ENP-C1 answer-time reason from the response part
    at: `${on}T10:00`,
    hasSystemOrSerialNumber: true,
    ...over
  })

// ---------------------------------------------------------------------------------------------
// 1. D15: ENP-C* is Enphase's — a non-technical request outside Enphase's programme cites D15
// ---------------------------------------------------------------------------------------------

describe("D15 — a non-technical request outside Enphase's programme cites no ENP-C1", () => {
  for (const [label, support] of [
    ["APsystems' programme", apsystems.support],
    ["no programme in the data", acme.support],
    ["no programme given", undefined]
  ] as const) {
    it(`D15: under ${label}, an owner's "other" request is answered by support citing D15, not ENP-C1`, () => {
      const r = ask({ kind: "other", ...(support !== undefined ? { support } : {}) })
      expect(r.route).toEqual({ _tag: "Answer", rule: "D15" })
      expect(rulesOf(r.reasons)).not.toContain("ENP-C1")
      expect(rulesOf(r.reasons)).toContain("D15")
    })
  }
  it("D15/ENP-C1: under Enphase's programme the same request is still answered per ENP-C1", () => {
    const r = ask({ kind: "other", support: enphase.support, programme: enphase.name })
    expect(r.route).toEqual({ _tag: "Answer", rule: "ENP-C1" })
  })
})

// ---------------------------------------------------------------------------------------------
// 2. D15 generic rule: installer of record when licensed, else a qualified installer
// ---------------------------------------------------------------------------------------------

describe("D15 — the generic rule for a maker with no support policy in the data", () => {
  it("D15: Programmes.generic is told apart from APsystems' policy", () => {
    expect(acme.support).toBe("no-policy")
    expect(apsystems.support).toBe("licensed-installers-only")
  })
  it("D15: an unavailable installer of record → a qualified installer (not APS-5's local installer)", () => {
    const r = ask({ installation: { ...byPro, installerAvailable: false }, support: acme.support })
    expect(r.route).toEqual({ _tag: "Refer", to: "qualified-installer", rule: "D15" })
    expect(rulesOf(r.reasons)).not.toContain("APS-5")
  })
  it("D15: an available licensed installer of record → that installer", () => {
    const r = ask({ support: acme.support })
    expect(r.route).toEqual({ _tag: "Refer", to: "installer-of-record", rule: "D15", licenceNumber: "LIC-9" })
  })
  it("D15/APS-2: a licensed installer is helped to troubleshoot (APS-2 as the generic rule)", () => {
    const r = ask({ requester: { _tag: "LicensedInstaller", licenceNumber: "LIC-9" }, support: acme.support })
    expect(r.route).toEqual({ _tag: "Troubleshoot", rule: "APS-2" })
  })
  it("APS-5: under APsystems' own policy the unavailable installer still leads to a local installer", () => {
    const r = ask({ installation: { ...byPro, installerAvailable: false }, support: apsystems.support })
    expect(r.route).toEqual({ _tag: "Refer", to: "local-installer", rule: "APS-5" })
  })
})

// ---------------------------------------------------------------------------------------------
// 3. D6: one reading for routing and returns
// ---------------------------------------------------------------------------------------------

describe("D6 — self-installed systems read the same way by routing and returns", () => {
  it("D6: under Enphase's programme a request on a non-compliant self-installed system carries a D6 reason", () => {
    const r = ask({
      requester: { _tag: "LicensedInstaller", licenceNumber: "LIC-9" },
      installation: selfNonCompliant,
      support: enphase.support
    })
    expect(r.compliance).toMatchObject({ selfInstalled: true, compliant: false })
    expect(rulesOf(r.reasons)).toContain("D6")
    expect(rulesOf(r.reasons)).not.toContain("APS-1") // APS-1 is APsystems' (D15)
  })
  // D15 over D6 for support requests (seed 001: « deux supports distincts pour les clients
  // particuliers et pour les professionnels »): under Enphase's programme a private person's technical
  // request on a self-installed system is answered by support (ENP-C1), not referred per APS-3..5,
  // which are APsystems' policy; the system is still flagged while it is non-compliant (D6).
  it("D15/D6: under Enphase's programme an owner's technical request on a self-installed system is answered, not referred", () => {
    const r = ask({ installation: selfCompliant, support: enphase.support })
    expect(r.route).toEqual({ _tag: "Answer", rule: "ENP-C1" })
  })
  it("D6/D15: under Enphase's programme a non-compliant self-installed system is answered and flagged (a D6 reason)", () => {
    const r = ask({ installation: { _tag: "SelfInstalled", endCustomerAccount: false }, support: enphase.support })
    expect(r.route).toEqual({ _tag: "Answer", rule: "ENP-C1" })
    expect(r.reasons.map((x) => x.rule)).toContain("D6")
  })
  const returnOn = (
    requester: ReturnEligibility.Requester,
    installation: ReturnEligibility.Installation
  ): ReturnEligibility.Outcome =>
    ReturnEligibility.decide({
      requestedAt: `${on}T10:00`,
      requester,
      serials: ["M1"],
      shippingAddress: "ADDR-1",
      system: {
        commissionedOn: "2020-03-10",
        installation,
        ownershipTransferred: false,
        devices: [
          { serial: "M1", manufacturer: "Enphase", kind: "microinverter", installedOn: "2020-03-01", status: "current" }
        ]
      },
      serialsInOpenRmas: [],
      proofOfOwnershipProvided: false
    })
  it("D6/APS-6: the owner of a compliant self-installed system is referred to the backing installer, as routing does", () => {
    const out = returnOn({ _tag: "Owner" }, selfCompliant)
    const routed = ask({ installation: selfCompliant, kind: "return" })
    expect(routed.route).toMatchObject({ _tag: "Refer", to: "backing-installer" })
    expect(out._tag === "NotEligible" && [out.referral, out.referralRule]).toEqual(["backing-installer", "APS-6"])
  })
  it("D6/APS-3: a self-installer with a backing installer is referred to it in a return, as routing does", () => {
    const out = returnOn({ _tag: "SelfInstaller" }, selfCompliant)
    const routed = ask({ requester: { _tag: "SelfInstaller" }, installation: selfCompliant, kind: "return" })
    expect(routed.route).toMatchObject({ _tag: "Refer", to: "backing-installer", rule: "APS-3" })
    expect(out._tag === "NotEligible" && [out.referral, out.referralRule]).toEqual(["backing-installer", "APS-3"])
  })
  it("D6: a non-compliant self-installed system is refused in a return and flagged in routing, under Enphase's programme", () => {
    const out = returnOn({ _tag: "LicensedInstaller", licenceNumber: "LIC-9" }, selfNonCompliant)
    expect(out._tag === "NotEligible" && rulesOf(out.reasons)).toContain("D6")
  })
})

// ---------------------------------------------------------------------------------------------
// 4. D15: an Enphase owner's return is a ticket answered per ENP-C1, not an APS-4 referral
// 5. D15: the 24–48 h callback (ENP-R6a) is Enphase's
// ---------------------------------------------------------------------------------------------

const returnRequest = (
  requester: ReturnEligibility.Requester,
  serial: string,
  requestedAt = "2026-11-20T16:00" // a Friday
): ReturnEligibility.ReturnRequest => ({
  requestedAt,
  requester,
  serials: [serial],
  shippingAddress: "ADDR-1",
  system: {
    commissionedOn: "2020-03-10",
    installation: byPro,
    ownershipTransferred: false,
    devices: [
      { serial: "M1", manufacturer: "Enphase", kind: "microinverter", installedOn: "2020-03-01", status: "current" },
      { serial: "G1", manufacturer: "Enphase", kind: "gateway", installedOn: "2020-03-01", status: "current" },
      { serial: "A1", manufacturer: "APsystems", kind: "microinverter", installedOn: "2020-03-01", status: "current" },
      { serial: "X1", manufacturer: "Acme", kind: "microinverter", installedOn: "2020-03-01", status: "current" }
    ]
  },
  serialsInOpenRmas: [],
  proofOfOwnershipProvided: false
})

describe("D15 — an Enphase owner's return request is answered by Enphase support, not referred", () => {
  it("D15/ENP-C1: the owner of an Enphase system is not referred under APS-4; support answers them", () => {
    const out = ReturnEligibility.decide(returnRequest({ _tag: "Owner" }, "M1"))
    expect(out._tag).toBe("NotEligible")
    if (out._tag === "NotEligible") {
      expect(out.referral).toBeUndefined()
      expect(rulesOf(out.reasons)).not.toContain("APS-4")
      expect(rulesOf(out.reasons)).toContain("D15")
    }
  })
  it("APS-4: the owner of an APsystems system is still referred to the installer of record", () => {
    const out = ReturnEligibility.decide(returnRequest({ _tag: "Owner" }, "A1"))
    expect(out._tag === "NotEligible" && [out.referral, out.referralRule]).toEqual(["installer-of-record", "APS-4"])
  })
})

describe("D15/ENP-R6a — the 24–48 h callback only under Enphase's programme", () => {
  it("D15: a not-eligible return of an APsystems microinverter has no callback", () => {
    // The owner of an APsystems system is referred (APS-4): not eligible, and no Enphase callback.
    const out = ReturnEligibility.decide({ ...returnRequest({ _tag: "Owner" }, "A1") })
    expect(out._tag).toBe("NotEligible")
    if (out._tag === "NotEligible") {
      expect(out.callback).toBeUndefined()
      expect(rulesOf(out.reasons)).not.toContain("ENP-R6")
    }
  })
  it("D15: a maker with no programme in the data neither (a licensed installer's refused return)", () => {
    const out = ReturnEligibility.decide({
      ...returnRequest({ _tag: "LicensedInstaller", licenceNumber: "LIC-9" }, "X1"),
      serialsInOpenRmas: ["X1"]
    })
    // ENP-R1 (open RMA) and D1 (no Acme term in the table): generic RMA rules; no ENP-R6 callback.
    expect(out._tag === "NotEligible" && rulesOf(out.reasons)).toEqual(["ENP-R1", "ENP-W2"])
    expect(out._tag === "NotEligible" && out.callback).toBeUndefined()
  })
  it("ENP-R6a/D13: an Enphase gateway out of warranty keeps its callback (Friday 16:00 → Monday 16:00 / Tuesday 16:00)", () => {
    const out = ReturnEligibility.decide(returnRequest({ _tag: "LicensedInstaller", licenceNumber: "LIC-9" }, "G1"))
    expect(out._tag === "NotEligible" && out.callback).toEqual({
      rule: "ENP-R6",
      earliest: "2026-11-23T16:00",
      latest: "2026-11-24T16:00"
    })
  })
  it("D15: a user's programme table decides too — a later Enphase-like version for Acme gives Acme returns the callback", () => {
    const table: Programmes.Table = [
      ...Programmes.defaultTable,
      { ...enphase, manufacturer: "Acme", name: "Acme (2026)", effectiveFrom: "2026-01-01" }
    ]
    const out = ReturnEligibility.decide(
      { ...returnRequest({ _tag: "LicensedInstaller", licenceNumber: "LIC-9" }, "X1"), serialsInOpenRmas: ["X1"] },
      { ...ReturnEligibility.defaultPolicy, programmes: table }
    )
    expect(out._tag === "NotEligible" && out.callback?.earliest).toBe("2026-11-23T16:00")
  })
})
