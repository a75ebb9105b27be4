/**
 * The installer's delay penalty (WAL-5.7.1, WAL-5.7.2, WAL-5.6, WAL-5.9, D11).
 *
 * - WAL-5.7.1: the agreed end date moves by one day per bad-weather day recorded by the IRM. D11: a
 *   day counts once even if recorded twice, and only if it falls between the start of works and
 *   the end date as already pushed by the earlier ones (bad weather during an unjustified delay
 *   excuses nothing).
 * - WAL-5.6.1/5.6.2 (works suggested by technical studies) and WAL-5.9 (force majeure) suspend
 *   the dates: a suspension that begins on or before the end date as pushed so far pushes it by
 *   its length in days (from and to inclusive); days already excused are not counted twice.
 * - WAL-5.7.2: delay days run from the day after the pushed end date to the completion date (or
 *   the evaluation date while unfinished); €35 a day, capped at 10% of the price excl. VAT (the cap
 *   rounded down to the cent: the penalty may not exceed 10%).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Deadline, Reason } from "./Decision.js"
import * as Decision from "./Decision.js"
import * as Calendar from "./Calendar.js"
import * as Money from "./Money.js"

/**
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly perDayCents: number
  readonly capBp: number
}

/**
 * WAL-5.7.2: €35 a day, at most 10% of the price excl. VAT.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = { perDayCents: 3500, capBp: 1000 }

/**
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Schema.Struct({
  perDayCents: Money.NonNegativeCents,
  capBp: Money.BasisPoints.check(Schema.isGreaterThanOrEqualTo(0))
})

/**
 * A suspension of the work dates, inclusive of both ends.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Suspension = Schema.Struct({
  rule: Schema.Literals(["WAL-5.6.1", "WAL-5.6.2", "WAL-5.9"]),
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
  startOfWorks: Calendar.CalendarDate,
  agreedEnd: Calendar.CalendarDate,
  badWeatherDays: Schema.Array(Calendar.CalendarDate),
  suspensions: Schema.optional(Schema.Array(Suspension)),
  /** The completion date, or, while the works are unfinished, the evaluation date. */
  completion: Schema.Union([
    Schema.TaggedStruct("Completed", { on: Calendar.CalendarDate }),
    Schema.TaggedStruct("Unfinished", { evaluatedOn: Calendar.CalendarDate })
  ]),
  priceExclCents: Money.NonNegativeCents
})

/**
 * @since 0.1.0
 * @category models
 */
export type Input = typeof Input.Type

/**
 * @since 0.1.0
 * @category models
 */
export interface Penalty {
  readonly pushedEnd: Calendar.CalendarDate
  readonly badWeatherDaysCounted: ReadonlyArray<Calendar.CalendarDate>
  readonly suspendedDays: number
  readonly delayDays: number
  readonly uncappedCents: number
  readonly capCents: number
  readonly penalty: Money.Amount
  readonly deadline: Deadline
}

type Excuse =
  | { readonly kind: "weather"; readonly on: string }
  | { readonly kind: "suspension"; readonly on: string; readonly to: string; readonly rule: string }

/**
 * WAL-5.7.1/D11: the end date pushed by bad weather and suspensions, with what was counted.
 *
 * @since 0.1.0
 * @category rules
 */
export const pushedEnd = (
  input: Pick<Input, "startOfWorks" | "agreedEnd" | "badWeatherDays" | "suspensions">
): {
  readonly end: Calendar.CalendarDate
  readonly badWeatherDaysCounted: ReadonlyArray<string>
  readonly suspendedDays: number
  readonly reasons: ReadonlyArray<Reason>
} => {
  const excuses: Array<Excuse> = [
    ...[...new Set(input.badWeatherDays)].map((on): Excuse => ({ kind: "weather", on })),
    ...(input.suspensions ?? []).map((s): Excuse => ({ kind: "suspension", on: s.from, to: s.to, rule: s.rule }))
  ].sort((a, b) => Calendar.compare(a.on, b.on))
  let end = input.agreedEnd
  const excused = new Set<string>()
  const counted: Array<string> = []
  let suspendedDays = 0
  const reasons: Array<Reason> = []
  for (const e of excuses) {
    if (e.kind === "weather") {
      if (excused.has(e.on)) continue
      if (e.on >= input.startOfWorks && e.on <= end) {
        end = Calendar.addDays(end, 1)
        excused.add(e.on)
        counted.push(e.on)
      } else {
        reasons.push(
          Decision.reason(
            "D11",
            `Bad-weather day ${e.on} is outside the works (${input.startOfWorks} to ${end}) and excuses nothing.`,
            {
              day: e.on,
              startOfWorks: input.startOfWorks,
              endSoFar: end
            }
          )
        )
      }
    } else {
      if (e.on > end || e.to < e.on) {
        reasons.push(
          Decision.reason(
            e.rule,
            `Suspension ${e.on} to ${e.to} begins after the end date ${end} (or is empty) and pushes nothing.`,
            {
              from: e.on,
              to: e.to,
              endSoFar: end
            }
          )
        )
        continue
      }
      let n = 0
      for (let d = e.on; d <= e.to; d = Calendar.addDays(d, 1)) {
        if (!excused.has(d)) {
          excused.add(d)
          n++
        }
      }
      end = Calendar.addDays(end, n)
      suspendedDays += n
      reasons.push(
        Decision.reason(e.rule, `Suspension ${e.on} to ${e.to} pushes the end date by ${n} day(s) to ${end}.`, {
          from: e.on,
          to: e.to,
          days: n,
          endSoFar: end
        })
      )
    }
  }
  reasons.unshift(
    Decision.reason(
      "WAL-5.7.1",
      `${counted.length} distinct bad-weather day(s) within the works push the end date from ${input.agreedEnd}; with suspensions it is ${end}.`,
      {
        agreedEnd: input.agreedEnd,
        badWeatherDaysCounted: counted.length,
        suspendedDays,
        pushedEnd: end
      }
    )
  )
  return { end, badWeatherDaysCounted: counted, suspendedDays, reasons }
}

/**
 * WAL-5.7.2/D11: the delay penalty owed by the installer at completion (or at the evaluation date).
 *
 * @since 0.1.0
 * @category rules
 */
export const penalty = (input: Input, policy: Policy = defaultPolicy): Decision.Accepted<Penalty> => {
  const pushed = pushedEnd(input)
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
      pushedEnd: pushed.end,
      badWeatherDaysCounted: pushed.badWeatherDaysCounted,
      suspendedDays: pushed.suspendedDays,
      delayDays,
      uncappedCents: uncapped,
      capCents: cap,
      penalty: Money.excl(owed),
      deadline: { rule: "WAL-5.7.1", what: "complete the works", due: pushed.end }
    },
    reasons
  )
}
