/**
 * Time limits of the Walloon contract as rules return them (D12, D14): what is due, by which day,
 * under which rule, by whom, whether it is a right or an obligation — and, when the last day as
 * counted fell on a closed day, the day it was rolled over from and why.
 *
 * D14 (the contract is under Belgian law, WAL-5.16; Civil Code, Book 1, art. 1.7 — outside law,
 * in force since 2023-01-01; for the withdrawal period also EU Regulation 1182/71 art. 3(4)): a limit "N days (or months) from an event" starts
 * the day after the event and its last day is `event + N`; when that day is a Saturday, a Sunday or
 * a Belgian legal public holiday it moves to the next working day. Only last days from 2023-01-01
 * roll over; an earlier closed last day is kept and the deadline says so. What rolls over: limits
 * counted from an event for doing a step (offer validity, withdrawal and its refund, the loan
 * period, payment due dates, the Book XIX reminder period, inspection, conformity fix,
 * administrative file, warranty claims, technical opinion, repairs, formal-notice waiting
 * periods). What does not: dates fixed by the parties (the start and end of works, also as pushed
 * by D11) and periods of coverage (`Calendar.coveredOn`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import type * as Decision from "./Decision.js"
import * as Holidays from "./Holidays.js"
import { type Equals, sameType } from "./internal/policy.js"

/**
 * Who must act (an obligation) or who may act (a right).
 *
 * @since 0.1.0
 * @category models
 */
export type Party = "customer" | "installer"

/**
 * D12: an obligation ("the installer must … by") or a right ("the customer may … until").
 *
 * @since 0.1.0
 * @category models
 */
export type Kind = "obligation" | "right"

/**
 * A time limit computed by a rule. It is a {@link Decision.Deadline} (`rule`, `what`, `due`) with
 * who acts, whether it is a right or an obligation, and the D14 roll-over:
 *
 * - `due`: the last day on which the step is in time, as rolled over (inclusive);
 * - `rolledFrom`: the last day as counted, when it was a closed day and moved to `due`;
 * - `because`: why it moved (the closed day: "Sunday", "Easter Monday"), or why a closed last day
 *   before 2023-01-01 was kept.
 *
 * @since 0.1.0
 * @category models
 */
export interface Deadline extends Decision.Deadline {
  readonly party: Party
  readonly kind: Kind
  readonly rolledFrom?: Calendar.CalendarDate
  readonly because?: string
}

/**
 * D14 parameters: whether last days roll over (on by default for the contract) and the extra
 * closing days added to the Belgian legal holidays.
 *
 * @since 0.1.0
 * @category policy
 */
export interface RollOverPolicy {
  readonly rollOver: boolean
  readonly extraClosingDays: ReadonlyArray<Calendar.CalendarDate>
}

/**
 * D14: roll-over on, Belgian legal holidays only.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultRollOverPolicy: RollOverPolicy = { rollOver: true, extraClosingDays: [] }

/**
 * {@link RollOverPolicy} when it comes from outside (configuration).
 *
 * @since 0.1.0
 * @category schemas
 */
export const RollOverPolicySchema = Schema.Struct({
  rollOver: Schema.Boolean,
  extraClosingDays: Schema.Array(Calendar.CalendarDate)
})

sameType<Equals<typeof RollOverPolicySchema.Type, RollOverPolicy>>()

/**
 * The one Belgian calendar of every Walloon limit (D14), with the policy's extra closing days.
 *
 * @since 0.1.0
 * @category calendar
 */
export const calendarOf = (policy: Pick<RollOverPolicy, "extraClosingDays">): Holidays.HolidayCalendar =>
  policy.extraClosingDays.length === 0 ? Holidays.belgium : { country: "BE", extraClosingDays: policy.extraClosingDays }

/**
 * D14: the last day of a limit whose last day as counted is `counted`: rolled over to the next
 * working day when it is closed (from 2023-01-01, and when the policy says so).
 *
 * @since 0.1.0
 * @category time limits
 */
