/**
 * D14: what a rolled-over last day must be, checked day by day against the Belgian calendar —
 * `due` is the counted last day itself when that is a working day (or before 2023-01-01, when the
 * library does not roll over), otherwise the first working day after it.
 */
import { expect } from "vitest"
import { Calendar, Holidays } from "../../src/index.js"

export const expectRolledLastDay = (counted: string, due: string): void => {
  if (counted < "2023-01-01") {
    expect(due).toBe(counted)
    return
  }
  expect(due >= counted).toBe(true)
  expect(Holidays.isWorkingDay(due)).toBe(true)
  for (let d = counted; d < due; d = Calendar.addDays(d, 1)) expect(Holidays.isWorkingDay(d)).toBe(false)
}
