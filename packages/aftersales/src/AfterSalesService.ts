/**
 * The after-sales application service: the commands that need facts from more than one
 * aggregate, over the kernel's `EventStore` and command handling.
 *
 * - `openTicket` loads the System for its serials (ENP-S4) and installation (APS-3..6);
 * - `requestReturn` / `provideProofOfOwnership` load the System (devices, commissioning date,
 *   D1) and the serials already in open RMAs (from the system's returns ledger, on which an RMA
 *   that opens is recorded with an expected version, so that ENP-R1 holds under concurrency), and
 *   open the support callback ticket when the return is not eligible (ENP-R6a, D13);
 * - `installReplacement` records `ReplacementInstalled` on the RMA and `DeviceReplaced` on the
 *   System (ENP-R7, ENP-R8);
 * - `claimLabourReimbursement` files the claim for one system and intervention day (D2) with the
 *   facts `LabourReimbursement` needs: the devices replaced that day and their monitoring
 *   detection (System), their RMA approval date and whether the defective unit was shipped back
 *   (RMA).
 *
 * Every operation is idempotent: the same `commandId` twice records nothing new (the kernel's
 * handler recognises the command id; the sub-commands use `<commandId>:<step>`).
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Layer, Result, Schema } from "effect"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import * as Decider from "@soltrace/core/Decider"
import * as EventStore from "@soltrace/core/EventStore"
import { Calendar } from "@soltrace/rules"
import {
  because,
  type RmaId,
  RmaId as RmaIdSchema,
  type Serial,
  Serial as SerialSchema,
  type SystemId,
  SystemId as SystemIdSchema,
  type TicketId,
  TicketId as TicketIdSchema
} from "./AfterSalesIds.js"
import { decoder, inputOf, InvalidCommand } from "./internal/commandInput.js"
import * as ReturnsLedger from "./ReturnsLedger.js"
import * as Rma from "./Rma.js"
import * as System from "./System.js"
import * as Ticket from "./Ticket.js"

/**
 * The errors of the service: a refusal of one of the aggregates, or an infrastructure error.
 *
 * @since 0.1.0
 * @category errors
 */
export type Error =
  | InvalidCommand
  | System.SystemCommandRefused
  | Ticket.TicketCommandRefused
  | Rma.RmaCommandRefused
  | CommandHandler.HandleError

/**
 * A command given to the service does not decode: `field` names the first field at fault
 * (`requester.licenceNumber`, `serials.0`, `_tag` for an unknown command), `message` every
 * problem. Never a defect.
 *
 * @since 0.2.0
 * @category errors
 */
export { InvalidCommand }

/**
 * What the caller says about a command: its unique id (idempotency) and who issued it.
 *
 * @since 0.1.0
 * @category models
 */
export type Metadata = CommandHandler.CommandMetadata

/**
 * Input of `openTicket` (the system's facts are loaded by the service).
 *
 * @since 0.1.0
 * @category models
 */
export type OpenTicketInput = Omit<Extract<Ticket.Command, { _tag: "OpenTicket" }>, "_tag" | "system">

/**
 * Input of `requestReturn` (the system's facts and open RMAs are loaded by the service).
 *
 * @since 0.1.0
 * @category models
 */
export type RequestReturnInput = Omit<
  Extract<Rma.Command, { _tag: "RequestReturn" }>,
  "_tag" | "system" | "serialsInOpenRmas" | "serialsReceivedWithoutAuthorization"
>

/**
 * Input of `installReplacement`.
 *
 * @since 0.1.0
 * @category models
 */
export interface InstallReplacementInput {
  readonly rmaId: RmaId
  readonly original: Serial
  readonly replacement: Serial
  readonly installedOn: string
  readonly model?: string | undefined
}

