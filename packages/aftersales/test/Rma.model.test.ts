/**
 * Model-based test of the RMA lifecycle (fc.commands) through the application service on the
 * in-memory store: random sequences of return requests, replacements, returns of defective units,
 * receipts and closures on one system, against a simple model. Properties: no replacement before
 * approval, ever (ENP-R7); a serial is never in two open RMAs (ENP-R1); replaying each RMA stream
 * always gives the state the model predicts.
 */
import * as fc from "fast-check"
import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import type { System } from "../src/index.js"
import { CommandHandler, EventStore, InMemoryEventStore } from "@soltrace/core"
import { AfterSalesIds, AfterSalesService, Rma } from "../src/index.js"
import { installer, licence, owner, rmaId, sysId } from "./fixtures.js"
import { installerRequester } from "./scenarios.js"

interface ModelRma {
  decision: "approved" | "not-eligible"
  serials: Array<string>
  installed: Set<string>
  shippedBack: Set<string>
  received: Set<string>
  closed: boolean
}
interface Model {
  current: Array<string>
  rmas: Map<string, ModelRma>
  next: number
  /** ENP-R3: serials received without authorization, by the RMA stream they arrived under. */
  unauthorized: Map<string, Set<string>>
}

/**
 * ENP-R3: a serial received without authorization under this RMA id, or under an RMA of the
 * system's returns ledger (an RMA that opened), gets no replacement or refund by a later RMA.
 */
const barred = (m: Model, id: string, serial: string): boolean =>
  m.unauthorized.get(id)?.has(serial) === true ||
  [...m.rmas.entries()].some(([rid, x]) => x.decision === "approved" && m.unauthorized.get(rid)?.has(serial) === true)
interface Real {
  svc: AfterSalesService.AfterSalesServiceShape
  store: EventStore.EventStoreService
}

const RMAS = ["R0", "R1", "R2", "R3"]
let seq = 0
const meta = () => ({ commandId: `m-${++seq}` })
const exit = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(Effect.exit(effect))
const isOpen = (r: ModelRma) => !r.closed && r.decision === "approved"
const pick = <A>(xs: ReadonlyArray<A>, i: number): A | undefined => (xs.length === 0 ? undefined : xs[i % xs.length])

const check = async (m: Model, real: Real) => {
  const open = new Map<string, string>()
  for (const id of RMAS) {
    const loaded = await Effect.runPromise(
      Effect.provideService(
        CommandHandler.load(Rma.aggregate, Rma.streamId(rmaId(id))),
        EventStore.EventStore,
        real.store
      )
    )
    const st = loaded.state
    const mr = m.rmas.get(id)
    if (mr === undefined) {
      expect(st._tag === "Requested").toBe(false)
      continue
    }
    if (st._tag !== "Requested") throw new Error(`RMA ${id} should exist`)
    // Replaying the stream gives the state the model predicts.
    expect(Rma.isOpen(st)).toBe(isOpen(mr))
    expect(st.decision).toBe(mr.decision)
    expect(st.devices.map((d) => d.serial)).toEqual(mr.serials)
    expect(
      st.devices
        .filter((d) => d.replacementInstalled !== undefined)
        .map((d) => d.serial)
        .sort()
    ).toEqual([...mr.installed].sort())
    expect(
      st.devices
        .filter((d) => d.receivedOn !== undefined)
        .map((d) => d.serial)
        .sort()
    ).toEqual([...mr.received].sort())
    // ENP-R1: a serial is never in two open RMAs.
    if (Rma.isOpen(st)) {
      for (const d of st.devices) {
        expect(open.get(d.serial)).toBeUndefined()
        open.set(d.serial, id)
      }
    }
  }
  // ENP-R7: no replacement before approval, ever — on the RMA streams and on the System.
  const all = await Effect.runPromise(real.store.readAll())
  const approvedAt = new Map<string, number>()
  for (const e of all) {
    if (e.type === "ReturnApproved") approvedAt.set(e.streamId, e.position)
    if (e.type === "ReplacementInstalled") expect(approvedAt.get(e.streamId)).toBeLessThan(e.position)
    if (e.type === "DeviceReplaced") {
      const rma = Rma.streamId((e.data as { rmaId: AfterSalesIds.RmaId }).rmaId)
      expect(approvedAt.get(rma)).toBeLessThan(e.position)
    }
  }
}

