import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, LatePayment } from "../src/index.js"

const date = fc.oneof(
  fc.integer({ min: 0, max: 4000 }).map((n) => Calendar.addDays("2020-01-01", n)),
  fc.constantFrom(
    "2024-01-31",
    "2024-02-28",
    "2024-02-29",
    "2023-02-28",
    "2024-12-31",
    "2025-01-31",
    "2025-08-31",
    "2028-02-29"
  )
)

const base = {
  contractConcludedOn: "2023-01-10",
  invoiceInclCents: 254_400,
  receivedOn: "2025-03-01"
} as const

const paid = (paidOn: string, extra: Partial<LatePayment.Input> = {}) =>
  LatePayment.charges({ ...base, status: { _tag: "Paid", paidOn }, ...extra }).value

describe("LatePayment", () => {
  it("WAL-5.4.2/D14: due on received + 15; paid on the due date costs nothing, the next day costs the 5% lump", () => {
    expect(paid("2025-03-16")).toMatchObject({ dueOn: "2025-03-16", lumpCents: 0, interestCents: 0 })
    expect(paid("2025-03-17")).toMatchObject({ daysLate: 1, lumpCents: 12_720, interestCents: 0 })
  })

  it("D8: interest only when more than one calendar month late (2025-04-16 is not, 2025-04-17 is)", () => {
    expect(paid("2025-04-16").interestCents).toBe(0)
    const r = paid("2025-04-17")
    // 254400 × 5% × 32 / 365 = 1115.18 → 1115
    expect(r.daysLate).toBe(32)
    expect(r.interestCents).toBe(1_115)
  })

  it("D8/D12: an unpaid invoice is evaluated at the evaluation date, with its deadlines", () => {
    const r = LatePayment.charges({ ...base, status: { _tag: "Unpaid", evaluatedOn: "2025-05-01" } }).value
    expect(r).toMatchObject({ lumpCents: 12_720, interestCents: 1_603, totalChargesCents: 14_323 })
    expect(r.deadlines).toEqual([{ rule: "WAL-5.4.2", what: "pay the invoice", due: "2025-03-16" }])
  })

  it("D8/Book XIX: a contract concluded on or after 2023-09-01 owes nothing without a first reminder", () => {
    const r = LatePayment.charges({
      ...base,
      contractConcludedOn: "2023-09-01",
      status: { _tag: "Paid", paidOn: "2025-05-01" }
    })
    expect(r.value).toMatchObject({ lumpCents: 0, interestCents: 0, heldBackBy: "D8" })
    expect(r.reasons[0]?.rule).toBe("D8")
    // the day before the cut-off, WAL-5.4.2 applies as written
    expect(paid("2025-05-01", { contractConcludedOn: "2023-08-31" }).lumpCents).toBe(12_720)
  })

  it("D8/Book XIX: posted reminder — 14 days from the third business day after posting", () => {
    // posted Friday 2025-03-21 → business days Mon 24, Tue 25, Wed 26 → + 14 = 2025-04-09
    const reminder = { sentOn: "2025-03-21", channel: "post" as const }
    expect(LatePayment.reminderGraceEnd(reminder)).toBe("2025-04-09")
    const extra = { contractConcludedOn: "2024-01-01", reminder }
    expect(paid("2025-04-09", extra)).toMatchObject({ lumpCents: 0, heldBackBy: "D8" })
    expect(paid("2025-04-10", extra)).toMatchObject({ lumpCents: 12_720, heldBackBy: undefined })
    // e-mailed: from the day after → 2025-03-22 + 14
    expect(LatePayment.reminderGraceEnd({ sentOn: "2025-03-21", channel: "email" })).toBe("2025-04-05")
    // holidays are not business days
    expect(LatePayment.reminderGraceEnd(reminder, { ...LatePayment.defaultPolicy, holidays: ["2025-03-24"] })).toBe(
      "2025-04-10"
    )
  })

  it("WAL-5.4.2 property: the due date is the last day without charge, the next day is charged (month ends, leap years)", () => {
    fc.assert(
      fc.property(date, (receivedOn) => {
        const due = LatePayment.dueDate(receivedOn)
        expect(Calendar.daysBetween(receivedOn, due.due)).toBe(15)
        const at = (paidOn: string) =>
          LatePayment.charges({ ...base, receivedOn, status: { _tag: "Paid", paidOn } }).value.totalChargesCents
        expect(at(due.due)).toBe(0)
        expect(at(Calendar.addDays(due.due, 1))).toBeGreaterThan(0)
      })
    )
  })

  it("WAL-5.4.2/D8 property: charges never decrease as the payment date moves later (with or without Book XIX)", () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.boolean(),
        fc.option(
          fc.record({
            offset: fc.integer({ min: 0, max: 60 }),
            channel: fc.constantFrom("post" as const, "email" as const)
          })
        ),
        (receivedOn, invoice, a, b, recent, rem) => {
          const [early, late] = a <= b ? [a, b] : [b, a]
          const input = (paidOn: string): LatePayment.Input => ({
            contractConcludedOn: recent ? "2024-01-01" : "2023-01-01",
            invoiceInclCents: invoice,
            receivedOn,
            status: { _tag: "Paid", paidOn },
            ...(rem === null
              ? {}
              : { reminder: { sentOn: Calendar.addDays(receivedOn, rem.offset), channel: rem.channel } })
          })
          const c1 = LatePayment.charges(input(Calendar.addDays(receivedOn, early))).value.totalChargesCents
          const c2 = LatePayment.charges(input(Calendar.addDays(receivedOn, late))).value.totalChargesCents
          expect(c2).toBeGreaterThanOrEqual(c1)
        }
      )
    )
  })

  it("bad input: malformed dates and negative amounts → InvalidInput naming the field", () => {
    const decode = Decision.decodeInput(LatePayment.Input)
    const r1 = decode({ ...base, receivedOn: "2025-02-30", status: { _tag: "Paid", paidOn: "2025-05-01" } })
    expect(Result.isFailure(r1) && r1.failure.message.includes("receivedOn")).toBe(true)
    const r2 = decode({ ...base, invoiceInclCents: -1, status: { _tag: "Paid", paidOn: "2025-05-01" } })
    expect(Result.isFailure(r2) && r2.failure.message.includes("invoiceInclCents")).toBe(true)
    const r3 = decode({ ...base, status: { _tag: "Paid", paidOn: "2025-5-1" } })
    expect(Result.isFailure(r3) && r3.failure.message.includes("paidOn")).toBe(true)
  })
})
