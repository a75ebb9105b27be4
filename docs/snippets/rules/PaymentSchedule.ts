import assert from "node:assert/strict"
import { Decision, Money, PaymentSchedule } from "@soltrace/rules"

// Scenario S4: €12,000.00 excl. VAT at 6% → €12,720.00 incl. VAT.
const total = Money.inclVat(1_200_000, 600)
const built = PaymentSchedule.build(total) // default policy "both" (D4)
assert.equal(Money.format(built.amounts.deposit.cents), "€2,544.00")
assert.equal(Money.format(built.amounts.afterPanels.cents), "€2,544.00")
assert.equal(Money.format(built.amounts.acceptance.cents), "€2,544.00")
assert.equal(Money.format(built.amounts.administrativeFile.cents), "€5,088.00")
assert.equal(built.amounts.deposit.vat, "incl")

// A 30% deposit: refused under WAL-2.4.3 (and so "both"), allowed by WAL-5.4.1.
const proposal: PaymentSchedule.Schedule = {
  deposit: 3000,
  afterPanels: { siteOpening: 2000, siteClosing: 0 },
  acceptance: 2000,
  administrativeFile: 3000
}
const checked = PaymentSchedule.validate(proposal)
assert.ok(Decision.isRefused(checked))
assert.equal(checked.reasons[0].rule, "WAL-2.4.3")
assert.deepEqual(checked.reasons[0].figures, { milestone: "deposit", proposedBp: 3000, capBp: 2000, policy: "both" })
assert.ok(Decision.isAccepted(PaymentSchedule.validate(proposal, "general-conditions")))
