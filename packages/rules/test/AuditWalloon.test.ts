/**
 * An outside check of the Walloon rules against the revised decisions (D4, D5, D7, D8, D9, D11,
 * D14, D17) and scenarios (S4, S5, S7, S8), through the public API as a user imports it. Every
 * expected value is worked out by hand from the decision text; the arithmetic is in the comments.
 */
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  Calendar,
  ContractConditions,
  Deadline,
  Decision,
  DelayPenalty,
  Holidays,
  LatePayment,
  PaymentSchedule,
  Qualiwatt,
  Termination,
  Vat,
  Withdrawal
} from "../src/index.js"

const rulesOf = (reasons: ReadonlyArray<Decision.Reason>): ReadonlyArray<string> => reasons.map((r) => r.rule)

describe("D14 — Belgian roll-over of a last day", () => {
  it("D14: a last day on Easter Sunday 2025-04-20 skips Easter Monday and lands on Tuesday 2025-04-22", () => {
    // Easter 2025 = 04-20 (Sunday); 04-21 Easter Monday is a legal holiday; 04-22 is a Tuesday.
    expect(Deadline.lastDay("2025-04-20")).toMatchObject({ due: "2025-04-22", rolledFrom: "2025-04-20" })
  })
  it("D14: a last day on Sunday 2022-12-25 is not rolled (before 2023-01-01), and the library says so", () => {
    const d = Deadline.lastDay("2022-12-25")
    expect(d.due).toBe("2022-12-25")
    expect(d.rolledFrom).toBeUndefined()
    expect(d.because).toContain("2023-01-01")
  })
  it("D14: Sunday 2023-01-01 (the first day the rule applies to) rolls to Monday 2023-01-02", () => {
    expect(Deadline.lastDay("2023-01-01").due).toBe("2023-01-02")
  })
  it("D14: a Saturday before a Monday holiday (2025-07-19, then 07-21 National Day) rolls to Tuesday 2025-07-22", () => {
    expect(Deadline.lastDay("2025-07-19").due).toBe("2025-07-22")
  })
  it("D14: Easter Sunday from the calendar (2019, 2024, 2025, 2026, 2027, 2038) and the ten Belgian holidays", () => {
    expect([2019, 2024, 2025, 2026, 2027, 2038].map(Holidays.easterSunday)).toEqual([
      "2019-04-21",
      "2024-03-31",
      "2025-04-20",
      "2026-04-05",
      "2027-03-28",
      "2038-04-25"
    ])
    expect(Holidays.holidaysOf("BE", 2026).map((h) => h.date)).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-14",
      "2026-05-25",
      "2026-07-21",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25"
    ])
  })
  it("D14: Good Friday is not a Belgian legal holiday; Ascension and Whit Monday are", () => {
    expect(Holidays.isWorkingDay("2025-04-18")).toBe(true) // Good Friday
    expect(Holidays.isHoliday("2025-05-29")).toBe(true) // Easter + 39
    expect(Holidays.isHoliday("2025-06-09")).toBe(true) // Easter + 50
  })
  it("D14: a rolled last day is a working day, never earlier, and no working day is skipped (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), (n) => {
        const counted = Calendar.addDays("2023-01-01", n)
        const { due } = Deadline.lastDay(counted)
        expect(Holidays.isWorkingDay(due)).toBe(true)
        for (let d = counted; d < due; d = Calendar.addDays(d, 1)) expect(Holidays.isWorkingDay(d)).toBe(false)
      })
    )
  })
})

