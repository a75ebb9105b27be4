/**
 * The Ticket aggregate: a support request about a system (ENP-S2..S4, ENP-C*, APS-2..6, D6, D13).
 *
 * Lifecycle: `open → in progress ⇄ waiting on requester → resolved → closed`, reopen allowed; or
 * `referred` when `SupportRouting` sends the requester elsewhere (APS-3 qualified installer, APS-4
 * installer of record, APS-5 local installer, APS-6 backing installer): the requester is told where
 * to go — a `TicketReferred` event, never an error — and a referred ticket never gets
 * troubleshooting (no handler, no question, no resolution).
 *
 * The serials of the system (current and retired, ENP-S4) and its installation are passed in the
 * `OpenTicket` command by the application layer.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { Calendar, Decision, Programmes, SupportRouting } from "@soltrace/rules"
import type * as CommandHandler from "@soltrace/core/CommandHandler"
import type * as Decider from "@soltrace/core/Decider"
import * as EventCodec from "@soltrace/core/EventCodec"
import {
  because,
  lifecycle,
  PartyId,
  Reason,
  Reasons,
  Requester,
  RmaId,
  Serial,
  SystemId,
  TicketId,
  toRulesRequester
} from "./AfterSalesIds.js"

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/**
 * Who asks: the shared vocabulary's `Requester`, re-exported here for the Ticket's users.
 *
 * @since 0.1.0
 * @category schemas
 */
export { Requester, toRulesRequester }

/**
 * How the request came in.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Channel = Schema.Literals(["form", "phone", "email"])

/**
 * What the request is about: troubleshooting (`technical`), a `return`, or anything else.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Kind = Schema.Literals(["technical", "return", "other"])

/**
 * Where a referred requester is sent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReferredTo = Schema.Literals([
  "qualified-installer",
  "installer-of-record",
  "backing-installer",
  "local-installer"
])

/**
 * The facts about the system the ticket needs, loaded by the application layer from the System.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SystemFacts = Schema.Struct({
  /** ENP-S4: every serial of the system, current or retired. */
  serials: Schema.Array(Serial),
  installation: SupportRouting.Installation,
  /** D15: the maker of each serial (routing follows the maker of the devices concerned). */
  makers: Schema.optional(Schema.Record(Schema.String, Schema.String)),
  /** D15: the maker of the system's monitoring, for a request that names no device. */
  monitoringMaker: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type SystemFacts = typeof SystemFacts.Type

// ---------------------------------------------------------------------------------------------
// Commands and events
// ---------------------------------------------------------------------------------------------

const Text = Schema.String.check(Schema.isMinLength(1))

/**
 * The commands of a Ticket.
 *
 * @since 0.1.0
 * @category commands
 */
