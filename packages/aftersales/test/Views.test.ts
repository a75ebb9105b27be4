import { Effect, Layer, Ref } from "effect"
import { describe, expect, it } from "vitest"
import { InMemoryEventStore, Projection } from "@soltrace/core"
import { AfterSalesIds, AfterSalesService, Views } from "../src/index.js"
import { A, agent, B, installer, owner, owner2, RA, sysId, ticketId } from "./fixtures.js"
import { installerRequester, interventionOf, R1 } from "./scenarios.js"

const SYS2 = AfterSalesIds.SystemId.make("SYS-2")
const SYS3 = AfterSalesIds.SystemId.make("SYS-3")

/** Three systems (one self-installed and non-compliant, one not commissioned), tickets and a return. */
const world = Effect.gen(function* () {
  const svc = yield* AfterSalesService.AfterSalesService
  yield* interventionOf("2024-03-10")
  yield* svc.system(
    {
      _tag: "RegisterSystem",
      systemId: SYS2,
      registeredOn: "2025-01-05",
      country: "BE",
      ownerId: owner2,
      installation: { _tag: "SelfInstalled", distributorId: AfterSalesIds.PartyId.make("dist-9") }
    },
    { commandId: "s2" }
  )
  yield* svc.system(
    {
      _tag: "InstallDevice",
      systemId: SYS2,
      serial: AfterSalesIds.Serial.make("DS3-77"),
      kind: "microinverter",
      manufacturer: "APsystems",
      model: "DS3",
      installedOn: "2025-01-05"
    },
    { commandId: "s2-i" }
  )
  yield* svc.system(
    {
      _tag: "RegisterSystem",
      systemId: SYS3,
      registeredOn: "2025-02-01",
      country: "FR",
      ownerId: owner,
      installation: {
        _tag: "ByLicensedInstaller",
        installerId: AfterSalesIds.PartyId.make("inst-9"),
        licenceNumber: AfterSalesIds.LicenceNumber.make("LIC-9")
      }
    },
    { commandId: "s3" }
  )
  const t = (id: string, subject: string, at: string) =>
    svc.openTicket(
      {
        ticketId: ticketId(id),
        systemId: sysId,
        openedAt: at,
        requester: installerRequester,
        channel: "form",
        kind: "technical",
        subject,
        serials: [A],
        description: "d"
      },
      { commandId: id }
    )
  yield* t("T-1", "First fault", "2025-04-28T10:00")
  yield* t("T-2", "Second fault", "2025-05-10T10:00")
  yield* svc.ticket(
    { _tag: "AssignHandler", ticketId: ticketId("T-1"), handlerId: agent, on: "2025-05-11" },
    { commandId: "assign" }
  )
  yield* svc.ticket(
    { _tag: "AddNote", ticketId: ticketId("T-1"), authorId: agent, text: "Replaced under RMA-1", on: "2025-05-11" },
    { commandId: "note" }
  )
})

const layer = () =>
  AfterSalesService.layer.pipe(Layer.provideMerge(InMemoryEventStore.layerWithInline({ inline: Views.all })))

const views = Effect.gen(function* () {
  const inline = yield* Projection.InlineProjections
  return {
    systems: yield* inline.get(Views.systems),
    tickets: yield* inline.get(Views.tickets),
    returns: yield* inline.get(Views.returns)
  }
})

const load = () => Effect.runPromise(Effect.provide(Effect.andThen(world, views), layer()))

