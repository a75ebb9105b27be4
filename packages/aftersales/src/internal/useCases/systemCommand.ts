/**
 * Use case: a System command sent as is — except that the approval of a `ReplaceDevice` is
 * loaded from the RMA stream, never taken from the caller (ENP-R7).
 *
 * @internal
 */
import { Effect } from "effect"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import * as Rma from "../../Rma.js"
import * as System from "../../System.js"
import type { Aggregates } from "../context.js"
import { approvalOf } from "../facts.js"

export const systemCommand = (
  aggregates: Aggregates,
  command: System.Command,
  metadata: CommandHandler.CommandMetadata
) =>
  command._tag !== "ReplaceDevice"
    ? CommandHandler.handle(aggregates.system, System.streamId(command.systemId), command, metadata)
    : Effect.gen(function* () {
        const rma = (yield* CommandHandler.load(aggregates.rma, Rma.streamId(command.rmaId))).state
        const { approval: _fromTheCaller, ...rest } = command
        const approval = approvalOf(rma)
        return yield* CommandHandler.handle(
          aggregates.system,
          System.streamId(command.systemId),
          approval === undefined ? rest : { ...rest, approval },
          metadata
        )
      })
