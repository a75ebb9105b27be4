/**
 * S7 — Withdrawal (WAL-4c, D7, D14), as revised in 2026-12.
 *
 * An order signed at the customer's home (off premises) on 2025-04-01, with the legal withdrawal
 * information. The components are delivered to the site on 2025-05-12. Belgian law (Code of
 * Economic Law, Book VI) overrides the clause's 7 days from the order: the customer has 14 days
 * from the day after taking possession of the goods (D7), so the last day is 2025-05-26, a Monday
 * (D14 would roll a Saturday, Sunday or Belgian legal holiday over). A notice sent on 2025-05-26 is
 * valid; one sent on 2025-05-27 is too late. Counted from the order (`withdrawalStart: "order"`)
 * the last day is 2025-04-15; with the clause's 7 days too, 2025-04-08. Had the customer been given
 * only the printed 7-day clause (wrong information), the period would end 12 months later:
 * 2026-05-26.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { Contract, Deadlines } from "@soltrace/contracts"
import type { Withdrawal } from "@soltrace/rules"
import * as Scenario from "../Scenario.js"
import { contract, offer } from "./ContractFixtures.js"
import type { ContractHandle } from "./ContractFixtures.js"

/**
 * @since 0.1.0
 */
export const scenario = Scenario.make({
  id: "S7",
  name: "withdrawal",
  title: "Withdrawal from an off-premises order",
  rules: ["WAL-4c", "D7", "D14"],
  story:
    "Order signed off premises on 2025-04-01 with the legal information; components delivered 2025-05-12. → the 14 days " +
    "run from the delivery: last day 2025-05-26 (a Monday); a notice sent 2025-05-26 is valid, 2025-05-27 too late. " +
    "Counted from the order: 2025-04-15; with 7 days: 2025-04-08. Given only the printed 7-day clause: 2026-05-26.",
  expected: {
    default: "withdrawn",
    defaultLastDay: "2025-05-26",
    dayAfter: "refused",
    dayAfterRule: "WAL-4c",
    fromOrderLastDay: "2025-04-15",
    sevenDaysFromOrderLastDay: "2025-04-08",
    printedClauseLastDay: "2026-05-26"
  },
  run: (t) =>
    Effect.gen(function* () {
      const delivered = (c: ContractHandle, withdrawalInformation: Withdrawal.WithdrawalInformation) =>
        Effect.gen(function* () {
          yield* c.send({ _tag: "DraftContract", on: "2025-03-28", offer: offer() })
          yield* c.send({ _tag: "SignOffer", on: "2025-03-28" })
          yield* c.send({ _tag: "PlaceOrder", on: "2025-04-01", concludedBy: "off-premises", withdrawalInformation })
          yield* c.send({ _tag: "RecordGoodsDelivered", on: "2025-05-12", lastPart: true })
          return yield* c.state
        })
      const lastDay = (state: Contract.State, policy: Contract.Policy = Contract.defaultPolicy) =>
        Deadlines.deadlines(state, "2025-05-12", policy).find((d) => d.rule === "D7" && d.kind === "right")?.due ??
        "none"

      t.note("Under the default policy (D7: 14 days from the delivery of the goods, the law).")
      const byLaw = contract(t, "default")
      const state = yield* delivered(byLaw, "legal")
      const tooLate = yield* byLaw.refused({ _tag: "Withdraw", on: "2025-05-27" })
      yield* byLaw.send({ _tag: "Withdraw", on: "2025-05-26" })
      const withdrawn = yield* byLaw.state

      t.note("Given only the printed 7-day clause (wrong information): the 12-month extension.")
      const misinformed = yield* delivered(contract(t, "printed-clause"), "contract-type-7-days")

      return Scenario.outcome({
        default: withdrawn.status === "Withdrawn" ? "withdrawn" : withdrawn.status,
        defaultLastDay: lastDay(state),
        dayAfter: "refused",
        dayAfterRule: tooLate.reasons[0]?.rule ?? "none",
        fromOrderLastDay: lastDay(state, Contract.policy({ withdrawalStart: "order" })),
        sevenDaysFromOrderLastDay: lastDay(state, Contract.policy({ withdrawalStart: "order", withdrawalDays: 7 })),
        printedClauseLastDay: lastDay(misinformed)
      })
    })
})
