/**
 * Late payment of an invoice under a Walloon standard contract (WAL-5.4.2, D8, D14), read as a
 * consumer clause and under Book XIX of the Code of Economic Law (consumer debts, law of 4 May 2023
 * — outside law, outside the seeds).
 *
 * - An invoice is due 15 calendar days after it is received; the last day rolls over to the next
 *   working day when it is a Saturday, a Sunday or a Belgian legal holiday (D14, Civil Code
 *   Book 1 art. 1.7).
 * - Unpaid after the due date: a lump 5% of what is still unpaid on the day the charge becomes
 *   claimable (the day after the due date, or after the Book XIX period), owed once, outside VAT
 *   (damages, D10).
 * - Interest 5% a year, simple, actual/365, half-up to the cent, on each unpaid sum day by day,
 *   *only for the delay beyond the first month* (the reading most favourable to the consumer, Code
 *   of Economic Law VI.37): days = payment day − (due + 1 calendar month). Policy
 *   `interestFrom: "due-date"` is the other reading (once more than a month late, from the due date).
 * - Book XIX applies to contracts concluded from 2023-09-01, and to older contracts for sums
 *   falling due from 2023-12-01 (policy `bookXixScope: "broad"`: a payment default from
 *   2023-09-01 recovered from 2023-12-01 — the reading of most commentaries; uncertain). Then:
 *   no lump and no interest until a free first reminder carrying the legal mentions has been sent
 *   and its 14-day period has ended. The period begins on the third *jour ouvrable* after a letter
 *   is posted (Monday to Friday, not a Belgian legal holiday), or on the day after an e-mail is
 *   sent; its last day is that day + 13, rolled over; charges run from the next day. Interest days
 *   then count from the later of (due + 1 month) and the period's last day. The lump is capped per
 *   unpaid sum (€20 up to €150; €30 + 10% of the part above €150 up to €500; €65 + 5% of the part
 *   above €500, at most €2,000); where the clause's 5% exceeds the cap the clause is void for that
 *   sum and no lump is owed on it. No reminder fees: the standard contract provides none.
 * - Debts survive the contract: after a termination or a rescission, charges that had become
 *   claimable before the end stay owed, counted up to the end date; after a withdrawal (or a void
 *   contract) no late charge survives.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import * as Deadline from "./Deadline.js"
import type { Reason } from "./Decision.js"
import * as Decision from "./Decision.js"
import * as Holidays from "./Holidays.js"
import { type Equals, Percentage, PositiveInt, sameType } from "./internal/policy.js"
import * as Money from "./Money.js"

/**
 * Late-payment parameters (D8, D14).
 *
 * - `paymentDays`: WAL-5.4.2, 15 days after receipt;
 * - `lumpBp`, `annualInterestBp`: WAL-5.4.2, 5% and 5% a year;
 * - `interestFrom`: `"beyond-first-month"` (default, D8) or `"due-date"`;
 * - `bookXixFrom`: contracts concluded on or after it are under Book XIX (2023-09-01);
 * - `bookXixOlderContractsDueFrom`: older contracts, sums falling due on or after it (2023-12-01);
 * - `bookXixScope`: `"due-date"` (default) or `"broad"` (a default from `bookXixFrom`, recovered
 *   from `bookXixOlderContractsDueFrom`);
 * - `bookXixGraceDays`: the reminder's period (14 days);
 * - `bookXixCaps`: apply Book XIX's caps on the lump (on);
 * - `rollOver`: D14 roll-over of the due date and the reminder period (on);
 * - `holidays`: extra closing days, added to the Belgian legal holidays.
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly paymentDays: number
  readonly lumpBp: number
  readonly annualInterestBp: number
  readonly interestFrom: "beyond-first-month" | "due-date"
  readonly bookXixFrom: Calendar.CalendarDate
  readonly bookXixOlderContractsDueFrom: Calendar.CalendarDate
  readonly bookXixScope: "due-date" | "broad"
  readonly bookXixGraceDays: number
  readonly bookXixCaps: boolean
  readonly rollOver: boolean
  /** Extra closing days (not *jours ouvrables*, and last days roll over from them). */
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
  interestFrom: "beyond-first-month",
  bookXixFrom: "2023-09-01",
  bookXixOlderContractsDueFrom: "2023-12-01",
  bookXixScope: "due-date",
  bookXixGraceDays: 14,
  bookXixCaps: true,
  rollOver: true,
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
  interestFrom: Schema.Literals(["beyond-first-month", "due-date"]),
  bookXixFrom: Calendar.CalendarDate,
  bookXixOlderContractsDueFrom: Calendar.CalendarDate,
  bookXixScope: Schema.Literals(["due-date", "broad"]),
  bookXixGraceDays: PositiveInt,
  bookXixCaps: Schema.Boolean,
  rollOver: Schema.Boolean,
  holidays: Schema.Array(Calendar.CalendarDate)
})

