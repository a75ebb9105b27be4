/**
 * The installer's own warranties (WAL-5.12.2, D1, D14).
 *
 * - `conformity`: a non-conformity of the components (panels' peak power included) or of the works
 *   that existed at the inspection acceptance and appears within 2 years of it.
 * - `watertightness`: a watertightness defect of the part of the roof carrying the installation,
 *   not from mere wear, within 10 years of the acceptance.
 * - `rented-equipment`: any defect of equipment rented to the customer (while rented).
 *
 * Coverage periods hold on day d when acceptance ≤ d < acceptance + term (D1). The claim is made in
 * writing within 2 months of the discovery (D14: discovery + 2 months, inclusive; a last day on a
 * Saturday, a Sunday or a Belgian legal holiday rolls over to the next working day, Civil Code
 * art. 1.7). The coverage periods themselves never roll over (D14).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Deadline from "./Deadline.js"
import type { Reason } from "./Decision.js"
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
export const Defect = Schema.Union([
  Schema.TaggedStruct("Conformity", { existedAtAcceptance: Schema.Boolean }),
  Schema.TaggedStruct("Watertightness", {
    fromMereWear: Schema.Boolean,
    onRoofPartCarryingInstallation: Schema.Boolean
  }),
  Schema.TaggedStruct("RentedEquipment", { rentalEndsOn: Schema.optional(Calendar.CalendarDate) })
])

/**
 * @since 0.1.0
 * @category schemas
 */
export const ClaimInput = Schema.Struct({
  /** Inspection acceptance by the control body (WAL-5.8.2 refers to it). */
  acceptedOn: Calendar.CalendarDate,
  defect: Defect,
  /** The day the defect appeared and was discovered. */
  discoveredOn: Calendar.CalendarDate,
  claimedOn: Calendar.CalendarDate,
  inWriting: Schema.Boolean
})

/**
 * @since 0.1.0
 * @category models
 */
export type ClaimInput = typeof ClaimInput.Type

/**
 * WAL-5.12.2/D14: the last day for a written claim after a discovery.
 *
 * @since 0.1.0
 * @category time limits
 */
export const claimDeadline = (discoveredOn: Calendar.CalendarDate, policy: Policy = defaultPolicy): Deadline.Deadline =>
  Deadline.limit(
    {
      rule: "WAL-5.12.2",
      what: "claim under the installer's warranty, in writing",
      party: "customer",
      kind: "right",
      event: discoveredOn,
      span: { months: 2 }
    },
    policy
  )

/**
 * WAL-5.12.2: is the claim covered? Accepted (the installer analyses, replaces and repairs at its
 * cost, labour, materials and transport included) or refused with every reason.
 *
 * @since 0.1.0
 * @category rules
 */
export const decide = (
  input: ClaimInput,
  policy: Policy = defaultPolicy
): Decision.Decision<{ readonly claimDeadline: Deadline.Deadline }> => {
  const dl = claimDeadline(input.discoveredOn, policy)
  const problems: Array<Reason> = []
  const notes: Array<Reason> = []
  const d = input.defect
  switch (d._tag) {
    case "Conformity": {
      const end = Calendar.coverageEnd(input.acceptedOn, { years: 2 })
      const figures = { acceptedOn: input.acceptedOn, coverageEnd: end, discoveredOn: input.discoveredOn }
      if (!d.existedAtAcceptance) {
        problems.push(
          Decision.reason("WAL-5.12.2", "The conformity warranty covers only defects that existed at the acceptance.", {
            existedAtAcceptance: false
          })
        )
      }
      if (!Calendar.coveredOn(input.acceptedOn, { years: 2 }, input.discoveredOn)) {
        problems.push(
          Decision.reason(
            "WAL-5.12.2",
            `The defect appeared on ${input.discoveredOn}, outside the 2 years from the acceptance (covered until the day before ${end}).`,
            figures
          )
        )
      } else
        notes.push(
          Decision.reason(
            "WAL-5.12.2",
            `Conformity defect appeared within 2 years of the acceptance (covered until the day before ${end}).`,
            figures
          )
        )
      break
    }
    case "Watertightness": {
      const end = Calendar.coverageEnd(input.acceptedOn, { years: 10 })
      const figures = { acceptedOn: input.acceptedOn, coverageEnd: end, discoveredOn: input.discoveredOn }
      if (d.fromMereWear)
        problems.push(
          Decision.reason("WAL-5.12.2", "A watertightness defect from mere wear is excluded.", { fromMereWear: true })
        )
      if (!d.onRoofPartCarryingInstallation) {
        problems.push(
          Decision.reason("WAL-5.12.2", "Only the part of the roof carrying the installation is covered.", {
            onRoofPartCarryingInstallation: false
          })
        )
      }
      if (!Calendar.coveredOn(input.acceptedOn, { years: 10 }, input.discoveredOn)) {
        problems.push(
          Decision.reason(
            "WAL-5.12.2",
            `The defect appeared on ${input.discoveredOn}, outside the 10 years from the acceptance.`,
            figures
          )
        )
      } else
        notes.push(
          Decision.reason(
            "WAL-5.12.2",
            `Watertightness defect within 10 years of the acceptance (covered until the day before ${end}).`,
            figures
          )
        )
      break
    }
    case "RentedEquipment": {
      if (d.rentalEndsOn !== undefined && !(input.discoveredOn < d.rentalEndsOn)) {
        problems.push(
          Decision.reason(
            "WAL-5.12.2",
            `The rental ended on ${d.rentalEndsOn}, before the defect appeared on ${input.discoveredOn}.`,
            {
              rentalEndsOn: d.rentalEndsOn,
              discoveredOn: input.discoveredOn
            }
          )
        )
      } else
        notes.push(
          Decision.reason("WAL-5.12.2", "Any defect of rented equipment is covered while it is rented.", {
            discoveredOn: input.discoveredOn,
            ...(d.rentalEndsOn !== undefined ? { rentalEndsOn: d.rentalEndsOn } : {})
          })
        )
      break
    }
  }
  if (!input.inWriting)
    problems.push(Decision.reason("WAL-5.12.2", "A warranty claim must be made in writing.", { inWriting: false }))
  if (input.claimedOn < input.discoveredOn) {
    problems.push(
      Decision.reason("WAL-5.12.2", "The claim predates the discovery.", {
        claimedOn: input.claimedOn,
        discoveredOn: input.discoveredOn
      })
    )
  } else if (!Calendar.inTime(input.claimedOn, dl.due)) {
    problems.push(
      Decision.reason(
        "WAL-5.12.2",
        `Claimed on ${input.claimedOn}, after the last day ${dl.due}${Deadline.note(dl)} (2 months from the discovery on ${input.discoveredOn}).`,
        {
          discoveredOn: input.discoveredOn,
          ...Deadline.figures(dl),
          claimedOn: input.claimedOn
        }
      )
    )
  } else {
    notes.push(
      Decision.reason(
        "WAL-5.12.2",
        `Claimed in writing on ${input.claimedOn}, within 2 months of the discovery (last day ${dl.due}${Deadline.note(dl)}).`,
        {
          discoveredOn: input.discoveredOn,
          ...Deadline.figures(dl),
          claimedOn: input.claimedOn
        }
      )
    )
  }
  const [first, ...rest] = problems
  if (first !== undefined) return Decision.refuse(first, ...rest)
  return Decision.accept({ claimDeadline: dl }, [
    ...notes,
    Decision.reason(
      "WAL-5.12.2",
      "The installer analyses, replaces and repairs at its cost (labour, materials and transport).",
      { defect: d._tag, costsBorneBy: "installer" }
    )
  ])
}
