/**
 * Ending a Walloon standard contract (WAL-5.14.1..4, WAL-5.6.2, WAL-5.10, D14).
 *
 * - WAL-5.14.1: every termination or rescission is notified by registered letter.
 * - WAL-5.14.2: the customer may terminate at any time and owes the works done, the expenses, and
 *   10% of the value of the works not done (lost profit).
 * - WAL-5.6.2 (studies found necessary but not named in the specification) and WAL-5.10 (a
 *   component cannot be installed in time): the customer terminates without indemnity, paying the
 *   works done and expenses to that day.
 * - WAL-5.14.3: the installer may terminate when the customer refuses works the studies found
 *   indispensable; the customer owes only the costs and materials used.
 * - WAL-5.14.4: after a registered formal notice citing the article has gone unanswered for at
 *   least 20 calendar days, the other party may rescind; the injured party is owed 10% of the price
 *   excl. VAT. D14 (waiting period): the 20 days run from the day after the notice is *sent* and
 *   end on notice + 20, rolled over to the next working day when that day is a Saturday, a Sunday
 *   or a Belgian legal holiday (Civil Code Book 1, art. 1.7 — outside law); the rescission is
 *   allowed from the next day.
 * - D10: every amount says its basis. Works done and expenses are supplies, owed incl. VAT; the
 *   lost profit (10% of the works not done, excl. VAT) and the rescission indemnity (10% of the
 *   price excl. VAT) are damages, owed outside VAT (no VAT added; a policy can put the lost profit
 *   under VAT).
 * - D7: a customer's termination sent while the withdrawal period is open is taken as a
 *   withdrawal (nothing owed, every payment refunded): {@link byCustomerOrWithdrawal}.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Deadline from "./Deadline.js"
import * as Decision from "./Decision.js"
import { type Equals, Percentage, PositiveInt, sameType } from "./internal/policy.js"
import * as Calendar from "./Calendar.js"
import * as Money from "./Money.js"
import * as Withdrawal from "./Withdrawal.js"

/**
 * Termination parameters (D10, D14).
 *
 * - `lostProfitBp`: WAL-5.14.2, 10% of the works not done;
 * - `lostProfitBasis`: D10, `"outside"` VAT (damages, the default) or `"incl"` (VAT added at the
 *   contract's rate);
 * - `indemnityBp`: WAL-5.14.4, 10% of the price excl. VAT;
 * - `waitingDays`: WAL-5.14.4, 20 days after the formal notice;
 * - `rollOver`, `extraClosingDays`: D14.
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy extends Deadline.RollOverPolicy {
  readonly lostProfitBp: number
  readonly lostProfitBasis: "outside" | "incl"
  readonly indemnityBp: number
  readonly waitingDays: number
}

/**
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  ...Deadline.defaultRollOverPolicy,
  lostProfitBp: 1000,
  lostProfitBasis: "outside",
  indemnityBp: 1000,
  waitingDays: 20
}

/**
 * {@link Policy} when it comes from outside (configuration).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Schema.Struct({
  ...Deadline.RollOverPolicySchema.fields,
  lostProfitBp: Percentage,
  lostProfitBasis: Schema.Literals(["outside", "incl"]),
  indemnityBp: Percentage,
  waitingDays: PositiveInt
})

sameType<Equals<typeof PolicySchema.Type, Policy>>()

const registeredReason = () =>
  Decision.reason("WAL-5.14.1", "Termination or rescission must be notified by registered letter; this one was not.", {
    byRegisteredLetter: false
  })

/**
 * @since 0.1.0
 * @category schemas
 */
export const CustomerInput = Schema.Struct({
  ground: Schema.Literals(["at-will", "unforeseen-studies", "component-unavailable"]),
  byRegisteredLetter: Schema.Boolean,
  /** D10: the works done, incl. VAT (a supply). */
  worksDoneCents: Money.NonNegativeCents,
  /** D10: the expenses incurred, incl. VAT (a supply). */
  expensesCents: Money.NonNegativeCents,
  /** Value of the works not yet done, excl. VAT (the lost-profit base, WAL-5.14.2, D10). */
  worksNotDoneCents: Money.NonNegativeCents,
  /**
   * WAL-5.6.2: whether the studies that turned out necessary were named in the specification (then
   * WAL-5.6.1 applies and this ground is refused). Absent: not named.
   */
  studiesNamedInSpecification: Schema.optional(Schema.Boolean),
  /** The contract's VAT rate in basis points, needed only when the policy puts the lost profit under VAT. */
  vatBp: Schema.optional(Money.BasisPoints.check(Schema.isBetween({ minimum: 0, maximum: 10_000 })))
})

