/**
 * QUALIWATT premium eligibility (WAL-Q1..Q4, WAL-1.1a, D9).
 *
 * - WAL-Q1: hybrid installations (electricity and hot water) are not eligible.
 * - WAL-Q2: only new installations never commissioned before are eligible.
 * - WAL-Q3: the beneficiary keeps the installation for 5 years from the last conformity visit:
 *   the answer gives the last day of that obligation (a coverage period, D14: `visit + 5 years − 1
 *   day`).
 * - WAL-Q4: the required documents (list the missing ones).
 * - WAL-1.1a / seed §1.2 / D9: power at most 10 kW, measured by default on the inverters' maximum
 *   AC power (the contract and the premium say "10 kW", not "10 kWc"; the regulator's QUALIWATT
 *   FAQ reads it so — outside fact); policy `powerBasis: "peak"` measures the panels' peak power.
 *   WAL-Q3's "(< à 10kWc)" is the loose wording of the keeping obligation, not a second limit.
 * - D9: the scheme applied to installations whose final inspection acceptance by a control body
 *   (the RGIE visit, which « fait foi pour l'octroi de la prime », §3.6 of the contract) fell from
 *   2014-03-01 to 2018-06-30 inclusive (regional decisions — outside facts); outside it the answer
 *   is "scheme closed". The window is data (policy), never the commissioning date.
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
  /** The commissioning (activation) date: recorded, but not the date that decides (D9). */
  commissionedOn: Calendar.CalendarDate,
  lastConformityVisitOn: Calendar.CalendarDate,
  /**
   * D9: the final inspection acceptance by a control body, the date that decides (§3.6). Absent:
   * the last conformity visit (`lastConformityVisitOn`), which is that visit.
   */
  inspectionAcceptedOn: Schema.optional(Calendar.CalendarDate),
  peakPowerWatts: Schema.Int.check(Schema.isGreaterThan(0)),
  /** WAL-3.2: the inverters' maximum AC power in watts (the D9 basis by default). */
  maxAcPowerWatts: Schema.optional(Schema.Int.check(Schema.isGreaterThan(0))),
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
 * Policy: the scheme window (D9), the keeping years (WAL-Q3), the maximum power (WAL-1.1a) and
 * what it is measured on (D9: `"ac"`, the inverters' maximum AC power, or `"peak"`).
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly schemeOpensOn: string
  readonly schemeLastDay: string
  readonly keepYears: number
  readonly maxPowerWatts: number
  readonly powerBasis: "ac" | "peak"
}

/**
 * D9 defaults: inspection accepted 2014-03-01 … 2018-06-30 inclusive; keep 5 years (WAL-Q3);
 * ≤ 10 kW of AC power.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  schemeOpensOn: "2014-03-01",
  schemeLastDay: "2018-06-30",
  keepYears: 5,
  maxPowerWatts: 10_000,
  powerBasis: "ac"
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
  maxPowerWatts: PositiveInt,
  powerBasis: Schema.Literals(["ac", "peak"])
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

  // D9: the inspection acceptance « fait foi » (§3.6), not the commissioning.
  const acceptedOn = input.inspectionAcceptedOn ?? input.lastConformityVisitOn
  const window = {
    inspectionAcceptedOn: acceptedOn,
    commissionedOn: input.commissionedOn,
    opensOn: policy.schemeOpensOn,
    lastDay: policy.schemeLastDay
  }
  if (acceptedOn > policy.schemeLastDay) {
    refusing.push(
      Decision.reason(
        "D9",
        `Scheme closed: QUALIWATT applied to installations whose inspection acceptance fell up to ${policy.schemeLastDay}; this one was accepted on ${acceptedOn}.`,
        window
      )
    )
  } else if (acceptedOn < policy.schemeOpensOn) {
    refusing.push(
      Decision.reason(
        "D9",
        `Scheme closed: QUALIWATT applied to installations whose inspection acceptance fell from ${policy.schemeOpensOn}; this one was accepted on ${acceptedOn}, before the scheme opened.`,
        window
      )
    )
  } else {
    notes.push(
      Decision.reason(
        "D9",
        `Inspection accepted on ${acceptedOn}, within the QUALIWATT window (the acceptance « fait foi », §3.6).`,
        window
      )
    )
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
  // WAL-1.1a/D9: one limit, on the basis the policy names (AC power by default).
  const power = policy.powerBasis === "ac" ? input.maxAcPowerWatts : input.peakPowerWatts
  if (power === undefined) {
    refusing.push(
      Decision.reason(
        "D9",
        'The inverters\' maximum AC power (maxAcPowerWatts) is missing: the 10 kW limit is measured on it (policy powerBasis "ac").',
        { powerBasis: policy.powerBasis, missing: "maxAcPowerWatts" }
      )
    )
  } else if (power > policy.maxPowerWatts) {
    refusing.push(
      Decision.reason(
        "WAL-1.1a",
        `The premium is for installations of at most ${policy.maxPowerWatts / 1000} kW of ${policy.powerBasis === "ac" ? "AC power" : "peak power"}; this one has ${power} W.`,
        { powerBasis: policy.powerBasis, powerWatts: power, maxPowerWatts: policy.maxPowerWatts }
      )
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