sameType<Equals<typeof PolicySchema.Type, Policy>>()

/**
 * The first reminder (Book XIX): when it was sent, how, and whether it carried the legal mentions
 * (the amount due, the indemnity that will be charged, the creditor's name and company number,
 * what it is for and its due date, the 14-day period). A reminder whose `legalMentions` is not
 * `true` starts nothing (absent means not recorded).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reminder = Schema.Struct({
  sentOn: Calendar.CalendarDate,
  channel: Schema.Literals(["post", "email"]),
  legalMentions: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Reminder = typeof Reminder.Type

/**
 * Paid (the rest) on a date, or still unpaid when evaluated.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Status = Schema.Union([
  Schema.TaggedStruct("Paid", { paidOn: Calendar.CalendarDate }),
  Schema.TaggedStruct("Unpaid", { evaluatedOn: Calendar.CalendarDate })
])

/**
 * A part of the invoice paid on a day.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Payment = Schema.Struct({ paidOn: Calendar.CalendarDate, cents: Money.NonNegativeCents })

/**
 * How the contract ended, when it did (D8: debts survive a termination or a rescission; nothing
 * survives a withdrawal or a void contract).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Ended = Schema.Struct({
  on: Calendar.CalendarDate,
  by: Schema.Literals(["termination", "rescission", "withdrawal", "voided"])
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const Input = Schema.Struct({
  contractConcludedOn: Calendar.CalendarDate,
  invoiceInclCents: Money.NonNegativeCents,
  receivedOn: Calendar.CalendarDate,
  /** `Paid`: what is still unpaid after `payments` is paid on `paidOn`; `Unpaid`: evaluated on a day. */
  status: Status,
  /** Parts paid before `status` (in any order); parts after the payment or evaluation day are ignored. */
  payments: Schema.optional(Schema.Array(Payment)),
  reminder: Schema.optional(Reminder),
  contractEnded: Schema.optional(Ended)
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
  readonly deadlines: ReadonlyArray<Deadline.Deadline>
  /** D10: the charges are damages, owed outside VAT. */
  readonly lump: Money.Based
  readonly interest: Money.Based
  /** D8: Book XIX applies to this sum. */
  readonly bookXix: boolean
  /** The first day charges may be claimed (after the due date, or after the Book XIX period). */
  readonly claimableFrom: Calendar.CalendarDate | undefined
  /** What was unpaid on the day the charge became claimable (the lump's base). */
  readonly lumpBaseCents: number
  /** Book XIX's cap on the lump for that sum, when it applies. */
  readonly lumpCapCents: number | undefined
  /** Interest days run from the day after this date. */
  readonly interestFrom: Calendar.CalendarDate | undefined
  /** Cent-days of interest (Σ unpaid cents × days), the exact base of the interest. */
  readonly interestCentDays: number
}

const calendarOf = (policy: Policy): Holidays.HolidayCalendar =>
  Deadline.calendarOf({ extraClosingDays: policy.holidays })
const rolling = (policy: Policy): Deadline.RollOverPolicy => ({
  rollOver: policy.rollOver,
  extraClosingDays: policy.holidays
})

/**
 * WAL-5.4.2/D14: the due date of an invoice received on `receivedOn`, rolled over.
 *
 * @since 0.1.0
 * @category time limits
 */
export const dueDate = (receivedOn: Calendar.CalendarDate, policy: Policy = defaultPolicy): Deadline.Deadline =>
  Deadline.limit(
    {
      rule: "WAL-5.4.2",
      what: "pay the invoice",
      party: "customer",
      kind: "obligation",
      event: receivedOn,
      span: { days: policy.paymentDays }
    },
    rolling(policy)
  )

