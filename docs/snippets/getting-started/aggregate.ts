import assert from "node:assert/strict"
import { Effect } from "effect"
import { CommandHandler, EventStore, InMemoryEventStore } from "@soltrace/core"
import { AfterSalesIds as Id, System } from "@soltrace/aftersales"

const systemId = Id.SystemId.make("SYS-1")
const installation = {
  _tag: "ByLicensedInstaller",
  installerId: Id.PartyId.make("i-1"),
  licenceNumber: Id.LicenceNumber.make("L-1")
} as const
const device = {
  serial: Id.Serial.make("M-001"),
  kind: "microinverter",
  manufacturer: "Enphase",
  model: "IQ8M"
} as const
let n = 0
const send = (command: System.Command) =>
  CommandHandler.handle(System.aggregate, System.streamId(systemId), command, { commandId: `cmd-${++n}` })

const program = Effect.gen(function* () {
  yield* send({
    _tag: "RegisterSystem",
    systemId,
    registeredOn: "2024-03-10",
    country: "BE",
    ownerId: Id.PartyId.make("o-1"),
    installation
  })
  yield* send({ _tag: "InstallDevice", systemId, ...device, installedOn: "2024-03-10" })
  // ENP-R7: no replacement without an approved RMA: refused, with the rule id, and nothing is recorded.
  const replace = { original: device.serial, replacement: Id.Serial.make("M-900"), rmaId: Id.RmaId.make("R-1") }
  const refused = yield* Effect.flip(send({ _tag: "ReplaceDevice", systemId, ...replace, replacedOn: "2025-05-06" }))
  assert.equal(refused._tag === "SystemCommandRefused" && refused.reasons[0].rule, "ENP-R7")
  const events = yield* EventStore.EventStore.use((store) => store.readStream(System.streamId(systemId)))
  assert.deepEqual(
    events.map((e) => `${e.version} ${e.type}`),
    ["1 SystemRegistered", "2 DeviceInstalled"]
  )
})

await Effect.runPromise(program.pipe(Effect.provide(InMemoryEventStore.layer)))
