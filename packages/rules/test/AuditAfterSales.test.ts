/**
 * An outside check of the after-sales rules against the revised decisions (D1, D2, D3, D6, D12,
 * D13, D14, D15) and scenarios (S1, S2, S3, S6), through the public API as a user imports it.
 * Every expected value is worked out by hand from the decision text and the French seeds; the
 * arithmetic and the calendar are in the comments.
 */
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  Calendar,
  Decision,
  Holidays,
  InstallerWarranty,
  LabourReimbursement,
  Money,
  ProductionGuarantee,
  Programmes,
  ReturnEligibility,
  SupportRouting,
  WarrantyTerms
} from "../src/index.js"

const rulesOf = (reasons: ReadonlyArray<Decision.Reason>): ReadonlyArray<string> => reasons.map((r) => r.rule)

// fast-check: calendar dates from 2000 to 2099.
const dateArb = fc
  .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

// ---------------------------------------------------------------------------------------------
// D1 / ENP-W1 — warranty terms
// ---------------------------------------------------------------------------------------------

describe("D1/ENP-W1 — product warranty terms", () => {
  const cases = [
    // manufacturer, kind, years: D1 defaults.
    ["Enphase", "microinverter", 25],
    ["Enphase", "ac-battery", 10],
    ["Enphase", "gateway", 5],
    ["APsystems", "microinverter", 10],
    ["APsystems", "gateway", 3]
  ] as const
  for (const [manufacturer, kind, years] of cases) {
    it(`D1: ${manufacturer} ${kind} — ${years} years from commissioning 2020-03-10: covered on the eve of the anniversary, not on it`, () => {
      // start 2020-03-10; end = 2020 + years, same day; covered on d < end.
      const end = `${2020 + years}-03-10`
      const last = `${2020 + years}-03-09`
      const base = { manufacturer, kind, commissionedOn: "2020-03-10" } as const
      const onLast = WarrantyTerms.coverage({ ...base, on: last })
      expect(Decision.isAccepted(onLast)).toBe(true)
      if (Decision.isAccepted(onLast)) {
        expect(onLast.value).toMatchObject({ start: "2020-03-10", end, lastCoveredDay: last, years, covered: true })
      }
      const onEnd = WarrantyTerms.coverage({ ...base, on: end })
      expect(Decision.isRefused(onEnd)).toBe(true)
    })
  }

  it("D1: a term starting on 29 February ends on 28 February (2020-02-29 + 5 years → first day not covered 2025-02-28)", () => {
    const base = { manufacturer: "Enphase", kind: "gateway", commissionedOn: "2020-02-29" } as const
    const eve = WarrantyTerms.coverage({ ...base, on: "2025-02-27" })
    expect(Decision.isAccepted(eve) && eve.value.end).toBe("2025-02-28")
    expect(Decision.isRefused(WarrantyTerms.coverage({ ...base, on: "2025-02-28" }))).toBe(true)
  })

  it("D1: the commissioning day itself is covered; the day before is not (refusal under D1)", () => {
    const base = { manufacturer: "Enphase", kind: "microinverter", commissionedOn: "2024-03-10" } as const
    expect(Decision.isAccepted(WarrantyTerms.coverage({ ...base, on: "2024-03-10" }))).toBe(true)
    const before = WarrantyTerms.coverage({ ...base, on: "2024-03-09" })
    expect(Decision.isRefused(before) && before.reasons[0].rule).toBe("D1")
  })

  it("D1: a device installed after commissioning starts its term on its installation date", () => {
    // Gateway installed 2022-06-01 on a system commissioned 2020-03-10: 5 years → end 2027-06-01.
    const c = WarrantyTerms.coverage({
      manufacturer: "Enphase",
      kind: "gateway",
      commissionedOn: "2020-03-10",
      installedOn: "2022-06-01",
      on: "2027-05-31"
    })
    expect(Decision.isAccepted(c) && c.value).toMatchObject({ start: "2022-06-01", end: "2027-06-01" })
  })

  it("D1: a replacement continues the remaining term of the device it replaces", () => {
    // Replaced unit's term started 2020-03-10 (gateway, 5 years → end 2025-03-10); the replacement
    // installed 2024-01-15 is not covered on 2025-03-10.
    const input = {
      manufacturer: "Enphase",
      kind: "gateway",
      commissionedOn: "2020-03-10",
      installedOn: "2024-01-15",
      replacesTermStart: "2020-03-10"
    } as const
    expect(Decision.isAccepted(WarrantyTerms.coverage({ ...input, on: "2025-03-09" }))).toBe(true)
    expect(Decision.isRefused(WarrantyTerms.coverage({ ...input, on: "2025-03-10" }))).toBe(true)
  })

  it("D1: no term in the table (an APsystems AC battery, an unknown maker) is a D1 refusal, not a throw", () => {
    const a = WarrantyTerms.coverage({
      manufacturer: "APsystems",
      kind: "ac-battery",
      commissionedOn: "2024-01-01",
      on: "2024-06-01"
    })
    expect(Decision.isRefused(a) && a.reasons[0].rule).toBe("D1")
    const b = WarrantyTerms.coverage({
      manufacturer: "Acme",
      kind: "microinverter",
      commissionedOn: "2024-01-01",
      on: "2024-06-01"
    })
    expect(Decision.isRefused(b) && b.reasons[0].rule).toBe("D1")
  })

  it("D1/D15: an APsystems term is D1 data, not Enphase's ENP-W1: its expiry (10 years from 2020-03-10) is refused under D1", () => {
    const base = { manufacturer: "APsystems", kind: "microinverter", commissionedOn: "2020-03-10" } as const
    const expired = WarrantyTerms.coverage({ ...base, on: "2030-03-10" })
    expect(Decision.isRefused(expired) && expired.reasons[0].rule).toBe("D1")
    const covered = WarrantyTerms.coverage({ ...base, on: "2030-03-09" })
    expect(rulesOf(covered.reasons)).not.toContain("ENP-W1")
    // An Enphase device's term still cites ENP-W1.
    const enphase = WarrantyTerms.coverage({ ...base, manufacturer: "Enphase", on: "2045-03-10" })
    expect(Decision.isRefused(enphase) && enphase.reasons[0].rule).toBe("ENP-W1")
  })

  it("D1 property: an Enphase microinverter is covered on d exactly when start ≤ d < start + 25 calendar years", () => {
    fc.assert(
      fc.property(dateArb, dateArb, (start, d) => {
        const c = WarrantyTerms.coverage({
          manufacturer: "Enphase",
          kind: "microinverter",
          commissionedOn: start,
          on: d
        })
        // start + 25 years, 29 February → 28 February.
        const [y, m, day] = start.split("-").map(Number) as [number, number, number]
        const ey = y + 25
        const leap = (ey % 4 === 0 && ey % 100 !== 0) || ey % 400 === 0
        const eDay = m === 2 && day === 29 && !leap ? 28 : day
        const end = `${ey}-${String(m).padStart(2, "0")}-${String(eDay).padStart(2, "0")}`
        return Decision.isAccepted(c) === (start <= d && d < end)
      }),
      { numRuns: 300 }
    )
  })
})