/**
 * Input of `claimLabourReimbursement`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClaimInput {
  readonly systemId: SystemId
  readonly interventionOn: string
  readonly claimedOn: string
  readonly paymentAddress: string
}

/**
 * The result of a return request: the RMA events, and the callback ticket when one was opened.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReturnResult {
  readonly rma: CommandHandler.Handled<Rma.Event, Rma.State>
  readonly callbackTicket?: TicketId | undefined
}

/**
 * @since 0.1.0
 * @category service
 */
export interface AfterSalesServiceShape {
  readonly system: (
    command: System.Command,
    metadata: Metadata
  ) => Effect.Effect<CommandHandler.Handled<System.Event, System.State>, Error>
  readonly ticket: (
    command: Ticket.Command,
    metadata: Metadata
  ) => Effect.Effect<CommandHandler.Handled<Ticket.Event, Ticket.State>, Error>
  readonly rma: (
    command: Rma.Command,
    metadata: Metadata
  ) => Effect.Effect<CommandHandler.Handled<Rma.Event, Rma.State>, Error>
  readonly openTicket: (
    input: OpenTicketInput,
    metadata: Metadata
  ) => Effect.Effect<CommandHandler.Handled<Ticket.Event, Ticket.State>, Error>
  readonly requestReturn: (input: RequestReturnInput, metadata: Metadata) => Effect.Effect<ReturnResult, Error>
  readonly provideProofOfOwnership: (
    rmaId: RmaId,
    providedAt: string,
    metadata: Metadata
  ) => Effect.Effect<ReturnResult, Error>
  readonly installReplacement: (
    input: InstallReplacementInput,
    metadata: Metadata
  ) => Effect.Effect<{ readonly rma: ReadonlyArray<Rma.Event>; readonly system: ReadonlyArray<System.Event> }, Error>
  readonly claimLabourReimbursement: (
    input: ClaimInput,
    metadata: Metadata
  ) => Effect.Effect<CommandHandler.Handled<System.Event, System.State>, Error>
  readonly loadSystem: (systemId: SystemId) => Effect.Effect<System.State, Error>
  readonly loadTicket: (ticketId: TicketId) => Effect.Effect<Ticket.State, Error>
  readonly loadRma: (rmaId: RmaId) => Effect.Effect<Rma.State, Error>
}

/**
 * The after-sales application service tag.
 *
 * @since 0.1.0
 * @category service
 */
export class AfterSalesService extends Context.Service<AfterSalesService, AfterSalesServiceShape>()(
  "@soltrace/aftersales/AfterSalesService"
) {}

/**
 * The id of the callback ticket opened for a return that is not eligible (ENP-R6a).
 *
 * @since 0.1.0
 * @category service
 */
export const callbackTicketId = (rmaId: RmaId): TicketId => TicketIdSchema.make(`${rmaId}-callback`)

const sub = (metadata: Metadata, step: string): Metadata => ({
  ...metadata,
  commandId: `${metadata.commandId}:${step}`,
  causationId: metadata.commandId,
  correlationId: metadata.correlationId ?? metadata.commandId
})

/**
 * Policies of the aggregates (see `System.Policy`, `Ticket.Policy`, `Rma.Policy`).
 *
 * @since 0.1.0
 * @category constructors
 */
export interface Options {
  readonly system?: System.Policy | undefined
  readonly ticket?: Ticket.Policy | undefined
  readonly rma?: Rma.Policy | undefined
}

