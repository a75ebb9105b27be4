/**
 * The administrative file for the premium (WAL-5.8.2, D14): the installer hands the complete file
 * to the customer within 15 calendar days of the inspection acceptance, and assists with the
 * premium application.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Deadline } from "./Decision.js"
import * as Decision from "./Decision.js"
import * as Calendar from "./Calendar.js"

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
export const deadline = (acceptedOn: Calendar.CalendarDate): Deadline => ({
  rule: "WAL-5.8.2",
  what: "hand over the complete administrative file",
  due: Calendar.deadline(acceptedOn, { days: 15 })
})

/**
 * WAL-5.8.2: was the file handed over in time?
 *
 * @since 0.1.0
 * @category rules
 */
export const decide = (input: typeof Input.Type): Decision.Decision<{ readonly deadline: Deadline }> => {
  const d = deadline(input.acceptedOn)
  const figures = { acceptedOn: input.acceptedOn, lastDay: d.due, handedOverOn: input.handedOverOn }
  return Calendar.inTime(input.handedOverOn, d.due)
    ? Decision.accept({ deadline: d }, [
        Decision.reason(
          "WAL-5.8.2",
          `Handed over on ${input.handedOverOn}, within 15 days of the acceptance (last day ${d.due}).`,
          figures
        )
      ])
    : Decision.refuse(
        Decision.reason("WAL-5.8.2", `Handed over on ${input.handedOverOn}, after the last day ${d.due}.`, figures)
      )
}