describe("D8 / S8 — late payment under Book XIX", () => {
  const invoice = {
    contractConcludedOn: "2023-01-10",
    invoiceInclCents: 254_400,
    receivedOn: "2025-03-01",
    status: { _tag: "Paid", paidOn: "2025-05-01" }
  } as const

  it("S8/D8/D14: received 2025-03-01 + 15 days = Sunday 03-16 → due Monday 2025-03-17", () => {
    const due = LatePayment.dueDate("2025-03-01")
    expect(due).toMatchObject({ due: "2025-03-17", rolledFrom: "2025-03-16", rule: "WAL-5.4.2" })
  })
  it("S8 (a)/D8: paid 2025-05-01 with no reminder → no late charge, held back by D8", () => {
    const r = LatePayment.charges(invoice)
    expect(r.value).toMatchObject({ totalChargesCents: 0, heldBackBy: "D8", bookXix: true })
  })
  it("S8 (b)/D8: e-mailed reminder 2025-03-20 → period 03-21 … 04-03; lump €127.20 + interest €4.88 = €132.08", () => {
    const r = LatePayment.charges({
      ...invoice,
      reminder: { sentOn: "2025-03-20", channel: "email", legalMentions: true }
    })
    const period = LatePayment.reminderPeriod({ sentOn: "2025-03-20", channel: "email" })
    expect(period.begins).toBe("2025-03-21")
    expect(period.due).toBe("2025-04-03") // 03-21 + 13
    // lump 5% × 2,544.00 = 127.20 ≤ cap 65.00 + 5% × 2,044.00 = 167.20
    expect(r.value.lumpCents).toBe(12_720)
    expect(r.value.lumpCapCents).toBe(16_720)
    // interest: due + 1 month = 04-17; 04-17 → 05-01 = 14 days; 254,400 × 5% × 14/365 = 487.89… → 488
    expect(r.value.interestCents).toBe(488)
    expect(r.value.totalChargesCents).toBe(13_208)
    expect(r.value.lump.basis).toBe("outside")
    expect(r.value.interest.basis).toBe("outside")
    expect(r.value.heldBackBy).toBeUndefined()
  })
  it("D8: a reminder without the legal mentions starts nothing", () => {
    const r = LatePayment.charges({ ...invoice, reminder: { sentOn: "2025-03-20", channel: "email" } })
    expect(r.value.totalChargesCents).toBe(0)
    expect(r.value.heldBackBy).toBe("D8")
  })
  it("D8: paid on the reminder period's last day (2025-04-03) → no charge; paid the next day → the lump", () => {
    const reminder = { sentOn: "2025-03-20", channel: "email", legalMentions: true } as const
    const onLast = LatePayment.charges({ ...invoice, reminder, status: { _tag: "Paid", paidOn: "2025-04-03" } })
    expect(onLast.value.totalChargesCents).toBe(0)
    const next = LatePayment.charges({ ...invoice, reminder, status: { _tag: "Paid", paidOn: "2025-04-04" } })
    // 04-04 is before due + 1 month (04-17): lump only.
    expect(next.value.lumpCents).toBe(12_720)
    expect(next.value.interestCents).toBe(0)
  })
  it("D8: a letter posted Friday 2025-04-18 — weekend, Easter Monday 04-21 — begins on Thursday 04-24, ends 05-08", () => {
    // jours ouvrables after 04-18: Tue 04-22 (1), Wed 04-23 (2), Thu 04-24 (3). 04-24 + 13 = 05-07.
    const p = LatePayment.reminderPeriod({ sentOn: "2025-04-18", channel: "post" })
    expect(p.begins).toBe("2025-04-24")
    expect(p.due).toBe("2025-05-07")
  })
  it("D8: a letter posted Friday 2025-03-21 begins Wednesday 03-26 (Saturday is no jour ouvrable), ends 04-08", () => {
    expect(LatePayment.reminderPeriod({ sentOn: "2025-03-21", channel: "post" }).begins).toBe("2025-03-26")
    expect(LatePayment.reminderGraceEnd({ sentOn: "2025-03-21", channel: "post" })).toBe("2025-04-08")
  })
  it("D8/D14: a reminder period whose last day is Saturday 2025-05-03 rolls to Monday 05-05", () => {
    // e-mail 2025-04-19 (Sat): begins 04-20, last 04-20 + 13 = 05-03 (Saturday) → 05-05.
    expect(LatePayment.reminderPeriod({ sentOn: "2025-04-19", channel: "email" }).due).toBe("2025-05-05")
  })
  it("D8: Book XIX caps on the lump at €150.00, €150.01, €500.00, €500.01 and €40,000", () => {
    expect(LatePayment.bookXixLumpCap(15_000)).toBe(2_000) // ≤ €150 → €20
    expect(LatePayment.bookXixLumpCap(15_001)).toBe(3_000) // €30 + 10% × €0.01 = €30.001 → €30.00
    expect(LatePayment.bookXixLumpCap(50_000)).toBe(6_500) // €30 + 10% × €350 = €65
    expect(LatePayment.bookXixLumpCap(50_001)).toBe(6_500) // €65 + 5% × €0.01 → €65.00
    expect(LatePayment.bookXixLumpCap(4_000_000)).toBe(200_000) // €65 + 5% × €39,500 = €2,040 → at most €2,000
  })
  const xixLump = (cents: number): LatePayment.Charges =>
    LatePayment.charges({
      contractConcludedOn: "2024-01-10",
      invoiceInclCents: cents,
      receivedOn: "2025-03-01",
      status: { _tag: "Paid", paidOn: "2025-04-10" },
      reminder: { sentOn: "2025-03-20", channel: "email", legalMentions: true }
    }).value
  it("D8: a sum of €150.00 → 5% = €7.50 (below the €20 cap); €40,000.00 → 5% = €2,000 = cap → owed", () => {
    expect(xixLump(15_000).lumpCents).toBe(750)
    expect(xixLump(4_000_000).lumpCents).toBe(200_000)
  })
  it("D8: above €40,000 the clause's 5% exceeds the cap: the clause is void for that sum, no lump", () => {
    // 5% × €40,000.01 = €2,000.0005 > €2,000
    expect(xixLump(4_000_001).lumpCents).toBe(0)
  })
  it("D8: Book XIX boundaries — concluded 2023-09-01 applies; older contract, sum due 2023-11-30 does not, 2023-12-01 does", () => {
    const base = {
      invoiceInclCents: 100_000,
      status: { _tag: "Paid", paidOn: "2024-01-15" }
    } as const
    const concluded = LatePayment.charges({ ...base, contractConcludedOn: "2023-09-01", receivedOn: "2023-11-15" })
    expect(concluded.value.bookXix).toBe(true)
    expect(concluded.value.totalChargesCents).toBe(0)
    // received 11-15 + 15 = Thursday 11-30 → due 11-30 < 12-01: no Book XIX, the clause applies as written.
    const old = LatePayment.charges({ ...base, contractConcludedOn: "2023-08-31", receivedOn: "2023-11-15" })
    expect(old.value.dueOn).toBe("2023-11-30")
    expect(old.value.bookXix).toBe(false)
    // lump 5% × 1,000.00 = 50.00; interest from due + 1 month = 12-30 to 2024-01-15 = 16 days:
    // 100,000 × 5% × 16/365 = 219.18 → 219
    expect(old.value.lumpCents).toBe(5_000)
    expect(old.value.interestCents).toBe(219)
    // received 11-16 + 15 = Friday 12-01 → Book XIX: nothing without a reminder.
    const due1201 = LatePayment.charges({ ...base, contractConcludedOn: "2023-08-31", receivedOn: "2023-11-16" })
    expect(due1201.value.dueOn).toBe("2023-12-01")
    expect(due1201.value.bookXix).toBe(true)
    expect(due1201.value.totalChargesCents).toBe(0)
  })
  it("D8: interest runs only beyond the first month; policy interestFrom 'due-date' counts from the due date", () => {
    const old = {
      contractConcludedOn: "2023-01-10",
      invoiceInclCents: 100_000,
      receivedOn: "2023-10-01", // + 15 = Monday 10-16, due 10-16 < 2023-12-01: no Book XIX
      status: { _tag: "Paid", paidOn: "2023-11-26" }
    } as const
    // due + 1 month = 11-16; 11-16 → 11-26 = 10 days: 100,000 × 5% × 10/365 = 136.99 → 137
    expect(LatePayment.charges(old).value.interestCents).toBe(137)
    // from the due date: 10-16 → 11-26 = 41 days: 100,000 × 5% × 41/365 = 561.64 → 562
    expect(
      LatePayment.charges(old, { ...LatePayment.defaultPolicy, interestFrom: "due-date" }).value.interestCents
    ).toBe(562)
  })
  it("D8: a part paid is charged only on what stays unpaid, day by day", () => {
    // due 10-16 (no Book XIX); €400 paid 11-21 (5 days beyond 11-16), €600 rest paid 11-26 (10 days).
    // lump 5% × €1,000 unpaid on 10-17 = €50; interest (40,000 × 5 + 60,000 × 10) × 5% / 365 = 109.59 → 110
    const r = LatePayment.charges({
      contractConcludedOn: "2023-01-10",
      invoiceInclCents: 100_000,
      receivedOn: "2023-10-01",
      payments: [{ paidOn: "2023-11-21", cents: 40_000 }],
      status: { _tag: "Paid", paidOn: "2023-11-26" }
    })
    expect(r.value.lumpCents).toBe(5_000)
    expect(r.value.interestCents).toBe(110)
  })
  it("D8: after a withdrawal no late charge survives; after a termination charges are counted up to the end", () => {
    const reminder = { sentOn: "2025-03-20", channel: "email", legalMentions: true } as const
    const withdrawn = LatePayment.charges({
      ...invoice,
      reminder,
      contractEnded: { on: "2025-04-20", by: "withdrawal" }
    })
    expect(withdrawn.value.totalChargesCents).toBe(0)
    const terminated = LatePayment.charges({
      ...invoice,
      reminder,
      contractEnded: { on: "2025-04-20", by: "termination" }
    })
    // lump €127.20; interest 04-17 → 04-20 = 3 days: 254,400 × 5% × 3/365 = 104.55 → 105
    expect(terminated.value.lumpCents).toBe(12_720)
    expect(terminated.value.interestCents).toBe(105)
  })
})

