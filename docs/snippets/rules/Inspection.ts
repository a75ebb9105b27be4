import assert from "node:assert/strict"
import { Decision, Inspection } from "@soltrace/rules"

// WAL-5.8.1: works ended 2025-03-20 and the customer arranges the inspection: 45 days, to Sunday
// 2025-05-04, rolled over to Monday 2025-05-05 (D14, Civil Code art. 1.7).
const inspected = Inspection.inspection({
  worksEndedOn: "2025-03-20",
  arrangedByInstaller: false,
  inspectedOn: "2025-05-05"
})
assert.ok(Decision.isAccepted(inspected))
assert.equal(inspected.value.deadline?.due, "2025-05-05")
assert.equal(inspected.value.deadline?.rolledFrom, "2025-05-04")

// Refused inspection: the installer fixes it within 30 days of being told, at its own cost.
const fix = Inspection.conformityFix({ refusalNotifiedOn: "2025-05-06", fixedOn: "2025-06-06" })
assert.ok(Decision.isRefused(fix))
assert.equal(fix.reasons[0].figures["lastDay"], "2025-06-05")
