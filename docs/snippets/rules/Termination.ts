import assert from "node:assert/strict"
import { Decision, Money, Termination } from "@soltrace/rules"

// WAL-5.14.2: the customer terminates at will. Works done and expenses are owed incl. VAT, the lost
// profit (10% of the works not done, excl. VAT) outside VAT: damages carry no VAT (D10).
const atWill = Termination.byCustomer({
  ground: "at-will",
  byRegisteredLetter: true,
  worksDoneCents: 300_000,
  expensesCents: 20_000,
  worksNotDoneCents: 800_000
})
assert.ok(Decision.isAccepted(atWill))
assert.deepEqual(atWill.value.totals, { inclCents: 320_000, outsideCents: 80_000 })
assert.deepEqual(atWill.value.lostProfit, { cents: 80_000, basis: "outside" })

// D7: the same termination sent while the withdrawal period is open is a withdrawal: nothing owed.
const early = Termination.byCustomerOrWithdrawal({
  termination: {
    ground: "at-will",
    byRegisteredLetter: true,
    worksDoneCents: 0,
    expensesCents: 0,
    worksNotDoneCents: 1_200_000
  },
  withdrawal: { concludedBy: "off-premises", orderedOn: "2025-04-01", withdrawalInformation: "legal" },
  sentOn: "2025-04-10"
})
assert.ok(Decision.isAccepted(early) && early.value._tag === "Withdrawal")

// WAL-5.14.4: formal notice sent 2025-01-10; the 20 days end on 2025-01-30 (a Thursday).
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
const tooEarly = rescind("2025-01-30")
assert.ok(Decision.isRefused(tooEarly)) // still within the waiting period
assert.deepEqual(
  tooEarly.reasons.map((r) => r.rule),
  ["WAL-5.14.4", "D14"]
)
const done = rescind("2025-01-31")
assert.ok(Decision.isAccepted(done))
assert.equal(Money.format(done.value.indemnityOwed.cents), "€1,200.00") // 10% of the price excl. VAT, outside VAT
