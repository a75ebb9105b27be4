import assert from "node:assert/strict"
import { Decision, LabourReimbursement, Money } from "@soltrace/rules"

// Scenario S1: two microinverters replaced on 2025-05-06, RMA approved on 2025-05-02.
const micro = {
  kind: "microinverter",
  detectedByMonitoring: true,
  shippedBack: true,
  rmaId: "RMA-1",
  rmaApprovedOn: "2025-05-02"
} as const
const claim: LabourReimbursement.ClaimInput = {
  commissionedOn: "2024-03-10",
  interventionOn: "2025-05-06",
  claimedOn: "2025-06-01",
  devices: [
    { serial: "M-001", ...micro },
    { serial: "M-002", ...micro },
    { serial: "GW-1", ...micro, kind: "gateway" } // ENP-L2: not counted
  ],
  paymentAddress: "1 rue du Soleil, 5000 Namur"
}

const decision = LabourReimbursement.decide(claim)
assert.ok(Decision.isAccepted(decision))
assert.equal(Money.format(decision.value.amount.cents), "€175.00") // €150 + €25, excl. VAT (ENP-L7, D2)
assert.equal(decision.value.excluded[0]?.reasons[0]?.rule, "ENP-L2")
assert.equal(decision.value.claimDeadline.due, "2025-11-06") // ENP-L5/D3
assert.deepEqual(decision.value.payment, { method: "cheque", address: "1 rue du Soleil, 5000 Namur" }) // ENP-L8

// Scenario S2: one day too late.
const late = LabourReimbursement.decide({ ...claim, claimedOn: "2025-11-07" })
assert.ok(Decision.isRefused(late) && late.reasons[0].rule === "ENP-L5")
