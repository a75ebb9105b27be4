/**
 * QUALIWATT premium eligibility (WAL-Q1..Q4, WAL-1.1a, D9).
 *
 * - WAL-Q1: hybrid installations (electricity and hot water) are not eligible.
 * - WAL-Q2: only new installations never commissioned before are eligible.
 * - WAL-Q3: the beneficiary keeps the installation for 5 years from the last conformity visit:
 *   the answer gives the last day of that obligation (a coverage period, D14: `visit + 5 years − 1
 *   day`).
 * - WAL-Q4: the required documents (list the missing ones).
 * - WAL-1.1a / seed §1.2: power at most 10 kW (peak power in watts, integer).
 * - D9: the scheme applied to installations commissioned from 2014-03-01 to 2018-06-30
 *   inclusive; after it the answer is "scheme closed". The window is a policy parameter.
 *
 * This check never drives the contract lifecycle (D9).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import * as Decision from "./Decision.js"
import { type Equals, PositiveInt, sameType } from "./internal/policy.js"

/**
 * WAL-Q4 documents.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Document = Schema.Literals([
  "rescert-certificate",
  "conformity-declaration",
  "factory-inspection-certificate",
  "signed-standard-contract",
  "iec-61215",
  "iec-61646",
  "iec-61730"
])

/**
 * @since 0.1.0
 * @category models
 */
export type Document = typeof Document.Type

/**
 * The facts the check needs.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PremiumInput = Schema.Struct({
  hybrid: Schema.Boolean,
  /** WAL-Q2: new equipment (not second-hand or moved). */
  newInstallation: Schema.Boolean,
  /** WAL-Q2: never commissioned before this installation's commissioning. */
  previouslyCommissioned: Schema.Boolean,
  commissionedOn: Calendar.CalendarDate,
  lastConformityVisitOn: Calendar.CalendarDate,
  peakPowerWatts: Schema.Int.check(Schema.isGreaterThan(0)),
  beneficiary: Schema.Literals(["natural-person", "legal-person"]),
  panelTechnology: Schema.Literals(["crystalline", "thin-film"]),
  /** Panels integrated in or mounted on a building (WAL-Q4: IEC 61730 then required). */
  onBuilding: Schema.Boolean,
  documents: Schema.Array(Document)
})

/**
 * @since 0.1.0
 * @category models
 */
export type PremiumInput = typeof PremiumInput.Type

/**
 * Policy: the scheme window (D9) and the maximum power (WAL-1.1a).
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly schemeOpensOn: string
  readonly schemeLastDay: string
  readonly keepYears: number
  readonly maxPeakPowerWatts: number
}

/**
 * D9 defaults: commissioned 2014-03-01 … 2018-06-30 inclusive; keep 5 years (WAL-Q3); ≤ 10 kW.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  schemeOpensOn: "2014-03-01",
  schemeLastDay: "2018-06-30",
  keepYears: 5,
  maxPeakPowerWatts: 10_000
}

/**
 * {@link Policy} when it comes from outside (e.g. a partner tool's settings): the scheme window as
 * two calendar dates (`schemeOpensOn ≤ schemeLastDay`), positive years and watts.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Schema.Struct({
  schemeOpensOn: Calendar.CalendarDate,
  schemeLastDay: Calendar.CalendarDate,
  keepYears: PositiveInt,
  maxPeakPowerWatts: PositiveInt
}).check(
  Schema.makeFilter((p: { readonly schemeOpensOn: string; readonly schemeLastDay: string }) =>
    p.schemeOpensOn <= p.schemeLastDay
      ? undefined
      : `Expected schemeLastDay (${p.schemeLastDay}) on or after schemeOpensOn (${p.schemeOpensOn})`
  )
)

sameType<Equals<typeof PolicySchema.Type, Policy>>()

/**
 * An eligible premium: the keeping obligation (WAL-Q3).
 *
 * @since 0.1.0
 * @category models
 */
