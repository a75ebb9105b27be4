import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Temporal } from "temporal-polyfill"
import { Calendar, Decision } from "../src/index.js"
import { refAddMonths, refAddYears } from "./support/refCalendar.js"

/** Arbitrary real calendar dates between 1990 and 2090 (leap years and month ends included). */
const dateArb = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2090, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

/** Dates concentrated on month ends, including 29 February of leap years. */
const monthEndArb = fc
  .record({
    y: fc.integer({ min: 1990, max: 2090 }),
    m: fc.integer({ min: 1, max: 12 }),
    back: fc.integer({ min: 0, max: 3 })
  })
  .map(({ y, m, back }) => {
    const last = Temporal.PlainYearMonth.from({ year: y, month: m }).daysInMonth
    return Temporal.PlainDate.from({ year: y, month: m, day: last - back }).toString()
  })

const anyDate = fc.oneof(dateArb, monthEndArb)

const daysIn = (date: string) => Temporal.PlainDate.from(date).daysInMonth

describe("Calendar", () => {
  it("CalendarDate rejects dates that do not exist and malformed strings, naming the field", () => {
    const decode = Decision.decodeInput(Calendar.CalendarDate, "commissionedOn")
    expect(Result.isSuccess(decode("2024-02-29"))).toBe(true)
    for (const bad of ["2025-02-30", "2023-02-29", "2025-13-01", "2025-1-01", "01/02/2025", "", 20250101]) {
      const r = decode(bad)
      expect(Result.isFailure(r)).toBe(true)
      if (Result.isFailure(r)) expect(r.failure.message).toContain("commissionedOn")
    }
  })

  it("LocalDateTime accepts HH:MM wall-clock times and rejects impossible ones", () => {
    const decode = Decision.decodeInput(Calendar.LocalDateTime, "requestedAt")
    expect(Result.isSuccess(decode("2026-11-20T16:30"))).toBe(true)
    for (const bad of ["2026-11-20T24:00", "2026-11-20T10:60", "2026-11-31T10:00", "2026-11-20 10:00"]) {
      expect(Result.isFailure(decode(bad))).toBe(true)
    }
  })

  it("D1: addYears maps 29 February to 28 February; addMonths clamps to the month end", () => {
    expect(Calendar.addYears("2024-02-29", 1)).toBe("2025-02-28")
    expect(Calendar.addYears("2024-02-29", 4)).toBe("2028-02-29")
    expect(Calendar.addMonths("2025-08-31", 6)).toBe("2026-02-28")
    expect(Calendar.addMonths("2023-08-31", 6)).toBe("2024-02-29")
  })

  it("property: addMonths keeps the day when it exists and clamps to the last day otherwise", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -60, max: 60 }), (date, n) => {
        const out = Calendar.addMonths(date, n)
        const day = Number(date.slice(8))
        const outDay = Number(out.slice(8))
        expect(outDay).toBe(Math.min(day, daysIn(out)))
        const months =
          (Number(out.slice(0, 4)) - Number(date.slice(0, 4))) * 12 + Number(out.slice(5, 7)) - Number(date.slice(5, 7))
        expect(months).toBe(n)
      })
    )
  })

  it("D1/D3 property: addMonths and addYears agree with an independent integer reference (leap years, month ends)", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -60, max: 60 }), (date, n) => {
        expect(Calendar.addMonths(date, n)).toBe(refAddMonths(date, n))
        expect(Calendar.addYears(date, n)).toBe(refAddYears(date, n))
      })
    )
  })

  it("property: addYears equals addMonths by 12 × n", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -30, max: 30 }), (date, n) => {
        expect(Calendar.addYears(date, n)).toBe(Calendar.addMonths(date, 12 * n))
      })
    )
  })

  it("property: addDays and daysBetween are inverse", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        const out = Calendar.addDays(date, n)
        expect(Calendar.daysBetween(date, out)).toBe(n)
        expect(Calendar.addDays(out, -n)).toBe(date)
        expect(Calendar.compare(out, date)).toBe(Math.sign(n))
      })
    )
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(Calendar.addDays(a, Calendar.daysBetween(a, b))).toBe(b)
      })
    )
  })

  it("D14 property: a step on the deadline day is in time and the next day is late, across month ends and leap years", () => {
    const spanArb = fc.oneof(
      fc.integer({ min: 0, max: 400 }).map((days) => ({ days })),
      fc.integer({ min: 0, max: 36 }).map((months) => ({ months })),
      fc.integer({ min: 0, max: 30 }).map((years) => ({ years }))
    )
    fc.assert(
      fc.property(anyDate, spanArb, (event, span) => {
        const due = Calendar.deadline(event, span)
        expect(Calendar.inTime(due, due)).toBe(true)
        expect(Calendar.inTime(Calendar.addDays(due, 1), due)).toBe(false)
        expect(Calendar.inTime(event, due)).toBe(true)
      })
    )
  })

  it("D14: 6 months from 2025-08-31 end on 2026-02-28; 14 days from 2025-12-24 end on 2026-01-07", () => {
    expect(Calendar.deadline("2025-08-31", { months: 6 })).toBe("2026-02-28")
    expect(Calendar.deadline("2025-12-24", { days: 14 })).toBe("2026-01-07")
  })

  it("D1/D14 property: a coverage period holds on its last day and not on its end day", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 30 }), (start, years) => {
        const end = Calendar.coverageEnd(start, { years })
        expect(Calendar.coveredOn(start, { years }, start)).toBe(true)
        expect(Calendar.coveredOn(start, { years }, Calendar.addDays(end, -1))).toBe(true)
        expect(Calendar.coveredOn(start, { years }, end)).toBe(false)
        expect(Calendar.coveredOn(start, { years }, Calendar.addDays(start, -1))).toBe(false)
      })
    )
  })

  it("comparisons, min/max and dayOfWeek", () => {
    expect(Calendar.isBefore("2025-01-01", "2025-01-02")).toBe(true)
    expect(Calendar.isOnOrBefore("2025-01-02", "2025-01-02")).toBe(true)
    expect(Calendar.isBefore("2025-01-02", "2025-01-02")).toBe(false)
    expect(Calendar.max("2025-03-01", "2024-12-31")).toBe("2025-03-01")
    expect(Calendar.min("2025-03-01", "2024-12-31")).toBe("2024-12-31")
    expect(Calendar.dayOfWeek("2026-11-23")).toBe(1) // a Monday
    expect(Calendar.dayOfWeek("2026-11-22")).toBe(7) // a Sunday
  })

  describe("D13/ENP-C2 business hours", () => {
    it("counts only Mon–Fri 09–13 and 14–17", () => {
      // Friday 16:30: 0.5 h Friday, 7 h Mon, Tue, Wed = 21.5 h, 2.5 h Thursday → 11:30.
      expect(Calendar.addBusinessHours("2026-11-20T16:30", 24)).toBe("2026-11-26T11:30")
      // Saturday: counting starts Monday 09:00; 4 h end exactly at the lunch break.
      expect(Calendar.addBusinessHours("2026-11-21T10:00", 4)).toBe("2026-11-23T13:00")
      expect(Calendar.addBusinessHours("2026-11-23T12:00", 2)).toBe("2026-11-23T15:00")
    })

    it("skips holidays", () => {
      const cal = { ...Calendar.defaultSupportCalendar, holidays: ["2026-11-23"] }
      expect(Calendar.addBusinessHours("2026-11-20T16:00", 2, cal)).toBe("2026-11-24T10:00")
    })

    it("isBusinessTime: open at 09:00 and 16:59, closed at 13:30, 17:00 and on Sunday", () => {
      expect(Calendar.isBusinessTime("2026-11-23T09:00")).toBe(true)
      expect(Calendar.isBusinessTime("2026-11-23T16:59")).toBe(true)
      expect(Calendar.isBusinessTime("2026-11-23T13:30")).toBe(false)
      expect(Calendar.isBusinessTime("2026-11-23T17:00")).toBe(false)
      expect(Calendar.isBusinessTime("2026-11-22T10:00")).toBe(false)
    })

    it("property: adding a then b business hours equals adding a + b; 7 h = one working day", () => {
      const atArb = fc
        .record({ d: dateArb, h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) })
        .map(({ d, h, m }) => `${d}T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`)
      fc.assert(
        fc.property(atArb, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), (at, a, b) => {
          const step = Calendar.addBusinessHours(Calendar.addBusinessHours(at, a), b)
          expect(step).toBe(Calendar.addBusinessHours(at, a + b))
        })
      )
      fc.assert(
        fc.property(atArb, (at) => {
          // From an open moment (not a slot's first minute, which is also the previous slot's end),
          // 35 business hours (one week) later land on the same weekday and time.
          fc.pre(Calendar.isBusinessTime(at) && !at.endsWith("T09:00") && !at.endsWith("T14:00"))
          const out = Calendar.addBusinessHours(at, 35)
          expect(Calendar.daysBetween(at.slice(0, 10), out.slice(0, 10))).toBe(7)
          expect(out.slice(11)).toBe(at.slice(11))
        })
      )
    })
  })
})
