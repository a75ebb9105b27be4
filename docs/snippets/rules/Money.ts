import assert from "node:assert/strict"
import { Money } from "@soltrace/rules"

// D10: integer cents, basis points, half-up rounding, exact BigInt arithmetic.
assert.equal(Money.percentOf(12_345, 2_100), 2_592) // 21% of €123.45 = €25.9245 → €25.92
assert.equal(Money.inclVat(1_200_000, 600), 1_272_000) // €12,000.00 + 6% VAT = €12,720.00

// D10: parts always add up to the total (largest remainder).
const parts = Money.allocate(1_272_000, [2_000, 2_000, 2_000, 4_000])
assert.deepEqual(parts, [254_400, 254_400, 254_400, 508_800])
assert.equal(Money.allocate(100, [1, 1, 1]).join("/"), "34/33/33")

assert.equal(Money.format(1_272_000), "€12,720.00")
assert.deepEqual(Money.excl(17_500), { cents: 17_500, vat: "excl" })
