import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Decision, OfferValidation, PaymentSchedule, Vat } from "../src/index.js"

const completeSpecification: OfferValidation.Specification = {
  sizingCriteria: "annual consumption",
  dimensions: "5.2 m × 3.4 m",
  tilt: "35°",
  orientation: "south-west",
  roofLocation: "main roof, rear side",
  shadingElements: "none",
  cableRouting: "attic, tubed",
  mountingPlan: "annex 5",
  panelTechnology: "monocrystalline",
  panelMakeAndType: "Acme 400M",
  panelPeakPowerWp: 400,
  panelDimensions: "1722 × 1134 mm",
  panelQuantity: 12,
  mountingType: "superimposed",
  cableSection: "6 mm²",
  inverterMakeAndType: "Acme IQ8",
  inverterMaxAcPowerVa: 366,
  inverterQuantity: 12,
  inverterWarrantedLifetime: "25 years",
  inverterLocation: "under each panel",
  inverterSynergridCompliant: true,
  expectedKwhPerYear: 4300,
  after25YearsKwhPerYear: 3700,
  optimalKwhPerYear: 4600,
  expectedToOptimalBp: 9348,
  productionAssumptions: "PVGIS, 14% losses"
}

const offer = (over: Partial<OfferValidation.Input> = {}): OfferValidation.Input => ({
  installer: { kind: "legal-person", recognisedPvTraining: true },
  customers: [{ naturalPerson: true }, { naturalPerson: true }],
  peakPowerWp: 4800,
  maxAcPowerVa: 4392,
  connection: "single-phase",
  specificationHandedOver: true,
  specification: completeSpecification,
  prices: { installation: { exclCents: 1_200_000, vatBp: 600, inclCents: 1_272_000 } },
  works: { startOn: "2025-06-02", endOn: "2025-06-30", offerHandedOverOn: "2025-04-20" },
  paymentSchedule: PaymentSchedule.build(1_272_000).schedule,
  dwelling: {
    firstOccupationYear: 1995,
    privateDwelling: true,
    finalConsumer: true,
    sameContractorSuppliesAndInstalls: true
  },
  ...over
})

const rules = (d: Decision.Decision<unknown>) => d.reasons.map((r) => r.rule)

