/**
 * Endings before the contract is carried out (WAL-5.6.2, WAL-5.10, WAL-5.14): termination by the
 * customer or the installer, the formal notice and the rescission.
 */
import { Money, Termination } from "@soltrace/rules"
import type { Decision } from "@soltrace/rules"
import type { State } from "../Contract.js"
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

/** WAL-5.14: a termination decided by the rules becomes `ContractTerminated`, or the refusal. */
const terminated = (
  command: Cmd<"TerminateByCustomer" | "TerminateByInstaller" | "RefuseSubstitution">,
  state: State,
  by: Evt<"ContractTerminated">["by"],
  rule: Evt<"ContractTerminated">["rule"],
  d: Decision.Decision<{ readonly totalCents: number }>
): Decided =>
  d._tag === "Refused"
    ? refuse(command, state, d.reasons)
    : ok({
        _tag: "ContractTerminated",
        on: command.on,
        by,
        rule,
        owedByCustomer: Money.excl(d.value.totalCents),
        reasons: toReasons(d.reasons)
      })

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
  return terminated(command, state, "customer", "WAL-5.10", d)
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
  return terminated(command, state, "customer", command.ground === "at-will" ? "WAL-5.14.2" : "WAL-5.6.2", d)
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
  return terminated(command, state, "installer", "WAL-5.14.3", d)
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
    reasons: toReasons(d.reasons)
  })
}
