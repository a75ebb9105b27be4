import assert from "node:assert/strict"
import { Result } from "effect"
import { Decision, LabourReimbursement } from "@soltrace/rules"

// Data from outside (a form, JSON from a partner tool) is decoded once, at the edge.
const decode = Decision.decodeInput(LabourReimbursement.ClaimInput, "claim")
const result = decode({
  commissionedOn: "2024-03-10",
  interventionOn: "6 May 2025",
  claimedOn: "2025-06-01",
  devices: [],
  paymentAddress: ""
})

assert.ok(Result.isFailure(result))
assert.equal(result.failure._tag, "InvalidInput")
assert.match(result.failure.message, /interventionOn/) // the error names the field