describe("D7 / S7 — withdrawal", () => {
  const facts = {
    concludedBy: "off-premises",
    orderedOn: "2025-04-01",
    withdrawalInformation: "legal",
    goodsDeliveredOn: "2025-05-12"
  } as const

  it("S7/D7: delivered 2025-05-12 → 14 days → last day Monday 2025-05-26; sent 05-26 valid, 05-27 too late", () => {
    const p = Withdrawal.period(facts)
    expect(p._tag === "Running" && p.deadline.due).toBe("2025-05-26")
    expect(Decision.isAccepted(Withdrawal.withdraw({ ...facts, sentOn: "2025-05-26" }))).toBe(true)
    const late = Withdrawal.withdraw({ ...facts, sentOn: "2025-05-27" })
    expect(Decision.isRefused(late)).toBe(true)
  })
  it("S7/D7: withdrawalStart 'order' → 04-01 + 14 = 2025-04-15; with 7 days → 2025-04-08", () => {
    const order = Withdrawal.period(facts, { ...Withdrawal.defaultPolicy, withdrawalStart: "order" })
    expect(order._tag === "Running" && order.deadline.due).toBe("2025-04-15")
    const seven = Withdrawal.period(facts, { ...Withdrawal.defaultPolicy, withdrawalStart: "order", withdrawalDays: 7 })
    expect(seven._tag === "Running" && seven.deadline.due).toBe("2025-04-08")
  })
  it("S7/D7: only the printed 7-day clause → 12 months after 05-26: 2026-05-26; also with no information", () => {
    for (const info of ["contract-type-7-days", "none"] as const) {
      const p = Withdrawal.period({ ...facts, withdrawalInformation: info })
      expect(p._tag === "Running" && p.deadline.due).toBe("2026-05-26")
      expect(
        Decision.isAccepted(Withdrawal.withdraw({ ...facts, withdrawalInformation: info, sentOn: "2026-05-26" }))
      ).toBe(true)
      expect(
        Decision.isRefused(Withdrawal.withdraw({ ...facts, withdrawalInformation: info, sentOn: "2026-05-27" }))
      ).toBe(true)
    }
  })
  it("D7/D14: the 12-month extension counts from the rolled initial last day, and is itself rolled", () => {
    // delivered Sat 2025-05-17 → + 14 = Sat 05-31 → Mon 06-02; + 12 months = Tue 2026-06-02.
    const p = Withdrawal.period({ ...facts, withdrawalInformation: "none", goodsDeliveredOn: "2025-05-17" })
    expect(p._tag === "Running" && p.initialLastDay).toBe("2025-06-02")
    expect(p._tag === "Running" && p.deadline.due).toBe("2026-06-02")
    // delivered 2024-03-01 → Fri 03-15; + 12 months = Sat 2025-03-15 → Mon 2025-03-17.
    const q = Withdrawal.period({ ...facts, withdrawalInformation: "none", goodsDeliveredOn: "2024-03-01" })
    expect(q._tag === "Running" && q.deadline.due).toBe("2025-03-17")
  })
  it("D7: legal information received late (2025-08-01) → 14 days after it: Fri 08-15 (Assumption) → Mon 2025-08-18", () => {
    const p = Withdrawal.period({
      ...facts,
      withdrawalInformation: "contract-type-7-days",
      legalInformationReceivedOn: "2025-08-01"
    })
    expect(p._tag === "Running" && p.deadline.due).toBe("2025-08-18")
    const w = {
      ...facts,
      withdrawalInformation: "contract-type-7-days",
      legalInformationReceivedOn: "2025-08-01"
    } as const
    expect(Decision.isAccepted(Withdrawal.withdraw({ ...w, sentOn: "2025-08-18" }))).toBe(true)
    expect(Decision.isRefused(Withdrawal.withdraw({ ...w, sentOn: "2025-08-19" }))).toBe(true)
  })
  it("D7: before the goods are delivered the right stays open (withdraw any time from the order)", () => {
    const before = { ...facts, goodsDeliveredOn: undefined }
    expect(Withdrawal.period(before)._tag).toBe("Open")
    expect(Decision.isAccepted(Withdrawal.withdraw({ ...before, sentOn: "2025-05-10" }))).toBe(true)
    expect(Withdrawal.isOpenOn(before, "2025-12-31")).toBe(true)
  })
  it("D7: the right is not lost when the installation is completed", () => {
    expect(
      Decision.isAccepted(Withdrawal.withdraw({ ...facts, completedOn: "2025-05-20", sentOn: "2025-05-21" }))
    ).toBe(true)
  })
  it("D7: withdrawalStart 'completion' counts from the day after completion", () => {
    const p = Withdrawal.period(
      { ...facts, completedOn: "2025-06-02" },
      { ...Withdrawal.defaultPolicy, withdrawalStart: "completion" }
    )
    expect(p._tag === "Running" && p.deadline.due).toBe("2025-06-16") // 06-02 + 14 = Monday 06-16
  })
  it("D7: a contract concluded on premises carries no right; a distance contract does", () => {
    expect(
      Decision.isRefused(Withdrawal.withdraw({ ...facts, concludedBy: "on-premises", sentOn: "2025-05-20" }))
    ).toBe(true)
    expect(Decision.isAccepted(Withdrawal.withdraw({ ...facts, concludedBy: "distance", sentOn: "2025-05-20" }))).toBe(
      true
    )
  })
  it("D7/D14: refund within 14 days of receipt (05-28 → 06-11); without receipt from sending 05-26 → 06-09 Whit Monday → 06-10", () => {
    const received = Withdrawal.withdraw({ ...facts, sentOn: "2025-05-26", receivedOn: "2025-05-28" })
    expect(Decision.isAccepted(received) && received.value.refund.due).toBe("2025-06-11")
    const sent = Withdrawal.withdraw({ ...facts, sentOn: "2025-05-26" })
    expect(Decision.isAccepted(sent) && sent.value.refund.due).toBe("2025-06-10")
    expect(Decision.isAccepted(sent) && sent.value.refund.party).toBe("installer")
    expect(Decision.isAccepted(sent) && sent.value.refundMayAwaitCollection).toBe(true)
  })
  it("D7/D14: a withdrawal period ending on Easter Monday rolls over (delivered 2025-04-07 → 04-21 → 04-22)", () => {
    const p = Withdrawal.period({ ...facts, goodsDeliveredOn: "2025-04-07" })
    expect(p._tag === "Running" && p.deadline.due).toBe("2025-04-22")
  })
  it("D7: a termination sent while the withdrawal period is open is taken as a withdrawal (no lost profit)", () => {
    const d = Termination.byCustomerOrWithdrawal({
      termination: {
        ground: "at-will",
        byRegisteredLetter: true,
        worksDoneCents: 0,
        expensesCents: 0,
        worksNotDoneCents: 1_200_000
      },
      withdrawal: facts,
      sentOn: "2025-05-20"
    })
    expect(Decision.isAccepted(d) && d.value._tag).toBe("Withdrawal")
    expect(rulesOf(d.reasons)).toContain("D7")
  })
})