const tagsOf = (union: { readonly cases: Record<string, unknown> }) => Object.keys(union.cases)
const decodeSystemCommand = decoder(System.Command, "system", tagsOf(System.Command))
const decodeTicketCommand = decoder(Ticket.Command, "ticket", tagsOf(Ticket.Command))
const decodeRmaCommand = decoder(Rma.Command, "rma", tagsOf(Rma.Command))
const decodeOpenTicket = decoder(inputOf(Ticket.Command.cases.OpenTicket, ["system"]), "openTicket") as (
  input: unknown
) => Effect.Effect<OpenTicketInput, InvalidCommand>
const decodeRequestReturn = decoder(
  inputOf(Rma.Command.cases.RequestReturn, ["system", "serialsInOpenRmas", "serialsReceivedWithoutAuthorization"]),
  "requestReturn"
) as (input: unknown) => Effect.Effect<RequestReturnInput, InvalidCommand>
const decodeProof = decoder(
  Schema.Struct({ rmaId: RmaIdSchema, providedAt: Calendar.LocalDateTime }),
  "provideProofOfOwnership"
)
const decodeInstall = decoder(
  Schema.Struct({
    rmaId: RmaIdSchema,
    original: SerialSchema,
    replacement: SerialSchema,
    installedOn: Calendar.CalendarDate,
    model: Schema.optional(Schema.UndefinedOr(Schema.String))
  }),
  "installReplacement"
)
const decodeClaim = decoder(
  Schema.Struct({
    systemId: SystemIdSchema,
    interventionOn: Calendar.CalendarDate,
    claimedOn: Calendar.CalendarDate,
    paymentAddress: Schema.String.check(Schema.isMinLength(1))
  }),
  "claimLabourReimbursement"
)
const OptionalText = Schema.optional(Schema.UndefinedOr(Schema.String))
const decodeMetadata = decoder(
  Schema.Struct({
    commandId: Schema.String.check(Schema.isMinLength(1)),
    causationId: OptionalText,
    correlationId: OptionalText,
    actor: OptionalText
  }),
  "metadata"
)

