/**
 * Validation of an offer under the Walloon standard contract (WAL-1.1a, WAL-1.1b, WAL-2.4,
 * WAL-2.4.3, WAL-2.5, WAL-3.1, WAL-3.2, WAL-3.4, WAL-3.5, WAL-5.1.2, WAL-5.4.1, D4).
 *
 * - WAL-1.1a/D9: the contract covers installations of at most 10 kW. The source writes "kW" in the
 *   title and in 1.1/1.2, and "kWc" (peak) only in the premium note (WAL-Q3, the loose wording of
 *   the keeping obligation, not a second limit). The default checks the inverters' maximum AC power
 *   (`powerBasis: "ac"`, as the regulator's QUALIWATT FAQ reads it — outside fact); `"peak"`
 *   checks the panels' peak power.
 * - WAL-1.1b: an installer (a natural person with the recognised PV training, or a legal person with
 *   such a person among its members or staff) and one or more natural persons.
 * - WAL-3.4: a single-phase connection above 5 kVA is a warning, not an error (it does not prevent
 *   RGIE conformity, and the DSO may allow it).
 * - WAL-5.1.2: an offer handed over without the completed specification is void; the missing
 *   items of WAL-3.1, WAL-3.2, WAL-3.5, WAL-2.4 and WAL-2.5 are listed.
 * - WAL-2.4: prices excl. VAT with the VAT rate and a total incl. VAT that matches.
 * - D17: the VAT rate of each line is checked with {@link Vat.check} against the dwelling facts
 *   (VAT Code, Royal Decree no. 20 — outside law), the offer's date taken as the expected first
 *   invoice: a warning, never a refusal.
 * - WAL-2.4.3/WAL-5.4.1/D4: the payment schedule is checked with {@link PaymentSchedule.validate}.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Reason } from "./Decision.js"
import * as Decision from "./Decision.js"
import * as Calendar from "./Calendar.js"
import { type Equals, sameType } from "./internal/policy.js"
import * as Money from "./Money.js"
import * as PaymentSchedule from "./PaymentSchedule.js"
import * as Vat from "./Vat.js"

const Text = Schema.optional(Schema.String)
const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const Count = Schema.optional(NonNegativeInt)

/**
 * The specification items the offer must complete. Every item is optional in the data so that an
 * incomplete specification can be described; {@link validate} lists what is missing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Specification = Schema.Struct({
  sizingCriteria: Text,
  dimensions: Text,
  tilt: Text,
  orientation: Text,
  roofLocation: Text,
  shadingElements: Text,
  cableRouting: Text,
  mountingPlan: Text,
  panelTechnology: Text,
  panelMakeAndType: Text,
  panelPeakPowerWp: Count,
  panelDimensions: Text,
  panelQuantity: Count,
  mountingType: Text,
  cableSection: Text,
  inverterMakeAndType: Text,
  inverterMaxAcPowerVa: Count,
  inverterQuantity: Count,
  inverterWarrantedLifetime: Text,
  inverterLocation: Text,
  inverterSynergridCompliant: Schema.optional(Schema.Boolean),
  expectedKwhPerYear: Count,
  after25YearsKwhPerYear: Count,
  optimalKwhPerYear: Count,
  expectedToOptimalBp: Count,
  productionAssumptions: Text
})

/**
 * @since 0.1.0
 * @category models
 */
export type Specification = typeof Specification.Type

/**
 * Which rule requires each specification item.
 *
 * @since 0.1.0
 * @category data
 */
