import assert from "node:assert/strict"
import { Decision, LabourReimbursement } from "@soltrace/rules"

const replaced = { kind: "microinverter", detectedByMonitoring: true, shippedBack: true, rmaId: "R-1" } as const
const decision = LabourReimbursement.decide({
  ...{ commissionedOn: "2024-03-10", interventionOn: "2025-05-06", claimedOn: "2025-11-07" },
  devices: [{ serial: "M-001", rmaApprovedOn: "2025-05-02", ...replaced }],
  paymentAddress: "1 rue du Soleil, 5000 Namur"
})
assert.ok(Decision.isRefused(decision))
assert.equal(decision.reasons[0].rule, "ENP-L5") // claimed too late: the last valid day was 2025-11-06
