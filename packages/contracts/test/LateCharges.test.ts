/**
 * WAL-5.4.2/D8 on a partly paid invoice: the lump is 5% of what is unpaid at the due date, and the
 * interest runs on the unpaid amount only — each sum from the due date to the day it is paid.
 */
import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Calendar, LatePayment, Money } from "@soltrace/rules"
import { Contract, Statement } from "../src/index.js"
import * as F from "./fixtures.js"

// Concluded 2023-01-10, before Book XIX applies; F1 = €2,544.00 incl. VAT, received 2025-03-01,
// due 2025-03-16, more than a month late after 2025-04-16.
const invoiced: Array<Contract.Command> = [
  { _tag: "DraftContract", on: "2023-01-02", offer: F.offer },
  { _tag: "SignOffer", on: "2023-01-03" },
  { _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2023-01-10", offPremises: false },
  { _tag: "IssueInvoice", on: "2025-02-27", invoiceId: "F1", milestone: "deposit" },
  { _tag: "RecordInvoiceReceived", on: "2025-03-01", invoiceId: "F1" }
]
const pay = (on: string, amountCents: number): Contract.Command => ({
  _tag: "RecordPayment",
  on,
  invoiceId: "F1",
  amountCents
})
const chargesOf = (commands: ReadonlyArray<Contract.Command>, asOf: string) => {
  const s = Statement.statement(Contract.replay(F.play(commands)), asOf)
  const of = (rule: string) =>
    s.lines.filter((l) => l.kind === "late-charge" && l.rule === rule).reduce((a, l) => a + l.cents, 0)
  return { lump: of("WAL-5.4.2"), interest: of("D8"), total: s.lateChargesCents }
}

describe("late charges on the unpaid amount (WAL-5.4.2, D8)", () => {
  it("WAL-5.4.2/D8: €1,544.00 paid before the due date → lump and interest on the €1,000.00 left", () => {
    const c = chargesOf([...invoiced, pay("2025-03-10", 154_400), pay("2025-05-01", 100_000)], "2025-05-01")
    // 5% × €1,000.00; 5%/year × €1,000.00 × 46/365 = €6.30 (not €127.20 and €16.03 on the whole invoice)
    expect(c).toEqual({ lump: 5_000, interest: 630, total: 5_630 })
  })

  it("D8: each sum bears interest from the due date to the day it is paid, once more than a month late", () => {
    const c = chargesOf([...invoiced, pay("2025-04-20", 154_400), pay("2025-05-01", 100_000)], "2025-05-01")
    // lump on the whole invoice (all of it was overdue); €1,544.00 × 5% × 35/365 = €7.40, €1,000.00 × 46 days = €6.30
    expect(c).toEqual({ lump: 12_720, interest: 740 + 630, total: 12_720 + 1_370 })
  })

  it("D8: a sum paid within the first month after the due date bears no interest; the rest still does", () => {
    const c = chargesOf([...invoiced, pay("2025-03-26", 154_400), pay("2025-05-01", 100_000)], "2025-05-01")
    expect(c).toEqual({ lump: 12_720, interest: 630, total: 12_720 + 630 })
  })

  it("D8: while unpaid, the interest runs on what is left at the evaluation date", () => {
    const c = chargesOf([...invoiced, pay("2025-03-10", 154_400)], "2025-05-01")
    expect(c).toEqual({ lump: 5_000, interest: 630, total: 5_630 })
  })

  it("WAL-5.4.2/D8: partial payments never raise the charges above those on the whole invoice, and paid in one go they are the same (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 40 }), cents: fc.integer({ min: 1, max: 150_000 }) }), {
          maxLength: 5
        }),
        fc.integer({ min: 0, max: 150 }),
        (payments, evalGap) => {
          const cmds: Array<Contract.Command> = [...invoiced]
          let day = "2025-03-01"
          let left = 254_400
          const made: Array<{ on: string; cents: number }> = []
          for (const p of payments) {
            day = Calendar.addDays(day, p.gap)
            const cents = Math.min(p.cents, left)
            if (cents === 0) break
            left -= cents
            made.push({ on: day, cents })
            cmds.push(pay(day, cents))
          }
          const asOf = Calendar.addDays(day, evalGap)
          const c = chargesOf(cmds, asOf)
          const paidInFull = left === 0 ? made[made.length - 1]?.on : undefined
          const whole = LatePayment.charges({
            contractConcludedOn: "2023-01-10",
            invoiceInclCents: 254_400,
            receivedOn: "2025-03-01",
            status:
              paidInFull === undefined ? { _tag: "Unpaid", evaluatedOn: asOf } : { _tag: "Paid", paidOn: paidInFull }
          }).value
          // The lump is 5% of what was unpaid at the due date (WAL-5.4.2), if anything was late.
          const unpaidAtDue = 254_400 - made.filter((p) => p.on <= "2025-03-16").reduce((a, p) => a + p.cents, 0)
          expect(c.lump).toBe(whole.lumpCents === 0 ? 0 : Money.percentOf(unpaidAtDue, 500))
          // The interest is on the unpaid amount only: never more than on the whole invoice (one cent of
          // rounding per payment aside).
          expect(c.interest).toBeLessThanOrEqual(whole.interestCents + made.length)
          expect(c.total).toBe(c.lump + c.interest)
          if (made.length === 1 && left === 0)
            expect([c.lump, c.interest]).toEqual([whole.lumpCents, whole.interestCents])
        }
      )
    )
  })
})
