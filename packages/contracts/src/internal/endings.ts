/**
 * Endings before the contract is carried out (WAL-5.6.2, WAL-5.10, WAL-5.14): termination by the
 * customer or the installer, the formal notice and the rescission.
 */
import { Money, Termination } from "@soltrace/rules"
import type { Decision } from "@soltrace/rules"
import type { Owed, Policy, State } from "./model.js"
import type { Cmd, Decided, Evt } from "./guards.js"
import {
  LIVE,
  TERMINABLE_BY_CUSTOMER,
  TERMINABLE_BY_INSTALLER,
  inStatus,
  mustOffer,
  ok,
  refuse,
  refuseWith,
  toReasons,
  wrongStep
} from "./guards.js"
import * as Terms from "../Terms.js"
import { awaitingSubstitution } from "./works.js"
import * as Withdrawal_ from "./withdrawal.js"

/** D10: the command states works done, expenses, costs and materials excl. VAT; they are owed incl. VAT at the contract's rate. */
const inclVat = (state: State, exclCents: number): number => Money.inclVat(exclCents, mustOffer(state).vatBp)

/**
 * WAL-5.14: a termination decided by the rules becomes `ContractTerminated` with what the customer
 * owes instead of the price, each amount on its basis (D10), or the refusal. `owedByCustomer` keeps
 * the clause's total on the price excl. VAT (works done + expenses + lost profit), as old events did.
 */
const terminated = (
  command: Cmd<"TerminateByCustomer" | "TerminateByInstaller" | "RefuseSubstitution">,
  by: Evt<"ContractTerminated">["by"],
  rule: Evt<"ContractTerminated">["rule"],
  reasons: ReadonlyArray<Decision.Reason>,
  exclTotalCents: number,
  owed: ReadonlyArray<Owed>
): Decided =>
  ok({
    _tag: "ContractTerminated",
    on: command.on,
    by,
    rule,
    owedByCustomer: Money.excl(exclTotalCents),
    owed: owed.filter((o) => o.cents > 0),
    reasons: toReasons(reasons)
  })

/** D10: works done and expenses (incl. VAT) and the lost profit (outside VAT, or incl. by policy), from the rule. */
const customerOwed = (rule: string, o: Termination.Owed): ReadonlyArray<Owed> => [
  { what: "works-done", rule, cents: o.worksDone.cents, basis: o.worksDone.basis },
  { what: "expenses", rule, cents: o.expenses.cents, basis: o.expenses.basis },
  { what: "lost-profit", rule, cents: o.lostProfit.cents, basis: o.lostProfit.basis }
]

type CustomerTermination = Cmd<"TerminateByCustomer" | "RefuseSubstitution">

const customerInput = (
  command: CustomerTermination,
  state: State,
  ground: Termination.CustomerInput["ground"]
): Termination.CustomerInput => ({
  ground,
  byRegisteredLetter: command.byRegisteredLetter,
  worksDoneCents: inclVat(state, command.worksDoneCents),
  expensesCents: inclVat(state, command.expensesCents),
  worksNotDoneCents: command._tag === "TerminateByCustomer" ? command.worksNotDoneCents : 0,
  // WAL-5.6.2: only for studies the specification did not name (else WAL-5.6.1 applies).
  studiesNamedInSpecification:
    command._tag === "TerminateByCustomer" &&
    command.study !== undefined &&
    mustOffer(state).studies.some((s) => s.subject === command.study),
  vatBp: mustOffer(state).vatBp
})

/** The clause's total on the price excl. VAT, as `ContractTerminated.owedByCustomer` always said it. */
const exclTotal = (command: CustomerTermination, policy: Policy): number =>
  command.worksDoneCents +
  command.expensesCents +
  (command._tag === "TerminateByCustomer" && command.ground === "at-will"
    ? Money.percentOf(command.worksNotDoneCents, policy.termination.lostProfitBp)
    : 0)

