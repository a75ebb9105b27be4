/**
 * The guards of the contract's decisions, in one place: the result of a decision, refusals, the
 * statuses in which each step is possible (WAL-1.3), and the checks every command passes first.
 */
import { Result } from "effect"
import type { Decision } from "@soltrace/rules"
import type * as Terms from "../Terms.js"
import type { Command, Event, State, Status } from "./model.js"
import type { Reason } from "./refused.js"
import { ContractRefused } from "./refused.js"

/** The outcome of a decision: the events, or the refusal. */
export type Decided = Result.Result<ReadonlyArray<Event>, ContractRefused>

/** One command of the union, by its tag. */
export type Cmd<T extends Command["_tag"]> = Extract<Command, { readonly _tag: T }>

/** One event of the union, by its tag. */
export type Evt<T extends Event["_tag"]> = Extract<Event, { readonly _tag: T }>

export const toReason = (r: Decision.Reason): Reason => ({
  rule: r.rule,
  message: r.message,
  figures: { ...r.figures }
})
export const toReasons = (rs: ReadonlyArray<Decision.Reason>): Array<Reason> => rs.map(toReason)

export const ok = (...events: ReadonlyArray<Event>): Decided => Result.succeed(events)

export const refuse = (command: Command, state: State, reasons: ReadonlyArray<Decision.Reason>): Decided =>
  Result.fail(new ContractRefused({ command: command._tag, status: state.status, reasons: toReasons(reasons) }))

export const refuseWith = (
  command: Command,
  state: State,
  rule: string,
  message: string,
  figures: Decision.Reason["figures"] = {}
): Decided => refuse(command, state, [{ rule, message, figures }])

/** WAL-1.3: the steps of the contract happen in order. */
export const wrongStep = (command: Command, state: State, expected: ReadonlyArray<Status>): Decided =>
  refuseWith(
    command,
    state,
    "WAL-1.3",
    `${command._tag} is not possible while the contract is ${state.status} (expected ${expected.join(" or ")}).`,
    {
      status: state.status
    }
  )

export const inStatus = (state: State, ...allowed: ReadonlyArray<Status>): boolean => allowed.includes(state.status)

/**
 * The statuses in which the contract has ended (void, withdrawn, terminated, rescinded): no
 * lifecycle step is possible any more, only the settlement of the accounts ({@link AFTER_END}).
 *
 * @since 0.1.0
 * @category state
 */
export const terminalStatuses: ReadonlyArray<Status> = ["Void", "Withdrawn", "Terminated", "Rescinded"]

/**
 * True when the contract has ended (one of {@link terminalStatuses}).
 *
 * @since 0.2.0
 * @category state
 */
export const isEnded = (state: State): boolean => terminalStatuses.includes(state.status)

/**
 * D8, D10: debts survive the contract — an ended contract still takes payments, reminders, refunds
 * and the final invoice of its net settlement — so no state of the contract is terminal in the
 * decider's sense: this is always `false`. (Before 0.2.0 the ended statuses were terminal.)
 *
 * @since 0.1.0
 * @category state
 */
export const isTerminal = (_state: State): boolean => false

/**
 * D8, D10: what an ended contract still accepts — the receipt and payment of invoices, reminders,
 * the final invoice, refunds and the collection of the goods after a withdrawal.
 */
export const AFTER_END: ReadonlyArray<Command["_tag"]> = [
  "RecordInvoiceReceived",
  "RecordPayment",
  "SendReminder",
  "IssueFinalInvoice",
  "RecordRefund",
  "RecordGoodsCollected"
]

/** The contract is in force: after the order, before any ending (conditions may still be pending). */
export const LIVE: ReadonlyArray<Status> = [
  "Ordered",
  "Final",
  "WorksStarted",
  "WorksCompleted",
  "InspectionRefused",
  "InspectionAccepted",
  "Completed"
]
/**
 * Facts that are often learnt after the day they happened — a withdrawal letter posted earlier, an
 * IRM bad-weather report, a bank payment, the day an invoice arrived, a reminder — may be dated
 * before the contract's last event; each is still checked against the fact it depends on.
 */
export const BACKDATABLE: ReadonlyArray<Command["_tag"]> = [
  "Withdraw",
  "GiveWithdrawalInformation",
  "RecordGoodsDelivered",
  "RecordBadWeatherDay",
  "RecordInvoiceReceived",
  "RecordPayment",
  "SendReminder",
  "RecordRefund",
  "RecordGoodsCollected"
]
/** WAL-5.10: a substitution is proposed and answered before the works are completed. */
export const SUBSTITUTABLE: ReadonlyArray<Status> = ["Final", "WorksStarted"]
/** WAL-5.14.2: the customer may terminate "at any time" — until the contract is carried out. */
export const TERMINABLE_BY_CUSTOMER: ReadonlyArray<Status> = [
  "Ordered",
  "Final",
  "WorksStarted",
  "WorksCompleted",
  "InspectionRefused",
  "InspectionAccepted"
]
/** WAL-5.14.3: the installer terminates when the customer refuses works the studies found indispensable, before the works end. */
export const TERMINABLE_BY_INSTALLER: ReadonlyArray<Status> = ["Ordered", "Final", "WorksStarted"]
/** Once the installation is accepted. */
export const ACCEPTED: ReadonlyArray<Status> = ["InspectionAccepted", "Completed"]

export const mustOffer = (state: State): Terms.StateOffer => {
  if (state.offer === undefined) throw new Error("Contract: no offer in a non-empty state")
  return state.offer
}

/**
 * The checks every command passes before its own decision: an ended contract accepts only the
 * settlement of its accounts (WAL-1.3, D8, D10), and business dates never go backwards, except for the facts learnt late
 * ({@link BACKDATABLE}). `undefined` when the command may be decided.
 */
export const precheck = (command: Command, state: State): Decided | undefined => {
  if (isEnded(state) && !AFTER_END.includes(command._tag)) {
    return refuseWith(
      command,
      state,
      "WAL-1.3",
      `The contract is ${state.status}: it accepts only the settlement of its accounts (payments, reminders, refunds, the final invoice; D8, D10).`,
      { status: state.status }
    )
  }
  if (state.lastOn !== undefined && command.on < state.lastOn && !BACKDATABLE.includes(command._tag)) {
    return refuseWith(
      command,
      state,
      "WAL-1.3",
      `${command._tag} is dated ${command.on}, before the contract's last event (${state.lastOn}); business dates never go backwards.`,
      {
        on: command.on,
        lastOn: state.lastOn
      }
    )
  }
  return undefined
}
