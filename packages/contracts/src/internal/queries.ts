/**
 * Queries on the contract's state (re-exported by `Contract`): replay, the state "as of" a date,
 * the amount of a milestone and the delay-penalty input. The statement and the deadlines are their
 * own public modules (`Statement`, `Deadlines`).
 */
import { Calendar, DelayPenalty as DelayPenaltyRules, PaymentSchedule } from "@soltrace/rules"
import type { DelayPenalty, Money } from "@soltrace/rules"
import type { Event, Milestone, State } from "./model.js"
import * as Terms from "../Terms.js"
import { evolve, initialState } from "./state.js"

/**
 * D4/D10: the amount of each milestone, incl. VAT, from the schedule of the offer.
 *
 * @since 0.1.0
 * @category queries
 */
export const milestoneAmount = (offer: Terms.StateOffer, milestone: Milestone): Money.Amount => {
  const a = PaymentSchedule.amounts(offer.schedule, Terms.totalIncl(offer).cents)
  return a[milestone]
}

/**
 * Delay-penalty input (WAL-5.7.2, D11) of a contract evaluated on `at`.
 *
 * @since 0.1.0
 * @category queries
 */
export const delayInput = (state: State, at: string): DelayPenalty.Input | undefined => {
  const offer = state.offer
  if (offer === undefined || state.finalOn === undefined) return undefined
  const completion: DelayPenalty.Input["completion"] =
    state.worksCompletedOn !== undefined && state.worksCompletedOn <= at
      ? { _tag: "Completed", on: state.worksCompletedOn }
      : { _tag: "Unfinished", evaluatedOn: at }
  const end = completion._tag === "Completed" ? completion.on : at
  // D11: every figure from all the recorded facts, whenever they were recorded: the agreed dates,
  // the actual start (if by then), the bad-weather days and suspensions up to the end.
  const startedOn = state.worksStartedOn !== undefined && state.worksStartedOn <= end ? state.worksStartedOn : undefined
  return {
    startOfWorks: offer.worksStartOn,
    agreedStart: offer.worksStartOn,
    ...(startedOn !== undefined ? { startedOn } : {}),
    agreedEnd: offer.worksEndOn,
    badWeatherDays: state.badWeatherDays.filter((d) => d <= end),
    suspensions: state.suspensions
      .filter((s) => s.from <= end)
      .map((s) => ({
        rule: s.rule,
        from: s.from,
        to: Calendar.min(s.resumedOn === undefined ? end : Calendar.addDays(s.resumedOn, -1), end)
      })),
    completion,
    priceExclCents: Terms.priceExcl(offer).cents
  }
}

/**
 * The state of a contract from its events.
 *
 * @since 0.1.0
 * @category queries
 */
export const replay = (events: Iterable<Event>): State => {
  let state = initialState
  for (const event of events) state = evolve(state, event)
  return state
}

/**
 * The state "as of" a date: the fold of the events dated on or before `date` (events carry their
 * business date, and dates never go backwards within a contract).
 *
 * @since 0.1.0
 * @category queries
 */
export const asOf = (events: Iterable<Event>, date: string): State => replay([...events].filter((e) => e.on <= date))

/**
 * WAL-2.5, WAL-5.7.1, D11: the works' dates on `at` — the start and the end as pushed by bad
 * weather and suspensions, and whether the works started late (after the pushed start) — from all
 * the facts recorded, in date order, whenever they were recorded.
 *
 * @since 0.2.0
 * @category queries
 */
export const worksDates = (
  state: State,
  at: string,
  policy: DelayPenalty.Policy = DelayPenaltyRules.defaultPolicy
): DelayPenalty.Dates | undefined => {
  const input = delayInput(state, at)
  return input === undefined ? undefined : DelayPenaltyRules.dates(input, policy)
}

/**
 * D9 (§3.6 of the contract: the inspection acceptance « fait foi pour l'octroi de la prime »): the
 * facts of a contract that `Qualiwatt.decide` of the rules needs — the inspection acceptance date
 * that decides, and the powers (the inverters' AC power is the default basis). The contract's own
 * lifecycle never depends on the premium. `undefined` before the inspection is accepted.
 *
 * @since 0.2.0
 * @category queries
 */
export const premiumFacts = (
  state: State
):
  | { readonly inspectionAcceptedOn: string; readonly peakPowerWatts: number; readonly maxAcPowerWatts: number }
  | undefined =>
  state.offer === undefined || state.acceptedOn === undefined
    ? undefined
    : {
        inspectionAcceptedOn: state.acceptedOn,
        peakPowerWatts: state.offer.installation.peakPowerWp,
        maxAcPowerWatts: state.offer.installation.maxAcPowerVa
      }
