import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, Holidays, LatePayment } from "../src/index.js"
import { expectRolledLastDay } from "./support/rollOver.js"

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

// An older contract whose invoice falls due before 2023-12-01: WAL-5.4.2 as written, no Book XIX.
const old = {
  contractConcludedOn: "2023-01-10",
  invoiceInclCents: 254_400,
  receivedOn: "2023-03-01"
} as const
// S8's facts: an older contract, the sum falls due after 2023-12-01 → Book XIX.
const s8 = { contractConcludedOn: "2023-01-10", invoiceInclCents: 254_400, receivedOn: "2025-03-01" } as const
const mentions = { sentOn: "2025-03-20", channel: "email", legalMentions: true } as const

const paid = (paidOn: string, extra: Partial<LatePayment.Input> = {}, base: Omit<LatePayment.Input, "status"> = old) =>
  LatePayment.charges({ ...base, status: { _tag: "Paid", paidOn }, ...extra }).value

/** Independent reference: half-up of Σ cents × days × 5% / 365. */
const refInterest = (centDays: number): number => {
  const num = BigInt(centDays) * 500n
  const den = 3_650_000n
  return Number((2n * num + den) / (2n * den))
}

describe("LatePayment (WAL-5.4.2, D8, D14)", () => {
  it("WAL-5.4.2/D14: due on received + 15, rolled over — Sunday 2025-03-16 moves to Monday 2025-03-17, paid that Monday costs nothing", () => {
    expect(LatePayment.dueDate("2025-03-01")).toMatchObject({ due: "2025-03-17", rolledFrom: "2025-03-16" })
    const r = paid("2025-03-17", {}, s8)
    expect(r).toMatchObject({ dueOn: "2025-03-17", lumpCents: 0, interestCents: 0, totalChargesCents: 0 })
    // without roll-over (policy) the Sunday stays the last day
    expect(LatePayment.dueDate("2025-03-01", { ...LatePayment.defaultPolicy, rollOver: false }).due).toBe("2025-03-16")
  })

  it("WAL-5.4.2 (outside Book XIX): the day after the due date costs the 5% lump outside VAT; no interest within the first month", () => {
    // received 2023-03-01 → due 2023-03-16 (a Thursday); the sum fell due before 2023-12-01
    const r = paid("2023-03-17")
    expect(r).toMatchObject({ bookXix: false, daysLate: 1, lumpCents: 12_720, interestCents: 0 })
    expect(r.lump).toEqual({ cents: 12_720, basis: "outside" })
  })

  it("D8: interest only for the delay beyond the first month — days = payment − (due + 1 month)", () => {
    // due 2023-03-16, + 1 month = 2023-04-16; paid 2023-04-16 → none; 2023-05-01 → 15 days
    expect(paid("2023-04-16").interestCents).toBe(0)
    const r = paid("2023-05-01")
    expect(r.interestFrom).toBe("2023-04-16")
    // 254400 × 5% × 15 / 365 = 522.74 → 523
    expect(r.interestCents).toBe(523)
    // the other reading (policy): from the due date once more than a month late → 46 days
    const dueDate = LatePayment.charges(
      { ...old, status: { _tag: "Paid", paidOn: "2023-05-01" } },
      { ...LatePayment.defaultPolicy, interestFrom: "due-date" }
    ).value
    expect(dueDate.interestCents).toBe(1_603)
  })

  it("D8 (issue 15): a 2023-01 contract paid 2025-05-01 with no reminder ever sent owes nothing — Book XIX covers sums falling due from 2023-12-01", () => {
    const r = LatePayment.charges({ ...s8, status: { _tag: "Paid", paidOn: "2025-05-01" } })
    expect(r.value).toMatchObject({ bookXix: true, lumpCents: 0, interestCents: 0, heldBackBy: "D8" })
    expect(r.reasons.some((x) => x.rule === "D8" && x.message.includes("none has been sent"))).toBe(true)
    // the broad reading (policy) also applies Book XIX here
    const broad = LatePayment.charges(
      { ...s8, status: { _tag: "Paid", paidOn: "2025-05-01" } },
      { ...LatePayment.defaultPolicy, bookXixScope: "broad" }
    )
    expect(broad.value.bookXix).toBe(true)
  })

  it("D8: a sum of an older contract falling due before 2023-12-01 is outside Book XIX; under the broad reading a default from 2023-09-01 recovered from 2023-12-01 is inside", () => {
    const due1130 = { ...old, receivedOn: "2023-11-15" } // due 2023-11-30
    expect(paid("2024-01-10", {}, due1130).bookXix).toBe(false)
    const broad = LatePayment.charges(
      { ...due1130, status: { _tag: "Paid", paidOn: "2024-01-10" } },
      { ...LatePayment.defaultPolicy, bookXixScope: "broad" }
    ).value
    expect(broad).toMatchObject({ bookXix: true, heldBackBy: "D8" })
    // concluded on or after 2023-09-01: always Book XIX
    const recent = LatePayment.charges({
      ...old,
      contractConcludedOn: "2023-09-01",
      receivedOn: "2023-09-15",
      status: { _tag: "Paid", paidOn: "2023-10-20" }
    })
    expect(recent.value.bookXix).toBe(true)
  })

  it("S8 (b) D8/D14: a reminder e-mailed 2025-03-20 runs 2025-03-21 … 2025-04-03; paid 2025-05-01 → €127.20 + €4.88 = €132.08", () => {
    const r = LatePayment.charges({ ...s8, status: { _tag: "Paid", paidOn: "2025-05-01" }, reminder: mentions })
    expect(LatePayment.reminderPeriod(mentions)).toMatchObject({ begins: "2025-03-21", due: "2025-04-03" })
    expect(r.value).toMatchObject({
      dueOn: "2025-03-17",
      lumpCents: 12_720,
      lumpCapCents: 16_720,
      interestFrom: "2025-04-17",
      interestCents: 488,
      totalChargesCents: 13_208,
      heldBackBy: undefined
    })
  })

  it("D8: a reminder without the legal mentions (or not recorded as carrying them) starts nothing", () => {
    for (const legalMentions of [false, undefined]) {
      const r = LatePayment.charges({
        ...s8,
        status: { _tag: "Paid", paidOn: "2025-05-01" },
        reminder: { sentOn: "2025-03-20", channel: "email", ...(legalMentions === undefined ? {} : { legalMentions }) }
      })
      expect(r.value).toMatchObject({ lumpCents: 0, interestCents: 0, heldBackBy: "D8" })
      expect(r.reasons.some((x) => x.message.includes("legal mentions"))).toBe(true)
    }
  })

  it("D8/D14: a posted reminder's period begins on the third jour ouvrable after posting (Saturdays and Belgian holidays excluded)", () => {
    // posted Friday 2025-03-21 → Mon 24, Tue 25, Wed 26 → period 2025-03-26 … 2025-04-08
    const post = { sentOn: "2025-03-21", channel: "post" as const }
    expect(LatePayment.reminderPeriod(post)).toMatchObject({ begins: "2025-03-26", due: "2025-04-08" })
    // posted Thursday 2025-04-17 → Fri 18, (Easter Monday 21 is a holiday) Tue 22, Wed 23 → last day 2025-05-06
    expect(LatePayment.reminderPeriod({ sentOn: "2025-04-17", channel: "post" })).toMatchObject({
      begins: "2025-04-23",
      due: "2025-05-06"
    })
    // e-mailed Thursday 2025-04-17 → begins Friday 18 → + 13 = Thursday 2025-05-01, Labour Day → Friday 2025-05-02
    expect(LatePayment.reminderPeriod({ sentOn: "2025-04-17", channel: "email" })).toMatchObject({
      begins: "2025-04-18",
      due: "2025-05-02",
      rolledFrom: "2025-05-01"
    })
    // extra closing days (policy) are not jours ouvrables either
    expect(LatePayment.reminderGraceEnd(post, { ...LatePayment.defaultPolicy, holidays: ["2025-03-24"] })).toBe(
      "2025-04-09"
    )
  })

  it("D8: a sum paid within the reminder's period owes nothing; paid the day after, it owes the lump", () => {
    const at = (paidOn: string) =>
      LatePayment.charges({ ...s8, status: { _tag: "Paid", paidOn }, reminder: mentions }).value
    expect(at("2025-04-03")).toMatchObject({ totalChargesCents: 0, heldBackBy: "D8" })
    expect(at("2025-04-04")).toMatchObject({ lumpCents: 12_720, interestCents: 0, heldBackBy: undefined })
  })

  it("D8/Book XIX: the lump is capped per sum, and void for the sum when the clause's 5% exceeds the cap (€2,000 above €40,000)", () => {
    expect(LatePayment.bookXixLumpCap(15_000)).toBe(2_000)
    expect(LatePayment.bookXixLumpCap(15_001)).toBe(3_000)
    expect(LatePayment.bookXixLumpCap(50_000)).toBe(6_500)
    expect(LatePayment.bookXixLumpCap(254_400)).toBe(16_720)
    expect(LatePayment.bookXixLumpCap(10_000_000)).toBe(200_000)
    const big = (cents: number) =>
      LatePayment.charges({
        ...s8,
        invoiceInclCents: cents,
        status: { _tag: "Paid", paidOn: "2025-04-10" },
        reminder: mentions
      }).value
    expect(big(4_000_000).lumpCents).toBe(200_000) // exactly €2,000: not above the cap
    const over = LatePayment.charges({
      ...s8,
      invoiceInclCents: 4_000_001,
      status: { _tag: "Paid", paidOn: "2025-04-10" },
      reminder: mentions
    })
    expect(over.value.lumpCents).toBe(0)
    expect(over.reasons.some((r) => r.rule === "D8" && r.message.includes("void"))).toBe(true)
  })

  it("D8: partial payments — the lump on what was unpaid when claimable, interest day by day on each unpaid sum", () => {
    // old contract, due 2023-03-16; 1,000.00 paid on the due date, 1,000.00 on 2023-04-26, the rest 2023-05-16
    const r = LatePayment.charges({
      ...old,
      payments: [
        { paidOn: "2023-04-26", cents: 100_000 },
        { paidOn: "2023-03-16", cents: 100_000 }
      ],
      status: { _tag: "Paid", paidOn: "2023-05-16" }
    }).value
    expect(r.lumpBaseCents).toBe(154_400)
    expect(r.lumpCents).toBe(7_720)
    // from 2023-04-16: 100,000 × 10 days + 54,400 × 30 days = 2,632,000 cent-days → 360.55 → 361
    expect(r.interestCentDays).toBe(2_632_000)
    expect(r.interestCents).toBe(361)
  })

  it("D8: debts survive a termination (charges counted up to the end); nothing survives a withdrawal", () => {
    const terminated = LatePayment.charges({
      ...old,
      status: { _tag: "Unpaid", evaluatedOn: "2023-06-30" },
      contractEnded: { on: "2023-05-01", by: "termination" }
    }).value
    expect(terminated).toMatchObject({ lumpCents: 12_720, interestCents: 523 })
    const withdrawn = LatePayment.charges({
      ...old,
      status: { _tag: "Unpaid", evaluatedOn: "2023-06-30" },
      contractEnded: { on: "2023-05-01", by: "withdrawal" }
    }).value
    expect(withdrawn).toMatchObject({ totalChargesCents: 0, heldBackBy: "D8" })
  })

  it("D14 property: the due date is never a Saturday, Sunday or Belgian legal holiday (from 2023), is the last day without charge, and the next day is charged outside Book XIX", () => {
    fc.assert(
      fc.property(date, (receivedOn) => {
        const due = LatePayment.dueDate(receivedOn)
        expectRolledLastDay(Calendar.addDays(receivedOn, 15), due.due)
        if (due.due >= "2023-01-01") expect(Holidays.isWorkingDay(due.due)).toBe(true)
        const at = (paidOn: string) =>
          LatePayment.charges(
            { ...old, contractConcludedOn: "2020-01-01", receivedOn, status: { _tag: "Paid", paidOn } },
            { ...LatePayment.defaultPolicy, bookXixOlderContractsDueFrom: "2999-01-01" }
          ).value.totalChargesCents
        expect(at(due.due)).toBe(0)
        expect(at(Calendar.addDays(due.due, 1))).toBeGreaterThan(0)
      })
    )
  })

  it("D14 property: the last day of a reminder's period is never a closed day (from 2023), and begins ≤ last day", () => {
    fc.assert(
      fc.property(date, fc.constantFrom("post" as const, "email" as const), (sentOn, channel) => {
        const p = LatePayment.reminderPeriod({ sentOn, channel })
        expectRolledLastDay(Calendar.addDays(p.begins, 13), p.due)
        expect(p.begins > sentOn).toBe(true)
      })
    )
  })

  it("D8 property: the Book XIX cap holds for every sum (lump ≤ cap), and the lump is 5% or nothing", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (cents) => {
        const r = LatePayment.charges({
          ...s8,
          invoiceInclCents: cents,
          status: { _tag: "Paid", paidOn: "2025-04-10" },
          reminder: mentions
        }).value
        expect(r.lumpCents).toBeLessThanOrEqual(LatePayment.bookXixLumpCap(cents))
        expect([0, Math.floor((cents * 5) / 100 + 0.5)]).toContain(r.lumpCents)
      })
    )
  })

  it("D8 property: paying in parts, interest = half-up of Σ (each unpaid part × its days beyond the first month) — the parts sum", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: 120 }), cents: fc.integer({ min: 0, max: 200_000 }) }), {
          maxLength: 5
        }),
        fc.integer({ min: 0, max: 160 }),
        (parts, end) => {
          const due = "2023-03-16"
          const from = "2023-04-16"
          const paidOn = Calendar.addDays(due, end)
          const payments = parts.map((p) => ({ paidOn: Calendar.addDays(due, p.offset), cents: p.cents }))
          const r = LatePayment.charges({ ...old, payments, status: { _tag: "Paid", paidOn } }).value
          // reference: allocate the payments in date order, the rest paid on `paidOn`
          let left = old.invoiceInclCents
          let centDays = 0
          for (const p of [...payments]
            .filter((p) => p.paidOn <= paidOn)
            .sort((a, b) => (a.paidOn < b.paidOn ? -1 : 1))) {
            const c = Math.min(left, p.cents)
            left -= c
            centDays += c * Math.max(0, Calendar.daysBetween(from, p.paidOn))
          }
          centDays += left * Math.max(0, Calendar.daysBetween(from, paidOn))
          const late =
            paidOn > due && (left > 0 || payments.some((p) => p.paidOn > due && p.paidOn <= paidOn && p.cents > 0))
          expect(r.interestCents).toBe(late ? refInterest(centDays) : 0)
        }
      )
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
              : {
                  reminder: {
                    sentOn: Calendar.addDays(receivedOn, rem.offset),
                    channel: rem.channel,
                    legalMentions: true
                  }
                })
          })
          const c1 = LatePayment.charges(input(Calendar.addDays(receivedOn, early))).value.totalChargesCents
          const c2 = LatePayment.charges(input(Calendar.addDays(receivedOn, late))).value.totalChargesCents
          expect(c2).toBeGreaterThanOrEqual(c1)
        }
      )
    )
  })

  it("bad input: malformed dates, negative amounts, a bad reminder channel → InvalidInput naming the field", () => {
    const decode = Decision.decodeInput(LatePayment.Input)
    const r1 = decode({ ...old, receivedOn: "2025-02-30", status: { _tag: "Paid", paidOn: "2025-05-01" } })
    expect(Result.isFailure(r1) && r1.failure.message.includes("receivedOn")).toBe(true)
    const r2 = decode({ ...old, invoiceInclCents: -1, status: { _tag: "Paid", paidOn: "2025-05-01" } })
    expect(Result.isFailure(r2) && r2.failure.message.includes("invoiceInclCents")).toBe(true)
    const r3 = decode({ ...old, status: { _tag: "Paid", paidOn: "2025-5-1" } })
    expect(Result.isFailure(r3) && r3.failure.message.includes("paidOn")).toBe(true)
    const r4 = decode({
      ...old,
      status: { _tag: "Paid", paidOn: "2025-05-01" },
      payments: [{ paidOn: "2025-04-01", cents: -5 }]
    })
    expect(Result.isFailure(r4) && r4.failure.message.includes("cents")).toBe(true)
  })
})
