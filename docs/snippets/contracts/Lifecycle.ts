import assert from "node:assert/strict"
import { Result } from "effect"
import { Contract } from "@soltrace/contracts"
import type { Terms } from "@soltrace/contracts"
import { PaymentSchedule } from "@soltrace/rules"

// An offer of €12,000.00 excl. VAT at 6% (€12,720.00 incl. VAT), schedule built under "both" (D4).
const offer: Terms.Offer = {
  installer: { partyId: "installer-solwal", kind: "legal-person", recognisedPvTraining: true },
  customers: [{ partyId: "customer-dupont", naturalPerson: true }],
  installation: { peakPowerWp: 6000, connection: "three-phase", maxAcPowerVa: 5000 },
  priceExclCents: 1_200_000,
  vatBp: 600,
  options: [],
  schedule: PaymentSchedule.build(1_272_000).schedule,
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
  specification: {
    sizingCriteria: "annual consumption",
    dimensions: "6.8 m × 3.4 m",
    tilt: "35°",
    orientation: "south",
    roofLocation: "south slope",
    shadingElements: "none",
    cableRouting: "attic",
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
}

// Decide commands one by one; each carries its business date.
const events: Array<Contract.Event> = []
const run = (command: Contract.Command): Result.Result<ReadonlyArray<Contract.Event>, Contract.ContractRefused> => {
  const decided = Contract.decider.decide(command, Contract.replay(events))
  if (Result.isSuccess(decided)) events.push(...decided.success)
  return decided
}
run({ _tag: "DraftContract", on: "2025-03-01", offer })
run({ _tag: "SignOffer", on: "2025-03-10" }) // valid until 2025-04-09 (WAL-2.3)

// WAL-2.3: ordering after the offer expired is a refusal whose reasons carry the rule id.
const late = run({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-04-10", concludedBy: "off-premises" })
assert.ok(Result.isFailure(late) && late.failure.rules.includes("WAL-2.3"))

// Off premises, without conditions: the contract is final at once. D7: the goods are not delivered
// yet, so the 14 days have not begun — the customer may withdraw at any time.
run({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-04-01", concludedBy: "off-premises" })
assert.equal(Contract.replay(events).status, "Final")
assert.ok(Result.isSuccess(run({ _tag: "Withdraw", on: "2025-04-15" })))
assert.equal(Contract.replay(events).status, "Withdrawn")

// A withdrawn contract takes no further lifecycle step (WAL-1.3); only its accounts (D8, D10).
assert.ok(Result.isFailure(run({ _tag: "StartWorks", on: "2025-06-02" })))

// The state as it stood on a past date: replay the events dated up to that day.
assert.equal(Contract.asOf(events, "2025-04-14").status, "Final")

// Counted as the printed clause does — 7 days from the order — the same notice is too late.
const strict = Contract.make(Contract.policy({ withdrawalStart: "order", withdrawalDays: 7 }))
const ordered = Contract.replay(events.filter((e) => e._tag !== "ContractWithdrawn"))
const refused = strict.decide({ _tag: "Withdraw", on: "2025-04-15" }, ordered)
assert.ok(Result.isFailure(refused) && refused.failure.reasons[0]?.figures["lastDay"] === "2025-04-08")
