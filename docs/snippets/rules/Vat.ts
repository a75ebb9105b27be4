import assert from "node:assert/strict"
import { Vat } from "@soltrace/rules"

// D17: an offer of 2025-04-20 for a house first occupied in 2020, panels and a home battery at 6%.
const checked = Vat.check({
  decidingOn: "2025-04-20",
  decidingEvent: "offer-date", // the offer's date stands for the expected first invoice
  dwelling: {
    firstOccupationYear: 2020,
    privateDwelling: true,
    finalConsumer: true,
    sameContractorSuppliesAndInstalls: true
  },
  lines: [
    { label: "installation", kind: "pv-panels", vatBp: 600 },
    { label: "home battery", kind: "home-battery", vatBp: 600 }
  ]
})
// Not 10 calendar years old in 2025: 21% is expected for both lines — warnings, not a refusal.
assert.deepEqual(
  checked.value.lines.map((l) => l.expectedBp),
  [2100, 2100]
)
assert.equal(checked.value.warnings.length, 2)

// In 2023 the panels were at 6% whatever the age; a home battery was not.
assert.deepEqual(
  Vat.expectedRate(
    "pv-panels",
    { privateDwelling: true, finalConsumer: true, sameContractorSuppliesAndInstalls: true },
    "2023-06-01"
  ),
  {
    _tag: "Known",
    bp: 600,
    because: "PV panels on a private dwelling from 2022-04-01 to 2023-12-31, whatever its age"
  }
)

// A missing fact is named, never guessed.
const unknown = Vat.expectedRate("home-battery", { privateDwelling: true }, "2025-04-20")
assert.ok(unknown._tag === "Unknown" && unknown.missing.includes("firstOccupationYear"))
