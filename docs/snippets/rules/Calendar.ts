import assert from "node:assert/strict"
import { Calendar } from "@soltrace/rules"

// D14: a time limit for a step ends on event + span (inclusive), end-of-month clamped.
const due = Calendar.deadline("2025-08-31", { months: 6 })
assert.equal(due, "2026-02-28")
assert.ok(Calendar.inTime("2026-02-28", due))
assert.ok(!Calendar.inTime("2026-03-01", due))

// D1/D14: a coverage period holds on d when start ≤ d < start + span.
assert.equal(Calendar.coverageEnd("2024-02-29", { years: 1 }), "2025-02-28")
assert.ok(Calendar.coveredOn("2024-02-29", { years: 1 }, "2025-02-27"))
assert.ok(!Calendar.coveredOn("2024-02-29", { years: 1 }, "2025-02-28"))

// D13/ENP-C2: business hours, Mon–Fri 09–13 and 14–17 Europe/Paris.
// Friday 16:30 + 24 business hours → Thursday 11:30.
assert.equal(Calendar.addBusinessHours("2026-11-20T16:30", 24), "2026-11-26T11:30")
assert.ok(!Calendar.isBusinessTime("2026-11-23T13:30"))
