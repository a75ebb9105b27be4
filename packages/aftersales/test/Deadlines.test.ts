/**
 * D12 for after-sales: per system, what is due by when under which rule, and its iCalendar export.
 */
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { InMemoryEventStore } from "@soltrace/core"
import { AfterSalesService, Deadlines } from "../src/index.js"
import { A, B, rmaId, sysId } from "./fixtures.js"
import { commissionedSystem, installerRequester, interventionOf, licensed, paymentAddress } from "./scenarios.js"

const run = <X, E>(effect: Effect.Effect<X, E, AfterSalesService.AfterSalesService>) =>
  Effect.runPromise(Effect.provide(effect, AfterSalesService.layer.pipe(Layer.provideMerge(InMemoryEventStore.layer))))

const byRule = (ds: ReadonlyArray<Deadlines.Deadline>, rule: string) => ds.filter((d) => d.rule === rule)

describe("Deadlines of a system (D12)", () => {
  it("ENP-L5/D3: given S1's intervention of 2025-05-06, the claim window runs to 2025-11-06: open, then met once claimed", async () => {
    const { before, after } = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* interventionOf("2024-03-10")
        const s = yield* svc.loadSystem(sysId)
        if (s._tag !== "Registered") throw new Error("registered")
        const before = Deadlines.deadlines(s, [], "2025-06-01")
        yield* svc.claimLabourReimbursement(
          { systemId: sysId, interventionOn: "2025-05-06", claimedOn: "2025-06-01", paymentAddress },
          { commandId: "claim" }
        )
        const s2 = yield* svc.loadSystem(sysId)
        if (s2._tag !== "Registered") throw new Error("registered")
        return { before, after: Deadlines.deadlines(s2, [], "2025-06-01") }
      })
    )
    expect(byRule(before, "ENP-L5")).toMatchObject([
      { due: "2025-11-06", status: "open", kind: "right", party: "installer", programme: "Enphase (2019)" }
    ])
    expect(byRule(after, "ENP-L5")).toMatchObject([{ due: "2025-11-06", status: "met", doneOn: "2025-06-01" }])
    // ENP-L1/D3: interventions are reimbursed while the system is less than 2 years old
    expect(byRule(before, "ENP-L1")).toMatchObject([{ due: "2026-03-09", status: "open" }])
  })

  it("ENP-L5/D15: an APsystems intervention opens no labour claim window (no labour programme)", async () => {
    const ds = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* interventionOf("2024-03-10", licensed, "APsystems")
        const s = yield* svc.loadSystem(sysId)
        return s._tag === "Registered" ? Deadlines.deadlines(s, [], "2025-06-01") : []
      })
    )
    expect(byRule(ds, "ENP-L5")).toEqual([])
    expect(byRule(ds, "ENP-L1")).toEqual([])
    // D1: the APsystems replacements continue the 10-year term of the units they replace
    expect(byRule(ds, "D1").map((d) => d.due)).toContain("2034-03-09")
  })

  it("D1/ENP-W2: each current device's warranty end; ENP-R6/D13: the callback after a non-eligible return, missed once past", async () => {
    const ds = await run(
      Effect.gen(function* () {
        const svc = yield* AfterSalesService.AfterSalesService
        yield* commissionedSystem(licensed, [A])
        const r = yield* svc.requestReturn(
          {
            rmaId: rmaId("RMA-X"),
            systemId: sysId,
            serials: [B], // not on the system: not eligible
            shippingAddress: "depot",
            requester: installerRequester,
            requestedAt: "2025-05-16T16:00",
            proofOfOwnershipProvided: false
          },
          { commandId: "ret" }
        )
        const s = yield* svc.loadSystem(sysId)
        const t = yield* svc.loadTicket(r.callbackTicket!)
        return s._tag === "Registered" ? Deadlines.deadlines(s, [t], "2025-05-21") : []
      })
    )
    // commissioned 2024-01-02, Enphase microinverter 25 years (D1)
    expect(byRule(ds, "D1")).toMatchObject([{ subject: A, due: "2049-01-01", status: "open", party: "owner" }])
    expect(byRule(ds, "ENP-R6")).toMatchObject([
      { due: "2025-05-20", dueAt: "2025-05-20T16:00", status: "missed", party: "support", kind: "obligation" }
    ])
    const ics = Deadlines.toICalendar(ds, { systemId: sysId, asOf: "2025-05-21" })
    expect(ics._tag).toBe("Success")
    const text = ics._tag === "Success" ? ics.success : ""
    expect(text).toContain("BEGIN:VCALENDAR")
    expect(text).toContain("DTSTART;VALUE=DATE:20250520")
    expect(text).toMatch(/SUMMARY:call the installer back/)
    expect(text).toMatch(/SUMMARY:have Enphase microinverter MI-A returned/)
  })
})