// ---------------------------------------------------------------------------------------------
// ENP-L1..L8, D2, D3, D15 — labour reimbursement
// ---------------------------------------------------------------------------------------------

const micro = (serial: string, extra: Partial<LabourReimbursement.ReplacedDevice> = {}) =>
  ({
    serial,
    kind: "microinverter",
    detectedByMonitoring: true,
    shippedBack: true,
    rmaId: "RMA-1",
    rmaApprovedOn: "2025-05-02",
    ...extra
  }) as LabourReimbursement.ReplacedDevice

// Scenario S1: commissioned 2024-03-10, RMA approved 2025-05-02, replaced 2025-05-06, claim 2025-06-01.
const s1: LabourReimbursement.ClaimInput = {
  commissionedOn: "2024-03-10",
  interventionOn: "2025-05-06",
  claimedOn: "2025-06-01",
  devices: [micro("M-1"), micro("M-2")],
  paymentAddress: "1 rue du Soleil, 5000 Namur"
}

describe("S1/S2/S3 — labour reimbursement scenarios", () => {
  it("S1 (ENP-L7, D2): two microinverters the same day → €150 + €25 = €175.00 excl. VAT", () => {
    const d = LabourReimbursement.decide(s1)
    expect(Decision.isAccepted(d)).toBe(true)
    if (Decision.isAccepted(d)) {
      expect(d.value.amount).toEqual({ cents: 175_00, vat: "excl" })
      expect(Money.format(d.value.amount.cents)).toBe("€175.00")
      expect(d.value.payment).toEqual({ method: "cheque", address: "1 rue du Soleil, 5000 Namur" }) // ENP-L8
    }
  })
  it("S2 (ENP-L5, D3): claim on 2025-11-07 refused, the last valid day being 2025-11-06 (2025-05-06 + 6 months)", () => {
    const d = LabourReimbursement.decide({ ...s1, claimedOn: "2025-11-07" })
    expect(Decision.isRefused(d)).toBe(true)
    if (Decision.isRefused(d)) {
      expect(d.reasons[0].rule).toBe("ENP-L5")
      expect(d.reasons[0].figures["lastValidDay"]).toBe("2025-11-06")
    }
  })
  it("S2 boundary (ENP-L5, D3): a claim on 2025-11-06 itself is in time", () => {
    const d = LabourReimbursement.decide({ ...s1, claimedOn: "2025-11-06" })
    expect(Decision.isAccepted(d) && d.value.claimDeadline.due).toBe("2025-11-06")
  })
  it("S3 (ENP-L1, D3): commissioned 2023-05-06, intervention 2025-05-06 — not LESS than 2 years → refused", () => {
    const d = LabourReimbursement.decide({ ...s1, commissionedOn: "2023-05-06" })
    expect(Decision.isRefused(d) && d.reasons[0].rule).toBe("ENP-L1")
  })
  it("S3 boundary (ENP-L1, D3): commissioned one day later, 2023-05-07 → 2025-05-07 > intervention → eligible", () => {
    expect(Decision.isAccepted(LabourReimbursement.decide({ ...s1, commissionedOn: "2023-05-07" }))).toBe(true)
  })
  it("ENP-L1/D3: commissioned 2024-02-29 → limit 2026-02-28: intervention 2026-02-27 eligible, 2026-02-28 not", () => {
    const base: LabourReimbursement.ClaimInput = {
      ...s1,
      commissionedOn: "2024-02-29",
      devices: [micro("M-1", { rmaApprovedOn: "2026-02-20" })]
    }
    expect(
      Decision.isAccepted(
        LabourReimbursement.decide({ ...base, interventionOn: "2026-02-27", claimedOn: "2026-03-01" })
      )
    ).toBe(true)
    const late = LabourReimbursement.decide({ ...base, interventionOn: "2026-02-28", claimedOn: "2026-03-01" })
    expect(Decision.isRefused(late) && late.reasons[0].rule).toBe("ENP-L1")
  })
})

describe("D2 — counted per intervention day", () => {
  it("D2/ENP-L7: 1, 2, 3 microinverters the same day → €150.00, €175.00, €200.00", () => {
    const one = LabourReimbursement.decide({ ...s1, devices: [micro("A")] })
    const two = LabourReimbursement.decide({ ...s1, devices: [micro("A"), micro("B")] })
    const three = LabourReimbursement.decide({ ...s1, devices: [micro("A"), micro("B"), micro("C")] })
    expect([one, two, three].map((d) => (Decision.isAccepted(d) ? d.value.amount.cents : -1))).toEqual([
      150_00, 175_00, 200_00
    ])
  })
  it("D2/ENP-L7: three microinverters on two days (2 on 05-06, 1 on 05-13) → €175 + €150 = €325, not €200", () => {
    // Each day is one intervention: its first unit pays €150.
    const day1 = LabourReimbursement.decide({ ...s1, devices: [micro("A"), micro("B")] })
    const day2 = LabourReimbursement.decide({ ...s1, interventionOn: "2025-05-13", devices: [micro("C")] })
    const cents = [day1, day2].map((d) => (Decision.isAccepted(d) ? d.value.amount.cents : -1))
    expect(cents).toEqual([175_00, 150_00])
    expect(cents[0]! + cents[1]!).toBe(325_00)
  })
  it("D2 property: amountFor(n) = 15000 + 2500 × (n − 1) cents for n ≥ 1, and 0 for none", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (n) => LabourReimbursement.amountFor(n) === 15000 + 2500 * (n - 1))
    )
    expect(LabourReimbursement.amountFor(0)).toBe(0)
  })
  it("D2 property: a decided day pays €150 + €25 per further eligible unit, whatever the others excluded", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 5 }), (n, gateways) => {
        const devices = [
          ...Array.from({ length: n }, (_, i) => micro(`M${i}`)),
          ...Array.from({ length: gateways }, (_, i) => micro(`G${i}`, { kind: "gateway" }))
        ] as [LabourReimbursement.ReplacedDevice, ...Array<LabourReimbursement.ReplacedDevice>]
        const d = LabourReimbursement.decide({ ...s1, devices })
        return Decision.isAccepted(d) && d.value.amount.cents === 15000 + 2500 * (n - 1)
      }),
      { numRuns: 100 }
    )
  })
})

