/**
 * S7 — Withdrawal (WAL-4c, D7, D14).
 *
 * An order signed at the customer's home (off premises) on 2025-04-01; the customer posts a
 * withdrawal letter on 2025-04-15. The contract's clause says 7 days, Belgian law says 14 and
 * overrides it to the customer's benefit (D7): by default the withdrawal is valid (last day
 * 2025-04-15, counted from the day after the order, D14) and the contract ends at no cost. The
 * same letter under `withdrawalDays: 7` (the original clause) is too late: its last day was
 * 2025-04-08.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { Contract } from "@soltrace/contracts"
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
    "Order signed off premises on 2025-04-01; withdrawal letter sent 2025-04-15. → valid under the default 14 days (last " +
    "day 2025-04-15). With withdrawalDays: 7 it is too late (last day 2025-04-08).",
  expected: {
    default: "withdrawn",
    defaultLastDay: "2025-04-15",
    sevenDays: "refused",
    sevenDaysRule: "WAL-4c",
    sevenDaysLastDay: "2025-04-08"
  },
  run: (t) =>
    Effect.gen(function* () {
      const ordered = (c: ContractHandle) =>
        Effect.gen(function* () {
          yield* c.send({ _tag: "DraftContract", on: "2025-03-28", offer: offer() })
          yield* c.send({ _tag: "SignOffer", on: "2025-03-28" })
          return yield* c.send({ _tag: "PlaceOrder", on: "2025-04-01", offPremises: true })
        })

      t.note("Under the default policy (D7: 14 days, the law).")
      const byLaw = contract(t, "default")
      const placed = yield* ordered(byLaw)
      const order = placed.events.find((e) => e._tag === "OrderPlaced")
      yield* byLaw.send({ _tag: "Withdraw", on: "2025-04-15" })
      const stateByLaw = yield* byLaw.state

      t.note("Under withdrawalDays: 7 (the contract's original clause).")
      const byClause = contract(t, "seven-days", Contract.policy({ withdrawalDays: 7 }))
      yield* ordered(byClause)
      const refusal = yield* byClause.refused({ _tag: "Withdraw", on: "2025-04-15" })
      const [first] = refusal.reasons

      return Scenario.outcome({
        default: stateByLaw.status === "Withdrawn" ? "withdrawn" : stateByLaw.status,
        defaultLastDay: order?._tag === "OrderPlaced" ? String(order.withdrawalDue) : "none",
        sevenDays: "refused",
        sevenDaysRule: first?.rule ?? "none",
        sevenDaysLastDay: String(first?.figures["lastDay"])
      })
    })
})
