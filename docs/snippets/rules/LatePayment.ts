import assert from "node:assert/strict"
import { LatePayment, Money } from "@soltrace/rules"

// Scenario S8: invoice of €2,544.00 received 2025-03-01, paid 2025-05-01.
const paidLate = LatePayment.charges({
  contractConcludedOn: "2023-01-10",
  invoiceInclCents: 254_400,
  receivedOn: "2025-03-01",
  status: { _tag: "Paid", paidOn: "2025-05-01" }
})
assert.equal(paidLate.value.dueOn, "2025-03-16")
assert.equal(Money.format(paidLate.value.lumpCents), "€127.20") // 5% lump (WAL-5.4.2)
assert.equal(Money.format(paidLate.value.interestCents), "€16.03") // 5%/year × 46/365 (D8)

// The same invoice under a contract concluded after 2023-09-01 (Book XIX, D8):
// a first reminder posted on Friday 2025-03-21 holds every charge back until 2025-04-09.
const recent = {
  contractConcludedOn: "2024-02-01",
  invoiceInclCents: 254_400,
  receivedOn: "2025-03-01",
  reminder: { sentOn: "2025-03-21", channel: "post" }
} as const
const held = LatePayment.charges({ ...recent, status: { _tag: "Paid", paidOn: "2025-04-09" } })
assert.equal(held.value.totalChargesCents, 0)
assert.equal(held.value.heldBackBy, "D8")
const owed = LatePayment.charges({ ...recent, status: { _tag: "Unpaid", evaluatedOn: "2025-04-10" } })
assert.equal(owed.value.lumpCents, 12_720)
