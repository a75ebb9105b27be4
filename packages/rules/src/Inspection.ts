/**
 * Inspection acceptance by a control body (WAL-5.8.1, D14).
 *
 * - The customer pays the inspection. When the specification does not include an inspection
 *   arranged by the installer, the customer must get it done within 45 calendar days of the end
 *   of the works.
 * - When the control body refuses the installation, the installer brings it into conformity within
 *   30 calendar days of being told, and pays that work and the new inspection.
 * - D14: both last days roll over to the next working day when they are a Saturday, a Sunday or a
 *   Belgian legal holiday (Civil Code art. 1.7).
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
export const InspectionInput = Schema.Struct({
  worksEndedOn: Calendar.CalendarDate,
  /** The specification includes an inspection arranged by the installer (WAL-2.2 option). */
  arrangedByInstaller: Schema.Boolean,
  inspectedOn: Calendar.CalendarDate
})

/**
 * WAL-5.8.1/D14: the last day for the customer to get the inspection done.
 *
 * @since 0.1.0
 * @category time limits
 */
export const inspectionDeadline = (
  worksEndedOn: Calendar.CalendarDate,
  policy: Policy = defaultPolicy
): Deadline.Deadline =>
  Deadline.limit(
    {
      rule: "WAL-5.8.1",
      what: "get the installation inspected (customer)",
      party: "customer",
      kind: "obligation",
      event: worksEndedOn,
      span: { days: 45 }
    },
    policy
  )

/**
 * WAL-5.8.1: did the customer get the inspection done in time? When the installer arranges it,
 * the customer has no such time limit.
 *
 * @since 0.1.0
 * @category rules
 */
export const inspection = (
  input: typeof InspectionInput.Type,
  policy: Policy = defaultPolicy
): Decision.Decision<{ readonly deadline: Deadline.Deadline | undefined }> => {
  if (input.arrangedByInstaller) {
    return Decision.accept({ deadline: undefined }, [
      Decision.reason(
        "WAL-5.8.1",
        "The installer arranges the inspection: the customer's 45-day limit does not apply (the customer still pays the inspection).",
        { arrangedByInstaller: true }
      )
    ])
  }
  const d = inspectionDeadline(input.worksEndedOn, policy)
  const figures = { worksEndedOn: input.worksEndedOn, ...Deadline.figures(d), inspectedOn: input.inspectedOn }
  return Calendar.inTime(input.inspectedOn, d.due)
    ? Decision.accept({ deadline: d }, [
        Decision.reason(
          "WAL-5.8.1",
          `Inspected on ${input.inspectedOn}, within 45 days of the end of works (last day ${d.due}${Deadline.note(d)}).`,
          figures
        )
      ])
    : Decision.refuse(
        Decision.reason(
          "WAL-5.8.1",
          `Inspected on ${input.inspectedOn}, after the last day ${d.due}${Deadline.note(d)}.`,
          figures
        )
      )
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ConformityFixInput = Schema.Struct({
  /** The day the installer was told the inspection was refused. */
  refusalNotifiedOn: Calendar.CalendarDate,
  fixedOn: Calendar.CalendarDate
})

/**
 * WAL-5.8.1/D14: the last day for the conformity work after a refusal.
 *
 * @since 0.1.0
 * @category time limits
 */
export const conformityDeadline = (
  refusalNotifiedOn: Calendar.CalendarDate,
  policy: Policy = defaultPolicy
): Deadline.Deadline =>
  Deadline.limit(
    {
      rule: "WAL-5.8.1",
      what: "bring the installation into conformity (installer)",
      party: "installer",
      kind: "obligation",
      event: refusalNotifiedOn,
      span: { days: 30 }
    },
    policy
  )

/**
 * WAL-5.8.1: conformity work after a refused inspection, in time or not. The work and the new
 * inspection are always at the installer's cost.
 *
 * @since 0.1.0
 * @category rules
 */
export const conformityFix = (
  input: typeof ConformityFixInput.Type,
  policy: Policy = defaultPolicy
): Decision.Decision<{ readonly deadline: Deadline.Deadline; readonly costsBorneBy: "installer" }> => {
  const d = conformityDeadline(input.refusalNotifiedOn, policy)
  const figures = { refusalNotifiedOn: input.refusalNotifiedOn, ...Deadline.figures(d), fixedOn: input.fixedOn }
  const costs = Decision.reason(
    "WAL-5.8.1",
    "The conformity work and the new inspection are at the installer's cost.",
    { costsBorneBy: "installer" }
  )
  return Calendar.inTime(input.fixedOn, d.due)
    ? Decision.accept({ deadline: d, costsBorneBy: "installer" as const }, [
        Decision.reason(
          "WAL-5.8.1",
          `Brought into conformity on ${input.fixedOn}, within 30 days (last day ${d.due}${Deadline.note(d)}).`,
          figures
        ),
        costs
      ])
    : Decision.refuse(
        Decision.reason(
          "WAL-5.8.1",
          `Brought into conformity on ${input.fixedOn}, after the last day ${d.due}${Deadline.note(d)}.`,
          figures
        ),
        costs
      )
}
