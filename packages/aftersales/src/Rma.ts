/**
 * The RMA aggregate: a return authorization for one or more devices of one system
 * (ENP-W2, ENP-R1..R10, APS-2..3, D1, D6, D13).
 *
 * Lifecycle: `requested → (awaiting proof of ownership) → approved | not eligible → replacement
 * shipped → replacement installed → defective unit returned → closed`. With several devices, the
 * RMA's status is the least advanced step of its devices.
 *
 * Eligibility is decided at once by `ReturnEligibility.decide` from the facts the application
 * layer passes in the command (the system's devices and commissioning date, the serials already in
 * open RMAs). A return that is not eligible is a `ReturnNotEligible` event, not an error: it carries
 * the reasons and the support callback window (ENP-R6a, D13), and the application layer opens the
 * callback ticket.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { Calendar, Decision, ReturnEligibility } from "@soltrace/rules"
import type * as CommandHandler from "@soltrace/core/CommandHandler"
import type * as Decider from "@soltrace/core/Decider"
import * as EventCodec from "@soltrace/core/EventCodec"
import {
  because,
  lifecycle,
  Reason,
  Reasons,
  Requester,
  RmaId,
  Serial,
  SystemId,
  toRulesRequester
} from "./AfterSalesIds.js"

/**
 * The facts about the system a return needs, loaded by the application layer (exactly the
 * `system` input of `ReturnEligibility.decide`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SystemFacts = ReturnEligibility.ReturnRequest.fields.system

/**
 * @since 0.1.0
 * @category models
 */
export type SystemFacts = typeof SystemFacts.Type

const Text = Schema.String.check(Schema.isMinLength(1))

/**
 * The commands of an RMA.
 *
 * @since 0.1.0
 * @category commands
 */
