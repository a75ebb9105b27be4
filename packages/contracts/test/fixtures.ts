/**
 * Shared fixtures: a complete offer (S4 figures: €12,000.00 excl. VAT at 6%) and helpers to play
 * commands through the decider.
 */
import { Result } from "effect"
import { PaymentSchedule } from "@soltrace/rules"
import { Contract } from "../src/index.js"
import type { Terms } from "../src/index.js"

export const specification: Terms.Specification = {
  sizingCriteria: "annual consumption",
  dimensions: "6.8 m × 3.4 m",
  tilt: "35°",
  orientation: "south",
  roofLocation: "south slope",
  shadingElements: "none",
  cableRouting: "attic, conduit",
  mountingPlan: "annex 5",
  panelTechnology: "monocrystalline",
  panelMakeAndType: "Acme M-400",
  panelPeakPowerWp: 400,
  panelDimensions: "1.7 m × 1.1 m",
  panelQuantity: 15,
  mountingType: "superimposed",
  cableSection: "6 mm²",
  inverterMakeAndType: "Acme I-5",
  inverterMaxAcPowerVa: 5000,
  inverterQuantity: 1,
  inverterWarrantedLifetime: "10 years",
  inverterLocation: "garage",
  inverterSynergridCompliant: true,
  expectedKwhPerYear: 5400,
  after25YearsKwhPerYear: 4600,
  optimalKwhPerYear: 5700,
  expectedToOptimalBp: 9474,
  productionAssumptions: "PVGIS, 14% losses"
}

/** S4: €12,000.00 excl. VAT at 6% = €12,720.00 incl. VAT; schedule built under "both" (D4). */
export const offer: Terms.Offer = {
  installer: { partyId: "installer-solwal", kind: "legal-person", recognisedPvTraining: true },
  customers: [{ partyId: "customer-dupont", naturalPerson: true }],
  installation: { peakPowerWp: 6000, connection: "three-phase", maxAcPowerVa: 5000 },
  priceExclCents: 1_200_000,
  vatBp: 600,
  options: [],
  schedule: PaymentSchedule.build(1_272_000, "both").schedule,
  worksStartOn: "2025-06-02",
  worksEndOn: "2025-06-30",
  inspectionByInstaller: false,
  studies: [],
  dwelling: {
    firstOccupationYear: 1998,
    privateDwelling: true,
    finalConsumer: true,
    sameContractorSuppliesAndInstalls: true
  },
  specificationHandedOver: true,
  specification
}

export type Cmd = Contract.Command

/** Plays commands from `events`, failing the test on the first refusal; returns all events. */
export const play = (
  commands: ReadonlyArray<Cmd>,
  events: ReadonlyArray<Contract.Event> = [],
  decider: ReturnType<typeof Contract.make> = Contract.decider
): Array<Contract.Event> => {
  const out = [...events]
  let state = Contract.replay(out)
  for (const c of commands) {
    const r = decider.decide(c, state)
    if (Result.isFailure(r)) throw new Error(`${c._tag} refused: ${r.failure.message}`)
    out.push(...r.success)
    for (const e of r.success) state = decider.evolve(state, e)
  }
  return out
}

export const drafted = (o: Terms.Offer = offer, on = "2025-03-01"): Array<Cmd> => [
  { _tag: "DraftContract", on, offer: o }
]
export const offered = (o: Terms.Offer = offer): Array<Cmd> => [...drafted(o), { _tag: "SignOffer", on: "2025-03-10" }]
export const ordered = (o: Terms.Offer = offer, offPremises = false): Array<Cmd> => [
  ...offered(o),
  { _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-04-01", offPremises }
]
export const started: Array<Cmd> = [...ordered(), { _tag: "StartWorks", on: "2025-06-02" }]
export const delivered: Array<Cmd> = [...started, { _tag: "RecordPanelsDelivered", on: "2025-06-03" }]
export const completed: Array<Cmd> = [...delivered, { _tag: "CompleteWorks", on: "2025-06-27" }]
export const accepted: Array<Cmd> = [...completed, { _tag: "RecordInspectionAccepted", on: "2025-07-10" }]
export const filed: Array<Cmd> = [...accepted, { _tag: "DeliverAdministrativeFile", on: "2025-07-20" }]

/** The rule ids of a refusal. */
export const rulesOf = (e: Contract.ContractRefused): ReadonlyArray<string> => e.reasons.map((r) => r.rule)
