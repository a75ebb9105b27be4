/**
 * An outside check of the after-sales aggregates (System, Ticket, RMA, the returns ledger, the
 * views and the deadlines) against `aggregates.md`, the revised decisions D1, D2, D3, D6, D12,
 * D15, D16 and the scenarios S1, S2, S3, S6 — through the PUBLIC API only (`../src/index.js`), as
 * the docs show it. Every expected value is worked out by hand from the text; the reasoning is in
 * the comments. The service-level checks run on the in-memory store, on PGlite and (when
 * `SOLTRACE_PG_URL` is set) on a PostgreSQL server.
 */
import { Effect, Exit, Layer } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { EventStore, InMemoryEventStore, Projection } from "@soltrace/core"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import * as PersonalData from "@soltrace/core/PersonalData"
import { Postgres } from "@soltrace/core/pg"
import { PgliteClient } from "@soltrace/core/pglite"
import { LabourReimbursement, Programmes } from "@soltrace/rules"
import { AfterSalesIds, AfterSalesService, Deadlines, ReturnsLedger, Rma, System, Ticket, Views } from "../src/index.js"
import { conformanceLayer, makeRuntime, type Runtime } from "./sqlRuntime.js"

// ---------------------------------------------------------------------------------------------
// Vocabulary of the audit
// ---------------------------------------------------------------------------------------------

const SYS = AfterSalesIds.SystemId.make("AUD-SYS")
const ser = (s: string) => AfterSalesIds.Serial.make(s)
const rma = (s: string) => AfterSalesIds.RmaId.make(s)
const tkt = (s: string) => AfterSalesIds.TicketId.make(s)
const party = (s: string) => AfterSalesIds.PartyId.make(s)
const INSTALLER = {
  _tag: "LicensedInstaller",
  partyId: party("aud-inst"),
  licenceNumber: AfterSalesIds.LicenceNumber.make("LIC-AUD")
} as const
const OWNER = party("aud-owner")
const DISTRIBUTOR = party("aud-dist")
const SHIP_TO = "ADDR-AUD-DEPOT" // D16: an address id
const CHEQUE_TO = "ADDR-AUD-CHEQUE" // D16: an address id
const md = (commandId: string) => ({ commandId })

type Services =
  AfterSalesService.AfterSalesService | EventStore.EventStore | Projection.InlineProjections | PersonalData.PersonalData

type SqlServices = AfterSalesService.AfterSalesService | EventStore.EventStore

const memoryLayer = () =>
  AfterSalesService.layer.pipe(
    Layer.provideMerge(InMemoryEventStore.layerWithInline({ inline: Views.all })),
    Layer.provideMerge(PersonalData.layerMemory)
  )

const runMemory = <A, E>(effect: Effect.Effect<A, E, Services>) =>
  Effect.runPromise(Effect.provide(effect, memoryLayer()))

interface Device {
  readonly serial: string
  readonly manufacturer?: string
  readonly kind?: System.DeviceKind
  readonly installedOn?: string
}

interface SetUp {
  readonly commissionedOn?: string | undefined
  readonly devices?: ReadonlyArray<Device>
  readonly installation?: System.Installation
}

const licensedInstallation: System.Installation = {
  _tag: "ByLicensedInstaller",
  installerId: INSTALLER.partyId,
  licenceNumber: INSTALLER.licenceNumber
}

/** Given: a system registered, its devices installed, commissioned (unless `commissionedOn` is undefined). */
const givenSystem = (setUp: SetUp = {}) =>
  Effect.gen(function* () {
    const svc = yield* AfterSalesService.AfterSalesService
    yield* svc.system(
      {
        _tag: "RegisterSystem",
        systemId: SYS,
        registeredOn: "2024-03-01",
        country: "FR",
        ownerId: OWNER,
        installation: setUp.installation ?? licensedInstallation
      },
      md("aud-register")
    )
    for (const d of setUp.devices ?? [{ serial: "M-1" }, { serial: "M-2" }]) {
      yield* svc.system(
        {
          _tag: "InstallDevice",
          systemId: SYS,
          serial: ser(d.serial),
          kind: d.kind ?? "microinverter",
          manufacturer: d.manufacturer ?? "Enphase",
          model: "model-x",
          installedOn: d.installedOn ?? "2024-03-01"
        },
        md(`aud-install-${d.serial}`)
      )
    }
    const commissionedOn = "commissionedOn" in setUp ? setUp.commissionedOn : "2024-03-10"
    if (commissionedOn !== undefined) {
      yield* svc.system({ _tag: "RecordCommissioning", systemId: SYS, commissionedOn }, md("aud-commission"))
    }
    return svc
  })

const fault = (serial: string, detectedOn = "2025-04-28", source: System.FaultSource = "monitoring") =>
  Effect.flatMap(Effect.service(AfterSalesService.AfterSalesService), (svc) =>
    svc.system(
      { _tag: "RecordFault", systemId: SYS, serial: ser(serial), detectedOn, source },
      md(`aud-fault-${serial}`)
    )
  )

const requestReturn = (
  id: string,
  serials: ReadonlyArray<string>,
  requestedAt = "2025-05-02T09:30",
  requester: AfterSalesIds.Requester = INSTALLER
) =>
  Effect.flatMap(Effect.service(AfterSalesService.AfterSalesService), (svc) =>
    svc.requestReturn(
      {
        rmaId: rma(id),
        systemId: SYS,
        serials: serials.map(ser) as [AfterSalesIds.Serial, ...Array<AfterSalesIds.Serial>],
        shippingAddress: SHIP_TO,
        requester,
        requestedAt,
        proofOfOwnershipProvided: false
      },
      md(`aud-return-${id}`)
    )
  )

const replace = (id: string, original: string, replacement: string, on = "2025-05-06") =>
  Effect.flatMap(Effect.service(AfterSalesService.AfterSalesService), (svc) =>
    svc.installReplacement(
      { rmaId: rma(id), original: ser(original), replacement: ser(replacement), installedOn: on },
      md(`aud-replace-${original}`)
    )
  )

const shipBack = (id: string, serial: string, on = "2025-05-06") =>
  Effect.flatMap(Effect.service(AfterSalesService.AfterSalesService), (svc) =>
    svc.rma(
      {
        _tag: "ShipDefectiveUnit",
        rmaId: rma(id),
        serial: ser(serial),
        carrier: "DHL",
        tracking: `BACK-${serial}`,
        shippedOn: on
      },
      md(`aud-back-${serial}`)
    )
  )

const claim = (interventionOn: string, claimedOn: string, commandId = `aud-claim-${interventionOn}-${claimedOn}`) =>
  Effect.flatMap(Effect.service(AfterSalesService.AfterSalesService), (svc) =>
    svc.claimLabourReimbursement({ systemId: SYS, interventionOn, claimedOn, paymentAddress: CHEQUE_TO }, md(commandId))
  )

/** S1 up to the replacements shipped back: commissioned `commissionedOn`, two faults by monitoring on
 * 2025-04-28, one return for both approved 2025-05-02, both replaced and shipped back 2025-05-06. */
const s1UpToClaim = (commissionedOn = "2024-03-10") =>
  Effect.gen(function* () {
    yield* givenSystem({ commissionedOn })
    yield* fault("M-1")
    yield* fault("M-2")
    const ret = yield* requestReturn("RMA-S1", ["M-1", "M-2"])
    for (const [o, r] of [
      ["M-1", "R-1"],
      ["M-2", "R-2"]
    ] as const) {
      yield* replace("RMA-S1", o, r)
      yield* shipBack("RMA-S1", o)
    }
    return ret
  })

const eventCount = Effect.flatMap(Effect.service(EventStore.EventStore), (store) =>
  Effect.map(store.readAll(), (all) => all.length)
)

const streamTags = (stream: string) =>
  Effect.flatMap(Effect.service(EventStore.EventStore), (store) =>
    Effect.map(store.readStream(stream), (events) => events.map((e) => e.type))
  )

const rulesOf = (reasons: ReadonlyArray<{ readonly rule: string }>) => reasons.map((r) => r.rule)

// ---------------------------------------------------------------------------------------------
// The scenarios S1, S2, S3, S6 end to end, on every store
// ---------------------------------------------------------------------------------------------

type Runner = <A, E>(effect: Effect.Effect<A, E, SqlServices>) => Promise<A>

