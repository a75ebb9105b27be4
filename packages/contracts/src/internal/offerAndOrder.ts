/**
 * Offer and order (WAL-1.3 steps 2–4, WAL-2, WAL-4, WAL-5.2): draft, sign, order, withdraw, and the
 * conditions (loan, studies) that make the order final.
 */
import { ContractConditions, Money, Withdrawal } from "@soltrace/rules"
import type { Policy, State } from "./model.js"
import * as Terms from "../Terms.js"
import type { Cmd, Decided } from "./guards.js"
import { LIVE, inStatus, mustOffer, ok, refuse, refuseWith, toReasons, wrongStep } from "./guards.js"
import type { Event } from "./model.js"
import { validateOffer } from "./offer.js"
import * as Withdrawal_ from "./withdrawal.js"

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
export const signOffer = (command: Cmd<"SignOffer">, state: State, policy: Policy): Decided => {
  if (!inStatus(state, "Drafted")) return wrongStep(command, state, ["Drafted"])
  const offer = mustOffer(state)
  const checked = validateOffer(offer, command.on, policy.powerBasis)
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
  // D7: how the order was concluded — `concludedBy`, or the earlier `offPremises` flag.
  const concludedBy =
    command.concludedBy ??
    (command.offPremises === undefined ? undefined : command.offPremises ? "off-premises" : "on-premises")
  if (concludedBy === undefined) {
    return refuseWith(
      command,
      state,
      "D7",
      "Say how the order was concluded (concludedBy: on-premises, off-premises or distance): the right of withdrawal depends on it.",
      { field: "concludedBy" }
    )
  }
  const period = Withdrawal.period(
    { concludedBy, orderedOn: command.on, withdrawalInformation: command.withdrawalInformation },
    policy.withdrawal
  )
  const placed: Event = {
    _tag: "OrderPlaced",
    on: command.on,
    offPremises: concludedBy !== "on-premises",
    concludedBy,
    withdrawalInformation: command.withdrawalInformation,
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
    // D7: the last day, when the period already runs from the order (else it runs from the delivery).
    ...(concludedBy !== "on-premises" && period._tag === "Running" ? { withdrawalDue: period.deadline.due } : {}),
    warnings: toReasons(loan?.warnings ?? [])
  }
  const final: ReadonlyArray<Event> =
    loan === undefined && !studiesCondition ? [{ _tag: "ContractBecameFinal", on: command.on }] : []
  return ok(placed, ...final)
}

/**
 * WAL-4c, D7 (Code of Economic Law Book VI): the customer withdraws — accepted in any state of the
 * contract in force (also once the works are completed) until the period ends, counted from the
 * delivery of the goods by default, extended by 12 months when the legal information was not
 * given; not after a termination or a rescission (the precheck refuses every ended contract).
 */
export const withdraw = (command: Cmd<"Withdraw">, state: State, policy: Policy): Decided => {
  const f = Withdrawal_.facts(state, command.on)
  if (f === undefined || !inStatus(state, ...LIVE)) return wrongStep(command, state, LIVE)
  if (command.receivedOn !== undefined && command.receivedOn < command.on) {
    return refuseWith(
      command,
      state,
      "D7",
      `The notice cannot be received (${command.receivedOn}) before it was sent (${command.on}).`,
      {
        field: "receivedOn"
      }
    )
  }
  const d = Withdrawal.withdraw(
    { ...f, sentOn: command.on, ...(command.receivedOn !== undefined ? { receivedOn: command.receivedOn } : {}) },
    policy.withdrawal
  )
  if (d._tag === "Refused") return refuse(command, state, d.reasons)
  return ok({
    _tag: "ContractWithdrawn",
    on: command.on,
    ...(command.receivedOn !== undefined ? { receivedOn: command.receivedOn } : {}),
    reasons: toReasons(d.reasons)
  })
}

/** D7: the legal information on the right of withdrawal, given late; the period then ends 14 days after it. */
export const giveWithdrawalInformation = (command: Cmd<"GiveWithdrawalInformation">, state: State): Decided => {
  const order = state.order
  if (order === undefined || !inStatus(state, ...LIVE)) return wrongStep(command, state, LIVE)
  if (order.withdrawalInformation === "legal" || order.legalInformationReceivedOn !== undefined) {
    return refuseWith(
      command,
      state,
      "D7",
      order.withdrawalInformation === "legal"
        ? "The legal withdrawal information was given with the order."
        : `The legal withdrawal information was already received on ${order.legalInformationReceivedOn}.`
    )
  }
  return ok({ _tag: "WithdrawalInformationGiven", on: command.on })
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
