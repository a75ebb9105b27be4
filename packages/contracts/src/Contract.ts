/**
 * The Walloon standard contract (contrat-type, WAL-*) as a decider: commands, events, state.
 *
 * Lifecycle (WAL-1.3): `Drafted → Offered (signed by the installer, valid 30 days, WAL-2.3) →
 * Ordered (conditions pending, WAL-4, WAL-5.2) → Final | Void | Withdrawn (WAL-4c, D7) →
 * WorksStarted → WorksCompleted → InspectionAccepted (or InspectionRefused → conformity restored →
 * re-inspected, WAL-5.8.1) → Completed (administrative file delivered, WAL-5.8.2)`; from any live
 * state, `Terminated` (WAL-5.14.2, WAL-5.14.3, WAL-5.6.2, WAL-5.10) or `Rescinded` (WAL-5.14.4).
 * `Void`, `Withdrawn`, `Terminated` and `Rescinded` are terminal; a `Completed` contract still takes
 * warranty and production claims (WAL-5.12.2, WAL-5.13) and payments.
 *
 * Every command and event carries its business date `on` (`YYYY-MM-DD`); the decider never reads
 * the clock. Lifecycle steps never go backwards: a step dated before the contract's last event is
 * refused. Facts often learnt late (a withdrawal letter, a bad-weather day, an invoice's receipt, a
 * payment, a reminder) may carry an earlier date. The state "as of" a date is the fold of the
 * events dated on or before it ({@link asOf}).
 *
 * Every business decision and amount comes from `@soltrace/rules`; this module only sequences them.
 * A refusal is a {@link ContractRefused} value listing reasons with their rule ids; a warning
 * (WAL-3.4, D5) is recorded in the event.
 *
 * The decisions live in `internal/`, one module per phase of the contract — offer and order, works
 * and dates, billing, inspection and file, claims, endings — with one function per command and the
 * guards in one place; the queries (replay, `asOf`) in their own module; the Schemas of commands
 * and events, the state and the policy in `internal/model` (re-exported here, so that no phase
 * module imports this one back). This module is the public face and the wiring.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import { EventCodec } from "@soltrace/core"
import type { CommandHandler, Decider } from "@soltrace/core"
import type { OfferValidation } from "@soltrace/rules"
import { Decision, ContractConditions, DelayPenalty, LatePayment, Termination, Withdrawal } from "@soltrace/rules"
import * as Billing from "./internal/billing.js"
import * as Claims from "./internal/claims.js"
import * as Endings from "./internal/endings.js"
import type { Decided } from "./internal/guards.js"
import { isTerminal, precheck } from "./internal/guards.js"
import * as InspectionAndFile from "./internal/inspection.js"
import * as OfferAndOrder from "./internal/offerAndOrder.js"
import type { ContractRefused } from "./internal/refused.js"
import { evolve, initialState } from "./internal/state.js"
import { Command, Event } from "./internal/model.js"
import type { Policy, State } from "./internal/model.js"
import * as Works from "./internal/works.js"

export { ContractRefused, Reason } from "./internal/refused.js"
export { evolve, initialState, openSuspension, outstanding } from "./internal/state.js"
export { isEnded, isTerminal, terminalStatuses } from "./internal/guards.js"
export { asOf, delayInput, milestoneAmount, premiumFacts, replay, worksDates } from "./internal/queries.js"

export { Basis, Command, Defect, Event, Milestone, Owed, Restitution, statuses } from "./internal/model.js"
export type { Ending, Invoice, Policy, ProductionClaim, State, Status } from "./internal/model.js"

const decodeKnownCommand = Decision.decodeInput(Command, "command")

/**
 * Decodes a command from outside (JSON from a form or an API). A malformed command gives an
 * `InvalidInput` naming the offending field; an unknown `_tag` gives one listing the known
 * commands.
 *
 * @since 0.1.0
 * @category commands
 */