describe("D3 — labour time limits", () => {
  it("D3/ENP-L5: end-of-month clamped: intervention 2025-08-31 → last day 2026-02-28; 2026-03-01 is late", () => {
    const base = {
      ...s1,
      commissionedOn: "2025-01-10",
      interventionOn: "2025-08-31",
      devices: [micro("A", { rmaApprovedOn: "2025-08-20" })]
    } as const
    const onLast = LabourReimbursement.decide({ ...base, claimedOn: "2026-02-28" })
    expect(Decision.isAccepted(onLast) && onLast.value.claimDeadline.due).toBe("2026-02-28")
    const after = LabourReimbursement.decide({ ...base, claimedOn: "2026-03-01" })
    expect(Decision.isRefused(after) && after.reasons[0].rule).toBe("ENP-L5")
  })
  it("D14/ENP-L5: a programme window does not roll over: 2025-05-08 + 6 months = Saturday 2025-11-08; Monday 11-10 is late", () => {
    const base = { ...s1, interventionOn: "2025-05-08" }
    expect(LabourReimbursement.claimDeadline("2025-05-08").due).toBe("2025-11-08")
    expect(Decision.isAccepted(LabourReimbursement.decide({ ...base, claimedOn: "2025-11-08" }))).toBe(true)
    expect(Decision.isRefused(LabourReimbursement.decide({ ...base, claimedOn: "2025-11-10" }))).toBe(true)
  })
  it("D3 property: a claim is in time exactly when intervention ≤ claim ≤ intervention + 6 calendar months", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 400 }), (intervention, lag) => {
        const claimedOn = Calendar.addDays(intervention, lag)
        const d = LabourReimbursement.decide({
          commissionedOn: intervention,
          interventionOn: intervention,
          claimedOn,
          devices: [micro("A", { rmaApprovedOn: intervention })],
          paymentAddress: "x"
        })
        return Decision.isAccepted(d) === claimedOn <= Calendar.addMonths(intervention, 6)
      }),
      { numRuns: 300 }
    )
  })
})

describe("ENP-L2..L6, ENP-R7 — which units count", () => {
  it("ENP-L2: a gateway replaced the same day is left out with an ENP-L2 reason", () => {
    const d = LabourReimbursement.decide({ ...s1, devices: [micro("A"), micro("G", { kind: "gateway" })] })
    expect(Decision.isAccepted(d)).toBe(true)
    if (Decision.isAccepted(d)) {
      expect(d.value.amount.cents).toBe(150_00)
      expect(d.value.excluded.map((e) => [e.serial, rulesOf(e.reasons)])).toEqual([["G", ["ENP-L2"]]])
    }
  })
  it("ENP-L3/L4: not detected by the monitoring, not shipped back → excluded; if none left, refused with both", () => {
    const d = LabourReimbursement.decide({
      ...s1,
      devices: [micro("A", { detectedByMonitoring: false }), micro("B", { shippedBack: false })]
    })
    expect(Decision.isRefused(d)).toBe(true)
    if (Decision.isRefused(d)) expect(rulesOf(d.reasons)).toEqual(expect.arrayContaining(["ENP-L3", "ENP-L4"]))
  })
  it("ENP-L6: the RMA must exist BEFORE the claim: approved after the claim date → excluded; no RMA → excluded", () => {
    const d = LabourReimbursement.decide({
      ...s1,
      devices: [
        micro("A"),
        micro("B", { rmaApprovedOn: "2025-06-02" }),
        micro("C", { rmaId: undefined, rmaApprovedOn: undefined })
      ]
    })
    expect(Decision.isAccepted(d)).toBe(true)
    if (Decision.isAccepted(d)) {
      expect(d.value.eligibleSerials).toEqual(["A"])
      expect(d.value.excluded.map((e) => e.serial)).toEqual(["B", "C"])
      expect(d.value.excluded[1]?.reasons.map((r) => r.rule)).toContain("ENP-L6")
    }
  })
  it("ENP-R7: replaced before the RMA was approved (approved 2025-05-07, replaced 2025-05-06) → excluded; same day → counted", () => {
    const before = LabourReimbursement.decide({ ...s1, devices: [micro("A", { rmaApprovedOn: "2025-05-07" })] })
    expect(Decision.isRefused(before) && rulesOf(before.reasons)).toContain("ENP-R7")
    const sameDay = LabourReimbursement.decide({ ...s1, devices: [micro("A", { rmaApprovedOn: "2025-05-06" })] })
    expect(Decision.isAccepted(sameDay)).toBe(true)
  })
  it("ENP-L1+L5: a claim both too old and too late lists both reasons at once", () => {
    const d = LabourReimbursement.decide({ ...s1, commissionedOn: "2022-01-01", claimedOn: "2026-01-01" })
    expect(Decision.isRefused(d) && rulesOf(d.reasons)).toEqual(expect.arrayContaining(["ENP-L1", "ENP-L5"]))
  })
})