const scenarioSuite = (name: string, run: Runner) => {
  describe(`audit: scenarios end to end through the service (${name})`, () => {
    it(`S1 (ENP-L1..L7, D2): two microinverters replaced the same day → claimed €175.00 (${name})`, async () => {
      const out = await run(
        Effect.gen(function* () {
          const ret = yield* s1UpToClaim()
          const handled = yield* claim("2025-05-06", "2025-06-01")
          return { ret, handled }
        })
      )
      // The return for both serials is approved at once (ENP-R6b) on 2025-05-02 (D1: 25 years).
      expect(out.ret.rma.events.map((e) => e._tag)).toEqual(["ReturnRequested", "ReturnApproved"])
      const approved = out.ret.rma.events[1]
      expect(approved?._tag === "ReturnApproved" && [approved.approvedOn, approved.serials]).toEqual([
        "2025-05-02",
        ["M-1", "M-2"]
      ])
      // D2: first microinverter of the intervention day €150, the second the same day €25 → 17 500 cents.
      expect(out.handled.events).toHaveLength(1)
      const e = out.handled.events[0]
      expect(e?._tag).toBe("LabourReimbursementClaimed")
      expect(
        e?._tag === "LabourReimbursementClaimed" && [e.amountCents, [...e.serials].sort(), e.paymentAddress]
      ).toEqual([17500, ["M-1", "M-2"], CHEQUE_TO])
    }, 60_000)

    it(`S2 (ENP-L5, D3): the claim of 2025-11-07 is refused, last valid day 2025-11-06 (${name})`, async () => {
      // D3: claim date ≤ intervention + 6 calendar months = 2025-05-06 + 6 months = 2025-11-06 (inclusive).
      const handled = await run(Effect.andThen(s1UpToClaim(), claim("2025-05-06", "2025-11-07")))
      const e = handled.events[0]
      expect(e?._tag).toBe("LabourReimbursementRefused")
      const reasons = e?._tag === "LabourReimbursementRefused" ? e.reasons : []
      expect(rulesOf(reasons)).toContain("ENP-L5")
      expect(rulesOf(reasons)).not.toContain("ENP-L1")
      expect(reasons.find((r) => r.rule === "ENP-L5")?.figures["lastValidDay"]).toBe("2025-11-06")
    }, 60_000)

    it(`D3/ENP-L5: the claim on the last valid day 2025-11-06 is in time (${name})`, async () => {
      const handled = await run(Effect.andThen(s1UpToClaim(), claim("2025-05-06", "2025-11-06")))
      const e = handled.events[0]
      expect(e?._tag === "LabourReimbursementClaimed" && e.amountCents).toBe(17500)
    }, 60_000)

    it(`S3 (ENP-L1, D3): commissioned 2023-05-06, intervention 2025-05-06 → refused, not less than 2 years (${name})`, async () => {
      // 2023-05-06 + 2 years = 2025-05-06; "less than": intervention < 2025-05-06 is false → refused.
      const handled = await run(Effect.andThen(s1UpToClaim("2023-05-06"), claim("2025-05-06", "2025-06-01")))
      const e = handled.events[0]
      expect(e?._tag).toBe("LabourReimbursementRefused")
      expect(e?._tag === "LabourReimbursementRefused" && rulesOf(e.reasons)).toContain("ENP-L1")
    }, 60_000)

    it(`D3/ENP-L1: commissioned 2023-05-07 (one day later) → 2025-05-06 is still less than 2 years (${name})`, async () => {
      const handled = await run(Effect.andThen(s1UpToClaim("2023-05-07"), claim("2025-05-06", "2025-06-01")))
      const e = handled.events[0]
      expect(e?._tag === "LabourReimbursementClaimed" && e.amountCents).toBe(17500)
    }, 60_000)

    it(`S6 (APS-3): a self-installer's technical e-mail is referred to a qualified installer (${name})`, async () => {
      const handled = await run(
        Effect.gen(function* () {
          // A self-installed APsystems system (the seed 000 is APsystems' policy, D15).
          const svc = yield* givenSystem({
            installation: { _tag: "SelfInstalled", distributorId: DISTRIBUTOR },
            devices: [{ serial: "DS3-1", manufacturer: "APsystems" }]
          })
          return yield* svc.openTicket(
            {
              ticketId: tkt("AUD-T-S6"),
              systemId: SYS,
              openedAt: "2025-04-02T20:15",
              requester: { _tag: "SelfInstaller", partyId: OWNER },
              channel: "email",
              kind: "technical",
              subject: "LED blinking red",
              serials: [ser("DS3-1")],
              description: "How do I reset it?"
            },
            md("aud-s6")
          )
        })
      )
      expect(handled.events.map((e) => e._tag)).toEqual(["TicketReferred"])
      const e = handled.events[0]
      expect(e?._tag === "TicketReferred" && [e.referredTo, e.rule]).toEqual(["qualified-installer", "APS-3"])
      // No troubleshooting: the referred ticket is not an open, answerable ticket.
      expect(handled.state._tag === "Opened" && handled.state.status).toBe("referred")
    }, 60_000)

    it(`ENP-R1 + ledger: the approved RMA and its RmaOpened on the ledger are written together (${name})`, async () => {
      const out = await run(
        Effect.gen(function* () {
          yield* givenSystem()
          yield* requestReturn("RMA-L", ["M-1"])
          const store = yield* EventStore.EventStore
          const ledger = yield* store.readStream(ReturnsLedger.streamId(SYS))
          const rmaStream = yield* store.readStream(Rma.streamId(rma("RMA-L")))
          return { ledger, rmaStream }
        })
      )
      expect(out.ledger.map((e) => [e.type, (e.data as { rmaId: string }).rmaId])).toEqual([["RmaOpened", "RMA-L"]])
      expect(out.rmaStream.map((e) => e.type)).toEqual(["ReturnRequested", "ReturnApproved"])
    }, 60_000)

    it(`ENP-R3: a unit received under a not-eligible RMA is noted on the ledger with it, and a later RMA for it is not eligible (${name})`, async () => {
      const out = await run(
        Effect.gen(function* () {
          const svc = yield* givenSystem()
          yield* requestReturn("RMA-NE", ["Z-1"]) // not a serial of the system: not eligible, never opens
          yield* svc.rma(
            { _tag: "ReceiveUnit", rmaId: rma("RMA-NE"), serial: ser("M-1"), receivedOn: "2025-05-10" },
            md("aud-stray")
          )
          const ledger = yield* streamTags(ReturnsLedger.streamId(SYS))
          const later = yield* requestReturn("RMA-AFTER", ["M-1"], "2025-05-20T10:00")
          return { ledger, later }
        })
      )
      expect(out.ledger).toEqual(["UnauthorizedReturnNoted"])
      expect(out.later.rma.events.map((e) => e._tag)).toEqual(["ReturnRequested", "ReturnNotEligible"])
      const ne = out.later.rma.events[1]
      expect(ne?._tag === "ReturnNotEligible" ? rulesOf(ne.reasons) : []).toContain("ENP-R3")
    }, 60_000)

    it(`ENP-R1: a serial already in an open RMA is not eligible for a second one (${name})`, async () => {
      const second = await run(
        Effect.gen(function* () {
          yield* givenSystem()
          yield* requestReturn("RMA-A", ["M-1"])
          return yield* requestReturn("RMA-B", ["M-1"])
        })
      )
      const ne = second.rma.events.find((e) => e._tag === "ReturnNotEligible")
      expect(ne?._tag === "ReturnNotEligible" && rulesOf(ne.reasons)).toContain("ENP-R1")
      // ENP-R6a: the not-eligible return schedules a support callback, on its own ticket.
      expect(second.callbackTicket).toBe(AfterSalesService.callbackTicketId(rma("RMA-B")))
    }, 60_000)
  })
}

scenarioSuite("in memory", runMemory)

const pglite: Runtime = makeRuntime(PgliteClient.layer())
afterAll(() => pglite.dispose())
scenarioSuite("PGlite", (effect) =>
  Effect.runPromise(Effect.provide(effect, AfterSalesService.layer.pipe(Layer.provideMerge(conformanceLayer(pglite)))))
)

const pgUrl = process.env["SOLTRACE_PG_URL"]
if (pgUrl !== undefined && pgUrl !== "") {
  const pg: Runtime = makeRuntime(Postgres.layer({ url: pgUrl, maxConnections: 2 }))
  afterAll(() => pg.dispose())
  scenarioSuite("PostgreSQL", (effect) =>
    Effect.runPromise(Effect.provide(effect, AfterSalesService.layer.pipe(Layer.provideMerge(conformanceLayer(pg)))))
  )
}

// ---------------------------------------------------------------------------------------------
// System: labour reimbursement (ENP-L*, D2, D3, D15), payment (ENP-L8)
// ---------------------------------------------------------------------------------------------

const refusal = <A, E>(effect: Effect.Effect<A, E, Services>) =>
  Effect.gen(function* () {
    const before = yield* eventCount
    const exit = yield* Effect.exit(effect)
    const after = yield* eventCount
    return { exit, appended: after - before }
  })

/** The reasons of a refused command (a typed failure, never a defect). */
const reasonsOf = (exit: Exit.Exit<unknown, unknown>): ReadonlyArray<string> => {
  if (!Exit.isFailure(exit)) return ["<accepted>"]
  const error = Exit.findErrorOption(exit)
  if (error._tag !== "Some") return ["<defect>"]
  const e = error.value as { readonly _tag: string; readonly reasons?: ReadonlyArray<{ readonly rule: string }> }
  return e.reasons === undefined ? [`<${e._tag}>`] : rulesOf(e.reasons)
}

describe("audit: System — labour reimbursement through the service (ENP-L*, D2, D3, D15)", () => {
  it("D2: a second claim for the same system and intervention day is refused as a value, nothing appended", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* s1UpToClaim()
        yield* claim("2025-05-06", "2025-06-01")
        return yield* refusal(claim("2025-05-06", "2025-06-02", "aud-claim-again"))
      })
    )
    expect(reasonsOf(out.exit)).toEqual(["D2"])
    expect(out.appended).toBe(0)
  })

  it("D2: replacements on two different days are two interventions, €150.00 each", async () => {
    // One RMA for both, M-1 replaced 2025-05-06, M-2 on 2025-05-07: each day pays €150 for its first unit.
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem()
        yield* fault("M-1")
        yield* fault("M-2")
        yield* requestReturn("RMA-2D", ["M-1", "M-2"])
        yield* replace("RMA-2D", "M-1", "R-1", "2025-05-06")
        yield* shipBack("RMA-2D", "M-1", "2025-05-06")
        yield* replace("RMA-2D", "M-2", "R-2", "2025-05-07")
        yield* shipBack("RMA-2D", "M-2", "2025-05-07")
        const first = yield* claim("2025-05-06", "2025-06-01")
        const second = yield* claim("2025-05-07", "2025-06-01")
        return [first.events[0], second.events[0]]
      })
    )
    expect(out.map((e) => e?._tag === "LabourReimbursementClaimed" && e.amountCents)).toEqual([15000, 15000])
  })

  it("D2: no microinverter replaced on the day claimed → refused as a value with D2", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* s1UpToClaim()
        return yield* refusal(claim("2025-05-07", "2025-06-01"))
      })
    )
    expect(reasonsOf(out.exit)).toContain("D2")
    expect(out.appended).toBe(0)
  })

  it("ENP-L3: a fault recorded by a person, not by the monitoring, is refused under ENP-L3", async () => {
    const handled = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "M-1" }] })
        yield* fault("M-1", "2025-04-28", "manual")
        yield* requestReturn("RMA-M", ["M-1"])
        yield* replace("RMA-M", "M-1", "R-1")
        yield* shipBack("RMA-M", "M-1")
        return yield* claim("2025-05-06", "2025-06-01")
      })
    )
    const e = handled.events[0]
    expect(e?._tag === "LabourReimbursementRefused" && rulesOf(e.reasons)).toContain("ENP-L3")
  })

  it("ENP-L4: refused while the defective unit is not shipped back; the refusal does not use up the day", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "M-1" }] })
        yield* fault("M-1")
        yield* requestReturn("RMA-4", ["M-1"])
        yield* replace("RMA-4", "M-1", "R-1")
        const refused = yield* claim("2025-05-06", "2025-05-20")
        yield* shipBack("RMA-4", "M-1", "2025-05-21")
        const accepted = yield* claim("2025-05-06", "2025-06-01")
        return [refused.events[0], accepted.events[0]]
      })
    )
    expect(out[0]?._tag === "LabourReimbursementRefused" && rulesOf(out[0].reasons)).toContain("ENP-L4")
    expect(out[1]?._tag === "LabourReimbursementClaimed" && out[1].amountCents).toBe(15000)
  })

  it("D15/ENP-L2: an APsystems microinverter is never reimbursed; the refusal names the programme", async () => {
    const handled = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "A-1", manufacturer: "APsystems" }] })
        yield* fault("A-1")
        yield* requestReturn("RMA-AP", ["A-1"])
        yield* replace("RMA-AP", "A-1", "RA-1")
        yield* shipBack("RMA-AP", "A-1")
        return yield* claim("2025-05-06", "2025-06-01")
      })
    )
    const e = handled.events[0]
    expect(e?._tag).toBe("LabourReimbursementRefused")
    const l2 = e?._tag === "LabourReimbursementRefused" ? e.reasons.find((r) => r.rule === "ENP-L2") : undefined
    expect(l2).toBeDefined()
    expect(JSON.stringify(l2)).toMatch(/Enphase/)
  })

  it("D15: Enphase and APsystems units replaced the same day → only the Enphase one is paid, €150.00", async () => {
    // "each device follows its maker's programme": the APsystems unit is outside Enphase's programme
    // and does not count as "the first" of the day; the Enphase unit is the first → €150.
    const handled = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "E-1" }, { serial: "A-1", manufacturer: "APsystems" }] })
        yield* fault("E-1")
        yield* fault("A-1")
        yield* requestReturn("RMA-MIX", ["E-1", "A-1"])
        yield* replace("RMA-MIX", "E-1", "RE-1")
        yield* shipBack("RMA-MIX", "E-1")
        yield* replace("RMA-MIX", "A-1", "RA-1")
        yield* shipBack("RMA-MIX", "A-1")
        return yield* claim("2025-05-06", "2025-06-01")
      })
    )
    const e = handled.events[0]
    expect(e?._tag).toBe("LabourReimbursementClaimed")
    expect(e?._tag === "LabourReimbursementClaimed" && [e.amountCents, e.serials]).toEqual([15000, ["E-1"]])
  })

  it("ENP-L8: the payment goes by cheque to the claim's address, for the claimed amount; not twice", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* s1UpToClaim()
        yield* claim("2025-05-06", "2025-06-01")
        const svc = yield* AfterSalesService.AfterSalesService
        const paid = yield* svc.system(
          {
            _tag: "PayLabourReimbursement",
            systemId: SYS,
            interventionOn: "2025-05-06",
            paidOn: "2025-07-01",
            chequeNumber: "CHQ-1"
          },
          md("aud-pay")
        )
        const again = yield* refusal(
          svc.system(
            {
              _tag: "PayLabourReimbursement",
              systemId: SYS,
              interventionOn: "2025-05-06",
              paidOn: "2025-07-02",
              chequeNumber: "CHQ-2"
            },
            md("aud-pay-2")
          )
        )
        const inline = yield* Projection.InlineProjections
        return { paid, again, claims: Views.listClaims(yield* inline.get(Views.returns), SYS) }
      })
    )
    const e = out.paid.events[0]
    expect(e?._tag === "LabourReimbursementPaid" && [e.amountCents, e.paymentAddress, e.chequeNumber]).toEqual([
      17500,
      CHEQUE_TO,
      "CHQ-1"
    ])
    expect(Exit.isFailure(out.again.exit)).toBe(true)
    expect(out.again.appended).toBe(0)
    expect(out.claims).toMatchObject([{ amountCents: 17500, interventionOn: "2025-05-06" }])
  })

  it("ENP-L8: paying a day with no accepted claim is refused under ENP-L8", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* s1UpToClaim()
        const svc = yield* AfterSalesService.AfterSalesService
        return yield* refusal(
          svc.system(
            {
              _tag: "PayLabourReimbursement",
              systemId: SYS,
              interventionOn: "2025-05-06",
              paidOn: "2025-07-01",
              chequeNumber: "CHQ-1"
            },
            md("aud-pay")
          )
        )
      })
    )
    expect(reasonsOf(out.exit)).toEqual(["ENP-L8"])
    expect(out.appended).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------
