import assert from "node:assert/strict"
import { Decision, Withdrawal } from "@soltrace/rules"

// Scenario S7: order signed off premises on 2025-04-01, with the legal withdrawal information;
// the components are delivered to the site on 2025-05-12.
const facts: Withdrawal.Facts = {
  concludedBy: "off-premises",
  orderedOn: "2025-04-01",
  withdrawalInformation: "legal",
  goodsDeliveredOn: "2025-05-12"
}

// 14 days from the day after the delivery: the last day is Monday 2025-05-26 (D7).
const inTime = Withdrawal.withdraw({ ...facts, sentOn: "2025-05-26" })
assert.ok(Decision.isAccepted(inTime))
assert.equal(inTime.value.deadline?.due, "2025-05-26")
// The installer refunds every payment within 14 days of being informed (D7): 2025-06-09 is Whit
// Monday, so the last day rolls over to Tuesday 2025-06-10 (D14).
assert.equal(inTime.value.refund.due, "2025-06-10")
assert.ok(Decision.isRefused(Withdrawal.withdraw({ ...facts, sentOn: "2025-05-27" })))

// Only the printed 7-day clause was given: wrong information, the period ends 12 months later.
const clauseOnly = Withdrawal.period({ ...facts, withdrawalInformation: "contract-type-7-days" })
assert.ok(clauseOnly._tag === "Running" && clauseOnly.deadline.due === "2026-05-26")

// Counted as the printed clause does (policy): from the day after the order.
const fromOrder = Withdrawal.period(facts, { ...Withdrawal.defaultPolicy, withdrawalStart: "order" })
assert.ok(fromOrder._tag === "Running" && fromOrder.deadline.due === "2025-04-15")

// On the installer's premises there is no right of withdrawal.
assert.ok(Decision.isRefused(Withdrawal.withdraw({ ...facts, concludedBy: "on-premises", sentOn: "2025-04-02" })))
