/**
 * The small shared domain of the in-memory workloads: a service ticket that is opened, gets
 * visits logged, and is closed. It is implemented once for each library with the same decide and
 * evolve logic (same checks, same arithmetic, same events); only the shapes differ (soltrace:
 * `_tag` events and a `Result`; Emmett: `{ type, data }` events and a thrown error).
 */
import type { CommandHandler, Decider } from "@soltrace/core"
import { EventCodec } from "@soltrace/core"
import { Result, Schema } from "effect"
import type { Decider as EmmettDecider } from "@event-driven-io/emmett"

// ---------------------------------------------------------------------------------------------
// State and commands (shared)
// ---------------------------------------------------------------------------------------------

/** The state of a ticket. */
export interface State {
  readonly status: "none" | "open" | "closed"
  readonly visits: number
  readonly totalMinutes: number
  readonly lastVisitOn: string
}

/** The state of a stream with no event. */
export const initialState: State = { status: "none", visits: 0, totalMinutes: 0, lastVisitOn: "" }

/** Commands (the same objects are given to both libraries). */
export type Command =
  | { readonly type: "Open"; readonly data: { readonly ticketId: string; readonly openedOn: string } }
  | { readonly type: "LogVisit"; readonly data: { readonly minutes: number; readonly on: string } }
  | { readonly type: "Close"; readonly data: { readonly on: string } }

// ---------------------------------------------------------------------------------------------
// soltrace
// ---------------------------------------------------------------------------------------------

const Opened = Schema.TaggedStruct("Opened", { ticketId: Schema.String, openedOn: Schema.String })
const VisitLogged = Schema.TaggedStruct("VisitLogged", { minutes: Schema.Int, on: Schema.String })
const Closed = Schema.TaggedStruct("Closed", { on: Schema.String, visits: Schema.Int, totalMinutes: Schema.Int })

/** The event Schema of the soltrace implementation. */
export const Event = Schema.Union([Opened, VisitLogged, Closed])

/** A soltrace event. */
export type Event = typeof Event.Type

/** The refusals of the domain. */
export type Refusal = { readonly _tag: "Refused"; readonly reason: "already-open" | "not-open" }

const refuse = (reason: Refusal["reason"]) => Result.fail<Refusal>({ _tag: "Refused", reason })

/** soltrace decider. */
export const decider: Decider.Decider<Command, Event, State, Refusal> = {
  initialState,
  decide: (command, state) => {
    switch (command.type) {
      case "Open":
        if (state.status !== "none") return refuse("already-open")
        return Result.succeed([{ _tag: "Opened", ticketId: command.data.ticketId, openedOn: command.data.openedOn }])
      case "LogVisit":
        if (state.status !== "open") return refuse("not-open")
        return Result.succeed([{ _tag: "VisitLogged", minutes: command.data.minutes, on: command.data.on }])
      case "Close":
        if (state.status !== "open") return refuse("not-open")
        return Result.succeed([
          { _tag: "Closed", on: command.data.on, visits: state.visits, totalMinutes: state.totalMinutes }
        ])
    }
  },
  evolve: (state, event) => {
    switch (event._tag) {
      case "Opened":
        return { status: "open", visits: 0, totalMinutes: 0, lastVisitOn: event.openedOn }
      case "VisitLogged":
        return {
          status: state.status,
          visits: state.visits + 1,
          totalMinutes: state.totalMinutes + event.minutes,
          lastVisitOn: event.on
        }
      case "Closed":
        return { status: "closed", visits: state.visits, totalMinutes: state.totalMinutes, lastVisitOn: event.on }
    }
  },
  isTerminal: (state) => state.status === "closed"
}

/** The codec of the soltrace events. */
export const codec = EventCodec.make<Event>({ schema: Event })

/** The soltrace aggregate (decider + codec). */
export const aggregate: CommandHandler.Aggregate<Command, Event, State, Refusal> = { decider, codec }

// ---------------------------------------------------------------------------------------------
// Emmett (same logic)
// ---------------------------------------------------------------------------------------------