// System: devices, replacements (ENP-S4, ENP-R7, ENP-R8), compliance (D6)
// ---------------------------------------------------------------------------------------------

describe("audit: System — devices and replacements (ENP-S4, ENP-R7, ENP-R8)", () => {
  it("ENP-S4: a serial is unique across the system, current or retired", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem({ devices: [{ serial: "M-1" }] })
        yield* svc.system(
          { _tag: "RetireDevice", systemId: SYS, serial: ser("M-1"), retiredOn: "2025-01-01" },
          md("aud-retire")
        )
        return yield* refusal(
          svc.system(
            {
              _tag: "InstallDevice",
              systemId: SYS,
              serial: ser("M-1"),
              kind: "microinverter",
              manufacturer: "Enphase",
              model: "x",
              installedOn: "2025-02-01"
            },
            md("aud-reinstall")
          )
        )
      })
    )
    expect(reasonsOf(out.exit)).toEqual(["ENP-S4"])
    expect(out.appended).toBe(0)
  })

  it("ENP-R7: ReplaceDevice is refused unless the RMA is approved for that serial (loaded, never taken from the caller)", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* requestReturn("RMA-7", ["M-1"])
        // M-2 is not in RMA-7: even if the caller claims an approval, the service loads it from the RMA.
        return yield* refusal(
          svc.system(
            {
              _tag: "ReplaceDevice",
              systemId: SYS,
              original: ser("M-2"),
              replacement: ser("R-2"),
              rmaId: rma("RMA-7"),
              replacedOn: "2025-05-06",
              approval: { rmaId: rma("RMA-7"), approvedOn: "2025-05-02", serials: [ser("M-2")] }
            } as unknown as System.Command,
            md("aud-replace-forged")
          )
        )
      })
    )
    expect(reasonsOf(out.exit)).toContain("ENP-R7")
    expect(out.appended).toBe(0)
  })

  it("ENP-R7/ENP-R8: an installed replacement is on the RMA and on the System together", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem()
        yield* requestReturn("RMA-8", ["M-1"])
        const r = yield* replace("RMA-8", "M-1", "R-1")
        const svc = yield* AfterSalesService.AfterSalesService
        return { r, system: yield* svc.loadSystem(SYS) }
      })
    )
    expect(out.r.rma.map((e) => e._tag)).toEqual(["ReplacementInstalled"])
    expect(out.r.system.map((e) => e._tag)).toEqual(["DeviceReplaced"])
    const s = out.system
    expect(s._tag === "Registered" && [s.devices["M-1"]?.status, s.devices["R-1"]?.status]).toEqual([
      "retired",
      "current"
    ])
  })

  it("ENP-R7: installing a replacement before the approval (awaiting proof) is refused on both streams", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* svc.system(
          { _tag: "TransferOwnership", systemId: SYS, newOwnerId: party("aud-owner-2"), transferredOn: "2025-01-01" },
          md("aud-transfer")
        )
        const ret = yield* requestReturn("RMA-P", ["M-1"])
        const r = yield* refusal(replace("RMA-P", "M-1", "R-1"))
        return { ret, r }
      })
    )
    // ENP-R2: after an ownership transfer the proof of ownership is asked first (the default policy).
    expect(out.ret.rma.events.map((e) => e._tag)).toEqual(["ReturnRequested", "ProofOfOwnershipRequested"])
    expect(reasonsOf(out.r.exit)).toContain("ENP-R7")
    expect(out.r.appended).toBe(0)
  })
})

describe("audit: D6 — self-installed systems", () => {
  const selfInstalled: System.Installation = { _tag: "SelfInstalled", distributorId: DISTRIBUTOR }

  it("D6/APS-6: registered non-compliant, compliant once both the account and a backing installer are recorded", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem({
          installation: selfInstalled,
          devices: [{ serial: "DS3-1", manufacturer: "APsystems" }]
        })
        const inline = yield* Projection.InlineProjections
        const before = Views.listSystems(yield* inline.get(Views.systems)).map((r) => r.status)
        // Only one of the two APS-6 facts: still non-compliant.
        yield* svc.system(
          {
            _tag: "RecordSelfInstallSupport",
            systemId: SYS,
            recordedOn: "2024-04-01",
            endCustomerAccount: party("aud-account")
          },
          md("aud-support-1")
        )
        const half = Views.listSystems(yield* inline.get(Views.systems)).map((r) => r.status)
        yield* svc.system(
          {
            _tag: "RecordSelfInstallSupport",
            systemId: SYS,
            recordedOn: "2024-04-02",
            backingInstaller: { installerId: INSTALLER.partyId, licenceNumber: INSTALLER.licenceNumber }
          },
          md("aud-support-2")
        )
        const after = Views.listSystems(yield* inline.get(Views.systems))
        return { before, half, after }
      })
    )
    expect(out.before).toEqual(["non-compliant"])
    expect(out.half).toEqual(["non-compliant"])
    // Commissioned 2024-03-10: once compliant, the system is active; the backing installer is shown.
    expect(out.after.map((r) => [r.status, r.installerId, r.selfInstalled])).toEqual([["active", "aud-inst", true]])
  })

  // D15 moved this test: the 24–48 h callback (ENP-R6a) is Enphase's, so an APsystems return has none.
  it("D6/D15: a return on a non-compliant self-installed APsystems system is not silently accepted (a reason; no callback, D15)", async () => {
    const ret = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ installation: selfInstalled, devices: [{ serial: "DS3-1", manufacturer: "APsystems" }] })
        return yield* requestReturn("RMA-D6", ["DS3-1"], "2025-05-02T09:30", { _tag: "SelfInstaller", partyId: OWNER })
      })
    )
    const ne = ret.rma.events.find((e) => e._tag === "ReturnNotEligible")
    expect(ne).toBeDefined()
    expect(ret.rma.events.some((e) => e._tag === "ReturnApproved")).toBe(false)
    expect(
      ne?._tag === "ReturnNotEligible" && rulesOf(ne.reasons).some((r) => ["D6", "APS-3", "APS-6", "APS-2"].includes(r))
    ).toBe(true)
    expect(ret.callbackTicket).toBeUndefined()
  })

  it("D6/APS-6: with a backing installer, the self-installer's technical ticket is referred to it", async () => {
    const handled = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem({
          installation: selfInstalled,
          devices: [{ serial: "DS3-1", manufacturer: "APsystems" }]
        })
        yield* svc.system(
          {
            _tag: "RecordSelfInstallSupport",
            systemId: SYS,
            recordedOn: "2024-04-02",
            endCustomerAccount: party("aud-account"),
            backingInstaller: { installerId: INSTALLER.partyId, licenceNumber: INSTALLER.licenceNumber }
          },
          md("aud-support")
        )
        return yield* svc.openTicket(
          {
            ticketId: tkt("AUD-T-B"),
            systemId: SYS,
            openedAt: "2025-04-02T10:00",
            requester: { _tag: "SelfInstaller", partyId: OWNER },
            channel: "email",
            kind: "technical",
            subject: "No production",
            serials: [ser("DS3-1")],
            description: "—"
          },
          md("aud-t-b")
        )
      })
    )
    // D6: "routed per APS-3..5" — the self-installer gets no troubleshooting (APS-3) and is sent to
    // the licensed installer APS-6(2) put behind the system, with its licence number.
    const e = handled.events[0]
    expect(e?._tag === "TicketReferred" && [e.referredTo, e.licenceNumber]).toEqual(["backing-installer", "LIC-AUD"])
    expect(e?._tag === "TicketReferred" && ["APS-3", "APS-6"].includes(e.rule)).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------
// Ticket (ENP-S2..S4, ENP-C1, APS-2..5, D13, D15)
// ---------------------------------------------------------------------------------------------

const openTicket = (
  id: string,
  requester: AfterSalesIds.Requester,
  serials: ReadonlyArray<string>,
  openedAt = "2025-05-09T16:00",
  channel: typeof Ticket.Channel.Type = "form"
) =>
  Effect.flatMap(Effect.service(AfterSalesService.AfterSalesService), (svc) =>
    svc.openTicket(
      {
        ticketId: tkt(id),
        systemId: SYS,
        openedAt,
        requester,
        channel,
        kind: "technical",
        subject: "No production",
        serials: serials.map(ser),
        description: "The monitoring shows zero."
      },
      md(`aud-open-${id}`)
    )
  )

describe("audit: Ticket — routing and lifecycle (ENP-S4, ENP-C1, APS-3..5, D13, D15)", () => {
  it("D15/ENP-C1: an Enphase owner's form request is a ticket answered within 24 working-day hours, not a referral", async () => {
    // Opened Friday 2025-05-09 16:00 (Europe/Paris; 8 May, a French holiday, is the day before):
    // D13: the clock runs all day on working days → 24 working hours end Monday 2025-05-12 16:00.
    const handled = await runMemory(
      Effect.andThen(givenSystem(), openTicket("AUD-T-E", { _tag: "Owner", partyId: OWNER }, ["M-1"]))
    )
    const e = handled.events[0]
    expect(e?._tag).toBe("TicketOpened")
    expect(e?._tag === "TicketOpened" && e.responseDue).toBe("2025-05-12T16:00")
  })

  it("D15/APS-4: an APsystems owner is referred to the licensed installer of record", async () => {
    const handled = await runMemory(
      Effect.andThen(
        givenSystem({ devices: [{ serial: "A-1", manufacturer: "APsystems" }] }),
        openTicket("AUD-T-A", { _tag: "Owner", partyId: OWNER }, ["A-1"])
      )
    )
    const e = handled.events[0]
    expect(e?._tag === "TicketReferred" && [e.referredTo, e.rule, e.licenceNumber]).toEqual([
      "installer-of-record",
      "APS-4",
      "LIC-AUD"
    ])
  })

  it("D15/APS-5: when the installer of record can no longer help, the APsystems owner is sent to a local installer", async () => {
    const handled = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem({ devices: [{ serial: "A-1", manufacturer: "APsystems" }] })
        yield* svc.system({ _tag: "MarkInstallerUnavailable", systemId: SYS, on: "2025-01-01" }, md("aud-unavailable"))
        return yield* openTicket("AUD-T-5", { _tag: "Owner", partyId: OWNER }, ["A-1"])
      })
    )
    const e = handled.events[0]
    expect(e?._tag === "TicketReferred" && [e.referredTo, e.rule]).toEqual(["local-installer", "APS-5"])
  })

  it("D15: routing follows the maker of the devices concerned — an Enphase unit on a mixed system is answered (ENP-C1)", async () => {
    const handled = await runMemory(
      Effect.andThen(
        givenSystem({ devices: [{ serial: "E-1" }, { serial: "A-1", manufacturer: "APsystems" }] }),
        openTicket("AUD-T-MIX", { _tag: "Owner", partyId: OWNER }, ["E-1"])
      )
    )
    expect(handled.events.map((e) => e._tag)).toEqual(["TicketOpened"])
  })

  it("D15: a maker with no programme in the data — an owner is referred to the licensed installer of record", async () => {
    const handled = await runMemory(
      Effect.andThen(
        givenSystem({ devices: [{ serial: "H-1", manufacturer: "Huawei" }] }),
        openTicket("AUD-T-H", { _tag: "Owner", partyId: OWNER }, ["H-1"])
      )
    )
    const e = handled.events[0]
    expect(e?._tag === "TicketReferred" && e.referredTo).toBe("installer-of-record")
  })

  it("ENP-S4: a retired serial of the system is fine; a serial that never belonged to it is refused, nothing appended", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* svc.system(
          { _tag: "RetireDevice", systemId: SYS, serial: ser("M-2"), retiredOn: "2025-01-01" },
          md("aud-retire")
        )
        const retired = yield* openTicket("AUD-T-R", INSTALLER, ["M-2"])
        const unknown = yield* refusal(openTicket("AUD-T-U", INSTALLER, ["X-9"]))
        return { retired, unknown }
      })
    )
    expect(out.retired.events.map((e) => e._tag)).toEqual(["TicketOpened"])
    expect(reasonsOf(out.unknown.exit)).toEqual(["ENP-S4"])
    expect(out.unknown.appended).toBe(0)
  })

  it("lifecycle: open → in progress ⇄ waiting → resolved → closed → reopened; a wrong step is a value, nothing appended", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem()
        yield* openTicket("AUD-T-L", INSTALLER, ["M-1"])
        const svc = yield* AfterSalesService.AfterSalesService
        const ticketId = tkt("AUD-T-L")
        const statuses: Array<string> = []
        const step = (c: Ticket.Command, id: string) =>
          Effect.tap(svc.ticket(c, md(id)), (h) =>
            Effect.sync(() => statuses.push(h.state._tag === "Opened" ? h.state.status : "?"))
          )
        const tooEarly = yield* refusal(
          svc.ticket({ _tag: "CloseTicket", ticketId, on: "2025-05-10" }, md("aud-close-early"))
        )
        yield* step({ _tag: "AssignHandler", ticketId, handlerId: party("agent-1"), on: "2025-05-12" }, "t1")
        yield* step({ _tag: "AskRequester", ticketId, question: "Photo of the LED?", on: "2025-05-12" }, "t2")
        yield* step({ _tag: "RecordRequesterReply", ticketId, text: "Red.", on: "2025-05-13" }, "t3")
        yield* step({ _tag: "ResolveTicket", ticketId, resolution: "Return requested.", on: "2025-05-13" }, "t4")
        yield* step({ _tag: "CloseTicket", ticketId, on: "2025-05-14" }, "t5")
        yield* step({ _tag: "ReopenTicket", ticketId, reason: "Again.", on: "2025-05-20" }, "t6")
        return { tooEarly, statuses }
      })
    )
    expect(out.statuses).toEqual([
      "in-progress",
      "waiting-on-requester",
      "in-progress",
      "resolved",
      "closed",
      "in-progress"
    ])
    expect(Exit.isFailure(out.tooEarly.exit) && reasonsOf(out.tooEarly.exit).length).toBeGreaterThan(0)
    expect(out.tooEarly.appended).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------
