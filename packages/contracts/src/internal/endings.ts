/**
 * Endings before the contract is carried out (WAL-5.6.2, WAL-5.10, WAL-5.14): termination by the
 * customer or the installer, the formal notice and the rescission.
 */
import { Money, Termination } from "@soltrace/rules"
import type { Decision } from "@soltrace/rules"
import type { Owed, State } from "../Contract.js"
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

/**
 * D10: a supply owed after an early end (works done, expenses, costs, materials) is stated excl.
 * VAT in the command and owed incl. VAT at the contract's rate (VAT Code: the supply is taxed as
 * the price would have been).
 */
const supply = (state: State, what: Owed["what"], rule: string, exclCents: number): Owed => ({
  what,
  rule,
  cents: Money.inclVat(exclCents, mustOffer(state).vatBp),
  basis: "incl"
})

/**
 * WAL-5.14: a termination decided by the rules becomes `ContractTerminated` with what the customer
 * owes instead of the price, each amount on its basis (D10), or the refusal.
 */
const terminated = (
  command: Cmd<"TerminateByCustomer" | "TerminateByInstaller" | "RefuseSubstitution">,
  state: State,
  by: Evt<"ContractTerminated">["by"],
  rule: Evt<"ContractTerminated">["rule"],
  d: Decision.Decision<{ readonly totalCents: number }>,
  owed: ReadonlyArray<Owed>
): Decided =>
  d._tag === "Refused"
    ? refuse(command, state, d.reasons)
    : ok({
        _tag: "ContractTerminated",
        on: command.on,
        by,
        rule,
        owedByCustomer: Money.excl(d.value.totalCents),
        owed: owed.filter((o) => o.cents > 0),
        reasons: toReasons(d.reasons)
      })

/** D10: works done and expenses (incl. VAT), lost profit (outside VAT), as the rule computed them. */
const owedByCustomer = (
  state: State,
  rule: string,
  command: { readonly worksDoneCents: number; readonly expensesCents: number },
  d: Decision.Decision<Termination.Owed>
): ReadonlyArray<Owed> => [
  supply(state, "works-done", rule, command.worksDoneCents),
  supply(state, "expenses", rule, command.expensesCents),
  { what: "lost-profit", rule, cents: d._tag === "Accepted" ? d.value.lostProfitCents : 0, basis: "outside" }
]

/** WAL-5.10: the customer refuses the substitution and terminates without indemnity. */
export const refuseSubstitution = (command: Cmd<"RefuseSubstitution">, state: State): Decided => {
  const waiting = awaitingSubstitution(command, state)
  if (waiting !== undefined) return waiting
  const d = Termination.byCustomer({
    ground: "component-unavailable",
    byRegisteredLetter: command.byRegisteredLetter,
    worksDoneCents: command.worksDoneCents,
    expensesCents: command.expensesCents,
    worksNotDoneCents: 0
  })
  return terminated(command, state, "customer", "WAL-5.10", d, owedByCustomer(state, "WAL-5.10", command, d))
}

/** WAL-5.14.2 (at will) or WAL-5.6.2 (unforeseen studies): the customer terminates. */
export const terminateByCustomer = (command: Cmd<"TerminateByCustomer">, state: State): Decided => {
  if (!inStatus(state, ...TERMINABLE_BY_CUSTOMER)) return wrongStep(command, state, TERMINABLE_BY_CUSTOMER)
  const d = Termination.byCustomer({
    ground: command.ground,
    byRegisteredLetter: command.byRegisteredLetter,
    worksDoneCents: command.worksDoneCents,
    expensesCents: command.expensesCents,
    worksNotDoneCents: command.worksNotDoneCents
  })
  const rule = command.ground === "at-will" ? "WAL-5.14.2" : "WAL-5.6.2"
  return terminated(command, state, "customer", rule, d, owedByCustomer(state, rule, command, d))
}

/** WAL-5.14.3: the installer terminates when the customer refuses indispensable works. */
export const terminateByInstaller = (command: Cmd<"TerminateByInstaller">, state: State): Decided => {
  if (!inStatus(state, ...TERMINABLE_BY_INSTALLER)) return wrongStep(command, state, TERMINABLE_BY_INSTALLER)
  const d = Termination.byInstaller({
    byRegisteredLetter: command.byRegisteredLetter,
    customerRefusedIndispensableWorks: command.customerRefusedIndispensableWorks,
    costsCents: command.costsCents,
    materialsUsedCents: command.materialsUsedCents
  })
  return terminated(command, state, "installer", "WAL-5.14.3", d, [
    supply(state, "costs", "WAL-5.14.3", command.costsCents),
    supply(state, "materials-used", "WAL-5.14.3", command.materialsUsedCents)
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
    restitution: command.worksDone,
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