export interface Eligibility {
  /** The last day the installation must still be kept (inclusive). */
  readonly keepUntil: string
}

/**
 * WAL-Q4: the documents required for these facts.
 *
 * @since 0.1.0
 * @category rules
 */
export const requiredDocuments = (
  input: Pick<PremiumInput, "beneficiary" | "panelTechnology" | "onBuilding">
): Array<Document> => [
  "rescert-certificate",
  "conformity-declaration",
  "factory-inspection-certificate",
  ...(input.beneficiary === "natural-person" ? (["signed-standard-contract"] as const) : []),
  input.panelTechnology === "crystalline" ? "iec-61215" : "iec-61646",
  ...(input.onBuilding ? (["iec-61730"] as const) : [])
]

/**
 * WAL-Q3: the last day of the 5-year keeping obligation that starts on the last conformity visit.
 *
 * @since 0.1.0
 * @category rules
 */
export const keepUntil = (lastConformityVisitOn: string, policy: Policy = defaultPolicy): string =>
  Calendar.addDays(Calendar.coverageEnd(lastConformityVisitOn, { years: policy.keepYears }), -1)

/**
 * Decides premium eligibility; every refusing reason is reported at once.
 *
 * @since 0.1.0
 * @category rules
 */
export const decide = (input: PremiumInput, policy: Policy = defaultPolicy): Decision.Decision<Eligibility> => {
  const refusing: Array<Decision.Reason> = []
  const notes: Array<Decision.Reason> = []

  const window = { commissionedOn: input.commissionedOn, opensOn: policy.schemeOpensOn, lastDay: policy.schemeLastDay }
  if (input.commissionedOn > policy.schemeLastDay) {
    refusing.push(
      Decision.reason(
        "D9",
        `Scheme closed: QUALIWATT applied to installations commissioned up to ${policy.schemeLastDay}.`,
        window
      )
    )
  } else if (input.commissionedOn < policy.schemeOpensOn) {
    refusing.push(
      Decision.reason("D9", `QUALIWATT applies to installations commissioned from ${policy.schemeOpensOn}.`, window)
    )
  } else {
    notes.push(Decision.reason("D9", "Commissioned within the QUALIWATT window.", window))
  }

  if (input.hybrid) {
    refusing.push(
      Decision.reason("WAL-Q1", "Hybrid installations (electricity and hot water) are not eligible.", { hybrid: true })
    )
  }
  if (!input.newInstallation || input.previouslyCommissioned) {
    refusing.push(
      Decision.reason("WAL-Q2", "Only new installations never commissioned before are eligible.", {
        newInstallation: input.newInstallation,
        previouslyCommissioned: input.previouslyCommissioned
      })
    )
  }
  if (input.peakPowerWatts > policy.maxPeakPowerWatts) {
    refusing.push(
      Decision.reason("WAL-1.1a", "The premium is for installations of at most 10 kW.", {
        peakPowerWatts: input.peakPowerWatts,
        maxPeakPowerWatts: policy.maxPeakPowerWatts
      })
    )
  }

  const missing = requiredDocuments(input).filter((d) => !input.documents.includes(d))
  if (missing.length > 0) {
    refusing.push(
      Decision.reason("WAL-Q4", `Missing documents: ${missing.join(", ")}.`, { missing: missing.join(", ") })
    )
  }

  const until = keepUntil(input.lastConformityVisitOn, policy)
  const q3 = Decision.reason(
    "WAL-Q3",
    `The beneficiary must keep the installation for ${policy.keepYears} years from the last conformity visit: until ${until} inclusive.`,
    { lastConformityVisitOn: input.lastConformityVisitOn, keepUntil: until }
  )

  const [first, ...rest] = refusing
  if (first !== undefined) return Decision.refuse(first, ...rest)
  return Decision.accept({ keepUntil: until }, [...notes, q3])
}
