/**
 * ENP-R1 under concurrency: N return requests for the same serial of the same system, raced
 * through the service, approve exactly one RMA; the others are not eligible under ENP-R1.
 */
import { Effect, Layer } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { EventStore, InMemoryEventStore } from "@soltrace/core"
import { AfterSalesService, Rma, System } from "../src/index.js"
import { PgliteClient } from "@soltrace/core/pglite"
import { conformanceLayer, makeRuntime } from "./sqlRuntime.js"
import { A, rmaId, sysId } from "./fixtures.js"
import { commissionedSystem, installerRequester, licensed } from "./scenarios.js"

const N = 12

const setupSystem = commissionedSystem(licensed, [A])

const race = Effect.gen(function* () {
  const svc = yield* AfterSalesService.AfterSalesService
  yield* setupSystem
  const results = yield* Effect.all(
    Array.from({ length: N }, (_, i) =>
      svc.requestReturn(
        {
          rmaId: rmaId(`RMA-race-${i}`),
          systemId: sysId,
          serials: [A],
          shippingAddress: "x",
          requester: installerRequester,
          requestedAt: "2025-05-02T10:00",
          proofOfOwnershipProvided: false
        },
        { commandId: `race-${i}` }
      )
    ),
    { concurrency: "unbounded" }
  )
  return results.map((r) => r.rma.events)
})

const legacy = (backfill: boolean) =>
  Effect.gen(function* () {
    const svc = yield* AfterSalesService.AfterSalesService
    yield* setupSystem
    const s = yield* svc.loadSystem(sysId)
    if (s._tag !== "Registered" || s.commissionedOn === undefined) return yield* Effect.die("system not set up")
    // An RMA recorded before the ledger existed: straight on its stream, not on the ledger.
    yield* svc.rma(
      {
        _tag: "RequestReturn",
        rmaId: rmaId("RMA-legacy"),
        systemId: sysId,
        serials: [A],
        shippingAddress: "x",
        requester: installerRequester,
        requestedAt: "2025-05-01T10:00",
        proofOfOwnershipProvided: false,
        system: {
          commissionedOn: s.commissionedOn,
          installation: System.rulesInstallation(s),
          ownershipTransferred: s.ownershipTransferred,
          devices: System.rulesDevices(s, Rma.defaultPolicy.terms)
        },
        serialsInOpenRmas: []
      },
      { commandId: "legacy" }
    )
    const backfilled = backfill ? yield* AfterSalesService.backfillLedgers : 0
    const again = backfill ? yield* AfterSalesService.backfillLedgers : 0
    const next = yield* svc.requestReturn(
      {
        rmaId: rmaId("RMA-next"),
        systemId: sysId,
        serials: [A],
        shippingAddress: "x",
        requester: installerRequester,
        requestedAt: "2025-05-02T10:00",
        proofOfOwnershipProvided: false
      },
      { commandId: "next" }
    )
    return { backfilled, again, events: next.rma.events }
  })

const check = (outcomes: ReadonlyArray<ReadonlyArray<{ readonly _tag: string }>>) => {
  const approved = outcomes.filter((events) => events.some((e) => e._tag === "ReturnApproved"))
  const refused = outcomes.filter((events) =>
    events.some((e) =>
      e._tag === "ReturnNotEligible" && "reasons" in e && Array.isArray(e.reasons)
        ? (e.reasons as ReadonlyArray<{ readonly rule: string }>).some((r) => r.rule === "ENP-R1")
        : false
    )
  )
  expect(outcomes).toHaveLength(N)
  expect(approved).toHaveLength(1)
  expect(refused).toHaveLength(N - 1)
}

/**
 * The in-memory store answers synchronously, so fibers would run one after the other; this one
 * yields after every read, like a remote store, so that the requests really interleave.
 */
const interleavingStore = Layer.effect(
  EventStore.EventStore,
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    return {
      ...store,
      readStream: (stream, options) => Effect.tap(store.readStream(stream, options), () => Effect.yieldNow),
      readCategory: (category, options) => Effect.tap(store.readCategory(category, options), () => Effect.yieldNow),
      streamVersion: (stream) => Effect.tap(store.streamVersion(stream), () => Effect.yieldNow)
    } satisfies EventStore.EventStoreService
  })
).pipe(Layer.provide(InMemoryEventStore.layer))

describe("ENP-R1 under concurrency", () => {
  it(`ENP-R1: ${N} concurrent return requests for one serial → exactly one approved, the others not eligible (in-memory)`, async () => {
    const outcomes = await Effect.runPromise(
      Effect.provide(race, AfterSalesService.layer.pipe(Layer.provideMerge(interleavingStore)))
    )
    check(outcomes)
  })

  it("ENP-R1: an open RMA recorded before the ledger counts once the ledgers are backfilled", async () => {
    const provide = <X, E>(effect: Effect.Effect<X, E, AfterSalesService.AfterSalesService | EventStore.EventStore>) =>
      Effect.runPromise(
        Effect.provide(effect, AfterSalesService.layer.pipe(Layer.provideMerge(InMemoryEventStore.layer)))
      )
    const setup = legacy(true)
    const { backfilled, again, events } = await provide(setup)
    expect([backfilled, again]).toEqual([1, 0])
    const ne = events.find((e) => e._tag === "ReturnNotEligible")
    expect(ne?._tag === "ReturnNotEligible" && ne.reasons.map((r) => r.rule)).toContain("ENP-R1")
    const without = await provide(legacy(false))
    expect(without.events.map((e) => e._tag)).toContain("ReturnApproved")
  })

  const runtime = makeRuntime(PgliteClient.layer())
  afterAll(() => runtime.dispose())

  it(`ENP-R1: ${N} concurrent return requests for one serial → exactly one approved (PGlite)`, async () => {
    const outcomes = await Effect.runPromise(
      Effect.provide(
        race as Effect.Effect<
          ReadonlyArray<ReadonlyArray<{ readonly _tag: string }>>,
          AfterSalesService.Error,
          AfterSalesService.AfterSalesService | EventStore.EventStore
        >,
        AfterSalesService.layer.pipe(Layer.provideMerge(conformanceLayer(runtime)))
      )
    )
    check(outcomes)
  }, 60_000)
})