/**
 * D8/D14/Book XIX: the reminder's period. It begins on the third *jour ouvrable* after a letter is
 * posted, or on the day after an e-mail is sent; its last day is that day + 13 (14 days), rolled
 * over. Charges may be claimed from the next day.
 *
 * @since 0.1.0
 * @category time limits
 */
export const reminderPeriod = (
  reminder: { readonly sentOn: string; readonly channel: "post" | "email" },
  policy: Policy = defaultPolicy
): Deadline.Deadline & { readonly begins: Calendar.CalendarDate } => {
  const begins =
    reminder.channel === "post"
      ? Holidays.addWorkingDays(reminder.sentOn, 3, calendarOf(policy))
      : Calendar.addDays(reminder.sentOn, 1)
  return {
    ...Deadline.make(
      {
        rule: "D8",
        what: "pay after the first reminder without late charges",
        party: "customer",
        kind: "right",
        counted: Calendar.addDays(begins, policy.bookXixGraceDays - 1)
      },
      rolling(policy)
    ),
    begins
  }
}

/**
 * D8/Book XIX: the last day of the reminder's period (see {@link reminderPeriod}).
 *
 * @since 0.1.0
 * @category time limits
 */
export const reminderGraceEnd = (
  reminder: { readonly sentOn: string; readonly channel: "post" | "email" },
  policy: Policy = defaultPolicy
): Calendar.CalendarDate => reminderPeriod(reminder, policy).due

/**
 * D8/Book XIX: the cap on the lump charge for an unpaid sum, in cents (rounded down): €20.00 up to
 * €150.00; €30.00 + 10% of the part above €150.00 up to €500.00; €65.00 + 5% of the part above
 * €500.00, at most €2,000.00.
 *
 * @since 0.1.0
 * @category rules
 */
export const bookXixLumpCap = (unpaidCents: number): number =>
  unpaidCents <= 15_000
    ? 2_000
    : unpaidCents <= 50_000
      ? 3_000 + Math.floor((unpaidCents - 15_000) / 10)
      : Math.min(6_500 + Math.floor((unpaidCents - 50_000) / 20), 200_000)

/** Exact: is `bp` of `cents` above the Book XIX cap (compared before any rounding)? */
const exceedsCap = (cents: number, bp: number): boolean => {
  const share = BigInt(cents) * BigInt(bp) // in 1/10 000 cent
  const u = BigInt(cents)
  const cap =
    cents <= 15_000
      ? 2_000n * 10_000n
      : cents <= 50_000
        ? 3_000n * 10_000n + (u - 15_000n) * 1_000n
        : 6_500n * 10_000n + (u - 50_000n) * 500n < 200_000n * 10_000n
          ? 6_500n * 10_000n + (u - 50_000n) * 500n
          : 200_000n * 10_000n
  return share > cap
}

const roundInterest = (centDays: bigint, annualBp: number): number => {
  const num = centDays * BigInt(annualBp)
  const den = 10_000n * 365n
  return Number((2n * num + den) / (2n * den))
}

const bookXixApplies = (
  input: Input,
  due: Calendar.CalendarDate,
  at: Calendar.CalendarDate,
  policy: Policy
): { readonly applies: boolean; readonly reason: Reason } => {
  if (input.contractConcludedOn >= policy.bookXixFrom) {
    return {
      applies: true,
      reason: Decision.reason(
        "D8",
        `Book XIX applies: the contract was concluded on ${input.contractConcludedOn}, on or after ${policy.bookXixFrom}.`,
        { contractConcludedOn: input.contractConcludedOn, bookXixFrom: policy.bookXixFrom }
      )
    }
  }
  if (policy.bookXixScope === "broad") {
    const defaultOn = Calendar.addDays(due, 1)
    const applies = defaultOn >= policy.bookXixFrom && at >= policy.bookXixOlderContractsDueFrom
    return {
      applies,
      reason: Decision.reason(
        "D8",
        applies
          ? `Book XIX applies (broad reading): the payment default began on ${defaultOn}, on or after ${policy.bookXixFrom}, and is recovered from ${policy.bookXixOlderContractsDueFrom}.`
          : `Book XIX does not apply (broad reading): the default began on ${defaultOn} and is recovered on ${at}.`,
        { contractConcludedOn: input.contractConcludedOn, defaultOn, at, bookXixScope: "broad" }
      )
    }
  }
  const applies = due >= policy.bookXixOlderContractsDueFrom
  return {
    applies,
    reason: Decision.reason(
      "D8",
      applies
        ? `Book XIX applies: the contract predates ${policy.bookXixFrom}, but the sum falls due on ${due}, on or after ${policy.bookXixOlderContractsDueFrom}.`
        : `Book XIX does not apply: the contract was concluded on ${input.contractConcludedOn} and the sum fell due on ${due}, before ${policy.bookXixOlderContractsDueFrom}.`,
      {
        contractConcludedOn: input.contractConcludedOn,
        dueOn: due,
        bookXixFrom: policy.bookXixFrom,
        bookXixOlderContractsDueFrom: policy.bookXixOlderContractsDueFrom
      }
    )
  }
}

