import assert from "node:assert/strict"
import { SupportRouting } from "@soltrace/rules"

// Scenario S6: a self-installer e-mails a technical question about a system they installed.
const s6 = SupportRouting.route({
  requester: { _tag: "SelfInstaller" },
  installation: { _tag: "SelfInstalled", endCustomerAccount: false },
  kind: "technical",
  channel: "email",
  at: "2026-11-23T10:00",
  hasSystemOrSerialNumber: true
})
assert.deepEqual(s6.route, { _tag: "Refer", to: "qualified-installer", rule: "APS-3" })
assert.deepEqual(s6.compliance.missing, ["end-customer account", "backing licensed installer"]) // APS-6, D6

// An owner calls at lunchtime about a professionally installed system.
const owner = SupportRouting.route({
  requester: { _tag: "Owner" },
  installation: { _tag: "ByLicensedInstaller", licenceNumber: "LIC-0042", installerAvailable: true },
  kind: "technical",
  channel: "phone",
  at: "2026-11-23T13:15",
  hasSystemOrSerialNumber: true
})
assert.equal(owner.route._tag === "Refer" && owner.route.to, "installer-of-record") // APS-4
assert.deepEqual(owner.response, { channel: "phone", rule: "ENP-C2", open: false, opensAt: "2026-11-23T14:00" })