describe("OfferValidation", () => {
  it("WAL-5.1.2: a complete offer within the contract is accepted", () => {
    expect(Decision.isAccepted(OfferValidation.validate(offer()))).toBe(true)
  })

  it("WAL-1.1a/D9: the 10 kW limit is on the inverters' AC power by default — 10.4 kWp with 9 kW AC is within the contract; peak power is a policy choice", () => {
    const big = offer({ peakPowerWp: 10_400, maxAcPowerVa: 9_000, connection: "three-phase" })
    expect(Decision.isAccepted(OfferValidation.validate(big))).toBe(true)
    expect(rules(OfferValidation.validate(big, { ...OfferValidation.defaultPolicy, powerBasis: "peak" }))).toEqual([
      "WAL-1.1a"
    ])
    const overAc = offer({ peakPowerWp: 10_400, maxAcPowerVa: 10_001, connection: "three-phase" })
    expect(rules(OfferValidation.validate(overAc))).toEqual(["WAL-1.1a"])
    expect(
      Decision.isAccepted(OfferValidation.validate(offer({ maxAcPowerVa: 10_000, connection: "three-phase" })))
    ).toBe(true)
  })

  it("WAL-1.1b: installer without recognised training, or a customer that is a company, is refused", () => {
    const d = OfferValidation.validate(
      offer({
        installer: { kind: "natural-person", recognisedPvTraining: false },
        customers: [{ naturalPerson: false }]
      })
    )
    expect(rules(d)).toEqual(["WAL-1.1b", "WAL-1.1b"])
    expect(rules(OfferValidation.validate(offer({ customers: [] })))).toEqual(["WAL-1.1b"])
  })

  it("WAL-3.4: single-phase above 5 kVA is a warning, not an error (none when the DSO allows it)", () => {
    const d = OfferValidation.validate(offer({ maxAcPowerVa: 6000 }))
    expect(Decision.isAccepted(d) && d.value.warnings.map((w) => w.rule)).toEqual(["WAL-3.4"])
    const allowed = OfferValidation.validate(offer({ maxAcPowerVa: 6000, dsoAllowsAbove5kVA: true }))
    expect(Decision.isAccepted(allowed) && allowed.value.warnings).toEqual([])
  })

  it("WAL-5.1.2/WAL-3.1/WAL-3.2/WAL-3.5/WAL-2.4/WAL-2.5: an incomplete specification voids the offer and lists what is missing", () => {
    const { tilt: _tilt, panelQuantity: _q, expectedKwhPerYear: _e, ...rest } = completeSpecification
    const d = OfferValidation.validate(
      offer({
        specification: { ...rest, shadingElements: "  " },
        prices: { installation: { exclCents: 1_200_000, inclCents: 1_272_000 } },
        works: { startOn: "2025-06-02" }
      })
    )
    expect(Decision.isRefused(d)).toBe(true)
    expect(
      OfferValidation.missingItems(
        offer({
          specification: { ...rest, shadingElements: "  " },
          prices: { installation: { exclCents: 1_200_000, inclCents: 1_272_000 } },
          works: { startOn: "2025-06-02" }
        })
      )
    ).toEqual([
      ["specification.tilt", "WAL-3.1"],
      ["specification.shadingElements", "WAL-3.1"],
      ["specification.panelQuantity", "WAL-3.2"],
      ["specification.expectedKwhPerYear", "WAL-3.5"],
      ["prices.installation.vatBp", "WAL-2.4"],
      ["works.endOn", "WAL-2.5"],
      ["works.offerHandedOverOn", "WAL-2.5"]
    ])
    expect(d.reasons[0]).toMatchObject({
      rule: "WAL-5.1.2",
      figures: { missingCount: 7, rules: "WAL-3.1,WAL-3.2,WAL-3.5,WAL-2.4,WAL-2.5" }
    })
    expect(rules(OfferValidation.validate(offer({ specificationHandedOver: false })))).toEqual(["WAL-5.1.2"])
  })

  it("WAL-2.4: the total incl. VAT must match the price excl. VAT and the VAT rate", () => {
    const d = OfferValidation.validate(
      offer({ prices: { installation: { exclCents: 1_200_000, vatBp: 2100, inclCents: 1_272_000 } } })
    )
    expect(d.reasons[0]).toMatchObject({ rule: "WAL-2.4", figures: { expectedInclCents: 1_452_000 } })
  })

  it("WAL-2.4.3/D4: the payment schedule is validated with PaymentSchedule under the chosen policy", () => {
    const schedule = {
      deposit: 3000,
      afterPanels: { siteOpening: 2000, siteClosing: 0 },
      acceptance: 2000,
      administrativeFile: 3000
    }
    expect(rules(OfferValidation.validate(offer({ paymentSchedule: schedule })))).toEqual(["WAL-2.4.3"])
    expect(
      Decision.isAccepted(
        OfferValidation.validate(offer({ paymentSchedule: schedule }), {
          ...OfferValidation.defaultPolicy,
          capPolicy: "general-conditions"
        })
      )
    ).toBe(true)
  })

  it("WAL-1.1a/D9 property: ≤ 10 kW of AC power passes, above fails (default); the same on peak power under the peak basis", () => {
    const peak = { ...OfferValidation.defaultPolicy, powerBasis: "peak" as const }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (w) => {
        const ac = offer({ maxAcPowerVa: w, peakPowerWp: 20_000, connection: "three-phase" })
        expect(Decision.isAccepted(OfferValidation.validate(ac))).toBe(w <= 10_000)
        expect(Decision.isAccepted(OfferValidation.validate(offer({ peakPowerWp: w }), peak))).toBe(w <= 10_000)
      })
    )
  })

  it("bad input: an unknown cap policy or power basis → InvalidInput naming the field", () => {
    const r = Decision.decodeInput(
      OfferValidation.PolicySchema,
      "policy"
    )({ ...OfferValidation.defaultPolicy, capPolicy: "lenient" })
    expect(Result.isFailure(r) && r.failure.message.includes("capPolicy")).toBe(true)
    const b = Decision.decodeInput(
      OfferValidation.PolicySchema,
      "policy"
    )({ ...OfferValidation.defaultPolicy, powerBasis: "dc" })
    expect(Result.isFailure(b) && b.failure.message.includes("powerBasis")).toBe(true)
  })

  it("bad input → InvalidInput naming the field", () => {
    const r = Decision.decodeInput(OfferValidation.Input)({ ...offer(), connection: "two-phase", peakPowerWp: -1 })
    expect(
      Result.isFailure(r) && r.failure.message.includes("connection") && r.failure.message.includes("peakPowerWp")
    ).toBe(true)
  })

  const prices = (vatBp: number, kind?: "pv-panels" | "home-battery") => {
    const incl = 1_200_000 + Math.round((1_200_000 * vatBp) / 10_000)
    return { installation: { exclCents: 1_200_000, vatBp, inclCents: incl, ...(kind ? { kind } : {}) } }
  }
  const vatWarnings = (d: Decision.Decision<OfferValidation.Validated>) =>
    Decision.isAccepted(d) ? d.value.warnings.filter((w) => w.rule === "D17") : []

  it("D17 (issue 15): any rate outside 6% / 21% is flagged — 12% warns naming the expected 6%, and the offer is not refused", () => {
    const d = OfferValidation.validate(offer({ prices: prices(1_200) }))
    expect(Decision.isAccepted(d)).toBe(true)
    const [w] = vatWarnings(d)
    expect(w?.figures).toMatchObject({ vatBp: 1_200, expectedBp: 600 })
    expect(w?.message).toContain("neither 6% nor 21%")
  })

  it("D17: a rate that does not match the dwelling facts warns with the expected rate — a 2020 house at 6% in 2025 calls for 21%", () => {
    const d = OfferValidation.validate(offer({ dwelling: { ...offer().dwelling, firstOccupationYear: 2020 } }))
    expect(vatWarnings(d).map((w) => w.figures["expectedBp"])).toEqual([2_100])
    expect(
      vatWarnings(
        OfferValidation.validate(
          offer({ prices: prices(2_100), dwelling: { ...offer().dwelling, firstOccupationYear: 2020 } })
        )
      )
    ).toEqual([])
  })

  it("D17: PV panels 2022-04-01 … 2023-12-31 at 6% whatever the age; a home battery is never under that measure", () => {
    const newHouse = { ...offer().dwelling, firstOccupationYear: 2021 }
    const at = (offerDate: string, kind: "pv-panels" | "home-battery", vatBp: number) =>
      vatWarnings(OfferValidation.validate(offer({ offerDate, dwelling: newHouse, prices: prices(vatBp, kind) })))
    expect(at("2022-04-01", "pv-panels", 600)).toEqual([])
    expect(at("2023-12-31", "pv-panels", 600)).toEqual([])
    expect(at("2024-01-01", "pv-panels", 600).map((w) => w.figures["expectedBp"])).toEqual([2_100])
    expect(at("2022-03-31", "pv-panels", 600).map((w) => w.figures["expectedBp"])).toEqual([2_100])
    expect(at("2023-06-01", "home-battery", 600).map((w) => w.figures["expectedBp"])).toEqual([2_100])
  })

  it("D17: the dwelling-age threshold is dated — 5 calendar years before 2016-02-12, 10 since", () => {
    const house2008 = { ...offer().dwelling, firstOccupationYear: 2008 }
    const at = (offerDate: string) =>
      vatWarnings(OfferValidation.validate(offer({ offerDate, dwelling: house2008 }))).map(
        (w) => w.figures["expectedBp"]
      )
    expect(at("2016-02-11")).toEqual([]) // 2016 − 5 ≥ 2008: 6%
    expect(at("2016-02-12")).toEqual([2_100]) // 2016 − 10 < 2008: 21%
    expect(at("2018-01-01")).toEqual([]) // 2018 − 10 = 2008: 6%
  })

  it("D17: with facts missing the rate is never guessed — the warning says which fact is missing, and that the offer's date stands for the first invoice", () => {
    const d = OfferValidation.validate(offer({ dwelling: { privateDwelling: true } }))
    const [w] = vatWarnings(d)
    expect(w?.figures["missing"]).toBe("firstOccupationYear,finalConsumer,sameContractorSuppliesAndInstalls")
    const v = Vat.check({ decidingOn: "2025-04-20", decidingEvent: "offer-date", dwelling: {}, lines: [] })
    expect(v.reasons[0]).toMatchObject({ rule: "D17" })
    expect(v.reasons[0]?.message).toContain("expected first invoice")
  })
})