/**
 * WAL-5.4.2/D8: the late-payment charges owed at the payment date (or at the evaluation date while
 * unpaid). Always accepted: the value says what is owed and the reasons say why — and which rule
 * held a charge back.
 *
 * @since 0.1.0
 * @category rules
 */
export const charges = (input: Input, policy: Policy = defaultPolicy): Decision.Accepted<Charges> => {
  const due = dueDate(input.receivedOn, policy)
  const statusAt = input.status._tag === "Paid" ? input.status.paidOn : input.status.evaluatedOn
  const ended = input.contractEnded
  // After a termination or rescission, charges are counted up to the end date (D8).
  const at = ended !== undefined && ended.on < statusAt ? ended.on : statusAt
  const deadlines: Array<Deadline.Deadline> = [due]
  const reasons: Array<Reason> = []
  const daysLate = Math.max(0, Calendar.daysBetween(due.due, statusAt))

  // The sums: each part paid (up to `at`) and, for `Paid`, the rest on `paidOn`; unpaid at `at` otherwise.
  const parts = [...(input.payments ?? [])]
    .filter((p) => p.paidOn <= at)
    .sort((a, b) => Calendar.compare(a.paidOn, b.paidOn))
  const sums: Array<{ readonly cents: number; readonly paidOn: Calendar.CalendarDate | undefined }> = []
  let left = input.invoiceInclCents
  for (const p of parts) {
    const cents = Math.min(p.cents, left)
    if (cents > 0) sums.push({ cents, paidOn: p.paidOn })
    left -= cents
  }
  if (left > 0) {
    const paidRest = input.status._tag === "Paid" && input.status.paidOn <= at
    sums.push({ cents: left, paidOn: paidRest ? statusAt : undefined })
  }
  const unpaidAfter = (day: Calendar.CalendarDate): number =>
    sums.filter((s) => s.paidOn === undefined || s.paidOn > day).reduce((a, s) => a + s.cents, 0)

  const result = (
    fields: Partial<Omit<Charges, "dueOn" | "daysLate" | "deadlines">> & { readonly heldBackBy: string | undefined }
  ): Decision.Accepted<Charges> => {
    const lumpCents = fields.lumpCents ?? 0
    const interestCents = fields.interestCents ?? 0
    return Decision.accept(
      {
        dueOn: due.due,
        daysLate,
        lumpCents,
        interestCents,
        totalChargesCents: lumpCents + interestCents,
        heldBackBy: fields.heldBackBy,
        deadlines,
        lump: Money.outside(lumpCents),
        interest: Money.outside(interestCents),
        bookXix: fields.bookXix ?? false,
        claimableFrom: fields.claimableFrom,
        lumpBaseCents: fields.lumpBaseCents ?? 0,
        lumpCapCents: fields.lumpCapCents,
        interestFrom: fields.interestFrom,
        interestCentDays: fields.interestCentDays ?? 0
      },
      reasons
    )
  }

  if (ended !== undefined && (ended.by === "withdrawal" || ended.by === "voided") && ended.on <= statusAt) {
    reasons.push(
      Decision.reason(
        "D8",
        `The contract ended by ${ended.by === "withdrawal" ? "withdrawal" : "being void"} on ${ended.on}: no late charge survives it (D7).`,
        { endedOn: ended.on, endedBy: ended.by }
      )
    )
    return result({ heldBackBy: "D8" })
  }

  if (unpaidAfter(due.due) === 0) {
    reasons.push(
      Decision.reason("WAL-5.4.2", `Paid on or before the due date ${due.due}${Deadline.note(due)}: no charge.`, {
        receivedOn: input.receivedOn,
        ...Deadline.figures(due),
        dueOn: due.due,
        at: statusAt
      })
    )
    return result({ heldBackBy: undefined })
  }
  if (Calendar.inTime(at, due.due)) {
    reasons.push(
      Decision.reason("WAL-5.4.2", `On ${at}, not yet after the due date ${due.due}${Deadline.note(due)}: no charge.`, {
        ...Deadline.figures(due),
        dueOn: due.due,
        at
      })
    )
    return result({ heldBackBy: undefined })
  }

  // The last day before charges may be claimed: the due date, or the end of the Book XIX period.
  let lastFreeDay = due.due
  const scope = bookXixApplies(input, due.due, at, policy)
  reasons.push(scope.reason)
  if (scope.applies) {
    const r = input.reminder
    if (r === undefined || r.sentOn > at) {
      reasons.push(
        Decision.reason(
          "D8",
          "Book XIX: no lump charge and no interest before a free first reminder has been sent and its 14-day period has ended; none has been sent.",
          { reminderSent: false, at }
        )
      )
      return result({ heldBackBy: "D8", bookXix: true })
    }
    if (r.legalMentions !== true) {
      reasons.push(
        Decision.reason(
          "D8",
          `Book XIX: the reminder of ${r.sentOn} is not recorded as carrying the legal mentions (amount due, indemnity, creditor's name and company number, what it is for and its due date, the 14-day period): it starts no period and no charge is owed.`,
          { reminderSentOn: r.sentOn, legalMentions: r.legalMentions ?? false }
        )
      )
      return result({ heldBackBy: "D8", bookXix: true })
    }
    if (r.sentOn <= due.due) {
      reasons.push(
        Decision.reason(
          "D8",
          `Book XIX: the reminder of ${r.sentOn} was sent on or before the due date ${due.due}; a reminder of an unpaid sum can only follow it. No charge is owed.`,
          { reminderSentOn: r.sentOn, dueOn: due.due }
        )
      )
      return result({ heldBackBy: "D8", bookXix: true })
    }
    const period = reminderPeriod(r, policy)
    deadlines.push(period)
    if (Calendar.inTime(at, period.due) || unpaidAfter(period.due) === 0) {
      reasons.push(
        Decision.reason(
          "D8",
          `Book XIX: the first reminder (${r.channel}, ${r.sentOn}) leaves ${policy.bookXixGraceDays} days, ${period.begins} to ${period.due}${Deadline.note(period)}; ${unpaidAfter(period.due) === 0 ? "the sum was paid within them: no charge" : `on ${at} the charges are held back`}.`,
          {
            reminderSentOn: r.sentOn,
            channel: r.channel,
            periodBegins: period.begins,
            graceEnd: period.due,
            ...(period.rolledFrom !== undefined ? { rolledFrom: period.rolledFrom } : {}),
            at
          }
        )
      )
      return result({ heldBackBy: "D8", bookXix: true })
    }
    reasons.push(
      Decision.reason(
        "D8",
        `Book XIX: the period after the first reminder (${r.channel}, ${r.sentOn}) ran ${period.begins} to ${period.due}${Deadline.note(period)}; charges may be claimed from ${Calendar.addDays(period.due, 1)}. No reminder fees: the contract provides none.`,
        {
          reminderSentOn: r.sentOn,
          channel: r.channel,
          periodBegins: period.begins,
          graceEnd: period.due,
          reminderFeesCents: 0
        }
      )
    )
    lastFreeDay = period.due
  }
  const claimableFrom = Calendar.addDays(lastFreeDay, 1)
  if (ended !== undefined && claimableFrom > ended.on) {
    reasons.push(
      Decision.reason(
        "D8",
        `The contract ended (${ended.by}) on ${ended.on}, before the charges became claimable on ${claimableFrom}: none is owed on this invoice.`,
        { endedOn: ended.on, claimableFrom }
      )
    )
    return result({ heldBackBy: "D8", bookXix: scope.applies, claimableFrom })
  }

  // The lump: 5% of what was unpaid on the day the charge became claimable, capped by Book XIX.
  const lumpBase = unpaidAfter(lastFreeDay)
  const clauseLump = Money.percentOf(lumpBase, policy.lumpBp)
  let lumpCents = clauseLump
  let lumpCap: number | undefined
  if (scope.applies && policy.bookXixCaps) {
    lumpCap = bookXixLumpCap(lumpBase)
    if (exceedsCap(lumpBase, policy.lumpBp)) {
      lumpCents = 0
      reasons.push(
        Decision.reason(
          "D8",
          `Book XIX: the clause's ${policy.lumpBp / 100}% of ${Money.format(lumpBase)} (${Money.format(clauseLump)}) exceeds the cap of ${Money.format(lumpCap)} for this sum: the clause is void for it and no lump charge is owed.`,
          { lumpBaseCents: lumpBase, clauseLumpCents: clauseLump, lumpCapCents: lumpCap, lumpCents: 0 }
        )
      )
    } else {
      reasons.push(
        Decision.reason(
          "WAL-5.4.2",
          `A lump ${policy.lumpBp / 100}% of ${Money.format(lumpBase)} unpaid on ${claimableFrom} = ${Money.format(lumpCents)}, outside VAT, within Book XIX's cap of ${Money.format(lumpCap)} (D8).`,
          { lumpBaseCents: lumpBase, lumpBp: policy.lumpBp, lumpCents, lumpCapCents: lumpCap, claimableFrom }
        )
      )
    }
  } else {
    reasons.push(
      Decision.reason(
        "WAL-5.4.2",
        `Unpaid after the due date ${due.due}: a lump ${policy.lumpBp / 100}% of the ${Money.format(lumpBase)} unpaid on ${claimableFrom} = ${Money.format(lumpCents)}, outside VAT.`,
        {
          invoiceInclCents: input.invoiceInclCents,
          lumpBaseCents: lumpBase,
          lumpBp: policy.lumpBp,
          lumpCents,
          claimableFrom
        }
      )
    )
  }

  // Interest, day by day on each unpaid sum.
  const monthAfterDue = Calendar.addMonths(due.due, 1)
  let interestFrom: Calendar.CalendarDate | undefined
  if (policy.interestFrom === "beyond-first-month") {
    interestFrom = Calendar.max(monthAfterDue, lastFreeDay)
  } else {
    interestFrom = at > monthAfterDue ? lastFreeDay : undefined
  }
  let centDays = 0n
  if (interestFrom !== undefined) {
    for (const s of sums) {
      const until = s.paidOn ?? at
      const days = Math.max(0, Calendar.daysBetween(interestFrom, until))
      centDays += BigInt(s.cents) * BigInt(days)
    }
  }
  const interestCents = roundInterest(centDays, policy.annualInterestBp)
  if (interestFrom !== undefined && centDays > 0n) {
    reasons.push(
      Decision.reason(
        "D8",
        policy.interestFrom === "beyond-first-month"
          ? `Interest ${policy.annualInterestBp / 100}% a year only for the delay beyond the first month: from ${Calendar.addDays(interestFrom, 1)} (the day after ${interestFrom === monthAfterDue ? "due + 1 month" : "the Book XIX period"}) to ${at}, on each unpaid sum day by day, actual/365, half-up = ${Money.format(interestCents)}, outside VAT.`
          : `More than one calendar month late (after ${monthAfterDue}): ${policy.annualInterestBp / 100}% a year from ${Calendar.addDays(interestFrom, 1)} to ${at} on each unpaid sum, actual/365, half-up = ${Money.format(interestCents)}, outside VAT.`,
        {
          annualInterestBp: policy.annualInterestBp,
          monthAfterDue,
          fromDate: interestFrom,
          toDate: at,
          days: Calendar.daysBetween(interestFrom, at),
          centDays: Number(centDays),
          interestCents
        }
      )
    )
  } else {
    reasons.push(
      Decision.reason(
        "WAL-5.4.2",
        `No interest: none of the sum stayed unpaid beyond ${interestFrom ?? monthAfterDue} (the first month of delay${scope.applies ? " or the Book XIX period" : ""}).`,
        { monthAfterDue, at }
      )
    )
  }
  if (ended !== undefined && ended.on < statusAt) {
    reasons.push(
      Decision.reason(
        "D8",
        `The contract ended (${ended.by}) on ${ended.on}: the charges are counted up to that day.`,
        {
          endedOn: ended.on,
          endedBy: ended.by
        }
      )
    )
  }
  return result({
    heldBackBy: undefined,
    lumpCents,
    interestCents,
    bookXix: scope.applies,
    claimableFrom,
    lumpBaseCents: lumpBase,
    lumpCapCents: lumpCap,
    interestFrom,
    interestCentDays: Number(centDays)
  })
}
