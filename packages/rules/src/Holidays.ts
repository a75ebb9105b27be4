/**
 * Public holidays, working days and the Belgian roll-over of a last day.
 *
 * - D14: Belgian legal public holidays (1 January, Easter Monday, 1 May, Ascension Day, Whit
 *   Monday, 21 July, 15 August, 1 November, 11 November, 25 December), computed from the date of
 *   Easter; a last day that falls on a Saturday, a Sunday or one of them moves to the next working
 *   day (Civil Code, Book 1, art. 1.7 — outside law, in force since 2023-01-01; the library rolls
 *   over only last days from that date): {@link rollOver}.
 * - D8: Book XIX's *jours ouvrables*, Monday to Friday except Belgian legal holidays (Civil Code
 *   art. 1.7 §3 excludes Saturdays): {@link addWorkingDays}.
 * - D13: French public holidays (metropolitan France, Europe/Paris) for Enphase France support.
 *
 * Hand-written rather than a holiday library: the two calendars are ten or eleven fixed rules
 * each, and a browser partner tool should not carry every country's holidays (`date-holidays` is
 * several hundred kilobytes).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { addDays, type CalendarDate, CalendarDate as CalendarDateSchema, dayOfWeek } from "./Calendar.js"

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))
const ymd = (y: number, m: number, d: number): CalendarDate => `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`

/**
 * Easter Sunday of a Gregorian year (the anonymous Gregorian computus, "Meeus/Jones/Butcher").
 *
 * @since 0.1.0
 * @category holidays
 */
export const easterSunday = (year: number): CalendarDate => {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return ymd(year, month, day)
}

/**
 * One public holiday.
 *
 * @since 0.1.0
 * @category models
 */
export interface Holiday {
  readonly date: CalendarDate
  readonly name: string
}

/**
 * The holiday calendars shipped: Belgian legal public holidays (`"BE"`, D14) and French public
 * holidays of metropolitan France (`"FR"`, D13).
 *
 * @since 0.1.0
 * @category models
 */
export type Country = "BE" | "FR"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Country = Schema.Literals(["BE", "FR"])

const belgian = (year: number): Array<Holiday> => {
  const easter = easterSunday(year)
  return [
    { date: ymd(year, 1, 1), name: "New Year's Day" },
    { date: addDays(easter, 1), name: "Easter Monday" },
    { date: ymd(year, 5, 1), name: "Labour Day" },
    { date: addDays(easter, 39), name: "Ascension Day" },
    { date: addDays(easter, 50), name: "Whit Monday" },
    { date: ymd(year, 7, 21), name: "National Day" },
    { date: ymd(year, 8, 15), name: "Assumption" },
    { date: ymd(year, 11, 1), name: "All Saints' Day" },
    { date: ymd(year, 11, 11), name: "Armistice Day" },
    { date: ymd(year, 12, 25), name: "Christmas Day" }
  ]
}

const french = (year: number): Array<Holiday> => {
  const easter = easterSunday(year)
  return [
    { date: ymd(year, 1, 1), name: "Jour de l'an" },
    { date: addDays(easter, 1), name: "Lundi de Pâques" },
    { date: ymd(year, 5, 1), name: "Fête du travail" },
    { date: ymd(year, 5, 8), name: "Victoire 1945" },
    { date: addDays(easter, 39), name: "Ascension" },
    { date: addDays(easter, 50), name: "Lundi de Pentecôte" },
    { date: ymd(year, 7, 14), name: "Fête nationale" },
    { date: ymd(year, 8, 15), name: "Assomption" },
    { date: ymd(year, 11, 1), name: "Toussaint" },
    { date: ymd(year, 11, 11), name: "Armistice" },
    { date: ymd(year, 12, 25), name: "Noël" }
  ].sort((x, y) => (x.date < y.date ? -1 : 1))
}

/**
 * The public holidays of `country` in `year`, in date order.
 *
 * @since 0.1.0
 * @category holidays
 */
export const holidaysOf = (country: Country, year: number): ReadonlyArray<Holiday> =>
  country === "BE" ? belgian(year) : french(year)

/**
 * A calendar of closed days: a country's public holidays (or none) plus extra closing days.
 *
 * @since 0.1.0
 * @category models
 */
export interface HolidayCalendar {
  readonly country: Country | "none"
  readonly extraClosingDays: ReadonlyArray<CalendarDate>
}

/**
 * {@link HolidayCalendar} when it comes from outside (configuration).
 *
 * @since 0.1.0
 * @category schemas
 */
export const HolidayCalendarSchema = Schema.Struct({
  country: Schema.Literals(["BE", "FR", "none"]),
  extraClosingDays: Schema.Array(CalendarDateSchema)
})

/**
 * D14: the Belgian legal public holidays, no extra closing day.
 *
 * @since 0.1.0
 * @category holidays
 */
export const belgium: HolidayCalendar = { country: "BE", extraClosingDays: [] }

/**
 * D13: French public holidays (Enphase France support), no extra closing day.
 *
 * @since 0.1.0
 * @category holidays
 */
export const france: HolidayCalendar = { country: "FR", extraClosingDays: [] }

/**
 * The holiday named on `date` by `calendar`, if any (extra closing days are named "closing day").
 *
 * @since 0.1.0
 * @category holidays
 */
export const holidayOn = (date: CalendarDate, calendar: HolidayCalendar = belgium): Holiday | undefined => {
  if (calendar.extraClosingDays.includes(date)) return { date, name: "closing day" }
  if (calendar.country === "none") return undefined
  return holidaysOf(calendar.country, Number(date.slice(0, 4))).find((h) => h.date === date)
}