describe("D15 — Enphase's labour programme never reimburses another maker's microinverter", () => {
  it("D15/ENP-L2: an APsystems microinverter under the default (Enphase 2019) terms is refused under ENP-L2", () => {
    const d = LabourReimbursement.decide({ ...s1, devices: [micro("AP-1", { manufacturer: "APsystems" })] })
    expect(Decision.isRefused(d)).toBe(true)
    if (Decision.isRefused(d)) expect(d.reasons[0].rule).toBe("ENP-L2")
  })
  it("D15/ENP-L2: the Enphase version in force from Programmes.defaultTable refuses an APsystems microinverter", () => {
    const enphase = Programmes.inForce(Programmes.defaultTable, "Enphase", "2025-05-06")
    expect(enphase.labour).toBeDefined()
    const d = LabourReimbursement.decide(
      { ...s1, devices: [micro("AP-1", { manufacturer: "APsystems" })] },
      enphase.labour
    )
    expect(Decision.isRefused(d) && d.reasons[0].rule).toBe("ENP-L2")
  })
  it("D15: mixed makers the same day — the Enphase unit pays €150, the APsystems unit is excluded (ENP-L2)", () => {
    const d = LabourReimbursement.decide({
      ...s1,
      devices: [micro("E-1", { manufacturer: "Enphase" }), micro("AP-1", { manufacturer: "APsystems" })]
    })
    expect(Decision.isAccepted(d)).toBe(true)
    if (Decision.isAccepted(d)) {
      expect(d.value.amount.cents).toBe(150_00)
      expect(d.value.excluded.map((e) => [e.serial, rulesOf(e.reasons)[0]])).toEqual([["AP-1", "ENP-L2"]])
    }
  })
  it("D15: APsystems has no labour programme; a maker with none in the data neither", () => {
    expect(Programmes.inForce(Programmes.defaultTable, "APsystems", "2025-05-06").labour).toBeUndefined()
    expect(Programmes.inForce(Programmes.defaultTable, "Acme", "2025-05-06").labour).toBeUndefined()
    expect(Programmes.inForce(Programmes.defaultTable, "Acme", "2025-05-06").support).toBe("no-policy") // D15: the generic rule, told apart from APsystems
  })
  it("D15: programme versions are dated — the version in force on its effectiveFrom day applies, the day before the older one", () => {
    const v2019 = Programmes.inForce(Programmes.defaultTable, "Enphase", "2025-01-01")
    const later: Programmes.Version = { ...v2019, name: "Enphase (2026)", effectiveFrom: "2026-01-01" }
    const table = [...Programmes.defaultTable, later]
    expect(Programmes.inForce(table, "Enphase", "2025-12-31").name).toBe("Enphase (2019)")
    expect(Programmes.inForce(table, "Enphase", "2026-01-01").name).toBe("Enphase (2026)")
    expect(Programmes.inForce(table, "enphase", "2026-01-01").name).toBe("Enphase (2026)")
  })
  it("D15: the shipped Enphase terms are €150 + €25, 2 years, 6 months (the seed's)", () => {
    const v = Programmes.inForce(Programmes.defaultTable, "Enphase", "2025-05-06")
    expect(v.support).toBe("answers-everyone")
    expect(v.labour).toMatchObject({
      firstUnitCents: 150_00,
      additionalUnitCents: 25_00,
      commissioningWindow: { years: 2 },
      claimWindow: { months: 6 }
    })
  })
})

// ---------------------------------------------------------------------------------------------
// ENP-W2, ENP-R1..R7, D6, D13 — return eligibility
// ---------------------------------------------------------------------------------------------

const request: ReturnEligibility.ReturnRequest = {
  requestedAt: "2026-11-20T16:00", // a Friday
  requester: { _tag: "LicensedInstaller", licenceNumber: "LIC-0042" },
  serials: ["M1"],
  shippingAddress: "Rue de la Station 4, 5000 Namur",
  system: {
    commissionedOn: "2020-03-10",
    installation: { _tag: "ByLicensedInstaller", licenceNumber: "LIC-0042", installerAvailable: true },
    ownershipTransferred: false,
    devices: [
      { serial: "M1", manufacturer: "Enphase", kind: "microinverter", installedOn: "2020-03-01", status: "current" },
      { serial: "G1", manufacturer: "Enphase", kind: "gateway", installedOn: "2020-03-01", status: "current" },
      { serial: "OLD", manufacturer: "Enphase", kind: "microinverter", installedOn: "2020-03-01", status: "retired" },
      { serial: "AP1", manufacturer: "APsystems", kind: "microinverter", installedOn: "2020-03-01", status: "current" }
    ]
  },
  serialsInOpenRmas: [],
  proofOfOwnershipProvided: false
}

describe("ENP-W2/ENP-R6 — return eligibility", () => {
  it("ENP-R6b: a current Enphase microinverter under warranty requested by a licensed installer is approved", () => {
    expect(ReturnEligibility.decide(request)._tag).toBe("Approved")
  })
  it("ENP-W2/D1: the gateway (5 years from 2020-03-10) — approved on 2025-03-09, not eligible on 2025-03-10", () => {
    const g = { ...request, serials: ["G1"] as const }
    expect(ReturnEligibility.decide({ ...g, requestedAt: "2025-03-09T10:00" })._tag).toBe("Approved")
    const out = ReturnEligibility.decide({ ...g, requestedAt: "2025-03-10T10:00" })
    expect(out._tag).toBe("NotEligible")
    if (out._tag === "NotEligible") expect(out.reasons[0].rule).toBe("ENP-W2")
  })
  it("D1/D15: an APsystems microinverter has its own maker's 10-year term: covered 2030-03-09, not 2030-03-10", () => {
    const ap = { ...request, serials: ["AP1"] as const }
    expect(ReturnEligibility.decide({ ...ap, requestedAt: "2030-03-09T10:00" })._tag).toBe("Approved")
    expect(ReturnEligibility.decide({ ...ap, requestedAt: "2030-03-10T10:00" })._tag).toBe("NotEligible")
  })
  it("ENP-R6: a retired serial, a serial of another system → not eligible", () => {
    expect(ReturnEligibility.decide({ ...request, serials: ["OLD"] })._tag).toBe("NotEligible")
    expect(ReturnEligibility.decide({ ...request, serials: ["NOPE"] })._tag).toBe("NotEligible")
  })
  it("ENP-R1: a serial already in an open RMA → not eligible under ENP-R1", () => {
    const out = ReturnEligibility.decide({ ...request, serialsInOpenRmas: ["M1"] })
    expect(out._tag === "NotEligible" && rulesOf(out.reasons)).toContain("ENP-R1")
  })
  it("ENP-R3: a unit received without authorization gets no replacement or refund, by any later RMA", () => {
    const out = ReturnEligibility.decide({ ...request, serialsReceivedWithoutAuthorization: ["M1"] })
    expect(out._tag === "NotEligible" && rulesOf(out.reasons)).toContain("ENP-R3")
    expect(Decision.isRefused(ReturnEligibility.receivedUnit("M9", ["M1"]))).toBe(true)
    expect(Decision.isAccepted(ReturnEligibility.receivedUnit("M1", ["M1"]))).toBe(true)
  })
  it("ENP-R2: after an ownership transfer, proof of ownership is asked (default policy) until provided", () => {
    const sys = { ...request.system, ownershipTransferred: true }
    expect(ReturnEligibility.decide({ ...request, system: sys })._tag).toBe("ProofOfOwnershipRequested")
    expect(ReturnEligibility.decide({ ...request, system: sys, proofOfOwnershipProvided: true })._tag).toBe("Approved")
  })
  it("ENP-R1/ENP-R7: replacing is allowed on or after the approval day, not before, never without an RMA", () => {
    expect(Decision.isAccepted(ReturnEligibility.mayReplace("2025-05-02", "2025-05-02"))).toBe(true)
    const early = ReturnEligibility.mayReplace("2025-05-02", "2025-05-01")
    expect(Decision.isRefused(early) && early.reasons[0].rule).toBe("ENP-R7")
    const none = ReturnEligibility.mayReplace(undefined, "2025-05-01")
    expect(Decision.isRefused(none) && none.reasons[0].rule).toBe("ENP-R1")
  })
})