describe("Views", () => {
  it("ENP-S1: systems have a status and sort by it (non-compliant first, D6)", async () => {
    const v = await load()
    const rows = Views.listSystems(v.systems)
    expect(rows.map((r) => [r.systemId, r.status])).toEqual([
      ["SYS-2", "non-compliant"],
      ["SYS-3", "registered"],
      ["SYS-1", "active"]
    ])
    expect(Views.listSystems(v.systems, { status: "active" }).map((r) => r.systemId)).toEqual(["SYS-1"])
    expect(Views.listSystems(v.systems, { sortBy: "systemId" }).map((r) => r.systemId)).toEqual([
      "SYS-1",
      "SYS-2",
      "SYS-3"
    ])
    expect(Views.listSystems(v.systems, { sortBy: "lastActivity" })[0]?.systemId).toBe("SYS-1")
  })
  it("ENP-S1: systems are searchable by id, owner, installer and serial, current or retired", async () => {
    const v = await load()
    const ids = (search: string) => Views.listSystems(v.systems, { search, sortBy: "systemId" }).map((r) => r.systemId)
    expect(ids("sys-3")).toEqual(["SYS-3"])
    expect(ids(owner)).toEqual(["SYS-1", "SYS-3"])
    expect(ids(installer)).toEqual(["SYS-1"])
    expect(ids(RA)).toEqual(["SYS-1"]) // current serial
    expect(ids(A)).toEqual(["SYS-1"]) // retired serial (replaced by RA)
    expect(ids("ds3-77")).toEqual(["SYS-2"])
    const row = Views.listSystems(v.systems, { search: "SYS-1" })[0]
    expect(row?.retiredSerials).toEqual(expect.arrayContaining([A, B]))
  })
  it("ENP-S2: latest tickets first, and all tickets of one system", async () => {
    const v = await load()
    expect(Views.latestTickets(v.tickets, 1).map((t) => t.ticketId)).toEqual(["T-1"]) // T-1 was touched last
    expect(Views.ticketsOfSystem(v.tickets, sysId).map((t) => t.ticketId)).toEqual(["T-1", "T-2"])
    expect(Views.ticketsOfSystem(v.tickets, SYS2)).toEqual([])
    expect(Views.searchTickets(v.tickets, "second").map((t) => t.ticketId)).toEqual(["T-2"])
  })
  it("ENP-S3: a ticket shows status, handler, subject, devices and notes", async () => {
    const v = await load()
    expect(Views.ticketDetails(v.tickets, "T-1")).toMatchObject({
      status: "in-progress",
      handlerId: agent,
      subject: "First fault",
      serials: [A],
      notes: [{ authorId: agent, text: "Replaced under RMA-1", on: "2025-05-11" }]
    })
    expect(Views.ticketDetails(v.tickets, "T-404")).toBeUndefined()
  })
  it("ENP-S5: returns show their shipping information", async () => {
    const v = await load()
    const [rma] = Views.listReturns(v.returns, sysId)
    expect(rma).toMatchObject({
      rmaId: R1,
      status: "replacement-installed",
      approvedOn: "2025-05-02",
      shippingAddress: "ADDR-SOLAIRE-PRO-DEPOT"
    })
    expect(rma?.devices[0]).toMatchObject({
      serial: A,
      replacementShipped: { replacement: RA, carrier: "DHL", tracking: `TRK-${RA}` },
      defectiveShipped: { carrier: "DHL", tracking: `BACK-${A}` }
    })
  })
  it("the views are the same built inline or caught up from the log (they work on any store)", async () => {
    const { inline, caught } = await Effect.runPromise(
      Effect.provide(
        Effect.gen(function* () {
          yield* world
          const inline = yield* views
          const refs = {
            systems: yield* Ref.make(Views.systems.initialState),
            tickets: yield* Ref.make(Views.tickets.initialState),
            returns: yield* Ref.make(Views.returns.initialState)
          }
          yield* Projection.catchUp(Projection.toRef(Views.systems, refs.systems), { batchSize: 3 })
          yield* Projection.catchUp(Projection.toRef(Views.tickets, refs.tickets), { batchSize: 3 })
          yield* Projection.catchUp(Projection.toRef(Views.returns, refs.returns), { batchSize: 3 })
          return {
            inline,
            caught: {
              systems: yield* Ref.get(refs.systems),
              tickets: yield* Ref.get(refs.tickets),
              returns: yield* Ref.get(refs.returns)
            }
          }
        }),
        Layer.merge(layer(), Projection.memoryCheckpointStore)
      )
    )
    expect(caught).toEqual(inline)
  })
})
