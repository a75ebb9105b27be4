import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Result } from "effect"
import { Calendar, Money } from "@soltrace/rules"
import { Contract, Deadlines, ICalendar, Statement } from "../src/index.js"
import * as F from "./fixtures.js"

const stateOf = (commands: ReadonlyArray<Contract.Command>) => Contract.replay(F.play(commands))
const find = (ds: ReadonlyArray<Deadlines.Deadline>, rule: string, what?: string) =>
  ds.find((d) => d.rule === rule && (what === undefined || d.what.includes(what)))

describe("Statement", () => {
  const invoicedOn2025: Array<Contract.Command> = [
    ...F.ordered(),
    { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
    { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" }
  ]

  it("D8 (Book XIX): for a contract concluded after 2023-09-01, no charge before a first reminder and its 14 days", () => {
    const noReminder = Statement.statement(stateOf(invoicedOn2025), "2025-06-30")
    expect(noReminder.lateChargesCents).toBe(0)
    const reminded = stateOf([
      ...invoicedOn2025,
      { _tag: "SendReminder", on: "2025-05-02", invoiceId: "F1", channel: "email", legalMentions: true }
    ])
    // D8 revised: an e-mail's period begins the next day (2025-05-03) and ends on day 14, 2025-05-16.
    expect(Statement.statement(reminded, "2025-05-16").lateChargesCents).toBe(0)
    expect(Statement.statement(reminded, "2025-05-17").lateChargesCents).toBe(12_720)
    // D8: a reminder without the legal mentions starts nothing.
    const bare = stateOf([
      ...invoicedOn2025,
      { _tag: "SendReminder", on: "2025-05-02", invoiceId: "F1", channel: "email" }
    ])
    expect(Statement.statement(bare, "2025-12-31").lateChargesCents).toBe(0)
  })

  it("WAL-5.4.2: the statement as of a date ignores later payments and counts charges to that date", () => {
    const paid = stateOf([
      ...invoicedOn2025,
      { _tag: "RecordPayment", on: "2025-04-10", invoiceId: "F1", amountCents: 254_400 }
    ])
    expect(Statement.statement(paid, "2025-04-09").owedByCustomer).toEqual([Money.incl(254_400)])
    expect(Statement.statement(paid, "2025-04-10").owedByCustomer).toEqual([])
    expect(Statement.statement(paid, "2025-04-02").invoicedCents).toBe(254_400)
    expect(Statement.statement(paid, "2025-04-01").invoicedCents).toBe(0)
  })

  it("WAL-5.14.2: a termination adds what the customer owes, with its rule", () => {
    const s = Statement.statement(
      stateOf([
        ...invoicedOn2025,
        {
          _tag: "TerminateByCustomer",
          on: "2025-04-05",
          ground: "at-will",
          byRegisteredLetter: true,
          worksDoneCents: 0,
          expensesCents: 10_000,
          worksNotDoneCents: 1_000_000
        }
      ]),
      "2025-04-05"
    )
    // D10: expenses incl. VAT at the contract's 6%, lost profit outside VAT; the deposit is cancelled.
    expect(s.lines.filter((l) => l.kind === "termination").map((l) => [l.rule, l.cents, l.amount.vat])).toEqual([
      ["WAL-5.14.2", 10_600, "incl"],
      ["WAL-5.14.2", 100_000, "outside"]
    ])
    expect(s.lines.find((l) => l.kind === "credit-note")).toMatchObject({ invoiceId: "F1", cents: -254_400 })
    expect([s.balances.incl.netCents, s.balances.outside.netCents]).toEqual([10_600, 100_000])
    expect(s.settlement).toMatchObject({ owedBy: "customer", amountCents: 110_600 })
  })

  it("WAL-5.14.4: a rescission by the customer makes the installer owe 10% of the price excl. VAT", () => {
    const s = Statement.statement(
      stateOf([
        ...F.ordered(),
        {
          _tag: "SendFormalNotice",
          on: "2025-06-10",
          by: "customer",
          breach: "works not started",
          byRegisteredLetter: true,
          citesArticle: true
        },
        { _tag: "Rescind", on: "2025-07-01", byRegisteredLetter: true }
      ]),
      "2025-07-01"
    )
    expect(s.lines.find((l) => l.kind === "rescission")).toMatchObject({ rule: "WAL-5.14.4", cents: -120_000 })
    // D11: the delay penalty runs to the rescission (works never started; agreed end 2025-06-30).
    expect(s.delayPenaltyCents).toBe(3_500)
    // D10: the indemnity and the penalty are damages, outside VAT.
    expect(s.owedByInstaller).toEqual([{ cents: 123_500, vat: "outside" }])
    expect(s.settlement).toMatchObject({ owedBy: "installer", amountCents: 123_500 })
  })

  it("WAL-4c/D7: a withdrawal cancels the invoices and the installer owes back what was paid; no delay penalty", () => {
    const s = Statement.statement(
      stateOf([
        ...F.ordered(F.offer, true),
        { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
        { _tag: "RecordPayment", on: "2025-04-03", invoiceId: "F1", amountCents: 100_000 },
        { _tag: "Withdraw", on: "2025-04-10" }
      ]),
      "2025-09-01"
    )
    expect(s.lines.find((l) => l.kind === "credit-note")).toMatchObject({ rule: "D7", cents: -254_400 })
    expect([s.delayPenaltyCents, s.owedByInstaller, s.owedByCustomer]).toEqual([0, [Money.incl(100_000)], []])
    expect(s.settlement).toMatchObject({ owedBy: "installer", amountCents: 100_000 })
  })

  it("the balance holds for any partial payments and any evaluation date (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 40 }), cents: fc.integer({ min: 1, max: 100_000 }) }), {
          maxLength: 6
        }),
        fc.integer({ min: 0, max: 200 }),
        (payments, evalGap) => {
          const cmds: Array<Contract.Command> = [...invoicedOn2025]
          let day = "2025-04-03"
          let left = 254_400
          for (const p of payments) {
            day = Calendar.addDays(day, p.gap)
            const cents = Math.min(p.cents, left)
            if (cents === 0) break
            left -= cents
            cmds.push({ _tag: "RecordPayment", on: day, invoiceId: "F1", amountCents: cents })
          }
          const asOf = Calendar.addDays("2025-04-03", evalGap)
          const s = Statement.statement(stateOf(cmds), asOf)
          const b = s.balances.incl
          // D10: the incl.-VAT lines (invoice, payments) add up to the incl.-VAT net; the charges are outside VAT.
          const total = s.lines.filter((l) => l.amount.vat === "incl").reduce((a, l) => a + l.cents, 0)
          expect(total).toBe(b.netCents)
          expect(s.invoicedCents - s.paidCents).toBe(b.netCents)
          expect(s.balances.outside.netCents).toBe(s.lateChargesCents - s.delayPenaltyCents)
          expect(s.settlement.netCents).toBe(b.netCents + s.lateChargesCents - s.delayPenaltyCents)
          expect(b.owedByCustomer.cents - b.owedByInstaller.cents).toBe(b.netCents)
          expect(s.paidCents).toBeLessThanOrEqual(s.invoicedCents)
        }
      )
    )
  })
})

