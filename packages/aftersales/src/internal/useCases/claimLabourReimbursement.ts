/**
 * Use case: a labour reimbursement claim for one system and intervention day (D2) — the System
 * decides once, with what the RMA streams say about each device replaced that day (ENP-L4,
 * ENP-L6), under the programme of the devices' maker (D15).
 *
 * @internal
 */
import { Effect } from "effect"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import type { SystemId } from "../../AfterSalesIds.js"
import * as Rma from "../../Rma.js"
import * as System from "../../System.js"
import type { Aggregates } from "../context.js"
import { registered, returnsForClaim } from "../facts.js"
import * as Spans from "../spans.js"

export interface ClaimInput {
  readonly systemId: SystemId
  readonly interventionOn: string
  readonly claimedOn: string
  readonly paymentAddress: string
}

export const claimLabourReimbursement = (
  aggregates: Aggregates,
  input: ClaimInput,
  metadata: CommandHandler.CommandMetadata
) =>
  Effect.gen(function* () {
    const s = yield* registered(aggregates, input.systemId, "ClaimLabourReimbursement")
    const returns = yield* returnsForClaim(aggregates, s.state, input.interventionOn)
    // The RMA streams read for the devices replaced that day.
    yield* Spans.annotate(
      Spans.streams(
        System.streamId(input.systemId),
        ...new Set(returns.flatMap((r) => (r.rmaId === undefined ? [] : [Rma.streamId(r.rmaId)])))
      )
    )
    return yield* CommandHandler.handle(
      aggregates.system,
      System.streamId(input.systemId),
      { _tag: "ClaimLabourReimbursement", ...input, returns },
      metadata
    )
  })