/**
 * @since 0.1.0
 * @category models
 */
export type CustomerInput = typeof CustomerInput.Type

/**
 * @since 0.1.0
 * @category models
 */
export interface Owed {
  readonly worksDoneCents: number
  readonly expensesCents: number
  readonly lostProfitCents: number
  /** The sum of the three, whatever their bases (kept for earlier callers; see `totals`). */
  readonly totalCents: number
  /** D10: each amount with its basis. */
  readonly worksDone: Money.Based
  readonly expenses: Money.Based
  readonly lostProfit: Money.Based
  /** D10: what the customer owes on each basis. */
  readonly totals: { readonly inclCents: number; readonly outsideCents: number }
}

/**
 * WAL-5.14.2 (at will), WAL-5.6.2 and WAL-5.10 (without indemnity): what the customer owes when
 * terminating.
 *
 * @since 0.1.0
 * @category rules
 */
export const byCustomer = (input: CustomerInput, policy: Policy = defaultPolicy): Decision.Decision<Owed> => {
  if (!input.byRegisteredLetter) return Decision.refuse(registeredReason())
  if (input.ground === "unforeseen-studies" && input.studiesNamedInSpecification === true) {
    return Decision.refuse(
      Decision.reason(
        "WAL-5.6.2",
        "The studies were named in the specification: WAL-5.6.1 applies (the dates are suspended while the customer has the suggested works done), not the termination without indemnity of WAL-5.6.2.",
        { studiesNamedInSpecification: true }
      )
    )
  }
  const atWill = input.ground === "at-will"
  const lostProfitExcl = atWill ? Money.percentOf(input.worksNotDoneCents, policy.lostProfitBp) : 0
  const underVat = policy.lostProfitBasis === "incl"
  if (atWill && underVat && input.vatBp === undefined) {
    return Decision.refuse(
      Decision.reason(
        "D10",
        "The policy puts the lost profit under VAT, but the contract's VAT rate (vatBp) was not given.",
        { lostProfitBasis: "incl" }
      )
    )
  }
  const lostProfit: Money.Based =
    underVat && input.vatBp !== undefined
      ? Money.based(Money.inclVat(lostProfitExcl, input.vatBp), "incl")
      : Money.outside(lostProfitExcl)
  const inclCents = input.worksDoneCents + input.expensesCents + (lostProfit.basis === "incl" ? lostProfit.cents : 0)
  const outsideCents = lostProfit.basis === "outside" ? lostProfit.cents : 0
  const total = inclCents + outsideCents
  const figures = {
    worksDoneInclCents: input.worksDoneCents,
    expensesInclCents: input.expensesCents,
    worksNotDoneExclCents: input.worksNotDoneCents,
    lostProfitBp: atWill ? policy.lostProfitBp : 0,
    lostProfitCents: lostProfit.cents,
    lostProfitBasis: lostProfit.basis,
    owedInclCents: inclCents,
    owedOutsideVatCents: outsideCents
  }
  const rule =
    input.ground === "at-will" ? "WAL-5.14.2" : input.ground === "unforeseen-studies" ? "WAL-5.6.2" : "WAL-5.10"
  const message = atWill
    ? `Termination at will: works done + expenses = ${Money.format(input.worksDoneCents + input.expensesCents)} incl. VAT, plus the lost profit of ${policy.lostProfitBp / 100}% of the works not done excl. VAT = ${Money.format(lostProfit.cents)} ${lostProfit.basis === "outside" ? "outside VAT (damages, D10)" : "incl. VAT (policy)"}.`
    : `Termination without indemnity (${rule}): works done + expenses only = ${Money.format(total)} incl. VAT.`
  return Decision.accept(
    {
      worksDoneCents: input.worksDoneCents,
      expensesCents: input.expensesCents,
      lostProfitCents: lostProfit.cents,
      totalCents: total,
      worksDone: Money.based(input.worksDoneCents, "incl"),
      expenses: Money.based(input.expensesCents, "incl"),
      lostProfit,
      totals: { inclCents, outsideCents }
    },
    [Decision.reason(rule, message, figures)]
  )
}