describe("D6 — self-installed systems are never silently accepted", () => {
  const selfSystem = {
    ...request.system,
    installation: { _tag: "SelfInstalled", endCustomerAccount: false } as const
  }
  it("D6/APS-3: a self-installer asking a return is not eligible and is referred to a qualified installer", () => {
    const out = ReturnEligibility.decide({ ...request, requester: { _tag: "SelfInstaller" }, system: selfSystem })
    expect(out._tag).toBe("NotEligible")
    if (out._tag === "NotEligible") {
      expect(out.referral).toBe("qualified-installer")
      expect(rulesOf(out.reasons)).toEqual(expect.arrayContaining(["APS-3", "D6"]))
    }
  })
  it("D6/APS-6: even a licensed installer's return on a non-compliant self-installed system is refused under D6", () => {
    const out = ReturnEligibility.decide({ ...request, system: selfSystem })
    expect(out._tag === "NotEligible" && rulesOf(out.reasons)).toContain("D6")
  })
  it("D6/APS-6: once the end-customer account and a backing licensed installer are recorded, the return is approved", () => {
    const compliant = {
      ...request.system,
      installation: { _tag: "SelfInstalled", endCustomerAccount: true, backingInstallerLicence: "LIC-7" } as const
    }
    expect(ReturnEligibility.decide({ ...request, system: compliant })._tag).toBe("Approved")
  })
  it("D6/APS-6: missingForCompliance lists exactly what is lacking", () => {
    expect(SupportRouting.missingForCompliance({ _tag: "SelfInstalled", endCustomerAccount: false })).toEqual([
      "end-customer account",
      "backing licensed installer"
    ])
    expect(
      SupportRouting.missingForCompliance({
        _tag: "SelfInstalled",
        endCustomerAccount: true,
        backingInstallerLicence: "L"
      })
    ).toEqual([])
    expect(
      SupportRouting.missingForCompliance({
        _tag: "SelfInstalled",
        endCustomerAccount: false,
        backingInstallerLicence: "L"
      })
    ).toEqual(["end-customer account"])
  })
  it("S6/APS-3: a self-installer's technical e-mail about a self-installed system is referred, no troubleshooting", () => {
    const r = SupportRouting.route({
      requester: { _tag: "SelfInstaller" },
      installation: { _tag: "SelfInstalled", endCustomerAccount: false },
      kind: "technical",
      channel: "email",
      at: "2026-11-23T10:00",
      hasSystemOrSerialNumber: true
    })
    expect(r.route).toEqual({ _tag: "Refer", to: "qualified-installer", rule: "APS-3" })
    expect(r.compliance).toMatchObject({ selfInstalled: true, compliant: false })
    expect(rulesOf(r.reasons)).toEqual(expect.arrayContaining(["APS-1", "D6", "APS-3"]))
  })
  it("S6/APS-3: the same request by phone is referred too (no instructions by phone or e-mail)", () => {
    const r = SupportRouting.route({
      requester: { _tag: "SelfInstaller" },
      installation: { _tag: "SelfInstalled", endCustomerAccount: false },
      kind: "technical",
      channel: "phone",
      at: "2026-11-23T10:00",
      hasSystemOrSerialNumber: true
    })
    expect(r.route._tag).toBe("Refer")
  })
})

// ---------------------------------------------------------------------------------------------
// D13 — "24 heures ouvrées": working-day hours
// ---------------------------------------------------------------------------------------------

const callbackOf = (at: string, policy?: ReturnEligibility.Policy) => {
  const out = ReturnEligibility.decide({ ...request, serials: ["NOPE"], requestedAt: at }, policy)
  return out._tag === "NotEligible" ? out.callback : undefined
}

describe("D13/ENP-R6a — the 24–48 h callback after a non-eligible return", () => {
  it("D13: from Friday 2026-11-20 16:00 → earliest Monday 11-23 16:00, latest Tuesday 11-24 16:00", () => {
    expect(callbackOf("2026-11-20T16:00")).toEqual({
      rule: "ENP-R6",
      earliest: "2026-11-23T16:00",
      latest: "2026-11-24T16:00"
    })
  })
  it("D13: after closing time (Monday 18:30) the clock still runs: Tuesday 18:30 to Wednesday 18:30", () => {
    expect(callbackOf("2026-11-23T18:30")).toMatchObject({ earliest: "2026-11-24T18:30", latest: "2026-11-25T18:30" })
  })
  it("D13: a French holiday (Friday 2026-05-08) stops the clock: Thursday 10:00 → Monday 05-11 10:00 / Tuesday 05-12 10:00", () => {
    // Thursday 05-07 10:00 → 14 h left that day; Fri 05-08 (Victoire 1945) closed; weekend; Mon 05-11 10 h → 24.
    expect(callbackOf("2026-05-07T10:00")).toMatchObject({ earliest: "2026-05-11T10:00", latest: "2026-05-12T10:00" })
  })
  it("D13: Easter Monday (2026-04-06, French holiday): Friday 04-03 15:00 → Tuesday 04-07 15:00 / Wednesday 04-08 15:00", () => {
    // Fri 9 h (15:00 → 24:00), Sat/Sun/Easter Monday skipped, Tue 15 h → 24.
    expect(callbackOf("2026-04-03T15:00")).toMatchObject({ earliest: "2026-04-07T15:00", latest: "2026-04-08T15:00" })
  })
  it("D13: a request on a Saturday starts counting on Monday 00:00: 24 h end on Tuesday 00:00", () => {
    expect(callbackOf("2026-11-21T10:00")).toMatchObject({ earliest: "2026-11-24T00:00", latest: "2026-11-25T00:00" })
  })
  it("D13 'support-hours' basis: only the open line's hours (7 a day) count: Friday 16:00 + 24 h → Thursday 11:00", () => {
    // Fri 16–17 = 1 h; Mon 7 (8); Tue 7 (15); Wed 7 (22); Thu 09–11 = 2 → 24 at Thu 2026-11-26 11:00.
    const out = callbackOf("2026-11-20T16:00", { ...ReturnEligibility.defaultPolicy, hoursBasis: "support-hours" })
    expect(out?.earliest).toBe("2026-11-26T11:00")
  })
})