class Request implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly rma: number,
    readonly picks: ReadonlyArray<number>
  ) {}
  check = () => true
  async run(m: Model, real: Real) {
    const id = RMAS[this.rma % RMAS.length]!
    const serials = [...new Set(this.picks.map((p) => pick(m.current, p)).filter((s): s is string => s !== undefined))]
    const [first, ...rest] = serials
    if (first === undefined) return
    const r = await exit(
      real.svc.requestReturn(
        {
          rmaId: rmaId(id),
          systemId: sysId,
          serials: [AfterSalesIds.Serial.make(first), ...rest.map((s) => AfterSalesIds.Serial.make(s))],
          shippingAddress: "depot",
          requester: installerRequester,
          requestedAt: "2025-05-02T10:00",
          proofOfOwnershipProvided: false
        },
        meta()
      )
    )
    if (m.rmas.has(id)) {
      expect(Exit.isFailure(r)).toBe(true)
    } else {
      if (!Exit.isSuccess(r)) throw new Error("request should be recorded")
      const inOpen =
        serials.some((s) => [...m.rmas.values()].some((x) => isOpen(x) && x.serials.includes(s))) ||
        serials.some((s) => barred(m, id, s))
      const decision = inOpen ? "not-eligible" : "approved"
      expect(r.value.rma.events.map((e) => e._tag)).toContain(inOpen ? "ReturnNotEligible" : "ReturnApproved")
      expect(r.value.callbackTicket !== undefined).toBe(inOpen)
      m.rmas.set(id, {
        decision,
        serials,
        installed: new Set(),
        shippedBack: new Set(),
        received: new Set(),
        closed: false
      })
    }
    await check(m, real)
  }
  toString = () => `Request(${this.rma}, ${this.picks.join("/")})`
}

class Install implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly rma: number,
    readonly serial: number
  ) {}
  check = () => true
  async run(m: Model, real: Real) {
    const id = RMAS[this.rma % RMAS.length]!
    const mr = m.rmas.get(id)
    const original = pick(mr?.serials ?? m.current, this.serial)
    if (original === undefined) return
    const replacement = `${original.split("~")[0]}~${++m.next}`
    const r = await exit(
      real.svc.installReplacement(
        {
          rmaId: rmaId(id),
          original: AfterSalesIds.Serial.make(original),
          replacement: AfterSalesIds.Serial.make(replacement),
          installedOn: "2025-05-06"
        },
        meta()
      )
    )
    const allowed =
      mr !== undefined &&
      mr.decision === "approved" &&
      !mr.closed &&
      !mr.installed.has(original) &&
      m.current.includes(original)
    expect(Exit.isSuccess(r)).toBe(allowed)
    if (allowed && mr !== undefined) {
      mr.installed.add(original)
      m.current = [...m.current.filter((s) => s !== original), replacement]
    }
    await check(m, real)
  }
  toString = () => `Install(${this.rma}, ${this.serial})`
}

class ShipBack implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly rma: number,
    readonly serial: number
  ) {}
  check = () => true
  async run(m: Model, real: Real) {
    const id = RMAS[this.rma % RMAS.length]!
    const mr = m.rmas.get(id)
    const serial = pick(mr?.serials ?? m.current, this.serial)
    if (serial === undefined) return
    const r = await exit(
      real.svc.rma(
        {
          _tag: "ShipDefectiveUnit",
          rmaId: rmaId(id),
          serial: AfterSalesIds.Serial.make(serial),
          carrier: "DHL",
          tracking: "T",
          shippedOn: "2025-05-07"
        },
        meta()
      )
    )
    // ENP-R5: only once its replacement arrived (here: installed), once.
    const allowed =
      mr !== undefined &&
      mr.decision === "approved" &&
      !mr.closed &&
      !mr.shippedBack.has(serial) &&
      mr.installed.has(serial)
    expect(Exit.isSuccess(r)).toBe(allowed)
    if (allowed) mr?.shippedBack.add(serial)
    await check(m, real)
  }
  toString = () => `ShipBack(${this.rma}, ${this.serial})`
}