// RMA (ENP-W2, ENP-R*, D1, D13)
// ---------------------------------------------------------------------------------------------

describe("audit: RMA — eligibility and lifecycle (ENP-W2, ENP-R1..R8, D1, D13)", () => {
  it("ENP-R6a/D13: a not-eligible return opens a callback ticket due 24–48 working-day hours later", async () => {
    // M-1 is not in the system → not eligible. Requested Friday 2025-05-02 16:00 (1 May is a
    // French holiday, the Thursday before): +24 working hours → Monday 2025-05-05 16:00,
    // +48 → Tuesday 2025-05-06 16:00.
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "M-1" }] })
        const ret = yield* requestReturn("RMA-NE", ["Z-1"], "2025-05-02T16:00")
        const svc = yield* AfterSalesService.AfterSalesService
        const ticket = ret.callbackTicket === undefined ? undefined : yield* svc.loadTicket(ret.callbackTicket)
        return { ret, ticket, ledger: yield* streamTags(ReturnsLedger.streamId(SYS)) }
      })
    )
    const ne = out.ret.rma.events.find((e) => e._tag === "ReturnNotEligible")
    expect(ne?._tag === "ReturnNotEligible" && [ne.callbackEarliest, ne.callbackLatest]).toEqual([
      "2025-05-05T16:00",
      "2025-05-06T16:00"
    ])
    expect(out.ticket?._tag === "Opened" && out.ticket.callback).toMatchObject({
      earliest: "2025-05-05T16:00",
      latest: "2025-05-06T16:00"
    })
    // A not-eligible RMA never opens: nothing on the returns ledger.
    expect(out.ledger).toEqual([])
  })

  it("ENP-W2/D1: Enphase gateway installed after commissioning is covered 5 years from its installation day", async () => {
    // Installed 2025-01-15 (after commissioning 2024-03-10): term starts 2025-01-15; covered while
    // d < 2030-01-15. Requested 2030-01-14 → approved; 2030-01-15 → not eligible under ENP-W2.
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "GW-1", kind: "gateway", installedOn: "2025-01-15" }] })
        const last = yield* requestReturn("RMA-GW1", ["GW-1"], "2030-01-14T10:00")
        const svc = yield* AfterSalesService.AfterSalesService
        yield* svc
          .rma({ _tag: "CloseRma", rmaId: rma("RMA-GW1"), closedOn: "2030-01-14" }, md("aud-close-gw1"))
          .pipe(Effect.exit)
        return last
      })
    )
    expect(out.rma.events.map((e) => e._tag)).toEqual(["ReturnRequested", "ReturnApproved"])
    const late = await runMemory(
      Effect.andThen(
        givenSystem({ devices: [{ serial: "GW-1", kind: "gateway", installedOn: "2025-01-15" }] }),
        requestReturn("RMA-GW2", ["GW-1"], "2030-01-15T10:00")
      )
    )
    const ne = late.rma.events.find((e) => e._tag === "ReturnNotEligible")
    expect(ne?._tag === "ReturnNotEligible" && rulesOf(ne.reasons)).toContain("ENP-W2")
  })

  it("D1/D15: an APsystems microinverter is covered 10 years (commissioned 2019-06-10: last day 2029-06-09)", async () => {
    const at = (requestedAt: string) =>
      runMemory(
        Effect.andThen(
          givenSystem({
            commissionedOn: "2019-06-10",
            devices: [{ serial: "A-1", manufacturer: "APsystems", installedOn: "2019-06-01" }]
          }),
          requestReturn("RMA-AP10", ["A-1"], requestedAt)
        )
      )
    expect((await at("2029-06-09T10:00")).rma.events.map((e) => e._tag)).toEqual(["ReturnRequested", "ReturnApproved"])
    const late = (await at("2029-06-10T10:00")).rma.events.find((e) => e._tag === "ReturnNotEligible")
    expect(late?._tag === "ReturnNotEligible" && rulesOf(late.reasons)).toContain("ENP-W2")
  })

  it("D1: a replacement continues the remaining term of the device it replaces (Enphase gateway, 5 years)", async () => {
    // GW-1 installed before commissioning → term from commissioning 2024-03-10, covered while
    // d < 2029-03-10. Its replacement GW-2 (installed 2025-05-06) keeps that end: a return of GW-2
    // on 2029-03-10 is out of warranty (not 2030-05-06).
    const ret = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem({ devices: [{ serial: "GW-1", kind: "gateway" }] })
        yield* requestReturn("RMA-G1", ["GW-1"])
        yield* replace("RMA-G1", "GW-1", "GW-2")
        yield* svc.rma(
          { _tag: "ReceiveUnit", rmaId: rma("RMA-G1"), serial: ser("GW-1"), receivedOn: "2025-05-20" },
          md("aud-recv")
        )
        yield* svc.rma({ _tag: "CloseRma", rmaId: rma("RMA-G1"), closedOn: "2025-05-21" }, md("aud-close"))
        return yield* requestReturn("RMA-G2", ["GW-2"], "2029-03-10T10:00")
      })
    )
    const ne = ret.rma.events.find((e) => e._tag === "ReturnNotEligible")
    expect(ne?._tag === "ReturnNotEligible" && rulesOf(ne.reasons)).toContain("ENP-W2")
  })

  it("APS-2: an owner is not a requester who may obtain a return; a reason, a callback", async () => {
    const ret = await runMemory(
      Effect.andThen(
        givenSystem(),
        requestReturn("RMA-OW", ["M-1"], "2025-05-02T09:30", { _tag: "Owner", partyId: OWNER })
      )
    )
    expect(ret.rma.events.some((e) => e._tag === "ReturnApproved")).toBe(false)
  })

  it("ENP-R4/ENP-R5: the replacement goes to the request's address; the defective unit only after it", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* requestReturn("RMA-5", ["M-1"])
        const early = yield* refusal(shipBack("RMA-5", "M-1", "2025-05-03"))
        const shipped = yield* svc.rma(
          {
            _tag: "ShipReplacement",
            rmaId: rma("RMA-5"),
            original: ser("M-1"),
            replacement: ser("R-1"),
            carrier: "UPS",
            tracking: "1Z",
            shippedOn: "2025-05-03"
          },
          md("aud-ship")
        )
        const back = yield* shipBack("RMA-5", "M-1", "2025-05-07")
        return { early, shipped, back }
      })
    )
    expect(reasonsOf(out.early.exit)).toContain("ENP-R5")
    expect(out.early.appended).toBe(0)
    const e = out.shipped.events[0]
    expect(e?._tag === "ReplacementShipped" && e.shippingAddress).toBe(SHIP_TO)
    expect(out.back.events.map((e) => e._tag)).toEqual(["DefectiveUnitShipped"])
  })

  it("ENP-R4: no replacement shipped before the approval (awaiting proof) — refused as a value", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* svc.system(
          { _tag: "TransferOwnership", systemId: SYS, newOwnerId: party("aud-owner-2"), transferredOn: "2025-01-01" },
          md("aud-transfer")
        )
        yield* requestReturn("RMA-4P", ["M-1"])
        return yield* refusal(
          svc.rma(
            {
              _tag: "ShipReplacement",
              rmaId: rma("RMA-4P"),
              original: ser("M-1"),
              replacement: ser("R-1"),
              carrier: "UPS",
              tracking: "1Z",
              shippedOn: "2025-05-03"
            },
            md("aud-ship")
          )
        )
      })
    )
    expect(reasonsOf(out.exit)).toContain("ENP-R4")
    expect(out.appended).toBe(0)
  })

  it("ENP-R2: with the proof of ownership the return is approved, and only then on the ledger", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* svc.system(
          { _tag: "TransferOwnership", systemId: SYS, newOwnerId: party("aud-owner-2"), transferredOn: "2025-01-01" },
          md("aud-transfer")
        )
        yield* requestReturn("RMA-PR", ["M-1"])
        const proved = yield* svc.provideProofOfOwnership(rma("RMA-PR"), "2025-05-03T10:00", md("aud-proof"))
        return { proved, ledger: yield* streamTags(ReturnsLedger.streamId(SYS)) }
      })
    )
    expect(out.proved.rma.events.map((e) => e._tag)).toEqual(["ProofOfOwnershipProvided", "ReturnApproved"])
    // aggregates.md: the ledger keeps a serial in at most one open RMA; awaiting proof is open.
    expect(out.ledger).toEqual(["RmaOpened"])
  })

  it("ENP-R3: a unit received without authorization gives no replacement or refund, by a later RMA either", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        // RMA-X covers M-1 only; M-2 arrives at the warehouse under it, unauthorized.
        yield* requestReturn("RMA-X", ["M-1"])
        const stray = yield* svc.rma(
          { _tag: "ReceiveUnit", rmaId: rma("RMA-X"), serial: ser("M-2"), receivedOn: "2025-05-10" },
          md("aud-stray")
        )
        const later = yield* requestReturn("RMA-Y", ["M-2"], "2025-05-20T10:00")
        return { stray, later }
      })
    )
    const u = out.stray.events[0]
    expect(u?._tag === "UnauthorizedReturnReceived" && rulesOf(u.reasons)).toContain("ENP-R3")
    const ne = out.later.rma.events.find((e) => e._tag === "ReturnNotEligible")
    expect(ne?._tag === "ReturnNotEligible" && rulesOf(ne.reasons)).toContain("ENP-R3")
  })

  it("ENP-R1: once an RMA is closed its serial may be in a new one", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* requestReturn("RMA-C1", ["M-1"])
        yield* replace("RMA-C1", "M-1", "R-1")
        yield* svc.rma(
          { _tag: "ReceiveUnit", rmaId: rma("RMA-C1"), serial: ser("M-1"), receivedOn: "2025-05-20" },
          md("aud-recv")
        )
        const closed = yield* svc.rma(
          { _tag: "CloseRma", rmaId: rma("RMA-C1"), closedOn: "2025-05-21" },
          md("aud-close")
        )
        const again = yield* requestReturn("RMA-C2", ["R-1"], "2025-06-01T10:00")
        return { closed, again }
      })
    )
    expect(out.closed.events.map((e) => e._tag)).toEqual(["RmaClosed"])
    expect(out.again.rma.events.map((e) => e._tag)).toEqual(["ReturnRequested", "ReturnApproved"])
  })

  it("CloseRma: refused while an approved unit was not received yet, nothing appended", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* requestReturn("RMA-NC", ["M-1"])
        return yield* refusal(
          svc.rma({ _tag: "CloseRma", rmaId: rma("RMA-NC"), closedOn: "2025-05-21" }, md("aud-close"))
        )
      })
    )
    expect(Exit.isFailure(out.exit) && reasonsOf(out.exit).length).toBeGreaterThan(0)
    expect(out.appended).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------
