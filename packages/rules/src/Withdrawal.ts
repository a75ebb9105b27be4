/**
 * The customer's right of withdrawal (WAL-4c, D7, D14).
 *
 * The printed clause WAL-4c says 7 days from the day after the order, by registered letter. Belgian
 * consumer law (Code of Economic Law, Book VI, art. VI.47–VI.51 — outside law, outside the seeds)
 * overrides it to the customer's benefit, and the library follows the law (D7):
 *
 * - The right exists for contracts concluded off premises or at a distance (`concludedBy`), never
 *   for one concluded on the installer's premises (a trade-fair stand can be those premises).
 * - 14 calendar days (`withdrawalDays`; 7 reproduces the clause). A supply-and-install contract of
 *   goods is a sales contract: the period runs from the day after the customer takes physical
 *   possession of the goods — the day the last component is delivered to the site
 *   (`withdrawalStart: "delivery"`, the default). Until then the right stays open. `"order"`
 *   counts as the printed clause does, `"completion"` from the completion of the installation.
 * - The last day rolls over to the next working day when it is a Saturday, a Sunday or a Belgian
 *   legal holiday (D14: Civil Code Book 1 art. 1.7 and EU Regulation 1182/71 art. 3(4)).
 * - When the customer was not given the legal information (14 days, how to withdraw, the model
 *   form) — no information, or the printed 7-day clause, which is wrong information — the period
 *   ends 12 months after the last day of the initial one, itself rolled over (art. VI.48). If the
 *   legal information is given late, within those 12 months, it ends 14 days after the customer
 *   receives it.
 * - The notice is in time when it is *sent* on or before the last day; any unambiguous statement
 *   is enough (the clause's registered letter may not be required, WAL-5.1.2). A waiver is void.
 *   The right is not lost when the works are completed.
 * - The installer refunds every payment within 14 calendar days of the day it is informed of the
 *   withdrawal (the notice's receipt, or its sending when the receipt is not known), rolled over;
 *   it may hold the refund back until it has collected the goods (art. VI.50). The customer's
 *   liability for a diminished value of the goods and for the direct return costs is out of scope.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import * as Deadline from "./Deadline.js"
import type { Reason } from "./Decision.js"
import * as Decision from "./Decision.js"
import { type Equals, sameType } from "./internal/policy.js"

/**
 * D7: from which event the period counts.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WithdrawalStart = Schema.Literals(["delivery", "order", "completion"])

/**
 * @since 0.1.0
 * @category models
 */
export type WithdrawalStart = typeof WithdrawalStart.Type

/**
 * D7 parameters.
 *
 * - `withdrawalDays`: the period (14 by law; 7 reproduces the clause WAL-4c);
 * - `withdrawalStart`: the event the period counts from (`"delivery"` by default);
 * - `rollOver`: D14 roll-over of the last day (on by default);
 * - `extensionMonths`: the extension when the legal information was not given (12).
 *
 * `withdrawalStart`, `rollOver` and `extensionMonths` are optional so that a policy written before
 * them still reads; absent means the default.
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly withdrawalDays: number
  readonly withdrawalStart?: WithdrawalStart
  readonly rollOver?: boolean
  readonly extensionMonths?: number
}

/**
 * D7: 14 calendar days (the law) from the delivery of the goods, rolled over, 12 months' extension.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  withdrawalDays: 14,
  withdrawalStart: "delivery",
  rollOver: true,
  extensionMonths: 12
}

/**
 * {@link Policy} when it comes from outside (configuration): at least the clause's 7 days.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Schema.Struct({
  withdrawalDays: Schema.Int.check(Schema.isGreaterThanOrEqualTo(7)),
  withdrawalStart: Schema.optional(WithdrawalStart),
  rollOver: Schema.optional(Schema.Boolean),
  extensionMonths: Schema.optional(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)))
})

sameType<Equals<typeof PolicySchema.Type, Policy>>()

const startOf = (policy: Policy): WithdrawalStart => policy.withdrawalStart ?? "delivery"
const rollOverOf = (policy: Policy): Deadline.RollOverPolicy => ({
  rollOver: policy.rollOver ?? true,
  extraClosingDays: []
})

/**
 * How the contract was concluded (D7): only off-premises and distance contracts carry the right.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConcludedBy = Schema.Literals(["on-premises", "off-premises", "distance"])

/**
 * @since 0.1.0
 * @category models
 */
export type ConcludedBy = typeof ConcludedBy.Type

