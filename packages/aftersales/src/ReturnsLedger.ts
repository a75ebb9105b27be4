/**
 * The returns ledger of a system (ENP-R1 under concurrency): which RMAs were opened on a system,
 * with the serials each reserved. Its own aggregate (stream `rmaledger-<systemId>`), kept apart
 * from the RMA aggregate; the application writes it together with the RMA it reserves for.
 *
 * @since 0.2.0
 */
import { Result, Schema } from "effect"
import type * as CommandHandler from "@soltrace/core/CommandHandler"
import type * as Decider from "@soltrace/core/Decider"
import * as EventCodec from "@soltrace/core/EventCodec"
import { RmaId, Serial, SystemId } from "./AfterSalesIds.js"

/**
 * The events of a system's returns ledger (stream `rmaledger-<systemId>`): `RmaOpened` is
 * recorded, with an expected version, before an RMA that opens (approved or awaiting proof) is
 * recorded. Two requests for the same serial both write the ledger, so the second gets
 * `WrongExpectedVersion`, reloads, and sees the first (ENP-R1: a serial is in at most one open
 * RMA). The ledger also lists a system's RMAs without reading the whole `rma` category.
 *
 * @since 0.1.0
 * @category models
 */
export const Event = Schema.Union([
  Schema.TaggedStruct("RmaOpened", { rmaId: RmaId, systemId: SystemId, serials: Schema.NonEmptyArray(Serial) }),
  /**
   * ENP-R3: a unit of the system arrived under an RMA that never opened (not eligible): that RMA
   * is put on the ledger, reserving no serial, so that a later request for the serial sees the
   * receipt ("no replacement, no refund — by a later RMA either"). An RMA that opened is on the
   * ledger already.
   */
  Schema.TaggedStruct("UnauthorizedReturnNoted", { rmaId: RmaId, systemId: SystemId, serial: Serial })
]).pipe(Schema.toTaggedUnion("_tag"))

/**
 * @since 0.1.0
 * @category models
 */
export type Event = typeof Event.Type

/**
 * The RMAs on a system's ledger, in order, with the serials each reserved: those that opened, and
 * (reserving none) those a unit arrived under without authorization (ENP-R3).
 *
 * @since 0.1.0
 * @category models
 */
export type State = ReadonlyArray<{ readonly rmaId: RmaId; readonly serials: ReadonlyArray<Serial> }>

/**
 * The ledger command: record that an RMA opens (nothing if it is already recorded).
 *
 * @since 0.1.0
 * @category models
 */
export interface OpenRma {
  readonly _tag: "OpenRma"
  readonly rmaId: RmaId
  readonly systemId: SystemId
  readonly serials: readonly [Serial, ...Array<Serial>]
}

/**
 * The ledger command for ENP-R3: note that a unit arrived without authorization under an RMA of
 * the system that is not on the ledger (nothing if it is already there).
 *
 * @since 0.2.0
 * @category models
 */
export interface NoteUnauthorizedReturn {
  readonly _tag: "NoteUnauthorizedReturn"
  readonly rmaId: RmaId
  readonly systemId: SystemId
  readonly serial: Serial
}

/**
 * The commands of the ledger.
 *
 * @since 0.2.0
 * @category models
 */
export type Command = OpenRma | NoteUnauthorizedReturn

/**
 * The ledger decider (pure): an RMA is recorded once.
 *
 * @since 0.1.0
 * @category models
 */
export const decider: Decider.Decider<Command, Event, State, never> = {
  initialState: [],
  decide: (command, state) =>
    Result.succeed(
      state.some((r) => r.rmaId === command.rmaId)
        ? []
        : command._tag === "OpenRma"
          ? [
              Event.cases.RmaOpened.make({
                rmaId: command.rmaId,
                systemId: command.systemId,
                serials: command.serials
              })
            ]
          : [
              Event.cases.UnauthorizedReturnNoted.make({
                rmaId: command.rmaId,
                systemId: command.systemId,
                serial: command.serial
              })
            ]
    ),
  evolve: (state, event) =>
    state.some((r) => r.rmaId === event.rmaId)
      ? state
      : [...state, { rmaId: event.rmaId, serials: event._tag === "RmaOpened" ? event.serials : [] }],
  isTerminal: () => false
}

/**
 * The ledger aggregate (streams `rmaledger-<systemId>`).
 *
 * @since 0.1.0
 * @category models
 */
export const aggregate: CommandHandler.Aggregate<Command, Event, State, never> = {
  decider,
  codec: EventCodec.make({ schema: Event })
}

/**
 * The stream id of a system's returns ledger.
 *
 * @since 0.1.0
 * @category models
 */
export const streamId = (systemId: SystemId): string => `rmaledger-${systemId}`