// D12: the deadlines of a system, as `Deadlines.deadlines` shows them
// ---------------------------------------------------------------------------------------------

const deadlinesAt = (asOf: string, ticketIds: ReadonlyArray<AfterSalesIds.TicketId> = []) =>
  Effect.gen(function* () {
    const svc = yield* AfterSalesService.AfterSalesService
    const system = yield* svc.loadSystem(SYS)
    const tickets = yield* Effect.forEach(ticketIds, (id) => svc.loadTicket(id))
    if (system._tag !== "Registered") return []
    return Deadlines.deadlines(system, tickets, asOf)
  })

const pick = (list: ReadonlyArray<Deadlines.Deadline>, rule: string) =>
  list
    .filter((d) => d.rule === rule)
    .map((d) => ({ subject: d.subject, from: d.from, due: d.due, status: d.status, party: d.party, kind: d.kind }))

describe("audit: D12 — after-sales deadlines per system", () => {
  it("D12/ENP-L5/ENP-L1/D1 (S1): claim window met, age limit open, the replacements' warranty ends with the originals'", async () => {
    const list = await runMemory(
      Effect.gen(function* () {
        yield* s1UpToClaim()
        yield* claim("2025-05-06", "2025-06-01")
        return yield* deadlinesAt("2025-06-01")
      })
    )
    // ENP-L5/D3: 2025-05-06 + 6 months = 2025-11-06; claimed 2025-06-01 → met. A right of the installer.
    expect(pick(list, "ENP-L5")).toEqual([
      { subject: "2025-05-06", from: "2025-05-06", due: "2025-11-06", status: "met", party: "installer", kind: "right" }
    ])
    // ENP-L1/D3: interventions reimbursed while < 2024-03-10 + 2 years = 2026-03-10 → last day 2026-03-09.
    expect(pick(list, "ENP-L1").map((d) => [d.due, d.status])).toEqual([["2026-03-09", "open"]])
    // D1: continue M-1's and M-2's term: from commissioning 2024-03-10, 25 years →
    // covered while d < 2049-03-10 → last day 2049-03-09. The retired originals are not listed.
    expect(
      pick(list, "D1")
        .map((d) => [d.subject, d.from, d.due, d.party, d.kind])
        .sort()
    ).toEqual([
      ["R-1", "2024-03-10", "2049-03-09", "owner", "right"],
      ["R-2", "2024-03-10", "2049-03-09", "owner", "right"]
    ])
  })

  it("D12/ENP-L5 (S2): with only a refused claim, the window has lapsed the day after 2025-11-06", async () => {
    const list = await runMemory(
      Effect.gen(function* () {
        yield* s1UpToClaim()
        yield* claim("2025-05-06", "2025-11-07")
        return yield* deadlinesAt("2025-11-07")
      })
    )
    expect(pick(list, "ENP-L5").map((d) => [d.due, d.status])).toEqual([["2025-11-06", "lapsed"]])
  })

  it("D12/D14: manufacturer windows never roll over — a last day on a Sunday stays a Sunday", async () => {
    // Intervention Thursday 2025-03-06 → + 6 months = Saturday 2025-09-06: stays 2025-09-06.
    const list = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "M-1" }] })
        yield* fault("M-1", "2025-03-01")
        yield* requestReturn("RMA-SUN", ["M-1"], "2025-03-03T10:00")
        yield* replace("RMA-SUN", "M-1", "R-1", "2025-03-06")
        return yield* deadlinesAt("2025-03-06")
      })
    )
    expect(pick(list, "ENP-L5").map((d) => [d.due, d.status])).toEqual([["2025-09-06", "open"]])
  })

  it("D12/ENP-L2/D15: no claim window for a day on which no microinverter was replaced (an Enphase gateway)", async () => {
    // ENP-L2: labour reimbursement is for microinverters only; a gateway replaced on 2025-05-06 gives
    // the installer no right to claim, so no "claim labour reimbursement" window may be listed.
    const list = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "M-1" }, { serial: "GW-1", kind: "gateway" }] })
        yield* requestReturn("RMA-GW", ["GW-1"])
        yield* replace("RMA-GW", "GW-1", "GW-2")
        return yield* deadlinesAt("2025-05-06")
      })
    )
    expect(pick(list, "ENP-L5")).toEqual([])
  })

  it("D12/D15: an Enphase gateway and an APsystems microinverter replaced the same day give no Enphase claim window", async () => {
    const list = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({
          devices: [
            { serial: "A-1", manufacturer: "APsystems" },
            { serial: "GW-1", kind: "gateway" }
          ]
        })
        yield* requestReturn("RMA-GA", ["A-1", "GW-1"])
        yield* replace("RMA-GA", "A-1", "RA-1")
        yield* replace("RMA-GA", "GW-1", "GW-2")
        return yield* deadlinesAt("2025-05-06")
      })
    )
    expect(pick(list, "ENP-L5")).toEqual([])
  })

  it("D12/ENP-L1/D15: a system with only APsystems microinverters has no labour age limit listed", async () => {
    const list = await runMemory(
      Effect.andThen(
        givenSystem({ devices: [{ serial: "A-1", manufacturer: "APsystems" }] }),
        deadlinesAt("2025-05-06")
      )
    )
    expect(pick(list, "ENP-L1")).toEqual([])
  })

  it("D12/D1: a device installed after commissioning — its term runs from its installation day (gateway, 5 years)", async () => {
    const list = await runMemory(
      Effect.andThen(
        givenSystem({ devices: [{ serial: "GW-1", kind: "gateway", installedOn: "2025-01-15" }] }),
        deadlinesAt("2025-05-06")
      )
    )
    expect(pick(list, "D1").map((d) => [d.from, d.due, d.status])).toEqual([["2025-01-15", "2030-01-14", "open"]])
  })

  it("D12/D1: 29 February → 28 February (commissioned 2024-02-29, gateway 5 years → last day 2029-02-27)", async () => {
    // start + 5 years = 2029-02-29 → clamped to 2029-02-28; covered while d < 2029-02-28.
    const list = await runMemory(
      Effect.andThen(
        givenSystem({
          commissionedOn: "2024-02-29",
          devices: [{ serial: "GW-1", kind: "gateway", installedOn: "2024-02-20" }]
        }),
        deadlinesAt("2025-05-06")
      )
    )
    expect(pick(list, "D1").map((d) => [d.from, d.due])).toEqual([["2024-02-29", "2029-02-27"]])
  })

  it("D12/ENP-R6/D13: the callback of a not-eligible return is support's obligation, open then missed", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "M-1" }] })
        const ret = yield* requestReturn("RMA-CB", ["Z-1"], "2025-05-02T16:00")
        const ids = ret.callbackTicket === undefined ? [] : [ret.callbackTicket]
        return { open: yield* deadlinesAt("2025-05-02", ids), late: yield* deadlinesAt("2025-05-07", ids), ids }
      })
    )
    expect(out.ids).toHaveLength(1)
    const r6 = out.open.filter((d) => d.rule === "ENP-R6")
    expect(r6.map((d) => [d.due, d.dueAt, d.party, d.kind, d.status])).toEqual([
      ["2025-05-06", "2025-05-06T16:00", "support", "obligation", "open"]
    ])
    expect(out.late.filter((d) => d.rule === "ENP-R6").map((d) => d.status)).toEqual(["missed"])
  })

  it("D12/ENP-C1: a support form is answered within 24 working-day hours; met when a handler takes it in time", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem()
        yield* openTicket("AUD-T-C1", INSTALLER, ["M-1"], "2025-05-09T16:00", "form")
        const svc = yield* AfterSalesService.AfterSalesService
        yield* svc.ticket(
          { _tag: "AssignHandler", ticketId: tkt("AUD-T-C1"), handlerId: party("agent-1"), on: "2025-05-12" },
          md("aud-assign")
        )
        return yield* deadlinesAt("2025-05-13", [tkt("AUD-T-C1")])
      })
    )
    expect(out.filter((d) => d.rule === "ENP-C1").map((d) => [d.due, d.dueAt, d.status, d.party, d.kind])).toEqual([
      ["2025-05-12", "2025-05-12T16:00", "met", "support", "obligation"]
    ])
  })

  it("D12/ENP-C1: an e-mail (not a form) carries no form answer time", async () => {
    const out = await runMemory(
      Effect.andThen(
        Effect.andThen(givenSystem(), openTicket("AUD-T-EM", INSTALLER, ["M-1"], "2025-05-09T16:00", "email")),
        deadlinesAt("2025-05-09", [tkt("AUD-T-EM")])
      )
    )
    expect(out.filter((d) => d.rule === "ENP-C1")).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Views (ENP-S1..S5)
// ---------------------------------------------------------------------------------------------

describe("audit: views — Service Manager (ENP-S1..S5)", () => {
  it("ENP-S5: the returns view shows the RMA's shipping information; the claims view the claim with its cheque address", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem({ devices: [{ serial: "M-1" }] })
        yield* fault("M-1")
        yield* requestReturn("RMA-V", ["M-1"])
        yield* svc.rma(
          {
            _tag: "ShipReplacement",
            rmaId: rma("RMA-V"),
            original: ser("M-1"),
            replacement: ser("R-1"),
            carrier: "UPS",
            tracking: "1Z-OUT",
            shippedOn: "2025-05-03"
          },
          md("aud-ship")
        )
        yield* replace("RMA-V", "M-1", "R-1")
        yield* shipBack("RMA-V", "M-1")
        yield* svc.rma(
          { _tag: "ReceiveUnit", rmaId: rma("RMA-V"), serial: ser("M-1"), receivedOn: "2025-05-12" },
          md("aud-recv")
        )
        yield* claim("2025-05-06", "2025-06-01")
        const inline = yield* Projection.InlineProjections
        const view = yield* inline.get(Views.returns)
        return { returns: Views.listReturns(view, SYS), claims: Views.listClaims(view, SYS) }
      })
    )
    expect(out.returns).toHaveLength(1)
    const row = out.returns[0]!
    expect([row.rmaId, row.status, row.approvedOn, row.shippingAddress]).toEqual([
      "RMA-V",
      "defective-returned",
      "2025-05-02",
      SHIP_TO
    ])
    expect(JSON.stringify(row.devices)).toContain("1Z-OUT")
    expect(JSON.stringify(row.devices)).toContain("BACK-M-1")
    expect(out.claims.map((c) => [c.interventionOn, c.status, c.amountCents, c.paymentAddress])).toEqual([
      ["2025-05-06", "claimed", 15000, CHEQUE_TO] // one microinverter that day: €150 (ENP-L7, D2)
    ])
  })

  it("ENP-S2/ENP-S3: all tickets of one system, with status, handler, subject and devices", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* openTicket("AUD-T-V", INSTALLER, ["M-1"])
        yield* svc.ticket(
          { _tag: "AssignHandler", ticketId: tkt("AUD-T-V"), handlerId: party("agent-1"), on: "2025-05-12" },
          md("aud-assign")
        )
        const inline = yield* Projection.InlineProjections
        return Views.ticketsOfSystem(yield* inline.get(Views.tickets), SYS)
      })
    )
    expect(out.map((t) => [t.ticketId, t.status, t.handlerId, t.subject, t.serials])).toEqual([
      ["AUD-T-V", "in-progress", "agent-1", "No production", ["M-1"]]
    ])
  })
})

