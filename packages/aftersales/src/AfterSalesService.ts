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
import { Context, Effect, Layer, Schema } from "effect"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import * as EventStore from "@soltrace/core/EventStore"
import { Calendar } from "@soltrace/rules"
import {
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
import { aggregatesOf } from "./internal/context.js"
import { claimLabourReimbursement } from "./internal/useCases/claimLabourReimbursement.js"
import { callbackTicketId as useCaseCallbackTicketId } from "./internal/useCases/decideReturn.js"
import { installReplacement } from "./internal/useCases/installReplacement.js"
import { openTicket, type OpenTicketInput as UseCaseOpenTicketInput } from "./internal/useCases/openTicket.js"
import { provideProofOfOwnership } from "./internal/useCases/provideProofOfOwnership.js"
import { receiveUnit } from "./internal/useCases/receiveUnit.js"
import { requestReturn } from "./internal/useCases/requestReturn.js"
import { systemCommand } from "./internal/useCases/systemCommand.js"
import * as Spans from "./internal/spans.js"
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
 * (`requester.licenceNumber`, `serials.0`, `serials` for an empty list, `_tag` for an unknown command), `message` every
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
export type OpenTicketInput = UseCaseOpenTicketInput

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
export const callbackTicketId: (rmaId: RmaId) => TicketId = useCaseCallbackTicketId

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
 * The result of a return on its span: the RMA's version, and the callback ticket when one was
 * opened (the use case annotates the system and ledger streams it read).
 */
const returnAttributes = (result: ReturnResult): Spans.Attributes => {
  const notEligible = result.rma.events.find((e) => e._tag === "ReturnNotEligible")
  return {
    ...Spans.handledAttributes(result.rma),
    ...(notEligible?._tag === "ReturnNotEligible"
      ? { "soltrace.decision": "notEligible", "soltrace.rules": notEligible.reasons.map((r) => r.rule).join(",") }
      : result.rma.events.some((e) => e._tag === "ReturnApproved")
        ? { "soltrace.decision": "approved" }
        : {}),
    ...(result.callbackTicket === undefined ? {} : { "soltrace.callbackTicket": result.callbackTicket })
  }
}

/** A claim on its span: recorded as claimed or refused (a refusal recorded as an event, with its rules). */
const claimAttributes = (handled: CommandHandler.Handled<System.Event, System.State>): Spans.Attributes => {
  const refused = handled.events.find((e) => e._tag === "LabourReimbursementRefused")
  return {
    ...Spans.handledAttributes(handled),
    ...(refused?._tag === "LabourReimbursementRefused"
      ? { "soltrace.decision": "refused", "soltrace.rules": refused.reasons.map((r) => r.rule).join(",") }
      : handled.events.some((e) => e._tag === "LabourReimbursementClaimed")
        ? { "soltrace.decision": "claimed" }
        : {})
  }
}

/**
 * Builds the service on the `EventStore` in context, with the given policies (the defaults of
 * `@soltrace/rules` otherwise). Each operation is one use case (one file under `internal/`): it
 * decides each aggregate once and appends what it decided atomically (`EventStore.appendMany`),
 * under the kernel's retry policy.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (options: Options = {}): Effect.Effect<AfterSalesServiceShape, never, EventStore.EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const aggregates = aggregatesOf(options)
    const run = <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore>): Effect.Effect<A, E> =>
      Effect.provideService(effect, EventStore.EventStore, store)

    // Every entry point decodes what it is given first: a malformed command is an InvalidCommand
    // naming the field, never a defect. Each one is a span `AfterSales.<name>` (see
    // `internal/spans.ts`): the streams it touches once decoded, its outcome at the end.
    const operation =
      <I, A, E>(
        name: string,
        decode: (input: unknown) => Effect.Effect<I, InvalidCommand>,
        touched: (input: I) => Spans.Attributes,
        f: (input: I, metadata: Metadata) => Effect.Effect<A, E, EventStore.EventStore>,
        succeeded: (result: A) => Spans.Attributes
      ) =>
      (input: unknown, metadata: unknown): Effect.Effect<A, E | InvalidCommand> =>
        Effect.flatMap(decode(input), (i) =>
          Effect.flatMap(decodeMetadata(metadata), (m) =>
            Effect.andThen(
              Spans.annotate({ ...touched(i), "soltrace.commandId": m.commandId }),
              Effect.tap(run(f(i, m)), (result) => Spans.annotate(succeeded(result)))
            )
          )
        ).pipe(Spans.useCase(name))
    const read =
      <I, C, Ev, S, Er>(
        name: string,
        decode: (input: unknown) => Effect.Effect<I, InvalidCommand>,
        aggregate: CommandHandler.Aggregate<C, Ev, S, Er>,
        stream: (id: I) => string
      ) =>
      (id: unknown): Effect.Effect<S, CommandHandler.HandleError | InvalidCommand> =>
        Effect.flatMap(decode(id), (i) =>
          Effect.andThen(
            Spans.annotate(Spans.streams(stream(i))),
            Effect.flatMap(run(CommandHandler.load(aggregate, stream(i))), (l) =>
              Effect.as(Spans.annotate({ "soltrace.version": l.version, "soltrace.outcome": "read" }), l.state)
            )
          )
        ).pipe(Spans.useCase(name))
    const command = (tag: string, stream: string, ...others: ReadonlyArray<string>): Spans.Attributes => ({
      ...Spans.streams(stream, ...others),
      "soltrace.command": tag
    })

    return {
      system: operation(
        "system",
        decodeSystemCommand,
        (c) =>
          c._tag === "ReplaceDevice"
            ? command(c._tag, System.streamId(c.systemId), Rma.streamId(c.rmaId))
            : command(c._tag, System.streamId(c.systemId)),
        (c, m) => systemCommand(aggregates, c, m),
        Spans.handledAttributes
      ),
      ticket: operation(
        "ticket",
        decodeTicketCommand,
        (c) => command(c._tag, Ticket.streamId(c.ticketId)),
        (c, m) => CommandHandler.handle(aggregates.ticket, Ticket.streamId(c.ticketId), c, m),
        Spans.handledAttributes
      ),
      rma: operation(
        "rma",
        decodeRmaCommand,
        (c) => command(c._tag, Rma.streamId(c.rmaId)),
        (c, m) =>
          // ENP-R3: an unauthorized receipt is noted on the system's returns ledger too.
          c._tag === "ReceiveUnit"
            ? receiveUnit(aggregates, c, m)
            : CommandHandler.handle(aggregates.rma, Rma.streamId(c.rmaId), c, m),
        Spans.handledAttributes
      ),
      openTicket: operation(
        "openTicket",
        decodeOpenTicket,
        (i) => Spans.streams(Ticket.streamId(i.ticketId), System.streamId(i.systemId)),
        (i, m) => openTicket(aggregates, i, m),
        Spans.handledAttributes
      ),
      requestReturn: operation(
        "requestReturn",
        decodeRequestReturn,
        (i) => Spans.streams(Rma.streamId(i.rmaId)),
        (i, m) => requestReturn(aggregates, i, m),
        returnAttributes
      ),
      provideProofOfOwnership: (rmaId, providedAt, metadata) =>
        operation(
          "provideProofOfOwnership",
          decodeProof,
          (p) => Spans.streams(Rma.streamId(p.rmaId)),
          (p, m) => provideProofOfOwnership(aggregates, p.rmaId, p.providedAt, m),
          returnAttributes
        )({ rmaId, providedAt }, metadata),
      installReplacement: operation(
        "installReplacement",
        decodeInstall,
        (i) => Spans.streams(Rma.streamId(i.rmaId)),
        (i, m) => installReplacement(aggregates, i, m),
        () => ({ "soltrace.outcome": "accepted" })
      ),
      claimLabourReimbursement: operation(
        "claimLabourReimbursement",
        decodeClaim,
        (i) => Spans.streams(System.streamId(i.systemId)),
        (i, m) => claimLabourReimbursement(aggregates, i, m),
        claimAttributes
      ),
      loadSystem: read("loadSystem", decoder(SystemIdSchema, "loadSystem"), aggregates.system, System.streamId),
      loadTicket: read("loadTicket", decoder(TicketIdSchema, "loadTicket"), aggregates.ticket, Ticket.streamId),
      loadRma: read("loadRma", decoder(RmaIdSchema, "loadRma"), aggregates.rma, Rma.streamId)
    } satisfies AfterSalesServiceShape
  })

/**
 * ENP-R1: records on the returns ledgers the open RMAs recorded before the ledger existed — and
 * (ENP-R3) the RMAs that never opened but had a unit received under them without authorization —
 * (one read of the `rma` category, to run once on an existing store; idempotent). Returns the
 * number of RMAs recorded.
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
      if (st._tag !== "Requested") continue
      if (!Rma.isOpen(st)) {
        // ENP-R3: an RMA that never opened, with a unit received under it without authorization.
        const [received] = st.unauthorizedReceipts
        if (received === undefined) continue
        const noted = yield* CommandHandler.handle(
          ReturnsLedger.aggregate,
          ReturnsLedger.streamId(st.systemId),
          { _tag: "NoteUnauthorizedReturn", rmaId: st.rmaId, systemId: st.systemId, serial: received.serial },
          { commandId: `ledger-backfill:${st.rmaId}` }
        )
        if (!noted.duplicate) recorded += noted.events.length
        continue
      }
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
    yield* Spans.annotate({ "soltrace.events": recorded, "soltrace.outcome": "accepted" })
    return recorded
  }
).pipe(Spans.useCase("backfillLedgers"))

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
