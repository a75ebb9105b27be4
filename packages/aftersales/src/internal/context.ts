/**
 * What every after-sales use case works with: the four aggregates under the service's policies,
 * and the errors a use case can end with.
 *
 * @internal
 */
import type { Effect } from "effect"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import type * as EventStore from "@soltrace/core/EventStore"
import type { WarrantyTerms } from "@soltrace/rules"
import * as ReturnsLedger from "../ReturnsLedger.js"
import * as Rma from "../Rma.js"
import * as System from "../System.js"
import * as Ticket from "../Ticket.js"
import type { InvalidCommand } from "./commandInput.js"

export interface Aggregates {
  readonly system: CommandHandler.Aggregate<System.Command, System.Event, System.State, System.SystemCommandRefused>
  readonly ticket: CommandHandler.Aggregate<Ticket.Command, Ticket.Event, Ticket.State, Ticket.TicketCommandRefused>
  readonly rma: CommandHandler.Aggregate<Rma.Command, Rma.Event, Rma.State, Rma.RmaCommandRefused>
  readonly ledger: CommandHandler.Aggregate<ReturnsLedger.Command, ReturnsLedger.Event, ReturnsLedger.State, never>
  /** D1: the warranty terms the RMA decides with (for the devices' term starts). */
  readonly terms: WarrantyTerms.TermTable
}

export interface Policies {
  readonly system?: System.Policy | undefined
  readonly ticket?: Ticket.Policy | undefined
  readonly rma?: Rma.Policy | undefined
}

export const aggregatesOf = (options: Policies): Aggregates => ({
  system: System.makeAggregate(options.system),
  ticket: Ticket.makeAggregate(options.ticket),
  rma: Rma.makeAggregate(options.rma),
  ledger: ReturnsLedger.aggregate,
  terms: (options.rma ?? Rma.defaultPolicy).terms
})

export type ServiceError =
  | InvalidCommand
  | System.SystemCommandRefused
  | Ticket.TicketCommandRefused
  | Rma.RmaCommandRefused
  | CommandHandler.HandleError

/** A use case: an effect on the event store that ends with a typed error. */
export type UseCase<A> = Effect.Effect<A, ServiceError, EventStore.EventStore>

/** The metadata of one step of a command (`<commandId>:<step>`, caused by the command). */
export const sub = (metadata: CommandHandler.CommandMetadata, step: string): CommandHandler.CommandMetadata => ({
  ...metadata,
  commandId: `${metadata.commandId}:${step}`,
  causationId: metadata.commandId,
  correlationId: metadata.correlationId ?? metadata.commandId
})

/** What a use case reports for one stream it wrote (or found already written). */
export const handledOf = <Command, Event, State, Err>(
  aggregate: CommandHandler.Aggregate<Command, Event, State, Err>,
  loaded: CommandHandler.Loaded<State>,
  events: ReadonlyArray<Event>,
  result: EventStore.AppendResult | undefined
): CommandHandler.Handled<Event, State> => {
  let state = loaded.state
  for (const e of events) state = aggregate.decider.evolve(state, e)
  return {
    events,
    recorded: result?.events ?? [],
    state,
    version: result?.version ?? loaded.version,
    duplicate: result?.duplicate ?? false
  }
}

/** The retry policy of every use case: the kernel's own (`CommandHandler.retryPolicy`). */
export const retrying = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  CommandHandler.retrying(effect, CommandHandler.retryPolicy)
