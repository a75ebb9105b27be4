/**
 * Use case: request a return (ENP-R6) — the system's facts and its other returns are loaded, the
 * RMA decided once, and the RMA, the ledger and the callback ticket appended together.
 *
 * @internal
 */
import type * as CommandHandler from "@soltrace/core/CommandHandler"
import type * as Rma from "../../Rma.js"
import type { Aggregates } from "../context.js"
import { decideReturn } from "./decideReturn.js"

export type RequestReturnInput = Omit<
  Extract<Rma.Command, { _tag: "RequestReturn" }>,
  "_tag" | "system" | "serialsInOpenRmas" | "serialsReceivedWithoutAuthorization"
>

export const requestReturn = (
  aggregates: Aggregates,
  input: RequestReturnInput,
  metadata: CommandHandler.CommandMetadata
) =>
  decideReturn(
    aggregates,
    { systemId: input.systemId, rmaId: input.rmaId, command: "RequestReturn" },
    metadata,
    (system, others) => ({
      _tag: "RequestReturn",
      ...input,
      system,
      serialsInOpenRmas: others.serialsInOpenRmas,
      serialsReceivedWithoutAuthorization: others.serialsReceivedWithoutAuthorization
    })
  )
