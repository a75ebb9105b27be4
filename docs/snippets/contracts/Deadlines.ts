import assert from "node:assert/strict"
import { Result } from "effect"
import { Contract, Deadlines, ICalendar } from "@soltrace/contracts"
import type { Terms } from "@soltrace/contracts"
import { PaymentSchedule } from "@soltrace/rules"

const offer: Terms.Offer = {
  installer: { partyId: "installer-solwal", kind: "legal-person", recognisedPvTraining: true },
  customers: [{ partyId: "customer-dupont", naturalPerson: true }],
  installation: { peakPowerWp: 4500, connection: "single-phase", maxAcPowerVa: 4600 },
  priceExclCents: 500_000, // €5,000.00 excl. VAT
  vatBp: 600,
  options: [],
  schedule: PaymentSchedule.build(530_000).schedule,
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
    sizingCriteria: "roof space",
    dimensions: "5.1 m × 3.4 m",
    tilt: "30°",
    orientation: "south-west",
    roofLocation: "rear slope",
    shadingElements: "chimney",
    cableRouting: "facade",
    mountingPlan: "annex 5",
    panelTechnology: "monocrystalline",
    panelMakeAndType: "Acme M-450",
    panelPeakPowerWp: 450,
    panelDimensions: "1.9 m × 1.1 m",
    panelQuantity: 10,
    mountingType: "superimposed",
    cableSection: "6 mm²",
    inverterMakeAndType: "Acme I-4.6",
    inverterMaxAcPowerVa: 4600,
    inverterQuantity: 1,
    inverterWarrantedLifetime: "10 years",
    inverterLocation: "attic",
    inverterSynergridCompliant: true,
    expectedKwhPerYear: 4000,
    after25YearsKwhPerYear: 3400,
    optimalKwhPerYear: 4300,
    expectedToOptimalBp: 9302,
    productionAssumptions: "PVGIS"
  }
}

// Scenario S5: works from 2025-06-02, bad weather on 06-10, 06-11 (recorded twice) and 06-20.
const commands: ReadonlyArray<Contract.Command> = [
  { _tag: "DraftContract", on: "2025-03-01", offer },
  { _tag: "SignOffer", on: "2025-03-10" },
  {
    _tag: "PlaceOrder",
    withdrawalInformation: "legal",
    on: "2025-04-01",
    concludedBy: "off-premises",
    loan: { maxAmountCents: 400_000 }
  },
  { _tag: "RecordLoanObtained", on: "2025-04-20" },
  { _tag: "StartWorks", on: "2025-06-02" },
  { _tag: "RecordPanelsDelivered", on: "2025-06-03" },
  { _tag: "RecordBadWeatherDay", on: "2025-06-10" },
  { _tag: "RecordBadWeatherDay", on: "2025-06-11" },
  { _tag: "RecordBadWeatherDay", on: "2025-06-11" },
  { _tag: "RecordBadWeatherDay", on: "2025-06-20" }
]
let state = Contract.initialState
for (const command of commands) {
  const decided = Contract.decider.decide(command, state)
  if (Result.isFailure(decided)) throw decided.failure
  for (const event of decided.success) state = Contract.evolve(state, event)
}

const list = Deadlines.deadlines(state, "2025-07-01")
assert.deepEqual(
  list.map((d) => [d.rule, d.due, d.party, d.status]),
  [
    ["WAL-2.3", "2025-04-09", "customer", "met"], // offer accepted in its 30 days
    ["WAL-5.2.1", "2025-05-16", "customer", "met"], // loan within 45 days (D5)
    ["WAL-2.5", "2025-06-02", "installer", "met"], // works started on the agreed day
    ["D7", "2025-06-17", "customer", "lapsed"], // withdrawal: 14 days from the delivery of the goods, not used
    ["WAL-5.7.1", "2025-07-03", "installer", "open"] // end pushed by 3 distinct bad-weather days
  ]
)

// The open ones as an iCalendar file: all-day events an installer can import.
const ics = ICalendar.toICalendar(list, { contractId: "C-2025-017", asOf: "2025-07-01" })
assert.ok(Result.isSuccess(ics))
assert.match(ics.success, /DTSTART;VALUE=DATE:20250703\r\nDTEND;VALUE=DATE:20250704/)
assert.match(ics.success, /SUMMARY:complete the works \(WAL-5\.7\.1\)/)
