/**
 * The VAT rate of a line of a Walloon offer (WAL-2.4, D17). Outside law, high confidence: the
 * Belgian VAT Code and Royal Decree no. 20 (rates), table A, headings XXXI (renovation of
 * private dwellings) and XXXVIII (the 2022–2023 measure for solar panels).
 *
 * - A PV supply-and-install on a private dwelling is invoiced at 6% when the dwelling was first
 *   occupied at least 10 years before the first invoice — counted in calendar years of first
 *   occupation: first occupied in year Y, 6% from year Y + 10 — or 5 years before 2016-02-12 (the
 *   thresholds are dated data).
 * - PV panels (not a home battery) on private dwellings: 6% from 2022-04-01 to 2023-12-31 whatever
 *   the dwelling's age (dated data).
 * - Both also need the same contractor to supply and install, invoicing to the final consumer and a
 *   dwelling used mainly as a private home; otherwise 21%.
 * - The date that decides is the first VAT-due event (an invoice, or a payment received before
 *   it), never the offer's signature; an offer check uses the offer's date as the expected first
 *   invoice and says so.
 * - The check gives warnings, never a refusal: a rate that is neither 6% nor 21%, a rate that does
 *   not match the facts given, and — when facts are missing — which fact is missing (the rate is
 *   never guessed). Transitional measures (building permits requested before 2016) and the
 *   invoice's required statement are not checked.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import type { Reason } from "./Decision.js"
import * as Decision from "./Decision.js"
import { type Equals, Percentage, PositiveInt, sameType } from "./internal/policy.js"

/**
 * What a line supplies: PV panels (with their inverters and mounting), a home battery, or another
 * item (an option such as a production meter).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LineKind = Schema.Literals(["pv-panels", "home-battery", "other"])

/**
 * @since 0.1.0
 * @category models
 */
export type LineKind = typeof LineKind.Type

/**
 * The dwelling facts the rate depends on. Every fact is optional: a missing one is named in the
 * warning, never guessed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DwellingFacts = Schema.Struct({
  /** The calendar year in which the dwelling was first occupied. */
  firstOccupationYear: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1000, maximum: 9999 }))),
  /** The dwelling is used mainly as a private home. */
  privateDwelling: Schema.optional(Schema.Boolean),
  /** The invoice is addressed to the final consumer. */
  finalConsumer: Schema.optional(Schema.Boolean),
  /** The same contractor supplies and installs. */
  sameContractorSuppliesAndInstalls: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export type DwellingFacts = typeof DwellingFacts.Type

/**
 * One line to check.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Line = Schema.Struct({
  label: Schema.String,
  kind: LineKind,
  vatBp: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 10_000 }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type Line = typeof Line.Type

/**
 * The event whose date decides the rate (D17).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DecidingEvent = Schema.Literals(["invoice", "payment", "offer-date"])

/**
 * @since 0.1.0
 * @category schemas
 */
