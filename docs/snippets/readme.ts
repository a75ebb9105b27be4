import assert from "node:assert/strict"
import { Decision, LabourReimbursement } from "@soltrace/rules"

const device = { kind: "microinverter", detectedByMonitoring: true, shippedBack: true, rmaId: "RMA-1", rmaApprovedOn: "2025-05-02" } as const
const decision = LabourReimbursement.decide({
  commissionedOn: "2024-03-10", interventionOn: "2025-05-06", claimedOn: "2025-11-07",
  devices: [{ serial: "M-001", ...device }, { serial: "M-002", ...device }],
  paymentAddress: "1 rue du Soleil, 5000 Namur"
})
assert.ok(Decision.isRefused(decision))
assert.equal(decision.reasons[0].rule, "ENP-L5") // the last valid day was 2025-11-06
