import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as PersonalData from "../../src/kernel/PersonalData.js"
import { runPersonalDataConformance } from "../../src/testing/index.js"

runPersonalDataConformance("in-memory", PersonalData.layerMemory)
runPersonalDataConformance("in-memory, a fresh store per test", PersonalData.layerMemory, {
  build: "test",
  numRuns: 20
})

describe("PersonalData.CalendarDate (the erasure date, D16)", () => {
  const decode = Schema.decodeUnknownResult(PersonalData.CalendarDate)
  const pad = (n: number, width: number) => String(n).padStart(width, "0")
  // The number of days of a month, computed another way: day 0 of the next month.
  const daysIn = (year: number, month: number) => {
    const d = new Date(Date.UTC(2000, month, 0))
    d.setUTCFullYear(year, month, 0)
    return d.getUTCDate()
  }

  it("every existing day from 0001-01-01 to 9999-12-31 is accepted", () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.nat(), (y, m, n) => {
        const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(1 + (n % daysIn(y, m)), 2)}`
        expect(Result.isSuccess(decode(date))).toBe(true)
      }),
      { numRuns: 500 }
    ))

  it("a day past the end of its month, month 00 or 13, day 00 or year 0000 is refused", () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        for (const date of [
          `${pad(y, 4)}-${pad(m, 2)}-${pad(daysIn(y, m) + 1, 2)}`,
          `${pad(y, 4)}-00-01`,
          `${pad(y, 4)}-13-01`,
          `${pad(y, 4)}-${pad(m, 2)}-00`,
          `0000-${pad(m, 2)}-01`
        ]) {
          expect(Result.isFailure(decode(date)), date).toBe(true)
        }
      }),
      { numRuns: 300 }
    ))

  it("29 February exists exactly in the Gregorian leap years", () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (y) => {
        const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
        expect(Result.isSuccess(decode(`${pad(y, 4)}-02-29`))).toBe(leap)
      }),
      { numRuns: 500 }
    ))
})