/**
 * Is `date` a public holiday (or an extra closing day) of `calendar`?
 *
 * @since 0.1.0
 * @category holidays
 */
export const isHoliday = (date: CalendarDate, calendar: HolidayCalendar = belgium): boolean =>
  holidayOn(date, calendar) !== undefined

/**
 * Monday to Friday and not a holiday of `calendar` (D8 *jour ouvrable*, D11, D13, D14).
 *
 * @since 0.1.0
 * @category working days
 */
export const isWorkingDay = (date: CalendarDate, calendar: HolidayCalendar = belgium): boolean =>
  dayOfWeek(date) <= 5 && !isHoliday(date, calendar)

/**
 * `date` itself when it is a working day, otherwise the next working day.
 *
 * @since 0.1.0
 * @category working days
 */
export const nextWorkingDay = (date: CalendarDate, calendar: HolidayCalendar = belgium): CalendarDate => {
  let d = date
  while (!isWorkingDay(d, calendar)) d = addDays(d, 1)
  return d
}

/**
 * The `n`-th working day after `date` (`n ≥ 1`; `date` itself does not count). D8: a letter
 * posted on `date` is taken as received on the third *jour ouvrable* after it,
 * `addWorkingDays(posted, 3)`.
 *
 * @since 0.1.0
 * @category working days
 */
export const addWorkingDays = (date: CalendarDate, n: number, calendar: HolidayCalendar = belgium): CalendarDate => {
  let d = date
  for (let left = n; left > 0;) {
    d = addDays(d, 1)
    if (isWorkingDay(d, calendar)) left--
  }
  return d
}

/**
 * D14: the first last day the Belgian roll-over applies to (Civil Code Book 1, art. 1.7, in force
 * from 2023-01-01).
 *
 * @since 0.1.0
 * @category roll-over
 */
export const rollOverFrom: CalendarDate = "2023-01-01"

/**
 * What {@link rollOver} did with a last day.
 *
 * - `kept`: the last day is a working day;
 * - `rolled`: it was a Saturday, a Sunday or a holiday and moved to `lastDay` (`from` is the day
 *   counted, `because` names the closed day);
 * - `not-rolled`: it is a closed day before {@link rollOverFrom}, where the library does not roll
 *   over (the law then is uncertain for contractual limits).
 *
 * @since 0.1.0
 * @category models
 */
export type RollOver =
  | { readonly _tag: "kept"; readonly lastDay: CalendarDate }
  | { readonly _tag: "rolled"; readonly lastDay: CalendarDate; readonly from: CalendarDate; readonly because: string }
  | { readonly _tag: "not-rolled"; readonly lastDay: CalendarDate; readonly because: string }

const closedDayName = (date: CalendarDate, calendar: HolidayCalendar): string => {
  const holiday = holidayOn(date, calendar)
  if (holiday !== undefined) return holiday.name
  return dayOfWeek(date) === 6 ? "Saturday" : "Sunday"
}

/**
 * D14: the Belgian roll-over of a time limit's last day (Civil Code Book 1, art. 1.7 — outside
 * law): a Saturday, a Sunday or a legal holiday moves to the next working day, for last days from
 * 2023-01-01.
 *
 * @since 0.1.0
 * @category roll-over
 */
export const rollOver = (lastDay: CalendarDate, calendar: HolidayCalendar = belgium): RollOver => {
  if (isWorkingDay(lastDay, calendar)) return { _tag: "kept", lastDay }
  const because = closedDayName(lastDay, calendar)
  if (lastDay < rollOverFrom) return { _tag: "not-rolled", lastDay, because }
  return { _tag: "rolled", lastDay: nextWorkingDay(lastDay, calendar), from: lastDay, because }
}

/**
 * D14: the rolled-over last day alone.
 *
 * @since 0.1.0
 * @category roll-over
 */
export const rolledLastDay = (lastDay: CalendarDate, calendar: HolidayCalendar = belgium): CalendarDate =>
  rollOver(lastDay, calendar).lastDay

const WORKING_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/

/**
 * D13: the moment `hours` *working-day hours* after `from` (a wall-clock `YYYY-MM-DDTHH:mm` in
 * the support centre's time zone). The clock runs only on working days — Monday to Friday, not a
 * holiday of `calendar` — all day long: 24 working hours from Friday 16:00 end on Monday 16:00.
 * Counted to the minute (`hours` may be fractional, rounded half-up); 0 returns `from`.
 *
 * @since 0.2.0
 * @category working days
 */
export const addWorkingHours = (from: string, hours: number, calendar: HolidayCalendar = france): string => {
  const m = WORKING_DATE_TIME.exec(from)
  if (m === null) throw new Error(`Not a local date-time: ${from}`)
  let remaining = Math.round(hours * 60)
  if (remaining <= 0) return from
  let date: CalendarDate = m[1] ?? ""
  let minute = Number(m[2]) * 60 + Number(m[3])
  // A calendar always has working days (weekdays minus at most a few dozen closed days a year):
  // the loop ends within weeks; the guard only bounds a calendar that closes every day.
  for (let guard = 0; guard < 7400; guard++) {
    if (isWorkingDay(date, calendar)) {
      const available = 24 * 60 - minute
      if (remaining <= available) {
        const at = minute + remaining
        // The end of a working day is written as that day's 24:00 → next day 00:00.
        if (at === 24 * 60) return `${addDays(date, 1)}T00:00`
        return `${date}T${pad2(Math.floor(at / 60))}:${pad2(at % 60)}`
      }
      remaining -= available
    }
    date = addDays(date, 1)
    minute = 0
  }
  throw new Error("Holiday calendar has no working day in the next 20 years")
}
