import assert from "node:assert/strict"
import { Decision, WarrantyTerms } from "@soltrace/rules"

// ENP-W1/D1: an Enphase gateway (Envoy) has a 5-year term from commissioning.
const device = { manufacturer: "Enphase", kind: "gateway", commissionedOn: "2020-03-10" } as const

const lastDay = WarrantyTerms.coverage({ ...device, on: "2025-03-09" })
assert.ok(Decision.isAccepted(lastDay))
assert.equal(lastDay.value.end, "2025-03-10") // first day not covered
assert.equal(lastDay.value.lastCoveredDay, "2025-03-09")

const endDay = WarrantyTerms.coverage({ ...device, on: "2025-03-10" })
assert.ok(Decision.isRefused(endDay))
assert.equal(endDay.reasons[0].rule, "ENP-W1")

// Unknown manufacturer: a refusal with a reason, not an exception.
const unknown = WarrantyTerms.coverage({ ...device, manufacturer: "Acme", on: "2021-01-01" })
assert.ok(Decision.isRefused(unknown) && unknown.reasons[0].rule === "D1")
