/**
 * Product warranty terms (ENP-W1, D1): which device is covered, from when, until when.
 *
 * Terms are data ({@link TermTable}), per manufacturer and device kind. A term starts on the
 * system's commissioning date, or on the device's installation date if that is later; a
 * replacement device continues the remaining term of the device it replaces (unless its table
 * entry says `replacement: "new-term"`). Coverage holds on day `d` when `start ≤ d < start + term`
 * (calendar years, 29 February → 28 February, D1/D14).
 *
 * An unknown manufacturer or a kind without a term is a refusal with a reason, not an exception.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import * as Decision from "./Decision.js"
import { type Equals, PositiveInt, sameType } from "./internal/policy.js"

/**
 * The kind of a device of a system. An unknown kind string is a decoding error naming the field.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceKind = Schema.Literals(["microinverter", "ac-battery", "gateway", "relay", "other"])

/**
 * @since 0.1.0
 * @category models
 */
export type DeviceKind = typeof DeviceKind.Type

/**
 * A manufacturer name (`"Enphase"`, `"APsystems"`); matched case-insensitively against the table.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Manufacturer = Schema.String.check(Schema.isMinLength(1))

/**
 * One row of a term table. `replacement` says whether a replacement device continues the term of
 * the device it replaces (`"continues"`, the D1 default) or starts a new term on its installation.
 *
 * @since 0.1.0
 * @category models
 */
export interface TermEntry {
  readonly manufacturer: string
  readonly kind: DeviceKind
  readonly years: number
  readonly replacement: "continues" | "new-term"
  readonly source: string
}

/**
 * @since 0.1.0
 * @category models
 */
export type TermTable = ReadonlyArray<TermEntry>

/**
 * {@link TermEntry} when it comes from outside: a term of a positive whole number of years.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TermEntrySchema = Schema.Struct({
  manufacturer: Manufacturer,
  kind: DeviceKind,
  years: PositiveInt,
  replacement: Schema.Literals(["continues", "new-term"]),
  source: Schema.String
})

/**
 * {@link TermTable} when it comes from outside (e.g. a partner tool's settings).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TermTableSchema = Schema.Array(TermEntrySchema)

sameType<Equals<typeof TermEntrySchema.Type, TermEntry>>()
sameType<Equals<typeof TermTableSchema.Type, TermTable>>()

/**
 * D1 defaults: Enphase microinverter 25 y, AC battery 10 y, gateway (Envoy) 5 y (ENP-W1);
 * APsystems microinverter 10 y, gateway (ECU) 3 y (public warranty pages).
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultTermTable: TermTable = [
  { manufacturer: "Enphase", kind: "microinverter", years: 25, replacement: "continues", source: "ENP-W1/D1" },
  { manufacturer: "Enphase", kind: "ac-battery", years: 10, replacement: "continues", source: "ENP-W1/D1" },
  { manufacturer: "Enphase", kind: "gateway", years: 5, replacement: "continues", source: "ENP-W1/D1" },
  { manufacturer: "APsystems", kind: "microinverter", years: 10, replacement: "continues", source: "D1" },
  { manufacturer: "APsystems", kind: "gateway", years: 3, replacement: "continues", source: "D1" }
]

/**
 * What {@link coverage} needs to know about one device.
 *
 * - `commissionedOn`: the system's commissioning (activation) date.
 * - `installedOn`: the device's installation date, when installed after commissioning.
 * - `replacesTermStart`: for a replacement device, the term start of the device it replaces.
 * - `on`: the day to check.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CoverageInput = Schema.Struct({
  manufacturer: Manufacturer,
  kind: DeviceKind,
  commissionedOn: Calendar.CalendarDate,
  installedOn: Schema.optional(Calendar.CalendarDate),
  replacesTermStart: Schema.optional(Calendar.CalendarDate),
  on: Calendar.CalendarDate
})

/**
 * @since 0.1.0
 * @category models
 */
export type CoverageInput = typeof CoverageInput.Type

/**
 * A device's warranty term: `start` (first covered day), `end` (first day NOT covered) and
 * `lastCoveredDay` (`end − 1 day`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Term {
  readonly manufacturer: string
  readonly kind: DeviceKind
  readonly years: number
  readonly start: string
  readonly end: string
  readonly lastCoveredDay: string
}

/**
 * The term of a device, covered or not on `on`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Coverage extends Term {
  readonly on: string
  readonly covered: boolean
}

/**
 * The table row for a manufacturer (case-insensitive) and kind, if any.
 *
 * @since 0.1.0
 * @category lookups
 */
