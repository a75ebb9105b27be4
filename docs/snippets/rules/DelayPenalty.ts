import assert from "node:assert/strict"
import { DelayPenalty, Money } from "@soltrace/rules"

// Scenario S5: three distinct bad-weather days (one recorded twice) push the end date by 3 days.
const result = DelayPenalty.penalty({
  startOfWorks: "2025-06-02",
  agreedEnd: "2025-06-30",
  badWeatherDays: ["2025-06-10", "2025-06-11", "2025-06-11", "2025-06-20"],
  completion: { _tag: "Completed", on: "2025-07-20" },
  priceExclCents: 500_000
})
assert.equal(result.value.pushedEnd, "2025-07-03") // WAL-5.7.1, D11
assert.equal(result.value.delayDays, 17)
assert.equal(Money.format(result.value.uncappedCents), "€595.00") // 17 × €35
assert.equal(Money.format(result.value.penalty.cents), "€500.00") // capped at 10% of €5,000.00 (WAL-5.7.2)
assert.ok(result.reasons.some((r) => r.rule === "WAL-5.7.2" && r.figures["capCents"] === 50_000))