export const specificationItems: ReadonlyArray<readonly [keyof Specification, string]> = [
  ["sizingCriteria", "WAL-3.1"],
  ["dimensions", "WAL-3.1"],
  ["tilt", "WAL-3.1"],
  ["orientation", "WAL-3.1"],
  ["roofLocation", "WAL-3.1"],
  ["shadingElements", "WAL-3.1"],
  ["cableRouting", "WAL-3.1"],
  ["mountingPlan", "WAL-3.1"],
  ["panelTechnology", "WAL-3.2"],
  ["panelMakeAndType", "WAL-3.2"],
  ["panelPeakPowerWp", "WAL-3.2"],
  ["panelDimensions", "WAL-3.2"],
  ["panelQuantity", "WAL-3.2"],
  ["mountingType", "WAL-3.2"],
  ["cableSection", "WAL-3.2"],
  ["inverterMakeAndType", "WAL-3.2"],
  ["inverterMaxAcPowerVa", "WAL-3.2"],
  ["inverterQuantity", "WAL-3.2"],
  ["inverterWarrantedLifetime", "WAL-3.2"],
  ["inverterLocation", "WAL-3.2"],
  ["inverterSynergridCompliant", "WAL-3.2"],
  ["expectedKwhPerYear", "WAL-3.5"],
  ["after25YearsKwhPerYear", "WAL-3.5"],
  ["optimalKwhPerYear", "WAL-3.5"],
  ["expectedToOptimalBp", "WAL-3.5"],
  ["productionAssumptions", "WAL-3.5"]
]