/**
 * D7: what the customer was told about the right: the legal information (14 days, how to
 * exercise it, the model form), the printed 7-day clause of the standard contract (wrong
 * information), or nothing. There is no default.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WithdrawalInformation = Schema.Literals(["legal", "contract-type-7-days", "none"])

/**
 * @since 0.1.0
 * @category models
 */
export type WithdrawalInformation = typeof WithdrawalInformation.Type

/**
 * The facts that fix the withdrawal period (D7). `withdrawalInformation` is required: a missing
 * value is a decode error naming it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Facts = Schema.Struct({
  concludedBy: ConcludedBy,
  orderedOn: Calendar.CalendarDate,
  withdrawalInformation: WithdrawalInformation,
  /** The day the customer received the legal information given late (after the order), if it was. */
  legalInformationReceivedOn: Schema.optional(Calendar.CalendarDate),
  /** The day the last part of the goods (panels, inverters) was delivered to the site. */
  goodsDeliveredOn: Schema.optional(Calendar.CalendarDate),
  /** The day the installation was completed. */
  completedOn: Schema.optional(Calendar.CalendarDate)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Facts = typeof Facts.Type

/**
 * A withdrawal notice and what followed it (D7).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Input = Schema.Struct({
  ...Facts.fields,
  /** The day the notice was sent (any unambiguous statement). */
  sentOn: Calendar.CalendarDate,
  /** The day the installer received the notice, when known (the refund runs from it). */
  receivedOn: Schema.optional(Calendar.CalendarDate),
  /** The day the installer collected the goods, when it has (the refund may wait for it). */
  goodsCollectedOn: Schema.optional(Calendar.CalendarDate),
  /** The customer had signed a waiver of the right (void). */
  waived: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Input = typeof Input.Type

/**
 * The period as the facts fix it.
 *
 * - `Open`: the event the period counts from has not happened yet (goods not delivered, works
 *   not completed): the customer may withdraw at any time;
 * - `Running`: the period ends on `deadline.due` (inclusive).
 *
 * @since 0.1.0
 * @category models
 */
export type Period =
  | { readonly _tag: "Open"; readonly countsFrom: WithdrawalStart; readonly reasons: ReadonlyArray<Reason> }
  | {
      readonly _tag: "Running"
      readonly deadline: Deadline.Deadline
      /** The last day of the initial period (before any extension). */
      readonly initialLastDay: Calendar.CalendarDate
      readonly extended: boolean
      readonly reasons: ReadonlyArray<Reason>
    }

const WHAT = "withdraw from the contract (send the notice)"

const eventOf = (facts: Facts, start: WithdrawalStart): Calendar.CalendarDate | undefined =>
  start === "order" ? facts.orderedOn : start === "delivery" ? facts.goodsDeliveredOn : facts.completedOn

const eventName: Record<WithdrawalStart, string> = {
  delivery: "the delivery of the goods (last part)",
  order: "the order",
  completion: "the completion of the installation"
}

/**
 * D7/D14: the withdrawal period the facts fix (for an off-premises or distance contract).
 *
 * @since 0.1.0
 * @category time limits
 */
export const period = (facts: Facts, policy: Policy = defaultPolicy): Period => {
  const start = startOf(policy)
  const rolling = rollOverOf(policy)
  const event = eventOf(facts, start)
  if (event === undefined) {
    return {
      _tag: "Open",
      countsFrom: start,
      reasons: [
        Decision.reason(
          "D7",
          `The ${policy.withdrawalDays} days count from the day after ${eventName[start]}, which has not happened yet: the customer may withdraw at any time until then.`,
          { withdrawalStart: start, withdrawalDays: policy.withdrawalDays, orderedOn: facts.orderedOn }
        )
      ]
    }
  }
  const initial = Deadline.limit(
    { rule: "D7", what: WHAT, party: "customer", kind: "right", event, span: { days: policy.withdrawalDays } },
    rolling
  )
  const reasons: Array<Reason> = [
    Decision.reason(
      "D7",
      `${policy.withdrawalDays} calendar days from the day after ${eventName[start]} (${event}): the last day is ${initial.due}${Deadline.note(initial)}${policy.withdrawalDays === 14 ? " (the law overrides the clause's 7 days to the customer's benefit)" : ""}.`,
      { withdrawalStart: start, countsFrom: event, withdrawalDays: policy.withdrawalDays, ...Deadline.figures(initial) }
    )
  ]
  if (facts.withdrawalInformation === "legal") {
    return { _tag: "Running", deadline: initial, initialLastDay: initial.due, extended: false, reasons }
  }
  const months = policy.extensionMonths ?? 12
  const extended = Deadline.make(
    { rule: "D7", what: WHAT, party: "customer", kind: "right", counted: Calendar.addMonths(initial.due, months) },
    rolling
  )
  const told =
    facts.withdrawalInformation === "none"
      ? "was not told of the right"
      : "was given only the printed 7-day clause (wrong information)"
  const late = facts.legalInformationReceivedOn
  if (late !== undefined && late <= extended.due) {
    const afterInfo = Deadline.limit(
      { rule: "D7", what: WHAT, party: "customer", kind: "right", event: late, span: { days: policy.withdrawalDays } },
      rolling
    )
    const chosen = afterInfo.due > initial.due ? afterInfo : initial
    reasons.push(
      Decision.reason(
        "D7",
        `The customer ${told}, then received the legal information on ${late}, within the ${months}-month extension: the period ends ${policy.withdrawalDays} days after it, on ${chosen.due}${Deadline.note(chosen)}.`,
        {
          withdrawalInformation: facts.withdrawalInformation,
          legalInformationReceivedOn: late,
          ...Deadline.figures(chosen)
        }
      )
    )
    return { _tag: "Running", deadline: chosen, initialLastDay: initial.due, extended: chosen !== initial, reasons }
  }
  reasons.push(
    Decision.reason(
      "D7",
      `The customer ${told}: the period is extended by ${months} months after its last day ${initial.due}, to ${extended.due}${Deadline.note(extended)}.`,
      {
        withdrawalInformation: facts.withdrawalInformation,
        initialLastDay: initial.due,
        extensionMonths: months,
        ...Deadline.figures(extended)
      }
    )
  )
  return { _tag: "Running", deadline: extended, initialLastDay: initial.due, extended: true, reasons }
}

