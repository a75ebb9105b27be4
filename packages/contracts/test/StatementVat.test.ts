/**
 * D10 (revised 2026-12): three bases — incl. VAT (supplies), excl. VAT (the basis of percentages),
 * outside VAT (damages: late charges, delay penalty, lost profit, rescission indemnity) — and ONE
 * net settlement, always. After a termination or a rescission the price's milestone invoices are
 * cancelled by credit notes and every payment is credited; after a withdrawal everything paid is
 * refunded. (These tests replace the earlier "never net across bases" reading, which D10 moved.)
 */
import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Result } from "effect"
import { Calendar, Money, PaymentSchedule } from "@soltrace/rules"
import { Contract, Deadlines, Statement } from "../src/index.js"
import type { Terms } from "../src/index.js"
import * as F from "./fixtures.js"

const stateOf = (commands: ReadonlyArray<Contract.Command>) => Contract.replay(F.play(commands))
const outside = (cents: number): Statement.Amount => ({ cents, vat: "outside" })

/** S4's offer (€12,720.00 incl. VAT): the 20% deposit is €2,544.00, paid. */
const depositPaid: Array<Contract.Command> = [
  ...F.ordered(),
  { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
  { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" },
  { _tag: "RecordPayment", on: "2025-04-04", invoiceId: "F1", amountCents: 254_400 }
]
const atWill = (
  on: string,
  expensesCents: number,
  worksNotDoneCents: number
): Extract<Contract.Command, { readonly _tag: "TerminateByCustomer" }> => ({
  _tag: "TerminateByCustomer",
  on,
  ground: "at-will",
  byRegisteredLetter: true,
  worksDoneCents: 0,
  expensesCents,
  worksNotDoneCents
})

describe("D10: the net settlement after an early end", () => {
  it("D10/WAL-5.14.2: a €2,544 deposit paid, then termination at will before works → the installer refunds the difference", () => {
    // Lost profit 10% × €12,000.00 = €1,200.00 (outside VAT) + expenses €500.00 excl. = €530.00 incl.
    // = €1,730.00 owed; €2,544.00 paid is credited → the installer owes €814.00 back. (Before D10 the
    // statement said the customer owed €1,700.00 *more*: the deposit stayed owed and was never credited.)
    const s = Statement.statement(stateOf([...depositPaid, atWill("2025-04-20", 50_000, 1_200_000)]), "2025-04-20")
    expect(s.settlement).toMatchObject({ owedBy: "installer", amountCents: 81_400, paidCents: 254_400 })
    expect(s.creditedCents).toBe(254_400)
    expect(s.owedByCustomer).toEqual([outside(120_000)])
    expect(s.balances.incl.netCents).toBe(-254_400 + 53_000)
  })

  it("D10: the decision's own example — €1,700 owed against €2,544 paid → €844 refunded", () => {
    // €17,000.00 of works not done at 10% = €1,700.00 lost profit (outside VAT), nothing else owed;
    // €2,544.00 paid on the (cancelled) deposit invoice is credited.
    const big: Terms.Offer = {
      ...F.offer,
      priceExclCents: 2_400_000,
      schedule: PaymentSchedule.build(2_544_000, "both").schedule
    }
    const s = Statement.statement(
      stateOf([
        ...F.ordered(big),
        { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
        { _tag: "RecordPayment", on: "2025-04-04", invoiceId: "F1", amountCents: 254_400 },
        atWill("2025-04-20", 0, 1_700_000)
      ]),
      "2025-04-20"
    )
    expect(s.settlement).toMatchObject({ owedBy: "installer", amountCents: 84_400, owedCents: 170_000 })
  })

  it("D8/D10: after a termination the contract takes the refund, and the settlement is then square", () => {
    const events = F.play([...depositPaid, atWill("2025-04-20", 50_000, 1_200_000)])
    const refunded = F.play([{ _tag: "RecordRefund", on: "2025-05-02", amountCents: 81_400 }], events)
    const s = Statement.statement(Contract.replay(refunded), "2025-05-02")
    expect(s.settlement).toMatchObject({ owedBy: "nobody", netCents: 0, refundedCents: 81_400 })
  })

  it("D10: a refund beyond what was paid is refused (given/when/then)", () => {
    const state = stateOf([...depositPaid, atWill("2025-04-20", 0, 0)])
    const r = Contract.decide({ _tag: "RecordRefund", on: "2025-04-21", amountCents: 254_401 }, state)
    expect(Result.isFailure(r) && F.rulesOf(r.failure)).toEqual(["D10"])
  })

  it("D8/D10: after a termination, payments and reminders are still recorded (before: refused as terminal)", () => {
    const state = stateOf([
      ...F.ordered(),
      { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
      { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" },
      atWill("2025-04-10", 0, 1_200_000)
    ])
    expect(Contract.isTerminal(state)).toBe(false)
    const paid = Contract.decide(
      { _tag: "RecordPayment", on: "2025-04-11", invoiceId: "F1", amountCents: 1_000 },
      state
    )
    expect(Result.isSuccess(paid)).toBe(true)
    const reminded = Contract.decide(
      { _tag: "SendReminder", on: "2025-04-25", invoiceId: "F1", channel: "email", legalMentions: true },
      state
    )
    expect(Result.isSuccess(reminded)).toBe(true)
    // Lifecycle steps stay refused (WAL-1.3).
    const start = Contract.decide({ _tag: "StartWorks", on: "2025-04-11" }, state)
    expect(Result.isFailure(start) && F.rulesOf(start.failure)).toEqual(["WAL-1.3"])
  })

  it("D10 (VAT Code art. 79): the final invoice after a termination — credit notes for the milestones, the supplies owed, payments set off", () => {
    const events = F.play([
      ...depositPaid,
      { ...atWill("2025-06-20", 100_000, 600_000), worksDoneCents: 500_000 },
      { _tag: "IssueFinalInvoice", on: "2025-06-21", invoiceId: "FIN" }
    ])
    const final = events.find((e) => e._tag === "FinalInvoiceIssued")
    // Works done €5,000 + expenses €1,000 excl. → €6,360.00 incl. VAT at 6%; €2,544.00 paid is set off.
    expect(final).toMatchObject({
      invoiceId: "FIN",
      creditNotes: [{ invoiceId: "F1", amount: Money.incl(254_400) }],
      amount: Money.incl(636_000),
      setOffCents: 254_400
    })
    const state = Contract.replay(events)
    const fin = state.invoices.find((i) => i.invoiceId === "FIN")!
    expect(Contract.outstanding(fin)).toBe(636_000 - 254_400)
    // The final invoice stands for the supplies: the settlement is unchanged by issuing it.
    const before = Statement.statement(Contract.replay(events.slice(0, -1)), "2025-06-21").settlement
    const after = Statement.statement(state, "2025-06-21").settlement
    expect(after.netCents).toBe(before.netCents)
    expect(after).toMatchObject({ owedBy: "customer", amountCents: 636_000 + 60_000 - 254_400 })
    // It is due, reminded and charged like any invoice (D8).
    const paid = F.play(
      [
        { _tag: "RecordInvoiceReceived", on: "2025-06-23", invoiceId: "FIN" },
        { _tag: "RecordPayment", on: "2025-06-30", invoiceId: "FIN", amountCents: 636_000 - 254_400 }
      ],
      events
    )
    expect(Statement.statement(Contract.replay(paid), "2025-06-30").settlement).toMatchObject({
      owedBy: "customer",
      amountCents: 60_000
    })
  })

  it("D10: a second final invoice, or one before any end, is refused (given/when/then)", () => {
    const live = stateOf(depositPaid)
    const early = Contract.decide({ _tag: "IssueFinalInvoice", on: "2025-04-05", invoiceId: "FIN" }, live)
    expect(Result.isFailure(early) && F.rulesOf(early.failure)).toEqual(["WAL-1.3"])
    const done = stateOf([
      ...depositPaid,
      atWill("2025-04-20", 0, 0),
      { _tag: "IssueFinalInvoice", on: "2025-04-21", invoiceId: "FIN" }
    ])
    const twice = Contract.decide({ _tag: "IssueFinalInvoice", on: "2025-04-22", invoiceId: "FIN2" }, done)
    expect(Result.isFailure(twice) && F.rulesOf(twice.failure)).toEqual(["D10"])
  })

  it("D8: late charges claimable before a termination stay owed, counted up to the end date (outside VAT)", () => {
    const base: Array<Contract.Command> = [
      ...F.ordered(),
      { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
      { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" },
      { _tag: "SendReminder", on: "2025-04-20", invoiceId: "F1", channel: "email", legalMentions: true },
      atWill("2025-07-01", 0, 1_200_000)
    ]
    const atEnd = Statement.statement(stateOf(base), "2025-07-01")
    const later = Statement.statement(stateOf(base), "2025-12-31")
    expect(atEnd.lateChargesCents).toBeGreaterThan(0)
    expect(later.lateChargesCents).toBe(atEnd.lateChargesCents)
    expect(later.lines.filter((l) => l.kind === "late-charge").every((l) => l.amount.vat === "outside")).toBe(true)
  })
})

describe("D10: restitution after a rescission", () => {
  const started: Array<Contract.Command> = [
    ...depositPaid,
    { _tag: "StartWorks", on: "2025-06-02" },
    {
      _tag: "SendFormalNotice",
      on: "2025-06-10",
      by: "customer",
      breach: "works abandoned",
      byRegisteredLetter: true,
      citesArticle: true
    }
  ]
  it("D10: once works were done, a rescission must say whether they are kept or removed (given/when/then)", () => {
    const r = Contract.decide({ _tag: "Rescind", on: "2025-07-01", byRegisteredLetter: true }, stateOf(started))
    expect(Result.isFailure(r) && r.failure.reasons[0]).toMatchObject({ rule: "D10", figures: { field: "worksDone" } })
  })

  it("D10/WAL-5.14.4: works kept — the customer owes their value incl. VAT; the installer owes the 10% indemnity outside VAT", () => {
    const s = Statement.statement(
      stateOf([
        ...started,
        {
          _tag: "Rescind",
          on: "2025-07-01",
          byRegisteredLetter: true,
          worksDone: { _tag: "Kept", valueInclCents: 400_000 }
        }
      ]),
      "2025-07-01"
    )
    // 4,000.00 kept − 2,544.00 deposit (cancelled, paid, credited) − 1,200.00 indemnity − 35.00 penalty (1 day).
    expect(s.settlement).toMatchObject({ owedBy: "customer", netCents: 400_000 - 254_400 - 120_000 - 3_500 })
    expect(s.lines.find((l) => l.kind === "restitution")).toMatchObject({ cents: 400_000, amount: { vat: "incl" } })
  })

  it("D10: works removed — nothing is owed for them, every payment is credited", () => {
    const s = Statement.statement(
      stateOf([
        ...started,
        { _tag: "Rescind", on: "2025-07-01", byRegisteredLetter: true, worksDone: { _tag: "Removed" } }
      ]),
      "2025-07-01"
    )
    expect(s.settlement).toMatchObject({ owedBy: "installer", amountCents: 254_400 + 120_000 + 3_500 })
  })
})

describe("D7/D10: after a withdrawal everything paid is refunded", () => {
  const withdrawn: Array<Contract.Command> = [
    ...F.ordered(F.offer, true),
    { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
    { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" },
    { _tag: "RecordPayment", on: "2025-04-04", invoiceId: "F1", amountCents: 254_400 },
    { _tag: "Withdraw", on: "2025-04-10", receivedOn: "2025-04-12" }
  ]
  it("D7: the refund is owed by the installer within 14 days of receiving the notice", () => {
    const s = Statement.statement(stateOf(withdrawn), "2025-04-12")
    expect(s.settlement).toMatchObject({ owedBy: "installer", amountCents: 254_400 })
    // 14 days from 2025-04-12 = Saturday 2025-04-26, rolled over to Monday 2025-04-28 (D14).
    expect(s.settlement.refundDue).toBe("2025-04-28")
    const refund = Deadlines.deadlines(stateOf(withdrawn), "2025-04-12").find((d) => d.what.includes("refund"))
    expect(refund).toMatchObject({
      party: "installer",
      kind: "obligation",
      status: "open",
      rule: "D7",
      due: "2025-04-28",
      rolledFrom: "2025-04-26"
    })
  })

  it("D7: the refund and the collection of the goods are recorded after the withdrawal (before: refused as terminal)", () => {
    const events = F.play(
      [
        { _tag: "RecordGoodsCollected", on: "2025-04-20" },
        { _tag: "RecordRefund", on: "2025-04-22", amountCents: 254_400 }
      ],
      F.play(withdrawn)
    )
    const state = Contract.replay(events)
    expect(state.goodsCollectedOn).toBe("2025-04-20")
    expect(Statement.statement(state, "2025-04-22").settlement).toMatchObject({ owedBy: "nobody", netCents: 0 })
    const refund = Deadlines.deadlines(state, "2025-04-30").find((d) => d.what.includes("refund"))
    expect(refund).toMatchObject({ status: "met", doneOn: "2025-04-22" })
  })

  it("D7: no late charge survives a withdrawal, and no reminder can start one (given/when/then)", () => {
    // The reminder's period ended and charges ran; then a notice sent on 2025-04-14 (in time) is
    // learnt: every invoice is cancelled and no charge survives.
    const reminded: Array<Contract.Command> = [
      ...F.ordered(F.offer, true),
      { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
      { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" },
      { _tag: "SendReminder", on: "2025-04-19", invoiceId: "F1", channel: "email", legalMentions: true }
    ]
    expect(Statement.statement(stateOf(reminded), "2025-12-31").lateChargesCents).toBeGreaterThan(0)
    const withdrawnState = stateOf([...reminded, { _tag: "Withdraw", on: "2025-04-14" }])
    const s = Statement.statement(withdrawnState, "2025-12-31")
    expect([s.lateChargesCents, s.settlement.netCents]).toEqual([0, 0])
    const r = Contract.decide(
      { _tag: "SendReminder", on: "2025-06-01", invoiceId: "F1", channel: "post", legalMentions: true },
      withdrawnState
    )
    expect(Result.isFailure(r) && F.rulesOf(r.failure)).toEqual(["D7"])
  })
})

describe("D10: properties", () => {
  it("D10: after any early end the net settlement equals what is owed minus what was paid, to the cent (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 254_400 }), { maxLength: 3 }),
        fc.constantFrom("at-will", "installer", "rescind-kept", "rescind-removed", "withdraw"),
        fc.record({
          works: fc.integer({ min: 0, max: 500_000 }),
          expenses: fc.integer({ min: 0, max: 100_000 }),
          notDone: fc.integer({ min: 0, max: 1_200_000 }),
          kept: fc.integer({ min: 0, max: 1_000_000 })
        }),
        fc.integer({ min: 0, max: 120 }),
        (payments, ending, x, evalGap) => {
          // Off premises only for the withdrawal: a termination inside an open withdrawal period would
          // be taken as a withdrawal (D7), tested on its own.
          const cmds: Array<Contract.Command> = [
            ...F.ordered(F.offer, ending === "withdraw"),
            { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
            { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" }
          ]
          let left = 254_400
          let paid = 0
          for (const p of payments) {
            const cents = Math.min(p, left)
            if (cents === 0) break
            left -= cents
            paid += cents
            cmds.push({ _tag: "RecordPayment", on: "2025-04-05", invoiceId: "F1", amountCents: cents })
          }
          const vat = (excl: number) => Money.inclVat(excl, F.offer.vatBp)
          let owed = 0
          if (ending === "at-will") {
            cmds.push({ ...atWill("2025-04-10", x.expenses, x.notDone), worksDoneCents: x.works })
            owed = vat(x.works) + vat(x.expenses) + Money.percentOf(x.notDone, 1000)
          } else if (ending === "installer") {
            cmds.push({
              _tag: "TerminateByInstaller",
              on: "2025-04-10",
              byRegisteredLetter: true,
              customerRefusedIndispensableWorks: true,
              costsCents: x.works,
              materialsUsedCents: x.expenses
            })
            owed = vat(x.works) + vat(x.expenses)
          } else if (ending === "withdraw") {
            cmds.push({ _tag: "Withdraw", on: "2025-04-10" })
          } else {
            cmds.push(
              {
                _tag: "SendFormalNotice",
                on: "2025-04-10",
                by: "installer",
                breach: "b",
                byRegisteredLetter: true,
                citesArticle: true
              },
              {
                _tag: "Rescind",
                on: "2025-05-01",
                byRegisteredLetter: true,
                worksDone: ending === "rescind-kept" ? { _tag: "Kept", valueInclCents: x.kept } : { _tag: "Removed" }
              }
            )
            owed = (ending === "rescind-kept" ? x.kept : 0) + 120_000
          }
          const s = Statement.statement(stateOf(cmds), Calendar.addDays("2025-05-01", evalGap))
          // No charge ran: the customer never got a first reminder (D8, Book XIX), no works were late.
          expect(s.settlement.paidCents).toBe(paid)
          expect(s.settlement.netCents).toBe(owed - paid)
          expect(s.settlement.owedCents).toBe(owed)
          expect(s.lines.reduce((a, l) => a + l.cents, 0)).toBe(s.settlement.netCents)
        }
      )
    )
  })
})