describe("D11 / S5 — works dates, bad weather, delay penalty", () => {
  it("S5/D11: end 06-30 pushed by 06-10, 06-11 (twice), 06-20 to 07-03; 17 days × €35 = €595 > cap €500 → €500", () => {
    const r = DelayPenalty.penalty({
      startOfWorks: "2025-06-02",
      startedOn: "2025-06-02",
      agreedEnd: "2025-06-30",
      badWeatherDays: ["2025-06-10", "2025-06-11", "2025-06-11", "2025-06-20"],
      completion: { _tag: "Completed", on: "2025-07-20" },
      priceExclCents: 500_000
    })
    expect(r.value.pushedEnd).toBe("2025-07-03")
    expect(r.value.delayDays).toBe(17) // 07-04 … 07-20
    expect(r.value.uncappedCents).toBe(59_500)
    expect(r.value.capCents).toBe(50_000)
    expect(r.value.owed).toEqual({ cents: 50_000, basis: "outside" })
  })
  it("D11: agreed start 06-02, bad weather 06-02 and 06-03, started 06-04 → on time, no penalty", () => {
    const r = DelayPenalty.penalty({
      startOfWorks: "2025-06-02",
      agreedStart: "2025-06-02",
      startedOn: "2025-06-04",
      agreedEnd: "2025-06-30",
      badWeatherDays: ["2025-06-02", "2025-06-03"],
      completion: { _tag: "Completed", on: "2025-07-02" },
      priceExclCents: 500_000
    })
    expect(r.value.pushedStart).toBe("2025-06-04")
    expect(r.value.lateStart).toBe(false)
    expect(r.value.pushedEnd).toBe("2025-07-02") // 06-30 + 2
    expect(r.value.delayDays).toBe(0)
    expect(r.value.owed.cents).toBe(0)
  })
  it("D11: started 06-05 after the pushed start 06-04 is a late start (WAL-5.14.4)", () => {
    const d = DelayPenalty.dates({
      startOfWorks: "2025-06-02",
      startedOn: "2025-06-05",
      agreedEnd: "2025-06-30",
      badWeatherDays: ["2025-06-02", "2025-06-03"]
    })
    expect(d.pushedStart).toBe("2025-06-04")
    expect(d.lateStart).toBe(true)
  })
  it("D11: bad weather on a Saturday/Sunday counts for nothing by default; the calendar-days policy counts it", () => {
    const input = {
      startOfWorks: "2025-06-02",
      startedOn: "2025-06-02",
      agreedEnd: "2025-06-30",
      badWeatherDays: ["2025-06-14", "2025-06-15"] // Saturday, Sunday
    }
    expect(DelayPenalty.dates(input).end).toBe("2025-06-30")
    expect(DelayPenalty.dates(input, { countDays: "calendar-days", extraClosingDays: [] }).end).toBe("2025-07-02")
  })
  it("D11: bad weather on a legal holiday (Whit Monday 2025-06-09) counts for nothing by default", () => {
    expect(
      DelayPenalty.dates({
        startOfWorks: "2025-06-02",
        startedOn: "2025-06-02",
        agreedEnd: "2025-06-30",
        badWeatherDays: ["2025-06-09"]
      }).end
    ).toBe("2025-06-30")
  })
  it("D11: after the works started, bad weather pushes only the end; before the agreed start it pushes nothing", () => {
    const d = DelayPenalty.dates({
      startOfWorks: "2025-06-02",
      startedOn: "2025-06-02",
      agreedEnd: "2025-06-30",
      badWeatherDays: ["2025-05-30", "2025-06-03"]
    })
    expect(d.pushedStart).toBe("2025-06-02")
    expect(d.end).toBe("2025-07-01")
  })
  it("D11: a bad-weather day after the agreed end but within the pushed end counts (days in date order)", () => {
    // 06-27 pushes the end to 07-01; 07-01 (Tuesday) is then within it and pushes to 07-02.
    const d = DelayPenalty.dates({
      startOfWorks: "2025-06-02",
      startedOn: "2025-06-02",
      agreedEnd: "2025-06-30",
      badWeatherDays: ["2025-07-01", "2025-06-27"]
    })
    expect(d.end).toBe("2025-07-02")
  })
  it("D11: a suspension pushes the end by its days and, before the start, the start (days before the agreed start: nothing)", () => {
    const d = DelayPenalty.dates({
      startOfWorks: "2025-06-02",
      agreedEnd: "2025-06-30",
      badWeatherDays: [],
      suspensions: [{ rule: "WAL-5.4.3", from: "2025-05-31", to: "2025-06-03" }]
    })
    // 05-31, 06-01 before the agreed start: nothing; 06-02, 06-03: start + 2, end + 2.
    expect(d.pushedStart).toBe("2025-06-04")
    expect(d.end).toBe("2025-07-02")
    expect(d.suspendedDays).toBe(2)
  })
  it("D11/D14: the pushed end of works is a date fixed by the parties — never rolled over", () => {
    // end 07-04 (Fri) + 1 bad-weather day = Saturday 07-05, kept.
    const r = DelayPenalty.penalty({
      startOfWorks: "2025-06-02",
      startedOn: "2025-06-02",
      agreedEnd: "2025-07-04",
      badWeatherDays: ["2025-06-10"],
      completion: { _tag: "Completed", on: "2025-07-07" },
      priceExclCents: 500_000
    })
    expect(r.value.pushedEnd).toBe("2025-07-05")
    expect(r.value.delayDays).toBe(2) // 07-06, 07-07
  })
  it("D11: the cap is 10% of the price excl. VAT rounded down to the cent (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 400 }), (price, late) => {
        const r = DelayPenalty.penalty({
          startOfWorks: "2025-06-02",
          startedOn: "2025-06-02",
          agreedEnd: "2025-06-30",
          badWeatherDays: [],
          completion: { _tag: "Completed", on: Calendar.addDays("2025-06-30", late) },
          priceExclCents: price
        })
        expect(r.value.delayDays).toBe(late)
        expect(r.value.owed.cents).toBe(Math.min(late * 3_500, Math.floor(price / 10)))
      })
    )
  })
})

