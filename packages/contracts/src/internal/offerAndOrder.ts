/**
 * Offer and order (WAL-1.3 steps 2–4, WAL-2, WAL-4, WAL-5.2): draft, sign, order, withdraw, and the
 * conditions (loan, studies) that make the order final.
 */
import { ContractConditions, Money, Withdrawal } from "@soltrace/rules"
import type { Policy, State } from "../Contract.js"
import * as Terms from "../Terms.js"
import type { Cmd, Decided } from "./guards.js"
import { WITHDRAWABLE, inStatus, mustOffer, ok, refuse, refuseWith, toReasons, wrongStep } from "./guards.js"
import type { Event } from "../Contract.js"
import { validateOffer } from "./offer.js"

/** After loan and studies conditions, the contract becomes final (WAL-5.2). */
const finalIfSettled = (
  state: State,
  on: string,
  loanSettled: boolean,
  studiesSettled: boolean
): ReadonlyArray<Event> =>
  loanSettled && studiesSettled && state.status === "Ordered" ? [{ _tag: "ContractBecameFinal", on }] : []

/** WAL-1.3 step 2: the installer drafts the offer. */
export const draftContract = (command: Cmd<"DraftContract">, state: State): Decided =>
  inStatus(state, "Empty")
    ? ok({ _tag: "ContractDrafted", on: command.on, offer: command.offer })
    : wrongStep(command, state, ["Empty"])

/** WAL-2.5, WAL-5.1.2: the installer signs the offer; the rules check it (WAL-1.1, WAL-2.4, WAL-3.4, D4). */
export const signOffer = (command: Cmd<"SignOffer">, state: State): Decided => {
  if (!inStatus(state, "Drafted")) return wrongStep(command, state, ["Drafted"])
  const offer = mustOffer(state)
  const checked = validateOffer(offer, command.on)
  if (checked._tag === "Refused") return refuse(command, state, checked.reasons)
  return ok({
    _tag: "OfferSigned",
    on: command.on,
    validUntil: ContractConditions.offerDeadline(command.on).due,
    priceExcl: Terms.priceExcl(offer),
    totalIncl: Terms.totalIncl(offer),
    warnings: toReasons(checked.value.warnings)
  })
}

/** WAL-2.3, WAL-4: the customer orders within the offer's validity; the conditions (WAL-4a, WAL-4b) are set. */
export const placeOrder = (command: Cmd<"PlaceOrder">, state: State, policy: Policy): Decided => {
  if (!inStatus(state, "Offered")) return wrongStep(command, state, ["Offered"])
  const offer = mustOffer(state)
  const validity = ContractConditions.offerValidity({
    offerSignedOn: state.offerSignedOn ?? command.on,
    orderedOn: command.on
  })
  if (validity._tag === "Refused") return refuse(command, state, validity.reasons)
  const loan =
    command.loan === undefined
      ? undefined
      : ContractConditions.loanDeadline({ orderedOn: command.on, agreedDays: command.loan.agreedDays }, policy.loan)
  const studiesCondition = offer.studies.length > 0
  const placed: Event = {
    _tag: "OrderPlaced",
    on: command.on,
    offPremises: command.offPremises,
    loan:
      command.loan === undefined || loan === undefined
        ? undefined
        : {
            agreedDays: command.loan.agreedDays,
            maxAmountCents: command.loan.maxAmountCents,
            effectiveDays: loan.effectiveDays,
            due: loan.deadline.due
          },
    studiesCondition,
    withdrawalDue: command.offPremises ? Withdrawal.deadline(command.on, policy.withdrawal).due : undefined,
    warnings: toReasons(loan?.warnings ?? [])
  }
  const final: ReadonlyArray<Event> =
    loan === undefined && !studiesCondition ? [{ _tag: "ContractBecameFinal", on: command.on }] : []
  return ok(placed, ...final)
}

/** WAL-4c, D7: the customer withdraws. */
export const withdraw = (command: Cmd<"Withdraw">, state: State, policy: Policy): Decided => {
  const order = state.order
  // Once the works are completed the customer ends the contract by termination (WAL-5.14.2).
  if (order === undefined || !inStatus(state, ...WITHDRAWABLE)) return wrongStep(command, state, WITHDRAWABLE)
  if (command.on < order.on) {
    return refuseWith(command, state, "WAL-4c", `The notice (${command.on}) predates the order (${order.on}).`, {
      sentOn: command.on,
      orderedOn: order.on
    })
  }
  const d = Withdrawal.decide(
    { orderedOn: order.on, offPremises: order.offPremises, sentOn: command.on },
    policy.withdrawal
  )
  if (d._tag === "Refused") return refuse(command, state, d.reasons)
  return ok({
    _tag: "ContractWithdrawn",
    on: command.on,
    receivedOn: command.receivedOn,
    reasons: toReasons(d.reasons)
  })
}

