/**
 * An outside check of the Contract aggregate against the revised decisions (D5, D7, D8, D10, D11,
 * D14) and scenarios (S5, S7, S8), given/when/then through the public API. Expected values are
 * worked out by hand from the decision text; the arithmetic is in the comments.
 */
import { describe, expect, it } from "vitest"
import { Result } from "effect"
import { Contract, Deadlines, Statement } from "../src/index.js"
import * as F from "./fixtures.js"

type Cmd = Contract.Command

/** Given the commands, when `command` is decided: the refusal's rule ids (or `undefined` when accepted). */
const refusedRules = (
  given: ReadonlyArray<Cmd>,
  command: Cmd,
  decider = Contract.decider
): ReadonlyArray<string> | undefined => {
  const r = decider.decide(command, Contract.replay(F.play(given, [], decider)))
  return Result.isFailure(r) ? F.rulesOf(r.failure) : undefined
}
const stateOf = (commands: ReadonlyArray<Cmd>, decider = Contract.decider) =>
  Contract.replay(F.play(commands, [], decider))

const order = (info: "legal" | "contract-type-7-days" | "none" = "legal"): Cmd => ({
  _tag: "PlaceOrder",
  on: "2025-04-01",
  concludedBy: "off-premises",
  withdrawalInformation: info
})
const s7 = (info: "legal" | "contract-type-7-days" | "none" = "legal"): Array<Cmd> => [
  ...F.offered(),
  order(info),
  { _tag: "RecordGoodsDelivered", on: "2025-05-12", lastPart: true }
]
const withdrawalDeadline = (commands: ReadonlyArray<Cmd>, asOf: string, policy = Contract.defaultPolicy) =>
  Deadlines.deadlines(stateOf(commands, Contract.make(policy)), asOf, policy).find(
    (d) => d.rule === "D7" && d.party === "customer"
  )

