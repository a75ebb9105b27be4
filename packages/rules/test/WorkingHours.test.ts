/**
 * D13: "24 heures ouvrées" are hours of working days (Monday–Friday, not a public holiday of the
 * support centre's country), all day long — `Holidays.addWorkingHours`.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Temporal } from "temporal-polyfill"
import { Calendar, Holidays, SupportRouting } from "../src/index.js"

const at = fc
  .record({
    day: fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2080, 11, 31)), noInvalidDate: true }),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 })
  })
  .map(
    ({ day, minute }) =>
      `${day.toISOString().slice(0, 10)}T${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`
  )

const calendars = fc.constantFrom(Holidays.france, Holidays.belgium, { country: "none" as const, extraClosingDays: [] })

/** An oracle: walk minute by minute with Temporal, counting only minutes of working days. */
const oracle = (from: string, hours: number, calendar: Holidays.HolidayCalendar): string => {
  let t = Temporal.PlainDateTime.from(from)
  let left = hours * 60
  while (left > 0) {
    if (Holidays.isWorkingDay(t.toPlainDate().toString(), calendar)) left--
    t = t.add({ minutes: 1 })
  }
  return t.toString().slice(0, 16)
}

describe("D13 working-day hours", () => {
  it("D13: 24 working hours from Friday 16:00 end on Monday 16:00", () => {
    expect(Holidays.addWorkingHours("2025-05-16T16:00", 24)).toBe("2025-05-19T16:00")
  })

  it("D13: French holidays are skipped by default (Enphase France: 8 May 2025, a Thursday)", () => {
    expect(Holidays.addWorkingHours("2025-05-07T10:00", 24)).toBe("2025-05-09T10:00")
    // Belgium does not close on 8 May
    expect(Holidays.addWorkingHours("2025-05-07T10:00", 24, Holidays.belgium)).toBe("2025-05-08T10:00")
  })

  it("D13: a request on a weekend starts counting on Monday 00:00", () => {
    expect(Holidays.addWorkingHours("2025-05-17T11:00", 24)).toBe("2025-05-20T00:00")
  })

  it("D13 (property): agrees with a minute-by-minute count over working days", () => {
    fc.assert(
      fc.property(at, fc.integer({ min: 1, max: 60 }), calendars, (from, hours, calendar) => {
        expect(Holidays.addWorkingHours(from, hours, calendar)).toBe(oracle(from, hours, calendar))
      }),
      { numRuns: 60 }
    )
  })

  it("D13 (property): more hours never end earlier, and 24 + 24 = 48", () => {
    fc.assert(
      fc.property(
        at,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        calendars,
        (from, a, b, calendar) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a]
          expect(Holidays.addWorkingHours(from, lo, calendar) <= Holidays.addWorkingHours(from, hi, calendar)).toBe(
            true
          )
        }
      )
    )
    fc.assert(
      fc.property(at, calendars, (from, calendar) => {
        const once = Holidays.addWorkingHours(from, 24, calendar)
        // starting again from a working-time instant, another 24 h gives the 48 h answer
        expect(Holidays.addWorkingHours(once, 24, calendar)).toBe(Holidays.addWorkingHours(from, 48, calendar))
      })
    )
  })
})

describe("D13 'support-hours' basis over several years", () => {
  it("D13/ENP-C1: every holiday of the years the count runs over is closed, even on a line open one hour a week", () => {
    // Open Mondays 09:00–10:00 only: 200 hours run from 2026-01-05 into 2030, over the Easter and Whit
    // Mondays of five years. The oracle is the same count with ten years of French holidays listed.
    const sparse: Calendar.SupportCalendar = {
      ...Calendar.defaultSupportCalendar,
      workdays: [1],
      slots: [[9, 10]]
    }
    const policy = { hoursBasis: "support-hours" as const, supportCalendar: sparse, holidays: Holidays.france }
    const tenYears = Array.from({ length: 10 }, (_, k) => Holidays.holidaysOf("FR", 2026 + k).map((h) => h.date)).flat()
    const oracle = Calendar.addBusinessHours("2026-01-05T09:00", 200, { ...sparse, holidays: tenYears })
    expect(oracle.slice(0, 4)).toBe("2030")
    expect(SupportRouting.addSupportHours("2026-01-05T09:00", 200, policy)).toBe(oracle)
  })
})
