/**
 * S2 — Claim too late (ENP-L5, D3).
 *
 * The story of S1, but the labour reimbursement is claimed on 2025-11-07: one day after the last
 * valid day (intervention 2025-05-06 + 6 calendar months, inclusive). The System records the
 * refusal as an event, with its reasons, so the installer's portal can show why.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Scenario from "../Scenario.js"
import { twoMicroinvertersReplaced } from "./S1LabourReimbursement.js"

/**
 * @since 0.1.0
 */
export const scenario = Scenario.make({
  id: "S2",
  name: "claim-too-late",
  title: "Labour reimbursement claimed too late",
  rules: ["ENP-L5", "D3"],
  story: "As S1, but the claim is made on 2025-11-07. → refused under ENP-L5: the last valid day was 2025-11-06.",
  expected: { outcome: "refused", rule: "ENP-L5", lastValidDay: "2025-11-06", claimedOn: "2025-11-07" },
  run: (t) =>
    Effect.gen(function* () {
      const event = yield* twoMicroinvertersReplaced(t, { commissionedOn: "2024-03-10", claimedOn: "2025-11-07" })
      if (event._tag !== "LabourReimbursementRefused") return Scenario.outcome({ outcome: event._tag })
      const [first] = event.reasons
      t.deadline({ rule: "ENP-L5", what: "claim labour reimbursement", due: String(first.figures["lastValidDay"]) })
      return Scenario.outcome({
        outcome: "refused",
        rule: first.rule,
        lastValidDay: String(first.figures["lastValidDay"]),
        claimedOn: event.claimedOn
      })
    })
})