/** WAL-5.10: the customer refuses the substitution and terminates without indemnity. */
export const refuseSubstitution = (command: Cmd<"RefuseSubstitution">, state: State, policy: Policy): Decided => {
  const waiting = awaitingSubstitution(command, state)
  if (waiting !== undefined) return waiting
  const d = Termination.byCustomer(customerInput(command, state, "component-unavailable"), policy.termination)
  if (d._tag === "Refused") return refuse(command, state, d.reasons)
  return terminated(
    command,
    "customer",
    "WAL-5.10",
    d.reasons,
    exclTotal(command, policy),
    customerOwed("WAL-5.10", d.value)
  )
}

/**
 * WAL-5.14.2 (at will) or WAL-5.6.2 (unforeseen studies): the customer terminates. D7: sent while
 * the withdrawal period is open, the termination is taken as a withdrawal — no lost profit, every
 * payment refunded — and the decision says so.
 */
export const terminateByCustomer = (command: Cmd<"TerminateByCustomer">, state: State, policy: Policy): Decided => {
  if (!inStatus(state, ...TERMINABLE_BY_CUSTOMER)) return wrongStep(command, state, TERMINABLE_BY_CUSTOMER)
  const withdrawal = Withdrawal_.facts(state, command.on)
  const termination = customerInput(command, state, command.ground)
  const d =
    withdrawal === undefined
      ? Termination.byCustomer(termination, policy.termination)
      : Termination.byCustomerOrWithdrawal(
          {
            termination,
            withdrawal,
            sentOn: command.on,
            ...(command.receivedOn !== undefined ? { receivedOn: command.receivedOn } : {})
          },
          policy.termination,
          policy.withdrawal
        )
  if (d._tag === "Refused") return refuse(command, state, d.reasons)
  if ("_tag" in d.value && d.value._tag === "Withdrawal") {
    return ok({
      _tag: "ContractWithdrawn",
      on: command.on,
      ...(command.receivedOn !== undefined ? { receivedOn: command.receivedOn } : {}),
      reasons: toReasons(d.reasons)
    })
  }
  const owed: Termination.Owed = "_tag" in d.value ? d.value.owed : d.value
  const rule = command.ground === "at-will" ? "WAL-5.14.2" : "WAL-5.6.2"
  return terminated(command, "customer", rule, d.reasons, exclTotal(command, policy), customerOwed(rule, owed))
}

/** WAL-5.14.3: the installer terminates when the customer refuses indispensable works; costs and materials incl. VAT (D10). */
export const terminateByInstaller = (command: Cmd<"TerminateByInstaller">, state: State): Decided => {
  if (!inStatus(state, ...TERMINABLE_BY_INSTALLER)) return wrongStep(command, state, TERMINABLE_BY_INSTALLER)
  const d = Termination.byInstaller({
    byRegisteredLetter: command.byRegisteredLetter,
    customerRefusedIndispensableWorks: command.customerRefusedIndispensableWorks,
    costsCents: inclVat(state, command.costsCents),
    materialsUsedCents: inclVat(state, command.materialsUsedCents)
  })
  if (d._tag === "Refused") return refuse(command, state, d.reasons)
  return terminated(command, "installer", "WAL-5.14.3", d.reasons, command.costsCents + command.materialsUsedCents, [
    { what: "costs", rule: "WAL-5.14.3", cents: inclVat(state, command.costsCents), basis: "incl" },
    { what: "materials-used", rule: "WAL-5.14.3", cents: inclVat(state, command.materialsUsedCents), basis: "incl" }
  ])
}

/** WAL-5.14.4: a registered formal notice citing the article; the other party has 20 days. */
export const sendFormalNotice = (command: Cmd<"SendFormalNotice">, state: State): Decided => {
  if (!inStatus(state, ...LIVE)) return wrongStep(command, state, LIVE)
  if (state.formalNotice !== undefined && state.formalNotice.remediedOn === undefined) {
    return refuseWith(
      command,
      state,
      "WAL-5.14.4",
      `A formal notice sent on ${state.formalNotice.on} is still running.`
    )
  }
  return ok({
    _tag: "FormalNoticeSent",
    on: command.on,
    by: command.by,
    breach: command.breach,
    byRegisteredLetter: command.byRegisteredLetter,
    citesArticle: command.citesArticle,
    waitingEnds: Termination.waitingPeriodEnd(command.on)
  })
}

