import assert from "node:assert/strict"
import { ContractConditions, Decision } from "@soltrace/rules"

// WAL-2.3: an offer signed on 2025-03-03 may be accepted until 2025-04-02.
assert.equal(ContractConditions.offerDeadline("2025-03-03").due, "2025-04-02")
assert.ok(
  Decision.isRefused(ContractConditions.offerValidity({ offerSignedOn: "2025-03-03", orderedOn: "2025-04-03" }))
)

// WAL-4a/WAL-5.2.1/D5: 30 days written in the order → 45 days apply, with a warning.
const loan = ContractConditions.loanCondition({
  orderedOn: "2025-04-01",
  agreedDays: 30,
  outcome: { _tag: "Obtained", on: "2025-05-10" }
})
assert.ok(Decision.isAccepted(loan))
assert.equal(loan.value.status, "final")
assert.equal(loan.value.deadline.due, "2025-05-16")
assert.ok(loan.reasons.some((r) => r.rule === "D5"))

// A refusal shown by a lender's certificate: the contract has no effect.
const refused = ContractConditions.loanCondition({
  orderedOn: "2025-04-01",
  outcome: { _tag: "Refused", on: "2025-04-20", refusalCertificate: true }
})
assert.ok(Decision.isRefused(refused))

// WAL-4b/WAL-5.2.2: studies requiring works ≥ 10% of the price (rental excluded, inspection included).
const studies = ContractConditions.studiesCondition({
  studiesNamedInSpecification: true,
  totalPriceCents: 1_000_000,
  rentalCents: 100_000,
  inspectionCostCents: 20_000,
  requiredWorksCents: 95_000
})
assert.ok(Decision.isRefused(studies))
assert.equal(studies.reasons[0].figures["thresholdCents"], 92_000)
