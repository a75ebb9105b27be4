/**
 * Use case: open a support ticket — its system's serials (ENP-S4), installation (APS-3..6) and
 * makers (D15) are loaded, the Ticket decides once.
 *
 * @internal
 */
import { Effect } from "effect"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import * as Ticket from "../../Ticket.js"
import type { Aggregates } from "../context.js"
import { registered, systemForTicket } from "../facts.js"

export type OpenTicketInput = Omit<Extract<Ticket.Command, { _tag: "OpenTicket" }>, "_tag" | "system">

export const openTicket = (aggregates: Aggregates, input: OpenTicketInput, metadata: CommandHandler.CommandMetadata) =>
  Effect.gen(function* () {
    const s = yield* registered(aggregates, input.systemId, "OpenTicket")
    return yield* CommandHandler.handle(
      aggregates.ticket,
      Ticket.streamId(input.ticketId),
      { _tag: "OpenTicket", ...input, system: systemForTicket(s.state) },
      metadata
    )
  })
