/**
 * D10: the statement never nets amounts on different VAT bases under one label. Invoices, payments
 * and late charges are incl. VAT (WAL-5.3, WAL-5.4.2); the delay penalty (WAL-5.7.2) and the
 * termination/rescission amounts (WAL-5.14.2–4) are excl. VAT. Each basis has its own balance.
 */
import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Calendar, Money, PaymentSchedule } from "@soltrace/rules"
import { Contract, Statement } from "../src/index.js"
import type { Terms } from "../src/index.js"
import * as F from "./fixtures.js"

const stateOf = (commands: ReadonlyArray<Contract.Command>) => Contract.replay(F.play(commands))

const invoicedOn2025: Array<Contract.Command> = [
  ...F.ordered(),
  { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
  { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" }
]

describe("Statement balances per VAT basis (D10)", () => {
  it("S5 (WAL-5.7.2, D10, D11): the €500.00 penalty is owed by the installer excl. VAT, never labelled incl. VAT", () => {
    const o: Terms.Offer = { ...F.offer, priceExclCents: 500_000, schedule: PaymentSchedule.build(530_000).schedule }
    const s = Statement.statement(
      stateOf([
        ...F.ordered(o),
        { _tag: "StartWorks", on: "2025-06-02" },
        { _tag: "RecordPanelsDelivered", on: "2025-06-03" },
        { _tag: "RecordBadWeatherDay", on: "2025-06-10" },
        { _tag: "RecordBadWeatherDay", on: "2025-06-11" },
        { _tag: "RecordBadWeatherDay", on: "2025-06-11" },
        { _tag: "RecordBadWeatherDay", on: "2025-06-20" },
        { _tag: "CompleteWorks", on: "2025-07-20" }
      ]),
      "2025-07-20"
    )
    expect(s.owedByInstaller).toEqual([Money.excl(50_000)])
    expect(s.owedByCustomer).toEqual([])
    expect(s.balances.excl).toMatchObject({
      vat: "excl",
      delayPenaltyCents: 50_000,
      netCents: -50_000,
      owedByCustomer: Money.excl(0),
      owedByInstaller: Money.excl(50_000)
    })
    expect(s.balances.incl).toMatchObject({ vat: "incl", netCents: 0, owedByInstaller: Money.incl(0) })
  })

  it("WAL-5.14.2/D10: an unpaid invoice (incl. VAT) and a termination (excl. VAT) are owed on two separate bases", () => {
    const s = Statement.statement(
      stateOf([
        ...invoicedOn2025,
        { _tag: "RecordPayment", on: "2025-04-04", invoiceId: "F1", amountCents: 54_400 },
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
    expect(s.owedByCustomer).toEqual([Money.incl(200_000), Money.excl(110_000)])
    expect(s.owedByInstaller).toEqual([])
    expect(s.balances.incl).toMatchObject({
      invoicedCents: 254_400,
      paidCents: 54_400,
      endingCents: 0,
      netCents: 200_000
    })
    expect(s.balances.excl).toMatchObject({ invoicedCents: 0, endingCents: 110_000, netCents: 110_000 })
  })

  it("WAL-5.14.4/D10: a rescission owed to the customer does not hide an unpaid invoice on the other basis", () => {
    const s = Statement.statement(
      stateOf([
        ...invoicedOn2025,
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
    // Before the fix the two were netted: 254,400 (incl.) − 123,500 (excl.) labelled "incl. VAT".
    expect(s.owedByCustomer).toEqual([Money.incl(254_400)])
    expect(s.owedByInstaller).toEqual([Money.excl(123_500)])
  })

  it("D10: per basis, the lines add up to the net and invoiced − paid + charges − penalty + ending = net (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 40 }), cents: fc.integer({ min: 1, max: 100_000 }) }), {
          maxLength: 4
        }),
        fc.constantFrom("none", "terminate", "rescind"),
        fc.integer({ min: 0, max: 200 }),
        (payments, ending, evalGap) => {
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
          const endOn = Calendar.addDays(day, 30)
          if (ending === "terminate") {
            cmds.push({
              _tag: "TerminateByCustomer",
              on: endOn,
              ground: "at-will",
              byRegisteredLetter: true,
              worksDoneCents: 0,
              expensesCents: 10_000,
              worksNotDoneCents: 1_000_000
            })
          } else if (ending === "rescind") {
            cmds.push(
              {
                _tag: "SendFormalNotice",
                on: endOn,
                by: "customer",
                breach: "works not started",
                byRegisteredLetter: true,
                citesArticle: true
              },
              { _tag: "Rescind", on: Calendar.addDays(endOn, 21), byRegisteredLetter: true }
            )
          }
          const s = Statement.statement(stateOf(cmds), Calendar.addDays("2025-04-03", evalGap + 60))
          for (const vat of ["incl", "excl"] as const) {
            const b = s.balances[vat]
            const lines = s.lines.filter((l) => l.amount.vat === vat)
            expect(b.vat).toBe(vat)
            expect(lines.reduce((a, l) => a + l.cents, 0)).toBe(b.netCents)
            expect(b.invoicedCents - b.paidCents + b.lateChargesCents - b.delayPenaltyCents + b.endingCents).toBe(
              b.netCents
            )
            expect([b.owedByCustomer.vat, b.owedByInstaller.vat]).toEqual([vat, vat])
            expect(b.owedByCustomer.cents - b.owedByInstaller.cents).toBe(b.netCents)
            expect(Math.min(b.owedByCustomer.cents, b.owedByInstaller.cents)).toBe(0)
          }
          // The owed lists are exactly the non-zero per-basis balances, never a mixed sum.
          expect(s.owedByCustomer).toEqual(
            [s.balances.incl.owedByCustomer, s.balances.excl.owedByCustomer].filter((a) => a.cents > 0)
          )
          expect(s.owedByInstaller).toEqual(
            [s.balances.incl.owedByInstaller, s.balances.excl.owedByInstaller].filter((a) => a.cents > 0)
          )
          // The single-basis totals stay where they were.
          expect([s.invoicedCents, s.paidCents, s.lateChargesCents]).toEqual([
            s.balances.incl.invoicedCents,
            s.balances.incl.paidCents,
            s.balances.incl.lateChargesCents
          ])
          expect(s.delayPenaltyCents).toBe(s.balances.excl.delayPenaltyCents)
        }
      )
    )
  })
})
