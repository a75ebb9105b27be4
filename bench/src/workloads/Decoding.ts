/**
 * Workload 6 — decoding: events per second through the event Schemas, the cost every store read
 * pays before a fold (`EventCodec.decode`: upcasting, then `Schema.decodeUnknownResult` of the
 * event union).
 *
 * - `hand-written guard` — the reference, the limit: `typeof` checks of the same fields;
 * - `Schema.decodeUnknownResult (union)` — the bench domain's event union, decoded directly;
 * - `EventCodec.decode` — the same through the codec (envelope checks + decode);
 * - `EventCodec.decode + upcast v1→v2` — a codec whose `VisitLogged` is at schema version 2,
 *   reading v1 data through one upcaster;
 * - `Ticket.codec.decode` — the real after-sales Ticket events (ids, `CalendarDate` fields).
 */
import { EventCodec, type EventStore } from "@soltrace/core"
import { Ticket } from "@soltrace/aftersales"
import { Result, Schema } from "effect"
import * as Domain from "../Domain.js"
import type { Contender, Mode, Workload } from "../Harness.js"

const envelope = (i: number, type: string, data: unknown, schemaVersion = 1): EventStore.RecordedEvent => ({
  eventId: `e-${i}`,
  type,
  schemaVersion,
  recordedAt: 1_741_046_400_000,
  data,
  metadata: { commandId: `c-${i}` },
  streamId: "ticket-1",
  version: i + 1,
  position: i + 1
})

const handGuard = (event: EventStore.RecordedEvent): boolean => {
  const d = event.data as Record<string, unknown>
  if (typeof d !== "object" || d === null || d["_tag"] !== event.type) return false
  switch (event.type) {
    case "Opened":
      return typeof d["ticketId"] === "string" && typeof d["openedOn"] === "string"
    case "VisitLogged":
      return Number.isInteger(d["minutes"]) && typeof d["on"] === "string"
    case "Closed":
      return typeof d["on"] === "string" && Number.isInteger(d["visits"]) && Number.isInteger(d["totalMinutes"])
    default:
      return false
  }
}

// A v2 of the bench events: VisitLogged gained a `technician`; v1 data is upcast.
const VisitLoggedV2 = Schema.TaggedStruct("VisitLogged", {
  minutes: Schema.Int,
  on: Schema.String,
  technician: Schema.String
})
const EventV2 = Schema.Union([
  Schema.TaggedStruct("Opened", { ticketId: Schema.String, openedOn: Schema.String }),
  VisitLoggedV2,
  Schema.TaggedStruct("Closed", { on: Schema.String, visits: Schema.Int, totalMinutes: Schema.Int })
])
const codecV2 = EventCodec.make<typeof EventV2.Type>({
  schema: EventV2,
  versions: { VisitLogged: 2 },
  upcasters: [{ type: "VisitLogged", from: 1, up: (data) => ({ ...(data as object), technician: "unknown" }) }]
})

const ticketEvent = (i: number): EventStore.RecordedEvent => {
  const on = `2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`
  const data =
    i % 3 === 0
      ? { _tag: "HandlerAssigned", ticketId: "T-1001", handlerId: "P-17", on }
      : i % 3 === 1
        ? {
            _tag: "NoteAdded",
            ticketId: "T-1001",
            authorId: "P-17",
            text: "Replaced microinverter, RMA requested.",
            on
          }
        : { _tag: "TicketClosed", ticketId: "T-1001", on }
  return envelope(i, data._tag, data)
}

/** Builds the decoding workload. */
export const make = async (mode: Mode): Promise<Workload> => {
  const count = mode === "quick" ? 200 : 1_000
  const domainEvents = Domain.eventsOfOneStream(count - 1)
  domainEvents.push({ _tag: "Closed", on: "2025-12-01", visits: count - 2, totalMinutes: 1 })
  const recorded = domainEvents.map((e, i) => envelope(i, e._tag, e))
  const tickets = Array.from({ length: count }, (_, i) => ticketEvent(i))

  const decodeUnion = Schema.decodeUnknownResult(Domain.Event)
  // Every contender must accept every event before it is timed.
  for (const e of recorded) {
    if (!handGuard(e)) throw new Error(`decoding: hand guard rejects ${JSON.stringify(e)}`)
    if (Result.isFailure(decodeUnion(e.data))) throw new Error(`decoding: union rejects ${JSON.stringify(e.data)}`)
    if (Result.isFailure(Domain.codec.decode(e))) throw new Error(`decoding: codec rejects ${JSON.stringify(e)}`)
    const up = codecV2.decode(e)
    if (Result.isFailure(up)) throw new Error(`decoding: v2 codec rejects ${JSON.stringify(e)}: ${up.failure.message}`)
  }
  const ticketProblems = tickets.map((e) => Ticket.codec.decode(e)).filter(Result.isFailure)
  const ticketNote =
    ticketProblems.length > 0 ? `Ticket events rejected: ${ticketProblems[0]!.failure.message}` : undefined

  let sink = 0
  const loop =
    (events: ReadonlyArray<EventStore.RecordedEvent>, decode: (e: EventStore.RecordedEvent) => unknown) => () => {
      for (let i = 0; i < events.length; i++) if (decode(events[i]!) !== undefined) sink++
      return sink
    }
  const contenders: Array<Contender> = [
    { name: "hand-written guard", units: count, run: loop(recorded, (e) => (handGuard(e) ? e.data : undefined)) },
    { name: "Schema.decodeUnknownResult (union)", units: count, run: loop(recorded, (e) => decodeUnion(e.data)) },
    { name: "EventCodec.decode", units: count, run: loop(recorded, (e) => Domain.codec.decode(e)) },
    { name: "EventCodec.decode + upcast v1→v2", units: count, run: loop(recorded, (e) => codecV2.decode(e)) }
  ]
  if (ticketNote === undefined) {
    contenders.push({
      name: "Ticket.codec.decode (CalendarDate fields)",
      units: count,
      run: loop(tickets, (e) => Ticket.codec.decode(e))
    })
  }
  return {
    id: "decoding",
    title: "6. Decoding: events through the event Schemas (what a store read pays)",
    unit: "events",
    reference: "hand-written guard",
    params: { events: count },
    contenders
  }
}
