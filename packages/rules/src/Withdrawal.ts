/**
 * The customer's right of withdrawal from an off-premises contract (WAL-4c, D7, D14).
 *
 * WAL-4c gives 7 days "from the day after the order"; Belgian law (Code of Economic Law,
 * art. VI.47) gives 14 calendar days and overrides the clause to the customer's benefit (D7), so
 * the default is 14 and `withdrawalDays: 7` reproduces the clause. D14: the deadline is
 * order date + N (counting starts the day after); the notice is in time when it is *sent* on or
 * before the deadline. A contract concluded on the installer's premises has no withdrawal right.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Deadline } from "./Decision.js"
import * as Decision from "./Decision.js"
import * as Calendar from "./Calendar.js"

/**
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly withdrawalDays: number
}

/**
 * D7: 14 calendar days (the law), not the clause's 7.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = { withdrawalDays: 14 }

/**
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Schema.Struct({ withdrawalDays: Schema.Int.check(Schema.isGreaterThanOrEqualTo(7)) })

/**
 * @since 0.1.0
 * @category schemas
 */
export const Input = Schema.Struct({
  orderedOn: Calendar.CalendarDate,
  /** Concluded outside the installer's premises (fair, show, exhibition, home). */
  offPremises: Schema.Boolean,
  /** The day the withdrawal notice was sent (posted). */
  sentOn: Calendar.CalendarDate
})

/**
 * @since 0.1.0
 * @category models
 */
export type Input = typeof Input.Type

/**
 * WAL-4c/D7/D14: the last day on which a withdrawal notice may be sent.
 *
 * @since 0.1.0
 * @category time limits
 */
export const deadline = (orderedOn: Calendar.CalendarDate, policy: Policy = defaultPolicy): Deadline => ({
  rule: "WAL-4c",
  what: "send the withdrawal notice",
  due: Calendar.deadline(orderedOn, { days: policy.withdrawalDays })
})

/**
 * WAL-4c/D7: is the withdrawal valid? Accepted (the contract is withdrawn at no cost) or refused
 * (on-premises contract, or notice sent too late).
 *
 * @since 0.1.0
 * @category rules
 */
export const decide = (
  input: Input,
  policy: Policy = defaultPolicy
): Decision.Decision<{ readonly deadline: Deadline }> => {
  if (!input.offPremises) {
    return Decision.refuse(
      Decision.reason(
        "WAL-4c",
        "The contract was concluded on the installer's premises: there is no right of withdrawal.",
        {
          offPremises: false
        }
      )
    )
  }
  const d = deadline(input.orderedOn, policy)
  const figures = {
    orderedOn: input.orderedOn,
    withdrawalDays: policy.withdrawalDays,
    lastDay: d.due,
    sentOn: input.sentOn
  }
  const d7 = Decision.reason(
    "D7",
    policy.withdrawalDays === 7
      ? "7 days, as the original clause says."
      : `${policy.withdrawalDays} days (the law overrides the clause's 7 days to the customer's benefit).`,
    { withdrawalDays: policy.withdrawalDays }
  )
  if (Calendar.inTime(input.sentOn, d.due)) {
    return Decision.accept({ deadline: d }, [
      Decision.reason(
        "WAL-4c",
        `Notice sent on ${input.sentOn}, on or before the last day ${d.due}: the customer withdraws at no cost.`,
        figures
      ),
      d7
    ])
  }
  return Decision.refuse(
    Decision.reason("WAL-4c", `Notice sent on ${input.sentOn}, after the last day ${d.due}: too late.`, figures),
    d7
  )
}
