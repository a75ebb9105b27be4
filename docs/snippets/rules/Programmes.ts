import assert from "node:assert/strict"
import { LabourReimbursement, Programmes } from "@soltrace/rules"

const enphase2019 = Programmes.inForce(Programmes.defaultTable, "Enphase", "2025-05-06")
const later: Programmes.Version = {
  ...enphase2019,
  name: "Enphase (2026)",
  effectiveFrom: "2026-01-01",
  labour: { ...LabourReimbursement.defaultPolicy, claimWindow: { months: 3 } }
}
const table = [...Programmes.defaultTable, later]
assert.equal(Programmes.inForce(table, "Enphase", "2025-12-31").name, "Enphase (2019)")
assert.deepEqual(Programmes.inForce(table, "Enphase", "2026-03-02").labour?.claimWindow, { months: 3 })
// APsystems has no labour reimbursement programme (ENP-L2 scope, D15)
assert.equal(Programmes.inForce(table, "APsystems", "2026-03-02").labour, undefined)
