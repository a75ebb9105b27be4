import assert from "node:assert/strict"
import { Decision, Withdrawal } from "@soltrace/rules"

// Scenario S7: order signed off premises on 2025-04-01, letter sent 2025-04-15.
const input = { orderedOn: "2025-04-01", offPremises: true, sentOn: "2025-04-15" }

const underTheLaw = Withdrawal.decide(input) // 14 days (D7)
assert.ok(Decision.isAccepted(underTheLaw))
assert.equal(underTheLaw.value.deadline.due, "2025-04-15")

const underTheClause = Withdrawal.decide(input, { withdrawalDays: 7 }) // WAL-4c as written
assert.ok(Decision.isRefused(underTheClause))
assert.equal(underTheClause.reasons[0].figures["lastDay"], "2025-04-08")

// On the installer's premises there is no right of withdrawal.
assert.ok(Decision.isRefused(Withdrawal.decide({ ...input, offPremises: false })))