/**
 * What {@link byCustomerOrWithdrawal} found: a withdrawal (D7) or a termination.
 *
 * @since 0.1.0
 * @category models
 */
export type CustomerEnding =
  | { readonly _tag: "Withdrawal"; readonly withdrawal: Withdrawal.Withdrawn }
  | { readonly _tag: "Termination"; readonly owed: Owed }

/**
 * D7/WAL-5.14.2: a customer's termination. Sent while the withdrawal period is open, it is taken as
 * a withdrawal — the customer owes nothing (no lost profit) and every payment is refunded — and
 * the decision says so; otherwise it is decided by {@link byCustomer}.
 *
 * @since 0.1.0
 * @category rules
 */
export const byCustomerOrWithdrawal = (
  input: {
    readonly termination: CustomerInput
    /** The withdrawal facts of the contract (D7). */
    readonly withdrawal: Withdrawal.Facts
    /** The day the termination was sent. */
    readonly sentOn: Calendar.CalendarDate
    /** The day the installer received it, when known. */
    readonly receivedOn?: Calendar.CalendarDate
  },
  policy: Policy = defaultPolicy,
  withdrawalPolicy: Withdrawal.Policy = Withdrawal.defaultPolicy
): Decision.Decision<CustomerEnding> => {
  if (Withdrawal.isOpenOn(input.withdrawal, input.sentOn, withdrawalPolicy)) {
    const w = Withdrawal.withdraw(
      {
        ...input.withdrawal,
        sentOn: input.sentOn,
        ...(input.receivedOn !== undefined ? { receivedOn: input.receivedOn } : {})
      },
      withdrawalPolicy
    )
    if (Decision.isAccepted(w)) {
      return Decision.accept({ _tag: "Withdrawal", withdrawal: w.value }, [
        Decision.reason(
          "D7",
          `The termination was sent on ${input.sentOn}, while the withdrawal period was open: it is taken as a withdrawal — the customer owes nothing (no lost profit) and every payment is refunded.`,
          { sentOn: input.sentOn, ground: input.termination.ground }
        ),
        ...w.reasons
      ])
    }
  }
  const t = byCustomer(input.termination, policy)
  return Decision.isAccepted(t) ? Decision.accept({ _tag: "Termination", owed: t.value }, t.reasons) : t
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const InstallerInput = Schema.Struct({
  byRegisteredLetter: Schema.Boolean,
  customerRefusedIndispensableWorks: Schema.Boolean,
  costsCents: Money.NonNegativeCents,
  materialsUsedCents: Money.NonNegativeCents
})

/**
 * WAL-5.14.3: the installer terminates because the customer refuses the indispensable works; the
 * customer owes only the costs and materials used.
 *
 * @since 0.1.0
 * @category rules
 */
export const byInstaller = (
  input: typeof InstallerInput.Type
): Decision.Decision<{ readonly totalCents: number; readonly owed: Money.Based }> => {
  if (!input.byRegisteredLetter) return Decision.refuse(registeredReason())
  if (!input.customerRefusedIndispensableWorks) {
    return Decision.refuse(
      Decision.reason(
        "WAL-5.14.3",
        "The installer may terminate only when the customer refuses the works the studies found indispensable.",
        {
          customerRefusedIndispensableWorks: false
        }
      )
    )
  }
  const total = input.costsCents + input.materialsUsedCents
  return Decision.accept({ totalCents: total, owed: Money.based(total, "incl") }, [
    Decision.reason(
      "WAL-5.14.3",
      `The customer owes only the costs and materials used: ${Money.format(total)} incl. VAT (D10).`,
      {
        costsCents: input.costsCents,
        materialsUsedCents: input.materialsUsedCents,
        totalCents: total
      }
    )
  ])
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const RescissionInput = Schema.Struct({
  injuredParty: Schema.Literals(["customer", "installer"]),
  /** The formal notice: the day it was sent, by registered letter, citing WAL-5.14.4. */
  noticeSentOn: Calendar.CalendarDate,
  noticeByRegisteredLetter: Schema.Boolean,
  noticeCitesArticle: Schema.Boolean,
  /** Whether the other party remedied (answered) the notice within the waiting period. */
  remediedWithinPeriod: Schema.Boolean,
  rescindedOn: Calendar.CalendarDate,
  rescissionByRegisteredLetter: Schema.Boolean,
  priceExclCents: Money.NonNegativeCents
})

/**
 * WAL-5.14.4/D14: the last day of the 20-day waiting period after the notice was sent. The
 * rescission is allowed from the next day.
 *
 * @since 0.1.0
 * @category time limits
 */
export const waitingPeriodEnd = (
  noticeSentOn: Calendar.CalendarDate,
  policy: Policy = defaultPolicy,
  /** The party in breach, who may remedy within the period. */
  inBreach: Deadline.Party = "installer"
): Deadline.Deadline =>
  Deadline.limit(
    {
      rule: "WAL-5.14.4",
      what: "remedy the breach named in the formal notice (rescission allowed from the next day)",
      party: inBreach,
      kind: "obligation",
      event: noticeSentOn,
      span: { days: policy.waitingDays }
    },
    policy
  )

/**
 * WAL-5.14.4: rescission for a serious breach. Accepted with the indemnity owed to the injured
 * party (10% of the price excl. VAT, owed outside VAT, D10), or refused with what is missing. A
 * rescission inside the waiting period is refused citing WAL-5.14.4 and D14.
 *
 * @since 0.1.0
 * @category rules
 */
export const rescission = (
  input: typeof RescissionInput.Type,
  policy: Policy = defaultPolicy
): Decision.Decision<{
  readonly owedTo: "customer" | "installer"
  /** The indemnity computed on the price excl. VAT (kept for earlier callers; see `indemnityOwed`). */
  readonly indemnity: Money.Amount
  /** D10: the indemnity as owed, outside VAT (damages). */
  readonly indemnityOwed: Money.Based
  readonly waitingPeriod: Deadline.Deadline
}> => {
  const waiting = waitingPeriodEnd(
    input.noticeSentOn,
    policy,
    input.injuredParty === "customer" ? "installer" : "customer"
  )
  const allowedFrom = Calendar.addDays(waiting.due, 1)
  const problems = []
  if (!input.noticeByRegisteredLetter || !input.noticeCitesArticle) {
    problems.push(
      Decision.reason("WAL-5.14.4", "The formal notice must be sent by registered letter and cite WAL-5.14.4.", {
        noticeByRegisteredLetter: input.noticeByRegisteredLetter,
        noticeCitesArticle: input.noticeCitesArticle
      })
    )
  }
  if (!input.rescissionByRegisteredLetter) problems.push(registeredReason())
  if (input.remediedWithinPeriod) {
    problems.push(
      Decision.reason("WAL-5.14.4", "The notice was answered within the waiting period: no rescission.", {
        remediedWithinPeriod: true
      })
    )
  }
  if (input.rescindedOn < allowedFrom) {
    const figures = {
      noticeSentOn: input.noticeSentOn,
      waitingDays: policy.waitingDays,
      waitingEnds: waiting.due,
      ...(waiting.rolledFrom !== undefined ? { rolledFrom: waiting.rolledFrom } : {}),
      allowedFrom,
      rescindedOn: input.rescindedOn
    }
    problems.push(
      Decision.reason(
        "WAL-5.14.4",
        `Rescinded on ${input.rescindedOn}: the formal notice of ${input.noticeSentOn} must first go unanswered for at least ${policy.waitingDays} calendar days.`,
        figures
      ),
      Decision.reason(
        "D14",
        `The waiting period runs from the day after the notice to ${waiting.due}${Deadline.note(waiting)}; rescission is allowed from ${allowedFrom}.`,
        figures
      )
    )
  }
  const [first, ...rest] = problems
  if (first !== undefined) return Decision.refuse(first, ...rest)
  const indemnity = Money.percentOf(input.priceExclCents, policy.indemnityBp)
  return Decision.accept(
    {
      owedTo: input.injuredParty,
      indemnity: Money.excl(indemnity),
      indemnityOwed: Money.outside(indemnity),
      waitingPeriod: waiting
    },
    [
      Decision.reason(
        "WAL-5.14.4",
        `Rescinded on ${input.rescindedOn}, after the waiting period ended on ${waiting.due}; the ${input.injuredParty} is owed ${policy.indemnityBp / 100}% of the price excl. VAT = ${Money.format(indemnity)}, outside VAT (damages, D10).`,
        {
          noticeSentOn: input.noticeSentOn,
          waitingEnds: waiting.due,
          rescindedOn: input.rescindedOn,
          priceExclCents: input.priceExclCents,
          indemnityBp: policy.indemnityBp,
          indemnityCents: indemnity,
          indemnityBasis: "outside"
        }
      )
    ]
  )
}
