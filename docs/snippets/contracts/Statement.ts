import assert from "node:assert/strict"
import { Effect } from "effect"
import { CommandHandler, InMemoryEventStore } from "@soltrace/core"
import { Contract, Statement } from "@soltrace/contracts"
import type { Terms } from "@soltrace/contracts"
import { Money, PaymentSchedule } from "@soltrace/rules"

const offer: Terms.Offer = {
  installer: { partyId: "installer-solwal", kind: "legal-person", recognisedPvTraining: true },
  customers: [{ partyId: "customer-dupont", naturalPerson: true }],
  installation: { peakPowerWp: 6000, connection: "three-phase", maxAcPowerVa: 5000 },
  priceExclCents: 1_200_000, // €12,000.00 excl. VAT at 6% → €12,720.00 incl. VAT
  vatBp: 600,
  options: [],
  schedule: PaymentSchedule.build(1_272_000).schedule, // deposit 20% = €2,544.00 (D4)
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

// Scenario S8 (b) on the in-memory store: contract concluded 2023-01-10, deposit invoice received
// 2025-03-01 (15 days → Sunday 2025-03-16 → due Monday 2025-03-17, D14), paid 2025-05-01.
const commands: ReadonlyArray<Contract.Command> = [
  { _tag: "DraftContract", on: "2023-01-02", offer },
  { _tag: "SignOffer", on: "2023-01-03" },
  { _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2023-01-10", concludedBy: "on-premises" },
  { _tag: "IssueInvoice", on: "2025-02-27", invoiceId: "F1", milestone: "deposit" },
  { _tag: "RecordInvoiceReceived", on: "2025-03-01", invoiceId: "F1" },
  // D8 (Book XIX): nothing is charged before a free first reminder with the legal mentions and its 14 days.
  { _tag: "SendReminder", on: "2025-03-20", invoiceId: "F1", channel: "email", legalMentions: true },
  { _tag: "RecordPayment", on: "2025-05-01", invoiceId: "F1", amountCents: 254_400 }
]
const program = Effect.gen(function* () {
  const aggregate = Contract.aggregate()
  for (const [i, command] of commands.entries()) {
    yield* CommandHandler.handle(aggregate, Contract.streamId("S8"), command, { commandId: `S8-${i}` })
  }
  return (yield* CommandHandler.load(aggregate, Contract.streamId("S8"))).state
})
const state = await Effect.runPromise(Effect.provide(program, InMemoryEventStore.layer))

const s = Statement.statement(state, "2025-05-01")
assert.deepEqual(
  s.lines.map((l) => [l.kind, l.rule, Money.format(l.cents)]),
  [
    ["invoice", "WAL-2.4.3", "€2,544.00"],
    ["late-charge", "WAL-5.4.2", "€127.20"], // 5% lump, claimable after the reminder's 14 days
    ["late-charge", "D8", "€4.88"], // 5%/year × 14/365, only beyond the first month (2025-04-17)
    ["payment", "WAL-5.4.2", "-€2,544.00"]
  ]
)
// D10: the invoice and payment are incl. VAT; the late charges are damages, outside VAT.
assert.equal(s.balances.incl.netCents, 0)
assert.deepEqual(s.owedByCustomer, [{ cents: 13_208, vat: "outside" }]) // €132.08 outside VAT
assert.deepEqual(s.owedByInstaller, [])
// D10: one net settlement, always: everything owed − paid = what one party owes the other.
assert.deepEqual([s.settlement.owedBy, s.settlement.amountCents], ["customer", 13_208])
