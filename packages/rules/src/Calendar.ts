/**
 * Calendar dates, time limits, coverage periods and support business hours.
 *
 * Every date is a calendar date `YYYY-MM-DD` (Europe/Brussels or Europe/Paris, same offset), never
 * an instant. Nothing here reads the clock. Arithmetic uses the platform's proleptic Gregorian
 * calendar in UTC (`Date.UTC`, `getUTC*`) on integers, not `Temporal`: `temporal-polyfill` costs
 * 10–50 µs per call (a large ISO regex, BigInt nanoseconds, `toString()`), 86% of
 * `LabourReimbursement.decide` (BENCHMARKS.md item 5). `temporal-polyfill` is kept as the test
 * oracle (`test/CalendarOracle.test.ts`, 1900–2200). Comparisons use string order, which equals
 * date order for valid `YYYY-MM-DD` strings.
 *
 * - D14: a time limit for *doing a step* ends on `event + span` (inclusive): {@link deadline},
 *   {@link inTime}.
 * - D1/D14: a *coverage period* holds on day `d` when `start ≤ d < start + span`:
 *   {@link coverageEnd}, {@link coveredOn}.
 * - D13/ENP-C2: support time is counted in business hours: {@link addBusinessHours},
 *   {@link isBusinessTime}.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as PlainDate from "./internal/plainDate.js"
import { type Equals, sameType } from "./internal/policy.js"

const DATE_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/

// Integers only (shape, month 1–12, days of the month with leap years): no Temporal object per
// decoded date (BENCHMARKS.md item 6).
const isRealDate = PlainDate.isValid

// Built once, not per decoded value.
const notACalendarDate = (s: string): string => `Expected a calendar date YYYY-MM-DD, got ${JSON.stringify(s)}`

/**
 * A calendar date `YYYY-MM-DD` that exists (`2025-02-30` is rejected).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CalendarDate = Schema.String.check(
  Schema.makeFilter((s: string) => (isRealDate(s) ? undefined : notACalendarDate(s)))
)

/**
 * @since 0.1.0
 * @category models
 */
export type CalendarDate = string

/**
 * A wall-clock date and time `YYYY-MM-DDTHH:MM` in the support time zone.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LocalDateTime = Schema.String.check(
  Schema.makeFilter((s: string) => {
    const m = DATE_TIME_PATTERN.exec(s)
    const ok = m !== null && isRealDate(m[1] ?? "") && Number(m[2]) <= 23 && Number(m[3]) <= 59
    return ok ? undefined : `Expected a local date-time YYYY-MM-DDTHH:MM, got ${JSON.stringify(s)}`
  })
)

/**
 * @since 0.1.0
 * @category models
 */
export type LocalDateTime = string

/**
 * `date + n` calendar days (`n` may be negative).
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const addDays = (date: CalendarDate, n: number): CalendarDate => PlainDate.addDays(date, n)

/**
 * `date + n` calendar months, end-of-month clamped (`2025-01-31` + 1 month → `2025-02-28`).
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const addMonths = (date: CalendarDate, n: number): CalendarDate => PlainDate.addMonths(date, n)

/**
 * `date + n` calendar years, clamped (`2024-02-29` + 1 year → `2025-02-28`).
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const addYears = (date: CalendarDate, n: number): CalendarDate => PlainDate.addYears(date, n)

/**
 * `to − from` in days (negative when `to` is before `from`).
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => PlainDate.daysBetween(from, to)

/**
 * -1 if `a` is before `b`, 0 if equal, 1 if after.
 *
 * @since 0.1.0
 * @category comparisons
 */