/**
 * D7: is the withdrawal period open on `on` (a notice sent that day would be in time)? `false` for
 * a contract concluded on the installer's premises, and before the order.
 *
 * @since 0.1.0
 * @category rules
 */
export const isOpenOn = (facts: Facts, on: Calendar.CalendarDate, policy: Policy = defaultPolicy): boolean => {
  if (facts.concludedBy === "on-premises" || on < facts.orderedOn) return false
  const p = period(facts, policy)
  return p._tag === "Open" || Calendar.inTime(on, p.deadline.due)
}

/**
 * D7/D14: the installer's refund of every payment, within 14 calendar days of the day it was
 * informed of the withdrawal (`receivedOn`, else `sentOn`), rolled over.
 *
 * @since 0.1.0
 * @category time limits
 */
export const refundDeadline = (informedOn: Calendar.CalendarDate, policy: Policy = defaultPolicy): Deadline.Deadline =>
  Deadline.limit(
    {
      rule: "D7",
      what: "refund every payment received",
      party: "installer",
      kind: "obligation",
      event: informedOn,
      span: { days: 14 }
    },
    rollOverOf(policy)
  )

/**
 * An accepted withdrawal: the period that applied, and the refund owed by the installer.
 *
 * @since 0.1.0
 * @category models
 */
export interface Withdrawn {
  /** The last day of the period (`undefined` while it had not started to run). */
  readonly deadline: Deadline.Deadline | undefined
  readonly refund: Deadline.Deadline
  /** The installer may hold the refund back until it has collected the goods (not yet collected). */
  readonly refundMayAwaitCollection: boolean
}

/**
 * WAL-4c/D7/D14: is the withdrawal valid? Accepted (the contract ends at no cost to the customer
 * and every payment is refunded) or refused (on-premises contract, notice before the order, or
 * sent after the last day).
 *
 * @since 0.1.0
 * @category rules
 */
