/**
 * Use case: proof of ownership supplied for an RMA awaiting it (ENP-R2) — decided again on the
 * system's current facts, appended like a request.
 *
 * @internal
 */
import { Effect } from "effect"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import { because, type RmaId } from "../../AfterSalesIds.js"
import * as Rma from "../../Rma.js"
import type { Aggregates } from "../context.js"
import { decideReturn } from "./decideReturn.js"

export const provideProofOfOwnership = (
  aggregates: Aggregates,
  rmaId: RmaId,
  providedAt: string,
  metadata: CommandHandler.CommandMetadata
) =>
  Effect.gen(function* () {
    const current = (yield* CommandHandler.load(aggregates.rma, Rma.streamId(rmaId))).state
    if (current._tag !== "Requested") {
      return yield* Effect.fail(
        new Rma.RmaCommandRefused({
          rmaId,
          command: "ProvideProofOfOwnership",
          reasons: [because("LIFECYCLE", `No return was requested under RMA ${rmaId}.`)]
        })
      )
    }
    return yield* decideReturn(
      aggregates,
      { systemId: current.systemId, rmaId, command: "ProvideProofOfOwnership" },
      metadata,
      (system, others) => ({
        _tag: "ProvideProofOfOwnership",
        rmaId,
        providedAt,
        system,
        serialsInOpenRmas: others.serialsInOpenRmas,
        serialsReceivedWithoutAuthorization: others.serialsReceivedWithoutAuthorization
      })
    )
  })