// ---------------------------------------------------------------------------------------------
// D16: no personal data in any event
// ---------------------------------------------------------------------------------------------

describe("audit: D16 — no personal data in events", () => {
  it("D16: every appended event's data and metadata carry ids only — no name, postal address, phone or e-mail", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const people = yield* PersonalData.PersonalData
        // The personal data lives in the personal-data store, under the ids the commands use.
        yield* people.record({
          _tag: "Party",
          subjectId: OWNER,
          name: "Jeanne Dupont",
          email: "jeanne.dupont@example.fr",
          phone: "+33612345678",
          marketingOptOut: false
        })
        yield* people.record({
          _tag: "PostalAddress",
          subjectId: SHIP_TO,
          lines: ["12 rue des Lilas"],
          postalCode: "13001",
          locality: "Marseille",
          country: "FR"
        })
        yield* s1UpToClaim()
        yield* claim("2025-05-06", "2025-06-01")
        yield* openTicket("AUD-T-D16", { _tag: "Owner", partyId: OWNER }, ["R-1"])
        yield* requestReturn("RMA-D16", ["Z-9"], "2025-06-02T10:00")
        const store = yield* EventStore.EventStore
        const all = yield* store.readAll()
        const entries = yield* Views.lookUp([OWNER, SHIP_TO])
        return { all, shownOwner: Views.shown(entries, OWNER) }
      })
    )
    const types = new Set(out.all.map((e) => e.type))
    for (const t of [
      "SystemRegistered",
      "ReturnRequested",
      "ReplacementInstalled",
      "DeviceReplaced",
      "LabourReimbursementClaimed",
      "TicketOpened",
      "CallbackScheduled",
      "RmaOpened"
    ]) {
      expect(types.has(t)).toBe(true)
    }
    const text = JSON.stringify(out.all.map((e) => ({ data: e.data, metadata: e.metadata })))
    for (const personal of [
      "Jeanne",
      "Dupont",
      "jeanne.dupont@example.fr",
      "+33612345678",
      "rue des Lilas",
      "Marseille",
      "13001"
    ]) {
      expect(text).not.toContain(personal)
    }
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/) // no e-mail address
    expect(text).not.toMatch(/\+?\d[\d ]{8,}\d/) // no phone number
    // The ids resolve to the data when shown.
    expect(out.shownOwner).toBe("Jeanne Dupont")
  })
})

// ---------------------------------------------------------------------------------------------
// The returns ledger's atomic multi-stream append: an RMA and the ledger together or not at all
// ---------------------------------------------------------------------------------------------

const failingOnce = Layer.effect(
  EventStore.EventStore,
  Effect.gen(function* () {
    const inner = yield* EventStore.EventStore
    let failed = false
    return {
      ...inner,
      appendMany: (writes) =>
        Effect.suspend(() => {
          if (!failed && writes.some((w) => w.stream === ReturnsLedger.streamId(SYS))) {
            failed = true
            return Effect.fail(new EventStore.EventStoreError({ reason: "injected before commit" }))
          }
          return inner.appendMany(writes)
        })
    } satisfies EventStore.EventStoreService
  })
)

describe("audit: returns ledger — atomic multi-stream append (ENP-R1)", () => {
  it("ENP-R1: when the append of an opening return fails, neither the RMA nor the ledger has anything; a retry writes both", async () => {
    const out = await Effect.runPromise(
      Effect.gen(function* () {
        yield* givenSystem()
        const failed = yield* Effect.exit(requestReturn("RMA-AT", ["M-1"]))
        const afterFailure = [
          yield* streamTags(Rma.streamId(rma("RMA-AT"))),
          yield* streamTags(ReturnsLedger.streamId(SYS))
        ]
        yield* requestReturn("RMA-AT", ["M-1"])
        const afterRetry = [
          yield* streamTags(Rma.streamId(rma("RMA-AT"))),
          yield* streamTags(ReturnsLedger.streamId(SYS))
        ]
        return { failed, afterFailure, afterRetry }
      }).pipe(
        Effect.provide(
          AfterSalesService.layer.pipe(Layer.provideMerge(failingOnce.pipe(Layer.provide(InMemoryEventStore.layer))))
        )
      )
    )
    expect(Exit.isFailure(out.failed)).toBe(true)
    expect(out.afterFailure).toEqual([[], []])
    expect(out.afterRetry).toEqual([["ReturnRequested", "ReturnApproved"], ["RmaOpened"]])
  })
})

// ---------------------------------------------------------------------------------------------
// More of the service's promises: dated programmes (D15), idempotency, typed errors, ENP-R6 scope
// ---------------------------------------------------------------------------------------------

describe("audit: D15 — programme terms are dated data", () => {
  // A later Enphase version from 2025-06-01 with a 3-month claim window (the current European page);
  // the 2019 version (6 months) stays in force for interventions before that day.
  const later: Programmes.Table = [
    ...Programmes.defaultTable,
    {
      ...Programmes.inForce(Programmes.defaultTable, "Enphase", "2025-01-01"),
      name: "Enphase (2025)",
      effectiveFrom: "2025-06-01",
      labour: { ...LabourReimbursement.defaultPolicy, claimWindow: { months: 3 } }
    }
  ]
  const dated = <A, E>(effect: Effect.Effect<A, E, Services>) =>
    Effect.runPromise(
      Effect.provide(
        effect,
        AfterSalesService.layerWith({ system: { ...System.defaultPolicy, programmes: later } }).pipe(
          Layer.provideMerge(InMemoryEventStore.layerWithInline({ inline: Views.all })),
          Layer.provideMerge(PersonalData.layerMemory)
        )
      )
    )
  const oneReplacedOn = (day: string) =>
    Effect.gen(function* () {
      yield* givenSystem({ devices: [{ serial: "M-1" }] })
      yield* fault("M-1", "2025-04-28")
      yield* requestReturn("RMA-DT", ["M-1"], "2025-05-02T10:00")
      yield* replace("RMA-DT", "M-1", "R-1", day)
      yield* shipBack("RMA-DT", "M-1", day)
    })

  it("D15/ENP-L5: an intervention on 2025-06-10 follows the 2025 version: last valid day 2025-09-10", async () => {
    const handled = await dated(Effect.andThen(oneReplacedOn("2025-06-10"), claim("2025-06-10", "2025-09-11")))
    const e = handled.events[0]
    expect(
      e?._tag === "LabourReimbursementRefused" && e.reasons.find((r) => r.rule === "ENP-L5")?.figures["lastValidDay"]
    ).toBe("2025-09-10")
  })

  it("D15/ENP-L5: an intervention on 2025-05-06 still follows the 2019 version: claimed 2025-11-06 is in time", async () => {
    const handled = await dated(Effect.andThen(oneReplacedOn("2025-05-06"), claim("2025-05-06", "2025-11-06")))
    expect(handled.events[0]?._tag).toBe("LabourReimbursementClaimed")
  })

  it("D12/D15: the deadlines list the claim window of the version in force on the intervention day", async () => {
    const list = await dated(
      Effect.gen(function* () {
        yield* oneReplacedOn("2025-06-10")
        const svc = yield* AfterSalesService.AfterSalesService
        const s = yield* svc.loadSystem(SYS)
        return s._tag === "Registered"
          ? Deadlines.deadlines(s, [], "2025-06-10", { ...Deadlines.defaultPolicy, programmes: later })
          : []
      })
    )
    expect(list.filter((d) => d.rule === "ENP-L5").map((d) => [d.due, d.programme])).toEqual([
      ["2025-09-10", "Enphase (2025)"]
    ])
  })
})

describe("audit: the service's guarantees (idempotency, typed errors)", () => {
  it("idempotent: the same return command id twice records nothing new and gives the first outcome", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem()
        const first = yield* requestReturn("RMA-ID", ["M-1"])
        const before = yield* eventCount
        const again = yield* requestReturn("RMA-ID", ["M-1"])
        return { first, again, added: (yield* eventCount) - before }
      })
    )
    expect(out.added).toBe(0)
    expect(out.again.rma.duplicate).toBe(true)
    expect(out.again.rma.state).toEqual(out.first.rma.state)
  })

  /** A return request whose serials do not decode: the tag and field of its typed failure. */
  const badReturn = async (serials: ReadonlyArray<string>, commandId: string) => {
    const exit = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem()
        const svc = yield* AfterSalesService.AfterSalesService
        return yield* Effect.exit(
          svc.requestReturn(
            {
              rmaId: rma("RMA-BAD"),
              systemId: SYS,
              serials: serials as unknown as [AfterSalesIds.Serial],
              shippingAddress: SHIP_TO,
              requester: INSTALLER,
              requestedAt: "2025-05-02T10:00",
              proofOfOwnershipProvided: false
            },
            md(commandId)
          )
        )
      })
    )
    expect(Exit.isFailure(exit)).toBe(true)
    const error = Exit.isFailure(exit) ? Exit.findErrorOption(exit) : undefined
    return error?._tag === "Some" && [(error.value as { _tag: string })._tag, (error.value as { field?: string }).field]
  }

  it("bad input: a return with no serial is InvalidCommand naming `serials`, never a defect", async () => {
    expect(await badReturn([], "aud-bad")).toEqual(["InvalidCommand", "serials"])
  })

  it("bad input: a return with an empty serial names that element, `serials.0`", async () => {
    expect(await badReturn([""], "aud-bad-0")).toEqual(["InvalidCommand", "serials.0"])
  })

  it("ENP-R6/ENP-S4: a retired serial is not returned (not current); the RMA says why", async () => {
    const ret = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* svc.system(
          { _tag: "RetireDevice", systemId: SYS, serial: ser("M-2"), retiredOn: "2025-01-01" },
          md("aud-retire")
        )
        return yield* requestReturn("RMA-RT", ["M-2"])
      })
    )
    const ne = ret.rma.events.find((e) => e._tag === "ReturnNotEligible")
    expect(ne?._tag === "ReturnNotEligible" && ne.reasons.length).toBeGreaterThan(0)
  })

  it("ENP-R3: a unit received on a stream with no RMA is an unauthorized return", async () => {
    const handled = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        return yield* svc.rma(
          { _tag: "ReceiveUnit", rmaId: rma("RMA-NONE"), serial: ser("M-1"), receivedOn: "2025-05-10" },
          md("aud-none")
        )
      })
    )
    expect(handled.events.map((e) => e._tag)).toEqual(["UnauthorizedReturnReceived"])
  })

  it("RMA status: with several devices, the least advanced step", async () => {
    const st = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem()
        yield* requestReturn("RMA-ST", ["M-1", "M-2"])
        yield* replace("RMA-ST", "M-1", "R-1")
        const svc = yield* AfterSalesService.AfterSalesService
        return yield* svc.loadRma(rma("RMA-ST"))
      })
    )
    expect(st._tag === "Requested" && Rma.status(st)).toBe("approved")
  })

  it("D6: a licensed installer's return on a non-compliant self-installed system is not silently accepted", async () => {
    const ret = await runMemory(
      Effect.andThen(
        givenSystem({ installation: { _tag: "SelfInstalled", distributorId: DISTRIBUTOR } }),
        requestReturn("RMA-D6B", ["M-1"])
      )
    )
    const ne = ret.rma.events.find((e) => e._tag === "ReturnNotEligible")
    expect(ne?._tag === "ReturnNotEligible" && rulesOf(ne.reasons)).toContain("D6")
  })
})

