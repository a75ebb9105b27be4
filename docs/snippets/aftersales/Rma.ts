import assert from "node:assert/strict"
import { Decider } from "@soltrace/core"
import { AfterSalesIds, Rma } from "@soltrace/aftersales"
import { Result } from "effect"

const rmaId = AfterSalesIds.RmaId.make("RMA-7")
const serial = AfterSalesIds.Serial.make("M-1")
const system: Rma.SystemFacts = {
  commissionedOn: "2024-03-10",
  installation: { _tag: "ByLicensedInstaller", licenceNumber: "LIC-42", installerAvailable: true },
  ownershipTransferred: true, // → proof of ownership first (ENP-R2)
  devices: [{ serial, manufacturer: "Enphase", kind: "microinverter", installedOn: "2024-03-01", status: "current" }]
}
const installer = {
  _tag: "LicensedInstaller",
  partyId: AfterSalesIds.PartyId.make("inst-1"),
  licenceNumber: AfterSalesIds.LicenceNumber.make("LIC-42")
} as const

const requested = Rma.decide(
  {
    _tag: "RequestReturn",
    rmaId,
    systemId: AfterSalesIds.SystemId.make("SYS-1"),
    serials: [serial],
    shippingAddress: "ADDR-DEPOT-LYON", // D16: an address id in the personal-data store
    requester: installer,
    requestedAt: "2025-05-02T10:00",
    system,
    serialsInOpenRmas: [],
    proofOfOwnershipProvided: false
  },
  Rma.initialState
)
assert.ok(Result.isSuccess(requested))
assert.deepStrictEqual(
  requested.success.map((e) => e._tag),
  ["ReturnRequested", "ProofOfOwnershipRequested"]
)
let state = Decider.fold(Rma.decider, requested.success)

// ENP-R7: no replacement before the authorization.
const tooEarly = Rma.decide(
  {
    _tag: "RecordReplacementInstalled",
    rmaId,
    original: serial,
    replacement: AfterSalesIds.Serial.make("R-1"),
    installedOn: "2025-05-03"
  },
  state
)
assert.ok(Result.isFailure(tooEarly))
assert.equal(tooEarly.failure.reasons[0].rule, "ENP-R7")

// ENP-R2: with the proof, the return is approved (ENP-R6b, ENP-W2 under the 25-year term, D1).
const proved = Rma.decide(
  { _tag: "ProvideProofOfOwnership", rmaId, providedAt: "2025-05-03T09:00", system, serialsInOpenRmas: [] },
  state
)
assert.ok(Result.isSuccess(proved))
state = Decider.fold(Rma.decider, proved.success, state)
assert.equal(state._tag === "Requested" && Rma.status(state), "approved")

// ENP-R3: a unit that is not covered by an approved RMA gives no right to replacement or refund.
const stray = Rma.decide(
  { _tag: "ReceiveUnit", rmaId, serial: AfterSalesIds.Serial.make("M-9"), receivedOn: "2025-05-20" },
  state
)
assert.ok(Result.isSuccess(stray))
assert.equal(stray.success[0]?._tag, "UnauthorizedReturnReceived")
