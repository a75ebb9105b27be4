import assert from "node:assert/strict"
import { Result } from "effect"
import { Decision, LabourReimbursement } from "@soltrace/rules"

// A partner tool's edge: JSON text in, the decision or the list of issues out (built once, reused).
const claim = Decision.decideJson(LabourReimbursement.ClaimInput, LabourReimbursement.decide, "claim")

const bad = claim(
  '{"commissionedOn": "2024-03-10", "interventionOn": "2025-05-06", "claimedOn": "2025-06-01", "devices": [], "paymentAddress": "Namur", "coupon": "X"}'
)
assert.ok(Result.isFailure(bad))
assert.deepStrictEqual(bad.failure.issues, [
  { path: ["coupon"], message: 'Unknown key "coupon"' }, // unknown keys are refused ({ unknownKeys: "allow" } drops them)
  { path: ["devices"], message: "Expected at least one item, got an empty list" }
])

const notJson = claim("{ devices: [")
assert.ok(Result.isFailure(notJson)) // never a SyntaxError
assert.deepStrictEqual(notJson.failure.issues[0]?.path, [])