/**
 * Builds the service on the `EventStore` in context, with the given policies (the defaults of
 * `@soltrace/rules` otherwise).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (options: Options = {}): Effect.Effect<AfterSalesServiceShape, never, EventStore.EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const systemAggregate = System.makeAggregate(options.system)
    const ticketAggregate = Ticket.makeAggregate(options.ticket)
    const rmaAggregate = Rma.makeAggregate(options.rma)
    const terms = (options.rma ?? Rma.defaultPolicy).terms
    const run = <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore>): Effect.Effect<A, E> =>
      Effect.provideService(effect, EventStore.EventStore, store)

    const loadSystem = (systemId: SystemId) =>
      run(Effect.map(CommandHandler.load(systemAggregate, System.streamId(systemId)), (l) => l.state))
    const loadTicket = (ticketId: TicketId) =>
      run(Effect.map(CommandHandler.load(ticketAggregate, Ticket.streamId(ticketId)), (l) => l.state))
    const loadRma = (rmaId: RmaId) =>
      run(Effect.map(CommandHandler.load(rmaAggregate, Rma.streamId(rmaId)), (l) => l.state))

    const handleSystem = (command: System.Command, metadata: Metadata) =>
      run(CommandHandler.handle(systemAggregate, System.streamId(command.systemId), command, metadata))

    /**
     * ENP-R7: the RMA approval of a replacement, loaded from the RMA stream — never taken from
     * the caller ("procédez au remplacement seulement APRÈS avoir obtenu l'autorisation").
     */
    const approvalOf = (rma: Rma.State): System.RmaApproval | undefined =>
      rma._tag === "Requested" && rma.decision === "approved" && rma.approvedOn !== undefined
        ? { rmaId: rma.rmaId, serials: Rma.approvedSerials(rma), approvedOn: rma.approvedOn }
        : undefined

    const system = (command: System.Command, metadata: Metadata) =>
      command._tag === "ReplaceDevice"
        ? Effect.flatMap(loadRma(command.rmaId), (rma) => {
            const { approval: _fromCaller, ...rest } = command
            const approval = approvalOf(rma)
            return handleSystem(approval === undefined ? rest : { ...rest, approval }, metadata)
          })
        : handleSystem(command, metadata)
    const ticket = (command: Ticket.Command, metadata: Metadata) =>
      run(CommandHandler.handle(ticketAggregate, Ticket.streamId(command.ticketId), command, metadata))
    const rma = (command: Rma.Command, metadata: Metadata) =>
      run(CommandHandler.handle(rmaAggregate, Rma.streamId(command.rmaId), command, metadata))

    const registered = (systemId: SystemId, command: string) =>
      Effect.flatMap(loadSystem(systemId), (state) =>
        state._tag === "Registered"
          ? Effect.succeed(state)
          : Effect.fail(
              new System.SystemCommandRefused({
                systemId,
                command,
                reasons: [because("LIFECYCLE", `System ${systemId} is not registered.`)]
              })
            )
      )

    const returnFacts = (s: System.Registered, command: string) =>
      s.commissionedOn === undefined
        ? Effect.fail(
            new System.SystemCommandRefused({
              systemId: s.systemId,
              command,
              reasons: [
                because(
                  "D1",
                  `System ${s.systemId} is not commissioned: the warranty term has not started (D1, ENP-W2).`
                )
              ]
            })
          )
        : Effect.succeed<Rma.SystemFacts>({
            commissionedOn: s.commissionedOn,
            installation: System.rulesInstallation(s),
            ownershipTransferred: s.ownershipTransferred,
            devices: System.rulesDevices(s, terms)
          })

    /**
     * ENP-R1: the serials in the system's other open RMAs, from its returns ledger (not a scan of
     * the `rma` category). An RMA on the ledger whose stream is still empty is being opened: open.
     */
    const openSerials = (ledger: ReturnsLedger.State, except: RmaId) =>
      Effect.gen(function* () {
        const serials: Array<Serial> = []
        const unauthorized: Array<Serial> = []
        for (const entry of ledger) {
          if (entry.rmaId === except) continue
          const st = yield* loadRma(entry.rmaId)
          // ENP-R3: a unit received without authorization under any RMA of the system.
          unauthorized.push(...st.unauthorizedReceipts.map((u) => u.serial))
          if (st._tag === "None") serials.push(...entry.serials)
          else if (Rma.isOpen(st)) serials.push(...st.devices.map((d) => d.serial))
        }
        return { serials, unauthorized }
      })

    /**
     * ENP-R1 under concurrency: builds the RMA command with the open RMAs of the system's ledger,
     * decides it (purely) and, when the RMA opens, records `RmaOpened` on the ledger at the version
     * read. A concurrent request that opened an RMA first makes that append fail with
     * `WrongExpectedVersion`: everything is read again, and the command then sees the other RMA.
     * The command is then handled on the RMA stream as before.
     */
    const reserve = (
      systemId: SystemId,
      rmaId: RmaId,
      metadata: Metadata,
      build: (open: { readonly serials: Array<Serial>; readonly unauthorized: Array<Serial> }) => Rma.Command
    ) =>
      Effect.gen(function* () {
        const ledgerStream = ReturnsLedger.streamId(systemId)
        const ledger = yield* run(CommandHandler.load(ReturnsLedger.aggregate, ledgerStream))
        const command = build(yield* openSerials(ledger.state, rmaId))
        const loaded = yield* run(CommandHandler.load(rmaAggregate, Rma.streamId(rmaId)))
        // A repeat of the command records nothing new; a refusal is left to the handler.
        if (loaded.tail.some((e) => e.metadata.commandId === metadata.commandId)) return command
        const decided = rmaAggregate.decider.decide(command, loaded.state)
        if (Result.isFailure(decided)) return command
        const after = Decider.fold(rmaAggregate.decider, decided.success, loaded.state)
        if (after._tag !== "Requested" || !Rma.isOpen(after)) return command
        const [first, ...rest] = after.devices.map((d) => d.serial)
        if (first === undefined) return command
        const opened = ReturnsLedger.decider.decide(
          { _tag: "OpenRma", rmaId, systemId, serials: [first, ...rest] },
          ledger.state
        )
        const events = Result.isSuccess(opened) ? opened.success : []
        if (events.length === 0) return command
        const meta = sub(metadata, "ledger")
        const recordedAt = yield* Clock.currentTimeMillis
        const toAppend: Array<EventStore.EventToAppend> = []
        for (const [i, event] of events.entries()) {
          const encoded = ReturnsLedger.aggregate.codec.encode(event)
          if (Result.isFailure(encoded)) return yield* Effect.fail(encoded.failure)
          toAppend.push({
            eventId: `${meta.commandId}:${i}`,
            recordedAt,
            metadata: { commandId: meta.commandId, causationId: meta.causationId, correlationId: meta.correlationId },
            ...encoded.success
          })
        }
        yield* store.append(ledgerStream, toAppend, EventStore.exact(ledger.version))
        return command
      }).pipe(Effect.retry({ times: 32, while: (e) => e instanceof EventStore.WrongExpectedVersion }))

    const referralOf = (e: Extract<Rma.Event, { _tag: "ReturnNotEligible" }>) =>
      e.referral !== undefined && Schema.is(Ticket.ReferredTo)(e.referral)
        ? { to: e.referral, rule: e.referralRule ?? "APS-3" }
        : undefined

    /** ENP-R6a/D13: a return that is not eligible opens the support callback ticket. */
    const callbackIfNotEligible = (handled: CommandHandler.Handled<Rma.Event, Rma.State>, metadata: Metadata) =>
      Effect.gen(function* () {
        const notEligible = handled.events.find((e) => e._tag === "ReturnNotEligible")
        const st = handled.state
        if (notEligible === undefined || notEligible._tag !== "ReturnNotEligible" || st._tag !== "Requested") {
          return { rma: handled } satisfies ReturnResult
        }
        const ticketId = callbackTicketId(st.rmaId)
        yield* ticket(
          {
            _tag: "OpenCallbackTicket",
            ticketId,
            systemId: st.systemId,
            rmaId: st.rmaId,
            openedAt: st.requestedAt,
            requester: st.requester,
            serials: st.devices.map((d) => d.serial),
            reasons: notEligible.reasons,
            earliest: notEligible.callbackEarliest,
            latest: notEligible.callbackLatest,
            // APS-3/APS-4: the referral of the decision stays on the callback ticket.
            ...(referralOf(notEligible) !== undefined ? { referral: referralOf(notEligible) } : {})
          },
          sub(metadata, "callback")
        )
        return { rma: handled, callbackTicket: ticketId } satisfies ReturnResult
      })

    const openTicket = (input: OpenTicketInput, metadata: Metadata) =>
      Effect.gen(function* () {
        const s = yield* registered(input.systemId, "OpenTicket")
        return yield* ticket(
          {
            _tag: "OpenTicket",
            ...input,
            system: {
              serials: System.serials(s),
              installation: System.rulesInstallation(s),
              // D15: routing follows each device's maker
              makers: System.makers(s),
              ...(System.monitoringMaker(s) !== undefined ? { monitoringMaker: System.monitoringMaker(s) } : {})
            }
          },
          metadata
        )
      })

    const requestReturn = (input: RequestReturnInput, metadata: Metadata) =>
      Effect.gen(function* () {
        const s = yield* registered(input.systemId, "RequestReturn")
        const facts = yield* returnFacts(s, "RequestReturn")
        const command = yield* reserve(input.systemId, input.rmaId, metadata, (open) => ({
          _tag: "RequestReturn",
          ...input,
          system: facts,
          serialsInOpenRmas: open.serials,
          serialsReceivedWithoutAuthorization: open.unauthorized
        }))
        const handled = yield* rma(command, metadata)
        return yield* callbackIfNotEligible(handled, metadata)
      })

    const provideProofOfOwnership = (rmaId: RmaId, providedAt: string, metadata: Metadata) =>
      Effect.gen(function* () {
        const current = yield* loadRma(rmaId)
        if (current._tag !== "Requested") {
          return yield* Effect.fail(
            new Rma.RmaCommandRefused({
              rmaId,
              command: "ProvideProofOfOwnership",
              reasons: [because("LIFECYCLE", `No return was requested under RMA ${rmaId}.`)]
            })
          )
        }
        const s = yield* registered(current.systemId, "ProvideProofOfOwnership")
        const facts = yield* returnFacts(s, "ProvideProofOfOwnership")
        const command = yield* reserve(current.systemId, rmaId, metadata, (open) => ({
          _tag: "ProvideProofOfOwnership",
          rmaId,
          providedAt,
          system: facts,
          serialsInOpenRmas: open.serials,
          serialsReceivedWithoutAuthorization: open.unauthorized
        }))
        const handled = yield* rma(command, metadata)
        return yield* callbackIfNotEligible(handled, metadata)
      })

    const installReplacement = (input: InstallReplacementInput, metadata: Metadata) =>
      Effect.gen(function* () {
        const rmaMeta = sub(metadata, "rma")
        const systemMeta = sub(metadata, "system")
        const onRmaCommand: Rma.Command = {
          _tag: "RecordReplacementInstalled",
          rmaId: input.rmaId,
          original: input.original,
          replacement: input.replacement,
          installedOn: input.installedOn
        }
        const loaded = yield* run(CommandHandler.load(rmaAggregate, Rma.streamId(input.rmaId)))
        const st = loaded.state
        const replaceDevice = (state: Rma.Requested): System.Command => ({
          _tag: "ReplaceDevice",
          systemId: state.systemId,
          original: input.original,
          replacement: input.replacement,
          model: input.model,
          rmaId: input.rmaId,
          replacedOn: input.installedOn,
          ...(state.decision === "approved" && state.approvedOn !== undefined
            ? { approval: { rmaId: state.rmaId, serials: Rma.approvedSerials(state), approvedOn: state.approvedOn } }
            : {})
        })
        // Two streams, no shared transaction: decide both before recording either, so that a
        // refusal by one (ENP-R7, ENP-R8, ENP-S4) records nothing on the other. A repeat of the
        // same command id skips the checks and completes whatever is missing.
        const repeat = loaded.tail.some((e) => e.metadata.commandId === rmaMeta.commandId)
        if (!repeat) {
          const onRma = rmaAggregate.decider.decide(onRmaCommand, st)
          if (Result.isFailure(onRma)) return yield* Effect.fail(onRma.failure)
          if (st._tag === "Requested") {
            const sys = yield* loadSystem(st.systemId)
            const onSystem = systemAggregate.decider.decide(replaceDevice(st), sys)
            if (Result.isFailure(onSystem)) return yield* Effect.fail(onSystem.failure)
          }
        }
        const onRma = yield* rma(onRmaCommand, rmaMeta)
        const after = onRma.state
        if (after._tag !== "Requested") return { rma: onRma.events, system: [] }
        const onSystem = yield* system(replaceDevice(after), systemMeta)
        return { rma: onRma.events, system: onSystem.events }
      })

    const claimLabourReimbursement = (input: ClaimInput, metadata: Metadata) =>
      Effect.gen(function* () {
        const s = yield* registered(input.systemId, "ClaimLabourReimbursement")
        const returns: Array<System.ReturnFacts> = []
        for (const device of System.replacedOn(s, input.interventionOn)) {
          if (device.replacedUnderRma === undefined) continue
          const st = yield* loadRma(device.replacedUnderRma)
          const entry = st._tag === "Requested" ? st.devices.find((d) => d.serial === device.serial) : undefined
          returns.push({
            serial: device.serial,
            rmaId: device.replacedUnderRma,
            ...(st._tag === "Requested" && st.decision === "approved" && st.approvedOn !== undefined
              ? { rmaApprovedOn: st.approvedOn }
              : {}),
            // ENP-L4: shipped back to the manufacturer.
            shippedBack: entry?.defectiveShipped !== undefined || entry?.receivedOn !== undefined
          })
        }
        return yield* system(
          {
            _tag: "ClaimLabourReimbursement",
            systemId: input.systemId,
            interventionOn: input.interventionOn,
            claimedOn: input.claimedOn,
            paymentAddress: input.paymentAddress,
            returns
          },
          metadata
        )
      })

    // Every entry point decodes what it is given first: a malformed command is an InvalidCommand
    // naming the field, never a defect.
    const checked =
      <I, A, E>(
        decode: (input: unknown) => Effect.Effect<I, InvalidCommand>,
        f: (input: I, metadata: Metadata) => Effect.Effect<A, E>
      ) =>
      (input: unknown, metadata: unknown): Effect.Effect<A, E | InvalidCommand> =>
        Effect.flatMap(decode(input), (i) => Effect.flatMap(decodeMetadata(metadata), (m) => f(i, m)))
    const checkedId =
      <I, A, E>(decode: (input: unknown) => Effect.Effect<I, InvalidCommand>, f: (id: I) => Effect.Effect<A, E>) =>
      (id: unknown): Effect.Effect<A, E | InvalidCommand> =>
        Effect.flatMap(decode(id), f)

    return {
      system: checked(decodeSystemCommand, system),
      ticket: checked(decodeTicketCommand, ticket),
      rma: checked(decodeRmaCommand, rma),
      openTicket: checked(decodeOpenTicket, openTicket),
      requestReturn: checked(decodeRequestReturn, requestReturn),
      provideProofOfOwnership: (rmaId, providedAt, metadata) =>
        Effect.flatMap(decodeProof({ rmaId, providedAt }), (p) =>
          Effect.flatMap(decodeMetadata(metadata), (m) => provideProofOfOwnership(p.rmaId, p.providedAt, m))
        ),
      installReplacement: checked(decodeInstall, installReplacement),
      claimLabourReimbursement: checked(decodeClaim, claimLabourReimbursement),
      loadSystem: checkedId(decoder(SystemIdSchema, "loadSystem"), loadSystem),
      loadTicket: checkedId(decoder(TicketIdSchema, "loadTicket"), loadTicket),
      loadRma: checkedId(decoder(RmaIdSchema, "loadRma"), loadRma)
    } satisfies AfterSalesServiceShape
  })