// ---------------------------------------------------------------------------------------------
// Further refusals and edges, each a value with its rule id and nothing appended
// ---------------------------------------------------------------------------------------------

describe("audit: further commands of the aggregates (given/when/then)", () => {
  it("D3: end-of-month clamp — intervention 2025-08-31 + 6 months → last valid day 2026-02-28", async () => {
    const at = (claimedOn: string) =>
      runMemory(
        Effect.gen(function* () {
          yield* givenSystem({ devices: [{ serial: "M-1" }] })
          yield* fault("M-1", "2025-08-20")
          yield* requestReturn("RMA-EOM", ["M-1"], "2025-08-25T10:00")
          yield* replace("RMA-EOM", "M-1", "R-1", "2025-08-31")
          yield* shipBack("RMA-EOM", "M-1", "2025-08-31")
          return yield* claim("2025-08-31", claimedOn)
        })
      )
    expect((await at("2026-02-28")).events[0]?._tag).toBe("LabourReimbursementClaimed")
    const late = (await at("2026-03-01")).events[0]
    expect(
      late?._tag === "LabourReimbursementRefused" &&
        late.reasons.find((r) => r.rule === "ENP-L5")?.figures["lastValidDay"]
    ).toBe("2026-02-28")
  })

  it("ENP-L6: a claim dated before the RMA's approval is refused", async () => {
    // The RMA is approved on 2025-05-02; a claim dated 2025-05-01 precedes it.
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "M-1" }] })
        yield* fault("M-1", "2025-04-20")
        yield* requestReturn("RMA-L6", ["M-1"], "2025-05-02T10:00")
        yield* replace("RMA-L6", "M-1", "R-1", "2025-05-02")
        yield* shipBack("RMA-L6", "M-1", "2025-05-02")
        return yield* refusal(claim("2025-05-02", "2025-05-01"))
      })
    )
    const accepted =
      Exit.isSuccess(out.exit) && out.exit.value.events.some((e) => e._tag === "LabourReimbursementClaimed")
    expect(accepted).toBe(false)
  })

  it("lifecycle: commissioning twice, same owner, installer unavailable on a self-installed system — refused, nothing appended", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem({ installation: { _tag: "SelfInstalled", distributorId: DISTRIBUTOR } })
        return [
          yield* refusal(
            svc.system({ _tag: "RecordCommissioning", systemId: SYS, commissionedOn: "2024-04-01" }, md("c2"))
          ),
          yield* refusal(
            svc.system(
              { _tag: "TransferOwnership", systemId: SYS, newOwnerId: OWNER, transferredOn: "2025-01-01" },
              md("t2")
            )
          ),
          yield* refusal(svc.system({ _tag: "MarkInstallerUnavailable", systemId: SYS, on: "2025-01-01" }, md("u2")))
        ]
      })
    )
    expect(out.map((r) => r.appended)).toEqual([0, 0, 0])
    expect(out.map((r) => Exit.isFailure(r.exit))).toEqual([true, true, true])
    expect(reasonsOf(out[2]!.exit)).toContain("APS-5")
  })

  it("ENP-S4: a fault on a retired or unknown serial is refused", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* svc.system({ _tag: "RetireDevice", systemId: SYS, serial: ser("M-2"), retiredOn: "2025-01-01" }, md("r"))
        return [yield* refusal(fault("M-2")), yield* refusal(fault("X-1"))]
      })
    )
    expect(out.map((r) => r.appended)).toEqual([0, 0])
    expect(reasonsOf(out[1]!.exit)).toContain("ENP-S4")
    expect(Exit.isFailure(out[0]!.exit)).toBe(true)
  })

  it("ENP-R8: no confirmation before the replacement is installed; an authorized unit is not received twice", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* requestReturn("RMA-R8", ["M-1"])
        const confirm = yield* refusal(
          svc.rma(
            { _tag: "ConfirmReplacement", rmaId: rma("RMA-R8"), original: ser("M-1"), confirmedOn: "2025-05-03" },
            md("cf")
          )
        )
        yield* replace("RMA-R8", "M-1", "R-1")
        const confirmed = yield* svc.rma(
          { _tag: "ConfirmReplacement", rmaId: rma("RMA-R8"), original: ser("M-1"), confirmedOn: "2025-05-07" },
          md("cf2")
        )
        yield* svc.rma(
          { _tag: "ReceiveUnit", rmaId: rma("RMA-R8"), serial: ser("M-1"), receivedOn: "2025-05-12" },
          md("rc1")
        )
        const twice = yield* refusal(
          svc.rma(
            { _tag: "ReceiveUnit", rmaId: rma("RMA-R8"), serial: ser("M-1"), receivedOn: "2025-05-13" },
            md("rc2")
          )
        )
        return { confirm, confirmed, twice }
      })
    )
    expect(reasonsOf(out.confirm.exit)).toContain("ENP-R8")
    expect(out.confirm.appended).toBe(0)
    expect(out.confirmed.events.map((e) => e._tag)).toEqual(["ReplacementConfirmed"])
    expect(Exit.isFailure(out.twice.exit)).toBe(true)
    expect(out.twice.appended).toBe(0)
  })

  // D15 moved this test to an Enphase device: only Enphase's programme has the callback (ENP-R6a).
  it("APS-3/ENP-R6a: when a not-eligible Enphase return referred a self-installer, its callback ticket is referred (no troubleshooting)", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({
          installation: { _tag: "SelfInstalled", distributorId: DISTRIBUTOR },
          devices: [{ serial: "DS3-1", manufacturer: "Enphase" }]
        })
        const ret = yield* requestReturn("RMA-REF", ["DS3-1"], "2025-05-02T09:30", {
          _tag: "SelfInstaller",
          partyId: OWNER
        })
        const svc = yield* AfterSalesService.AfterSalesService
        const ticket = ret.callbackTicket === undefined ? undefined : yield* svc.loadTicket(ret.callbackTicket)
        const assign =
          ret.callbackTicket === undefined
            ? undefined
            : yield* refusal(
                svc.ticket(
                  {
                    _tag: "AssignHandler",
                    ticketId: ret.callbackTicket,
                    handlerId: party("agent-1"),
                    on: "2025-05-05"
                  },
                  md("as")
                )
              )
        return { ticket, assign }
      })
    )
    expect(out.ticket?._tag === "Opened" && out.ticket.status).toBe("referred")
    expect(out.assign?.appended).toBe(0)
  })

  it("D16: after an erasure the stream still replays and the view shows the owner as erased", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const people = yield* PersonalData.PersonalData
        yield* people.record({ _tag: "Party", subjectId: OWNER, name: "Jeanne Dupont", marketingOptOut: false })
        yield* givenSystem()
        yield* people.erase(OWNER, "2025-06-01")
        const svc = yield* AfterSalesService.AfterSalesService
        const system = yield* svc.loadSystem(SYS)
        return { system, shown: Views.shown(yield* Views.lookUp([OWNER]), OWNER) }
      })
    )
    expect(out.system._tag === "Registered" && out.system.ownerId).toBe(OWNER)
    expect(out.shown).toBe("erased")
  })
})

describe("audit: D15 — routing follows the maker of the devices concerned, or of the monitoring", () => {
  const ownerAsks = (devices: ReadonlyArray<Device>, serials: ReadonlyArray<string>) =>
    runMemory(
      Effect.andThen(givenSystem({ devices }), openTicket("AUD-T-MON", { _tag: "Owner", partyId: OWNER }, serials))
    )

  it("D15: no serial named, APsystems microinverters monitored by an Enphase gateway → Enphase answers (ENP-C1)", async () => {
    const handled = await ownerAsks(
      [
        { serial: "A-1", manufacturer: "APsystems" },
        { serial: "GW-1", kind: "gateway" }
      ],
      []
    )
    expect(handled.events.map((e) => e._tag)).toEqual(["TicketOpened"])
  })

  it("D15/APS-4: no serial named, APsystems microinverters and ECU → referred to the installer of record", async () => {
    const handled = await ownerAsks(
      [
        { serial: "A-1", manufacturer: "APsystems" },
        { serial: "ECU-1", manufacturer: "APsystems", kind: "gateway" }
      ],
      []
    )
    const e = handled.events[0]
    expect(e?._tag === "TicketReferred" && [e.referredTo, e.rule]).toEqual(["installer-of-record", "APS-4"])
  })

  it("D15/APS-4: the APsystems unit named on a system monitored by Enphase follows APsystems' policy", async () => {
    const handled = await ownerAsks(
      [
        { serial: "A-1", manufacturer: "APsystems" },
        { serial: "GW-1", kind: "gateway" }
      ],
      ["A-1"]
    )
    const e = handled.events[0]
    expect(e?._tag === "TicketReferred" && e.rule).toBe("APS-4")
  })
})

describe("audit: D6 — how a self-installed system becomes compliant", () => {
  const statusAfter = (
    then: (svc: AfterSalesService.AfterSalesServiceShape) => Effect.Effect<unknown, unknown>,
    register?: Partial<System.Command>
  ) =>
    runMemory(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* svc.system(
          {
            _tag: "RegisterSystem",
            systemId: SYS,
            registeredOn: "2024-03-01",
            country: "FR",
            ownerId: OWNER,
            installation: { _tag: "SelfInstalled", distributorId: DISTRIBUTOR },
            ...register
          } as System.Command,
          md("aud-reg")
        )
        yield* then(svc)
        const inline = yield* Projection.InlineProjections
        return Views.listSystems(yield* inline.get(Views.systems)).map((r) => r.status)
      })
    )

  it("D6/APS-6: both facts given at registration → compliant at once (registered, not yet commissioned)", async () => {
    expect(
      await statusAfter(() => Effect.void, {
        endCustomerAccount: party("aud-account"),
        backingInstaller: { installerId: INSTALLER.partyId, licenceNumber: INSTALLER.licenceNumber }
      })
    ).toEqual(["registered"])
  })

  it("D6/APS-1: a licensed installer taking the system over makes it compliant", async () => {
    expect(
      await statusAfter((svc) =>
        svc.system(
          {
            _tag: "ChangeInstallerOfRecord",
            systemId: SYS,
            installer: { installerId: INSTALLER.partyId, licenceNumber: INSTALLER.licenceNumber },
            changedOn: "2024-05-01"
          },
          md("aud-change")
        )
      )
    ).toEqual(["registered"])
  })

  it("D6: with neither fact the system stays non-compliant", async () => {
    expect(await statusAfter(() => Effect.void)).toEqual(["non-compliant"])
  })
})