export const decodeCommand = (input: unknown): Result.Result<Command, Decision.InvalidInput> => {
  const tag =
    typeof input === "object" && input !== null && "_tag" in input
      ? (input as { readonly _tag: unknown })._tag
      : undefined
  if (typeof tag !== "string" || !Object.hasOwn(Command.cases, tag)) {
    return Result.fail(
      new Decision.InvalidInput({
        input: "command",
        message: `Invalid command: unknown _tag ${JSON.stringify(tag)}; expected one of ${Object.keys(Command.cases).join(", ")}\n  at ["_tag"]`
      })
    )
  }
  return decodeKnownCommand(input)
}

/**
 * D7: 14 withdrawal days; D5: 45 loan days; D8 and D11 as written.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  withdrawal: Withdrawal.defaultPolicy,
  termination: Termination.defaultPolicy,
  powerBasis: "ac",
  loan: ContractConditions.defaultLoanPolicy,
  latePayment: LatePayment.defaultPolicy,
  delay: DelayPenalty.defaultPolicy
}

/**
 * A partial policy over the defaults.
 *
 * @since 0.1.0
 * @category policy
 */
export const policy = (
  overrides: {
    readonly withdrawalDays?: number
    /** D7: the event the withdrawal period counts from (`"delivery"` by default). */
    readonly withdrawalStart?: Withdrawal.WithdrawalStart
    readonly termination?: Partial<Termination.Policy>
    readonly powerBasis?: OfferValidation.Policy["powerBasis"]
    readonly loanMinimumDays?: number
    readonly latePayment?: Partial<LatePayment.Policy>
    readonly delay?: Partial<DelayPenalty.Policy>
  } = {}
): Policy => ({
  withdrawal: {
    ...defaultPolicy.withdrawal,
    withdrawalDays: overrides.withdrawalDays ?? defaultPolicy.withdrawal.withdrawalDays,
    withdrawalStart: overrides.withdrawalStart ?? defaultPolicy.withdrawal.withdrawalStart ?? "delivery"
  },
  termination: { ...defaultPolicy.termination, ...overrides.termination },
  powerBasis: overrides.powerBasis ?? defaultPolicy.powerBasis,
  loan: { minimumDays: overrides.loanMinimumDays ?? defaultPolicy.loan.minimumDays },
  latePayment: { ...defaultPolicy.latePayment, ...overrides.latePayment },
  delay: { ...defaultPolicy.delay, ...overrides.delay }
})

// ---------------------------------------------------------------------------------------------
// Decide
// ---------------------------------------------------------------------------------------------

/**
 * Decides a command against a state, under a policy: the guards every command passes, then the
 * command's own decision. Only a switch: each command is one function of its phase's module.
 *
 * @since 0.1.0
 * @category decide
 */