export const compare = (a: CalendarDate, b: CalendarDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/**
 * @since 0.1.0
 * @category comparisons
 */
export const isBefore = (a: CalendarDate, b: CalendarDate): boolean => a < b

/**
 * @since 0.1.0
 * @category comparisons
 */
export const isOnOrBefore = (a: CalendarDate, b: CalendarDate): boolean => a <= b

/**
 * The later of two dates.
 *
 * @since 0.1.0
 * @category comparisons
 */
export const max = (a: CalendarDate, b: CalendarDate): CalendarDate => (a >= b ? a : b)

/**
 * The earlier of two dates.
 *
 * @since 0.1.0
 * @category comparisons
 */
export const min = (a: CalendarDate, b: CalendarDate): CalendarDate => (a <= b ? a : b)

/**
 * ISO day of week: 1 = Monday … 7 = Sunday.
 *
 * @since 0.1.0
 * @category calendar
 */
export const dayOfWeek = (date: CalendarDate): number => PlainDate.dayOfWeek(date)

const SpanCount = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
// Exactly one unit: `{ months: 6, days: 3 }` must fail, not decode silently as `{ days: 3 }` (a
// Struct strips unknown keys, so each member names the other two units as absent).
const NoUnit = Schema.optional(Schema.Never)

/**
 * A length of time counted in whole calendar days, months or years (`{ days: 14 }`,
 * `{ months: 6 }`, `{ years: 2 }`), each a non-negative integer. Exactly one unit: a value naming
 * two (`{ months: 6, days: 3 }`) or none is rejected.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Span = Schema.Union([
  Schema.Struct({ days: SpanCount, months: NoUnit, years: NoUnit }),
  Schema.Struct({ months: SpanCount, days: NoUnit, years: NoUnit }),
  Schema.Struct({ years: SpanCount, days: NoUnit, months: NoUnit })
])

/**
 * @since 0.1.0
 * @category models
 */
export type Span = { readonly days: number } | { readonly months: number } | { readonly years: number }

/**
 * `date + span` (months and years end-of-month clamped).
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const addSpan = (date: CalendarDate, span: Span): CalendarDate =>
  "days" in span
    ? addDays(date, span.days)
    : "months" in span
      ? addMonths(date, span.months)
      : addYears(date, span.years)

/**
 * D14: the last day on which a step limited to `span` after `event` is in time (`event + span`,
 * inclusive). The next day is late.
 *
 * @since 0.1.0
 * @category time limits
 */
export const deadline = (event: CalendarDate, span: Span): CalendarDate => addSpan(event, span)

/**
 * D14: a step done on `stepDate` is in time when `stepDate ≤ due`.
 *
 * @since 0.1.0
 * @category time limits
 */
export const inTime = (stepDate: CalendarDate, due: CalendarDate): boolean => stepDate <= due

/**
 * D1/D14: the first day NOT covered by a period of `span` starting on `start` (`start + span`).
 *
 * @since 0.1.0
 * @category coverage
 */
export const coverageEnd = (start: CalendarDate, span: Span): CalendarDate => addSpan(start, span)

/**
 * D1/D14: a period of `span` starting on `start` holds on `d` when `start ≤ d < start + span`.
 *
 * @since 0.1.0
 * @category coverage
 */
export const coveredOn = (start: CalendarDate, span: Span, d: CalendarDate): boolean =>
  start <= d && d < coverageEnd(start, span)

/**
 * D13/ENP-C2: the support calendar. `slots` are `[startHour, endHour)` wall-clock ranges on each
 * workday (ISO day numbers, 1 = Monday); `holidays` are closed days.
 *
 * @since 0.1.0
 * @category business hours
 */
export interface SupportCalendar {
  readonly timeZone: string
  readonly workdays: ReadonlyArray<number>
  readonly slots: ReadonlyArray<readonly [number, number]>
  readonly holidays: ReadonlyArray<CalendarDate>
}

const Hour = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 24 }))

/**
 * {@link SupportCalendar} when it comes from outside (e.g. a partner tool's settings): workdays are
 * ISO day numbers 1–7, each slot `[startHour, endHour)` has `0 ≤ start < end ≤ 24`, holidays are
 * calendar dates.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SupportCalendarSchema = Schema.Struct({
  timeZone: Schema.String.check(Schema.isMinLength(1)),
  workdays: Schema.Array(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 7 }))),
  slots: Schema.Array(
    Schema.Tuple([Hour, Hour]).check(
      Schema.makeFilter(([start, end]: readonly [number, number]) =>
        start < end
          ? undefined
          : `Expected a slot [startHour, endHour) with startHour < endHour, got [${start}, ${end}]`
      )
    )
  ),
  holidays: Schema.Array(CalendarDate)
})

sameType<Equals<typeof SupportCalendarSchema.Type, SupportCalendar>>()

/**
 * D13/ENP-C2 default: Europe/Paris, Monday–Friday, 09:00–13:00 and 14:00–17:00, no holidays.
 *
 * @since 0.1.0
 * @category business hours
 */
