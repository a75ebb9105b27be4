/**
 * The installer's liability for production below the estimate (WAL-5.13, D14).
 *
 * The installer is liable when either
 * - after at least one year of production, actual production is at least 10% below the expected
 *   production of the specification (`Annual`), or
 * - over a period of 45 calendar days, it is more than 25% below (`Period`),
 * unless it shows the shortfall is not its doing (sunshine, panel ageing, new shading, works on the
 * building, grid outages…). It gives a technical opinion within 20 calendar days; repairs are done
 * within 45 calendar days of the customer's agreement. The opinion may be charged only when the
 * solutions fall outside the warranties and the customer was told in advance; it is free
 * otherwise.
 *
 * D14: the last days of the opinion and of the repairs roll over to the next working day when they
 * fall on a Saturday, a Sunday or a Belgian legal holiday (Civil Code art. 1.7).
 *
 * Energy is in integer watt-hours. Shortfalls are compared exactly (no rounding).
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

const Wh = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * Causes the installer may show to escape liability (WAL-5.13).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExonerationCause = Schema.Literals([
  "sunshine",
  "panel-ageing",
  "new-shading",
  "works-on-building",
  "grid-outage",
  "other"
])

/**
 * A measurement over `[from, to]` (both inclusive).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Measurement = Schema.Struct({
  test: Schema.Literals(["annual", "45-days"]),
  from: Calendar.CalendarDate,
  to: Calendar.CalendarDate,
  expectedWh: Wh,
  actualWh: Wh
}).check(
  Schema.makeFilter((m: { readonly from: string; readonly to: string }) =>
    m.from <= m.to ? undefined : `Expected a measurement whose "to" (${m.to}) is not before its "from" (${m.from})`
  )
)

/**
 * @since 0.1.0
 * @category schemas
 */
export const LiabilityInput = Schema.Struct({
  measurement: Measurement,
  /** Causes the installer has shown (empty when it has shown none). */
  exonerations: Schema.Array(ExonerationCause),
  /** The day the customer reported the shortfall to the installer. */
  reportedOn: Calendar.CalendarDate
})

/**
 * @since 0.1.0
 * @category models
 */
export type LiabilityInput = typeof LiabilityInput.Type

/**
 * WAL-5.13/D14: the last day for the technical opinion.
 *
 * @since 0.1.0
 * @category time limits
 */
export const opinionDeadline = (reportedOn: Calendar.CalendarDate, policy: Policy = defaultPolicy): Deadline.Deadline =>
  Deadline.limit(
    {
      rule: "WAL-5.13",
      what: "give the technical opinion",
      party: "installer",
      kind: "obligation",
      event: reportedOn,
      span: { days: 20 }
    },
    policy
  )

/**
 * WAL-5.13/D14: the last day for the repairs.
 *
 * @since 0.1.0
 * @category time limits
 */
export const repairsDeadline = (
  customerAgreedOn: Calendar.CalendarDate,
  policy: Policy = defaultPolicy
): Deadline.Deadline =>
  Deadline.limit(
    {
      rule: "WAL-5.13",
      what: "carry out the repairs",
      party: "installer",
      kind: "obligation",
      event: customerAgreedOn,
      span: { days: 45 }
    },
    policy
  )

/**
 * WAL-5.13: is the installer liable for the shortfall?
 *
 * @since 0.1.0
 * @category rules
 */
