import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Temporal } from "temporal-polyfill"
import { Holidays } from "../src/index.js"

const dateArb = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2090, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

const isoDay = (d: string) => Temporal.PlainDate.from(d).dayOfWeek

describe("Holidays", () => {
  it("D14: Easter Sunday of known years (published tables)", () => {
    const known: Record<number, string> = {
      1990: "1990-04-15",
      2000: "2000-04-23",
      2008: "2008-03-23",
      2011: "2011-04-24",
      2019: "2019-04-21",
      2024: "2024-03-31",
      2025: "2025-04-20",
      2026: "2026-04-05",
      2038: "2038-04-25",
      2285: "2285-03-22"
    }
    for (const [year, date] of Object.entries(known)) expect(Holidays.easterSunday(Number(year))).toBe(date)
  })

  it("D14: Easter is always a Sunday between 22 March and 25 April", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const e = Holidays.easterSunday(year)
        expect(isoDay(e)).toBe(7)
        expect(e.slice(5) >= "03-22" && e.slice(5) <= "04-25").toBe(true)
      })
    )
  })

  it("D14: the Belgian legal holidays of 2025", () => {
    expect(Holidays.holidaysOf("BE", 2025).map((h) => h.date)).toEqual([
      "2025-01-01",
      "2025-04-21",
      "2025-05-01",
      "2025-05-29",
      "2025-06-09",
      "2025-07-21",
      "2025-08-15",
      "2025-11-01",
      "2025-11-11",
      "2025-12-25"
    ])
  })

  it("D13: French public holidays include 8 May and 14 July, not 21 July", () => {
    const fr = Holidays.holidaysOf("FR", 2025).map((h) => h.date)
    expect(fr).toContain("2025-05-08")
    expect(fr).toContain("2025-07-14")
    expect(fr).not.toContain("2025-07-21")
    expect(fr).toHaveLength(11)
    expect(Holidays.isWorkingDay("2025-07-21", Holidays.france)).toBe(true)
    expect(Holidays.isWorkingDay("2025-07-21", Holidays.belgium)).toBe(false)
  })

  it("D14: a last day on Sunday 2025-03-16 rolls over to Monday 2025-03-17; Easter Sunday 2025 to Tuesday", () => {
    expect(Holidays.rollOver("2025-03-16")).toEqual({
      _tag: "rolled",
      lastDay: "2025-03-17",
      from: "2025-03-16",
      because: "Sunday"
    })
    // Easter Sunday 2025-04-20, then Easter Monday 2025-04-21 (a legal holiday).
    expect(Holidays.rolledLastDay("2025-04-20")).toBe("2025-04-22")
    expect(Holidays.rollOver("2025-03-17")).toEqual({ _tag: "kept", lastDay: "2025-03-17" })
  })

  it("D14: last days before 2023-01-01 do not roll over, and the answer says why", () => {
    expect(Holidays.rollOver("2022-12-25")).toEqual({
      _tag: "not-rolled",
      lastDay: "2022-12-25",
      because: "Christmas Day"
    })
  })

  it("D14 property: a rolled last day from 2023 is never a Saturday, Sunday or Belgian legal holiday, and is the first such day", () => {
    fc.assert(
      fc.property(
        dateArb.filter((d) => d >= "2023-01-01"),
        (d) => {
          const last = Holidays.rolledLastDay(d)
          expect(last >= d).toBe(true)
          expect(isoDay(last)).toBeLessThanOrEqual(5)
          expect(Holidays.isHoliday(last)).toBe(false)
          for (let x = d; x < last; x = Temporal.PlainDate.from(x).add({ days: 1 }).toString())
            expect(Holidays.isWorkingDay(x)).toBe(false)
        }
      )
    )
  })

  it("D8: the third working day after a letter posted on Friday 2025-04-18 skips the weekend and Easter Monday", () => {
    expect(Holidays.addWorkingDays("2025-04-18", 3)).toBe("2025-04-24")
  })

  it("D8 property: addWorkingDays(n) lands on a working day with exactly n working days in (date, result]", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 15 }), (d, n) => {
        const r = Holidays.addWorkingDays(d, n)
        expect(Holidays.isWorkingDay(r)).toBe(true)
        let count = 0
        for (let x = Temporal.PlainDate.from(d).add({ days: 1 }); x.toString() <= r; x = x.add({ days: 1 })) {
          if (Holidays.isWorkingDay(x.toString())) count++
        }
        expect(count).toBe(n)
      })
    )
  })

  it("extra closing days close a working day", () => {
    const cal = { country: "BE" as const, extraClosingDays: ["2025-03-17"] }
    expect(Holidays.isWorkingDay("2025-03-17", cal)).toBe(false)
    expect(Holidays.rolledLastDay("2025-03-16", cal)).toBe("2025-03-18")
  })
})