describe("D4 / S4 — payment schedule", () => {
  it("S4/D4/D10: €12,000 excl. at 6% = €12,720 → 2,544 / 2,544 / 2,544 / 5,088 under 'both'", () => {
    const b = PaymentSchedule.build(1_272_000)
    expect(b.policy).toBe("both")
    expect(b.amounts.deposit.cents).toBe(254_400)
    expect(b.amounts.afterPanels.cents).toBe(254_400)
    expect(b.amounts.acceptance.cents).toBe(254_400)
    expect(b.amounts.administrativeFile.cents).toBe(508_800)
    expect(b.amounts.total.cents).toBe(1_272_000)
  })
  it("S4/D4: a 30% deposit breaks WAL-2.4.3 (and 'both'), not WAL-5.4.1", () => {
    const s = {
      deposit: 3000,
      afterPanels: { siteOpening: 1000, siteClosing: 1000 },
      acceptance: 2000,
      administrativeFile: 3000
    }
    const both = PaymentSchedule.validate(s)
    expect(Decision.isRefused(both)).toBe(true)
    expect(rulesOf(both.reasons)).toEqual(["WAL-2.4.3"])
    expect(Decision.isRefused(PaymentSchedule.validate(s, "offer-template"))).toBe(true)
    expect(Decision.isAccepted(PaymentSchedule.validate(s, "general-conditions"))).toBe(true)
  })
  it("D4: under 'both' each milestone gets the lower cap; every breach names its clause", () => {
    // after panels 50% is allowed by WAL-2.4.3 (20 + 30) but not by WAL-5.4.1 (20%); acceptance 40% breaks WAL-2.4.3.
    const s = {
      deposit: 0,
      afterPanels: { siteOpening: 2000, siteClosing: 3000 },
      acceptance: 4000,
      administrativeFile: 1000
    }
    const d = PaymentSchedule.validate(s, "both")
    expect(Decision.isRefused(d)).toBe(true)
    expect([...rulesOf(d.reasons)].sort()).toEqual(["WAL-2.4.3", "WAL-5.4.1"])
  })
})

