/**
 * Deciding a return (request, or proof of ownership supplied) — one decision per command: the
 * RMA is decided once on the facts assembled for it, and the RMA, the system's returns ledger
 * (when the RMA opens) and the callback ticket (when it is not eligible, ENP-R6a) are appended
 * together with `EventStore.appendMany`: all of them or nothing. No phantom RMA on the ledger,
 * no serial in two open RMAs (ENP-R1: two requests that open an RMA both write the ledger at the
 * version they read, so the second is retried and sees the first).
 *
 * @internal
 */
import { Effect, Result } from "effect"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import * as EventCodec from "@soltrace/core/EventCodec"
import * as EventStore from "@soltrace/core/EventStore"
import { type RmaId, type SystemId, TicketId } from "../../AfterSalesIds.js"
import * as ReturnsLedger from "../../ReturnsLedger.js"
import * as Rma from "../../Rma.js"
import * as Ticket from "../../Ticket.js"
import * as System from "../../System.js"
import { type Aggregates, handledOf, retrying, type ServiceError, sub } from "../context.js"
import { type OtherReturns, otherReturns, registered, systemForRma } from "../facts.js"
import * as Spans from "../spans.js"

export interface ReturnResult {
  readonly rma: CommandHandler.Handled<Rma.Event, Rma.State>
  readonly callbackTicket?: TicketId | undefined
}

/** The id of the callback ticket opened for a return that is not eligible (ENP-R6a). */
export const callbackTicketId = (rmaId: RmaId): TicketId => TicketId.make(`${rmaId}-callback`)

/** APS-3/APS-4: the referral of a not-eligible decision, kept on its callback ticket. */
const referralOf = (e: Extract<Rma.Event, { _tag: "ReturnNotEligible" }>) => {
  const to = Ticket.ReferredTo.literals.find((l) => l === e.referral)
  return to === undefined ? undefined : { to, rule: e.referralRule ?? "APS-3" }
}

/** What the command recorded before (a repeat of the same command id records nothing new). */
const repeated = (
  aggregates: Aggregates,
  loaded: CommandHandler.Loaded<Rma.State>,
  recorded: ReadonlyArray<EventStore.RecordedEvent>
): Effect.Effect<ReturnResult, ServiceError> => {
  const decoded = EventCodec.decodeAll(aggregates.rma.codec, recorded)
  if (Result.isFailure(decoded)) return Effect.fail(decoded.failure)
  const st = loaded.state
  return Effect.succeed({
    rma: { events: decoded.success, recorded, state: st, version: loaded.version, duplicate: true },
    callbackTicket:
      st._tag === "Requested" && decoded.success.some((e) => e._tag === "ReturnNotEligible")
        ? callbackTicketId(st.rmaId)
        : undefined
  })
}

export const decideReturn = (
  aggregates: Aggregates,
  target: { readonly systemId: SystemId; readonly rmaId: RmaId; readonly command: string },
  metadata: CommandHandler.CommandMetadata,
  build: (system: Rma.SystemFacts, others: OtherReturns) => Rma.Command
): Effect.Effect<ReturnResult, ServiceError, EventStore.EventStore> => {
  const attempt: Effect.Effect<ReturnResult, ServiceError, EventStore.EventStore> = Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const rmaStream = Rma.streamId(target.rmaId)
    const rma = yield* CommandHandler.load(aggregates.rma, rmaStream)
    const previous = CommandHandler.recordedBy(rma, metadata.commandId)
    if (previous !== undefined) return yield* repeated(aggregates, rma, previous)

    const system = yield* registered(aggregates, target.systemId, target.command)
    const facts = yield* systemForRma(aggregates, system.state, target.command)
    const ledgerStream = ReturnsLedger.streamId(target.systemId)
    const ledger = yield* CommandHandler.load(aggregates.ledger, ledgerStream)
    const others = yield* otherReturns(aggregates, ledger.state, target.rmaId)
    const touched = [rmaStream, System.streamId(target.systemId), ledgerStream] as const
    yield* Spans.annotate(Spans.streams(...touched))

    // The one decision of this command.
    const events = yield* CommandHandler.decideOn(aggregates.rma, rma, build(facts, others))
    const after = handledOf(aggregates.rma, rma, events, undefined).state
    const writes: Array<EventStore.StreamWrite> = []
    if (events.length > 0) writes.push(yield* CommandHandler.toAppend(aggregates.rma, rmaStream, rma, events, metadata))

    // ENP-R1: an RMA that opens is recorded on the system's ledger in the same append.
    if (after._tag === "Requested" && Rma.isOpen(after)) {
      const [first, ...rest] = after.devices.map((d) => d.serial)
      if (first !== undefined) {
        const opened = yield* CommandHandler.decideOn(aggregates.ledger, ledger, {
          _tag: "OpenRma",
          rmaId: target.rmaId,
          systemId: target.systemId,
          serials: [first, ...rest]
        })
        if (opened.length > 0) {
          writes.push(
            yield* CommandHandler.toAppend(aggregates.ledger, ledgerStream, ledger, opened, sub(metadata, "ledger"))
          )
        }
      }
    }

    // ENP-R6a/D13: a return that is not eligible opens the support callback ticket, in the same append.
    const notEligible = events.find((e) => e._tag === "ReturnNotEligible")
    let callbackTicket: TicketId | undefined
    // D15: only under Enphase's programme — another maker's return has no callback, so no ticket.
    if (
      notEligible !== undefined &&
      notEligible._tag === "ReturnNotEligible" &&
      notEligible.callbackEarliest !== undefined &&
      notEligible.callbackLatest !== undefined &&
      after._tag === "Requested"
    ) {
      callbackTicket = callbackTicketId(after.rmaId)
      const ticketStream = Ticket.streamId(callbackTicket)
      const ticket = yield* CommandHandler.load(aggregates.ticket, ticketStream)
      yield* Spans.annotate(Spans.streams(...touched, ticketStream))
      if (ticket.state._tag === "None") {
        const referral = referralOf(notEligible)
        const opened = yield* CommandHandler.decideOn(aggregates.ticket, ticket, {
          _tag: "OpenCallbackTicket",
          ticketId: callbackTicket,
          systemId: after.systemId,
          rmaId: after.rmaId,
          openedAt: after.requestedAt,
          requester: after.requester,
          serials: after.devices.map((d) => d.serial),
          reasons: notEligible.reasons,
          earliest: notEligible.callbackEarliest,
          latest: notEligible.callbackLatest,
          ...(referral !== undefined ? { referral } : {})
        })
        writes.push(
          yield* CommandHandler.toAppend(aggregates.ticket, ticketStream, ticket, opened, sub(metadata, "callback"))
        )
      }
    }

    const results = writes.length > 0 ? yield* store.appendMany(writes) : []
    const onRma = results.find((r) => r.streamId === rmaStream)
    // Another handler of the same command recorded it first: report what it recorded.
    if (onRma?.duplicate === true) {
      const current = yield* CommandHandler.load(aggregates.rma, rmaStream)
      return yield* repeated(aggregates, current, onRma.events)
    }
    return { rma: handledOf(aggregates.rma, rma, events, onRma), callbackTicket }
  })
  return retrying(attempt)
}
