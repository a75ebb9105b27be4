/**
 * Late payment of an invoice under a Walloon standard contract (WAL-5.4.2, D8).
 *
 * - An invoice is due 15 calendar days after the customer receives it (D14: received + 15).
 * - Unpaid after the due date: a lump 5% of the overdue invoice, owed once.
 * - More than one calendar month late (paid or evaluated after due + 1 month): simple interest
 *   at 5% a year on the invoice, from the due date, actual days / 365, rounded half-up to the cent.
 * - Contracts concluded on or after 2023-09-01 (Code of Economic Law, Book XIX, D8): no charge at
 *   all until a free first reminder has been sent and 14 calendar days have passed from the third
 *   business day after it was posted (or from the day after it was e-mailed). The charges are
 *   held back while that period runs, and the reason says so. (Book XIX's own caps on the lump
 *   charge are not modelled.)
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Deadline, Reason } from "./Decision.js"
import * as Decision from "./Decision.js"
import * as Calendar from "./Calendar.js"
import { type Equals, Percentage, PositiveInt, sameType } from "./internal/policy.js"
import * as Money from "./Money.js"

/**
 * Late-payment parameters (D8).
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly paymentDays: number
  readonly lumpBp: number
  readonly annualInterestBp: number
  readonly bookXixFrom: Calendar.CalendarDate
  readonly bookXixGraceDays: number
  /** Public holidays that are not business days when counting the third business day. */
  readonly holidays: ReadonlyArray<Calendar.CalendarDate>
}

/**
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  paymentDays: 15,
  lumpBp: 500,
  annualInterestBp: 500,
  bookXixFrom: "2023-09-01",
  bookXixGraceDays: 14,
  holidays: []
}

/**
 * {@link Policy} when it comes from outside (e.g. a partner tool's settings): positive day counts,
 * rates in basis points from 0 to 10 000, calendar dates.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Schema.Struct({
  paymentDays: PositiveInt,
  lumpBp: Percentage,
  annualInterestBp: Percentage,
  bookXixFrom: Calendar.CalendarDate,
  bookXixGraceDays: PositiveInt,
  holidays: Schema.Array(Calendar.CalendarDate)
})

sameType<Equals<typeof PolicySchema.Type, Policy>>()

/**
 * The first reminder (Book XIX): when it was sent and how.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reminder = Schema.Struct({
  sentOn: Calendar.CalendarDate,
  channel: Schema.Literals(["post", "email"])
})

/**
 * Paid on a date, or still unpaid when evaluated.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Status = Schema.Union([
  Schema.TaggedStruct("Paid", { paidOn: Calendar.CalendarDate }),
  Schema.TaggedStruct("Unpaid", { evaluatedOn: Calendar.CalendarDate })
])

/**
 * @since 0.1.0
 * @category schemas
 */
