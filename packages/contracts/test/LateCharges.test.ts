/**
 * WAL-5.4.2/D8 on a partly paid invoice, as the revised D8 reads it (Book XIX applies to this
 * 2023 contract because the sum falls due after 2023-12-01): nothing before a free first reminder
 * with the legal mentions and its 14 days; then the lump is 5% of what is unpaid on the day it
 * becomes claimable, and the interest runs on each unpaid sum only beyond the first month. (These
 * tests pinned the earlier reading — lump at the due date, interest from it, no Book XIX for this
 * contract; D8 moved them.)
 */
import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Calendar, LatePayment, Money } from "@soltrace/rules"
import { Contract, Statement } from "../src/index.js"
import * as F from "./fixtures.js"

// Concluded 2023-01-10; F1 = €2,544.00 incl. VAT, received 2025-03-01, due Sunday 2025-03-16 →
// Monday 2025-03-17 (D14). A first reminder e-mailed 2025-03-18 with the legal mentions: its period
// runs 2025-03-19 … 2025-04-01, charges are claimable from 2025-04-02; interest only beyond
// due + 1 month = 2025-04-17.
const invoiced: Array<Contract.Command> = [
  { _tag: "DraftContract", on: "2023-01-02", offer: F.offer },
  { _tag: "SignOffer", on: "2023-01-03" },
  { _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2023-01-10", offPremises: false },
  { _tag: "IssueInvoice", on: "2025-02-27", invoiceId: "F1", milestone: "deposit" },
  { _tag: "RecordInvoiceReceived", on: "2025-03-01", invoiceId: "F1" },
  { _tag: "SendReminder", on: "2025-03-18", invoiceId: "F1", channel: "email", legalMentions: true }
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
    // 5% × €1,000.00 = €50.00; 5%/year × €1,000.00 × 14/365 (2025-04-17 → 2025-05-01) = €1.92
    expect(c).toEqual({ lump: 5_000, interest: 192, total: 5_192 })
  })

  it("D8: each sum bears interest only beyond the first month, to the day it is paid", () => {
    const c = chargesOf([...invoiced, pay("2025-04-20", 154_400), pay("2025-05-01", 100_000)], "2025-05-01")
    // all of it unpaid when claimable → lump €127.20; €1,544.00 × 3 days + €1,000.00 × 14 days at 5%/year = €2.55
    expect(c).toEqual({ lump: 12_720, interest: 255, total: 12_720 + 255 })
  })

  it("D8: a sum paid while the reminder's period runs bears no charge at all; the rest does", () => {
    const c = chargesOf([...invoiced, pay("2025-03-26", 154_400), pay("2025-05-01", 100_000)], "2025-05-01")
    expect(c).toEqual({ lump: 5_000, interest: 192, total: 5_192 })
  })

  it("D8: while unpaid, the interest runs on what is left at the evaluation date", () => {
    const c = chargesOf([...invoiced, pay("2025-03-10", 154_400)], "2025-05-01")
    expect(c).toEqual({ lump: 5_000, interest: 192, total: 5_192 })
  })

  it("D8 (Book XIX): no reminder ever sent → no charge, however late", () => {
    const c = chargesOf([...invoiced.slice(0, -1), pay("2025-05-01", 254_400)], "2025-05-01")
    expect(c).toEqual({ lump: 0, interest: 0, total: 0 })
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
          let day = "2025-03-18"
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
            reminder: { sentOn: "2025-03-18", channel: "email", legalMentions: true },
            status:
              paidInFull === undefined ? { _tag: "Unpaid", evaluatedOn: asOf } : { _tag: "Paid", paidOn: paidInFull }
          }).value
          // The lump is 5% of what was unpaid when it became claimable (2025-04-02), if anything was.
          const unpaidThen = 254_400 - made.filter((p) => p.on <= "2025-04-01").reduce((a, p) => a + p.cents, 0)
          expect(c.lump).toBe(whole.lumpCents === 0 || unpaidThen === 0 ? 0 : Money.percentOf(unpaidThen, 500))
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