/** WAL-5.14.4: the other party answered (remedied) the formal notice. */
export const recordNoticeRemedied = (command: Cmd<"RecordNoticeRemedied">, state: State): Decided => {
  const notice = state.formalNotice
  if (notice === undefined || notice.remediedOn !== undefined)
    return refuseWith(command, state, "WAL-5.14.4", "No formal notice is running.")
  return ok({ _tag: "FormalNoticeRemedied", on: command.on })
}

/** WAL-5.14.4: the party that sent the notice rescinds after the waiting period. */
export const rescind = (command: Cmd<"Rescind">, state: State): Decided => {
  if (!inStatus(state, ...LIVE)) return wrongStep(command, state, LIVE)
  // D10: a rescission restores what was exchanged; once works were done the command must say
  // whether the customer keeps them (and owes their value) or the installer removes them.
  if (state.worksStartedOn !== undefined && command.worksDone === undefined) {
    return refuseWith(
      command,
      state,
      "D10",
      "Works were done: say whether the customer keeps them (worksDone: Kept, at their value incl. VAT) or the installer removes them (worksDone: Removed).",
      { field: "worksDone", worksStartedOn: state.worksStartedOn }
    )
  }
  const notice = state.formalNotice
  if (notice === undefined)
    return refuseWith(
      command,
      state,
      "WAL-5.14.4",
      "No formal notice was sent: a rescission needs one, unanswered for at least 20 days."
    )
  const remedied = notice.remediedOn !== undefined && notice.remediedOn <= Termination.waitingPeriodEnd(notice.on).due
  const d = Termination.rescission({
    injuredParty: notice.by,
    noticeSentOn: notice.on,
    noticeByRegisteredLetter: notice.byRegisteredLetter,
    noticeCitesArticle: notice.citesArticle,
    remediedWithinPeriod: remedied,
    rescindedOn: command.on,
    rescissionByRegisteredLetter: command.byRegisteredLetter,
    priceExclCents: Terms.priceExcl(mustOffer(state)).cents
  })
  if (d._tag === "Refused") return refuse(command, state, d.reasons)
  return ok({
    _tag: "ContractRescinded",
    on: command.on,
    injuredParty: d.value.owedTo,
    indemnity: d.value.indemnity,
    ...(command.worksDone !== undefined ? { restitution: command.worksDone } : {}),
    reasons: [
      ...toReasons(d.reasons),
      ...(command.worksDone === undefined
        ? []
        : [
            {
              rule: "D10",
              message:
                command.worksDone._tag === "Kept"
                  ? `Restitution: the customer keeps the works done and owes their value, ${Money.format(command.worksDone.valueInclCents)} incl. VAT; the price's milestone invoices are cancelled.`
                  : "Restitution: the installer removes the works done and takes its goods back; nothing is owed for them.",
              figures:
                command.worksDone._tag === "Kept"
                  ? { restitution: "Kept", valueInclCents: command.worksDone.valueInclCents }
                  : { restitution: "Removed" }
            }
          ])
    ]
  })
}

/** D7: after a withdrawal the installer collected its goods; it may hold the refund back until then. */
export const recordGoodsCollected = (command: Cmd<"RecordGoodsCollected">, state: State): Decided => {
  if (!inStatus(state, "Withdrawn")) return wrongStep(command, state, ["Withdrawn"])
  if (state.goodsCollectedOn !== undefined)
    return refuseWith(command, state, "D7", `The goods were already collected on ${state.goodsCollectedOn}.`)
  if (state.withdrawnOn !== undefined && command.on < state.withdrawnOn)
    return refuseWith(
      command,
      state,
      "D7",
      `The goods cannot be collected (${command.on}) before the withdrawal (${state.withdrawnOn}).`
    )
  return ok({ _tag: "GoodsCollected", on: command.on })
}