export const decideWith =
  (policy: Policy) =>
  (command: Command, state: State): Decided => {
    const refused = precheck(command, state)
    if (refused !== undefined) return refused
    switch (command._tag) {
      case "DraftContract":
        return OfferAndOrder.draftContract(command, state)
      case "SignOffer":
        return OfferAndOrder.signOffer(command, state, policy)
      case "PlaceOrder":
        return OfferAndOrder.placeOrder(command, state, policy)
      case "Withdraw":
        return OfferAndOrder.withdraw(command, state, policy)
      case "GiveWithdrawalInformation":
        return OfferAndOrder.giveWithdrawalInformation(command, state)
      case "RecordGoodsDelivered":
        return Works.recordGoodsDelivered(command, state)
      case "RecordLoanObtained":
        return OfferAndOrder.recordLoanObtained(command, state, policy)
      case "RecordLoanRefused":
        return OfferAndOrder.recordLoanRefused(command, state, policy)
      case "RecordLoanPreventedByCustomer":
        return OfferAndOrder.recordLoanPreventedByCustomer(command, state, policy)
      case "RecordLoanPeriodLapsed":
        return OfferAndOrder.recordLoanPeriodLapsed(command, state, policy)
      case "ConcludeStudies":
        return OfferAndOrder.concludeStudies(command, state)
      case "StartWorks":
        return Works.startWorks(command, state, policy)
      case "RecordPanelsDelivered":
        return Works.recordPanelsDelivered(command, state)
      case "RecordBadWeatherDay":
        return Works.recordBadWeatherDay(command, state)
      case "SuspendWorks":
        return Works.suspendWorks(command, state)
      case "ResumeWorks":
        return Works.resumeWorks(command, state)
      case "CompleteWorks":
        return Works.completeWorks(command, state, policy)
      case "ProposeSubstitution":
        return Works.proposeSubstitution(command, state)
      case "AcceptSubstitution":
        return Works.acceptSubstitution(command, state)
      case "IssueInvoice":
        return Billing.issueInvoice(command, state)
      case "RecordInvoiceReceived":
        return Billing.recordInvoiceReceived(command, state, policy)
      case "RecordPayment":
        return Billing.recordPayment(command, state)
      case "SendReminder":
        return Billing.sendReminder(command, state, policy)
      case "RecordInspectionAccepted":
        return InspectionAndFile.recordInspectionAccepted(command, state)
      case "RecordInspectionRefused":
        return InspectionAndFile.recordInspectionRefused(command, state)
      case "RecordConformityRestored":
        return InspectionAndFile.recordConformityRestored(command, state)
      case "DeliverAdministrativeFile":
        return InspectionAndFile.deliverAdministrativeFile(command, state)
      case "ClaimWarranty":
        return Claims.claimWarranty(command, state)
      case "ReportProductionShortfall":
        return Claims.reportProductionShortfall(command, state)
      case "DeliverTechnicalOpinion":
        return Claims.deliverTechnicalOpinion(command, state)
      case "AgreeToRepairs":
        return Claims.agreeToRepairs(command, state)
      case "CompleteRepairs":
        return Claims.completeRepairs(command, state)
      case "RefuseSubstitution":
        return Endings.refuseSubstitution(command, state, policy)
      case "TerminateByCustomer":
        return Endings.terminateByCustomer(command, state, policy)
      case "TerminateByInstaller":
        return Endings.terminateByInstaller(command, state)
      case "SendFormalNotice":
        return Endings.sendFormalNotice(command, state)
      case "RecordNoticeRemedied":
        return Endings.recordNoticeRemedied(command, state)
      case "Rescind":
        return Endings.rescind(command, state)
      case "IssueFinalInvoice":
        return Billing.issueFinalInvoice(command, state)
      case "RecordRefund":
        return Billing.recordRefund(command, state)
      case "RecordGoodsCollected":
        return Endings.recordGoodsCollected(command, state)
      case "AssignContract":
        return Claims.assignContract(command, state)
    }
  }

/**
 * Decides a command under the default policy.
 *
 * @since 0.1.0
 * @category decide
 */
export const decide = decideWith(defaultPolicy)

/**
 * The contract decider under a policy (default: {@link defaultPolicy}).
 *
 * @since 0.1.0
 * @category decider
 */
export const make = (p: Policy = defaultPolicy): Decider.Decider<Command, Event, State, ContractRefused> => ({
  initialState,
  decide: decideWith(p),
  evolve,
  isTerminal
})

/**
 * The contract decider under the default policy.
 *
 * @since 0.1.0
 * @category decider
 */
export const decider: Decider.Decider<Command, Event, State, ContractRefused> = make()

/**
 * The state of a contract from its events.

/**
 * The codec of contract events for the event store (JSON by the {@link Event} Schema).
 *
 * @since 0.1.0
 * @category store
 */
export const codec: EventCodec.EventCodec<Event> = EventCodec.make({ schema: Event })

/**
 * The contract aggregate for `CommandHandler.handle` of `@soltrace/core`, under a policy.
 *
 * @since 0.1.0
 * @category store
 */
export const aggregate = (
  p: Policy = defaultPolicy
): CommandHandler.Aggregate<Command, Event, State, ContractRefused> => ({
  decider: make(p),
  codec
})

/**
 * The stream of a contract: `contract-<id>` (category `contract`).
 *
 * @since 0.1.0
 * @category store
 */
export const streamId = (contractId: string): string => `contract-${contractId}`
