import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Decision, Money } from "../src/index.js"

/** Exact half-up rounding of the rational n/d (d > 0), half away from zero, in BigInt. */
const roundRational = (n: bigint, d: bigint): bigint => {
  // floor((2|n| + d) / 2d) with the sign put back
  const abs = n < 0n ? -n : n
  const r = (2n * abs + d) / (2n * d)
  return n < 0n ? -r : r
}

const centsArb = fc.integer({ min: -90_000_000_000, max: 90_000_000_000 })

describe("Money", () => {
  it("D10: schemas reject fractional cents and negative non-negative amounts, naming the field", () => {
    const decode = Decision.decodeInput(Money.NonNegativeCents, "amountCents")
    expect(Result.isSuccess(decode(0))).toBe(true)
    for (const bad of [-1, 1.5, "100", Number.NaN]) {
      const r = decode(bad)
      expect(Result.isFailure(r)).toBe(true)
      if (Result.isFailure(r)) expect(r.failure.message).toContain("amountCents")
    }
    expect(Result.isFailure(Decision.decodeInput(Money.BasisPoints)(20.5))).toBe(true)
    const field = Decision.decodeInput(
      Schema.Struct({ amountCents: Money.NonNegativeCents }),
      "invoice"
    )({ amountCents: -1 })
    expect(Result.isFailure(field) && field.failure.message).toContain('["amountCents"]')
    expect(Result.isFailure(Decision.decodeInput(Money.Amount)({ cents: 100, vat: "maybe" }))).toBe(true)
  })

  it("percentOf rounds half-up to the cent", () => {
    expect(Money.percentOf(12_345, 2_100)).toBe(2_592) // 2592.45
    expect(Money.percentOf(50, 1_000)).toBe(5)
    expect(Money.percentOf(5, 1_000)).toBe(1) // 0.5 → 1
    expect(Money.percentOf(-5, 1_000)).toBe(-1)
    expect(Money.percentOf(4, 1_000)).toBe(0) // 0.4 → 0
  })

  it("D10 property: percentOf equals the exact rational cents × bp / 10000 rounded half-up, even past 2^53", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.integer({ min: -20_000, max: 20_000 }), (cents, bp) => {
        const expected = roundRational(BigInt(cents) * BigInt(bp), 10_000n)
        expect(BigInt(Money.percentOf(cents, bp))).toBe(expected)
      })
    )
  })

  it("D10 property: inclVat = excl + vat, and vat is the half-up rounded share", () => {
    fc.assert(
      fc.property(centsArb, fc.constantFrom(0, 600, 1_200, 2_100, 550), (excl, bp) => {
        const vat = Money.vatOf(excl, bp)
        expect(Money.inclVat(excl, bp)).toBe(excl + vat)
        expect(BigInt(vat)).toBe(roundRational(BigInt(excl) * BigInt(bp), 10_000n))
      })
    )
  })

  it("D10: allocate splits 100 cents in thirds as 34/33/33", () => {
    expect(Money.allocate(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(Money.allocate(1_000_00, [2_000, 3_000, 5_000])).toEqual([20_000, 30_000, 50_000])
    expect(Money.allocate(-100, [1, 2])).toEqual([-33, -67])
  })

  it("D10 property: allocate parts add up to the total exactly and each is within one cent of its exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc
          .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 })
          .filter((ws) => ws.some((w) => w > 0)),
        (total, weights) => {
          const parts = Money.allocate(total, weights)
          expect(parts).toHaveLength(weights.length)
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
          const sum = BigInt(weights.reduce((a, b) => a + b, 0))
          parts.forEach((p, i) => {
            // |p − total × w / sum| < 1  ⇔  |p × sum − total × w| < sum
            const diff = BigInt(p) * sum - BigInt(total) * BigInt(weights[i] ?? 0)
            expect(diff < 0n ? -diff : diff).toBeLessThan(sum)
            expect(Number.isInteger(p)).toBe(true)
          })
        }
      )
    )
  })

  it("format shows euros with thousands separators and a leading minus", () => {
    expect(Money.format(123_456)).toBe("€1,234.56")
    expect(Money.format(-1_200)).toBe("-€12.00")
    expect(Money.format(5)).toBe("€0.05")
    expect(Money.format(100_000_000)).toBe("€1,000,000.00")
  })

  it("excl/incl constructors say whether VAT is included (D10)", () => {
    expect(Money.excl(15_000)).toEqual({ cents: 15_000, vat: "excl" })
    expect(Money.incl(18_150).vat).toBe("incl")
  })
})