export const lastDay = (
  counted: Calendar.CalendarDate,
  policy: RollOverPolicy = defaultRollOverPolicy
): { readonly due: Calendar.CalendarDate; readonly rolledFrom?: Calendar.CalendarDate; readonly because?: string } => {
  if (!policy.rollOver) return { due: counted }
  const r = Holidays.rollOver(counted, calendarOf(policy))
  switch (r._tag) {
    case "kept":
      return { due: counted }
    case "rolled":
      return {
        due: r.lastDay,
        rolledFrom: r.from,
        because: `${r.from} is a ${r.because === "Saturday" || r.because === "Sunday" ? r.because : `legal holiday (${r.because})`}: the last day moves to the next working day (D14, Civil Code art. 1.7)`
      }
    case "not-rolled":
      return {
        due: counted,
        because: `${counted} is a ${r.because}, but before ${Holidays.rollOverFrom} the library does not roll a last day over (D14)`
      }
  }
}

/**
 * A deadline whose last day as counted is `counted`, rolled over per D14.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  args: {
    readonly rule: string
    readonly what: string
    readonly party: Party
    readonly kind: Kind
    readonly counted: Calendar.CalendarDate
  },
  policy: RollOverPolicy = defaultRollOverPolicy
): Deadline => ({
  rule: args.rule,
  what: args.what,
  party: args.party,
  kind: args.kind,
  ...lastDay(args.counted, policy)
})

/**
 * D14: the limit of `span` from `event` for doing a step (`event + span`, inclusive), rolled over.
 *
 * @since 0.1.0
 * @category constructors
 */
export const limit = (
  args: {
    readonly rule: string
    readonly what: string
    readonly party: Party
    readonly kind: Kind
    readonly event: Calendar.CalendarDate
    readonly span: Calendar.Span
  },
  policy: RollOverPolicy = defaultRollOverPolicy
): Deadline =>
  make(
    {
      rule: args.rule,
      what: args.what,
      party: args.party,
      kind: args.kind,
      counted: Calendar.deadline(args.event, args.span)
    },
    policy
  )

/**
 * A date fixed by the parties (the end of works, also as pushed by D11): never rolled over (D14).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fixed = (args: {
  readonly rule: string
  readonly what: string
  readonly party: Party
  readonly due: Calendar.CalendarDate
}): Deadline => ({ rule: args.rule, what: args.what, party: args.party, kind: "obligation", due: args.due })

/**
 * D12: `met` (done on or before the last day), `missed` (an obligation done late or not done by
 * then), `open` (not done and the last day is `asOf` or later), `lapsed` (a right not used in
 * time).
 *
 * @since 0.1.0
 * @category models
 */
export type Status = "met" | "missed" | "open" | "lapsed"

/**
 * D12/D14: the status of `deadline` at `asOf`, the step done on `doneOn` (if it was, by `asOf`).
 *
 * @since 0.1.0
 * @category queries
 */
export const status = (
  deadline: Pick<Deadline, "due" | "kind">,
  doneOn: Calendar.CalendarDate | undefined,
  asOf: Calendar.CalendarDate
): Status =>
  doneOn !== undefined && doneOn <= asOf
    ? Calendar.inTime(doneOn, deadline.due)
      ? "met"
      : deadline.kind === "right"
        ? "lapsed"
        : "missed"
    : asOf <= deadline.due
      ? "open"
      : deadline.kind === "right"
        ? "lapsed"
        : "missed"

/**
 * D12: the deadline as a sentence — a right as a right ("The customer may … until 2025-05-26"),
 * an obligation as an obligation ("The installer must … by 2025-06-09"), with the roll-over.
 *
 * @since 0.1.0
 * @category formatting
 */
export const describe = (deadline: Deadline): string => {
  const who = deadline.party === "customer" ? "The customer" : "The installer"
  const sentence =
    deadline.kind === "right"
      ? `${who} may ${deadline.what} until ${deadline.due} (${deadline.rule})`
      : `${who} must ${deadline.what} by ${deadline.due} (${deadline.rule})`
  return deadline.rolledFrom !== undefined ? `${sentence}; ${deadline.because ?? ""}.` : `${sentence}.`
}

/**
 * The figures a reason shows for a deadline: `lastDay` and, when it rolled over, `rolledFrom`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const figures = (deadline: Deadline): Readonly<Record<string, string>> =>
  deadline.rolledFrom !== undefined
    ? { lastDay: deadline.due, rolledFrom: deadline.rolledFrom }
    : { lastDay: deadline.due }

/**
 * The words a reason adds for a rolled-over last day (`""` when it did not roll).
 *
 * @since 0.1.0
 * @category formatting
 */
export const note = (deadline: Deadline): string =>
  deadline.rolledFrom !== undefined ? ` (${deadline.because ?? `rolled over from ${deadline.rolledFrom}`})` : ""