describe("Deadlines", () => {
  it("WAL-2.3: the offer's 30 days are open, then met by the order", () => {
    expect(find(Deadlines.deadlines(stateOf(F.offered()), "2025-03-20"), "WAL-2.3")).toMatchObject({
      due: "2025-04-09",
      status: "open",
      kind: "right"
    })
    expect(find(Deadlines.deadlines(stateOf(F.ordered()), "2025-04-01"), "WAL-2.3")).toMatchObject({
      doneOn: "2025-04-01",
      status: "met"
    })
    expect(find(Deadlines.deadlines(stateOf(F.offered()), "2025-04-10"), "WAL-2.3")?.status).toBe("lapsed")
  })

  it("WAL-5.2.1/D5: the loan condition runs 45 days from the order", () => {
    const s = stateOf([
      ...F.offered(),
      {
        _tag: "PlaceOrder",
        withdrawalInformation: "legal",
        on: "2025-04-01",
        offPremises: false,
        loan: { agreedDays: 60, maxAmountCents: 1 }
      }
    ])
    // D14: the 45th day, Saturday 2025-05-31, rolls over to Monday 2025-06-02, and the deadline says why.
    expect(find(Deadlines.deadlines(s, "2025-04-02"), "WAL-5.2.1")).toMatchObject({
      due: "2025-06-02",
      rolledFrom: "2025-05-31",
      status: "open"
    })
    expect(find(Deadlines.deadlines(s, "2025-06-02"), "WAL-5.2.1")?.status).toBe("open")
    expect(find(Deadlines.deadlines(s, "2025-06-03"), "WAL-5.2.1")?.status).toBe("missed")
  })

  it("S5/WAL-5.7.1: the end of works moves with bad weather and is missed when completed late", () => {
    const cmds: Array<Contract.Command> = [
      ...F.delivered,
      { _tag: "RecordBadWeatherDay", on: "2025-06-10" },
      { _tag: "RecordBadWeatherDay", on: "2025-06-11" },
      { _tag: "RecordBadWeatherDay", on: "2025-06-11" },
      { _tag: "RecordBadWeatherDay", on: "2025-06-20" },
      { _tag: "CompleteWorks", on: "2025-07-20" }
    ]
    expect(find(Deadlines.deadlines(stateOf(cmds), "2025-07-20"), "WAL-5.7.1")).toMatchObject({
      due: "2025-07-03",
      doneOn: "2025-07-20",
      status: "missed",
      party: "installer"
    })
  })

  it("WAL-5.8.1/WAL-5.8.2: inspection within 45 days (customer), conformity within 30, file within 15 (installer)", () => {
    const ds = Deadlines.deadlines(
      stateOf([...F.completed, { _tag: "RecordInspectionRefused", on: "2025-07-01" }]),
      "2025-07-02"
    )
    expect(find(ds, "WAL-5.8.1", "inspected")).toMatchObject({
      due: "2025-08-11",
      doneOn: "2025-07-01",
      status: "met",
      party: "customer"
    })
    expect(find(ds, "WAL-5.8.1", "conformity")).toMatchObject({ due: "2025-07-31", status: "open", party: "installer" })
    expect(find(Deadlines.deadlines(stateOf(F.accepted), "2025-07-26"), "WAL-5.8.2")).toMatchObject({
      due: "2025-07-25",
      status: "missed"
    })
    const byInstaller = stateOf([
      ...F.ordered({ ...F.offer, inspectionByInstaller: true }),
      { _tag: "StartWorks", on: "2025-06-02" },
      { _tag: "RecordPanelsDelivered", on: "2025-06-03" },
      { _tag: "CompleteWorks", on: "2025-06-27" }
    ])
    expect(find(Deadlines.deadlines(byInstaller, "2025-07-01"), "WAL-5.8.1")).toBeUndefined()
  })

  it("WAL-5.14.4: the other party has 20 days to answer a formal notice", () => {
    const s = stateOf([
      ...F.ordered(),
      {
        _tag: "SendFormalNotice",
        on: "2025-06-10",
        by: "customer",
        breach: "works not started",
        byRegisteredLetter: true,
        citesArticle: true
      }
    ])
    expect(find(Deadlines.deadlines(s, "2025-06-11"), "WAL-5.14.4")).toMatchObject({
      due: "2025-06-30",
      party: "installer",
      status: "open"
    })
  })

  it("D12: open time limits end with the contract (a withdrawn contract lists no open obligation)", () => {
    const s = stateOf([
      ...F.offered(),
      {
        _tag: "PlaceOrder",
        withdrawalInformation: "legal",
        on: "2025-04-01",
        offPremises: true,
        loan: { maxAmountCents: 1 }
      },
      { _tag: "Withdraw", on: "2025-04-05" }
    ])
    const ds = Deadlines.deadlines(s, "2025-04-06")
    expect(ds.filter((d) => d.status === "open")).toEqual([])
    // D7: counted from the order (policy), the right was used in time.
    const byOrder = Contract.policy({ withdrawalStart: "order" })
    expect(find(Deadlines.deadlines(s, "2025-04-06", byOrder), "D7", "withdraw")).toMatchObject({
      status: "met",
      doneOn: "2025-04-05",
      kind: "right"
    })
  })

  it("D14: every status agrees with its dates (property over evaluation dates)", () => {
    const events = F.play([
      ...F.ordered(F.offer, true),
      { _tag: "StartWorks", on: "2025-06-03" },
      { _tag: "RecordPanelsDelivered", on: "2025-06-04" },
      { _tag: "CompleteWorks", on: "2025-07-05" },
      { _tag: "RecordInspectionRefused", on: "2025-07-20" },
      { _tag: "RecordConformityRestored", on: "2025-08-25" },
      { _tag: "RecordInspectionAccepted", on: "2025-09-01" }
    ])
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (n) => {
        const asOf = Calendar.addDays("2025-03-01", n)
        for (const d of Deadlines.deadlines(Contract.asOf(events, asOf), asOf)) {
          expect(d.from <= asOf).toBe(true)
          if (d.status === "met") expect(d.doneOn !== undefined && d.doneOn <= d.due).toBe(true)
          if (d.status === "open") expect(d.doneOn === undefined && asOf <= d.due).toBe(true)
          if (d.status === "missed") expect(d.doneOn === undefined ? asOf > d.due : d.doneOn > d.due).toBe(true)
          if (d.status === "lapsed") expect(d.kind === "right" && d.doneOn === undefined && asOf > d.due).toBe(true)
        }
      })
    )
  })
})

