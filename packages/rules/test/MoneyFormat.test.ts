import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Money } from "../src/index.js"

/** Independent reference: BigInt division and a digit-grouping regex. */
const reference = (cents: number): string => {
  const abs = BigInt(cents < 0 ? -cents : cents)
  const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  return `${cents < 0 ? "-" : ""}€${euros}.${(abs % 100n).toString().padStart(2, "0")}`
}

describe("Money.format", () => {
  it("D10 property: formats every safe integer amount of cents exactly (grouping, two decimals, sign)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
          fc.maxSafeInteger(),
          fc.integer({ min: -99_999, max: 99_999 })
        ),
        (cents) => {
          expect(Money.format(cents)).toBe(reference(cents))
        }
      ),
      { numRuns: 5000 }
    )
  })

  it("D10: known amounts", () => {
    expect(Money.format(123456)).toBe("€1,234.56")
    expect(Money.format(-1200)).toBe("-€12.00")
    expect(Money.format(5)).toBe("€0.05")
    expect(Money.format(100_000_000)).toBe("€1,000,000.00")
    expect(Money.format(Number.MAX_SAFE_INTEGER)).toBe("€90,071,992,547,409.91")
  })
})