export const liability = (
  input: LiabilityInput,
  policy: Policy = defaultPolicy
): Decision.Decision<{ readonly shortfallBp: number; readonly opinionDeadline: Deadline.Deadline }> => {
  const m = input.measurement
  const days = Calendar.daysBetween(m.from, m.to) + 1
  const shortfallWh = m.expectedWh - m.actualWh
  // shortfall share, rounded down to the basis point, for display only
  const shortfallBp = m.expectedWh === 0 ? 0 : Math.floor((shortfallWh * 10_000) / m.expectedWh)
  const figures = { from: m.from, to: m.to, days, expectedWh: m.expectedWh, actualWh: m.actualWh, shortfallBp }
  if (m.test === "annual") {
    const yearDone = Calendar.addDays(m.to, 1) >= Calendar.addYears(m.from, 1)
    if (!yearDone) {
      return Decision.refuse(
        Decision.reason("WAL-5.13", `The measurement covers ${days} days, less than one year of production.`, figures)
      )
    }
    if (!(BigInt(shortfallWh) * 10_000n >= BigInt(m.expectedWh) * 1000n) || m.expectedWh === 0) {
      return Decision.refuse(
        Decision.reason(
          "WAL-5.13",
          "After a year of production, actual production is less than 10% below the expected production.",
          { ...figures, thresholdBp: 1000 }
        )
      )
    }
  } else {
    if (days < 45) {
      return Decision.refuse(
        Decision.reason(
          "WAL-5.13",
          `The period covers ${days} days, fewer than the 45 calendar days of the test.`,
          figures
        )
      )
    }
    if (!(BigInt(shortfallWh) * 10_000n > BigInt(m.expectedWh) * 2500n)) {
      return Decision.refuse(
        Decision.reason(
          "WAL-5.13",
          "Over the 45-day period, actual production is not more than 25% below the expected production.",
          { ...figures, thresholdBp: 2500 }
        )
      )
    }
  }
  const [cause, ...more] = input.exonerations
  if (cause !== undefined) {
    return Decision.refuse(
      Decision.reason(
        "WAL-5.13",
        `The installer showed the shortfall is not its doing (${[cause, ...more].join(", ")}).`,
        { ...figures, exonerations: [cause, ...more].join(",") }
      )
    )
  }
  const od = opinionDeadline(input.reportedOn, policy)
  return Decision.accept({ shortfallBp, opinionDeadline: od }, [
    Decision.reason(
      "WAL-5.13",
      m.test === "annual"
        ? "After at least a year of production, actual production is at least 10% below the expected: the installer is liable."
        : "Over 45 calendar days, actual production is more than 25% below the expected: the installer is liable.",
      { ...figures, thresholdBp: m.test === "annual" ? 1000 : 2500 }
    ),
    Decision.reason("WAL-5.13", `The technical opinion is due by ${od.due}.`, {
      reportedOn: input.reportedOn,
      opinionDue: od.due
    })
  ])
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OpinionInput = Schema.Struct({
  reportedOn: Calendar.CalendarDate,
  deliveredOn: Calendar.CalendarDate,
  /** The proposed solutions fall within the warranties (then activated at once, free). */
  solutionsWithinWarranty: Schema.Boolean,
  /** The customer was told in advance that the opinion would be charged. */
  customerToldOfChargeInAdvance: Schema.Boolean
})

/**
 * WAL-5.13: was the opinion given in time, and may it be charged?
 *
 * @since 0.1.0
 * @category rules
 */
export const opinion = (
  input: typeof OpinionInput.Type,
  policy: Policy = defaultPolicy
): Decision.Decision<{ readonly chargeable: boolean; readonly deadline: Deadline.Deadline }> => {
  const d = opinionDeadline(input.reportedOn, policy)
  const figures = { reportedOn: input.reportedOn, ...Deadline.figures(d), deliveredOn: input.deliveredOn }
  if (!Calendar.inTime(input.deliveredOn, d.due)) {
    return Decision.refuse(
      Decision.reason(
        "WAL-5.13",
        `Opinion delivered on ${input.deliveredOn}, after the last day ${d.due}${Deadline.note(d)}.`,
        figures
      )
    )
  }
  const chargeable = !input.solutionsWithinWarranty && input.customerToldOfChargeInAdvance
  return Decision.accept({ chargeable, deadline: d }, [
    Decision.reason(
      "WAL-5.13",
      `Opinion delivered on ${input.deliveredOn}, within 20 days (last day ${d.due}${Deadline.note(d)}).`,
      figures
    ),
    Decision.reason(
      "WAL-5.13",
      chargeable
        ? "Solutions outside the warranties and the customer was told in advance: the opinion may be charged."
        : input.solutionsWithinWarranty
          ? "Solutions within the warranties are activated at once: the opinion is free."
          : "The customer was not told in advance of a charge: the opinion is free.",
      {
        solutionsWithinWarranty: input.solutionsWithinWarranty,
        customerToldOfChargeInAdvance: input.customerToldOfChargeInAdvance,
        chargeable
      }
    )
  ])
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const RepairsInput = Schema.Struct({
  customerAgreedOn: Calendar.CalendarDate,
  repairedOn: Calendar.CalendarDate
})

/**
 * WAL-5.13: repairs within 45 calendar days of the customer's agreement.
 *
 * @since 0.1.0
 * @category rules
 */
export const repairs = (
  input: typeof RepairsInput.Type,
  policy: Policy = defaultPolicy
): Decision.Decision<{ readonly deadline: Deadline.Deadline }> => {
  const d = repairsDeadline(input.customerAgreedOn, policy)
  const figures = { customerAgreedOn: input.customerAgreedOn, ...Deadline.figures(d), repairedOn: input.repairedOn }
  return Calendar.inTime(input.repairedOn, d.due)
    ? Decision.accept({ deadline: d }, [
        Decision.reason(
          "WAL-5.13",
          `Repaired on ${input.repairedOn}, within 45 days of the agreement (last day ${d.due}${Deadline.note(d)}).`,
          figures
        )
      ])
    : Decision.refuse(
        Decision.reason(
          "WAL-5.13",
          `Repaired on ${input.repairedOn}, after the last day ${d.due}${Deadline.note(d)}.`,
          figures
        )
      )
}
