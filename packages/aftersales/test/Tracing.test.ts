/**
 * Issue 13: a span `AfterSales.<operation>` on every operation of the service, recorded by an
 * in-memory tracer: its stream, category, resulting version and outcome (accepted, or refused
 * with the rule ids of the refusal), and the kernel's spans inside it.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Option, Tracer } from "effect"
import { type EventStore, InMemoryEventStore } from "@soltrace/core"
import { AfterSalesService } from "../src/index.js"
import { A, B, installer, RA, rmaId, sysId, ticketId } from "./fixtures.js"
import {
  commissionedSystem,
  installerRequester,
  interventionOf,
  labourClaim,
  licensed,
  paymentAddress,
  R1
} from "./scenarios.js"

/** An in-memory tracer: every span it starts, in start order. */
const recording = () => {
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span(options) {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  const named = (name: string) => spans.filter((s) => s.name === name)
  const last = (name: string) => {
    const found = named(name)
    assert.isAbove(found.length, 0, `a ${name} span`)
    return found[found.length - 1]!
  }
  const parentOf = (span: Tracer.NativeSpan) => Option.getOrUndefined(span.parent)?.spanId
  /** The spans started inside `span` (children, grandchildren…). */
  const inside = (span: Tracer.NativeSpan) => {
    const ids = new Set([span.spanId])
    const found: Array<Tracer.NativeSpan> = []
    for (const s of spans) {
      const parent = parentOf(s)
      if (parent !== undefined && ids.has(parent)) {
        ids.add(s.spanId)
        found.push(s)
      }
    }
    return found
  }
  const attrs = (span: Tracer.NativeSpan, ...keys: ReadonlyArray<string>) =>
    Object.fromEntries(keys.map((k) => [k, span.attributes.get(k)]))
  return { spans, tracer, named, last, parentOf, inside, attrs }
}

const traced = <A, E>(
  t: ReturnType<typeof recording>,
  effect: Effect.Effect<A, E, AfterSalesService.AfterSalesService | EventStore.EventStore>
): Effect.Effect<A, E> =>
  effect.pipe(
    Effect.provide(AfterSalesService.layer.pipe(Layer.provideMerge(InMemoryEventStore.layer))),
    Effect.provideService(Tracer.Tracer, t.tracer)
  )

const service = Effect.service(AfterSalesService.AfterSalesService)

const request = (id: string, serials: ReadonlyArray<typeof A>) =>
  ({
    rmaId: rmaId(id),
    systemId: sysId,
    serials: serials as [typeof A, ...Array<typeof A>],
    shippingAddress: "x",
    requester: installerRequester,
    requestedAt: "2025-05-02T10:00",
    proofOfOwnershipProvided: false
  }) as const

describe("issue 13: spans on every after-sales use case", () => {
  it.effect(
    "requestReturn: AfterSales.requestReturn on the RMA stream, its version, accepted, parent of the kernel's load and appendMany spans",
    () => {
      const t = recording()
      return traced(
        t,
        Effect.gen(function* () {
          const svc = yield* service
          yield* commissionedSystem(licensed, [A])
          const result = yield* svc.requestReturn(request("RMA-T1", [A]), { commandId: "t1" })
          const span = t.last("AfterSales.requestReturn")
          assert.deepStrictEqual(
            t.attrs(
              span,
              "soltrace.useCase",
              "soltrace.stream",
              "soltrace.category",
              "soltrace.streams",
              "soltrace.commandId",
              "soltrace.version",
              "soltrace.duplicate",
              "soltrace.outcome",
              "soltrace.decision"
            ),
            {
              "soltrace.useCase": "requestReturn",
              "soltrace.stream": "rma-RMA-T1",
              "soltrace.category": "rma",
              "soltrace.streams": "rma-RMA-T1,system-SYS-1,rmaledger-SYS-1",
              "soltrace.commandId": "t1",
              "soltrace.version": result.rma.version,
              "soltrace.duplicate": false,
              "soltrace.outcome": "accepted",
              "soltrace.decision": "approved"
            }
          )
          assert.strictEqual(result.rma.version, 2)
          assert.strictEqual(span.status._tag, "Ended")
          // The kernel's spans of this use case are inside it: three loads (RMA, system, ledger)
          // and one atomic append of the RMA and the ledger.
          const inner = t.inside(span)
          assert.deepStrictEqual(
            inner.filter((s) => s.name === "CommandHandler.load").map((s) => s.attributes.get("soltrace.stream")),
            ["rma-RMA-T1", "system-SYS-1", "rmaledger-SYS-1"]
          )
          const append = inner.filter((s) => s.name === "EventStore.appendMany")
          assert.strictEqual(append.length, 1)
          assert.strictEqual(t.parentOf(append[0]!), span.spanId)

          // The same command id again: a repeat, nothing new recorded.
          yield* svc.requestReturn(request("RMA-T1", [A]), { commandId: "t1" })
          const again = t.last("AfterSales.requestReturn")
          assert.deepStrictEqual(t.attrs(again, "soltrace.duplicate", "soltrace.outcome", "soltrace.version"), {
            "soltrace.duplicate": true,
            "soltrace.outcome": "accepted",
            "soltrace.version": 2
          })
        })
      )
    }
  )

  it.effect(
    "requestReturn not eligible (ENP-R1, ENP-R6a): the ReturnNotEligible rules and the callback ticket's stream on the span",
    () => {
      const t = recording()
      return traced(
        t,
        Effect.gen(function* () {
          const svc = yield* service
          yield* commissionedSystem(licensed, [A])
          yield* svc.requestReturn(request("RMA-A", [A]), { commandId: "a" })
          const second = yield* svc.requestReturn(request("RMA-B", [A]), { commandId: "b" })
          const span = t.last("AfterSales.requestReturn")
          assert.strictEqual(span.attributes.get("soltrace.decision"), "notEligible")
          assert.include(String(span.attributes.get("soltrace.rules")).split(","), "ENP-R1")
          assert.strictEqual(span.attributes.get("soltrace.callbackTicket"), second.callbackTicket)
          assert.strictEqual(
            span.attributes.get("soltrace.streams"),
            "rma-RMA-B,system-SYS-1,rmaledger-SYS-1,ticket-RMA-B-callback"
          )
        })
      )
    }
  )

  it.effect(
    "system, ticket and rma commands: AfterSales.<operation> with the command's tag; a refusal is refused with its rule ids (ENP-S4, APS-3, LIFECYCLE)",
    () => {
      const t = recording()
      return traced(
        t,
        Effect.gen(function* () {
          const svc = yield* service
          yield* commissionedSystem(licensed, [A])
          const system = t.last("AfterSales.system")
          assert.deepStrictEqual(
            t.attrs(system, "soltrace.command", "soltrace.stream", "soltrace.category", "soltrace.outcome"),
            {
              "soltrace.command": "RecordCommissioning",
              "soltrace.stream": "system-SYS-1",
              "soltrace.category": "system",
              "soltrace.outcome": "accepted"
            }
          )
          // The command's own kernel span is a child of the use case's.
          const handle = t.inside(system).filter((s) => s.name === "CommandHandler.handle")
          assert.strictEqual(handle.length, 1)
          assert.strictEqual(t.parentOf(handle[0]!), system.spanId)
          assert.strictEqual(handle[0]!.attributes.get("soltrace.command"), "RecordCommissioning")

          // ENP-S4: a serial already on the system cannot be installed again.
          yield* Effect.flip(
            svc.system(
              {
                _tag: "InstallDevice",
                systemId: sysId,
                serial: A,
                kind: "microinverter",
                manufacturer: "Enphase",
                model: "IQ7",
                installedOn: "2024-01-01"
              },
              { commandId: "again-A" }
            )
          )
          const refused = t.last("AfterSales.system")
          assert.deepStrictEqual(t.attrs(refused, "soltrace.outcome", "soltrace.refusal", "soltrace.rules"), {
            "soltrace.outcome": "refused",
            "soltrace.refusal": "SystemCommandRefused",
            "soltrace.rules": "ENP-S4"
          })
          assert.strictEqual(refused.status._tag, "Ended")

          // A ticket command on a ticket that was never opened, and an RMA command on an RMA never requested.
          const ticketError = yield* Effect.flip(
            svc.ticket(
              { _tag: "AssignHandler", ticketId: ticketId("T-none"), handlerId: installer, on: "2025-04-03" },
              { commandId: "assign" }
            )
          )
          const ticket = t.last("AfterSales.ticket")
          assert.deepStrictEqual(t.attrs(ticket, "soltrace.command", "soltrace.stream", "soltrace.outcome"), {
            "soltrace.command": "AssignHandler",
            "soltrace.stream": "ticket-T-none",
            "soltrace.outcome": "refused"
          })
          assert.strictEqual(
            ticket.attributes.get("soltrace.rules"),
            ticketError._tag === "TicketCommandRefused" ? ticketError.reasons.map((r) => r.rule).join(",") : "none"
          )
          yield* Effect.flip(
            svc.rma(
              {
                _tag: "ShipReplacement",
                rmaId: rmaId("RMA-none"),
                original: A,
                replacement: RA,
                carrier: "DHL",
                tracking: "TRK",
                shippedOn: "2025-05-03"
              },
              { commandId: "ship" }
            )
          )
          const rma = t.last("AfterSales.rma")
          assert.deepStrictEqual(t.attrs(rma, "soltrace.command", "soltrace.stream", "soltrace.outcome"), {
            "soltrace.command": "ShipReplacement",
            "soltrace.stream": "rma-RMA-none",
            "soltrace.outcome": "refused"
          })
          assert.isString(rma.attributes.get("soltrace.rules"))
        })
      )
    }
  )

  it.effect(
    "openTicket: on the ticket's stream with the system's, accepted at version 1; ENP-S4 refused for a serial not of the system",
    () => {
      const t = recording()
      return traced(
        t,
        Effect.gen(function* () {
          const svc = yield* service
          yield* commissionedSystem(licensed, [A])
          const input = (id: string, serial: typeof A) => ({
            ticketId: ticketId(id),
            systemId: sysId,
            openedAt: "2025-04-02T10:00",
            requester: installerRequester,
            channel: "email" as const,
            kind: "technical" as const,
            subject: "No production",
            serials: [serial],
            description: "The inverter shows no production."
          })
          const opened = yield* svc.openTicket(input("T-1", A), { commandId: "open-1" })
          const span = t.last("AfterSales.openTicket")
          assert.deepStrictEqual(
            t.attrs(span, "soltrace.stream", "soltrace.streams", "soltrace.version", "soltrace.outcome"),
            {
              "soltrace.stream": "ticket-T-1",
              "soltrace.streams": "ticket-T-1,system-SYS-1",
              "soltrace.version": opened.version,
              "soltrace.outcome": "accepted"
            }
          )
          assert.strictEqual(opened.version, 1)
          yield* Effect.flip(svc.openTicket(input("T-2", B), { commandId: "open-2" }))
          const refused = t.last("AfterSales.openTicket")
          assert.deepStrictEqual(t.attrs(refused, "soltrace.outcome", "soltrace.rules"), {
            "soltrace.outcome": "refused",
            "soltrace.rules": "ENP-S4"
          })
        })
      )
    }
  )

  it.effect(
    "installReplacement: the RMA and system streams, the RMA's version; refused on an RMA never requested",
    () => {
      const t = recording()
      return traced(
        t,
        Effect.gen(function* () {
          const svc = yield* service
          // S1 up to the intervention: both replacements installed through the service.
          yield* interventionOf("2024-03-10")
          const installs = t.named("AfterSales.installReplacement")
          assert.strictEqual(installs.length, 2)
          const span = installs[1]!
          assert.deepStrictEqual(t.attrs(span, "soltrace.stream", "soltrace.streams", "soltrace.outcome"), {
            "soltrace.stream": "rma-RMA-1",
            "soltrace.streams": "rma-RMA-1,system-SYS-1",
            "soltrace.outcome": "accepted"
          })
          const rma = yield* svc.loadRma(R1)
          assert.isNumber(span.attributes.get("soltrace.version"))
          const loaded = t.last("AfterSales.loadRma")
          assert.deepStrictEqual(t.attrs(loaded, "soltrace.stream", "soltrace.outcome"), {
            "soltrace.stream": "rma-RMA-1",
            "soltrace.outcome": "read"
          })
          assert.isAtMost(
            Number(span.attributes.get("soltrace.version")),
            Number(loaded.attributes.get("soltrace.version"))
          )
          assert.strictEqual(rma._tag, "Requested")

          // No replacement on an RMA that was never requested.
          yield* Effect.flip(
            svc.installReplacement(
              { rmaId: rmaId("RMA-none"), original: A, replacement: RA, installedOn: "2025-05-06" },
              { commandId: "x" }
            )
          )
          const refused = t.last("AfterSales.installReplacement")
          assert.strictEqual(refused.attributes.get("soltrace.outcome"), "refused")
          assert.strictEqual(refused.attributes.get("soltrace.refusal"), "RmaCommandRefused")
        })
      )
    }
  )

  it.effect(
    "claimLabourReimbursement: the system stream and the RMA read; S1 claimed, a second claim for the day refused under D2",
    () => {
      const t = recording()
      return traced(
        t,
        Effect.gen(function* () {
          const handled = yield* labourClaim("2024-03-10", "2025-06-01")
          const span = t.last("AfterSales.claimLabourReimbursement")
          assert.deepStrictEqual(
            t.attrs(
              span,
              "soltrace.stream",
              "soltrace.streams",
              "soltrace.version",
              "soltrace.outcome",
              "soltrace.decision"
            ),
            {
              "soltrace.stream": "system-SYS-1",
              "soltrace.streams": "system-SYS-1,rma-RMA-1",
              "soltrace.version": handled.version,
              "soltrace.outcome": "accepted",
              "soltrace.decision": "claimed"
            }
          )
          // D2: a second claim for the same day is a business "no", not recorded.
          const svc = yield* service
          yield* Effect.flip(
            svc.claimLabourReimbursement(
              { systemId: sysId, interventionOn: "2025-05-06", claimedOn: "2025-06-02", paymentAddress },
              { commandId: "second-claim" }
            )
          )
          const second = t.last("AfterSales.claimLabourReimbursement")
          assert.deepStrictEqual(t.attrs(second, "soltrace.outcome", "soltrace.refusal", "soltrace.rules"), {
            "soltrace.outcome": "refused",
            "soltrace.refusal": "SystemCommandRefused",
            "soltrace.rules": "D2"
          })
        })
      )
    }
  )

  it.effect("S2: a claim made on 2025-11-07 is recorded as refused: the span carries ENP-L5", () => {
    const t = recording()
    return traced(
      t,
      Effect.gen(function* () {
        yield* labourClaim("2024-03-10", "2025-11-07")
        const late = t.last("AfterSales.claimLabourReimbursement")
        assert.strictEqual(late.attributes.get("soltrace.outcome"), "accepted")
        assert.strictEqual(late.attributes.get("soltrace.decision"), "refused")
        assert.include(String(late.attributes.get("soltrace.rules")).split(","), "ENP-L5")
      })
    )
  })

  it.effect(
    "provideProofOfOwnership, loadSystem and bad input: refused under LIFECYCLE without an RMA, read, InvalidCommand",
    () => {
      const t = recording()
      return traced(
        t,
        Effect.gen(function* () {
          const svc = yield* service
          yield* Effect.flip(svc.provideProofOfOwnership(rmaId("RMA-none"), "2025-05-03T10:00", { commandId: "p" }))
          const proof = t.last("AfterSales.provideProofOfOwnership")
          assert.deepStrictEqual(t.attrs(proof, "soltrace.stream", "soltrace.outcome", "soltrace.rules"), {
            "soltrace.stream": "rma-RMA-none",
            "soltrace.outcome": "refused",
            "soltrace.rules": "LIFECYCLE"
          })
          yield* svc.loadSystem(sysId)
          assert.deepStrictEqual(
            t.attrs(t.last("AfterSales.loadSystem"), "soltrace.stream", "soltrace.version", "soltrace.outcome"),
            {
              "soltrace.stream": "system-SYS-1",
              "soltrace.version": 0,
              "soltrace.outcome": "read"
            }
          )
          yield* Effect.flip(svc.loadSystem("" as typeof sysId))
          assert.strictEqual(t.last("AfterSales.loadSystem").attributes.get("soltrace.outcome"), "InvalidCommand")
          yield* Effect.flip(svc.system({ _tag: "Nope" } as never, { commandId: "n" }))
          assert.strictEqual(t.last("AfterSales.system").attributes.get("soltrace.outcome"), "InvalidCommand")
        })
      )
    }
  )

  it.effect("backfillLedgers: one AfterSales.backfillLedgers span with the number of RMAs recorded", () => {
    const t = recording()
    return traced(
      t,
      Effect.gen(function* () {
        const recorded = yield* AfterSalesService.backfillLedgers
        const span = t.last("AfterSales.backfillLedgers")
        assert.deepStrictEqual(t.attrs(span, "soltrace.events", "soltrace.outcome"), {
          "soltrace.events": recorded,
          "soltrace.outcome": "accepted"
        })
      })
    )
  })

  it.effect("with the tracer disabled, no span is started and the use cases answer the same", () => {
    const t = recording()
    return traced(
      t,
      Effect.gen(function* () {
        const svc = yield* service
        yield* commissionedSystem(licensed, [A])
        const result = yield* svc.requestReturn(request("RMA-Z", [A]), { commandId: "z" })
        assert.strictEqual(result.rma.version, 2)
        assert.strictEqual(t.spans.length, 0)
      }).pipe(Effect.withTracerEnabled(false))
    )
  })
})