describe("audit: D2 and D1 — counting per day, terms per maker and kind", () => {
  it("D2: units of one day under two RMAs are one intervention: €150 + €25 = €175.00", async () => {
    const handled = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem()
        yield* fault("M-1")
        yield* fault("M-2")
        yield* requestReturn("RMA-D2A", ["M-1"])
        yield* requestReturn("RMA-D2B", ["M-2"])
        yield* replace("RMA-D2A", "M-1", "R-1")
        yield* shipBack("RMA-D2A", "M-1")
        yield* replace("RMA-D2B", "M-2", "R-2")
        yield* shipBack("RMA-D2B", "M-2")
        return yield* claim("2025-05-06", "2025-06-01")
      })
    )
    const e = handled.events[0]
    expect(e?._tag === "LabourReimbursementClaimed" && e.amountCents).toBe(17500)
  })

  it("D2/ENP-L7: three microinverters the same day → €150 + 2 × €25 = €200.00", async () => {
    const handled = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "M-1" }, { serial: "M-2" }, { serial: "M-3" }] })
        for (const s of ["M-1", "M-2", "M-3"]) yield* fault(s)
        yield* requestReturn("RMA-3", ["M-1", "M-2", "M-3"])
        for (const s of ["M-1", "M-2", "M-3"]) {
          yield* replace("RMA-3", s, `R${s}`)
          yield* shipBack("RMA-3", s)
        }
        return yield* claim("2025-05-06", "2025-06-01")
      })
    )
    const e = handled.events[0]
    expect(e?._tag === "LabourReimbursementClaimed" && e.amountCents).toBe(20000)
  })

  it("D1: the default terms — Enphase AC battery 10 years, APsystems gateway (ECU) 3 years, from commissioning", async () => {
    // Commissioned 2024-03-10, both installed before: covered while d < 2034-03-10 and d < 2027-03-10.
    const list = await runMemory(
      Effect.andThen(
        givenSystem({
          devices: [
            { serial: "BAT-1", kind: "ac-battery" },
            { serial: "ECU-1", kind: "gateway", manufacturer: "APsystems" }
          ]
        }),
        deadlinesAt("2025-05-06")
      )
    )
    expect(
      pick(list, "D1")
        .map((d) => [d.subject, d.due])
        .sort()
    ).toEqual([
      ["BAT-1", "2034-03-09"],
      ["ECU-1", "2027-03-09"]
    ])
  })

  it("OpenTicket: a ticket id already open is refused, nothing appended", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem()
        yield* openTicket("AUD-T-2X", INSTALLER, ["M-1"])
        const svc = yield* AfterSalesService.AfterSalesService
        return yield* refusal(
          svc.openTicket(
            {
              ticketId: tkt("AUD-T-2X"),
              systemId: SYS,
              openedAt: "2025-05-10T10:00",
              requester: INSTALLER,
              channel: "form",
              kind: "technical",
              subject: "Again",
              serials: [],
              description: "—"
            },
            md("aud-open-again")
          )
        )
      })
    )
    expect(Exit.isFailure(out.exit)).toBe(true)
    expect(out.appended).toBe(0)
  })
})

describe("audit: ENP-R3 — a unit received without authorization, whatever stream it arrived on", () => {
  it("ENP-R3: a unit received under a not-eligible RMA gives no right by a later RMA for that serial", async () => {
    // RMA-NE asks for Z-1 (not a serial of the system) → not eligible: it never opens. M-1 is then
    // sent to the warehouse under RMA-NE: no authorization covers it (ENP-R3). A later RMA for M-1
    // must not give it a replacement either ("nor by a later one for that serial").
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* requestReturn("RMA-NE3", ["Z-1"])
        const stray = yield* svc.rma(
          { _tag: "ReceiveUnit", rmaId: rma("RMA-NE3"), serial: ser("M-1"), receivedOn: "2025-05-10" },
          md("aud-stray-ne")
        )
        const later = yield* requestReturn("RMA-LATER", ["M-1"], "2025-05-20T10:00")
        return { stray, later }
      })
    )
    expect(out.stray.events.map((e) => e._tag)).toEqual(["UnauthorizedReturnReceived"])
    expect(out.later.rma.events.map((e) => e._tag)).toEqual(["ReturnRequested", "ReturnNotEligible"])
    const ne = out.later.rma.events[1]
    expect(ne?._tag === "ReturnNotEligible" ? rulesOf(ne.reasons) : []).toContain("ENP-R3")
  })
})

describe("audit: ENP-R3 — backfilling the ledgers of an existing store", () => {
  it("ENP-R3: backfillLedgers notes a not-eligible RMA with a unit received without authorization", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        const system = yield* svc.loadSystem(SYS)
        if (system._tag !== "Registered") return undefined
        // Written as a store from before the ledger would hold them: the RMA's own stream only.
        const facts: Rma.SystemFacts = {
          commissionedOn: "2024-03-10",
          installation: {
            _tag: "ByLicensedInstaller",
            licenceNumber: INSTALLER.licenceNumber,
            installerAvailable: true
          },
          ownershipTransferred: false,
          devices: System.rulesDevices(system)
        }
        const stream = Rma.streamId(rma("RMA-OLD"))
        yield* CommandHandler.handle(
          Rma.aggregate,
          stream,
          {
            _tag: "RequestReturn",
            rmaId: rma("RMA-OLD"),
            systemId: SYS,
            serials: [ser("Z-1")],
            shippingAddress: SHIP_TO,
            requester: INSTALLER,
            requestedAt: "2025-05-02T10:00",
            system: facts,
            serialsInOpenRmas: [],
            proofOfOwnershipProvided: false
          },
          md("old-request")
        )
        yield* CommandHandler.handle(
          Rma.aggregate,
          stream,
          { _tag: "ReceiveUnit", rmaId: rma("RMA-OLD"), serial: ser("M-1"), receivedOn: "2025-05-10" },
          md("old-receive")
        )
        const recorded = yield* AfterSalesService.backfillLedgers
        const again = yield* AfterSalesService.backfillLedgers
        const later = yield* requestReturn("RMA-NEW", ["M-1"], "2025-05-20T10:00")
        return { recorded, again, later, ledger: yield* streamTags(ReturnsLedger.streamId(SYS)) }
      })
    )
    expect([out?.recorded, out?.again, out?.ledger]).toEqual([1, 0, ["UnauthorizedReturnNoted"]])
    const ne = out?.later.rma.events[1]
    expect(ne?._tag === "ReturnNotEligible" ? rulesOf(ne.reasons) : []).toContain("ENP-R3")
  })
})

describe("audit: D15 over D6 for Enphase — Enphase supports private owners itself (seed 001)", () => {
  it("D15/ENP-C1: a self-installer's form on a self-installed Enphase system is answered, not referred per APS-3", async () => {
    // D6 routes self-installed systems per APS-3..5, but D15 (newer) binds APS-* to APsystems only,
    // and seed 001 says Enphase has « deux supports distincts pour les clients particuliers et pour
    // les professionnels »: the source wins — answered within 24 working-day hours (ENP-C1, D13).
    const handled = await runMemory(
      Effect.andThen(
        givenSystem({ installation: { _tag: "SelfInstalled", distributorId: DISTRIBUTOR } }),
        openTicket("AUD-T-ES", { _tag: "SelfInstaller", partyId: OWNER }, ["M-1"], "2025-05-09T16:00", "form")
      )
    )
    const e = handled.events[0]
    expect(e?._tag === "TicketOpened" && e.responseDue).toBe("2025-05-12T16:00")
  })
})

describe("audit: D13 — support time", () => {
  it("D13: ScheduleCallback on Friday 2025-05-09 16:00 → 24 to 48 working-day hours: Mon 12 16:00 … Tue 13 16:00", async () => {
    const handled = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem()
        yield* openTicket("AUD-T-CB", INSTALLER, ["M-1"])
        const svc = yield* AfterSalesService.AfterSalesService
        return yield* svc.ticket(
          { _tag: "ScheduleCallback", ticketId: tkt("AUD-T-CB"), requestedAt: "2025-05-09T16:00" },
          md("aud-cb")
        )
      })
    )
    const e = handled.events[0]
    expect(e?._tag === "CallbackScheduled" && [e.earliest, e.latest]).toEqual(["2025-05-12T16:00", "2025-05-13T16:00"])
  })

  it("D13/ENP-C2: with hoursBasis 'support-hours' only the phone hours count (7 h a day): Friday 16:00 + 24 h → Thursday 11:00", async () => {
    // Fri 16–17 (1 h), Mon, Tue, Wed 7 h each (22 h), Thu 09:00–11:00 (2 h) → 24 h at Thu 2025-05-15 11:00.
    const handled = await Effect.runPromise(
      Effect.provide(
        Effect.andThen(givenSystem(), openTicket("AUD-T-SH", INSTALLER, ["M-1"], "2025-05-09T16:00", "form")),
        AfterSalesService.layerWith({
          ticket: {
            ...Ticket.defaultPolicy,
            routing: { ...Ticket.defaultPolicy.routing, hoursBasis: "support-hours" }
          }
        }).pipe(
          Layer.provideMerge(InMemoryEventStore.layerWithInline({ inline: Views.all })),
          Layer.provideMerge(PersonalData.layerMemory)
        )
      )
    )
    const e = handled.events[0]
    expect(e?._tag === "TicketOpened" && e.responseDue).toBe("2025-05-15T11:00")
  })
})

describe("audit: ENP-S1 — all systems sortable by status, systems and tickets searchable", () => {
  it("ENP-S1: two systems sorted by status (non-compliant first), found by a retired serial; a ticket found by its serial", async () => {
    const out = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem()
        yield* svc.system(
          { _tag: "RetireDevice", systemId: SYS, serial: ser("M-2"), retiredOn: "2025-01-01" },
          md("aud-retire")
        )
        const other = AfterSalesIds.SystemId.make("AUD-SYS-0")
        yield* svc.system(
          {
            _tag: "RegisterSystem",
            systemId: other,
            registeredOn: "2024-05-01",
            country: "BE",
            ownerId: party("aud-owner-0"),
            installation: { _tag: "SelfInstalled", distributorId: DISTRIBUTOR }
          },
          md("aud-register-0")
        )
        yield* openTicket("AUD-T-S1", INSTALLER, ["M-2"])
        const inline = yield* Projection.InlineProjections
        const systems = yield* inline.get(Views.systems)
        return {
          sorted: Views.listSystems(systems, { sortBy: "status" }).map((r) => [r.systemId, r.status]),
          found: Views.listSystems(systems, { search: "m-2" }).map((r) => r.systemId),
          tickets: Views.searchTickets(yield* inline.get(Views.tickets), "M-2").map((t) => t.ticketId)
        }
      })
    )
    expect(out.sorted).toEqual([
      ["AUD-SYS-0", "non-compliant"],
      ["AUD-SYS", "active"]
    ])
    expect(out.found).toEqual(["AUD-SYS"])
    expect(out.tickets).toEqual(["AUD-T-S1"])
  })
})

describe("audit: D1, D3 — date edges as the deadlines show them", () => {
  it("D1: a replacement of a replacement still ends with the first device's term (gateway: last day 2029-03-09)", async () => {
    const list = await runMemory(
      Effect.gen(function* () {
        const svc = yield* givenSystem({ devices: [{ serial: "GW-1", kind: "gateway" }] })
        yield* requestReturn("RMA-C1", ["GW-1"])
        yield* replace("RMA-C1", "GW-1", "GW-2")
        yield* svc.rma(
          { _tag: "ReceiveUnit", rmaId: rma("RMA-C1"), serial: ser("GW-1"), receivedOn: "2025-05-20" },
          md("aud-recv-1")
        )
        yield* svc.rma({ _tag: "CloseRma", rmaId: rma("RMA-C1"), closedOn: "2025-05-21" }, md("aud-close-1"))
        yield* requestReturn("RMA-C2", ["GW-2"], "2026-01-05T10:00")
        yield* replace("RMA-C2", "GW-2", "GW-3", "2026-01-10")
        return yield* deadlinesAt("2026-01-10")
      })
    )
    expect(pick(list, "D1").map((d) => [d.subject, d.from, d.due])).toEqual([["GW-3", "2024-03-10", "2029-03-09"]])
  })

  it("D3/ENP-L1: commissioned 2024-02-29 → interventions reimbursed until 2026-02-27 (2 years → 2026-02-28 excluded)", async () => {
    const list = await runMemory(
      Effect.andThen(
        givenSystem({ commissionedOn: "2024-02-29", devices: [{ serial: "M-1", installedOn: "2024-02-20" }] }),
        deadlinesAt("2025-05-06")
      )
    )
    expect(pick(list, "ENP-L1").map((d) => [d.from, d.due])).toEqual([["2024-02-29", "2026-02-27"]])
  })

  it("D3/ENP-L5: the claim window of an intervention on 2025-08-31 ends 2026-02-28 (end-of-month clamp)", async () => {
    const list = await runMemory(
      Effect.gen(function* () {
        yield* givenSystem({ devices: [{ serial: "M-1" }] })
        yield* requestReturn("RMA-E", ["M-1"], "2025-08-25T10:00")
        yield* replace("RMA-E", "M-1", "R-1", "2025-08-31")
        return yield* deadlinesAt("2025-09-01")
      })
    )
    expect(pick(list, "ENP-L5").map((d) => [d.from, d.due, d.status])).toEqual([["2025-08-31", "2026-02-28", "open"]])
  })
})