/**
 * ENP-R1: records on the returns ledgers the open RMAs recorded before the ledger existed (one
 * read of the `rma` category, to run once on an existing store; idempotent). Returns the number
 * of RMAs recorded.
 *
 * @since 0.1.0
 * @category constructors
 */
export const backfillLedgers: Effect.Effect<number, CommandHandler.HandleError, EventStore.EventStore> = Effect.gen(
  function* () {
    const store = yield* EventStore.EventStore
    const streams = new Set<string>()
    for (const e of yield* store.readCategory("rma")) if (e.type === "ReturnRequested") streams.add(e.streamId)
    let recorded = 0
    for (const stream of streams) {
      const st = (yield* CommandHandler.load(Rma.aggregate, stream)).state
      if (st._tag !== "Requested" || !Rma.isOpen(st)) continue
      const [first, ...rest] = st.devices.map((d) => d.serial)
      if (first === undefined) continue
      const handled = yield* CommandHandler.handle(
        ReturnsLedger.aggregate,
        ReturnsLedger.streamId(st.systemId),
        { _tag: "OpenRma", rmaId: st.rmaId, systemId: st.systemId, serials: [first, ...rest] },
        { commandId: `ledger-backfill:${st.rmaId}` }
      )
      if (!handled.duplicate) recorded += handled.events.length
    }
    return recorded
  }
)

/**
 * Builds the service on the `EventStore` in context, with the default policies.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<AfterSalesServiceShape, never, EventStore.EventStore> = makeWith()

/**
 * The service on the `EventStore` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<AfterSalesService, never, EventStore.EventStore> = Layer.effect(AfterSalesService, make)

/**
 * The service on the `EventStore` in context, with the given policies.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWith = (options: Options): Layer.Layer<AfterSalesService, never, EventStore.EventStore> =>
  Layer.effect(AfterSalesService, makeWith(options))