describe("D13/ENP-R6a — 'support-hours' basis keeps the support centre's holidays", () => {
  it("D13: Thursday 2026-05-07 16:00 + 24 support-line hours, skipping 05-08 and Ascension 05-14 → Friday 05-15 11:00", () => {
    // Thu 16–17 = 1; Fri 05-08 closed; Mon 7 (8); Tue 7 (15); Wed 7 (22); Thu 05-14 closed; Fri 09–11 = 2.
    const out = callbackOf("2026-05-07T16:00", { ...ReturnEligibility.defaultPolicy, hoursBasis: "support-hours" })
    expect(out?.earliest).toBe("2026-05-15T11:00")
  })
})

const form = (at: string, policy?: SupportRouting.Policy) => {
  const r = SupportRouting.route(
    {
      requester: { _tag: "LicensedInstaller", licenceNumber: "LIC-1" },
      installation: { _tag: "ByLicensedInstaller", licenceNumber: "LIC-1", installerAvailable: true },
      kind: "technical",
      channel: "form",
      at,
      hasSystemOrSerialNumber: true
    },
    policy
  )
  return r.response.channel === "form" ? r.response.due : undefined
}

const phone = (at: string, policy?: SupportRouting.Policy) =>
  SupportRouting.route(
    {
      requester: { _tag: "LicensedInstaller", licenceNumber: "LIC-1" },
      installation: { _tag: "ByLicensedInstaller", licenceNumber: "LIC-1", installerAvailable: true },
      kind: "technical",
      channel: "phone",
      at,
      hasSystemOrSerialNumber: true
    },
    policy
  ).response

describe("D13/ENP-C1 — a support form is answered within 24 working-day hours", () => {
  it("D13: Friday 16:00 → Monday 16:00 (the decision's own example)", () => {
    expect(form("2026-11-20T16:00")).toBe("2026-11-23T16:00")
  })
  it("D13: Tuesday 10:00 → Wednesday 10:00; Monday 18:00 (after closing) → Tuesday 18:00", () => {
    expect(form("2026-11-24T10:00")).toBe("2026-11-25T10:00")
    expect(form("2026-11-23T18:00")).toBe("2026-11-24T18:00")
  })
  it("D13: French holidays on by default — 14 July 2026 (Tuesday): Monday 07-13 10:00 → Wednesday 07-15 10:00", () => {
    expect(form("2026-07-13T10:00")).toBe("2026-07-15T10:00")
  })
  it("D13: Christmas (Thursday 2025-12-25): Wednesday 12-24 12:00 → Friday 12-26 12:00", () => {
    expect(form("2025-12-24T12:00")).toBe("2025-12-26T12:00")
  })
  it("D13: the Belgian calendar is a parameter — 21 July 2026 (Tuesday): Monday 07-20 10:00 → Wednesday 07-22 10:00", () => {
    expect(form("2026-07-20T10:00", { ...SupportRouting.defaultPolicy, holidays: Holidays.belgium })).toBe(
      "2026-07-22T10:00"
    )
    // Under the French default, 21 July is a working day: → Tuesday 07-21 10:00.
    expect(form("2026-07-20T10:00")).toBe("2026-07-21T10:00")
  })
  it("D13 'support-hours': Thursday 2026-05-07 16:00, with the French holidays 05-08 and Ascension 05-14 → Friday 05-15 11:00", () => {
    // Thu 16–17 = 1; Fri 05-08 closed (Victoire 1945); Mon 7 (8); Tue 7 (15); Wed 7 (22);
    // Thu 05-14 closed (Ascension: Easter 04-05 + 39); Fri 05-15 09–11 = 2 → 24.
    expect(form("2026-05-07T16:00", { ...SupportRouting.defaultPolicy, hoursBasis: "support-hours" })).toBe(
      "2026-05-15T11:00"
    )
  })
  it("D13 property: 24 working-day hours from a working day's time end 24 h later when the next day is a working day too", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (date, h, m) => {
        const next = Calendar.addDays(date, 1)
        fc.pre(Holidays.isWorkingDay(date, Holidays.france) && Holidays.isWorkingDay(next, Holidays.france))
        const at = `${date}T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`
        return Holidays.addWorkingHours(at, 24, Holidays.france) === `${next}${at.slice(10)}`
      }),
      { numRuns: 200 }
    )
  })
})

