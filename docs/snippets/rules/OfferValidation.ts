import assert from "node:assert/strict"
import { Decision, OfferValidation, PaymentSchedule } from "@soltrace/rules"

// An offer whose specification leaves out the tilt and the production estimate.
const offer: OfferValidation.Input = {
  installer: { kind: "legal-person", recognisedPvTraining: true },
  customers: [{ naturalPerson: true }],
  peakPowerWp: 6_000,
  maxAcPowerVa: 5_500,
  connection: "single-phase",
  specificationHandedOver: true,
  specification: {
    sizingCriteria: "annual consumption",
    dimensions: "6 × 3 m",
    orientation: "south",
    roofLocation: "rear roof",
    shadingElements: "chimney",
    cableRouting: "attic",
    mountingPlan: "annex 5",
    panelTechnology: "monocrystalline",
    panelMakeAndType: "Acme 400M",
    panelPeakPowerWp: 400,
    panelDimensions: "1722 × 1134 mm",
    panelQuantity: 15,
    mountingType: "superimposed",
    cableSection: "6 mm²",
    inverterMakeAndType: "Acme 5K",
    inverterMaxAcPowerVa: 5_500,
    inverterQuantity: 1,
    inverterWarrantedLifetime: "10 years",
    inverterLocation: "garage",
    inverterSynergridCompliant: true
  },
  prices: { installation: { exclCents: 1_200_000, vatBp: 600, inclCents: 1_272_000 } },
  works: { startOn: "2025-06-02", endOn: "2025-06-30", offerHandedOverOn: "2025-04-20" },
  paymentSchedule: PaymentSchedule.build(1_272_000).schedule
}

const decision = OfferValidation.validate(offer)
assert.ok(Decision.isRefused(decision))
assert.equal(decision.reasons[0].rule, "WAL-5.1.2") // void: the specification is not complete
assert.equal(
  decision.reasons[0].figures["missing"],
  "specification.tilt,specification.expectedKwhPerYear,specification.after25YearsKwhPerYear," +
    "specification.optimalKwhPerYear,specification.expectedToOptimalBp,specification.productionAssumptions"
)
// 5,500 VA single-phase: a warning (WAL-3.4), not an error.
assert.ok(decision.reasons.some((r) => r.rule === "WAL-3.4" && r.message.startsWith("Warning")))