describe("D5 — loan-condition period", () => {
  it("D5: an agreed 30 days → effective 45 with a warning; 60 days agreed → 60", () => {
    const short = ContractConditions.loanDeadline({ orderedOn: "2025-04-01", agreedDays: 30 })
    expect(short.effectiveDays).toBe(45)
    expect(rulesOf(short.warnings)).toContain("D5")
    expect(short.deadline.due).toBe("2025-05-16") // 04-01 + 45, a Friday
    const long = ContractConditions.loanDeadline({ orderedOn: "2025-04-01", agreedDays: 60 })
    expect(long.effectiveDays).toBe(60)
    expect(long.warnings).toHaveLength(0)
    expect(long.deadline.due).toBe("2025-06-02") // 04-01 + 60 = Saturday 05-31 → Monday 06-02
  })
  it("D5/D14: ordered 2025-03-20 + 45 = Sunday 05-04 → Monday 05-05; a loan obtained then is in time", () => {
    const d = ContractConditions.loanCondition({
      orderedOn: "2025-03-20",
      outcome: { _tag: "Obtained", on: "2025-05-05" }
    })
    expect(Decision.isAccepted(d) && d.value.deadline.due).toBe("2025-05-05")
  })
})

describe("D9 — QUALIWATT", () => {
  const eligible: Qualiwatt.PremiumInput = {
    hybrid: false,
    newInstallation: true,
    previouslyCommissioned: false,
    commissionedOn: "2016-05-01",
    lastConformityVisitOn: "2016-05-01",
    inspectionAcceptedOn: "2016-05-01",
    peakPowerWatts: 9_000,
    maxAcPowerWatts: 8_000,
    beneficiary: "natural-person",
    panelTechnology: "crystalline",
    onBuilding: true,
    documents: Qualiwatt.requiredDocuments({
      beneficiary: "natural-person",
      panelTechnology: "crystalline",
      onBuilding: true
    })
  }
  it("D9: acceptance 2014-03-01 and 2018-06-30 are in; 2014-02-28 and 2018-07-01 are out (scheme closed)", () => {
    for (const on of ["2014-03-01", "2018-06-30"]) {
      expect(Decision.isAccepted(Qualiwatt.decide({ ...eligible, inspectionAcceptedOn: on }))).toBe(true)
    }
    for (const on of ["2014-02-28", "2018-07-01"]) {
      const d = Qualiwatt.decide({ ...eligible, inspectionAcceptedOn: on })
      expect(Decision.isRefused(d)).toBe(true)
      // D9: "say 'scheme closed' outside it" — before the window as after it.
      expect(d.reasons.find((r) => r.rule === "D9")?.message).toContain("Scheme closed")
    }
  })
  it("D9: the inspection acceptance decides, not the commissioning", () => {
    const d = Qualiwatt.decide({ ...eligible, commissionedOn: "2018-06-20", inspectionAcceptedOn: "2018-07-02" })
    expect(Decision.isRefused(d)).toBe(true)
  })
  it("D9: the 10 kW limit is on AC power (10.5 kWp with 10.0 kW AC is in; 10.001 kW AC is out); policy 'peak' uses kWp", () => {
    expect(
      Decision.isAccepted(Qualiwatt.decide({ ...eligible, peakPowerWatts: 10_500, maxAcPowerWatts: 10_000 }))
    ).toBe(true)
    const over = Qualiwatt.decide({ ...eligible, peakPowerWatts: 10_500, maxAcPowerWatts: 10_001 })
    expect(Decision.isRefused(over) && rulesOf(over.reasons)).toContain("WAL-1.1a")
    const peak = Qualiwatt.decide(
      { ...eligible, peakPowerWatts: 10_500, maxAcPowerWatts: 10_000 },
      { ...Qualiwatt.defaultPolicy, powerBasis: "peak" }
    )
    expect(Decision.isRefused(peak)).toBe(true)
  })
})