describe("ENP-C2/ENP-C3 — phone hours", () => {
  it("ENP-C2: open Monday 09:00 and 12:59, closed 13:00 (opens 14:00), open 16:59, closed 17:00 (opens Tuesday 09:00)", () => {
    expect(phone("2026-11-23T09:00")).toMatchObject({ open: true })
    expect(phone("2026-11-23T12:59")).toMatchObject({ open: true })
    expect(phone("2026-11-23T13:00")).toMatchObject({ open: false, opensAt: "2026-11-23T14:00" })
    expect(phone("2026-11-23T16:59")).toMatchObject({ open: true })
    expect(phone("2026-11-23T17:00")).toMatchObject({ open: false, opensAt: "2026-11-24T09:00" })
    expect(phone("2026-11-23T08:59")).toMatchObject({ open: false, opensAt: "2026-11-23T09:00" })
  })
  it("ENP-C2: Friday 17:00 and Saturday → next opening Monday 09:00", () => {
    expect(phone("2026-11-20T17:00")).toMatchObject({ open: false, opensAt: "2026-11-23T09:00" })
    expect(phone("2026-11-21T11:00")).toMatchObject({ open: false, opensAt: "2026-11-23T09:00" })
  })
  it("D13/ENP-C2: the support centre is closed on a French public holiday (Friday 2026-05-08): opens Monday 05-11 09:00", () => {
    expect(phone("2026-05-08T10:00")).toMatchObject({ open: false, opensAt: "2026-05-11T09:00" })
  })
  it("ENP-C3: a caller without the system or serial number is reminded to have it ready", () => {
    const r = SupportRouting.route({
      requester: { _tag: "Owner" },
      installation: { _tag: "ByLicensedInstaller", licenceNumber: "L", installerAvailable: true },
      kind: "technical",
      channel: "phone",
      at: "2026-11-23T10:00",
      hasSystemOrSerialNumber: false
    })
    expect(rulesOf(r.reasons)).toContain("ENP-C3")
  })
})

describe("APS-2..5, D15 — who is helped, who is referred", () => {
  const base = {
    kind: "technical",
    channel: "email",
    at: "2026-11-23T10:00",
    hasSystemOrSerialNumber: true
  } as const
  const byPro = { _tag: "ByLicensedInstaller", licenceNumber: "LIC-9", installerAvailable: true } as const
  it("APS-2: a licensed installer is troubleshot", () => {
    const r = SupportRouting.route({
      ...base,
      requester: { _tag: "LicensedInstaller", licenceNumber: "LIC-9" },
      installation: byPro
    })
    expect(r.route).toEqual({ _tag: "Troubleshoot", rule: "APS-2" })
  })
  it("APS-4: an owner of a professionally installed system is referred to that installer", () => {
    const r = SupportRouting.route({ ...base, requester: { _tag: "Owner" }, installation: byPro })
    expect(r.route).toMatchObject({ _tag: "Refer", to: "installer-of-record", rule: "APS-4", licenceNumber: "LIC-9" })
  })
  it("APS-5: when that installer can no longer help, the owner is advised a local installation company", () => {
    const r = SupportRouting.route({
      ...base,
      requester: { _tag: "Owner" },
      installation: { ...byPro, installerAvailable: false }
    })
    expect(r.route).toMatchObject({ _tag: "Refer", to: "local-installer", rule: "APS-5" })
  })
  it("APS-2: a distributor is not a licensed installer: it is not troubleshot", () => {
    const r = SupportRouting.route({ ...base, requester: { _tag: "Distributor" }, installation: byPro })
    expect(r.route._tag).toBe("Refer")
  })
  it("D15/ENP-C1: under Enphase's programme (answers everyone) an owner's technical request is answered, not referred", () => {
    const v = Programmes.inForce(Programmes.defaultTable, "Enphase", "2026-11-23")
    const r = SupportRouting.route({
      ...base,
      requester: { _tag: "Owner" },
      installation: byPro,
      support: v.support,
      programme: v.name
    })
    expect(r.route).toEqual({ _tag: "Answer", rule: "ENP-C1" })
    expect(r.reasons.every((x) => x.figures["programme"] === "Enphase (2019)")).toBe(true)
  })
  it("D15: under APsystems' programme the same owner is referred (APS-4); a maker with none in the data too (APS-2 generic)", () => {
    const ap = Programmes.inForce(Programmes.defaultTable, "APsystems", "2026-11-23")
    const r = SupportRouting.route({ ...base, requester: { _tag: "Owner" }, installation: byPro, support: ap.support })
    expect(r.route).toMatchObject({ _tag: "Refer", rule: "APS-4" })
    const g = Programmes.inForce(Programmes.defaultTable, "Acme", "2026-11-23")
    const rg = SupportRouting.route({ ...base, requester: { _tag: "Owner" }, installation: byPro, support: g.support })
    expect(rg.route._tag).toBe("Refer")
  })
})

// ---------------------------------------------------------------------------------------------
// Holidays used by the after-sales deadlines (D13, D14)
// ---------------------------------------------------------------------------------------------

describe("D13/D14 — holiday calendars", () => {
  it("D14: Belgian legal holidays of 2026 (Easter 2026-04-05)", () => {
    expect(Holidays.holidaysOf("BE", 2026).map((h) => h.date)).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-14",
      "2026-05-25",
      "2026-07-21",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25"
    ])
  })
  it("D13: French public holidays of 2026 (metropolitan France)", () => {
    expect(Holidays.holidaysOf("FR", 2026).map((h) => h.date)).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-08",
      "2026-05-14",
      "2026-05-25",
      "2026-07-14",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25"
    ])
  })
})

// ---------------------------------------------------------------------------------------------
// WAL-5.12.2, WAL-5.13 — the installer's after-sales obligations (D1, D14)
// ---------------------------------------------------------------------------------------------

