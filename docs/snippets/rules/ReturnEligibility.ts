import assert from "node:assert/strict"
import { ReturnEligibility } from "@soltrace/rules"

const request: ReturnEligibility.ReturnRequest = {
  requestedAt: "2026-11-20T16:30", // a Friday afternoon
  requester: { _tag: "LicensedInstaller", licenceNumber: "LIC-0042" },
  serials: ["G1"],
  shippingAddress: "Rue de la Station 4, 5000 Namur",
  system: {
    commissionedOn: "2020-03-10",
    installation: { _tag: "ByLicensedInstaller", licenceNumber: "LIC-0042", installerAvailable: true },
    ownershipTransferred: false,
    devices: [
      { serial: "M1", manufacturer: "Enphase", kind: "microinverter", installedOn: "2020-03-01", status: "current" },
      { serial: "G1", manufacturer: "Enphase", kind: "gateway", installedOn: "2020-03-01", status: "current" }
    ]
  },
  serialsInOpenRmas: [],
  proofOfOwnershipProvided: false
}

// The gateway's 5-year warranty ended after 2025-03-09: not eligible (ENP-W2),
// support calls back within 24–48 working-day hours (ENP-R6a, D13).
const gateway = ReturnEligibility.decide(request)
assert.equal(gateway._tag, "NotEligible")
if (gateway._tag === "NotEligible") {
  assert.equal(gateway.reasons[0].rule, "ENP-W2")
  assert.deepEqual(gateway.callback, { rule: "ENP-R6", earliest: "2026-11-23T16:30", latest: "2026-11-24T16:30" })
}

// The microinverter (25 years) is approved.
assert.equal(ReturnEligibility.decide({ ...request, serials: ["M1"] })._tag, "Approved")

// D15: the 24–48 h callback is Enphase's. An APsystems microinverter past its 10 years: not eligible, no callback.
const ap = ReturnEligibility.decide({
  ...request,
  requestedAt: "2030-03-10T10:00",
  serials: ["A1"],
  system: {
    ...request.system,
    devices: [
      { serial: "A1", manufacturer: "APsystems", kind: "microinverter", installedOn: "2020-03-01", status: "current" }
    ]
  }
})
assert.equal(ap._tag === "NotEligible" && ap.callback, undefined)