export const Command = Schema.Union([
  Schema.TaggedStruct("OpenTicket", {
    ticketId: TicketId,
    systemId: SystemId,
    /** When the request came in, wall-clock time in the support time zone (ENP-C1, ENP-C2). */
    openedAt: Calendar.LocalDateTime,
    requester: Requester,
    channel: Channel,
    kind: Kind,
    subject: Text,
    /** ENP-S4: serials of the system, current or retired. */
    serials: Schema.Array(Serial),
    description: Schema.String,
    system: SystemFacts
  }),
  Schema.TaggedStruct("OpenCallbackTicket", {
    ticketId: TicketId,
    systemId: SystemId,
    rmaId: RmaId,
    openedAt: Calendar.LocalDateTime,
    /** The installer who asked for the return (ENP-R6a: support contacts the installer). */
    requester: Requester,
    serials: Schema.Array(Serial),
    /** Why the return was not eligible. */
    reasons: Reasons,
    /** D13: the callback window decided by `ReturnEligibility`. */
    earliest: Calendar.LocalDateTime,
    latest: Calendar.LocalDateTime,
    /** APS-3/APS-4: where the return's decision referred the requester (kept on the ticket). */
    referral: Schema.optional(Schema.Struct({ to: ReferredTo, rule: Schema.String }))
  }),
  Schema.TaggedStruct("AssignHandler", { ticketId: TicketId, handlerId: PartyId, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("AddNote", { ticketId: TicketId, authorId: PartyId, text: Text, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("AskRequester", { ticketId: TicketId, question: Text, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("RecordRequesterReply", { ticketId: TicketId, text: Text, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("ResolveTicket", { ticketId: TicketId, resolution: Text, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("CloseTicket", { ticketId: TicketId, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("ReopenTicket", { ticketId: TicketId, reason: Text, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("ScheduleCallback", { ticketId: TicketId, requestedAt: Calendar.LocalDateTime })
]).pipe(Schema.toTaggedUnion("_tag"))

/**
 * @since 0.1.0
 * @category commands
 */
export type Command = typeof Command.Type

const Opened = {
  ticketId: TicketId,
  systemId: SystemId,
  openedAt: Calendar.LocalDateTime,
  requester: Requester,
  channel: Channel,
  kind: Kind,
  subject: Schema.String,
  serials: Schema.Array(Serial),
  description: Schema.String,
  /** ENP-C1: a form request is answered by this time. */
  responseDue: Schema.optional(Calendar.LocalDateTime),
  reasons: Schema.Array(Reason)
}

/**
 * The events of a Ticket.
 *
 * @since 0.1.0
 * @category events
 */
export const Event = Schema.Union([
  Schema.TaggedStruct("TicketOpened", Opened),
  Schema.TaggedStruct("TicketReferred", {
    ...Opened,
    referredTo: ReferredTo,
    /** The rule that routed the requester (APS-3, APS-4, APS-5 or APS-6). */
    rule: Schema.String,
    licenceNumber: Schema.optional(Schema.String)
  }),
  Schema.TaggedStruct("HandlerAssigned", { ticketId: TicketId, handlerId: PartyId, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("NoteAdded", {
    ticketId: TicketId,
    authorId: PartyId,
    text: Schema.String,
    on: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("RequesterAsked", { ticketId: TicketId, question: Schema.String, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("RequesterReplied", { ticketId: TicketId, text: Schema.String, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("TicketResolved", { ticketId: TicketId, resolution: Schema.String, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("TicketClosed", { ticketId: TicketId, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("TicketReopened", { ticketId: TicketId, reason: Schema.String, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("CallbackScheduled", {
    ticketId: TicketId,
    rmaId: Schema.optional(RmaId),
    earliest: Calendar.LocalDateTime,
    latest: Calendar.LocalDateTime,
    reasons: Reasons
  })
]).pipe(Schema.toTaggedUnion("_tag"))

/**
 * @since 0.1.0
 * @category events
 */
export type Event = typeof Event.Type

/**
 * A Ticket command was refused; `reasons` say why, each with its rule id.
 *
 * @since 0.1.0
 * @category errors
 */
export class TicketCommandRefused extends Schema.TaggedError<TicketCommandRefused>()("TicketCommandRefused", {
  ticketId: Schema.String,
  command: Schema.String,
  reasons: Reasons
}) {
  override get message(): string {
    return `${this.command} refused on ticket ${this.ticketId}: ${this.reasons.map((r) => `[${r.rule}] ${r.message}`).join(" ")}`
  }
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/**
 * The statuses of a ticket (see the state diagram in `docs/aftersales/Ticket.md`).
 *
 * @since 0.1.0
 * @category state
 */
export type Status = "open" | "in-progress" | "waiting-on-requester" | "resolved" | "closed" | "referred"

/**
 * An opened ticket.
 *
 * @since 0.1.0
 * @category state
 */
export interface Opened {
  readonly _tag: "Opened"
  readonly ticketId: TicketId
  readonly systemId: SystemId
  readonly openedAt: string
  readonly requester: Requester
  readonly channel: typeof Channel.Type
  readonly kind: typeof Kind.Type
  readonly subject: string
  readonly serials: ReadonlyArray<Serial>
  readonly description: string
  readonly status: Status
  readonly handlerId?: PartyId | undefined
  readonly referral?:
    | { readonly to: typeof ReferredTo.Type; readonly rule: string; readonly licenceNumber?: string | undefined }
    | undefined
  readonly notes: ReadonlyArray<{ readonly authorId: PartyId; readonly text: string; readonly on: string }>
  readonly callback?: { readonly earliest: string; readonly latest: string } | undefined
  /** ENP-C1: when a form request is answered by (D13 working-day hours). */
  readonly responseDue?: string | undefined
  /** D12: the first day support acted on the ticket (a handler, a note, a question, a resolution). */
  readonly answeredOn?: string | undefined
}

/**
 * @since 0.1.0
 * @category state
 */
export type State = { readonly _tag: "None" } | Opened

/**
 * @since 0.1.0
 * @category state
 */
export const initialState: State = { _tag: "None" }

// ---------------------------------------------------------------------------------------------
// Decide
// ---------------------------------------------------------------------------------------------

/** The fields of a tagged value, without its tag. */
const fields = <A extends { readonly _tag: string }>(a: A): Omit<A, "_tag"> => {
  const { _tag, ...rest } = a
  return rest
}

type Out = Result.Result<ReadonlyArray<Event>, TicketCommandRefused>

const ok = (...events: ReadonlyArray<Event>): Out => Result.succeed(events)

const refuse = (command: Command, first: Decision.Reason, ...rest: ReadonlyArray<Decision.Reason>): Out =>
  Result.fail(
    new TicketCommandRefused({ ticketId: command.ticketId, command: command._tag, reasons: [first, ...rest] })
  )

/**
 * D13: the support callback window, `[24, 48]` business hours after `requestedAt` by default.
 *
 * @since 0.1.0
 * @category rules
 */
export const callbackWindow = (
  requestedAt: string,
  hours: readonly [number, number] = [24, 48],
  routing: SupportRouting.Policy = SupportRouting.defaultPolicy
): { readonly earliest: string; readonly latest: string } => ({
  // D13: working-day hours by default (`routing.hoursBasis`), French holidays for Enphase France.
  earliest: SupportRouting.addSupportHours(requestedAt, hours[0], routing),
  latest: SupportRouting.addSupportHours(requestedAt, hours[1], routing)
})

const noTroubleshooting = (command: Command, s: Opened): Out => {
  const referral = s.referral
  return refuse(
    command,
    because(
      referral?.rule ?? "APS-3",
      `Ticket ${s.ticketId} was referred to a ${referral?.to ?? "qualified-installer"}: it gets no troubleshooting.`,
      { referredTo: referral?.to ?? "qualified-installer" }
    )
  )
}

const wrongStatus = (command: Command, s: Opened, expected: string): Out =>
  refuse(
    command,
    lifecycle(`${command._tag} needs a ticket that is ${expected}; ticket ${s.ticketId} is ${s.status}.`, {
      status: s.status
    })
  )

const decideOpened = (policy: Policy, command: Command, s: Opened): Out => {
  switch (command._tag) {
    case "OpenTicket":
    case "OpenCallbackTicket":
      return refuse(command, lifecycle(`Ticket ${s.ticketId} is already open.`))
    case "AssignHandler":
      if (s.status === "referred") return noTroubleshooting(command, s)
      if (s.status === "resolved" || s.status === "closed")
        return wrongStatus(command, s, "open, in progress or waiting on the requester")
      return ok(Event.cases.HandlerAssigned.make(fields(command)))
    case "AddNote":
      if (s.status === "closed") return wrongStatus(command, s, "not closed")
      return ok(Event.cases.NoteAdded.make(fields(command)))
    case "AskRequester":
      if (s.status === "referred") return noTroubleshooting(command, s)
      if (s.status !== "in-progress") return wrongStatus(command, s, "in progress")
      return ok(Event.cases.RequesterAsked.make(fields(command)))
    case "RecordRequesterReply":
      if (s.status !== "waiting-on-requester") return wrongStatus(command, s, "waiting on the requester")
      return ok(Event.cases.RequesterReplied.make(fields(command)))
    case "ResolveTicket":
      if (s.status === "referred") return noTroubleshooting(command, s)
      if (s.status !== "in-progress" && s.status !== "waiting-on-requester") {
        return wrongStatus(command, s, "in progress or waiting on the requester")
      }
      return ok(Event.cases.TicketResolved.make(fields(command)))
    case "CloseTicket":
      if (s.status !== "resolved" && s.status !== "referred") return wrongStatus(command, s, "resolved or referred")
      return ok(Event.cases.TicketClosed.make(fields(command)))
    case "ReopenTicket":
      if (s.status !== "resolved" && s.status !== "closed") return wrongStatus(command, s, "resolved or closed")
      return ok(Event.cases.TicketReopened.make(fields(command)))
    case "ScheduleCallback": {
      if (s.status === "closed") return wrongStatus(command, s, "not closed")
      // D13: counted in working-day hours (or support-line hours, per the routing policy).
      const window = callbackWindow(command.requestedAt, policy.callbackHours, policy.routing)
      return ok(
        Event.cases.CallbackScheduled.make({
          ticketId: s.ticketId,
          ...window,
          reasons: [
            because(
              "D13",
              `Support calls back between ${window.earliest} and ${window.latest} (24–48 business hours).`,
              {
                requestedAt: command.requestedAt,
                ...window
              }
            )
          ]
        })
      )
    }
  }
}

/**
 * Policy parameters of the Ticket: the support routing policy (ENP-C1 answer time, support
 * calendar of ENP-C2/D13) and the callback window in business hours (D13).
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly routing: SupportRouting.Policy
  readonly callbackHours: readonly [number, number]
  /** D15: each maker's programme, as dated data (the version in force on the request day applies). */
  readonly programmes?: Programmes.Table | undefined
}

/**
 * The defaults: `SupportRouting.defaultPolicy` and a 24–48 business-hour callback (D13).
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = { routing: SupportRouting.defaultPolicy, callbackHours: [24, 48] }

/**
 * Decides a Ticket command under a policy.
 *
 * @since 0.1.0
 * @category decider
 */
export const decideWith =
  (policy: Policy) =>
  (command: Command, state: State): Out => {
    if (state._tag === "Opened") return decideOpened(policy, command, state)
    switch (command._tag) {
      case "OpenTicket": {
        // ENP-S4: the devices concerned are serials of the system, current or retired.
        const foreign = command.serials.filter((serial) => !command.system.serials.includes(serial))
        const [firstForeign, ...moreForeign] = foreign.map((serial) =>
          because("ENP-S4", `Serial ${serial} never belonged to system ${command.systemId}.`, {
            serial,
            systemId: command.systemId
          })
        )
        if (firstForeign !== undefined) return refuse(command, firstForeign, ...moreForeign)
        // D15: routing follows the maker of the devices concerned, else of the system's monitoring.
        const maker =
          command.serials.map((serial) => command.system.makers?.[serial]).find((m) => m !== undefined) ??
          command.system.monitoringMaker
        const programme =
          maker === undefined
            ? undefined
            : Programmes.inForce(policy.programmes ?? Programmes.defaultTable, maker, command.openedAt.slice(0, 10))
        const routing = SupportRouting.route(
          {
            requester: toRulesRequester(command.requester),
            installation: command.system.installation,
            kind: command.kind,
            channel: command.channel,
            at: command.openedAt,
            hasSystemOrSerialNumber: true,
            ...(programme !== undefined ? { support: programme.support, programme: programme.name } : {})
          },
          policy.routing
        )
        const { system: _system, _tag: _command, ...openedFields } = command
        const opened = {
          ...openedFields,
          ...(routing.response.channel === "form" ? { responseDue: routing.response.due } : {}),
          reasons: routing.reasons
        }
        const route = routing.route
        if (route._tag === "Refer") {
          // APS-3..6: never left without an answer — told where to go.
          return ok(
            Event.cases.TicketReferred.make({
              ...opened,
              referredTo: route.to,
              rule: route.rule,
              ...(route.licenceNumber !== undefined ? { licenceNumber: route.licenceNumber } : {})
            })
          )
        }
        return ok(Event.cases.TicketOpened.make(opened))
      }
      case "OpenCallbackTicket": {
        // ENP-R6a/D13: a return that is not eligible opens a callback ticket; APS-3/APS-4: when
        // the decision referred the requester, the ticket is referred too — no troubleshooting.
        const opened = {
          ticketId: command.ticketId,
          systemId: command.systemId,
          openedAt: command.openedAt,
          requester: command.requester,
          channel: "form" as const,
          kind: "return" as const,
          subject: `Return ${command.rmaId} not eligible: support calls back`,
          serials: command.serials,
          description: command.reasons.map((r) => `[${r.rule}] ${r.message}`).join("\n"),
          reasons: command.reasons
        }
        return ok(
          command.referral === undefined
            ? Event.cases.TicketOpened.make(opened)
            : Event.cases.TicketReferred.make({
                ...opened,
                referredTo: command.referral.to,
                rule: command.referral.rule
              }),
          Event.cases.CallbackScheduled.make({
            ticketId: command.ticketId,
            rmaId: command.rmaId,
            earliest: command.earliest,
            latest: command.latest,
            reasons: [
              because(
                "ENP-R6",
                `The return is not eligible: support contacts the installer between ${command.earliest} and ${command.latest} (D13).`,
                {
                  earliest: command.earliest,
                  latest: command.latest
                }
              )
            ]
          })
        )
      }
      default:
        return refuse(command, lifecycle(`Ticket ${command.ticketId} is not open.`))
    }
  }

/**
 * Decides a Ticket command under the default policy.
 *
 * @since 0.1.0
 * @category decider
 */
export const decide: (command: Command, state: State) => Out = decideWith(defaultPolicy)

// ---------------------------------------------------------------------------------------------
// Evolve
// ---------------------------------------------------------------------------------------------

/**
 * The state after one event.
 *
 * @since 0.1.0
 * @category decider
 */
export const evolve = (state: State, event: Event): State => {
  switch (event._tag) {
    case "TicketOpened":
    case "TicketReferred":
      return {
        _tag: "Opened",
        ticketId: event.ticketId,
        systemId: event.systemId,
        openedAt: event.openedAt,
        requester: event.requester,
        channel: event.channel,
        kind: event.kind,
        subject: event.subject,
        serials: event.serials,
        description: event.description,
        status: event._tag === "TicketReferred" ? "referred" : "open",
        referral:
          event._tag === "TicketReferred"
            ? { to: event.referredTo, rule: event.rule, licenceNumber: event.licenceNumber }
            : undefined,
        notes: [],
        responseDue: event.responseDue
      }
  }
  if (state._tag === "None") return state
  switch (event._tag) {
    case "HandlerAssigned":
      return {
        ...state,
        handlerId: event.handlerId,
        status: state.status === "open" ? "in-progress" : state.status,
        answeredOn: state.answeredOn ?? event.on
      }
    case "NoteAdded":
      return {
        ...state,
        notes: [...state.notes, { authorId: event.authorId, text: event.text, on: event.on }],
        answeredOn: state.answeredOn ?? event.on
      }
    case "RequesterAsked":
      return { ...state, status: "waiting-on-requester", answeredOn: state.answeredOn ?? event.on }
    case "RequesterReplied":
      return { ...state, status: "in-progress" }
    case "TicketResolved":
      return { ...state, status: "resolved", answeredOn: state.answeredOn ?? event.on }
    case "TicketClosed":
      return { ...state, status: "closed" }
    case "TicketReopened":
      return {
        ...state,
        status: state.referral !== undefined ? "referred" : state.handlerId !== undefined ? "in-progress" : "open"
      }
    case "CallbackScheduled":
      return { ...state, callback: { earliest: event.earliest, latest: event.latest } }
  }
}

/**
 * The Ticket decider under a policy. A ticket is never terminal: a closed ticket may be reopened.
 *
 * @since 0.1.0
 * @category decider
 */
export const makeDecider = (
  policy: Policy = defaultPolicy
): Decider.Decider<Command, Event, State, TicketCommandRefused> => ({
  initialState,
  decide: decideWith(policy),
  evolve,
  isTerminal: () => false
})

/**
 * The Ticket decider under the default policy.
 *
 * @since 0.1.0
 * @category decider
 */
export const decider: Decider.Decider<Command, Event, State, TicketCommandRefused> = makeDecider()

/**
 * The codec of Ticket events.
 *
 * @since 0.1.0
 * @category storage
 */
export const codec: EventCodec.EventCodec<Event> = EventCodec.make({ schema: Event })

/**
 * The Ticket aggregate for the kernel's command handler (streams `ticket-<id>`).
 *
 * @since 0.1.0
 * @category storage
 */
export const aggregate: CommandHandler.Aggregate<Command, Event, State, TicketCommandRefused> = { decider, codec }

/**
 * The Ticket aggregate under a policy.
 *
 * @since 0.1.0
 * @category storage
 */
export const makeAggregate = (
  policy: Policy = defaultPolicy
): CommandHandler.Aggregate<Command, Event, State, TicketCommandRefused> => ({ decider: makeDecider(policy), codec })

/**
 * Decodes an untrusted Ticket command; a malformed one is an `InvalidInput` naming the field.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeCommand = Decision.decodeInput(Command, "Ticket command")

/**
 * The stream id of a ticket.
 *
 * @since 0.1.0
 * @category storage
 */
export const streamId = (id: TicketId): string => `ticket-${id}`
