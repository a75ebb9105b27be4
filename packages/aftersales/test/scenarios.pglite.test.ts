/**
 * The after-sales scenarios S1, S2, S3 and S6 on PGlite (the SQL event store), with the views
 * caught up from the SQL log.
 */
import { Effect, Layer, Ref } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { Projection } from "@soltrace/core"
import { AfterSalesService, Views } from "../src/index.js"
import type { EventStore } from "@soltrace/core"
import { PgliteClient } from "@soltrace/core/pglite"
import { conformanceLayer, makeRuntime } from "./sqlRuntime.js"
import { sysId } from "./fixtures.js"
import { labourClaim, s6 } from "./scenarios.js"

const runtime = makeRuntime(PgliteClient.layer())
afterAll(() => runtime.dispose())

// A fresh (truncated) SQL store per run, the service over it, and in-memory checkpoints.
const run = <A, E>(
  effect: Effect.Effect<A, E, AfterSalesService.AfterSalesService | Projection.CheckpointStore | EventStore.EventStore>
) =>
  Effect.runPromise(
    Effect.provide(
      effect,
      AfterSalesService.layer.pipe(
        Layer.provideMerge(conformanceLayer(runtime)),
        Layer.provideMerge(Projection.memoryCheckpointStore)
      )
    )
  )

const claims = Effect.gen(function* () {
  const ref = yield* Ref.make(Views.returns.initialState)
  yield* Projection.catchUp(Projection.toRef(Views.returns, ref))
  return Views.listClaims(yield* Ref.get(ref), sysId)
})

describe("after-sales scenarios on PGlite", () => {
  it("S1 (PGlite): claim accepted, €175.00, and visible in the caught-up claims view (ENP-S5)", async () => {
    const { handled, view } = await run(
      Effect.gen(function* () {
        const handled = yield* labourClaim("2024-03-10", "2025-06-01")
        return { handled, view: yield* claims }
      })
    )
    const [e] = handled.events
    expect(e?._tag === "LabourReimbursementClaimed" && e.amountCents).toBe(17500)
    expect(view).toMatchObject([{ status: "claimed", amountCents: 17500 }])
  }, 60_000)

  it("S2 (PGlite): claim on 2025-11-07 refused under ENP-L5", async () => {
    const handled = await run(labourClaim("2024-03-10", "2025-11-07"))
    const [e] = handled.events
    expect(
      e?._tag === "LabourReimbursementRefused" && e.reasons.find((r) => r.rule === "ENP-L5")?.figures["lastValidDay"]
    ).toBe("2025-11-06")
  }, 60_000)

  it("S3 (PGlite): commissioned 2023-05-06 → refused under ENP-L1", async () => {
    const handled = await run(labourClaim("2023-05-06", "2025-06-01"))
    const [e] = handled.events
    expect(e?._tag === "LabourReimbursementRefused" && e.reasons.map((r) => r.rule)).toContain("ENP-L1")
  }, 60_000)

  it("S6 (PGlite): a self-installer's technical ticket is referred (APS-3)", async () => {
    const handled = await run(s6)
    const [e] = handled.events
    expect(e?._tag === "TicketReferred" && [e.referredTo, e.rule]).toEqual(["qualified-installer", "APS-3"])
  }, 60_000)
})