describe("WAL-5.12.2 — installer warranties", () => {
  const conformity = {
    acceptedOn: "2024-02-29",
    defect: { _tag: "Conformity", existedAtAcceptance: true },
    discoveredOn: "2026-02-27",
    claimedOn: "2026-03-02",
    inWriting: true
  } as const
  it("WAL-5.12.2/D1: conformity — accepted 2024-02-29: appearing 2026-02-27 covered, 2026-02-28 (= acceptance + 2 years) not", () => {
    expect(Decision.isAccepted(InstallerWarranty.decide(conformity))).toBe(true)
    expect(Decision.isRefused(InstallerWarranty.decide({ ...conformity, discoveredOn: "2026-02-28" }))).toBe(true)
  })
  it("WAL-5.12.2: a conformity defect that did not exist at acceptance is not covered", () => {
    expect(
      Decision.isRefused(
        InstallerWarranty.decide({ ...conformity, defect: { _tag: "Conformity", existedAtAcceptance: false } })
      )
    ).toBe(true)
  })
  it("WAL-5.12.2/D14: 2 months from discovery 2025-06-30 → Saturday 2025-08-30 → rolls over to Monday 2025-09-01", () => {
    const d = InstallerWarranty.claimDeadline("2025-06-30")
    expect(d.due).toBe("2025-09-01")
    const base = { ...conformity, acceptedOn: "2024-09-01", discoveredOn: "2025-06-30" } as const
    expect(Decision.isAccepted(InstallerWarranty.decide({ ...base, claimedOn: "2025-09-01" }))).toBe(true)
    expect(Decision.isRefused(InstallerWarranty.decide({ ...base, claimedOn: "2025-09-02" }))).toBe(true)
  })
  it("WAL-5.12.2: a claim not in writing is refused", () => {
    expect(Decision.isRefused(InstallerWarranty.decide({ ...conformity, inWriting: false }))).toBe(true)
  })
  it("WAL-5.12.2: watertightness 10 years from acceptance 2024-09-15 — 2034-09-14 covered, 2034-09-15 not; mere wear never", () => {
    const leak = {
      acceptedOn: "2024-09-15",
      defect: { _tag: "Watertightness", fromMereWear: false, onRoofPartCarryingInstallation: true },
      discoveredOn: "2034-09-14",
      claimedOn: "2034-09-20",
      inWriting: true
    } as const
    expect(Decision.isAccepted(InstallerWarranty.decide(leak))).toBe(true)
    expect(Decision.isRefused(InstallerWarranty.decide({ ...leak, discoveredOn: "2034-09-15" }))).toBe(true)
    expect(
      Decision.isRefused(InstallerWarranty.decide({ ...leak, defect: { ...leak.defect, fromMereWear: true } }))
    ).toBe(true)
    expect(
      Decision.isRefused(
        InstallerWarranty.decide({ ...leak, defect: { ...leak.defect, onRoofPartCarryingInstallation: false } })
      )
    ).toBe(true)
  })
})

describe("WAL-5.13 — production guarantee", () => {
  const annual = (actualWh: number) =>
    ProductionGuarantee.liability({
      measurement: { test: "annual", from: "2024-06-01", to: "2025-05-31", expectedWh: 4_000_000, actualWh },
      exonerations: [],
      reportedOn: "2025-06-05"
    })
  it("WAL-5.13: after a year, exactly 10% below (3,600,000 of 4,000,000 Wh) → liable; 1 Wh more produced → not", () => {
    expect(Decision.isAccepted(annual(3_600_000))).toBe(true)
    expect(Decision.isRefused(annual(3_600_001))).toBe(true)
  })
  it("WAL-5.13: a measurement one day short of a year (2024-06-01 … 2025-05-30) gives no liability", () => {
    const d = ProductionGuarantee.liability({
      measurement: { test: "annual", from: "2024-06-01", to: "2025-05-30", expectedWh: 4_000_000, actualWh: 1 },
      exonerations: [],
      reportedOn: "2025-06-05"
    })
    expect(Decision.isRefused(d)).toBe(true)
  })
  it("WAL-5.13: over 45 days, exactly 25% below is not 'more than 25%'; one Wh less is", () => {
    const p = (actualWh: number, to = "2025-07-15") =>
      ProductionGuarantee.liability({
        // 2025-06-01 … 2025-07-15 inclusive = 30 + 15 = 45 days.
        measurement: { test: "45-days", from: "2025-06-01", to, expectedWh: 800_000, actualWh },
        exonerations: [],
        reportedOn: "2025-07-16"
      })
    expect(Decision.isRefused(p(600_000))).toBe(true)
    expect(Decision.isAccepted(p(599_999))).toBe(true)
    expect(Decision.isRefused(p(1, "2025-07-14"))).toBe(true) // 44 days
  })
  it("WAL-5.13: an exoneration shown by the installer (new shading) removes liability", () => {
    const d = ProductionGuarantee.liability({
      measurement: { test: "annual", from: "2024-06-01", to: "2025-05-31", expectedWh: 4_000_000, actualWh: 3_000_000 },
      exonerations: ["new-shading"],
      reportedOn: "2025-06-05"
    })
    expect(Decision.isRefused(d)).toBe(true)
  })
  it("WAL-5.13/D14: the opinion within 20 days — reported 2025-07-26 → Friday 08-15 (Assumption) → Monday 2025-08-18", () => {
    expect(ProductionGuarantee.opinionDeadline("2025-07-26").due).toBe("2025-08-18")
  })
  it("WAL-5.13: the opinion is chargeable only when outside the warranties AND the customer was told in advance", () => {
    const o = (solutionsWithinWarranty: boolean, customerToldOfChargeInAdvance: boolean) => {
      const d = ProductionGuarantee.opinion({
        reportedOn: "2025-06-05",
        deliveredOn: "2025-06-20",
        solutionsWithinWarranty,
        customerToldOfChargeInAdvance
      })
      return Decision.isAccepted(d) && d.value.chargeable
    }
    expect([o(false, true), o(false, false), o(true, true), o(true, false)]).toEqual([true, false, false, false])
  })
})

// ---------------------------------------------------------------------------------------------
// Bad input → a typed error naming the field, never a defect
// ---------------------------------------------------------------------------------------------

describe("bad after-sales input is an InvalidInput naming the field", () => {
  it("ENP-L5: a claim dated 2025-02-30 fails on claimedOn (JSON edge and Schema)", () => {
    const json = JSON.stringify({ ...s1, claimedOn: "2025-02-30" })
    const out = Decision.decideJson(LabourReimbursement.ClaimInput, (c) => LabourReimbursement.decide(c), "claim")(json)
    expect(Result.isFailure(out) && out.failure._tag).toBe("InvalidInput")
    expect(Result.isFailure(out) && out.failure.message).toContain('["claimedOn"]')
  })
  it("D1: an unknown device kind fails on kind", () => {
    const out = Decision.decodeInput(
      WarrantyTerms.CoverageInput,
      "coverage"
    )({ manufacturer: "Enphase", kind: "inverter", commissionedOn: "2020-01-01", on: "2021-01-01" })
    expect(Result.isFailure(out) && out.failure.message).toContain('["kind"]')
  })
  it("D13: a support request at 25:00 fails on at", () => {
    const out = Decision.decodeInput(
      SupportRouting.SupportRequest,
      "request"
    )({
      requester: { _tag: "Owner" },
      installation: { _tag: "ByLicensedInstaller", licenceNumber: "L", installerAvailable: true },
      kind: "technical",
      channel: "form",
      at: "2026-11-23T25:00",
      hasSystemOrSerialNumber: true
    })
    expect(Result.isFailure(out) && out.failure.message).toContain('["at"]')
  })
})