export const withdraw = (input: Input, policy: Policy = defaultPolicy): Decision.Decision<Withdrawn> => {
  if (input.concludedBy === "on-premises") {
    return Decision.refuse(
      Decision.reason(
        "WAL-4c",
        "The contract was concluded on the installer's premises: there is no right of withdrawal.",
        { concludedBy: input.concludedBy }
      ),
      Decision.reason(
        "D7",
        "The right exists only for contracts concluded off premises or at a distance (Code of Economic Law, Book VI).",
        { concludedBy: input.concludedBy }
      )
    )
  }
  if (input.sentOn < input.orderedOn) {
    return Decision.refuse(
      Decision.reason("WAL-4c", `The notice (${input.sentOn}) predates the order (${input.orderedOn}).`, {
        sentOn: input.sentOn,
        orderedOn: input.orderedOn
      })
    )
  }
  const p = period(input, policy)
  const notes: Array<Reason> = [...p.reasons]
  if (input.waived === true) {
    notes.push(
      Decision.reason("WAL-4c", "The customer's waiver of the right of withdrawal is void and changes nothing.", {
        waived: true
      })
    )
  }
  if (p._tag === "Running" && !Calendar.inTime(input.sentOn, p.deadline.due)) {
    const [first, ...rest] = notes
    return Decision.refuse(
      Decision.reason(
        "WAL-4c",
        `Notice sent on ${input.sentOn}, after the last day ${p.deadline.due}${Deadline.note(p.deadline)}: too late.`,
        { sentOn: input.sentOn, ...Deadline.figures(p.deadline) }
      ),
      ...(first === undefined ? [] : [first, ...rest])
    )
  }
  const informedOn = input.receivedOn ?? input.sentOn
  const refund14 = refundDeadline(informedOn, policy)
  const delivered = input.goodsDeliveredOn !== undefined
  const collected = input.goodsCollectedOn
  // art. VI.50 §3: the refund may wait until the goods are collected; once they are, it is owed by
  // the later of the 14-day limit and the collection day.
  const refund: Deadline.Deadline =
    delivered && collected !== undefined && collected > refund14.due
      ? { ...Deadline.fixed({ rule: "D7", what: refund14.what, party: "installer", due: collected }) }
      : refund14
  const mayAwait = delivered && collected === undefined
  return Decision.accept(
    { deadline: p._tag === "Running" ? p.deadline : undefined, refund, refundMayAwaitCollection: mayAwait },
    [
      Decision.reason(
        "WAL-4c",
        p._tag === "Running"
          ? `Notice sent on ${input.sentOn}, on or before the last day ${p.deadline.due}: the customer withdraws at no cost.`
          : `Notice sent on ${input.sentOn}, before the period began to run: the customer withdraws at no cost.`,
        { sentOn: input.sentOn, ...(p._tag === "Running" ? Deadline.figures(p.deadline) : {}) }
      ),
      ...notes,
      Decision.reason(
        "D7",
        `The installer must refund every payment received by ${refund.due} (14 days from ${informedOn}, the day it was ${input.receivedOn !== undefined ? "informed" : "sent the notice"}${Deadline.note(refund14)})${mayAwait ? "; it may hold the refund back until it has collected the goods" : collected !== undefined && refund !== refund14 ? `; the goods were collected on ${collected}` : ""}.`,
        {
          informedOn,
          refundDue: refund.due,
          ...(refund14.rolledFrom !== undefined ? { refundRolledFrom: refund14.rolledFrom } : {}),
          refundMayAwaitCollection: mayAwait
        }
      )
    ]
  )
}

// ---------------------------------------------------------------------------------------------
// The earlier API: counted from the order, by the printed clause's reading.
// ---------------------------------------------------------------------------------------------

/**
 * The input of {@link decide}: the order, whether it was off premises, the notice's sending day.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LegacyInput = Schema.Struct({
  orderedOn: Calendar.CalendarDate,
  /** Concluded outside the installer's premises (or at a distance). */
  offPremises: Schema.Boolean,
  /** The day the withdrawal notice was sent. */
  sentOn: Calendar.CalendarDate
})

/**
 * WAL-4c/D7/D14: the last day of a period counted from the order (the clause's reading), rolled
 * over. {@link period} counts as the law does (from the delivery of the goods by default).
 *
 * @since 0.1.0
 * @category time limits
 */
export const deadline = (orderedOn: Calendar.CalendarDate, policy: Policy = defaultPolicy): Deadline.Deadline =>
  Deadline.limit(
    {
      rule: "WAL-4c",
      what: WHAT,
      party: "customer",
      kind: "right",
      event: orderedOn,
      span: { days: policy.withdrawalDays }
    },
    rollOverOf(policy)
  )

/**
 * WAL-4c/D7, counted from the order with the legal information given (the earlier API, kept so
 * that existing callers compile): {@link withdraw} decides as the law does, from the delivery of
 * the goods, with the 12-month extension and the refund.
 *
 * @deprecated use {@link withdraw} with the facts of D7.
 * @since 0.1.0
 * @category rules
 */
export const decide = (
  input: typeof LegacyInput.Type,
  policy: Policy = defaultPolicy
): Decision.Decision<{ readonly deadline: Deadline.Deadline }> => {
  const d = withdraw(
    {
      concludedBy: input.offPremises ? "off-premises" : "on-premises",
      orderedOn: input.orderedOn,
      withdrawalInformation: "legal",
      sentOn: input.sentOn
    },
    { ...policy, withdrawalStart: "order" }
  )
  if (Decision.isRefused(d)) return d
  return Decision.accept({ deadline: d.value.deadline ?? deadline(input.orderedOn, policy) }, d.reasons)
}
