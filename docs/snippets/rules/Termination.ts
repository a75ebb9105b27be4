import assert from "node:assert/strict"
import { Decision, Money, Termination } from "@soltrace/rules"

// WAL-5.14.2: the customer terminates at will.
const atWill = Termination.byCustomer({
  ground: "at-will",
  byRegisteredLetter: true,
  worksDoneCents: 300_000,
  expensesCents: 20_000,
  worksNotDoneCents: 800_000
})
assert.ok(Decision.isAccepted(atWill))
assert.equal(Money.format(atWill.value.totalCents), "€4,000.00") // 3,000 + 200 + 10% × 8,000

// WAL-5.14.4: formal notice sent 2025-01-10; the 20 days end on 2025-01-30.
const rescind = (rescindedOn: string) =>
  Termination.rescission({
    injuredParty: "customer",
    noticeSentOn: "2025-01-10",
    noticeByRegisteredLetter: true,
    noticeCitesArticle: true,
    remediedWithinPeriod: false,
    rescindedOn,
    rescissionByRegisteredLetter: true,
    priceExclCents: 1_200_000
  })
assert.ok(Decision.isRefused(rescind("2025-01-30"))) // still within the waiting period (D14)
const done = rescind("2025-01-31")
assert.ok(Decision.isAccepted(done))
assert.equal(Money.format(done.value.indemnity.cents), "€1,200.00") // 10% of the price excl. VAT