describe("ICalendar", () => {
  const state = stateOf([...F.completed, { _tag: "RecordInspectionRefused", on: "2025-07-01" }])
  const ds = Deadlines.deadlines(state, "2025-07-02")

  it("D12: every pending deadline becomes an all-day event on its due day", () => {
    const ics = ICalendar.toICalendar(ds, { contractId: "C-42", asOf: "2025-07-02" })
    expect(Result.isSuccess(ics)).toBe(true)
    const text = Result.isSuccess(ics) ? ics.success : ""
    const pending = ds.filter(ICalendar.pending)
    expect(pending.length).toBeGreaterThan(0)
    expect(text.match(/BEGIN:VEVENT/g)?.length).toBe(pending.length)
    expect(text).toContain("BEGIN:VCALENDAR")
    expect(text).toContain("DTSTART;VALUE=DATE:20250731")
    expect(text).toContain("DTEND;VALUE=DATE:20250801")
    expect(text).toMatch(/SUMMARY:bring the installation into conformity \(installer\) \(WAL-5\.8\.1\)/)
    expect(text).toContain("DTSTAMP:20250702T000000Z")
  })

  it("the file is deterministic (no clock, stable UIDs)", () => {
    const a = ICalendar.toICalendar(ds, { contractId: "C-42", asOf: "2025-07-02" })
    const b = ICalendar.toICalendar(ds, { contractId: "C-42", asOf: "2025-07-02" })
    expect(a).toEqual(b)
  })

  it("an empty selection is still a valid calendar", () => {
    const r = ICalendar.toICalendar([], { contractId: "C-0", asOf: "2025-07-02" })
    expect(Result.isSuccess(r) && r.success.startsWith("BEGIN:VCALENDAR") && !r.success.includes("VEVENT")).toBe(true)
  })
})