export const findTerm = (table: TermTable, manufacturer: string, kind: DeviceKind): TermEntry | undefined =>
  table.find((e) => e.manufacturer.toLowerCase() === manufacturer.toLowerCase() && e.kind === kind)

/**
 * D15: ENP-W1 is Enphase's warranty statement; another maker's term is data under D1 alone, so its
 * reasons cite D1, never an Enphase rule.
 */
const coverageRule = (manufacturer: string): "ENP-W1" | "D1" =>
  manufacturer.toLowerCase() === "enphase" ? "ENP-W1" : "D1"

/**
 * D1: a device's term (start, end, last covered day), or a refusal when the table has no term for
 * its manufacturer and kind.
 *
 * @since 0.1.0
 * @category rules
 */
export const term = (
  input: Omit<CoverageInput, "on">,
  table: TermTable = defaultTermTable
): Decision.Decision<Term> => {
  const entry = findTerm(table, input.manufacturer, input.kind)
  if (entry === undefined) {
    const known = table.some((e) => e.manufacturer.toLowerCase() === input.manufacturer.toLowerCase())
    return Decision.refuse(
      Decision.reason(
        "D1",
        known
          ? `The term table has no warranty term for a ${input.kind} of ${input.manufacturer}.`
          : `The term table has no warranty terms for manufacturer ${input.manufacturer}.`,
        { manufacturer: input.manufacturer, kind: input.kind }
      )
    )
  }
  const reasons: Array<Decision.Reason> = []
  let start: string
  if (input.replacesTermStart !== undefined && entry.replacement === "continues") {
    start = input.replacesTermStart
    reasons.push(
      Decision.reason("D1", "A replacement device continues the remaining term of the device it replaces.", {
        replacesTermStart: input.replacesTermStart
      })
    )
  } else if (input.installedOn !== undefined && input.installedOn > input.commissionedOn) {
    start = input.installedOn
    reasons.push(
      Decision.reason("D1", "The device was installed after commissioning: its term starts on its installation date.", {
        commissionedOn: input.commissionedOn,
        installedOn: input.installedOn
      })
    )
  } else {
    start = input.commissionedOn
    reasons.push(
      Decision.reason("D1", "The term starts on the system's commissioning date.", {
        commissionedOn: input.commissionedOn
      })
    )
  }
  const end = Calendar.coverageEnd(start, { years: entry.years })
  const value: Term = {
    manufacturer: entry.manufacturer,
    kind: entry.kind,
    years: entry.years,
    start,
    end,
    lastCoveredDay: Calendar.addDays(end, -1)
  }
  reasons.push(
    Decision.reason(
      coverageRule(entry.manufacturer),
      `${entry.manufacturer} ${entry.kind}: ${entry.years}-year warranty term (${entry.source}).`,
      {
        years: entry.years,
        start,
        end,
        lastCoveredDay: value.lastCoveredDay
      }
    )
  )
  return Decision.accept(value, reasons)
}

/**
 * ENP-W1/D1: is the device covered on `input.on`? Accepted with the {@link Coverage} when it is;
 * refused when it is not (before its term starts, or on/after the first day not covered), or when
 * the table has no term for it. The refusing reason carries `start`, `end` and `lastCoveredDay`.
 *
 * @example
 * ```ts
 * import { WarrantyTerms } from "@soltrace/rules"
 * WarrantyTerms.coverage({ manufacturer: "Enphase", kind: "gateway", commissionedOn: "2020-03-10", on: "2025-03-09" })
 * // Accepted: covered, start 2020-03-10, end 2025-03-10, last covered day 2025-03-09
 * ```
 *
 * @since 0.1.0
 * @category rules
 */
export const coverage = (input: CoverageInput, table: TermTable = defaultTermTable): Decision.Decision<Coverage> => {
  const t = term(input, table)
  if (Decision.isRefused(t)) return t
  const { start, end, lastCoveredDay } = t.value
  const covered = Calendar.coveredOn(start, { years: t.value.years }, input.on)
  const figures = { on: input.on, start, end, lastCoveredDay, years: t.value.years }
  if (covered) {
    return Decision.accept({ ...t.value, on: input.on, covered }, [
      ...t.reasons,
      Decision.reason(
        coverageRule(t.value.manufacturer),
        `Covered on ${input.on}: the last covered day is ${lastCoveredDay}.`,
        figures
      )
    ])
  }
  return Decision.refuse(
    input.on < start
      ? Decision.reason("D1", `Not covered on ${input.on}: the term starts on ${start}.`, figures)
      : Decision.reason(
          coverageRule(t.value.manufacturer),
          `Not covered on ${input.on}: the warranty ended after ${lastCoveredDay}.`,
          figures
        ),
    ...t.reasons
  )
}
