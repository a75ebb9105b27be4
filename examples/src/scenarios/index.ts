/**
 * Every reference scenario, in the order they are printed: S1–S8 of `docs/domain/scenarios.md`,
 * then I1–I5, what an installer lives through.
 *
 * @since 0.1.0
 */
import type { Scenario } from "../Scenario.js"
import * as S1 from "./S1LabourReimbursement.js"
import * as S2 from "./S2ClaimTooLate.js"
import * as S3 from "./S3InstallationTooOld.js"
import * as S4 from "./S4PaymentSchedule.js"
import * as S5 from "./S5DelayPenalty.js"
import * as S6 from "./S6SelfInstaller.js"
import * as S7 from "./S7Withdrawal.js"
import * as S8 from "./S8LatePayment.js"
import * as I1 from "./I1ReturnNotEligible.js"
import * as I2 from "./I2LoanRefused.js"
import * as I3 from "./I3InspectionRefused.js"
import * as I4 from "./I4TerminationMidWorks.js"
import * as I5 from "./I5WarrantyClaimTooLate.js"

/**
 * @since 0.1.0
 */
export const scenarios: ReadonlyArray<Scenario> = [
  S1.scenario,
  S2.scenario,
  S3.scenario,
  S4.scenario,
  S5.scenario,
  S6.scenario,
  S7.scenario,
  S8.scenario,
  I1.scenario,
  I2.scenario,
  I3.scenario,
  I4.scenario,
  I5.scenario
]

/**
 * The scenarios named by id (`S5`, case-insensitive) or name (`delay-penalty`); all when none is
 * named. An unknown name gives an error message.
 *
 * @since 0.1.0
 */
export const select = (
  names: ReadonlyArray<string>,
  from: ReadonlyArray<Scenario> = scenarios
): ReadonlyArray<Scenario> | string => {
  if (names.length === 0) return from
  const chosen: Array<Scenario> = []
  for (const name of names) {
    const key = name.toLowerCase()
    const found = from.find((s) => s.id.toLowerCase() === key || s.name === key)
    if (found === undefined) return `unknown scenario ${JSON.stringify(name)}`
    if (!chosen.includes(found)) chosen.push(found)
  }
  return chosen
}
