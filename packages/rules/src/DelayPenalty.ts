/**
 * The works dates and the installer's delay penalty (WAL-5.7.1, WAL-5.7.2, WAL-5.6.1, WAL-5.6.2,
 * WAL-5.9, WAL-5.4.3, D11).
 *
 * - WAL-5.7.1 pushes « les dates de début et de fin » by one day for each bad-weather day recorded
 *   by the IRM. D11: a day counts once even if recorded twice, only if it falls between the agreed
 *   start and the end date as already pushed, and — by default — only on a working day (Monday to
 *   Friday, not a Belgian legal holiday: no work is planned on the others; policy `countDays:
 *   "calendar-days"` counts every day). Days are taken in date order.
 * - Start: while the works have not started, each counted bad-weather day on or before the pushed
 *   start pushes the start by one day; after the works have started, bad weather pushes only the
 *   end. End: every counted day pushes the end by one day.
 * - Suspensions (WAL-5.6.1/5.6.2 works the studies suggest, WAL-5.9 force majeure, WAL-5.4.3 the
 *   customer gives no access, electricity or information) push the end by their days between the
 *   agreed start and the pushed end, and — while the works have not started — the start by their
 *   days on or after the agreed start (days before the agreed start delay nothing). A day that is
 *   both a bad-weather day and a suspended day counts once.
 * - A late start (started after the pushed start) is what WAL-2.5 and WAL-5.14.4 call a start "not
 *   on the start date"; on or before the pushed start is on time.
 * - WAL-5.7.2: delay days run from the day after the pushed end to the completion (or the
 *   evaluation date while unfinished); €35 a day, capped at 10% of the price excl. VAT, rounded
 *   down (the penalty may not exceed 10%). Bad weather during an unjustified delay excuses nothing.
 * - Every figure is computed from all the facts given, in date order whatever their order in the
 *   input: a fact recorded later never leaves two answers. The start and end of works are dates
 *   fixed by the parties: they never roll over (D14).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import * as Deadline from "./Deadline.js"
import type { Reason } from "./Decision.js"
import * as Decision from "./Decision.js"
import * as Holidays from "./Holidays.js"
import { type Equals, sameType } from "./internal/policy.js"
import * as Money from "./Money.js"

/**
 * D11/WAL-5.7.2 parameters: the penalty a day, its cap, which bad-weather days count, and extra
 * closing days (not working days).
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly perDayCents: number
  readonly capBp: number
  readonly countDays: "working-days" | "calendar-days"
  readonly extraClosingDays: ReadonlyArray<Calendar.CalendarDate>
}

/**
 * WAL-5.7.2: €35 a day, at most 10% of the price excl. VAT; D11: only working days count.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = { perDayCents: 3500, capBp: 1000, countDays: "working-days", extraClosingDays: [] }

/**
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Schema.Struct({
  perDayCents: Money.NonNegativeCents,
  capBp: Money.BasisPoints.check(Schema.isGreaterThanOrEqualTo(0)),
  countDays: Schema.Literals(["working-days", "calendar-days"]),
  extraClosingDays: Schema.Array(Calendar.CalendarDate)
})

sameType<Equals<typeof PolicySchema.Type, Policy>>()

/**
 * A suspension of the work dates, inclusive of both ends.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Suspension = Schema.Struct({
  rule: Schema.Literals(["WAL-5.6.1", "WAL-5.6.2", "WAL-5.9", "WAL-5.4.3"]),
  from: Calendar.CalendarDate,
  to: Calendar.CalendarDate
}).check(
  Schema.makeFilter((s: { readonly from: string; readonly to: string }) =>
    s.from <= s.to ? undefined : `Expected a suspension whose "to" (${s.to}) is not before its "from" (${s.from})`
  )
)

/**
 * @since 0.1.0
 * @category schemas
 */
export const Input = Schema.Struct({
  /**
   * The lower bound of the works: the agreed start when `agreedStart` is absent (earlier callers
   * passed the actual start here).
   */
  startOfWorks: Calendar.CalendarDate,
  /** WAL-2.5: the agreed start of works (defaults to `startOfWorks`). */
  agreedStart: Schema.optional(Calendar.CalendarDate),
  /** The day the works actually started, once they did. */
  startedOn: Schema.optional(Calendar.CalendarDate),
  agreedEnd: Calendar.CalendarDate,
  badWeatherDays: Schema.Array(Calendar.CalendarDate),
  suspensions: Schema.optional(Schema.Array(Suspension)),
  /** The completion date, or, while the works are unfinished, the evaluation date. */
  completion: Schema.Union([
    Schema.TaggedStruct("Completed", { on: Calendar.CalendarDate }),
    Schema.TaggedStruct("Unfinished", { evaluatedOn: Calendar.CalendarDate })
  ]),
  priceExclCents: Money.NonNegativeCents
}).check(
  Schema.makeFilter((i: { readonly agreedStart?: string | undefined; readonly agreedEnd: string }) =>
    i.agreedStart === undefined || i.agreedStart <= i.agreedEnd
      ? undefined
      : `Expected agreedStart (${i.agreedStart}) on or before agreedEnd (${i.agreedEnd})`
  )
)

