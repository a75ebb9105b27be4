import assert from "node:assert/strict"
import { Decision, ProductionGuarantee } from "@soltrace/rules"

// WAL-5.13: a full year measured 12% below the 4,300 kWh expected in the specification.
const liable = ProductionGuarantee.liability({
  measurement: { test: "annual", from: "2024-06-01", to: "2025-05-31", expectedWh: 4_300_000, actualWh: 3_784_000 },
  exonerations: [],
  reportedOn: "2025-06-05"
})
assert.ok(Decision.isAccepted(liable))
assert.equal(liable.value.opinionDeadline.due, "2025-06-25") // technical opinion within 20 days

// The opinion is free unless the customer was told in advance of a charge.
const opinion = ProductionGuarantee.opinion({
  reportedOn: "2025-06-05",
  deliveredOn: "2025-06-20",
  solutionsWithinWarranty: false,
  customerToldOfChargeInAdvance: false
})
assert.ok(Decision.isAccepted(opinion) && !opinion.value.chargeable)

// Repairs within 45 days of the customer's agreement: 2025-08-15 is a Belgian legal holiday
// (Assumption), so the last day rolls over to Monday 2025-08-18 (D14).
assert.equal(ProductionGuarantee.repairsDeadline("2025-07-01").due, "2025-08-18")
