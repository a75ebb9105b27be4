import assert from "node:assert/strict"
import { Decision, Qualiwatt } from "@soltrace/rules"

const installation: Qualiwatt.PremiumInput = {
  hybrid: false,
  newInstallation: true,
  previouslyCommissioned: false,
  commissionedOn: "2016-05-12",
  lastConformityVisitOn: "2016-05-02",
  peakPowerWatts: 4_800,
  maxAcPowerWatts: 4_600,
  beneficiary: "natural-person",
  panelTechnology: "crystalline",
  onBuilding: true,
  documents: [
    "rescert-certificate",
    "conformity-declaration",
    "factory-inspection-certificate",
    "iec-61215",
    "iec-61730"
  ]
}

// WAL-Q4: the signed standard contract is missing.
const missing = Qualiwatt.decide(installation)
assert.ok(Decision.isRefused(missing))
assert.deepEqual(missing.reasons[0].figures, { missing: "signed-standard-contract" })

// With it: eligible, and the installation must be kept until 2021-05-01 (WAL-Q3).
const ok = Qualiwatt.decide({ ...installation, documents: [...installation.documents, "signed-standard-contract"] })
assert.ok(Decision.isAccepted(ok))
assert.equal(ok.value.keepUntil, "2021-05-01")

// D9: the scheme closed on 2018-06-30, judged on the inspection acceptance (§3.6 « fait foi »).
const closed = Qualiwatt.decide({
  ...installation,
  lastConformityVisitOn: "2018-07-01",
  inspectionAcceptedOn: "2018-07-01"
})
assert.ok(Decision.isRefused(closed) && closed.reasons[0].rule === "D9")