/** Emmett events. */
export type EmmettEvent =
  | { type: "Opened"; data: { ticketId: string; openedOn: string } }
  | { type: "VisitLogged"; data: { minutes: number; on: string } }
  | { type: "Closed"; data: { on: string; visits: number; totalMinutes: number } }

/** Emmett throws for a business "no". */
export class EmmettRefusal extends Error {}

/** Emmett commands: the same objects typed for Emmett. */
export type EmmettCommand = Command & { readonly kind?: "Command" }

/** The Emmett decider. */
export const emmettDecider: EmmettDecider<State, EmmettCommand, EmmettEvent> = {
  initialState: () => initialState,
  decide: (command, state) => {
    switch (command.type) {
      case "Open":
        if (state.status !== "none") throw new EmmettRefusal("already-open")
        return [{ type: "Opened", data: { ticketId: command.data.ticketId, openedOn: command.data.openedOn } }]
      case "LogVisit":
        if (state.status !== "open") throw new EmmettRefusal("not-open")
        return [{ type: "VisitLogged", data: { minutes: command.data.minutes, on: command.data.on } }]
      case "Close":
        if (state.status !== "open") throw new EmmettRefusal("not-open")
        return [
          { type: "Closed", data: { on: command.data.on, visits: state.visits, totalMinutes: state.totalMinutes } }
        ]
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case "Opened":
        return { status: "open", visits: 0, totalMinutes: 0, lastVisitOn: event.data.openedOn }
      case "VisitLogged":
        return {
          status: state.status,
          visits: state.visits + 1,
          totalMinutes: state.totalMinutes + event.data.minutes,
          lastVisitOn: event.data.on
        }
      case "Closed":
        return { status: "closed", visits: state.visits, totalMinutes: state.totalMinutes, lastVisitOn: event.data.on }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

/**
 * A copy of a self-contained function (no free variables: every `evolve` above), compiled on its
 * own. V8 keeps type feedback per function: one `evolve` shared by contenders that give it
 * different kinds of objects (literals, parsed JSON, decoded events) becomes polymorphic or
 * megamorphic, and each contender is then measured fast or slow depending on which one was
 * compiled first (measured: the hand loop from 47M to 170M events/s between runs). An
 * application's `evolve` sees one kind of event; a contender that folds with its own copy is
 * measured the same way, whatever else runs in the process.
 */
export const compiledApart = <F extends (...args: ReadonlyArray<never>) => unknown>(f: F): F =>
  // A separate compilation is the point here (`Function` is the only way to get one).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  (new Function(`return (${f.toString()})`) as () => F)()

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

const day = (i: number): string => {
  const d = 1 + (i % 28)
  const m = 1 + (Math.floor(i / 28) % 12)
  return `2025-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`
}

/** The `i`-th of `perStream` commands of ticket `ticketId`: open, visits, close. */
export const commandAt = (ticketId: string, i: number, perStream: number): Command =>
  i === 0
    ? { type: "Open", data: { ticketId, openedOn: day(0) } }
    : i === perStream - 1
      ? { type: "Close", data: { on: day(i) } }
      : { type: "LogVisit", data: { minutes: 15 + (i % 90), on: day(i) } }

/** `n` events of one ticket, as domain objects (soltrace shape): opened then visits. */
export const eventsOfOneStream = (n: number): Array<Event> => {
  const out: Array<Event> = [{ _tag: "Opened", ticketId: "t-1", openedOn: day(0) }]
  for (let i = 1; i < n; i++) out.push({ _tag: "VisitLogged", minutes: 15 + (i % 90), on: day(i) })
  return out
}

/** The final state of {@link eventsOfOneStream}, computed independently, to check every contender. */
export const expectedStateOf = (n: number): State => {
  let totalMinutes = 0
  for (let i = 1; i < n; i++) totalMinutes += 15 + (i % 90)
  return { status: "open", visits: n - 1, totalMinutes, lastVisitOn: n > 1 ? day(n - 1) : day(0) }
}
