/**
 * Checks of the numeric options of the stores and of the catch-up runs (internal, issue 12): a
 * bad option is a typed `InvalidArgument` when the thing is made, never a check silently turned
 * off. Why each rule:
 *
 * - a size or depth limit (`maxEventBytes`, `maxJsonDepth`) and a count (`batchSize`, a snapshot's
 *   `every`) must be a positive safe integer: every comparison with `NaN` is false, so a `NaN`
 *   limit accepts everything (the 16 MiB driver limit is back) and a `NaN` page size reads
 *   nothing; `0` or a negative limit refuses every event, `0` events per page reads nothing, and
 *   a fraction is not a number of bytes, levels or events;
 * - a duration in milliseconds (`pollInterval`) must be finite and ≥ 0: `0` means "poll again at
 *   once", but a negative or `NaN` one is a busy loop in disguise and `Infinity` a subscription
 *   that never reads again;
 * - a position to start from (`after`) must be a non-negative safe integer, as every store's
 *   `after` (issue 12: "numbers are checked too");
 * - anything that is not a number (a string, `null` from an untyped config file) is refused too:
 *   `"1000" > 3` coerces, `null` is `0`, so such values would otherwise half-work;
 * - a choice (`onUnreadable`) must be one of its words: a misspelt `"Park"` would otherwise
 *   silently be the default.
 *
 * `undefined` keeps the default. Hand-written rather than a Schema: the answer must be the store's
 * own `InvalidArgument` naming the field and what is allowed, in one line.
 *
 * @since 0.2.0
 */
import * as EventStore from "../EventStore.js"

/** What an option must be: see the module's comment for why. */
export type Rule = "positiveInteger" | "nonNegativeInteger" | "nonNegativeMilliseconds" | "onUnreadable"

/** How an option's value shows in a reason: numbers as they print, anything else by its type. */
const shown = (value: unknown): string =>
  typeof value === "number"
    ? String(value)
    : typeof value === "string"
      ? `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
      : value === null
        ? "null"
        : typeof value

/** Why `value` breaks `rule` (with the unit it is counted in), or undefined when it is allowed. */
export const violation = (rule: Rule, value: unknown, unit: string): string | undefined => {
  switch (rule) {
    case "positiveInteger":
      return typeof value === "number" && Number.isSafeInteger(value) && value >= 1
        ? undefined
        : `must be a positive integer (${unit}), got ${shown(value)}`
    case "nonNegativeInteger":
      return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
        ? undefined
        : `must be a non-negative integer (${unit}), got ${shown(value)}`
    case "nonNegativeMilliseconds":
      return typeof value === "number" && Number.isFinite(value) && value >= 0
        ? undefined
        : `must be a finite number ≥ 0 (${unit}), got ${shown(value)}`
    case "onUnreadable":
      return value === "stop" || value === "park" ? undefined : `must be "stop" or "park", got ${shown(value)}`
  }
}

/** One option to check: its key, the rule it follows and the unit named in the reason. */
export interface Spec {
  readonly key: string
  readonly rule: Rule
  readonly unit: string
}

/**
 * The first bad option of `options` as `InvalidArgument` (`operation` is the constructor,
 * `field` is `options.<key>`), or undefined. Options that are not an object at all (a string, a
 * number, `null`) are refused as `options`.
 */
export const check = (
  operation: string,
  options: unknown,
  specs: ReadonlyArray<Spec>
): EventStore.InvalidArgument | undefined => {
  if (options === undefined) return undefined
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    return new EventStore.InvalidArgument({
      operation,
      field: "options",
      reason: `must be an object of options, got ${Array.isArray(options) ? "an array" : shown(options)}`
    })
  }
  const record = options as Record<string, unknown>
  for (const spec of specs) {
    const value = record[spec.key]
    if (value === undefined) continue
    const reason = violation(spec.rule, value, spec.unit)
    if (reason !== undefined) return new EventStore.InvalidArgument({ operation, field: `options.${spec.key}`, reason })
  }
  return undefined
}

/** The options every event store checks (both backends): the envelope limits. */
export const storeLimits: ReadonlyArray<Spec> = [
  { key: "maxEventBytes", rule: "positiveInteger", unit: "bytes" },
  { key: "maxJsonDepth", rule: "positiveInteger", unit: "levels" }
]

/** The options the SQL event store checks (`SqlEventStore.Options`). */
export const sqlStore: ReadonlyArray<Spec> = [
  { key: "pollInterval", rule: "nonNegativeMilliseconds", unit: "milliseconds" },
  { key: "batchSize", rule: "positiveInteger", unit: "events" },
  ...storeLimits
]

/** The first bad option of a SQL event store, as `InvalidArgument` of `SqlEventStore.make`. */
export const checkSqlStore = (options: unknown): EventStore.InvalidArgument | undefined =>
  check("SqlEventStore.make", options, sqlStore)

/** The options of the catch-up runs (`Projection.catchUp`/`rebuild`, `SqlProjections.catchUp`/`rebuild`). */
export const catchUp: ReadonlyArray<Spec> = [
  { key: "batchSize", rule: "positiveInteger", unit: "events" },
  { key: "onUnreadable", rule: "onUnreadable", unit: "" }
]
