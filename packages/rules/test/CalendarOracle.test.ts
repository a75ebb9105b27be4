/**
 * `Calendar` no longer goes through Temporal (integer arithmetic on the platform's UTC calendar);
 * `temporal-polyfill` is kept here as the oracle: every function must give Temporal's answer on
 * every date of 1900–2200, month ends and 29 February included.
 */
import { Result, Schema } from "effect"
import fc from "fast-check"
import { Temporal } from "temporal-polyfill"
import { describe, expect, it } from "vitest"
import { Calendar } from "../src/index.js"

const MIN = Temporal.PlainDate.from("1900-01-01")
const SPAN_DAYS = MIN.until(Temporal.PlainDate.from("2200-12-31"), { largestUnit: "days" }).days

/** Any day of 1900–2200, drawn by Temporal itself. */
const anyDay = fc.integer({ min: 0, max: SPAN_DAYS }).map((n) => MIN.add({ days: n }).toString())

/** Month ends, 29 February and the days just before, where clamping happens. */
const monthEnd = fc
  .record({ y: fc.integer({ min: 1900, max: 2200 }), m: fc.integer({ min: 1, max: 12 }), back: fc.nat(3) })
  .map(({ back, m, y }) => {
    const last = Temporal.PlainYearMonth.from({ year: y, month: m }).daysInMonth
    return Temporal.PlainDate.from({ year: y, month: m, day: last - back }).toString()
  })

const date = fc.oneof(anyDay, monthEnd)

const oracle = (s: string) => Temporal.PlainDate.from(s, { overflow: "reject" })

const span = fc.oneof(
  fc.integer({ min: 0, max: 800 }).map((days): Calendar.Span => ({ days })),
  fc.integer({ min: 0, max: 120 }).map((months): Calendar.Span => ({ months })),
  fc.integer({ min: 0, max: 40 }).map((years): Calendar.Span => ({ years }))
)

const oracleAddSpan = (s: string, sp: Calendar.Span): string => oracle(s).add(sp, { overflow: "constrain" }).toString()

const RUNS = { numRuns: 2000 }

describe("Calendar against Temporal (oracle, 1900–2200)", () => {
  it("addDays equals Temporal's PlainDate.add({ days })", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -40_000, max: 40_000 }), (d, n) => {
        expect(Calendar.addDays(d, n)).toBe(oracle(d).add({ days: n }).toString())
      }),
      RUNS
    )
  })

  it("D1/D3: addMonths clamps to the month end exactly as Temporal's overflow: constrain", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -1200, max: 1200 }), (d, n) => {
        expect(Calendar.addMonths(d, n)).toBe(oracle(d).add({ months: n }, { overflow: "constrain" }).toString())
      }),
      RUNS
    )
    // Every February of 1900–2200 (1900, 2100 and 2200 are not leap years, 2000 is).
    for (let y = 1900; y <= 2200; y++) {
      for (const [from, n] of [
        [`${y}-01-31`, 1],
        [`${y}-03-31`, -1],
        [`${y}-08-31`, 6]
      ] as const) {
        expect(Calendar.addMonths(from, n)).toBe(oracle(from).add({ months: n }, { overflow: "constrain" }).toString())
      }
    }
  })

  it("D1: addYears maps 29 February as Temporal does", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -100, max: 100 }), (d, n) => {
        expect(Calendar.addYears(d, n)).toBe(oracle(d).add({ years: n }, { overflow: "constrain" }).toString())
      }),
      RUNS
    )
  })

  it("daysBetween equals Temporal's until(…, { largestUnit: 'days' })", () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(Calendar.daysBetween(a, b)).toBe(oracle(a).until(oracle(b), { largestUnit: "days" }).days)
      }),
      RUNS
    )
  })

  it("D14/D1: deadline and coverageEnd equal Temporal's date + span", () => {
    fc.assert(
      fc.property(date, span, (d, sp) => {
        const expected = oracleAddSpan(d, sp)
        expect(Calendar.deadline(d, sp)).toBe(expected)
        expect(Calendar.coverageEnd(d, sp)).toBe(expected)
        // D1: covered on the day before the end, not on the end day.
        const lastDay = oracle(expected).subtract({ days: 1 }).toString()
        expect(Calendar.coveredOn(d, sp, expected)).toBe(false)
        expect(Calendar.coveredOn(d, sp, lastDay)).toBe(lastDay >= d)
      }),
      RUNS
    )
  })

  it("dayOfWeek equals Temporal's ISO dayOfWeek", () => {
    fc.assert(
      fc.property(date, (d) => {
        expect(Calendar.dayOfWeek(d)).toBe(oracle(d).dayOfWeek)
      }),
      RUNS
    )
  })

  it("CalendarDate accepts exactly the YYYY-MM-DD strings Temporal accepts as real dates", () => {
    const isValid = Schema.is(Calendar.CalendarDate)
    const temporalValid = (s: string): boolean => {
      try {
        oracle(s)
        return true
      } catch {
        return false
      }
    }
    const pad = (n: number, w: number) => String(n).padStart(w, "0")
    // Any year 1900–2200, months 0–13 and days 0–32: impossible days, 29 February of every year.
    const candidate = fc
      .record({
        y: fc.integer({ min: 1900, max: 2200 }),
        m: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 })
      })
      .map(({ d, m, y }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
    fc.assert(
      fc.property(candidate, (s) => {
        expect(isValid(s)).toBe(temporalValid(s))
      }),
      { numRuns: 5000 }
    )
    for (let y = 1900; y <= 2200; y++) {
      const s = `${y}-02-29`
      expect(isValid(s)).toBe(temporalValid(s))
    }
    for (const bad of [
      "2025-1-01",
      "2025-01-1",
      "2025/01/01",
      "20250101",
      "2025-01-01T00:00",
      " 2025-01-01",
      "２０２５-01-01"
    ]) {
      expect(isValid(bad)).toBe(false)
      expect(Result.isFailure(Schema.decodeUnknownResult(Calendar.CalendarDate)(bad))).toBe(true)
    }
  })
})