describe("S7/D7 — withdrawal through the contract", () => {
  it("S7/D7: given an off-premises order and goods delivered 2025-05-12, when a notice is sent 05-26, then it is accepted", () => {
    expect(refusedRules(s7(), { _tag: "Withdraw", on: "2025-05-26" })).toBeUndefined()
    expect(stateOf([...s7(), { _tag: "Withdraw", on: "2025-05-26" }]).status).toBe("Withdrawn")
  })
  it("S7/D7: when the notice is sent on 2025-05-27, then it is refused (WAL-4c)", () => {
    expect(refusedRules(s7(), { _tag: "Withdraw", on: "2025-05-27" })).toContain("WAL-4c")
  })
  it("S7/D7/D12: the deadlines list the right to withdraw until Monday 2025-05-26", () => {
    const d = withdrawalDeadline(s7(), "2025-05-20")
    expect(d).toMatchObject({ due: "2025-05-26", kind: "right", status: "open" })
  })
  it("S7/D7: withdrawalStart 'order' → last day 2025-04-15; with 7 days → 2025-04-08", () => {
    const order14 = Contract.policy({ withdrawalStart: "order" })
    expect(withdrawalDeadline(s7(), "2025-04-10", order14)?.due).toBe("2025-04-15")
    const order7 = Contract.policy({ withdrawalStart: "order", withdrawalDays: 7 })
    expect(withdrawalDeadline(s7(), "2025-04-05", order7)?.due).toBe("2025-04-08")
    expect(refusedRules(s7(), { _tag: "Withdraw", on: "2025-04-09" }, Contract.make(order7))).toContain("WAL-4c")
  })
  it("S7/D7: given only the printed 7-day clause, the period ends 12 months later: 2026-05-26 in time, 05-27 late", () => {
    expect(refusedRules(s7("contract-type-7-days"), { _tag: "Withdraw", on: "2026-05-26" })).toBeUndefined()
    expect(refusedRules(s7("contract-type-7-days"), { _tag: "Withdraw", on: "2026-05-27" })).toContain("WAL-4c")
  })
  it("D7: the legal information received late (2025-08-01) → the period ends 14 days after it, rolled: Mon 2025-08-18", () => {
    // 08-01 + 14 = Friday 08-15, Assumption → Monday 08-18 (D14).
    const given: Array<Cmd> = [...s7("none"), { _tag: "GiveWithdrawalInformation", on: "2025-08-01" }]
    expect(refusedRules(given, { _tag: "Withdraw", on: "2025-08-18" })).toBeUndefined()
    expect(refusedRules(given, { _tag: "Withdraw", on: "2025-08-19" })).toContain("WAL-4c")
  })
  it("D7: before the goods are delivered the customer may withdraw at any time", () => {
    expect(refusedRules([...F.offered(), order()], { _tag: "Withdraw", on: "2025-05-30" })).toBeUndefined()
  })
  it("D7: the right is not lost once the works are completed", () => {
    const given: Array<Cmd> = [
      ...F.offered(),
      order(),
      { _tag: "StartWorks", on: "2025-06-02" },
      { _tag: "RecordPanelsDelivered", on: "2025-06-02" },
      { _tag: "RecordGoodsDelivered", on: "2025-06-02", lastPart: true },
      { _tag: "CompleteWorks", on: "2025-06-10" }
    ]
    // 06-02 + 14 = 06-16 (Monday).
    expect(refusedRules(given, { _tag: "Withdraw", on: "2025-06-16" })).toBeUndefined()
    expect(refusedRules(given, { _tag: "Withdraw", on: "2025-06-17" })).toContain("WAL-4c")
  })
  it("D7: an on-premises contract carries no right of withdrawal", () => {
    const given: Array<Cmd> = [
      ...F.offered(),
      { _tag: "PlaceOrder", on: "2025-04-01", concludedBy: "on-premises", withdrawalInformation: "legal" }
    ]
    expect(refusedRules(given, { _tag: "Withdraw", on: "2025-04-05" })).toBeDefined()
  })
  it("D7/D10: after a withdrawal every payment is refunded within 14 days of receipt of the notice", () => {
    const given: Array<Cmd> = [
      ...F.offered(),
      order(),
      { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
      { _tag: "RecordPayment", on: "2025-04-04", invoiceId: "F1", amountCents: 254_400 },
      { _tag: "RecordGoodsDelivered", on: "2025-05-12", lastPart: true },
      { _tag: "Withdraw", on: "2025-05-26", receivedOn: "2025-05-28" }
    ]
    const s = Statement.statement(stateOf(given), "2025-05-28")
    // 05-28 + 14 = Wednesday 06-11.
    expect(s.settlement).toMatchObject({ owedBy: "installer", amountCents: 254_400, refundDue: "2025-06-11" })
  })
  it("D7: a termination at will sent while the withdrawal period is open is a withdrawal: no lost profit is owed", () => {
    const given: Array<Cmd> = [
      ...F.offered(),
      order(),
      { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
      { _tag: "RecordPayment", on: "2025-04-04", invoiceId: "F1", amountCents: 254_400 },
      { _tag: "RecordGoodsDelivered", on: "2025-05-12", lastPart: true },
      {
        _tag: "TerminateByCustomer",
        on: "2025-05-20",
        ground: "at-will",
        byRegisteredLetter: true,
        worksDoneCents: 0,
        expensesCents: 0,
        worksNotDoneCents: 1_200_000
      }
    ]
    const state = stateOf(given)
    expect(state.status).toBe("Withdrawn")
    const s = Statement.statement(state, "2025-05-20")
    expect(s.settlement).toMatchObject({ owedBy: "installer", amountCents: 254_400 })
  })
})

describe("D8/S8 — late payment through the contract", () => {
  const s8: Array<Cmd> = [
    { _tag: "DraftContract", on: "2023-01-02", offer: F.offer },
    { _tag: "SignOffer", on: "2023-01-03" },
    { _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2023-01-10", concludedBy: "on-premises" },
    { _tag: "IssueInvoice", on: "2025-02-27", invoiceId: "F1", milestone: "deposit" },
    { _tag: "RecordInvoiceReceived", on: "2025-03-01", invoiceId: "F1" }
  ]
  it("S8/D14: the invoice received 2025-03-01 is due Monday 2025-03-17 (15 days end on a Sunday)", () => {
    const d = Deadlines.deadlines(stateOf(s8), "2025-03-10").find((x) => x.rule === "WAL-5.4.2")
    expect(d).toMatchObject({ due: "2025-03-17", rolledFrom: "2025-03-16" })
  })
  it("S8 (a)/D8: paid 2025-05-01 with no reminder ever sent → no late charge", () => {
    const state = stateOf([...s8, { _tag: "RecordPayment", on: "2025-05-01", invoiceId: "F1", amountCents: 254_400 }])
    const s = Statement.statement(state, "2025-05-01")
    expect(s.lateChargesCents).toBe(0)
    expect(s.settlement.owedBy).toBe("nobody")
  })
  it("S8 (b)/D8: reminder e-mailed 2025-03-20, paid 05-01 → €127.20 + €4.88 = €132.08 outside VAT", () => {
    const state = stateOf([
      ...s8,
      { _tag: "SendReminder", on: "2025-03-20", invoiceId: "F1", channel: "email", legalMentions: true },
      { _tag: "RecordPayment", on: "2025-05-01", invoiceId: "F1", amountCents: 254_400 }
    ])
    const s = Statement.statement(state, "2025-05-01")
    expect(s.lateChargesCents).toBe(13_208)
    expect(s.owedByCustomer).toEqual([{ cents: 13_208, vat: "outside" }])
  })
  it("D8/D14: the Book XIX reminder period is listed, 2025-03-21 … 2025-04-03", () => {
    const state = stateOf([
      ...s8,
      { _tag: "SendReminder", on: "2025-03-20", invoiceId: "F1", channel: "email", legalMentions: true }
    ])
    const d = Deadlines.deadlines(state, "2025-03-25").find((x) => x.rule === "D8")
    expect(d?.due).toBe("2025-04-03")
  })
})

describe("D11/S5 — works dates through the contract", () => {
  it("S5/D11: bad weather 06-10, 06-11 (twice), 06-20, completed 07-20 → end 07-03, 17 days, capped at €500.00 outside VAT", () => {
    const five = { ...F.offer, priceExclCents: 500_000, schedule: F.offer.schedule }
    const state = stateOf([
      ...F.ordered(five),
      { _tag: "StartWorks", on: "2025-06-02" },
      { _tag: "RecordPanelsDelivered", on: "2025-06-03" },
      { _tag: "RecordBadWeatherDay", on: "2025-06-10" },
      { _tag: "RecordBadWeatherDay", on: "2025-06-11" },
      { _tag: "RecordBadWeatherDay", on: "2025-06-11" },
      { _tag: "RecordBadWeatherDay", on: "2025-06-20" },
      { _tag: "CompleteWorks", on: "2025-07-20" }
    ])
    const p = Statement.delayPenalty(state, "2025-07-20")
    expect(p?.value.pushedEnd).toBe("2025-07-03")
    expect(p?.value.delayDays).toBe(17)
    expect(p?.value.owed).toEqual({ cents: 50_000, basis: "outside" })
    expect(Statement.statement(state, "2025-07-20").delayPenaltyCents).toBe(50_000)
  })
  it("D11: agreed start 06-02, bad weather 06-02 and 06-03, started 06-04 → on time, no penalty", () => {
    const state = stateOf([
      ...F.ordered(),
      { _tag: "RecordBadWeatherDay", on: "2025-06-02" },
      { _tag: "RecordBadWeatherDay", on: "2025-06-03" },
      { _tag: "StartWorks", on: "2025-06-04" },
      { _tag: "RecordPanelsDelivered", on: "2025-06-04" },
      { _tag: "CompleteWorks", on: "2025-07-02" }
    ])
    expect(Contract.worksDates(state, "2025-07-02")?.pushedStart).toBe("2025-06-04")
    expect(Contract.worksDates(state, "2025-07-02")?.lateStart).toBe(false)
    // end 06-30 + 2 = 07-02, completed that day: no delay.
    expect(Statement.statement(state, "2025-07-02").delayPenaltyCents).toBe(0)
  })
  it("D11: bad weather on Saturday 2025-06-14 does not push the end by default", () => {
    const state = stateOf([
      ...F.delivered,
      { _tag: "RecordBadWeatherDay", on: "2025-06-14" },
      { _tag: "CompleteWorks", on: "2025-07-01" }
    ])
    expect(Contract.worksDates(state, "2025-07-01")?.end).toBe("2025-06-30")
    expect(Statement.statement(state, "2025-07-01").delayPenaltyCents).toBe(3_500) // 1 day × €35
  })
})

describe("D10 — accounts after a termination at will", () => {
  it("D10: a €2,544.00 deposit paid, then €1,700.00 owed after a termination at will before works → €844.00 refunded", () => {
    // S4 offer (€12,000.00 excl. at 6%). Lost profit 10% × €12,000.00 = €1,200.00 (outside VAT) +
    // expenses €471.70 excl. = €500.00 incl. VAT (47,170 × 1.06 = 50,000.2 → 50,000) = €1,700.00 owed.
    // The deposit invoice is cancelled, the €2,544.00 paid is credited: 2,544.00 − 1,700.00 = €844.00.
    const state = stateOf([
      ...F.ordered(),
      { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
      { _tag: "RecordPayment", on: "2025-04-04", invoiceId: "F1", amountCents: 254_400 },
      {
        _tag: "TerminateByCustomer",
        on: "2025-04-20",
        ground: "at-will",
        byRegisteredLetter: true,
        worksDoneCents: 0,
        expensesCents: 47_170,
        worksNotDoneCents: 1_200_000
      }
    ])
    const s = Statement.statement(state, "2025-04-20")
    expect(s.settlement).toMatchObject({
      owedCents: 170_000,
      paidCents: 254_400,
      owedBy: "installer",
      amountCents: 84_400
    })
    expect(s.creditedCents).toBe(254_400)
  })
})

describe("D5 — loan period through the contract", () => {
  it("D5: an order with 30 agreed loan days gets 45 (2025-04-01 + 45 = Friday 2025-05-16) and a warning", () => {
    const state = stateOf([
      ...F.offered(),
      {
        _tag: "PlaceOrder",
        on: "2025-04-01",
        concludedBy: "on-premises",
        withdrawalInformation: "legal",
        loan: { agreedDays: 30, maxAmountCents: 400_000 }
      }
    ])
    const d = Deadlines.deadlines(state, "2025-04-02").find((x) => x.rule === "WAL-5.2.1")
    expect(d?.due).toBe("2025-05-16")
  })
})

describe("D7 — more withdrawal facts through the contract", () => {
  it("D7: goods delivered in several parts — the last part (05-12) counts, not the first (05-05)", () => {
    const given: Array<Cmd> = [
      ...F.offered(),
      order(),
      { _tag: "RecordGoodsDelivered", on: "2025-05-05", lastPart: false },
      { _tag: "RecordGoodsDelivered", on: "2025-05-12", lastPart: true }
    ]
    // 05-05 + 14 = 05-19 would be the first part's last day; the last part's is 05-26.
    expect(refusedRules(given, { _tag: "Withdraw", on: "2025-05-26" })).toBeUndefined()
    expect(refusedRules(given, { _tag: "Withdraw", on: "2025-05-27" })).toContain("WAL-4c")
  })
  it("D7/D12: after a withdrawal the installer's refund is listed (due 06-10: 05-26 + 14 = Whit Monday 06-09, rolled) and met once recorded", () => {
    const given: Array<Cmd> = [
      ...F.offered(),
      order(),
      { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
      { _tag: "RecordPayment", on: "2025-04-04", invoiceId: "F1", amountCents: 254_400 },
      { _tag: "RecordGoodsDelivered", on: "2025-05-12", lastPart: true },
      { _tag: "Withdraw", on: "2025-05-26" },
      { _tag: "RecordGoodsCollected", on: "2025-05-30" }
    ]
    const refund = Deadlines.deadlines(stateOf(given), "2025-06-01").find(
      (d) => d.party === "installer" && d.rule === "D7"
    )
    expect(refund).toMatchObject({ due: "2025-06-10", rolledFrom: "2025-06-09", status: "open" })
    const paid = stateOf([...given, { _tag: "RecordRefund", on: "2025-06-10", amountCents: 254_400 }])
    expect(
      Deadlines.deadlines(paid, "2025-06-12").find((d) => d.party === "installer" && d.rule === "D7")?.status
    ).toBe("met")
    expect(Statement.statement(paid, "2025-06-12").settlement.owedBy).toBe("nobody")
  })
  it("D7: given only the printed clause, a withdrawal after the whole contract was carried out is still accepted", () => {
    const filed: Array<Cmd> = [...F.offered(), order("contract-type-7-days"), ...F.filed.slice(F.ordered().length)]
    expect(stateOf(filed).status).toBe("Completed")
    // panels delivered 06-03 → 06-17 → + 12 months = Wednesday 2026-06-17.
    expect(refusedRules(filed, { _tag: "Withdraw", on: "2026-06-17" })).toBeUndefined()
    expect(refusedRules(filed, { _tag: "Withdraw", on: "2026-06-18" })).toContain("WAL-4c")
  })
  it("D7: no withdrawal after a termination has ended the contract", () => {
    const given: Array<Cmd> = [
      ...s7(),
      {
        _tag: "TerminateByCustomer",
        on: "2025-06-01",
        ground: "at-will",
        byRegisteredLetter: true,
        worksDoneCents: 0,
        expensesCents: 0,
        worksNotDoneCents: 1_200_000
      }
    ]
    expect(stateOf(given).status).toBe("Terminated")
    expect(refusedRules(given, { _tag: "Withdraw", on: "2025-06-02" })).toBeDefined()
  })
  it("D7/D8: after a withdrawal no late charge survives", () => {
    const given: Array<Cmd> = [
      ...F.offered(),
      order("none"),
      { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
      { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" },
      // due 04-18; reminder e-mailed 04-22 → period 04-23 … 05-06; charges claimable from 05-07.
      { _tag: "SendReminder", on: "2025-04-22", invoiceId: "F1", channel: "email", legalMentions: true },
      { _tag: "RecordGoodsDelivered", on: "2025-05-12", lastPart: true },
      { _tag: "Withdraw", on: "2025-06-02" }
    ]
    const s = Statement.statement(stateOf(given), "2025-06-02")
    expect(s.lateChargesCents).toBe(0)
    expect(s.settlement.owedBy).toBe("nobody")
  })
})

describe("D11 — one answer whenever a fact is recorded", () => {
  it("D11: bad weather of 06-02 and 06-03 learnt after the start on 06-04 → the start is on time", () => {
    const state = stateOf([
      ...F.ordered(),
      { _tag: "StartWorks", on: "2025-06-04" },
      { _tag: "RecordBadWeatherDay", on: "2025-06-02" },
      { _tag: "RecordBadWeatherDay", on: "2025-06-03" }
    ])
    expect(Contract.worksDates(state, "2025-06-10")).toMatchObject({ pushedStart: "2025-06-04", lateStart: false })
  })
})

describe("D10 — rescission restores what was exchanged", () => {
  const rescinding = (worksDone: Contract.Restitution): Array<Cmd> => [
    ...F.started,
    { _tag: "RecordPanelsDelivered", on: "2025-06-03" },
    { _tag: "IssueInvoice", on: "2025-06-03", invoiceId: "F1", milestone: "deposit" },
    { _tag: "RecordPayment", on: "2025-06-04", invoiceId: "F1", amountCents: 254_400 },
    {
      _tag: "SendFormalNotice",
      on: "2025-07-10",
      by: "customer",
      breach: "works not completed",
      byRegisteredLetter: true,
      citesArticle: true
    },
    // 07-10 + 20 = 07-30 (Wednesday): rescission allowed from 07-31.
    { _tag: "Rescind", on: "2025-07-31", byRegisteredLetter: true, worksDone }
  ]
  // Both cases: the installer also owes the delay penalty, 07-01 … 07-31 = 31 days × €35 = €1,085.00
  // (below the cap of €1,200.00), outside VAT (D10: "the indemnity … and any delay penalty").
  it("D10/WAL-5.14.4: works removed → nothing owed for them; the installer refunds €2,544.00 and owes €1,200.00 + €1,085.00 outside VAT", () => {
    const s = Statement.statement(stateOf(rescinding({ _tag: "Removed" })), "2025-07-31")
    expect(s.creditedCents).toBe(254_400)
    expect(s.delayPenaltyCents).toBe(108_500)
    expect(s.owedByInstaller).toEqual([
      { cents: 254_400, vat: "incl" },
      { cents: 228_500, vat: "outside" }
    ])
    // 2,544.00 + 1,200.00 + 1,085.00 = 4,829.00
    expect(s.settlement).toMatchObject({ owedBy: "installer", amountCents: 482_900 })
  })
  it("D10: works kept at €5,000.00 incl. VAT → 5,000.00 − 2,544.00 paid − 1,200.00 − 1,085.00 = €171.00 owed by the customer", () => {
    const s = Statement.statement(stateOf(rescinding({ _tag: "Kept", valueInclCents: 500_000 })), "2025-07-31")
    expect(s.settlement).toMatchObject({ owedBy: "customer", amountCents: 17_100 })
  })
})

describe("D8 — debts survive the contract", () => {
  const unpaid: Array<Cmd> = [
    ...F.ordered(),
    { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
    // received 04-03 + 15 = Friday 04-18 (Good Friday is no legal holiday): due 04-18.
    { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" },
    // e-mail 04-22 → period 04-23 … 05-06; charges claimable from 05-07.
    { _tag: "SendReminder", on: "2025-04-22", invoiceId: "F1", channel: "email", legalMentions: true }
  ]
  const atWill = (on: string): Cmd => ({
    _tag: "TerminateByCustomer",
    on,
    ground: "at-will",
    byRegisteredLetter: true,
    worksDoneCents: 0,
    expensesCents: 0,
    worksNotDoneCents: 1_200_000
  })
  it("D8: a lump that became claimable before a termination stays owed; interest counts up to the end date", () => {
    // lump 5% × 2,544.00 = 127.20; interest from the later of due + 1 month (05-18) and 05-06 → 05-18;
    // terminated 05-28: 10 days × 254,400 × 5% / 365 = 348.49 → 348.
    const s = Statement.statement(stateOf([...unpaid, atWill("2025-05-28")]), "2025-06-30")
    expect(s.lateChargesCents).toBe(12_720 + 348)
  })
  it("D8: a termination before the charges became claimable leaves none on that invoice", () => {
    const s = Statement.statement(stateOf([...unpaid, atWill("2025-05-06")]), "2025-06-30")
    expect(s.lateChargesCents).toBe(0)
  })
  it("D8/D10: the final invoice after a termination is due 15 days after receipt, rolled, like any invoice", () => {
    const given: Array<Cmd> = [
      ...unpaid,
      atWill("2025-05-06"),
      { _tag: "IssueFinalInvoice", on: "2025-05-07", invoiceId: "FF" },
      // 05-17 (Saturday) + 15 = 06-01 (Sunday) → due Monday 06-02.
      { _tag: "RecordInvoiceReceived", on: "2025-05-17", invoiceId: "FF" }
    ]
    const d = Deadlines.deadlines(stateOf(given), "2025-05-20").find(
      (x) => x.rule === "WAL-5.4.2" && x.due >= "2025-06-01"
    )
    expect(d).toMatchObject({ due: "2025-06-02", rolledFrom: "2025-06-01" })
  })
})

describe("D8 — the first reminder that counts carries the legal mentions", () => {
  const s8: Array<Cmd> = [
    { _tag: "DraftContract", on: "2023-01-02", offer: F.offer },
    { _tag: "SignOffer", on: "2023-01-03" },
    { _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2023-01-10", concludedBy: "on-premises" },
    { _tag: "IssueInvoice", on: "2025-02-27", invoiceId: "F1", milestone: "deposit" },
    { _tag: "RecordInvoiceReceived", on: "2025-03-01", invoiceId: "F1" },
    // A reminder without the legal mentions starts nothing (D8) …
    { _tag: "SendReminder", on: "2025-03-18", invoiceId: "F1", channel: "email", legalMentions: false },
    // … so the installer sends one that carries them: it is the free first reminder that counts.
    { _tag: "SendReminder", on: "2025-03-20", invoiceId: "F1", channel: "email", legalMentions: true }
  ]
  it("D8: given a reminder without the legal mentions then one with them (03-20), when paid 05-01, then S8 (b)'s €132.08 is owed", () => {
    const state = stateOf([...s8, { _tag: "RecordPayment", on: "2025-05-01", invoiceId: "F1", amountCents: 254_400 }])
    expect(Statement.statement(state, "2025-05-01").lateChargesCents).toBe(13_208)
  })
  it("D8/D12: the Book XIX period of the reminder that counts is listed, 2025-03-21 … 2025-04-03", () => {
    const d = Deadlines.deadlines(stateOf(s8), "2025-03-25").find((x) => x.rule === "D8")
    expect(d?.due).toBe("2025-04-03")
  })
  it("D8: a further reminder after a valid first one changes nothing (the period runs from the first)", () => {
    const state = stateOf([
      ...s8,
      { _tag: "SendReminder", on: "2025-04-10", invoiceId: "F1", channel: "post", legalMentions: true },
      { _tag: "RecordPayment", on: "2025-05-01", invoiceId: "F1", amountCents: 254_400 }
    ])
    expect(Statement.statement(state, "2025-05-01").lateChargesCents).toBe(13_208)
  })
})

describe("D8 — a valid reminder recorded after a later one", () => {
  it("D8: given a valid reminder of 03-25 recorded first, when a valid one of 03-20 is recorded later, then the period runs from 03-20", () => {
    const state = stateOf([
      { _tag: "DraftContract", on: "2023-01-02", offer: F.offer },
      { _tag: "SignOffer", on: "2023-01-03" },
      { _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2023-01-10", concludedBy: "on-premises" },
      { _tag: "IssueInvoice", on: "2025-02-27", invoiceId: "F1", milestone: "deposit" },
      { _tag: "RecordInvoiceReceived", on: "2025-03-01", invoiceId: "F1" },
      { _tag: "SendReminder", on: "2025-03-25", invoiceId: "F1", channel: "email", legalMentions: true },
      { _tag: "SendReminder", on: "2025-03-20", invoiceId: "F1", channel: "email", legalMentions: true }
    ])
    expect(Deadlines.deadlines(state, "2025-03-26").find((x) => x.rule === "D8")?.due).toBe("2025-04-03")
  })
})

describe("D9 — the 10 kW of WAL-1.1a is on AC power", () => {
  const big = {
    ...F.offer,
    installation: { peakPowerWp: 10_500, connection: "three-phase", maxAcPowerVa: 10_000 },
    specification: { ...F.specification, inverterMaxAcPowerVa: 10_000, panelQuantity: 25, panelPeakPowerWp: 420 }
  } as const
  const signing = (offer: typeof big | typeof F.offer, decider = Contract.decider) => {
    const events = F.play([{ _tag: "DraftContract", on: "2025-03-01", offer }], [], decider)
    const r = decider.decide({ _tag: "SignOffer", on: "2025-03-10" }, Contract.replay(events))
    return Result.isFailure(r) ? F.rulesOf(r.failure) : undefined
  }
  it("D9: 10.5 kWp with 10.0 kW of AC power is within the contract; 10,001 VA is not", () => {
    expect(signing(big)).toBeUndefined()
    expect(
      signing({
        ...big,
        installation: { ...big.installation, maxAcPowerVa: 10_001 },
        specification: { ...big.specification, inverterMaxAcPowerVa: 10_001 }
      })
    ).toContain("WAL-1.1a")
  })
  it("D9: with the policy powerBasis 'peak' the 10.5 kWp installation is outside the contract", () => {
    expect(signing(big, Contract.make(Contract.policy({ powerBasis: "peak" })))).toContain("WAL-1.1a")
  })
})

describe("D7 — the last part of the goods counts, whatever the order of recording", () => {
  it("D7: given a part delivered 05-20, when the 'last part' is recorded later dated 05-12, then the period runs from 05-20", () => {
    const given: Array<Cmd> = [
      ...F.offered(),
      order(),
      { _tag: "RecordGoodsDelivered", on: "2025-05-20", lastPart: false },
      { _tag: "RecordGoodsDelivered", on: "2025-05-12", lastPart: true }
    ]
    // The goods were all on site only on 05-20: 05-20 + 14 = Tuesday 06-03.
    expect(refusedRules(given, { _tag: "Withdraw", on: "2025-06-03" })).toBeUndefined()
    expect(refusedRules(given, { _tag: "Withdraw", on: "2025-06-04" })).toContain("WAL-4c")
  })
})

describe("D5, D17 — warnings recorded by the contract", () => {
  it("D5: an agreed 30-day loan period is reported as a warning on the order, not silently dropped", () => {
    const events = F.play([
      ...F.offered(),
      {
        _tag: "PlaceOrder",
        on: "2025-04-01",
        concludedBy: "on-premises",
        withdrawalInformation: "legal",
        loan: { agreedDays: 30, maxAmountCents: 400_000 }
      }
    ])
    const placed = events.find((e) => e._tag === "OrderPlaced")
    expect(JSON.stringify(placed)).toContain('"rule":"D5"')
  })
  it("D17: PV panels on a new dwelling at 6% — fine on an offer of 2023-12-20, but the first invoice of 2024-01-05 warns 21%", () => {
    const newHome = { ...F.offer, dwelling: { ...F.offer.dwelling!, firstOccupationYear: 2021 } }
    const events = F.play([
      { _tag: "DraftContract", on: "2023-12-15", offer: newHome },
      { _tag: "SignOffer", on: "2023-12-20" },
      { _tag: "PlaceOrder", on: "2023-12-22", concludedBy: "on-premises", withdrawalInformation: "legal" },
      { _tag: "IssueInvoice", on: "2024-01-05", invoiceId: "F1", milestone: "deposit" }
    ])
    const signed = events.find((e) => e._tag === "OfferSigned")
    expect(JSON.stringify(signed)).not.toContain("Warning: installation")
    const invoiced = events.find((e) => e._tag === "InvoiceIssued")
    const d17 = invoiced !== undefined && "reasons" in invoiced ? invoiced.reasons.filter((r) => r.rule === "D17") : []
    expect(d17.some((r) => r.message.includes("21%"))).toBe(true)
  })
})

describe("D7 — any unambiguous statement is enough", () => {
  it("D7/WAL-5.1.2: a termination sent by ordinary letter inside the open withdrawal period is a withdrawal, not refused", () => {
    const given: Array<Cmd> = [
      ...s7(),
      {
        _tag: "TerminateByCustomer",
        on: "2025-05-20",
        ground: "at-will",
        byRegisteredLetter: false,
        worksDoneCents: 0,
        expensesCents: 0,
        worksNotDoneCents: 1_200_000
      }
    ]
    expect(stateOf(given).status).toBe("Withdrawn")
  })
  it("D7: the same letter after the period ends is a termination, and must be registered (WAL-5.14.1)", () => {
    expect(
      refusedRules(s7(), {
        _tag: "TerminateByCustomer",
        on: "2025-05-27",
        ground: "at-will",
        byRegisteredLetter: false,
        worksDoneCents: 0,
        expensesCents: 0,
        worksNotDoneCents: 1_200_000
      })
    ).toContain("WAL-5.14.1")
  })
})

describe("D7 — withdrawalInformation has no default", () => {
  it("D7: a PlaceOrder without withdrawalInformation is a decode error naming the field", () => {
    const r = Contract.decodeCommand({ _tag: "PlaceOrder", on: "2025-04-01", concludedBy: "off-premises" })
    expect(Result.isFailure(r) && r.failure.message).toContain("withdrawalInformation")
  })
})

describe("D11 — suspensions through the contract", () => {
  it("D11/WAL-5.4.3: no access on 06-02 and 06-03 (suspended 06-02, resumed 06-04), started 06-04 → on time; end 07-02", () => {
    const state = stateOf([
      ...F.ordered(),
      { _tag: "SuspendWorks", on: "2025-06-02", rule: "WAL-5.4.3" },
      { _tag: "ResumeWorks", on: "2025-06-04" },
      { _tag: "StartWorks", on: "2025-06-04" }
    ])
    expect(Contract.worksDates(state, "2025-06-10")).toMatchObject({
      pushedStart: "2025-06-04",
      end: "2025-07-02",
      lateStart: false
    })
  })
  it("D11: a suspension before the agreed start delays nothing (05-28 … 06-01)", () => {
    const state = stateOf([
      ...F.ordered(),
      { _tag: "SuspendWorks", on: "2025-05-28", rule: "WAL-5.9" },
      { _tag: "ResumeWorks", on: "2025-06-02" },
      { _tag: "StartWorks", on: "2025-06-02" }
    ])
    expect(Contract.worksDates(state, "2025-06-10")).toMatchObject({ pushedStart: "2025-06-02", end: "2025-06-30" })
  })
})

describe("D14 — the formal notice's waiting period rolls over", () => {
  const given: Array<Cmd> = [
    ...F.started,
    {
      _tag: "SendFormalNotice",
      on: "2025-07-26",
      by: "customer",
      breach: "works not completed",
      byRegisteredLetter: true,
      citesArticle: true
    }
  ]
  it("D14/WAL-5.14.4: notice 2025-07-26 + 20 = Friday 08-15 (Assumption) → 08-18: rescinding on 08-18 is refused, 08-19 allowed", () => {
    const rescind = (on: string): Cmd => ({
      _tag: "Rescind",
      on,
      byRegisteredLetter: true,
      worksDone: { _tag: "Removed" }
    })
    const inside = refusedRules(given, rescind("2025-08-18"))
    expect(inside).toContain("WAL-5.14.4")
    expect(inside).toContain("D14")
    expect(refusedRules(given, rescind("2025-08-19"))).toBeUndefined()
  })
})

describe("D4/WAL-5.4.1 — the deposit waits for the conditions", () => {
  it("WAL-5.4.1: under a loan condition the deposit cannot be invoiced before the loan is obtained; after it, €2,544.00", () => {
    const ordered: Array<Cmd> = [
      ...F.offered(),
      {
        _tag: "PlaceOrder",
        on: "2025-04-01",
        concludedBy: "on-premises",
        withdrawalInformation: "legal",
        loan: { maxAmountCents: 1_000_000 }
      }
    ]
    const deposit: Cmd = { _tag: "IssueInvoice", on: "2025-04-21", invoiceId: "F1", milestone: "deposit" }
    expect(refusedRules(ordered, deposit)).toContain("WAL-5.4.1")
    const final = [...ordered, { _tag: "RecordLoanObtained", on: "2025-04-20" } as const]
    expect(refusedRules(final, deposit)).toBeUndefined()
    expect(stateOf([...final, deposit]).invoices[0]?.amount).toEqual({ cents: 254_400, vat: "incl" })
  })
})
