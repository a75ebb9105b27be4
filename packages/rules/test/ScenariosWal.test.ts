import { describe, expect, it } from "vitest"
import { DelayPenalty, LatePayment, Money, PaymentSchedule, Withdrawal } from "../src/index.js"
import * as Decision from "../src/Decision.js"

describe("Walloon reference scenarios (scenarios.md)", () => {
  it('S4 WAL-2.4.3/WAL-5.4.1/D4/D10: €12,000.00 excl. at 6% → €12,720.00 split 20/20/20/balance under "both"', () => {
    const total = Money.inclVat(1_200_000, 600)
    expect(total).toBe(1_272_000)
    const built = PaymentSchedule.build(total)
    expect(built.policy).toBe("both")
    expect(built.amounts.deposit).toEqual({ cents: 254_400, vat: "incl" })
    expect(built.amounts.afterPanels).toEqual({ cents: 254_400, vat: "incl" })
    expect(built.amounts.acceptance).toEqual({ cents: 254_400, vat: "incl" })
    expect(built.amounts.administrativeFile).toEqual({ cents: 508_800, vat: "incl" })
    expect(Decision.isAccepted(PaymentSchedule.validate(built.schedule))).toBe(true)
  })

  it('S4 WAL-2.4.3/WAL-5.4.1/D4: a 30% deposit breaks WAL-2.4.3 (and so "both") but not WAL-5.4.1', () => {
    const thirtyPercentDeposit: PaymentSchedule.Schedule = {
      deposit: 3000,
      afterPanels: { siteOpening: 2000, siteClosing: 0 },
      acceptance: 2000,
      administrativeFile: 3000
    }
    const template = PaymentSchedule.validate(thirtyPercentDeposit, "offer-template")
    const both = PaymentSchedule.validate(thirtyPercentDeposit, "both")
    const general = PaymentSchedule.validate(thirtyPercentDeposit, "general-conditions")
    expect(Decision.isRefused(template)).toBe(true)
    expect(Decision.isRefused(both)).toBe(true)
    expect(Decision.isAccepted(general)).toBe(true)
    expect(
      both.reasons.map((r) => [r.rule, r.figures["milestone"], r.figures["proposedBp"], r.figures["capBp"]])
    ).toEqual([["WAL-2.4.3", "deposit", 3000, 2000]])
  })

  it("S5 WAL-5.7.1/WAL-5.7.2/D11: end pushed to 2025-07-03, 17 days late, €595 capped at €500", () => {
    const d = DelayPenalty.penalty({
      startOfWorks: "2025-06-02",
      agreedEnd: "2025-06-30",
      badWeatherDays: ["2025-06-10", "2025-06-11", "2025-06-11", "2025-06-20"],
      completion: { _tag: "Completed", on: "2025-07-20" },
      priceExclCents: 500_000
    })
    expect(d.value.pushedEnd).toBe("2025-07-03")
    expect(d.value.delayDays).toBe(17)
    expect(d.value.uncappedCents).toBe(59_500)
    expect(d.value.capCents).toBe(50_000)
    expect(d.value.penalty.cents).toBe(50_000)
    expect(Money.format(d.value.penalty.cents)).toBe("€500.00")
  })

  it("S7 WAL-4c/D7/D14: off premises 2025-04-01, goods delivered 2025-05-12 → last day Monday 2025-05-26; 2025-05-27 too late", () => {
    const facts: Withdrawal.Facts = {
      concludedBy: "off-premises",
      orderedOn: "2025-04-01",
      withdrawalInformation: "legal",
      goodsDeliveredOn: "2025-05-12"
    }
    const lastDay = (f: Withdrawal.Facts, policy?: Withdrawal.Policy) => {
      const p = Withdrawal.period(f, policy)
      return p._tag === "Running" ? p.deadline.due : undefined
    }
    expect(Decision.isAccepted(Withdrawal.withdraw({ ...facts, sentOn: "2025-05-26" }))).toBe(true)
    const late = Withdrawal.withdraw({ ...facts, sentOn: "2025-05-27" })
    expect(Decision.isRefused(late)).toBe(true)
    expect(late.reasons[0]).toMatchObject({ rule: "WAL-4c", figures: { lastDay: "2025-05-26" } })
    expect(late.reasons.slice(1).every((r) => r.rule === "D7")).toBe(true)
    expect(lastDay(facts)).toBe("2025-05-26")
    // withdrawalStart "order": the day after the order, 14 days → 2025-04-15; with 7 days → 2025-04-08
    const fromOrder = { ...Withdrawal.defaultPolicy, withdrawalStart: "order" as const }
    expect(lastDay(facts, fromOrder)).toBe("2025-04-15")
    expect(lastDay(facts, { ...fromOrder, withdrawalDays: 7 })).toBe("2025-04-08")
    // only the printed 7-day clause was given: 12 months after the initial last day → 2026-05-26
    expect(lastDay({ ...facts, withdrawalInformation: "contract-type-7-days" })).toBe("2026-05-26")
    expect(
      Decision.isAccepted(
        Withdrawal.withdraw({ ...facts, withdrawalInformation: "contract-type-7-days", sentOn: "2026-05-26" })
      )
    ).toBe(true)
  })

  it("S8 WAL-5.4.2/D8/D14: €2,544.00 received 2025-03-01 → due Monday 2025-03-17 (Sunday rolled); (a) no reminder → no charge; (b) reminder e-mailed 2025-03-20 → €127.20 + €4.88 = €132.08", () => {
    const facts = {
      contractConcludedOn: "2023-01-10",
      invoiceInclCents: 254_400,
      receivedOn: "2025-03-01",
      status: { _tag: "Paid", paidOn: "2025-05-01" }
    } as const
    const a = LatePayment.charges(facts)
    expect(a.value).toMatchObject({ dueOn: "2025-03-17", bookXix: true, totalChargesCents: 0, heldBackBy: "D8" })
    const b = LatePayment.charges({
      ...facts,
      reminder: { sentOn: "2025-03-20", channel: "email", legalMentions: true }
    })
    expect(LatePayment.reminderPeriod({ sentOn: "2025-03-20", channel: "email" })).toMatchObject({
      begins: "2025-03-21",
      due: "2025-04-03"
    })
    expect(b.value).toMatchObject({ lumpCents: 12_720, lumpCapCents: 16_720, interestFrom: "2025-04-17" })
    expect(Money.format(b.value.lumpCents)).toBe("€127.20")
    expect(Money.format(b.value.interestCents)).toBe("€4.88")
    expect(Money.format(b.value.totalChargesCents)).toBe("€132.08")
  })
})
