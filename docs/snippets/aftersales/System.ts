import assert from "node:assert/strict"
import { InMemoryEventStore, Projection } from "@soltrace/core"
import { AfterSalesIds, AfterSalesService, Views } from "@soltrace/aftersales"
import { Effect, Layer } from "effect"

// Scenario S1 through the application service, on the in-memory store.
const systemId = AfterSalesIds.SystemId.make("SYS-1")
const rmaId = AfterSalesIds.RmaId.make("RMA-1")
const serial = (s: string) => AfterSalesIds.Serial.make(s)
const installer = {
  _tag: "LicensedInstaller",
  partyId: AfterSalesIds.PartyId.make("inst-1"),
  licenceNumber: AfterSalesIds.LicenceNumber.make("LIC-42")
} as const

const program = Effect.gen(function* () {
  const svc = yield* AfterSalesService.AfterSalesService
  const cmd = (commandId: string) => ({ commandId })
  yield* svc.system(
    {
      _tag: "RegisterSystem",
      systemId,
      registeredOn: "2024-03-01",
      country: "FR",
      ownerId: AfterSalesIds.PartyId.make("owner-1"), // the name lives in PersonalData (WAL-5.15)
      installation: {
        _tag: "ByLicensedInstaller",
        installerId: installer.partyId,
        licenceNumber: installer.licenceNumber
      }
    },
    cmd("register")
  )
  for (const s of ["M-1", "M-2"]) {
    yield* svc.system(
      {
        _tag: "InstallDevice",
        systemId,
        serial: serial(s),
        kind: "microinverter",
        manufacturer: "Enphase",
        model: "IQ7+",
        installedOn: "2024-03-01"
      },
      cmd(`install-${s}`)
    )
  }
  yield* svc.system({ _tag: "RecordCommissioning", systemId, commissionedOn: "2024-03-10" }, cmd("commission"))
  for (const s of ["M-1", "M-2"]) {
    // ENP-L3: detected by the monitoring platform.
    yield* svc.system(
      { _tag: "RecordFault", systemId, serial: serial(s), detectedOn: "2025-04-28", source: "monitoring" },
      cmd(`fault-${s}`)
    )
  }
  const ret = yield* svc.requestReturn(
    {
      rmaId,
      systemId,
      serials: [serial("M-1"), serial("M-2")],
      shippingAddress: "ADDR-DEPOT-MARSEILLE", // D16: an address id in the personal-data store
      requester: installer,
      requestedAt: "2025-05-02T09:30",
      proofOfOwnershipProvided: false
    },
    cmd("return")
  )
  assert.deepStrictEqual(
    ret.rma.events.map((e) => e._tag),
    ["ReturnRequested", "ReturnApproved"]
  )

  for (const [original, replacement] of [
    ["M-1", "R-1"],
    ["M-2", "R-2"]
  ] as const) {
    // Records ReplacementInstalled on the RMA and DeviceReplaced on the System (ENP-R7, ENP-R8).
    yield* svc.installReplacement(
      { rmaId, original: serial(original), replacement: serial(replacement), installedOn: "2025-05-06" },
      cmd(`replace-${original}`)
    )
    yield* svc.rma(
      {
        _tag: "ShipDefectiveUnit",
        rmaId,
        serial: serial(original),
        carrier: "DHL",
        tracking: `BACK-${original}`,
        shippedOn: "2025-05-06"
      },
      cmd(`back-${original}`)
    )
  }

  const claim = {
    systemId,
    interventionOn: "2025-05-06",
    claimedOn: "2025-06-01",
    paymentAddress: "ADDR-SOLAIRE-PRO" // D16: the cheque address, by id
  }
  const handled = yield* svc.claimLabourReimbursement(claim, cmd("claim"))
  const [claimed] = handled.events
  assert.equal(claimed?._tag, "LabourReimbursementClaimed")
  assert.equal(claimed?._tag === "LabourReimbursementClaimed" && claimed.amountCents, 17500) // €150 + €25 (ENP-L7, D2)

  // The same command id again records nothing new; a second claim for the same day is refused (D2).
  assert.equal((yield* svc.claimLabourReimbursement(claim, cmd("claim"))).duplicate, true)
  const again = yield* Effect.flip(svc.claimLabourReimbursement(claim, cmd("claim-2")))
  assert.equal(again._tag === "SystemCommandRefused" && again.reasons[0].rule, "D2")

  // ENP-S1: search the systems by a retired serial.
  const inline = yield* Projection.InlineProjections
  const rows = Views.listSystems(yield* inline.get(Views.systems), { search: "M-1" })
  assert.deepStrictEqual(
    rows.map((r) => [r.systemId, r.status, r.retiredSerials]),
    [["SYS-1", "active", ["M-1", "M-2"]]]
  )
})

await Effect.runPromise(
  program.pipe(
    Effect.provide(
      AfterSalesService.layer.pipe(Layer.provideMerge(InMemoryEventStore.layerWithInline({ inline: Views.all })))
    )
  )
)