export const defaultSupportCalendar: SupportCalendar = {
  timeZone: "Europe/Paris",
  workdays: [1, 2, 3, 4, 5],
  slots: [
    [9, 13],
    [14, 17]
  ],
  holidays: []
}

const splitDateTime = (at: LocalDateTime): { date: CalendarDate; minute: number } => {
  const m = DATE_TIME_PATTERN.exec(at)
  if (m === null) throw new Error(`Not a local date-time: ${at}`)
  return { date: m[1] ?? "", minute: Number(m[2]) * 60 + Number(m[3]) }
}

const joinDateTime = (date: CalendarDate, minute: number): LocalDateTime => {
  const h = Math.floor(minute / 60)
  const mm = minute % 60
  return `${date}T${String(h).padStart(2, "0")}:${String(mm).padStart(2, "0")}`
}

const isWorkday = (date: CalendarDate, calendar: SupportCalendar): boolean =>
  calendar.workdays.includes(dayOfWeek(date)) && !calendar.holidays.includes(date)

const slotMinutes = (calendar: SupportCalendar): Array<readonly [number, number]> =>
  [...calendar.slots].map(([a, b]) => [a * 60, b * 60] as const).sort((x, y) => x[0] - y[0])

/**
 * D13/ENP-C2: is the support line open at `at` (inside a slot on a workday that is not a holiday;
 * a slot's end minute is closed)?
 *
 * @since 0.1.0
 * @category business hours
 */
export const isBusinessTime = (at: LocalDateTime, calendar: SupportCalendar = defaultSupportCalendar): boolean => {
  const { date, minute } = splitDateTime(at)
  return isWorkday(date, calendar) && slotMinutes(calendar).some(([a, b]) => a <= minute && minute < b)
}

/**
 * D13: the moment `hours` business hours after `from`. Time outside the slots, on weekends and on
 * holidays is skipped; counting from outside business time starts at the next opening. When the
 * hours run out exactly at a slot's end, that end is returned (e.g. `…T17:00`). `hours` may be
 * fractional; it is counted to the minute (rounded half-up).
 *
 * @since 0.1.0
 * @category business hours
 */
export const addBusinessHours = (
  from: LocalDateTime,
  hours: number,
  calendar: SupportCalendar = defaultSupportCalendar
): LocalDateTime => {
  const slots = slotMinutes(calendar)
  if (slots.length === 0 || calendar.workdays.length === 0) throw new Error("Support calendar has no business time")
  let remaining = Math.round(hours * 60)
  const start0 = splitDateTime(from)
  if (remaining <= 0) return from
  // Wall-clock times on plain dates: no time zone arithmetic is involved, so the integer calendar
  // serves here too (the day of week is carried forward instead of recomputed).
  let date = start0.date
  let weekday = dayOfWeek(date)
  let minute = start0.minute
  // Guard against a calendar whose every day is a holiday: 20 years of days at most.
  for (let guard = 0; guard < 7400; guard++) {
    if (calendar.workdays.includes(weekday) && !calendar.holidays.includes(date)) {
      for (const [a, b] of slots) {
        if (minute >= b) continue
        const start = Math.max(a, minute)
        const available = b - start
        if (remaining <= available) return joinDateTime(date, start + remaining)
        remaining -= available
        minute = b
      }
    }
    date = addDays(date, 1)
    weekday = weekday === 7 ? 1 : weekday + 1
    minute = 0
  }
  throw new Error("Support calendar has no business time in the next 20 years")
}

/**
 * D13/ENP-C2: `at` itself when the support line is open, otherwise the next opening time.
 *
 * @since 0.1.0
 * @category business hours
 */
export const nextBusinessTime = (
  at: LocalDateTime,
  calendar: SupportCalendar = defaultSupportCalendar
): LocalDateTime => {
  if (isBusinessTime(at, calendar)) return at
  const slots = slotMinutes(calendar)
  let { date, minute } = splitDateTime(at)
  for (let guard = 0; guard < 7400; guard++) {
    if (isWorkday(date, calendar)) {
      const next = slots.find(([, b]) => minute < b)
      if (next !== undefined) return joinDateTime(date, Math.max(next[0], minute))
    }
    date = addDays(date, 1)
    minute = 0
  }
  throw new Error("Support calendar has no business time in the next 20 years")
}
