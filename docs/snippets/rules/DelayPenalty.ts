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

// D11: bad weather pushes the start too. Agreed start 2025-06-02, bad weather on 06-02 and 06-03,
// works started 06-04: on time, and the end moves by two days.
const dates = DelayPenalty.dates({
  startOfWorks: "2025-06-02",
  agreedStart: "2025-06-02",
  startedOn: "2025-06-04",
  agreedEnd: "2025-06-30",
  badWeatherDays: ["2025-06-02", "2025-06-03"]
})
assert.equal(dates.pushedStart, "2025-06-04")
assert.equal(dates.lateStart, false)
assert.equal(dates.end, "2025-07-02")

// Only working days count by default: a Saturday of rain is no bad-weather day.
assert.equal(
  DelayPenalty.dates({ startOfWorks: "2025-06-02", agreedEnd: "2025-06-30", badWeatherDays: ["2025-06-07"] }).end,
  "2025-06-30"
)
