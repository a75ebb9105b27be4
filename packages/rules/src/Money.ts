/**
 * Money as integer euro cents, percentages as basis points (D10).
 *
 * No float ever holds an amount: {@link percentOf} and {@link vatOf} compute with `BigInt` and round
 * half-up to the cent; {@link allocate} splits a total so that the parts add up to it exactly
 * (largest remainder). Every {@link Amount} says whether it is excl. or incl. VAT.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * An amount in integer euro cents (may be negative, e.g. a credit).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Cents = Schema.Int

/**
 * @since 0.1.0
 * @category models
 */
export type Cents = number

/**
 * An amount in integer euro cents, `≥ 0`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NonNegativeCents = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * A percentage in integer basis points: 20% = 2000, 100% = 10000.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BasisPoints = Schema.Int

/**
 * @since 0.1.0
 * @category models
 */
export type BasisPoints = number

/**
 * Whether an amount includes VAT (D10).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Vat = Schema.Literals(["excl", "incl"])

/**
 * @since 0.1.0
 * @category models
 */
export type Vat = "excl" | "incl"

/**
 * An amount that says whether it is excl. or incl. VAT (D10).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Amount = Schema.Struct({ cents: Cents, vat: Vat })

/**
 * @since 0.1.0
 * @category models
 */
export interface Amount {
  readonly cents: Cents
  readonly vat: Vat
}

/**
 * The three bases of an amount owed (D10): `incl` — a supply invoiced with VAT (the price, works
 * done, expenses); `excl` — a price without VAT (the basis of the contract's percentages);
 * `outside` — damages, which remunerate no supply and carry no VAT (late charges, the delay
 * penalty, the lost profit, the rescission indemnity).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Basis = Schema.Literals(["incl", "excl", "outside"])

/**
 * @since 0.1.0
 * @category models
 */
export type Basis = "incl" | "excl" | "outside"

/**
 * An amount with its basis (D10).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Based = Schema.Struct({ cents: Cents, basis: Basis })

/**
 * @since 0.1.0
 * @category models
 */
export interface Based {
  readonly cents: Cents
  readonly basis: Basis
}

/**
 * D10: an amount owed outside VAT (damages).
 *
 * @since 0.1.0
 * @category constructors
 */
export const outside = (cents: Cents): Based => ({ cents, basis: "outside" })

/**
 * D10: an amount with its basis.
 *
 * @since 0.1.0
 * @category constructors
 */
export const based = (cents: Cents, basis: Basis): Based => ({ cents, basis })

/**
 * @since 0.1.0
 * @category constructors
 */
export const excl = (cents: Cents): Amount => ({ cents, vat: "excl" })

/**
 * @since 0.1.0
 * @category constructors
 */
export const incl = (cents: Cents): Amount => ({ cents, vat: "incl" })

/** Rounds `num / den` (den > 0) half away from zero, exactly. */
const divRoundHalfUp = (num: bigint, den: bigint): bigint => {
  const sign = num < 0n ? -1n : 1n
  const abs = num < 0n ? -num : num
  const q = abs / den
  const r = abs % den
  return sign * (2n * r >= den ? q + 1n : q)
}

/**
 * `cents × bp / 10000`, rounded half-up to the cent (half away from zero for negative amounts).
 * Exact integer arithmetic (`BigInt`), so no product ever loses precision.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const percentOf = (cents: Cents, bp: BasisPoints): Cents =>
  Number(divRoundHalfUp(BigInt(cents) * BigInt(bp), 10_000n))

/**
 * The VAT on an amount excl. VAT, rounded half-up to the cent.
 *
 * @since 0.1.0
 * @category vat
 */
export const vatOf = (exclCents: Cents, vatBp: BasisPoints): Cents => percentOf(exclCents, vatBp)

/**
 * The amount incl. VAT: `excl + vatOf(excl, vatBp)`.
 *
 * @since 0.1.0
 * @category vat
 */
export const inclVat = (exclCents: Cents, vatBp: BasisPoints): Cents => exclCents + vatOf(exclCents, vatBp)

/**
 * D10: splits `total` cents in proportion to `weights` (non-negative integers or finite numbers,
 * at least one positive) by the largest-remainder method. The parts add up to `total` exactly and
 * each part is within one cent of its exact share; ties go to the earlier weight.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const allocate = (total: Cents, weights: ReadonlyArray<number>): Array<Cents> => {
  if (weights.length === 0) throw new Error("allocate: no weights")
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new Error("allocate: weights must be finite and ≥ 0")
  // Scale weights to integers so the arithmetic is exact.
  const decimals = Math.max(
    0,
    ...weights.map((w) => {
      const s = String(w)
      const e = s.indexOf("e-")
      if (e >= 0) return Number(s.slice(e + 2)) + (s.slice(0, e).split(".")[1]?.length ?? 0)
      return s.split(".")[1]?.length ?? 0
    })
  )
  const scale = 10n ** BigInt(decimals)
  const ws = weights.map((w) => BigInt(Math.round(w * Number(scale))))
  const sum = ws.reduce((a, b) => a + b, 0n)
  if (sum === 0n) throw new Error("allocate: weights sum to zero")
  const t = BigInt(total)
  const sign = t < 0n ? -1n : 1n
  const abs = t < 0n ? -t : t
  const floors = ws.map((w) => (abs * w) / sum)
  const remainders = ws.map((w, i) => ({ i, r: (abs * w) % sum }))
  let left = abs - floors.reduce((a, b) => a + b, 0n)
  remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1))
  const parts = [...floors]
  for (const { i } of remainders) {
    if (left === 0n) break
    parts[i] = (parts[i] ?? 0n) + 1n
    left -= 1n
  }
  return parts.map((p) => Number(sign * p))
}

// Beyond 2^53 cents, exact through BigInt.
const formatBig = (cents: Cents): string => {
  const negative = cents < 0
  const abs = BigInt(Math.abs(cents))
  const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  const rest = (abs % 100n).toString().padStart(2, "0")
  return `${negative ? "-" : ""}€${euros}.${rest}`
}

/**
 * Formats cents as euros: `123456` → `"€1,234.56"`, `-1200` → `"-€12.00"`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (cents: Cents): string => {
  const negative = cents < 0
  const n = negative ? -cents : cents
  if (Number.isSafeInteger(n)) {
    // Integers are exact up to 2^53: no BigInt, no regex (BENCHMARKS.md item 5).
    const rest = n % 100
    let euros = "" + (n - rest) / 100
    for (let i = euros.length - 3; i > 0; i -= 3) euros = euros.slice(0, i) + "," + euros.slice(i)
    return (negative ? "-€" : "€") + euros + (rest < 10 ? ".0" : ".") + rest
  }
  return formatBig(cents)
}