describe("D17 — VAT rate", () => {
  const home = { privateDwelling: true, finalConsumer: true, sameContractorSuppliesAndInstalls: true } as const
  const bp = (e: Vat.Expected): number | undefined => (e._tag === "Known" ? e.bp : undefined)
  it("D17: a dwelling first occupied 10 calendar years before the deciding date → 6%; 9 years → 21%", () => {
    expect(bp(Vat.expectedRate("other", { ...home, firstOccupationYear: 2015 }, "2025-06-01"))).toBe(600)
    expect(bp(Vat.expectedRate("other", { ...home, firstOccupationYear: 2016 }, "2025-06-01"))).toBe(2100)
  })
  it("D17: the threshold was 5 years before 2016-02-12 and 10 years since", () => {
    expect(bp(Vat.expectedRate("other", { ...home, firstOccupationYear: 2011 }, "2016-02-11"))).toBe(600)
    expect(bp(Vat.expectedRate("other", { ...home, firstOccupationYear: 2011 }, "2016-02-12"))).toBe(2100)
  })
  it("D17: PV panels on a new dwelling: 6% on 2022-04-01 and 2023-12-31; 21% on 2022-03-31 and 2024-01-01", () => {
    const newHome = { ...home, firstOccupationYear: 2021 }
    expect(bp(Vat.expectedRate("pv-panels", newHome, "2022-03-31"))).toBe(2100)
    expect(bp(Vat.expectedRate("pv-panels", newHome, "2022-04-01"))).toBe(600)
    expect(bp(Vat.expectedRate("pv-panels", newHome, "2023-12-31"))).toBe(600)
    expect(bp(Vat.expectedRate("pv-panels", newHome, "2024-01-01"))).toBe(2100)
  })
  it("D17: a home battery is never under the 2022–2023 measure: 21% on a new dwelling, 6% on an old one", () => {
    expect(bp(Vat.expectedRate("home-battery", { ...home, firstOccupationYear: 2021 }, "2023-06-01"))).toBe(2100)
    expect(bp(Vat.expectedRate("home-battery", { ...home, firstOccupationYear: 2000 }, "2023-06-01"))).toBe(600)
  })
  it("D17: a missing fact is never guessed: the warning names it", () => {
    const e = Vat.expectedRate("other", home, "2025-06-01")
    expect(e._tag === "Unknown" && e.missing).toContain("firstOccupationYear")
    const c = Vat.check({
      decidingOn: "2025-06-01",
      decidingEvent: "offer-date",
      dwelling: home,
      lines: [{ label: "PV", kind: "pv-panels", vatBp: 600 }]
    })
    expect(c.value.warnings.some((w) => w.rule === "D17" && w.message.includes("firstOccupationYear"))).toBe(true)
  })
  it("D17: a rate that does not match the facts is a warning naming the expected rate (not a refusal)", () => {
    const c = Vat.check({
      decidingOn: "2025-06-01",
      decidingEvent: "invoice",
      dwelling: { ...home, firstOccupationYear: 2020 },
      lines: [{ label: "PV", kind: "pv-panels", vatBp: 600 }]
    })
    expect(c._tag).toBe("Accepted")
    expect(c.value.lines[0]?.expectedBp).toBe(2100)
    expect(c.value.warnings.some((w) => w.message.includes("21%"))).toBe(true)
  })
})

describe("D14 — every Walloon time limit rolls over; coverage periods never do", () => {
  const limits: ReadonlyArray<readonly [string, (event: string) => Deadline.Deadline, number]> = [
    ["offer validity WAL-2.3", (e) => ContractConditions.offerDeadline(e), 0],
    ["loan period WAL-5.2.1", (e) => ContractConditions.loanDeadline({ orderedOn: e }).deadline, 45],
    ["invoice due WAL-5.4.2", (e) => LatePayment.dueDate(e), 15],
    ["withdrawal refund D7", (e) => Withdrawal.refundDeadline(e), 14],
    ["formal-notice waiting period WAL-5.14.4", (e) => Termination.waitingPeriodEnd(e), 20]
  ]
  it("D14: for last days from 2023-01-01 each limit ends on the first working day on or after event + N (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2500 }), (n) => {
        const event = Calendar.addDays("2023-01-01", n)
        for (const [, limit, days] of limits) {
          const d = limit(event)
          if (days > 0) expect(d.due).toBe(Holidays.nextWorkingDay(Calendar.addDays(event, days)))
          expect(Holidays.isWorkingDay(d.due)).toBe(true)
        }
      })
    )
  })
  it("D14: WAL-Q3's five-year keep obligation is a coverage period and never rolls over", () => {
    // 2018-06-30 + 5 years − 1 day = 2023-06-29 (Thursday); 2018-01-02 → 2023-01-01 (Sunday), kept.
    expect(Qualiwatt.keepUntil("2018-06-30")).toBe("2023-06-29")
    expect(Qualiwatt.keepUntil("2018-01-02")).toBe("2023-01-01")
  })
})

