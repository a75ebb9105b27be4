import assert from "node:assert/strict"
import { AdministrativeFile, Decision } from "@soltrace/rules"

// WAL-5.8.2: inspection accepted on 2024-02-14 → file due by 2024-02-29 (a leap year).
const onTime = AdministrativeFile.decide({ acceptedOn: "2024-02-14", handedOverOn: "2024-02-29" })
assert.ok(Decision.isAccepted(onTime))
assert.deepEqual(onTime.value.deadline, {
  rule: "WAL-5.8.2",
  what: "hand over the complete administrative file",
  party: "installer",
  kind: "obligation",
  due: "2024-02-29"
})
// D14: accepted 2025-12-20 → 15 days end on Sunday 2026-01-04, rolled over to Monday 2026-01-05.
assert.equal(AdministrativeFile.deadline("2025-12-20").due, "2026-01-05")
assert.ok(Decision.isRefused(AdministrativeFile.decide({ acceptedOn: "2024-02-14", handedOverOn: "2024-03-01" })))
