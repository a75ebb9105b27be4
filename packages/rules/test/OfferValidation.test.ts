import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Decision, OfferValidation, PaymentSchedule } from "../src/index.js"

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
  ...over
})

const rules = (d: Decision.Decision<unknown>) => d.reasons.map((r) => r.rule)

describe("OfferValidation", () => {
  it("WAL-5.1.2: a complete offer within the contract is accepted", () => {
    expect(Decision.isAccepted(OfferValidation.validate(offer()))).toBe(true)
  })

  it("WAL-1.1a: more than 10 kW peak is outside the standard contract; the AC basis is a policy choice", () => {
    const big = offer({ peakPowerWp: 10_400, maxAcPowerVa: 9_000, connection: "three-phase" })
    expect(rules(OfferValidation.validate(big))).toEqual(["WAL-1.1a"])
    expect(
      Decision.isAccepted(OfferValidation.validate(big, { ...OfferValidation.defaultPolicy, powerBasis: "ac" }))
    ).toBe(true)
    expect(Decision.isAccepted(OfferValidation.validate(offer({ peakPowerWp: 10_000 })))).toBe(true)
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

  it("WAL-1.1a property: peak power ≤ 10 kW passes, above fails", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (peakPowerWp) => {
        expect(Decision.isAccepted(OfferValidation.validate(offer({ peakPowerWp })))).toBe(peakPowerWp <= 10_000)
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
})
