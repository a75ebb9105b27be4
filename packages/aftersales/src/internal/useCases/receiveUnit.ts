/**
 * Use case: a unit arrives at the warehouse under an RMA (ENP-R3). Decided once by the RMA; when
 * it is received without authorization under an RMA of a system that is not on that system's
 * returns ledger (a request found not eligible never opens, so it is not there), the ledger notes
 * that RMA in the same append, so that a later request for the serial sees the receipt: no
 * replacement and no refund, by this RMA nor by a later one (ENP-R3).
 *
 * @internal
 */
import { Effect } from "effect"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import * as EventStore from "@soltrace/core/EventStore"
import * as ReturnsLedger from "../../ReturnsLedger.js"
import * as Rma from "../../Rma.js"
import { type Aggregates, handledOf, retrying, type ServiceError, sub } from "../context.js"
import * as Spans from "../spans.js"

export type ReceiveUnit = Extract<Rma.Command, { readonly _tag: "ReceiveUnit" }>

export const receiveUnit = (
  aggregates: Aggregates,
  command: ReceiveUnit,
  metadata: CommandHandler.CommandMetadata
): Effect.Effect<CommandHandler.Handled<Rma.Event, Rma.State>, ServiceError, EventStore.EventStore> =>
  retrying(
    Effect.gen(function* () {
      const rmaStream = Rma.streamId(command.rmaId)
      const rma = yield* CommandHandler.load(aggregates.rma, rmaStream)
      const st = rma.state
      // A repeat, or a stream with no request (it names no system): the plain handling.
      if (CommandHandler.recordedBy(rma, metadata.commandId) !== undefined || st._tag !== "Requested") {
        return yield* CommandHandler.handle(aggregates.rma, rmaStream, command, metadata)
      }
      const events = yield* CommandHandler.decideOn(aggregates.rma, rma, command)
      if (events.length === 0) return handledOf(aggregates.rma, rma, events, undefined)
      const writes: Array<EventStore.StreamWrite> = [
        yield* CommandHandler.toAppend(aggregates.rma, rmaStream, rma, events, metadata)
      ]
      const unauthorized = events.find((e) => e._tag === "UnauthorizedReturnReceived")
      if (unauthorized !== undefined && unauthorized._tag === "UnauthorizedReturnReceived") {
        const ledgerStream = ReturnsLedger.streamId(st.systemId)
        const ledger = yield* CommandHandler.load(aggregates.ledger, ledgerStream)
        yield* Spans.annotate(Spans.streams(rmaStream, ledgerStream))
        const noted = yield* CommandHandler.decideOn(aggregates.ledger, ledger, {
          _tag: "NoteUnauthorizedReturn",
          rmaId: st.rmaId,
          systemId: st.systemId,
          serial: unauthorized.serial
        })
        if (noted.length > 0) {
          writes.push(
            yield* CommandHandler.toAppend(aggregates.ledger, ledgerStream, ledger, noted, sub(metadata, "ledger"))
          )
        }
      }
      const store = yield* EventStore.EventStore
      const [onRma] = yield* store.appendMany(writes)
      return handledOf(aggregates.rma, rma, events, onRma)
    })
  )
