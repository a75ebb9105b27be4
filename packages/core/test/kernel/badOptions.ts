/**
 * Arbitrary values for the stores' numeric options (issue 12), shared by the in-memory and the
 * SQL tests: what each rule refuses and what it accepts.
 */
import fc from "fast-check"

/** Values that are not numbers at all, as an untyped config file gives them. */
const notNumbers: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>("1000", "512", "", "NaN", null, true, false, 10n, [1000], { value: 1000 }),
  fc.string({ maxLength: 8 })
)

/** Numbers that are not finite. */
const notFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)

/** Every value a positive-integer option (a size, a depth, a count) refuses. */
export const notPositiveInteger: fc.Arbitrary<unknown> = fc.oneof(
  notFinite,
  fc.constantFrom(0, -0, -1, 0.5, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.MIN_VALUE),
  fc.integer({ max: 0 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
  fc.double({ min: 2 ** 53, noNaN: true, noDefaultInfinity: true }),
  notNumbers
)

/** Every value a duration option (milliseconds ≥ 0) refuses. */
export const notMilliseconds: fc.Arbitrary<unknown> = fc.oneof(
  notFinite,
  fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }),
  fc.integer({ max: -1 }),
  notNumbers
)

/** What a value shows as in the reason of the refusal (numbers as they print). */
export const shownAs = (value: unknown): string => (typeof value === "number" ? String(value) : "")