export const Input = Schema.Struct({
  contractConcludedOn: Calendar.CalendarDate,
  invoiceInclCents: Money.NonNegativeCents,
  receivedOn: Calendar.CalendarDate,
  status: Status,
  reminder: Schema.optional(Reminder)
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
export interface Charges {
  readonly dueOn: Calendar.CalendarDate
  /** Days from the due date to the payment (or evaluation) date, 0 when in time. */
  readonly daysLate: number
  readonly lumpCents: number
  readonly interestCents: number
  readonly totalChargesCents: number
  /** The rule that held the charges back, if any (`D8`). */
  readonly heldBackBy: string | undefined
  readonly deadlines: ReadonlyArray<Deadline>
}

const interest = (principal: number, annualBp: number, days: number): number => {
  const num = BigInt(principal) * BigInt(annualBp) * BigInt(days)
  const den = 10_000n * 365n
  return Number((2n * num + den) / (2n * den))
}

/**
 * Book XIX: the third business day (Mon–Fri, not a holiday) after `date`.
 */
const thirdBusinessDayAfter = (date: Calendar.CalendarDate, holidays: ReadonlyArray<string>): Calendar.CalendarDate => {
  let d = date
  let count = 0
  while (count < 3) {
    d = Calendar.addDays(d, 1)
    if (Calendar.dayOfWeek(d) <= 5 && !holidays.includes(d)) count++
  }
  return d
}

/**
 * D8/Book XIX: the last day of the period after the first reminder during which no charge may be
 * claimed.
 *
 * @since 0.1.0
 * @category time limits
 */
export const reminderGraceEnd = (
  reminder: { readonly sentOn: string; readonly channel: "post" | "email" },
  policy: Policy = defaultPolicy
): Calendar.CalendarDate => {
  const start =
    reminder.channel === "post"
      ? thirdBusinessDayAfter(reminder.sentOn, policy.holidays)
      : Calendar.addDays(reminder.sentOn, 1)
  return Calendar.deadline(start, { days: policy.bookXixGraceDays })
}

/**
 * WAL-5.4.2: the due date of an invoice received on `receivedOn`.
 *
 * @since 0.1.0
 * @category time limits
 */
export const dueDate = (receivedOn: Calendar.CalendarDate, policy: Policy = defaultPolicy): Deadline => ({
  rule: "WAL-5.4.2",
  what: "pay the invoice",
  due: Calendar.deadline(receivedOn, { days: policy.paymentDays })
})

/**
 * WAL-5.4.2/D8: the late-payment charges owed at the payment date (or at the evaluation date while
 * unpaid). Always accepted: the value says what is owed and the reasons say why.
 *
 * @since 0.1.0
 * @category rules
 */
export const charges = (input: Input, policy: Policy = defaultPolicy): Decision.Accepted<Charges> => {
  const due = dueDate(input.receivedOn, policy)
  const at = input.status._tag === "Paid" ? input.status.paidOn : input.status.evaluatedOn
  const deadlines: Array<Deadline> = [due]
  const reasons: Array<Reason> = []
  const daysLate = Math.max(0, Calendar.daysBetween(due.due, at))
  const none = (heldBackBy: string | undefined): Decision.Accepted<Charges> =>
    Decision.accept(
      { dueOn: due.due, daysLate, lumpCents: 0, interestCents: 0, totalChargesCents: 0, heldBackBy, deadlines },
      reasons
    )

  if (Calendar.inTime(at, due.due)) {
    reasons.push(
      Decision.reason("WAL-5.4.2", `Paid (or evaluated) on ${at}, on or before the due date ${due.due}: no charge.`, {
        receivedOn: input.receivedOn,
        dueOn: due.due,
        at
      })
    )
    return none(undefined)
  }

  if (input.contractConcludedOn >= policy.bookXixFrom) {
    if (input.reminder === undefined) {
      reasons.push(
        Decision.reason(
          "D8",
          `Contract concluded on ${input.contractConcludedOn}, on or after ${policy.bookXixFrom}: under Book XIX no charge is owed before a free first reminder has been sent, and none has been.`,
          {
            contractConcludedOn: input.contractConcludedOn,
            bookXixFrom: policy.bookXixFrom,
            at
          }
        )
      )
      return none("D8")
    }
    const graceEnd = reminderGraceEnd(input.reminder, policy)
    deadlines.push({ rule: "D8", what: "pay without charges after the first reminder", due: graceEnd })
    if (Calendar.inTime(at, graceEnd)) {
      reasons.push(
        Decision.reason(
          "D8",
          `Book XIX: the first reminder (${input.reminder.channel}, ${input.reminder.sentOn}) leaves ${policy.bookXixGraceDays} days, until ${graceEnd}; on ${at} the charges are held back.`,
          {
            reminderSentOn: input.reminder.sentOn,
            channel: input.reminder.channel,
            graceEnd,
            at
          }
        )
      )
      return none("D8")
    }
    reasons.push(
      Decision.reason(
        "D8",
        `Book XIX: the period after the first reminder ended on ${graceEnd}; charges may be claimed.`,
        {
          reminderSentOn: input.reminder.sentOn,
          graceEnd
        }
      )
    )
  }

  const lump = Money.percentOf(input.invoiceInclCents, policy.lumpBp)
  reasons.push(
    Decision.reason(
      "WAL-5.4.2",
      `Unpaid after the due date ${due.due}: a lump ${policy.lumpBp / 100}% of the invoice is owed.`,
      {
        invoiceInclCents: input.invoiceInclCents,
        lumpBp: policy.lumpBp,
        lumpCents: lump
      }
    )
  )
  const monthAfterDue = Calendar.addMonths(due.due, 1)
  let interestCents = 0
  if (at > monthAfterDue) {
    interestCents = interest(input.invoiceInclCents, policy.annualInterestBp, daysLate)
    reasons.push(
      Decision.reason(
        "D8",
        `More than one calendar month late (after ${monthAfterDue}): ${policy.annualInterestBp / 100}% a year for ${daysLate} days from ${due.due}, actual/365, half-up.`,
        {
          principalCents: input.invoiceInclCents,
          annualInterestBp: policy.annualInterestBp,
          fromDate: due.due,
          toDate: at,
          days: daysLate,
          interestCents
        }
      )
    )
  } else {
    reasons.push(
      Decision.reason("WAL-5.4.2", `Not more than one calendar month late (until ${monthAfterDue}): no interest yet.`, {
        monthAfterDue,
        at
      })
    )
  }
  return Decision.accept(
    {
      dueOn: due.due,
      daysLate,
      lumpCents: lump,
      interestCents,
      totalChargesCents: lump + interestCents,
      heldBackBy: undefined,
      deadlines
    },
    reasons
  )
}