export const Command = Schema.Union([
  Schema.TaggedStruct("RequestReturn", {
    rmaId: RmaId,
    systemId: SystemId,
    serials: Schema.NonEmptyArray(Serial),
    /**
     * ENP-R4/ENP-R6: where the replacement is shipped — D16: the id of that postal address in the
     * personal-data store (`@soltrace/core/PersonalData`), never the address itself.
     */
    shippingAddress: Text,
    requester: Requester,
    /** Wall-clock time of the request in the support time zone (D13 callback window). */
    requestedAt: Calendar.LocalDateTime,
    system: SystemFacts,
    /** Serials of the system already in another open RMA. */
    serialsInOpenRmas: Schema.Array(Serial),
    proofOfOwnershipProvided: Schema.Boolean,
    /** ENP-R3: serials of the system received without authorization (under any RMA). */
    serialsReceivedWithoutAuthorization: Schema.optional(Schema.Array(Serial))
  }),
  Schema.TaggedStruct("ProvideProofOfOwnership", {
    rmaId: RmaId,
    providedAt: Calendar.LocalDateTime,
    system: SystemFacts,
    serialsInOpenRmas: Schema.Array(Serial),
    /** ENP-R3: serials of the system received without authorization (under any RMA). */
    serialsReceivedWithoutAuthorization: Schema.optional(Schema.Array(Serial))
  }),
  Schema.TaggedStruct("ShipReplacement", {
    rmaId: RmaId,
    original: Serial,
    replacement: Serial,
    carrier: Text,
    tracking: Text,
    shippedOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("RecordReplacementInstalled", {
    rmaId: RmaId,
    original: Serial,
    replacement: Serial,
    installedOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("ConfirmReplacement", { rmaId: RmaId, original: Serial, confirmedOn: Calendar.CalendarDate }),
  Schema.TaggedStruct("ShipDefectiveUnit", {
    rmaId: RmaId,
    serial: Serial,
    carrier: Text,
    tracking: Text,
    shippedOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("ReceiveUnit", { rmaId: RmaId, serial: Serial, receivedOn: Calendar.CalendarDate }),
  Schema.TaggedStruct("CloseRma", { rmaId: RmaId, closedOn: Calendar.CalendarDate })
]).pipe(Schema.toTaggedUnion("_tag"))

/**
 * @since 0.1.0
 * @category commands
 */
export type Command = typeof Command.Type

/**
 * The events of an RMA.
 *
 * @since 0.1.0
 * @category events
 */
export const Event = Schema.Union([
  Schema.TaggedStruct("ReturnRequested", {
    rmaId: RmaId,
    systemId: SystemId,
    serials: Schema.NonEmptyArray(Serial),
    shippingAddress: Schema.String,
    requester: Requester,
    requestedAt: Calendar.LocalDateTime
  }),
  Schema.TaggedStruct("ProofOfOwnershipRequested", { rmaId: RmaId, reasons: Schema.Array(Reason) }),
  Schema.TaggedStruct("ProofOfOwnershipProvided", { rmaId: RmaId, providedAt: Calendar.LocalDateTime }),
  Schema.TaggedStruct("ReturnApproved", {
    rmaId: RmaId,
    approvedOn: Calendar.CalendarDate,
    serials: Schema.Array(Serial),
    reasons: Schema.Array(Reason)
  }),
  Schema.TaggedStruct("ReturnNotEligible", {
    rmaId: RmaId,
    decidedOn: Calendar.CalendarDate,
    reasons: Reasons,
    /**
     * ENP-R6a/D13: support calls the installer back in this window — only under Enphase's
     * programme (D15); absent for another maker's return.
     */
    callbackEarliest: Schema.optional(Calendar.LocalDateTime),
    callbackLatest: Schema.optional(Calendar.LocalDateTime),
    referral: Schema.optional(Schema.String),
    /** APS-2/APS-3/APS-4: the rule that referred the requester. */
    referralRule: Schema.optional(Schema.String)
  }),
  Schema.TaggedStruct("ReplacementShipped", {
    rmaId: RmaId,
    original: Serial,
    replacement: Serial,
    carrier: Schema.String,
    tracking: Schema.String,
    shippedOn: Calendar.CalendarDate,
    shippingAddress: Schema.String
  }),
  Schema.TaggedStruct("ReplacementInstalled", {
    rmaId: RmaId,
    original: Serial,
    replacement: Serial,
    installedOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("ReplacementConfirmed", { rmaId: RmaId, original: Serial, confirmedOn: Calendar.CalendarDate }),
  Schema.TaggedStruct("DefectiveUnitShipped", {
    rmaId: RmaId,
    serial: Serial,
    carrier: Schema.String,
    tracking: Schema.String,
    shippedOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("DefectiveUnitReceived", { rmaId: RmaId, serial: Serial, receivedOn: Calendar.CalendarDate }),
  Schema.TaggedStruct("UnauthorizedReturnReceived", {
    rmaId: RmaId,
    serial: Serial,
    receivedOn: Calendar.CalendarDate,
    reasons: Reasons
  }),
  Schema.TaggedStruct("RmaClosed", { rmaId: RmaId, closedOn: Calendar.CalendarDate })
]).pipe(Schema.toTaggedUnion("_tag"))

/**
 * @since 0.1.0
 * @category events
 */
export type Event = typeof Event.Type

/**
 * An RMA command was refused; `reasons` say why, each with its rule id.
 *
 * @since 0.1.0
 * @category errors
 */
export class RmaCommandRefused extends Schema.TaggedError<RmaCommandRefused>()("RmaCommandRefused", {
  rmaId: Schema.String,
  command: Schema.String,
  reasons: Reasons
}) {
  override get message(): string {
    return `${this.command} refused on RMA ${this.rmaId}: ${this.reasons.map((r) => `[${r.rule}] ${r.message}`).join(" ")}`
  }
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/**
 * The statuses of an RMA (see the state diagram in `docs/aftersales/Rma.md`).
 *
 * @since 0.1.0
 * @category state
 */
export type Status =
  | "awaiting-proof"
  | "approved"
  | "not-eligible"
  | "replacement-shipped"
  | "replacement-installed"
  | "defective-returned"
  | "closed"

/**
 * What happened to one device of the RMA.
 *
 * @since 0.1.0
 * @category state
 */
export interface DeviceReturn {
  readonly serial: Serial
  readonly replacementShipped?:
    | { readonly replacement: Serial; readonly carrier: string; readonly tracking: string; readonly shippedOn: string }
    | undefined
  readonly replacementInstalled?: { readonly replacement: Serial; readonly installedOn: string } | undefined
  readonly confirmedOn?: string | undefined
  readonly defectiveShipped?:
    { readonly carrier: string; readonly tracking: string; readonly shippedOn: string } | undefined
  readonly receivedOn?: string | undefined
}

/**
 * A requested RMA.
 *
 * @since 0.1.0
 * @category state
 */
export interface Requested {
  readonly _tag: "Requested"
  readonly rmaId: RmaId
  readonly systemId: SystemId
  readonly requester: Requester
  readonly requestedAt: string
  readonly shippingAddress: string
  readonly decision: "awaiting-proof" | "approved" | "not-eligible"
  readonly approvedOn?: string | undefined
  readonly devices: ReadonlyArray<DeviceReturn>
  readonly reasons: ReadonlyArray<Decision.Reason>
  readonly closedOn?: string | undefined
  readonly unauthorizedReceipts: ReadonlyArray<{ readonly serial: Serial; readonly receivedOn: string }>
}

/**
 * No return requested on this stream (units may still arrive without authorization, ENP-R3).
 *
 * @since 0.1.0
 * @category state
 */
export interface None {
  readonly _tag: "None"
  readonly unauthorizedReceipts: ReadonlyArray<{ readonly serial: Serial; readonly receivedOn: string }>
}

/**
 * @since 0.1.0
 * @category state
 */
export type State = None | Requested

/**
 * @since 0.1.0
 * @category state
 */
export const initialState: State = { _tag: "None", unauthorizedReceipts: [] }

/** 0 approved, 1 replacement shipped, 2 replacement installed, 3 installed and defective unit received. */
const step = (d: DeviceReturn): number =>
  d.replacementInstalled !== undefined
    ? d.receivedOn !== undefined
      ? 3
      : 2
    : d.replacementShipped !== undefined
      ? 1
      : 0

const stepStatus = ["approved", "replacement-shipped", "replacement-installed", "defective-returned"] as const

/**
 * The status of an RMA: its decision, then the least advanced step of its devices.
 *
 * @since 0.1.0
 * @category state
 */
export const status = (state: Requested): Status => {
  if (state.closedOn !== undefined) return "closed"
  if (state.decision !== "approved") return state.decision
  return stepStatus[Math.min(...state.devices.map(step))] ?? "approved"
}

/**
 * An RMA is open until it is closed or found not eligible (a serial is in at most one open RMA).
 *
 * @since 0.1.0
 * @category state
 */
export const isOpen = (state: State): boolean =>
  state._tag === "Requested" && state.closedOn === undefined && state.decision !== "not-eligible"

/**
 * The serials an approved RMA authorizes (empty otherwise).
 *
 * @since 0.1.0
 * @category state
 */
export const approvedSerials = (state: State): ReadonlyArray<Serial> =>
  state._tag === "Requested" && state.decision === "approved" ? state.devices.map((d) => d.serial) : []

// ---------------------------------------------------------------------------------------------
// Decide
// ---------------------------------------------------------------------------------------------

/** The fields of a tagged value, without its tag. */
const fields = <A extends { readonly _tag: string }>(a: A): Omit<A, "_tag"> => {
  const { _tag, ...rest } = a
  return rest
}

type Out = Result.Result<ReadonlyArray<Event>, RmaCommandRefused>

const ok = (...events: ReadonlyArray<Event>): Out => Result.succeed(events)

const refuse = (command: Command, first: Decision.Reason, ...rest: ReadonlyArray<Decision.Reason>): Out =>
  Result.fail(new RmaCommandRefused({ rmaId: command.rmaId, command: command._tag, reasons: [first, ...rest] }))

const outcomeEvents = (rmaId: RmaId, at: string, outcome: ReturnEligibility.Outcome): Array<Event> => {
  switch (outcome._tag) {
    case "Approved":
      return [
        Event.cases.ReturnApproved.make({
          rmaId,
          approvedOn: at.slice(0, 10),
          serials: outcome.serials.map((s) => Serial.make(s)),
          reasons: outcome.reasons
        })
      ]
    case "NotEligible":
      return [
        Event.cases.ReturnNotEligible.make({
          rmaId,
          decidedOn: at.slice(0, 10),
          reasons: outcome.reasons,
          ...(outcome.callback !== undefined
            ? { callbackEarliest: outcome.callback.earliest, callbackLatest: outcome.callback.latest }
            : {}),
          ...(outcome.referral !== undefined ? { referral: outcome.referral } : {}),
          ...(outcome.referralRule !== undefined ? { referralRule: outcome.referralRule } : {})
        })
      ]
    case "ProofOfOwnershipRequested":
      return [Event.cases.ProofOfOwnershipRequested.make({ rmaId, reasons: outcome.reasons })]
  }
}

const notApproved = (command: Command, s: Requested, serial: string, rule: string): Out =>
  refuse(
    command,
    because(
      rule,
      `RMA ${s.rmaId} is ${status(s)}: nothing may be ${rule === "ENP-R7" ? "replaced" : "shipped or returned"} before the return is approved.`,
      {
        serial,
        status: status(s)
      }
    )
  )

const deviceOf = (s: Requested, serial: string) => s.devices.find((d) => d.serial === serial)

const notInRma = (command: Command, s: Requested, serial: string): Out =>
  refuse(command, because("ENP-R1", `Serial ${serial} is not covered by RMA ${s.rmaId}.`, { serial }))

const decideRequested = (policy: Policy, command: Command, s: Requested): Out => {
  if (s.closedOn !== undefined && command._tag !== "ReceiveUnit") {
    return refuse(command, lifecycle(`RMA ${s.rmaId} is closed.`))
  }
  switch (command._tag) {
    case "RequestReturn":
      return refuse(command, lifecycle(`RMA ${s.rmaId} was already requested.`))
    case "ProvideProofOfOwnership": {
      if (s.decision !== "awaiting-proof")
        return refuse(command, lifecycle(`RMA ${s.rmaId} is not awaiting proof of ownership.`))
      const outcome = ReturnEligibility.decide(
        {
          requestedAt: command.providedAt,
          requester: toRulesRequester(s.requester),
          serials: [s.devices[0]!.serial, ...s.devices.slice(1).map((d) => d.serial)],
          shippingAddress: s.shippingAddress,
          system: command.system,
          serialsInOpenRmas: command.serialsInOpenRmas.filter((x) => !s.devices.some((d) => d.serial === x)),
          proofOfOwnershipProvided: true,
          // ENP-R3: a unit that arrived without authorization — under this RMA or another.
          serialsReceivedWithoutAuthorization: [
            ...s.unauthorizedReceipts.map((u) => u.serial),
            ...(command.serialsReceivedWithoutAuthorization ?? [])
          ]
        },
        policy
      )
      return ok(
        Event.cases.ProofOfOwnershipProvided.make({ rmaId: s.rmaId, providedAt: command.providedAt }),
        ...outcomeEvents(s.rmaId, command.providedAt, outcome)
      )
    }
    case "ShipReplacement": {
      const device = deviceOf(s, command.original)
      if (device === undefined) return notInRma(command, s, command.original)
      if (s.decision !== "approved") return notApproved(command, s, command.original, "ENP-R4")
      if (device.replacementShipped !== undefined)
        return refuse(command, lifecycle(`A replacement for ${command.original} was already shipped.`))
      if (s.unauthorizedReceipts.some((u) => u.serial === command.original)) {
        // ENP-R3: a unit received without authorization gives no right to a replacement.
        return refuse(
          command,
          because("ENP-R3", `Serial ${command.original} was received without authorization: no replacement.`, {
            serial: command.original
          })
        )
      }
      // ENP-R4: shipped to the address given in the request.
      return ok(Event.cases.ReplacementShipped.make({ ...fields(command), shippingAddress: s.shippingAddress }))
    }
    case "RecordReplacementInstalled": {
      const device = deviceOf(s, command.original)
      if (device === undefined) return notInRma(command, s, command.original)
      // ENP-R7: replace only after the authorization — asked of the rule.
      const may = ReturnEligibility.mayReplace(
        s.decision === "approved" ? s.approvedOn : undefined,
        command.installedOn
      )
      if (Decision.isRefused(may)) {
        return refuse(
          command,
          because("ENP-R7", `Serial ${command.original} may be replaced only after RMA ${s.rmaId} is approved.`, {
            serial: command.original,
            status: status(s)
          }),
          ...may.reasons
        )
      }
      if (device.replacementInstalled !== undefined)
        return refuse(command, lifecycle(`The replacement of ${command.original} is already installed.`))
      return ok(Event.cases.ReplacementInstalled.make(fields(command)))
    }
    case "ConfirmReplacement": {
      const device = deviceOf(s, command.original)
      if (device === undefined) return notInRma(command, s, command.original)
      if (device.replacementInstalled === undefined) {
        return refuse(
          command,
          because("ENP-R8", `No replacement of ${command.original} is recorded as installed: nothing to confirm.`)
        )
      }
      if (device.confirmedOn !== undefined)
        return refuse(command, lifecycle(`The replacement of ${command.original} is already confirmed.`))
      return ok(Event.cases.ReplacementConfirmed.make(fields(command)))
    }
    case "ShipDefectiveUnit": {
      const device = deviceOf(s, command.serial)
      if (device === undefined) return notInRma(command, s, command.serial)
      if (s.decision !== "approved") return notApproved(command, s, command.serial, "ENP-R1")
      if (device.defectiveShipped !== undefined)
        return refuse(command, lifecycle(`The defective unit ${command.serial} was already shipped.`))
      if (device.replacementShipped === undefined && device.replacementInstalled === undefined) {
        // ENP-R5: « à l'arrivée de l'onduleur de remplacement, placez l'appareil défectueux dans le même emballage ».
        return refuse(
          command,
          because(
            "ENP-R5",
            `The defective unit ${command.serial} goes back in its replacement's packaging: no replacement was shipped for it yet.`,
            { serial: command.serial }
          )
        )
      }
      // ENP-R5: same packaging, the supplied prepaid label.
      return ok(Event.cases.DefectiveUnitShipped.make(fields(command)))
    }
    case "ReceiveUnit":
      return receive(command, s)
    case "CloseRma": {
      if (s.decision === "not-eligible") return ok(Event.cases.RmaClosed.make(fields(command)))
      const pending = s.devices.filter((d) => d.receivedOn === undefined).map((d) => d.serial)
      if (s.decision === "approved" && pending.length === 0) return ok(Event.cases.RmaClosed.make(fields(command)))
      return refuse(
        command,
        lifecycle(
          s.decision === "awaiting-proof"
            ? `RMA ${s.rmaId} is awaiting proof of ownership.`
            : `RMA ${s.rmaId} still waits for the defective unit(s) ${pending.join(", ")} (ENP-R5).`,
          { status: status(s) }
        )
      )
    }
  }
}

const receive = (command: Extract<Command, { _tag: "ReceiveUnit" }>, s: State): Out => {
  // ENP-R3: a unit without authorization gives no right to replacement or refund.
  const authorized = s._tag === "Requested" && s.closedOn === undefined ? approvedSerials(s) : []
  const decision = ReturnEligibility.receivedUnit(command.serial, authorized)
  if (Decision.isRefused(decision)) {
    return ok(Event.cases.UnauthorizedReturnReceived.make({ ...fields(command), reasons: decision.reasons }))
  }
  if (s._tag === "Requested" && deviceOf(s, command.serial)?.receivedOn !== undefined) {
    return refuse(command, lifecycle(`Unit ${command.serial} was already received.`))
  }
  return ok(Event.cases.DefectiveUnitReceived.make(fields(command)))
}

/**
 * Policy parameters of the RMA: those of `ReturnEligibility` (warranty terms D1, proof of ownership
 * ENP-R2, who may request, callback window D13).
 *
 * @since 0.1.0
 * @category policy
 */
export type Policy = ReturnEligibility.Policy

/**
 * `ReturnEligibility.defaultPolicy`.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = ReturnEligibility.defaultPolicy

/**
 * Decides an RMA command under a policy.
 *
 * @since 0.1.0
 * @category decider
 */
export const decideWith =
  (policy: Policy) =>
  (command: Command, state: State): Out => {
    if (state._tag === "Requested") return decideRequested(policy, command, state)
    switch (command._tag) {
      case "RequestReturn": {
        const outcome = ReturnEligibility.decide(
          {
            requestedAt: command.requestedAt,
            requester: toRulesRequester(command.requester),
            serials: command.serials,
            shippingAddress: command.shippingAddress,
            system: command.system,
            serialsInOpenRmas: command.serialsInOpenRmas,
            proofOfOwnershipProvided: command.proofOfOwnershipProvided,
            // ENP-R3: units that arrived without authorization, on this stream or another RMA's.
            serialsReceivedWithoutAuthorization: [
              ...state.unauthorizedReceipts.map((u) => u.serial),
              ...(command.serialsReceivedWithoutAuthorization ?? [])
            ]
          },
          policy
        )
        const unique = [...new Set(command.serials)]
        return ok(
          Event.cases.ReturnRequested.make({
            rmaId: command.rmaId,
            systemId: command.systemId,
            serials: [unique[0]!, ...unique.slice(1)],
            shippingAddress: command.shippingAddress,
            requester: command.requester,
            requestedAt: command.requestedAt
          }),
          ...outcomeEvents(command.rmaId, command.requestedAt, outcome)
        )
      }
      case "ReceiveUnit":
        return receive(command, state)
      default:
        return refuse(
          command,
          lifecycle(`No return was requested under RMA ${command.rmaId}.`),
          because("ENP-R1", "Obtain an RMA before anything is returned or replaced.")
        )
    }
  }

/**
 * Decides an RMA command under the default policy.
 *
 * @since 0.1.0
 * @category decider
 */
export const decide: (command: Command, state: State) => Out = decideWith(defaultPolicy)

// ---------------------------------------------------------------------------------------------
// Evolve
// ---------------------------------------------------------------------------------------------

const updateDevice = (s: Requested, serial: string, f: (d: DeviceReturn) => DeviceReturn): Requested => ({
  ...s,
  devices: s.devices.map((d) => (d.serial === serial ? f(d) : d))
})

/**
 * The state after one event.
 *
 * @since 0.1.0
 * @category decider
 */
export const evolve = (state: State, event: Event): State => {
  if (event._tag === "ReturnRequested") {
    return {
      _tag: "Requested",
      rmaId: event.rmaId,
      systemId: event.systemId,
      requester: event.requester,
      requestedAt: event.requestedAt,
      shippingAddress: event.shippingAddress,
      decision: "awaiting-proof",
      devices: event.serials.map((serial) => ({ serial })),
      reasons: [],
      unauthorizedReceipts: state.unauthorizedReceipts
    }
  }
  if (event._tag === "UnauthorizedReturnReceived") {
    return {
      ...state,
      unauthorizedReceipts: [...state.unauthorizedReceipts, { serial: event.serial, receivedOn: event.receivedOn }]
    }
  }
  if (state._tag === "None") return state
  switch (event._tag) {
    case "ProofOfOwnershipRequested":
      return { ...state, decision: "awaiting-proof", reasons: event.reasons }
    case "ProofOfOwnershipProvided":
      return state
    case "ReturnApproved":
      return { ...state, decision: "approved", approvedOn: event.approvedOn, reasons: event.reasons }
    case "ReturnNotEligible":
      return { ...state, decision: "not-eligible", reasons: event.reasons }
    case "ReplacementShipped":
      return updateDevice(state, event.original, (d) => ({
        ...d,
        replacementShipped: {
          replacement: event.replacement,
          carrier: event.carrier,
          tracking: event.tracking,
          shippedOn: event.shippedOn
        }
      }))
    case "ReplacementInstalled":
      return updateDevice(state, event.original, (d) => ({
        ...d,
        replacementInstalled: { replacement: event.replacement, installedOn: event.installedOn }
      }))
    case "ReplacementConfirmed":
      return updateDevice(state, event.original, (d) => ({ ...d, confirmedOn: event.confirmedOn }))
    case "DefectiveUnitShipped":
      return updateDevice(state, event.serial, (d) => ({
        ...d,
        defectiveShipped: { carrier: event.carrier, tracking: event.tracking, shippedOn: event.shippedOn }
      }))
    case "DefectiveUnitReceived":
      return updateDevice(state, event.serial, (d) => ({ ...d, receivedOn: event.receivedOn }))
    case "RmaClosed":
      return { ...state, closedOn: event.closedOn }
  }
}

/**
 * The RMA decider under a policy. A closed RMA accepts nothing but the units that arrive
 * (`UnauthorizedReturnReceived`, ENP-R3), so no RMA state is terminal.
 *
 * @since 0.1.0
 * @category decider
 */
export const makeDecider = (
  policy: Policy = defaultPolicy
): Decider.Decider<Command, Event, State, RmaCommandRefused> => ({
  initialState,
  decide: decideWith(policy),
  evolve,
  // Not terminal: a closed RMA still records the units that arrive (ENP-R3).
  isTerminal: () => false
})

/**
 * The RMA decider under the default policy.
 *
 * @since 0.1.0
 * @category decider
 */
export const decider: Decider.Decider<Command, Event, State, RmaCommandRefused> = makeDecider()

/**
 * The codec of RMA events.
 *
 * @since 0.1.0
 * @category storage
 */
export const codec: EventCodec.EventCodec<Event> = EventCodec.make({ schema: Event })

/**
 * The RMA aggregate for the kernel's command handler (streams `rma-<id>`).
 *
 * @since 0.1.0
 * @category storage
 */
export const aggregate: CommandHandler.Aggregate<Command, Event, State, RmaCommandRefused> = { decider, codec }

/**
 * The RMA aggregate under a policy.
 *
 * @since 0.1.0
 * @category storage
 */
export const makeAggregate = (
  policy: Policy = defaultPolicy
): CommandHandler.Aggregate<Command, Event, State, RmaCommandRefused> => ({ decider: makeDecider(policy), codec })

/**
 * Decodes an untrusted RMA command; a malformed one is an `InvalidInput` naming the field.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeCommand = Decision.decodeInput(Command, "RMA command")

/**
 * The stream id of an RMA.
 *
 * @since 0.1.0
 * @category storage
 */
export const streamId = (id: RmaId): string => `rma-${id}`