/**
 * A price line (WAL-2.4): excl. VAT, VAT rate, total incl. VAT.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Price = Schema.Struct({
  exclCents: Schema.optional(Money.NonNegativeCents),
  vatBp: Schema.optional(Money.BasisPoints.check(Schema.isBetween({ minimum: 0, maximum: 10_000 }))),
  inclCents: Schema.optional(Money.NonNegativeCents),
  /** D17: what the line supplies (the installation defaults to PV panels, an option to "other"). */
  kind: Schema.optional(Vat.LineKind)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const Input = Schema.Struct({
  installer: Schema.Struct({
    kind: Schema.Literals(["natural-person", "legal-person"]),
    /** The person (or, for a legal person, one of its members or staff) has the recognised PV training. */
    recognisedPvTraining: Schema.Boolean
  }),
  customers: Schema.Array(Schema.Struct({ naturalPerson: Schema.Boolean })),
  peakPowerWp: NonNegativeInt,
  maxAcPowerVa: NonNegativeInt,
  connection: Schema.Literals(["single-phase", "three-phase"]),
  /** The DSO states on its website that more than 5 kVA single-phase is allowed. */
  dsoAllowsAbove5kVA: Schema.optional(Schema.Boolean),
  /** The offer was handed over with the specification. */
  specificationHandedOver: Schema.Boolean,
  specification: Specification,
  prices: Schema.Struct({ installation: Price, options: Schema.optional(Schema.Array(Price)) }),
  works: Schema.Struct({
    startOn: Schema.optional(Calendar.CalendarDate),
    endOn: Schema.optional(Calendar.CalendarDate),
    offerHandedOverOn: Schema.optional(Calendar.CalendarDate)
  }),
  paymentSchedule: PaymentSchedule.Schedule,
  /** D17: the offer's date, taken as the expected first invoice (absent: `works.offerHandedOverOn`). */
  offerDate: Schema.optional(Calendar.CalendarDate),
  /** D17: the dwelling facts the VAT rate depends on (a missing fact is named in a warning). */
  dwelling: Schema.optional(Vat.DwellingFacts)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Input = typeof Input.Type

/**
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly capPolicy: PaymentSchedule.CapPolicy
  readonly maxPowerW: number
  readonly powerBasis: "peak" | "ac"
  readonly singlePhaseMaxVa: number
  /** D17: the VAT rates as dated data (optional so that earlier policies still read; absent: the defaults). */
  readonly vat?: Vat.Policy
}

/**
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  capPolicy: "both",
  maxPowerW: 10_000,
  powerBasis: "ac",
  singlePhaseMaxVa: 5000,
  vat: Vat.defaultPolicy
}

/**
 * The policy when it comes from outside (e.g. a partner tool's settings).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Schema.Struct({
  capPolicy: PaymentSchedule.CapPolicy,
  maxPowerW: NonNegativeInt,
  powerBasis: Schema.Literals(["peak", "ac"]),
  singlePhaseMaxVa: NonNegativeInt,
  vat: Schema.optional(Vat.PolicySchema)
})

sameType<Equals<typeof PolicySchema.Type, Policy>>()

/**
 * @since 0.1.0
 * @category models
 */
export interface Validated {
  readonly warnings: ReadonlyArray<Reason>
}

const isMissing = (v: unknown): boolean => v === undefined || (typeof v === "string" && v.trim() === "")

/**
 * The missing items of the offer: specification (WAL-3.1, WAL-3.2, WAL-3.5), prices (WAL-2.4) and
 * dates (WAL-2.5), each as `[item, rule]`.
 *
 * @since 0.1.0
 * @category rules
 */
export const missingItems = (input: Input): ReadonlyArray<readonly [string, string]> => {
  const missing: Array<readonly [string, string]> = []
  for (const [key, rule] of specificationItems) {
    if (isMissing(input.specification[key])) missing.push([`specification.${key}`, rule])
  }
  const prices: Array<readonly [string, typeof input.prices.installation]> = [
    ["prices.installation", input.prices.installation],
    ...(input.prices.options ?? []).map((p, i) => [`prices.options[${i}]`, p] as const)
  ]
  for (const [path, p] of prices) {
    if (p.exclCents === undefined) missing.push([`${path}.exclCents`, "WAL-2.4"])
    if (p.vatBp === undefined) missing.push([`${path}.vatBp`, "WAL-2.4"])
    if (p.inclCents === undefined) missing.push([`${path}.inclCents`, "WAL-2.4"])
  }
  if (input.works.startOn === undefined) missing.push(["works.startOn", "WAL-2.5"])
  if (input.works.endOn === undefined) missing.push(["works.endOn", "WAL-2.5"])
  if (input.works.offerHandedOverOn === undefined) missing.push(["works.offerHandedOverOn", "WAL-2.5"])
  return missing
}

/**
 * Validates an offer. Refused with every error found; accepted with the warnings (WAL-3.4, D5-like
 * notes) when there is no error.
 *
 * @since 0.1.0
 * @category rules
 */
export const validate = (input: Input, policy: Policy = defaultPolicy): Decision.Decision<Validated> => {
  const errors: Array<Reason> = []
  const warnings: Array<Reason> = []

  // WAL-1.1a
  const power = policy.powerBasis === "peak" ? input.peakPowerWp : input.maxAcPowerVa
  if (power > policy.maxPowerW) {
    errors.push(
      Decision.reason(
        "WAL-1.1a",
        `The installation's ${policy.powerBasis === "peak" ? "peak power" : "maximum AC power"} of ${power} W exceeds ${policy.maxPowerW} W: the standard contract does not apply.`,
        {
          powerBasis: policy.powerBasis,
          powerW: power,
          maxPowerW: policy.maxPowerW
        }
      )
    )
  }
  // WAL-1.1b
  if (!input.installer.recognisedPvTraining) {
    errors.push(
      Decision.reason(
        "WAL-1.1b",
        input.installer.kind === "natural-person"
          ? "The installer must have the PV training recognised by the Walloon Region."
          : "The installer (a legal person) must count among its members or staff a person with the recognised PV training.",
        { installerKind: input.installer.kind }
      )
    )
  }
  if (input.customers.length === 0) {
    errors.push(Decision.reason("WAL-1.1b", "The contract needs at least one customer.", { customers: 0 }))
  }
  input.customers.forEach((c, i) => {
    if (!c.naturalPerson)
      errors.push(
        Decision.reason(
          "WAL-1.1b",
          `Customer ${i + 1} is not a natural person: the standard contract is only for private individuals.`,
          { customerIndex: i }
        )
      )
  })
  // WAL-3.4
  if (
    input.connection === "single-phase" &&
    input.maxAcPowerVa > policy.singlePhaseMaxVa &&
    input.dsoAllowsAbove5kVA !== true
  ) {
    warnings.push(
      Decision.reason(
        "WAL-3.4",
        `Warning: ${input.maxAcPowerVa} VA on a single-phase connection exceeds ${policy.singlePhaseMaxVa} VA unless the DSO allows it; RGIE conformity is still possible.`,
        {
          maxAcPowerVa: input.maxAcPowerVa,
          singlePhaseMaxVa: policy.singlePhaseMaxVa
        }
      )
    )
  }
  // WAL-5.1.2
  if (!input.specificationHandedOver) {
    errors.push(
      Decision.reason("WAL-5.1.2", "The offer was handed over without the specification: it is void.", {
        specificationHandedOver: false
      })
    )
  }
  const missing = missingItems(input)
  if (missing.length > 0) {
    errors.push(
      Decision.reason(
        "WAL-5.1.2",
        `The specification is not complete, so the offer is void; missing: ${missing.map(([k, r]) => `${k} (${r})`).join(", ")}.`,
        {
          missingCount: missing.length,
          missing: missing.map(([k]) => k).join(","),
          rules: [...new Set(missing.map(([, r]) => r))].join(",")
        }
      )
    )
  }
  // WAL-2.4: incl. VAT consistent
  const prices = [
    ["installation", input.prices.installation] as const,
    ...(input.prices.options ?? []).map((p, i) => [`option ${i + 1}`, p] as const)
  ]
  for (const [label, p] of prices) {
    if (p.exclCents !== undefined && p.vatBp !== undefined && p.inclCents !== undefined) {
      const expected = Money.inclVat(p.exclCents, p.vatBp)
      if (expected !== p.inclCents) {
        errors.push(
          Decision.reason(
            "WAL-2.4",
            `The ${label} total incl. VAT ${Money.format(p.inclCents)} does not match ${Money.format(p.exclCents)} excl. VAT at ${p.vatBp / 100}% (${Money.format(expected)}).`,
            {
              exclCents: p.exclCents,
              vatBp: p.vatBp,
              inclCents: p.inclCents,
              expectedInclCents: expected
            }
          )
        )
      }
    }
  }
  // D17: the VAT rate of each line, the offer's date as the expected first invoice
  const decidingOn = input.offerDate ?? input.works.offerHandedOverOn
  const vatLines = prices.flatMap(([label, p], i) =>
    p.vatBp === undefined
      ? []
      : [{ label, kind: p.kind ?? (i === 0 ? ("pv-panels" as const) : ("other" as const)), vatBp: p.vatBp }]
  )
  if (decidingOn === undefined) {
    if (vatLines.length > 0) {
      warnings.push(
        Decision.reason("D17", "Warning: the VAT rates cannot be checked: missing the offer's date (offerDate).", {
          missing: "offerDate"
        })
      )
    }
  } else if (vatLines.length > 0) {
    const vat = Vat.check(
      { decidingOn, decidingEvent: "offer-date", dwelling: input.dwelling ?? {}, lines: vatLines },
      policy.vat ?? Vat.defaultPolicy
    )
    warnings.push(...vat.value.warnings)
  }
  // WAL-2.5
  if (input.works.startOn !== undefined && input.works.endOn !== undefined && input.works.endOn < input.works.startOn) {
    errors.push(
      Decision.reason(
        "WAL-2.5",
        `The end of works (${input.works.endOn}) is before the start (${input.works.startOn}).`,
        {
          startOn: input.works.startOn,
          endOn: input.works.endOn
        }
      )
    )
  }
  // WAL-2.4.3 / WAL-5.4.1 / D4
  const schedule = PaymentSchedule.validate(input.paymentSchedule, policy.capPolicy)
  if (Decision.isRefused(schedule)) errors.push(...schedule.reasons)

  const [first, ...rest] = errors
  if (first !== undefined) return Decision.refuse(first, ...rest, ...warnings)
  return Decision.accept({ warnings }, [
    Decision.reason("WAL-5.1.2", "The offer is complete and within the standard contract.", { powerW: power }),
    ...warnings
  ])
}
