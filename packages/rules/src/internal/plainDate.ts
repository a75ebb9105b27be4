/**
 * Plain calendar dates `YYYY-MM-DD` on the hot path, without allocating.
 *
 * Why not `Temporal` here: `temporal-polyfill` parses every date with a large ISO regex, adds with
 * BigInt nanosecond arithmetic and formats through `toString()`, 10–50 µs per `addMonths` (86% of
 * `LabourReimbursement.decide`, BENCHMARKS.md item 5). A plain date has no time zone and no time,
 * so the platform's own proleptic Gregorian calendar in UTC (`Date.UTC`, `getUTC*`, the same
 * calendar Temporal's ISO 8601 calendar uses) gives the same answers without objects. Months and
 * years are whole-month steps clamped to the days of the target month, as `Temporal.PlainDate.add`
 * with `overflow: "constrain"` does. `temporal-polyfill` stays the oracle of a property test over
 * 1900–2200 (`test/CalendarOracle.test.ts`).
 *
 * @internal
 */

const DAY_MS = 86_400_000
/** The Gregorian calendar repeats every 400 years, which are exactly 146,097 days. */
const FOUR_CENTURIES_DAYS = 146_097

/** Days of each month of a common year, January first. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/** Gregorian leap year (proleptic, as Temporal's ISO calendar and `Date`). */
export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/** Days in month `m` (1–12) of year `y`. */
export const daysInMonth = (y: number, m: number): number => (m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]!)

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

// The last date read by `parse`: three integers instead of a `{ y, m, d }` object per call.
let py = 0
let pm = 0
let pd = 0

/**
 * Reads `YYYY-MM-DD` (digits and dashes at their places, as `/^\d{4}-\d{2}-\d{2}$/`) into
 * `py`/`pm`/`pd`; `false` unless the day exists (month 1–12, days of the month, leap years).
 */
const parse = (s: string): boolean => {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  const y0 = digit(s, 0)
  const y1 = digit(s, 1)
  const y2 = digit(s, 2)
  const y3 = digit(s, 3)
  const m0 = digit(s, 5)
  const m1 = digit(s, 6)
  const d0 = digit(s, 8)
  const d1 = digit(s, 9)
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false
  py = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  pm = m0 * 10 + m1
  pd = d0 * 10 + d1
  return pm >= 1 && pm <= 12 && pd >= 1 && pd <= daysInMonth(py, pm)
}

/** A `YYYY-MM-DD` string naming a day that exists (`2025-02-30` and `2023-02-29` do not). */
export const isValid = (s: string): boolean => parse(s)

const read = (s: string): void => {
  if (!parse(s)) throw new RangeError(`Not a calendar date YYYY-MM-DD: ${JSON.stringify(s)}`)
}

const checkCount = (n: number): void => {
  if (!Number.isInteger(n)) throw new RangeError(`Not an integer count: ${n}`)
}

/** `"00"` … `"31"`, and `"-01-"` … `"-12-"`: no number formatting per date. */
const TWO_DIGITS: ReadonlyArray<string> = Array.from({ length: 32 }, (_, i) => (i < 10 ? `0${i}` : `${i}`))
const MONTH_PART: ReadonlyArray<string> = TWO_DIGITS.map((t) => `-${t}-`)

/** Formats like `Temporal.PlainDate#toString`: 4-digit years, `±YYYYYY` outside 0000–9999. */
const format = (y: number, m: number, d: number): string => {
  const year =
    y >= 1000 && y <= 9999
      ? "" + y
      : y >= 0 && y <= 9999
        ? ("" + y).padStart(4, "0")
        : (y < 0 ? "-" : "+") + ("" + Math.abs(y)).padStart(6, "0")
  return year + MONTH_PART[m]! + TWO_DIGITS[d]!
}

/** Milliseconds since 1970-01-01 of midnight UTC on `y-m-d`; `Date.UTC` maps years 0–99 to 19xx. */
const utcMs = (y: number, m: number, d: number): number =>
  y >= 0 && y < 100 ? Date.UTC(y + 400, m - 1, d) - FOUR_CENTURIES_DAYS * DAY_MS : Date.UTC(y, m - 1, d)

/** Days since 1970-01-01 of a date string (a `RangeError` if it is not one). */
const epochDay = (s: string): number => {
  read(s)
  return utcMs(py, pm, pd) / DAY_MS
}

// One Date reused to read back a day number (`getUTC*`), so `addDays` allocates no Date.
const scratch = new Date(0)

const fromEpochDay = (days: number): string => {
  const ms = days * DAY_MS
  scratch.setTime(ms)
  if (Number.isNaN(scratch.getTime())) throw new RangeError(`Date out of range: ${days} days from 1970-01-01`)
  return format(scratch.getUTCFullYear(), scratch.getUTCMonth() + 1, scratch.getUTCDate())
}

/** `s + n` days. */
export const addDays = (s: string, n: number): string => {
  checkCount(n)
  const from = epochDay(s)
  return n === 0 ? s : fromEpochDay(from + n)
}

/** `s + n` months, the day clamped to the last day of the target month. */
export const addMonths = (s: string, n: number): string => {
  read(s)
  checkCount(n)
  if (n === 0) return s
  const d = pd
  const total = py * 12 + (pm - 1) + n
  const y = Math.floor(total / 12)
  const m = total - y * 12 + 1
  const last = daysInMonth(y, m)
  return format(y, m, d < last ? d : last)
}

/** `to − from` in days. */
export const daysBetween = (from: string, to: string): number => {
  const a = epochDay(from)
  return epochDay(to) - a
}

/** ISO day of week, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export const dayOfWeek = (s: string): number => {
  const r = (epochDay(s) + 3) % 7
  return (r < 0 ? r + 7 : r) + 1
}

/** `s + n` years: `n × 12` months, so 29 February falls back to 28 February in a common year. */
export const addYears = (s: string, n: number): string => {
  checkCount(n)
  return addMonths(s, 12 * n)
}
