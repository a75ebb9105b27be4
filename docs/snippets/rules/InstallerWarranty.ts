import assert from "node:assert/strict"
import { Decision, InstallerWarranty } from "@soltrace/rules"

// WAL-5.12.2: a roof leak under the panels, discovered 2029-11-30, five years after acceptance.
const claim: InstallerWarranty.ClaimInput = {
  acceptedOn: "2024-09-15",
  defect: { _tag: "Watertightness", fromMereWear: false, onRoofPartCarryingInstallation: true },
  discoveredOn: "2029-11-30",
  claimedOn: "2030-01-20",
  inWriting: true
}
const decision = InstallerWarranty.decide(claim)
assert.ok(Decision.isAccepted(decision))
assert.equal(decision.value.claimDeadline.due, "2030-01-30") // 2 months after the discovery

// The same claim a day after the deadline is refused, and says why.
const late = InstallerWarranty.decide({ ...claim, claimedOn: "2030-01-31" })
assert.ok(Decision.isRefused(late))
assert.equal(late.reasons[0].figures["lastDay"], "2030-01-30")