/**
 * @since 0.1.0
 * @category models
 */
export type Input = typeof Input.Type

/**
 * The works dates as pushed (D11).
 *
 * @since 0.1.0
 * @category models
 */
export interface Dates {
  readonly agreedStart: Calendar.CalendarDate
  readonly pushedStart: Calendar.CalendarDate
  readonly end: Calendar.CalendarDate
  readonly badWeatherDaysCounted: ReadonlyArray<Calendar.CalendarDate>
  /** Suspended days that pushed the end. */
  readonly suspendedDays: number
  /** `true` when the works started after the pushed start; `undefined` while they have not started. */
  readonly lateStart: boolean | undefined
  readonly reasons: ReadonlyArray<Reason>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Penalty {
  readonly pushedStart: Calendar.CalendarDate
  readonly pushedEnd: Calendar.CalendarDate
  readonly lateStart: boolean | undefined
  readonly badWeatherDaysCounted: ReadonlyArray<Calendar.CalendarDate>
  readonly suspendedDays: number
  readonly delayDays: number
  readonly uncappedCents: number
  readonly capCents: number
  /** Computed on the price excl. VAT (kept for earlier callers; see `owed`). */
  readonly penalty: Money.Amount
  /** D10: the penalty as owed, outside VAT (damages). */
  readonly owed: Money.Based
  /** The end of works as pushed (a date fixed by the parties: never rolled over, D14). */
  readonly deadline: Deadline.Deadline
}

type Day = { readonly on: string; readonly weather: boolean; readonly suspension: string | undefined }

/**
 * WAL-5.7.1/D11: the start and end dates pushed by bad weather and suspensions, with what was
 * counted — from all the facts, in date order.
 *
 * @since 0.1.0
 * @category rules
 */
export const dates = (
  input: Pick<Input, "startOfWorks" | "agreedStart" | "startedOn" | "agreedEnd" | "badWeatherDays" | "suspensions">,
  policy: Pick<Policy, "countDays" | "extraClosingDays"> = defaultPolicy
): Dates => {
  const calendar = Deadline.calendarOf(policy)
  const agreedStart = input.agreedStart ?? input.startOfWorks
  const started = input.startedOn
  const byDay = new Map<string, { weather: boolean; suspension: string | undefined }>()
  const notWorking: Array<string> = []
  for (const d of new Set(input.badWeatherDays)) {
    if (policy.countDays === "working-days" && !Holidays.isWorkingDay(d, calendar)) {
      notWorking.push(d)
      continue
    }
    byDay.set(d, { weather: true, suspension: undefined })
  }
  for (const s of input.suspensions ?? []) {
    for (let d = s.from; d <= s.to; d = Calendar.addDays(d, 1)) {
      const seen = byDay.get(d)
      byDay.set(d, { weather: seen?.weather ?? false, suspension: seen?.suspension ?? s.rule })
    }
  }
  const days: Array<Day> = [...byDay.entries()]
    .map(([on, v]) => ({ on, ...v }))
    .sort((a, b) => Calendar.compare(a.on, b.on))
  let start = agreedStart
  let end = input.agreedEnd
  const counted: Array<string> = []
  const ignored: Array<string> = []
  const suspendedBy = new Map<string, number>()
  let suspendedDays = 0
  for (const day of days) {
    if (day.on < agreedStart || day.on > end) {
      if (day.weather) ignored.push(day.on)
      continue
    }
    const notStarted = started === undefined || day.on < started
    end = Calendar.addDays(end, 1)
    if (day.suspension !== undefined) {
      // D11: a suspended day pushes the end and, before the works start, the start.
      suspendedDays++
      suspendedBy.set(day.suspension, (suspendedBy.get(day.suspension) ?? 0) + 1)
      if (notStarted) start = Calendar.addDays(start, 1)
      if (day.weather) counted.push(day.on)
    } else {
      counted.push(day.on)
      if (notStarted && day.on <= start) start = Calendar.addDays(start, 1)
    }
  }
  const lateStart = started === undefined ? undefined : started > start
  const reasons: Array<Reason> = [
    Decision.reason(
      "WAL-5.7.1",
      `${counted.length} distinct bad-weather day(s) between the agreed start and the end as pushed${suspendedDays > 0 ? ` and ${suspendedDays} suspended day(s)` : ""} push the dates: start ${agreedStart} → ${start}, end ${input.agreedEnd} → ${end}.`,
      {
        agreedStart,
        pushedStart: start,
        agreedEnd: input.agreedEnd,
        badWeatherDaysCounted: counted.length,
        suspendedDays,
        pushedEnd: end
      }
    )
  ]
  for (const [rule, n] of suspendedBy) {
    reasons.push(
      Decision.reason(
        rule,
        `${n} suspended day(s) under ${rule} push the end (and, before the works start, the start).`,
        {
          days: n
        }
      )
    )
  }
  if (notWorking.length > 0) {
    reasons.push(
      Decision.reason(
        "D11",
        `Bad-weather day(s) on a Saturday, a Sunday or a Belgian legal holiday (${notWorking.sort().join(", ")}) count for nothing: no work is planned on them.`,
        { notWorkingDays: notWorking.length, countDays: policy.countDays }
      )
    )
  }
  if (ignored.length > 0) {
    reasons.push(
      Decision.reason(
        "D11",
        `Bad-weather day(s) ${ignored.join(", ")} fall before the agreed start or after the end as pushed (an unjustified delay) and excuse nothing.`,
        { ignoredDays: ignored.length, agreedStart, pushedEnd: end }
      )
    )
  }
  if (started !== undefined) {
    reasons.push(
      Decision.reason(
        lateStart === true ? "WAL-5.14.4" : "D11",
        lateStart === true
          ? `The works started on ${started}, after the pushed start ${start}: a start "not on the start date" (WAL-2.5, WAL-5.14.4).`
          : `The works started on ${started}, on or before the pushed start ${start}: on time.`,
        { startedOn: started, pushedStart: start, lateStart: lateStart === true }
      )
    )
  }
  return { agreedStart, pushedStart: start, end, badWeatherDaysCounted: counted, suspendedDays, lateStart, reasons }
}

/**
 * WAL-5.7.1/D11: the end date pushed by bad weather and suspensions, with what was counted (see
 * {@link dates}, which also gives the pushed start).
 *
 * @since 0.1.0
 * @category rules
 */
export const pushedEnd = (
  input: Pick<Input, "startOfWorks" | "agreedStart" | "startedOn" | "agreedEnd" | "badWeatherDays" | "suspensions">,
  policy: Pick<Policy, "countDays" | "extraClosingDays"> = defaultPolicy
): {
  readonly end: Calendar.CalendarDate
  readonly badWeatherDaysCounted: ReadonlyArray<string>
  readonly suspendedDays: number
  readonly reasons: ReadonlyArray<Reason>
} => dates(input, policy)

/**
 * WAL-5.7.2/D11: the delay penalty owed by the installer at completion (or at the evaluation date).
 *
 * @since 0.1.0
 * @category rules
 */
export const penalty = (input: Input, policy: Policy = defaultPolicy): Decision.Accepted<Penalty> => {
  const pushed = dates(input, policy)
  const at = input.completion._tag === "Completed" ? input.completion.on : input.completion.evaluatedOn
  const delayDays = Math.max(0, Calendar.daysBetween(pushed.end, at))
  const uncapped = delayDays * policy.perDayCents
  // WAL-5.7.2 "ne pouvant excéder 10 % du prix": the cap is rounded DOWN to the cent, so the
  // penalty never exceeds the share by any fraction of a cent (half-up would allow 12,346 on 12,345.5).
  const cap = Number((BigInt(input.priceExclCents) * BigInt(policy.capBp)) / 10_000n)
  const owed = Math.min(uncapped, cap)
  const reasons: Array<Reason> = [
    ...pushed.reasons,
    Decision.reason(
      "WAL-5.7.2",
      delayDays === 0
        ? `Completed (or evaluated) on ${at}, not after the pushed end date ${pushed.end}: no penalty.`
        : `${delayDays} day(s) of delay from ${Calendar.addDays(pushed.end, 1)} to ${at} at ${Money.format(policy.perDayCents)} a day = ${Money.format(uncapped)}${uncapped > cap ? `, capped at ${policy.capBp / 100}% of the price excl. VAT = ${Money.format(cap)}` : ""}.`,
      {
        pushedEnd: pushed.end,
        at,
        delayDays,
        perDayCents: policy.perDayCents,
        uncappedCents: uncapped,
        priceExclCents: input.priceExclCents,
        capBp: policy.capBp,
        capCents: cap,
        penaltyCents: owed
      }
    )
  ]
  return Decision.accept(
    {
      pushedStart: pushed.pushedStart,
      pushedEnd: pushed.end,
      lateStart: pushed.lateStart,
      badWeatherDaysCounted: pushed.badWeatherDaysCounted,
      suspendedDays: pushed.suspendedDays,
      delayDays,
      uncappedCents: uncapped,
      capCents: cap,
      penalty: Money.excl(owed),
      owed: Money.outside(owed),
      deadline: Deadline.fixed({ rule: "WAL-5.7.1", what: "complete the works", party: "installer", due: pushed.end })
    },
    reasons
  )
}
