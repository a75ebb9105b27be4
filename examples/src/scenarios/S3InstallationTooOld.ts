/**
 * S3 — Installation too old (ENP-L1, D3).
 *
 * The story of S1 on a system commissioned on 2023-05-06: the intervention of 2025-05-06 falls on
 * the second anniversary of the commissioning. "Commissioned less than 2 years ago" is a period
 * of coverage (D3, D14): it holds while intervention < commissioning + 2 years, so the first day
 * too old is 2025-05-06 itself. The return is still approved (the warranty runs 25 years, D1);
 * only the reimbursement is refused.
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
  id: "S3",
  name: "installation-too-old",
  title: "Installation too old for labour reimbursement",
  rules: ["ENP-L1", "D3", "D1"],
  story:
    "As S1, but the system was commissioned on 2023-05-06 (intervention 2025-05-06). → refused under ENP-L1: not " +
    "commissioned less than 2 years before the intervention.",
  expected: {
    outcome: "refused",
    rule: "ENP-L1",
    commissionedOn: "2023-05-06",
    interventionOn: "2025-05-06",
    firstDayTooOld: "2025-05-06"
  },
  run: (t) =>
    Effect.gen(function* () {
      const event = yield* twoMicroinvertersReplaced(t, { commissionedOn: "2023-05-06", claimedOn: "2025-06-01" })
      if (event._tag !== "LabourReimbursementRefused") return Scenario.outcome({ outcome: event._tag })
      const [first] = event.reasons
      return Scenario.outcome({
        outcome: "refused",
        rule: first.rule,
        commissionedOn: String(first.figures["commissionedOn"]),
        interventionOn: event.interventionOn,
        firstDayTooOld: String(first.figures["firstDayTooOld"])
      })
    })
})
