import assert from "node:assert/strict"
import { LatePayment, Money } from "@soltrace/rules"

// Scenario S8: invoice of €2,544.00 received 2025-03-01; 15 days end on Sunday 2025-03-16, so the
// invoice is due Monday 2025-03-17 (D14). The contract dates from 2023-01-10, but the sum falls due
// after 2023-12-01: Book XIX applies (D8).
const invoice = {
  contractConcludedOn: "2023-01-10",
  invoiceInclCents: 254_400,
  receivedOn: "2025-03-01",
  status: { _tag: "Paid", paidOn: "2025-05-01" }
} as const

// (a) No reminder ever sent: nothing is owed, and the reason says which rule held it back.
const noReminder = LatePayment.charges(invoice)
assert.equal(noReminder.value.dueOn, "2025-03-17")
assert.equal(noReminder.value.totalChargesCents, 0)
assert.equal(noReminder.value.heldBackBy, "D8")

// (b) A free first reminder with the legal mentions, e-mailed 2025-03-20: its 14 days run
// 2025-03-21 … 2025-04-03. Lump 5% (within the Book XIX cap of €167.20), interest only beyond the
// first month of delay: 2025-04-17 → 2025-05-01, 14 days.
const reminded = LatePayment.charges({
  ...invoice,
  reminder: { sentOn: "2025-03-20", channel: "email", legalMentions: true }
})
assert.equal(Money.format(reminded.value.lumpCents), "€127.20")
assert.equal(Money.format(reminded.value.interestCents), "€4.88")
assert.equal(Money.format(reminded.value.totalChargesCents), "€132.08")
assert.equal(reminded.value.lump.basis, "outside") // damages: no VAT (D10)

// A posted reminder: the period begins on the third jour ouvrable after posting (Friday
// 2025-03-21 → Wednesday 2025-03-26) and ends 13 days later.
assert.equal(LatePayment.reminderGraceEnd({ sentOn: "2025-03-21", channel: "post" }), "2025-04-08")