describe("D12: rights worded as rights, obligations as obligations", () => {
  it("D12: the iCal text says the customer may … until, the installer must … by (before: 'customer must last day a … is covered')", () => {
    const state = stateOf(F.accepted)
    const ds = Deadlines.deadlines(state, "2025-07-11")
    const ics = ICalendar.toICalendar(ds, { contractId: "C-1", asOf: "2025-07-11", include: () => true })
    expect(Result.isSuccess(ics)).toBe(true)
    const text = Result.isSuccess(ics) ? ics.success.replace(/\r\n[ \t]/g, "") : ""
    expect(text).toMatch(/The customer may claim for a watertightness defect appearing/)
    expect(text).toMatch(/The installer must hand over/)
    expect(text).not.toMatch(/customer must last day/)
    const right = ds.find((d) => d.kind === "right")!
    expect(Deadlines.describe(right)).toMatch(new RegExp(`^The customer may .* until ${right.due}`))
  })
  it("D12/D14: a rolled-over last day is described with the day it moved from and why", () => {
    const d: Deadlines.Deadline = {
      rule: "WAL-5.4.2",
      what: "pay invoice F1",
      party: "customer",
      kind: "obligation",
      from: "2025-03-01",
      due: "2025-03-17",
      rolledFrom: "2025-03-16",
      because: "Sunday",
      doneOn: undefined,
      status: "open"
    }
    expect(Deadlines.describe(d)).toBe(
      "The customer must pay invoice F1 by 2025-03-17 (rolled over from 2025-03-16: Sunday) (WAL-5.4.2)."
    )
  })
})
