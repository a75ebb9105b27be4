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
 *   end on notice + 20; the rescission is allowed from notice + 21.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Deadline } from "./Decision.js"
import * as Decision from "./Decision.js"
import * as Calendar from "./Calendar.js"
import * as Money from "./Money.js"

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
  worksDoneCents: Money.NonNegativeCents,
  expensesCents: Money.NonNegativeCents,
  /** Value of the works not yet done (the lost-profit base, WAL-5.14.2). */
  worksNotDoneCents: Money.NonNegativeCents
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Owed {
  readonly worksDoneCents: number
  readonly expensesCents: number
  readonly lostProfitCents: number
  readonly totalCents: number
}

/**
 * WAL-5.14.2 (at will), WAL-5.6.2 and WAL-5.10 (without indemnity): what the customer owes when
 * terminating.
 *
 * @since 0.1.0
 * @category rules
 */
export const byCustomer = (input: typeof CustomerInput.Type): Decision.Decision<Owed> => {
  if (!input.byRegisteredLetter) return Decision.refuse(registeredReason())
  const atWill = input.ground === "at-will"
  const lostProfit = atWill ? Money.percentOf(input.worksNotDoneCents, 1000) : 0
  const total = input.worksDoneCents + input.expensesCents + lostProfit
  const figures = {
    worksDoneCents: input.worksDoneCents,
    expensesCents: input.expensesCents,
    worksNotDoneCents: input.worksNotDoneCents,
    lostProfitBp: atWill ? 1000 : 0,
    lostProfitCents: lostProfit,
    totalCents: total
  }
  const rule =
    input.ground === "at-will" ? "WAL-5.14.2" : input.ground === "unforeseen-studies" ? "WAL-5.6.2" : "WAL-5.10"
  const message = atWill
    ? `Termination at will: works done + expenses + 10% of the works not done = ${Money.format(total)}.`
    : `Termination without indemnity (${rule}): works done + expenses only = ${Money.format(total)}.`
  return Decision.accept(
    {
      worksDoneCents: input.worksDoneCents,
      expensesCents: input.expensesCents,
      lostProfitCents: lostProfit,
      totalCents: total
    },
    [Decision.reason(rule, message, figures)]
  )
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
export const byInstaller = (input: typeof InstallerInput.Type): Decision.Decision<{ readonly totalCents: number }> => {
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
  return Decision.accept({ totalCents: total }, [
    Decision.reason("WAL-5.14.3", `The customer owes only the costs and materials used: ${Money.format(total)}.`, {
      costsCents: input.costsCents,
      materialsUsedCents: input.materialsUsedCents,
      totalCents: total
    })
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
export const waitingPeriodEnd = (noticeSentOn: Calendar.CalendarDate): Deadline => ({
  rule: "WAL-5.14.4",
  what: "wait without an answer to the formal notice (rescission allowed from the next day)",
  due: Calendar.deadline(noticeSentOn, { days: 20 })
})

/**
 * WAL-5.14.4: rescission for a serious breach. Accepted with the indemnity owed to the injured
 * party (10% of the price excl. VAT), or refused with what is missing.
 *
 * @since 0.1.0
 * @category rules
 */
export const rescission = (
  input: typeof RescissionInput.Type
): Decision.Decision<{
  readonly owedTo: "customer" | "installer"
  readonly indemnity: Money.Amount
  readonly waitingPeriod: Deadline
}> => {
  const waiting = waitingPeriodEnd(input.noticeSentOn)
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
    problems.push(
      Decision.reason(
        "D14",
        `Rescinded on ${input.rescindedOn}: the 20-day waiting period after the notice of ${input.noticeSentOn} runs to ${waiting.due}; rescission is allowed from ${allowedFrom}.`,
        {
          noticeSentOn: input.noticeSentOn,
          waitingDays: 20,
          waitingEnds: waiting.due,
          allowedFrom,
          rescindedOn: input.rescindedOn
        }
      )
    )
  }
  const [first, ...rest] = problems
  if (first !== undefined) return Decision.refuse(first, ...rest)
  const indemnity = Money.percentOf(input.priceExclCents, 1000)
  return Decision.accept({ owedTo: input.injuredParty, indemnity: Money.excl(indemnity), waitingPeriod: waiting }, [
    Decision.reason(
      "WAL-5.14.4",
      `Rescinded on ${input.rescindedOn}, after the waiting period ended on ${waiting.due}; the ${input.injuredParty} is owed 10% of the price excl. VAT = ${Money.format(indemnity)}.`,
      {
        noticeSentOn: input.noticeSentOn,
        waitingEnds: waiting.due,
        rescindedOn: input.rescindedOn,
        priceExclCents: input.priceExclCents,
        indemnityBp: 1000,
        indemnityCents: indemnity
      }
    )
  ])
}
