/**
 * Works and dates (WAL-2.5, WAL-3.2, WAL-5.6, WAL-5.7, WAL-5.9, WAL-5.10, D11): start, delivery of
 * the panels, bad weather, suspensions, completion, and the substitution of a component.
 */
import { DelayPenalty } from "@soltrace/rules"
import type { Policy, State } from "./model.js"
import type { Cmd, Decided } from "./guards.js"
import { LIVE, SUBSTITUTABLE, inStatus, mustOffer, ok, refuseWith, toReasons, wrongStep } from "./guards.js"
import { delayInput, worksDates } from "./queries.js"
import { openSuspension } from "./state.js"

/**
 * WAL-2.5, D11: the works start; a start after the start as pushed by bad weather and suspensions
 * (WAL-5.7.1 pushes « les dates de début et de fin ») is late (WAL-5.14.4). `late` records it as
 * the facts stood then; `Contract.worksDates` answers from all the facts.
 */
export const startWorks = (command: Cmd<"StartWorks">, state: State, policy: Policy): Decided => {
  if (!inStatus(state, "Final")) return wrongStep(command, state, ["Final"])
  if (openSuspension(state) !== undefined)
    return refuseWith(command, state, "WAL-5.6.1", "The work dates are suspended; resume them first.")
  const started = { ...state, worksStartedOn: command.on }
  const pushed = worksDates(started, command.on, policy.delay)
  const late = pushed?.lateStart ?? command.on > mustOffer(state).worksStartOn
  return ok({ _tag: "WorksStarted", on: command.on, late })
}

/** WAL-2.4.3, WAL-3.2: the panels are delivered to the site. */
export const recordPanelsDelivered = (command: Cmd<"RecordPanelsDelivered">, state: State): Decided => {
  if (!inStatus(state, "Final", "WorksStarted")) return wrongStep(command, state, ["Final", "WorksStarted"])
  if (state.panelsDeliveredOn !== undefined)
    return refuseWith(command, state, "WAL-2.4.3", `The panels were already delivered on ${state.panelsDeliveredOn}.`)
  return ok({ _tag: "PanelsDelivered", on: command.on })
}

/** D7: goods delivered to the site, in one or several parts; the withdrawal period runs from the last part. */
export const recordGoodsDelivered = (command: Cmd<"RecordGoodsDelivered">, state: State): Decided => {
  if (!inStatus(state, ...LIVE) || state.order === undefined) return wrongStep(command, state, LIVE)
  if (command.on < state.order.on)
    return refuseWith(
      command,
      state,
      "D7",
      `Goods cannot be delivered (${command.on}) before the order (${state.order.on}).`
    )
  const last = state.goodsDeliveries.find((d) => d.lastPart)
  if (last !== undefined)
    return refuseWith(command, state, "D7", `The last part of the goods was already delivered on ${last.on}.`)
  return ok({ _tag: "GoodsDelivered", on: command.on, lastPart: command.lastPart })
}

/** WAL-5.7.1: a bad-weather day recorded by the IRM, possibly reported after the fact, during the works. */
export const recordBadWeatherDay = (command: Cmd<"RecordBadWeatherDay">, state: State): Decided => {
  if (!inStatus(state, ...LIVE) || state.finalOn === undefined) return wrongStep(command, state, LIVE.slice(1))
  if (command.on < state.finalOn || (state.worksCompletedOn !== undefined && command.on > state.worksCompletedOn)) {
    return refuseWith(
      command,
      state,
      "WAL-5.7.1",
      `A bad-weather day on ${command.on} falls outside the works (${state.finalOn} to ${state.worksCompletedOn ?? "…"}).`,
      {
        on: command.on,
        finalOn: state.finalOn,
        worksCompletedOn: state.worksCompletedOn ?? ""
      }
    )
  }
  return ok({ _tag: "BadWeatherDayRecorded", on: command.on })
}

/** WAL-5.6.1, WAL-5.6.2, WAL-5.9: the work dates are suspended from `on`. */
export const suspendWorks = (command: Cmd<"SuspendWorks">, state: State): Decided => {
  if (!inStatus(state, "Final", "WorksStarted")) return wrongStep(command, state, ["Final", "WorksStarted"])
  if (openSuspension(state) !== undefined)
    return refuseWith(command, state, command.rule, "The work dates are already suspended.")
  return ok({ _tag: "WorksSuspended", on: command.on, rule: command.rule })
}

/** The suspension ends; the dates run again from `on`. */
export const resumeWorks = (command: Cmd<"ResumeWorks">, state: State): Decided => {
  const open = openSuspension(state)
  if (open === undefined) return refuseWith(command, state, "WAL-5.6.1", "The work dates are not suspended.")
  return ok({ _tag: "WorksResumed", on: command.on })
}

/** WAL-3.2, WAL-5.7.2, D11: the works are completed (the panels delivered, no suspension running). */
export const completeWorks = (command: Cmd<"CompleteWorks">, state: State, policy: Policy): Decided => {
  if (!inStatus(state, "WorksStarted")) return wrongStep(command, state, ["WorksStarted"])
  if (state.panelsDeliveredOn === undefined)
    return refuseWith(command, state, "WAL-3.2", "The panels have not been delivered.")
  const open = openSuspension(state)
  if (open !== undefined)
    return refuseWith(command, state, open.rule, "The work dates are suspended; resume them first.")
  const input = delayInput(state, command.on)
  const p =
    input === undefined
      ? undefined
      : DelayPenalty.penalty({ ...input, completion: { _tag: "Completed", on: command.on } }, policy.delay)
  return ok({
    _tag: "WorksCompleted",
    on: command.on,
    pushedEnd: p?.value.pushedEnd ?? mustOffer(state).worksEndOn,
    delayDays: p?.value.delayDays ?? 0,
    reasons: toReasons(p?.reasons ?? [])
  })
}

/** WAL-5.10: a component cannot be installed in time; the installer proposes an equivalent. */
export const proposeSubstitution = (command: Cmd<"ProposeSubstitution">, state: State): Decided => {
  if (!inStatus(state, ...SUBSTITUTABLE)) return wrongStep(command, state, SUBSTITUTABLE)
  if (state.substitution !== undefined && state.substitution.acceptedOn === undefined) {
    return refuseWith(command, state, "WAL-5.10", "A substitution is already awaiting the customer's choice.")
  }
  return ok({
    _tag: "SubstitutionProposed",
    on: command.on,
    component: command.component,
    replacement: command.replacement
  })
}

/** WAL-5.10: a substitution awaits the customer's choice (accept, or refuse and terminate). */
export const awaitingSubstitution = (
  command: Cmd<"AcceptSubstitution" | "RefuseSubstitution">,
  state: State
): Decided | undefined => {
  if (!inStatus(state, ...SUBSTITUTABLE)) return wrongStep(command, state, SUBSTITUTABLE)
  if (state.substitution === undefined || state.substitution.acceptedOn !== undefined) {
    return refuseWith(command, state, "WAL-5.10", "No substitution awaits the customer's choice.")
  }
  return undefined
}

/** WAL-5.10: the customer accepts the proposed equivalent. */
export const acceptSubstitution = (command: Cmd<"AcceptSubstitution">, state: State): Decided =>
  awaitingSubstitution(command, state) ?? ok({ _tag: "SubstitutionAccepted", on: command.on })
