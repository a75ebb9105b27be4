/**
 * The administrative file for the premium (WAL-5.8.2, D14): the installer hands the complete file
 * to the customer within 15 calendar days of the inspection acceptance, and assists with the
 * premium application. The last day rolls over to the next working day when it is a Saturday, a
 * Sunday or a Belgian legal holiday (D14, Civil Code art. 1.7).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Deadline from "./Deadline.js"
import * as Decision from "./Decision.js"
import * as Calendar from "./Calendar.js"

/**
 * D14: the roll-over of the last day (on by default) and extra closing days.
 *
 * @since 0.1.0
 * @category policy
 */
export type Policy = Deadline.RollOverPolicy

/**
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = Deadline.defaultRollOverPolicy

/**
 * {@link Policy} when it comes from outside (configuration).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Deadline.RollOverPolicySchema

/**
 * @since 0.1.0
 * @category schemas
 */
export const Input = Schema.Struct({
  acceptedOn: Calendar.CalendarDate,
  handedOverOn: Calendar.CalendarDate
})

/**
 * WAL-5.8.2/D14: the last day to hand over the administrative file.
 *
 * @since 0.1.0
 * @category time limits
 */
export const deadline = (acceptedOn: Calendar.CalendarDate, policy: Policy = defaultPolicy): Deadline.Deadline =>
  Deadline.limit(
    {
      rule: "WAL-5.8.2",
      what: "hand over the complete administrative file",
      party: "installer",
      kind: "obligation",
      event: acceptedOn,
      span: { days: 15 }
    },
    policy
  )

/**
 * WAL-5.8.2: was the file handed over in time?
 *
 * @since 0.1.0
 * @category rules
 */
export const decide = (
  input: typeof Input.Type,
  policy: Policy = defaultPolicy
): Decision.Decision<{ readonly deadline: Deadline.Deadline }> => {
  const d = deadline(input.acceptedOn, policy)
  const figures = { acceptedOn: input.acceptedOn, ...Deadline.figures(d), handedOverOn: input.handedOverOn }
  return Calendar.inTime(input.handedOverOn, d.due)
    ? Decision.accept({ deadline: d }, [
        Decision.reason(
          "WAL-5.8.2",
          `Handed over on ${input.handedOverOn}, within 15 days of the acceptance (last day ${d.due}${Deadline.note(d)}).`,
          figures
        )
      ])
    : Decision.refuse(
        Decision.reason(
          "WAL-5.8.2",
          `Handed over on ${input.handedOverOn}, after the last day ${d.due}${Deadline.note(d)}.`,
          figures
        )
      )
}