type LoanCommand = Cmd<
  "RecordLoanObtained" | "RecordLoanRefused" | "RecordLoanPreventedByCustomer" | "RecordLoanPeriodLapsed"
>

/** WAL-5.2.1, D5: one outcome of the loan condition, decided by the rules. */
const loanFact = (
  command: LoanCommand,
  state: State,
  policy: Policy,
  outcome: ContractConditions.LoanInput["outcome"],
  fact: (reasons: ReturnType<typeof toReasons>) => Event
): Decided => {
  const order = state.order
  if (order === undefined || !inStatus(state, "Ordered")) return wrongStep(command, state, ["Ordered"])
  if (order.loan === undefined || state.loanSettledOn !== undefined) {
    return refuseWith(
      command,
      state,
      "WAL-5.2.1",
      order.loan === undefined ? "The order has no loan condition." : "The loan condition is already settled."
    )
  }
  const d = ContractConditions.loanCondition(
    { orderedOn: order.on, agreedDays: order.loan.agreedDays, outcome },
    policy.loan
  )
  const reasons = toReasons(d.reasons)
  const recorded = fact(reasons)
  if (d._tag === "Refused") return ok(recorded, { _tag: "ContractVoided", on: command.on, reasons })
  if (command._tag === "RecordLoanPeriodLapsed") {
    return refuse(command, state, d.reasons) // still pending: the period has not ended
  }
  const settled = d.value.status !== "pending"
  return ok(recorded, ...finalIfSettled(state, command.on, settled, state.studiesSettledOn !== undefined))
}

/** WAL-5.2.1: the loan was obtained. */
export const recordLoanObtained = (command: Cmd<"RecordLoanObtained">, state: State, policy: Policy): Decided =>
  loanFact(command, state, policy, { _tag: "Obtained", on: command.on }, (reasons) => ({
    _tag: "LoanObtained",
    on: command.on,
    reasons
  }))

/** WAL-5.2.1: the loan was refused, with or without the lender's certificate. */
export const recordLoanRefused = (command: Cmd<"RecordLoanRefused">, state: State, policy: Policy): Decided =>
  loanFact(
    command,
    state,
    policy,
    { _tag: "Refused", on: command.on, refusalCertificate: command.refusalCertificate },
    (reasons) => ({ _tag: "LoanRefused", on: command.on, refusalCertificate: command.refusalCertificate, reasons })
  )

/** WAL-5.2.1 (Civil Code art. 1178): the customer prevented the condition; it is deemed fulfilled. */
export const recordLoanPreventedByCustomer = (
  command: Cmd<"RecordLoanPreventedByCustomer">,
  state: State,
  policy: Policy
): Decided =>
  loanFact(command, state, policy, { _tag: "PreventedByCustomer" }, (reasons) => ({
    _tag: "LoanDeemedObtained",
    on: command.on,
    reasons
  }))

/** WAL-5.2.1, D5: the loan period ended without a loan. */
export const recordLoanPeriodLapsed = (command: Cmd<"RecordLoanPeriodLapsed">, state: State, policy: Policy): Decided =>
  loanFact(command, state, policy, { _tag: "Pending", evaluatedOn: command.on }, (reasons) => ({
    _tag: "LoanPeriodLapsed",
    on: command.on,
    reasons
  }))

/** WAL-4b, WAL-5.2.2: the studies named in the specification concluded. */
export const concludeStudies = (command: Cmd<"ConcludeStudies">, state: State): Decided => {
  const order = state.order
  if (order === undefined || !inStatus(state, "Ordered")) return wrongStep(command, state, ["Ordered"])
  if (!order.studiesCondition || state.studiesSettledOn !== undefined) {
    return refuseWith(
      command,
      state,
      "WAL-5.2.2",
      order.studiesCondition
        ? "The studies condition is already settled."
        : "The specification names no prior studies: there is no studies condition."
    )
  }
  const offer = mustOffer(state)
  const d = ContractConditions.studiesCondition({
    studiesNamedInSpecification: true,
    totalPriceCents: Terms.priceExcl(offer).cents + Terms.rentalExcl(offer).cents,
    rentalCents: Terms.rentalExcl(offer).cents,
    inspectionCostCents: command.inspectionCostCents,
    requiredWorksCents: command.requiredWorksCents
  })
  const reasons = toReasons(d.reasons)
  const fact: Event = {
    _tag: "StudiesConcluded",
    on: command.on,
    requiredWorks: Money.excl(command.requiredWorksCents),
    fulfilled: d._tag === "Accepted",
    reasons
  }
  if (d._tag === "Refused") return ok(fact, { _tag: "ContractVoided", on: command.on, reasons })
  return ok(fact, ...finalIfSettled(state, command.on, state.loanSettledOn !== undefined, true))
}