describe("S7/D7/D14 — more variants", () => {
  const facts = {
    concludedBy: "off-premises",
    orderedOn: "2025-04-01",
    withdrawalInformation: "contract-type-7-days",
    goodsDeliveredOn: "2025-05-12"
  } as const
  const due = (p: Withdrawal.Period): string | undefined => (p._tag === "Running" ? p.deadline.due : undefined)
  it("S7/D7: printed clause only and withdrawalStart 'order' → 04-15 + 12 months = Wednesday 2026-04-15", () => {
    expect(due(Withdrawal.period(facts, { ...Withdrawal.defaultPolicy, withdrawalStart: "order" }))).toBe("2026-04-15")
  })
  it("S7/D7: printed clause only, 'order' and 7 days → 04-08 + 12 months = Wednesday 2026-04-08", () => {
    expect(
      due(Withdrawal.period(facts, { ...Withdrawal.defaultPolicy, withdrawalStart: "order", withdrawalDays: 7 }))
    ).toBe("2026-04-08")
  })
  it("D14: a withdrawal last day on Sunday 2022-12-25 is not rolled: a notice of 12-26 is late", () => {
    const old = {
      ...facts,
      withdrawalInformation: "legal",
      orderedOn: "2022-11-01",
      goodsDeliveredOn: "2022-12-11"
    } as const
    expect(due(Withdrawal.period(old))).toBe("2022-12-25")
    expect(Decision.isRefused(Withdrawal.withdraw({ ...old, sentOn: "2022-12-26" }))).toBe(true)
  })
  it("D7/D14: the not-rolled 2022-12-25 + 12 months = Monday 2023-12-25 (Christmas) → rolled to 2023-12-26", () => {
    const old = {
      ...facts,
      withdrawalInformation: "none",
      orderedOn: "2022-11-01",
      goodsDeliveredOn: "2022-12-11"
    } as const
    expect(due(Withdrawal.period(old))).toBe("2023-12-26")
  })
  it("D8/D14: an invoice received 2022-12-10 is due Sunday 2022-12-25 (before 2023-01-01: not rolled)", () => {
    expect(LatePayment.dueDate("2022-12-10").due).toBe("2022-12-25")
  })
})

describe("D7 — the withdrawal facts decoded at the edge", () => {
  it("D7: facts without withdrawalInformation are an InvalidInput naming it", () => {
    const r = Decision.decodeInput(Withdrawal.Facts, "facts")({ concludedBy: "off-premises", orderedOn: "2025-04-01" })
    expect(Result.isFailure(r) && r.failure.message).toContain("withdrawalInformation")
  })
})

describe("D14 — calendar months, end-of-month clamped", () => {
  it("D14: + 1 month from 01-31 is 02-28 (02-29 in a leap year); + 12 months from 2024-02-29 is 2025-02-28", () => {
    expect(Calendar.addMonths("2025-01-31", 1)).toBe("2025-02-28")
    expect(Calendar.addMonths("2024-01-31", 1)).toBe("2024-02-29")
    expect(Calendar.addMonths("2024-02-29", 12)).toBe("2025-02-28")
  })
  it("D7: an initial last day of Thursday 2024-02-29 extended by 12 months ends Friday 2025-02-28", () => {
    // delivered 2024-02-15 + 14 = 2024-02-29 (Thursday).
    const p = Withdrawal.period({
      concludedBy: "off-premises",
      orderedOn: "2024-01-10",
      withdrawalInformation: "none",
      goodsDeliveredOn: "2024-02-15"
    })
    expect(p._tag === "Running" && [p.initialLastDay, p.deadline.due]).toEqual(["2024-02-29", "2025-02-28"])
  })
  it("D8: due Friday 2025-01-31 → interest from the day after 02-28 (due + 1 month, clamped)", () => {
    // received 01-16 + 15 = 01-31 (Friday). Book XIX applies (older contract, sum due after
    // 2023-12-01): reminder e-mailed 02-03 → period 02-04 … 02-17. Paid 03-10: interest days
    // 03-10 − max(02-28, 02-17) = 10: 100,000 × 5% × 10/365 = 136.99 → 137; lump 5% = 50.00.
    const r = LatePayment.charges({
      contractConcludedOn: "2023-01-10",
      invoiceInclCents: 100_000,
      receivedOn: "2025-01-16",
      status: { _tag: "Paid", paidOn: "2025-03-10" },
      reminder: { sentOn: "2025-02-03", channel: "email", legalMentions: true }
    })
    expect(r.value.dueOn).toBe("2025-01-31")
    expect(r.value.interestFrom).toBe("2025-02-28")
    expect(r.value.interestCents).toBe(137)
    expect(r.value.lumpCents).toBe(5_000)
  })
})