class Receive implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly rma: number,
    readonly serial: number
  ) {}
  check = () => true
  async run(m: Model, real: Real) {
    const id = RMAS[this.rma % RMAS.length]!
    const mr = m.rmas.get(id)
    const serial = pick(mr?.serials ?? m.current, this.serial)
    if (serial === undefined) return
    const r = await exit(
      real.svc.rma(
        { _tag: "ReceiveUnit", rmaId: rmaId(id), serial: AfterSalesIds.Serial.make(serial), receivedOn: "2025-05-20" },
        meta()
      )
    )
    const authorized = mr !== undefined && mr.decision === "approved" && !mr.closed && mr.serials.includes(serial)
    if (authorized && mr?.received.has(serial)) {
      expect(Exit.isFailure(r)).toBe(true)
    } else {
      if (!Exit.isSuccess(r)) throw new Error("a receipt is always recorded")
      // ENP-R3: without authorization, no replacement and no refund.
      expect(r.value.events.map((e) => e._tag)).toEqual([
        authorized ? "DefectiveUnitReceived" : "UnauthorizedReturnReceived"
      ])
      if (authorized) mr?.received.add(serial)
      else m.unauthorized.set(id, new Set([...(m.unauthorized.get(id) ?? []), serial]))
    }
    await check(m, real)
  }
  toString = () => `Receive(${this.rma}, ${this.serial})`
}

class Close implements fc.AsyncCommand<Model, Real> {
  constructor(readonly rma: number) {}
  check = () => true
  async run(m: Model, real: Real) {
    const id = RMAS[this.rma % RMAS.length]!
    const mr = m.rmas.get(id)
    const r = await exit(real.svc.rma({ _tag: "CloseRma", rmaId: rmaId(id), closedOn: "2025-06-01" }, meta()))
    const allowed =
      mr !== undefined && !mr.closed && (mr.decision === "not-eligible" || mr.serials.every((s) => mr.received.has(s)))
    expect(Exit.isSuccess(r)).toBe(allowed)
    if (allowed && mr !== undefined) mr.closed = true
    await check(m, real)
  }
  toString = () => `Close(${this.rma})`
}

const idx = fc.nat({ max: 7 })
const commands = [
  fc.tuple(idx, fc.array(idx, { minLength: 1, maxLength: 3 })).map(([r, p]) => new Request(r, p)),
  fc.tuple(idx, idx).map(([r, s]) => new Install(r, s)),
  fc.tuple(idx, idx).map(([r, s]) => new ShipBack(r, s)),
  fc.tuple(idx, idx).map(([r, s]) => new Receive(r, s)),
  idx.map((r) => new Close(r))
]

const setup = async (): Promise<{ model: Model; real: Real }> => {
  const { store } = await Effect.runPromise(InMemoryEventStore.make())
  const svc = await Effect.runPromise(Effect.provideService(AfterSalesService.make, EventStore.EventStore, store))
  const serials = ["MI-1", "MI-2", "MI-3"]
  const sys = (command: System.Command) => Effect.runPromise(svc.system(command, meta()))
  await sys({
    _tag: "RegisterSystem",
    systemId: sysId,
    registeredOn: "2024-01-01",
    country: "FR",
    ownerId: owner,
    installation: { _tag: "ByLicensedInstaller", installerId: installer, licenceNumber: licence }
  })
  for (const s of serials) {
    await sys({
      _tag: "InstallDevice",
      systemId: sysId,
      serial: AfterSalesIds.Serial.make(s),
      kind: "microinverter",
      manufacturer: "Enphase",
      model: "IQ7",
      installedOn: "2024-01-01"
    })
  }
  await sys({ _tag: "RecordCommissioning", systemId: sysId, commissionedOn: "2024-01-02" })
  return { model: { current: [...serials], rmas: new Map(), next: 0, unauthorized: new Map() }, real: { svc, store } }
}

describe("RMA lifecycle against a model (through the application service)", () => {
  it("ENP-R7/ENP-R1/ENP-R3: no replacement before approval, a serial in at most one open RMA, none after an unauthorized receipt, replay matches the model", async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
        await fc.asyncModelRun(setup, cmds)
      }),
      { numRuns: 60 }
    )
  }, 120_000)
})
