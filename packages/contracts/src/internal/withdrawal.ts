/**
 * The withdrawal facts of a contract (D7), read from its state, for `Withdrawal` of
 * `@soltrace/rules`: how the order was concluded, what the customer was told, when the legal
 * information was received late, when the goods (last part) were delivered and the works completed.
 */
import { Withdrawal } from "@soltrace/rules"
import type { Policy, State } from "./model.js"

/**
 * D7: the day the customer took possession of the goods — the last part delivered (the latest
 * delivery once the last part is recorded); when no delivery in parts was recorded, the contract's
 * "panels delivered" step.
 */
export const goodsDeliveredOn = (state: State, asOf?: string): string | undefined => {
  const known = (d: string | undefined) => (d !== undefined && (asOf === undefined || d <= asOf) ? d : undefined)
  const deliveries = state.goodsDeliveries.filter((d) => known(d.on) !== undefined)
  // D7: "the last part counts" — once the last part is recorded, the goods are all on site on the
  // latest delivery day (a part may be recorded after the last one, dated later).
  if (deliveries.some((d) => d.lastPart)) return deliveries.reduce((a, d) => (d.on > a ? d.on : a), deliveries[0]!.on)
  return deliveries.length === 0 ? known(state.panelsDeliveredOn) : undefined
}

/** The facts of D7 as they stood on `at` (facts recorded for a later day are not yet known). */
export const facts = (state: State, at: string): Withdrawal.Facts | undefined => {
  const order = state.order
  if (order === undefined) return undefined
  const known = (d: string | undefined) => (d !== undefined && d <= at ? d : undefined)
  const delivered = goodsDeliveredOn(state, at)
  const completed = known(state.worksCompletedOn)
  const informed = known(order.legalInformationReceivedOn)
  return {
    concludedBy: order.concludedBy,
    orderedOn: order.on,
    withdrawalInformation: order.withdrawalInformation,
    ...(informed !== undefined ? { legalInformationReceivedOn: informed } : {}),
    ...(delivered !== undefined ? { goodsDeliveredOn: delivered } : {}),
    ...(completed !== undefined ? { completedOn: completed } : {})
  }
}

/**
 * D7 (Code of Economic Law art. VI.50): the installer's refund after a withdrawal — 14 days from
 * the day it was informed, rolled over (D14); when the goods were delivered and it collected them
 * later, by the collection day.
 */
export const refundDue = (
  state: State,
  informedOn: string,
  policy: Policy,
  asOf: string
): { readonly due: string; readonly rolledFrom?: string | undefined; readonly because?: string | undefined } => {
  const d = Withdrawal.refundDeadline(informedOn, policy.withdrawal)
  // Only a collection known on `asOf` counts (the statement as of a date is that day's answer).
  const collected =
    state.goodsCollectedOn !== undefined && state.goodsCollectedOn <= asOf ? state.goodsCollectedOn : undefined
  return goodsDeliveredOn(state, asOf) !== undefined && collected !== undefined && collected > d.due
    ? { due: collected, because: `the goods were collected on ${collected}` }
    : d
}
