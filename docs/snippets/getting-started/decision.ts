import assert from "node:assert/strict"
import { Decision, LabourReimbursement, Money } from "@soltrace/rules"

const replaced = { kind: "microinverter", detectedByMonitoring: true, shippedBack: true, rmaId: "R-1" } as const
const devices = [
  { serial: "M-001", ...replaced, rmaApprovedOn: "2025-05-02" },
  { serial: "M-002", ...replaced, rmaApprovedOn: "2025-05-02" }
] as const
const decision = LabourReimbursement.decide({
  commissionedOn: "2024-03-10",
  interventionOn: "2025-05-06",
  claimedOn: "2025-06-01",
  devices,
  paymentAddress: "Namur"
})

assert.ok(Decision.isAccepted(decision))
assert.equal(Money.format(decision.value.amount.cents), "€175.00") // ENP-L7/D2: €150 + €25, excl. VAT
assert.deepEqual(
  decision.reasons.map((r) => r.rule),
  ["ENP-L1", "ENP-L5", "ENP-L7", "ENP-L8"]
)