export const CheckInput = Schema.Struct({
  /** The date of the first VAT-due event (for an offer: its date, as the expected first invoice). */
  decidingOn: Calendar.CalendarDate,
  decidingEvent: DecidingEvent,
  dwelling: DwellingFacts,
  lines: Schema.Array(Line)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CheckInput = typeof CheckInput.Type

/**
 * The rates as dated data (D17).
 *
 * - `standardBp` 21%, `reducedBp` 6%;
 * - `dwellingAge`: the minimum age in calendar years, each from a date (5 years, then 10 years
 *   from 2016-02-12);
 * - `pvPanelsMeasure`: the period in which PV panels on private dwellings are at the reduced rate
 *   whatever the age (2022-04-01 … 2023-12-31).
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly standardBp: number
  readonly reducedBp: number
  readonly dwellingAge: ReadonlyArray<{ readonly from: Calendar.CalendarDate; readonly years: number }>
  readonly pvPanelsMeasure: { readonly from: Calendar.CalendarDate; readonly lastDay: Calendar.CalendarDate }
}

/**
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  standardBp: 2100,
  reducedBp: 600,
  dwellingAge: [
    { from: "1900-01-01", years: 5 },
    { from: "2016-02-12", years: 10 }
  ],
  pvPanelsMeasure: { from: "2022-04-01", lastDay: "2023-12-31" }
}

/**
 * {@link Policy} when it comes from outside (configuration).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Schema.Struct({
  standardBp: Percentage,
  reducedBp: Percentage,
  dwellingAge: Schema.Array(Schema.Struct({ from: Calendar.CalendarDate, years: PositiveInt })),
  pvPanelsMeasure: Schema.Struct({ from: Calendar.CalendarDate, lastDay: Calendar.CalendarDate })
})

sameType<Equals<typeof PolicySchema.Type, Policy>>()

/**
 * The rate the facts call for, or the facts that are missing to say it.
 *
 * @since 0.1.0
 * @category models
 */
export type Expected =
  | { readonly _tag: "Known"; readonly bp: number; readonly because: string }
  | { readonly _tag: "Unknown"; readonly missing: ReadonlyArray<string> }

const conditions = ["privateDwelling", "finalConsumer", "sameContractorSuppliesAndInstalls"] as const

/**
 * D17: the minimum dwelling age (calendar years) in force on `on`.
 *
 * @since 0.1.0
 * @category rules
 */
export const dwellingAgeOn = (on: Calendar.CalendarDate, policy: Policy = defaultPolicy): number | undefined =>
  [...policy.dwellingAge]
    .filter((t) => t.from <= on)
    .sort((a, b) => Calendar.compare(a.from, b.from))
    .at(-1)?.years

/**
 * D17: the rate a line of `kind` calls for on `decidingOn`, given the dwelling facts.
 *
 * @since 0.1.0
 * @category rules
 */
export const expectedRate = (
  kind: LineKind,
  dwelling: DwellingFacts,
  decidingOn: Calendar.CalendarDate,
  policy: Policy = defaultPolicy
): Expected => {
  const refused = conditions.filter((c) => dwelling[c] === false)
  if (refused.length > 0) {
    return {
      _tag: "Known",
      bp: policy.standardBp,
      because: `the reduced rate needs ${refused.join(", ")}, which the facts deny`
    }
  }
  const unknownConditions = conditions.filter((c) => dwelling[c] === undefined)
  const measure = policy.pvPanelsMeasure
  if (kind === "pv-panels" && measure.from <= decidingOn && decidingOn <= measure.lastDay) {
    return unknownConditions.length > 0
      ? { _tag: "Unknown", missing: unknownConditions }
      : {
          _tag: "Known",
          bp: policy.reducedBp,
          because: `PV panels on a private dwelling from ${measure.from} to ${measure.lastDay}, whatever its age`
        }
  }
  const years = dwellingAgeOn(decidingOn, policy)
  const missing = [...(dwelling.firstOccupationYear === undefined ? ["firstOccupationYear"] : []), ...unknownConditions]
  if (years === undefined) return { _tag: "Known", bp: policy.standardBp, because: "no reduced rate in force" }
  const year = Number(decidingOn.slice(0, 4))
  if (dwelling.firstOccupationYear !== undefined && dwelling.firstOccupationYear > year - years) {
    return {
      _tag: "Known",
      bp: policy.standardBp,
      because: `the dwelling, first occupied in ${dwelling.firstOccupationYear}, is not ${years} calendar years old in ${year} (6% from ${dwelling.firstOccupationYear + years})`
    }
  }
  if (missing.length > 0) return { _tag: "Unknown", missing }
  return {
    _tag: "Known",
    bp: policy.reducedBp,
    because: `the dwelling, first occupied in ${dwelling.firstOccupationYear}, is at least ${years} calendar years old in ${year}`
  }
}

/**
 * One line as checked.
 *
 * @since 0.1.0
 * @category models
 */
export interface CheckedLine extends Line {
  /** The rate the facts call for, when they say it. */
  readonly expectedBp: number | undefined
  /** The rate is one of the two rates and, when the facts say it, the expected one. */
  readonly ok: boolean
}

const pct = (bp: number): string => `${bp / 100}%`

/**
 * WAL-2.4/D17: checks the VAT rate of each line. Always accepted; `warnings` name the expected rate
 * when a rate is neither 6% nor 21% or does not match the facts, and the missing facts when the
 * rate cannot be told.
 *
 * @since 0.1.0
 * @category rules
 */
export const check = (
  input: CheckInput,
  policy: Policy = defaultPolicy
): Decision.Accepted<{ readonly lines: ReadonlyArray<CheckedLine>; readonly warnings: ReadonlyArray<Reason> }> => {
  const warnings: Array<Reason> = []
  const notes: Array<Reason> = []
  if (input.decidingEvent === "offer-date") {
    notes.push(
      Decision.reason(
        "D17",
        `The rate is decided at the first VAT-due event; the offer's date ${input.decidingOn} is taken as the expected first invoice (checked again at the first invoice).`,
        { decidingOn: input.decidingOn, decidingEvent: input.decidingEvent }
      )
    )
  }
  const allowed = [policy.reducedBp, policy.standardBp]
  const lines = input.lines.map((line): CheckedLine => {
    const expected = expectedRate(line.kind, input.dwelling, input.decidingOn, policy)
    const known = expected._tag === "Known" ? expected.bp : undefined
    const figures = {
      line: line.label,
      kind: line.kind,
      vatBp: line.vatBp,
      decidingOn: input.decidingOn,
      ...(known !== undefined ? { expectedBp: known } : {})
    }
    if (!allowed.includes(line.vatBp)) {
      warnings.push(
        Decision.reason(
          "D17",
          `Warning: ${line.label} is at ${pct(line.vatBp)}, neither ${pct(policy.reducedBp)} nor ${pct(policy.standardBp)}${known !== undefined ? `; the facts call for ${pct(known)} (${expected._tag === "Known" ? expected.because : ""})` : ""}.`,
          figures
        )
      )
    } else if (known !== undefined && known !== line.vatBp) {
      warnings.push(
        Decision.reason(
          "D17",
          `Warning: ${line.label} is at ${pct(line.vatBp)}, but the facts call for ${pct(known)}: ${expected._tag === "Known" ? expected.because : ""}.`,
          figures
        )
      )
    } else if (known !== undefined) {
      notes.push(
        Decision.reason(
          "D17",
          `${line.label} at ${pct(line.vatBp)}: ${expected._tag === "Known" ? expected.because : ""}.`,
          figures
        )
      )
    }
    if (expected._tag === "Unknown") {
      warnings.push(
        Decision.reason(
          "D17",
          `Warning: the rate of ${line.label} (${pct(line.vatBp)}) cannot be checked: missing ${expected.missing.join(", ")}.`,
          { ...figures, missing: expected.missing.join(",") }
        )
      )
    }
    return {
      ...line,
      expectedBp: known,
      ok: allowed.includes(line.vatBp) && (known === undefined || known === line.vatBp)
    }
  })
  return Decision.accept({ lines, warnings }, [...notes, ...warnings])
}
