/**
 * The facts an aggregate needs from another, assembled in one place per aggregate: what an RMA
 * needs to know about its system and the system's other returns, what a System needs from the RMA
 * streams, what a Ticket needs from its system. Use cases ask here; aggregates never load.
 *
 * @internal
 */
import { Effect } from "effect"
import * as CommandHandler from "@soltrace/core/CommandHandler"
import type * as EventStore from "@soltrace/core/EventStore"
import { because, type RmaId, type Serial, type SystemId } from "../AfterSalesIds.js"
import type * as ReturnsLedger from "../ReturnsLedger.js"
import * as Rma from "../Rma.js"
import * as System from "../System.js"
import type * as Ticket from "../Ticket.js"
import type { Aggregates } from "./context.js"

type Loaded<S> = CommandHandler.Loaded<S>

/** The system, which must be registered. */
export const registered = (
  aggregates: Aggregates,
  systemId: SystemId,
  command: string
): Effect.Effect<
  Loaded<System.Registered>,
  System.SystemCommandRefused | CommandHandler.HandleError,
  EventStore.EventStore
> =>
  Effect.flatMap(CommandHandler.load(aggregates.system, System.streamId(systemId)), (loaded) =>
    loaded.state._tag === "Registered"
      ? Effect.succeed({ ...loaded, state: loaded.state })
      : Effect.fail(
          new System.SystemCommandRefused({
            systemId,
            command,
            reasons: [because("LIFECYCLE", `System ${systemId} is not registered.`)]
          })
        )
  )

// ---------------------------------------------------------------------------------------------
// For the RMA
// ---------------------------------------------------------------------------------------------

/** What an RMA needs of its system (D1, ENP-W2: devices, commissioning, installation, owner change). */
export const systemForRma = (
  aggregates: Aggregates,
  s: System.Registered,
  command: string
): Effect.Effect<Rma.SystemFacts, System.SystemCommandRefused> =>
  s.commissionedOn === undefined
    ? Effect.fail(
        new System.SystemCommandRefused({
          systemId: s.systemId,
          command,
          reasons: [
            because("D1", `System ${s.systemId} is not commissioned: the warranty term has not started (D1, ENP-W2).`)
          ]
        })
      )
    : Effect.succeed({
        commissionedOn: s.commissionedOn,
        installation: System.rulesInstallation(s),
        ownershipTransferred: s.ownershipTransferred,
        devices: System.rulesDevices(s, aggregates.terms)
      })

/** What the system's other RMAs say: serials in open RMAs (ENP-R1), units received without authorization (ENP-R3). */
export interface OtherReturns {
  readonly serialsInOpenRmas: Array<Serial>
  readonly serialsReceivedWithoutAuthorization: Array<Serial>
}

/**
 * ENP-R1/ENP-R3: the system's other RMAs, from its returns ledger (not a scan of the `rma`
 * category). The ledger and an RMA that opens are written together (`appendMany`), so a ledger
 * entry whose RMA stream is empty can only be a leftover of a write that never completed: it
 * blocks nothing.
 */
export const otherReturns = (
  aggregates: Aggregates,
  ledger: ReturnsLedger.State,
  except: RmaId
): Effect.Effect<OtherReturns, CommandHandler.HandleError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const serialsInOpenRmas: Array<Serial> = []
    const serialsReceivedWithoutAuthorization: Array<Serial> = []
    for (const entry of ledger) {
      if (entry.rmaId === except) continue
      const st = (yield* CommandHandler.load(aggregates.rma, Rma.streamId(entry.rmaId))).state
      serialsReceivedWithoutAuthorization.push(...st.unauthorizedReceipts.map((u) => u.serial))
      if (Rma.isOpen(st) && st._tag === "Requested") serialsInOpenRmas.push(...st.devices.map((d) => d.serial))
    }
    return { serialsInOpenRmas, serialsReceivedWithoutAuthorization }
  })

// ---------------------------------------------------------------------------------------------
// For the System
// ---------------------------------------------------------------------------------------------

/**
 * ENP-R7: the RMA approval of a replacement, loaded from the RMA stream — never taken from the
 * caller ("procédez au remplacement seulement APRÈS avoir obtenu l'autorisation").
 */
export const approvalOf = (rma: Rma.State): System.RmaApproval | undefined =>
  rma._tag === "Requested" && rma.decision === "approved" && rma.approvedOn !== undefined
    ? { rmaId: rma.rmaId, serials: Rma.approvedSerials(rma), approvedOn: rma.approvedOn }
    : undefined

/** ENP-L4, ENP-L6: what the RMA streams say about each device replaced on an intervention day. */
export const returnsForClaim = (
  aggregates: Aggregates,
  s: System.Registered,
  interventionOn: string
): Effect.Effect<Array<System.ReturnFacts>, CommandHandler.HandleError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const returns: Array<System.ReturnFacts> = []
    for (const device of System.replacedOn(s, interventionOn)) {
      if (device.replacedUnderRma === undefined) continue
      const st = (yield* CommandHandler.load(aggregates.rma, Rma.streamId(device.replacedUnderRma))).state
      const entry = st._tag === "Requested" ? st.devices.find((d) => d.serial === device.serial) : undefined
      const approval = approvalOf(st)
      returns.push({
        serial: device.serial,
        rmaId: device.replacedUnderRma,
        ...(approval !== undefined ? { rmaApprovedOn: approval.approvedOn } : {}),
        // ENP-L4: shipped back to the manufacturer.
        shippedBack: entry?.defectiveShipped !== undefined || entry?.receivedOn !== undefined
      })
    }
    return returns
  })

// ---------------------------------------------------------------------------------------------
// For the Ticket
// ---------------------------------------------------------------------------------------------

/** What a ticket needs of its system: serials (ENP-S4), installation (APS-3..6), makers (D15). */
export const systemForTicket = (s: System.Registered): Ticket.SystemFacts => {
  const monitoringMaker = System.monitoringMaker(s)
  return {
    serials: System.serials(s),
    installation: System.rulesInstallation(s),
    makers: System.makers(s),
    ...(monitoringMaker !== undefined ? { monitoringMaker } : {})
  }
}
