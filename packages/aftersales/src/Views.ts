/**
 * The installer's views (ENP-S1, ENP-S2, ENP-S3, ENP-S5): read models built by pure projections
 * over recorded events, so they run on any store — inline with the in-memory store
 * (`InMemoryEventStore.layerWithInline`) or as catch-up projections (`Projection.toRef` +
 * `Projection.catchUp`) on any backend.
 *
 * - {@link systems}: every system with its status, searchable and sortable by id, owner, installer
 *   and serial, current or retired (ENP-S1);
 * - {@link tickets}: the latest tickets, the tickets of one system, a ticket's details — status,
 *   handler, subject, devices, notes (ENP-S2, ENP-S3);
 * - {@link returns}: RMAs and labour reimbursement claims with their shipping information (ENP-S5);
 * - {@link problems}: every after-sales event the views could not decode (a stored event whose
 *   data no longer matches its Schema and has no upcaster) — reported with its stream, version,
 *   type and the decoder's message, never skipped silently.
 *
 * Names live in the personal-data record (WAL-5.15); the views hold party ids, and the query
 * functions accept an optional lookup to search by owner name.
 *
 * @since 0.1.0
 */
import { Effect, Result } from "effect"
import type { EventCodec } from "@soltrace/core/EventCodec"
import type { RecordedEvent } from "@soltrace/core/EventStore"
import * as PersonalData from "@soltrace/core/PersonalData"
import * as Projection from "@soltrace/core/Projection"
import * as ReturnsLedger from "./ReturnsLedger.js"
import * as Rma from "./Rma.js"
import * as System from "./System.js"
import * as Ticket from "./Ticket.js"

const decoded = <E>(codec: EventCodec<E>, event: RecordedEvent): E | undefined => {
  const r = codec.decode(event)
  return Result.isSuccess(r) ? r.success : undefined
}

// ---------------------------------------------------------------------------------------------
// Events the views cannot decode
// ---------------------------------------------------------------------------------------------

/**
 * An after-sales event that the views could not decode: the other views left it out, this one
 * says so.
 *
 * @since 0.2.0
 * @category problems
 */
export interface Undecodable {
  readonly streamId: string
  readonly version: number
  readonly position: number
  readonly type: string
  /** What the decoder said (the field at fault, the upcasting step). */
  readonly error: string
}

/**
 * @since 0.2.0
 * @category problems
 */
export type ProblemsView = ReadonlyArray<Undecodable>

const codecOfStream = (
  streamId: string
): { readonly decode: (event: RecordedEvent) => Result.Result<unknown, { readonly message: string }> } | undefined => {
  const category = streamId.slice(0, streamId.indexOf("-"))
  switch (category) {
    case "system":
      return System.codec
    case "ticket":
      return Ticket.codec
    case "rma":
      return Rma.codec
    case "rmaledger":
      return ReturnsLedger.aggregate.codec
    default:
      return undefined
  }
}

/**
 * The events of the after-sales categories (`system`, `ticket`, `rma`, `rmaledger`) that do not
 * decode, in the order they were recorded.
 *
 * @since 0.2.0
 * @category problems
 */
export const problems: Projection.Projection<ProblemsView> = Projection.make<ProblemsView>({
  name: "aftersales-problems",
  initialState: [],
  evolve: (view, recorded) => {
    const codec = codecOfStream(recorded.streamId)
    if (codec === undefined) return view
    const r = codec.decode(recorded)
    if (Result.isSuccess(r)) return view
    return [
      ...view,
      {
        streamId: recorded.streamId,
        version: recorded.version,
        position: recorded.position,
        type: recorded.type,
        error: r.failure.message
      }
    ]
  }
})

/**
 * The events the views could not decode (empty when all is well).
 *
 * @since 0.2.0
 * @category problems
 */
export const undecodable = (view: ProblemsView): ReadonlyArray<Undecodable> => view

// ---------------------------------------------------------------------------------------------
// Personal data, resolved when shown (D16)
// ---------------------------------------------------------------------------------------------

/**
 * D16: how a view shows a party or an address that events refer to by id — resolved from the
 * personal-data store when shown: the address lines or the party's name, `"erased"` once it was
 * erased (the stream still replays: only the id is in the events), `undefined` when the store
 * holds nothing under that id.
 *
 * @since 0.2.0
 * @category personal data
 */
export const shown = (entries: ReadonlyMap<string, PersonalData.Entry>, id: string): string | undefined => {
  const entry = entries.get(id)
  if (entry === undefined) return undefined
  switch (entry._tag) {
    case "Erased":
      return "erased"
    case "Party":
      return entry.name
    case "PostalAddress":
      return [...entry.lines, `${entry.postalCode} ${entry.locality}`, entry.country].join(", ")
  }
}

/**
 * D16: looks up, in one call to the personal-data store, the ids a view is about to show (the
 * shipping address of each return, ENP-R4; the cheque address of each claim, ENP-L8; owners).
 *
 * @since 0.2.0
 * @category personal data
 */
export const lookUp = (ids: Iterable<string>) =>
  Effect.flatMap(Effect.service(PersonalData.PersonalData), (people) => people.getMany(ids))

// ---------------------------------------------------------------------------------------------
// Systems (ENP-S1)
// ---------------------------------------------------------------------------------------------

/**
 * The status of a system in the list: `non-compliant` (self-installed without APS-6, D6),
 * `registered` (not yet commissioned), `active` (commissioned).
 *
 * @since 0.1.0
 * @category systems
 */
export type SystemStatus = "non-compliant" | "registered" | "active"

/**
 * One row of the systems list.
 *
 * @since 0.1.0
 * @category systems
 */
export interface SystemRow {
  readonly systemId: string
  readonly status: SystemStatus
  readonly country: string
  readonly ownerId: string
  /** The installer of record (or, for a self-installed system, the backing installer). */
  readonly installerId?: string | undefined
  readonly selfInstalled: boolean
  readonly commissionedOn?: string | undefined
  readonly currentSerials: ReadonlyArray<string>
  readonly retiredSerials: ReadonlyArray<string>
  /** The last business date recorded on the system. */
  readonly lastActivity: string
}

/**
 * @since 0.1.0
 * @category systems
 */
export type SystemsView = Readonly<Record<string, { readonly state: System.Registered; readonly lastActivity: string }>>

const eventDate = (e: System.Event): string => {
  switch (e._tag) {
    case "SystemRegistered":
      return e.registeredOn
    case "SelfInstallSupportRecorded":
      return e.recordedOn
    case "SystemCommissioned":
      return e.commissionedOn
    case "DeviceInstalled":
      return e.installedOn
    case "DeviceRetired":
      return e.retiredOn
    case "DeviceFaultDetected":
      return e.detectedOn
    case "DeviceReplaced":
      return e.replacedOn
    case "OwnershipTransferred":
      return e.transferredOn
    case "InstallerOfRecordChanged":
      return e.changedOn
    case "InstallerUnavailable":
      return e.on
    case "LabourReimbursementClaimed":
    case "LabourReimbursementRefused":
      return e.claimedOn
    case "LabourReimbursementPaid":
      return e.paidOn
  }
}

/**
 * ENP-S1: the systems projection (category `system`).
 *
 * @since 0.1.0
 * @category systems
 */
export const systems: Projection.Projection<SystemsView> = Projection.make<SystemsView>({
  name: "aftersales-systems",
  category: "system",
  initialState: {},
  evolve: (view, recorded) => {
    const event = decoded(System.codec, recorded)
    if (event === undefined) return view
    const current = view[event.systemId]
    const state = System.evolve(current?.state ?? System.initialState, event)
    if (state._tag !== "Registered") return view
    const date = eventDate(event)
    const lastActivity = current !== undefined && current.lastActivity > date ? current.lastActivity : date
    return { ...view, [event.systemId]: { state, lastActivity } }
  }
})

/**
 * A system as a row of the list.
 *
 * @since 0.1.0
 * @category systems
 */
export const systemRow = (entry: SystemsView[string]): SystemRow => {
  const s = entry.state
  const devices = Object.values(s.devices)
  const installerId =
    s.installation._tag === "ByLicensedInstaller" ? s.installation.installerId : s.backingInstaller?.installerId
  return {
    systemId: s.systemId,
    status: !System.isCompliant(s) ? "non-compliant" : s.commissionedOn === undefined ? "registered" : "active",
    country: s.country,
    ownerId: s.ownerId,
    installerId,
    selfInstalled: s.installation._tag === "SelfInstalled",
    commissionedOn: s.commissionedOn,
    currentSerials: devices.filter((d) => d.status === "current").map((d) => d.serial),
    retiredSerials: devices.filter((d) => d.status === "retired").map((d) => d.serial),
    lastActivity: entry.lastActivity
  }
}

/**
 * How to query the systems list.
 *
 * - `search`: matched (case-insensitively, as a substring) against the system id, owner id,
 *   installer id, every serial (current or retired) and, when `ownerName` is given, the owner's
 *   name from the personal-data record;
 * - `status`: keep only that status;
 * - `sortBy`: `status` (default), `systemId`, `ownerId`, `installerId`, `lastActivity` (latest
 *   first).
 *
 * @since 0.1.0
 * @category systems
 */
export interface SystemQuery {
  readonly search?: string | undefined
  readonly status?: SystemStatus | undefined
  readonly sortBy?: "status" | "systemId" | "ownerId" | "installerId" | "lastActivity" | undefined
  readonly ownerName?: ((ownerId: string) => string | undefined) | undefined
}

const statusOrder: Record<SystemStatus, number> = { "non-compliant": 0, registered: 1, active: 2 }

/**
 * ENP-S1: the systems list, searched and sorted.
 *
 * @since 0.1.0
 * @category systems
 */
export const listSystems = (view: SystemsView, query: SystemQuery = {}): ReadonlyArray<SystemRow> => {
  const needle = query.search?.trim().toLowerCase()
  const rows = Object.values(view)
    .map(systemRow)
    .filter((row) => query.status === undefined || row.status === query.status)
    .filter((row) => {
      if (needle === undefined || needle === "") return true
      const haystack = [
        row.systemId,
        row.ownerId,
        row.installerId ?? "",
        ...row.currentSerials,
        ...row.retiredSerials,
        query.ownerName?.(row.ownerId) ?? ""
      ]
      return haystack.some((h) => h.toLowerCase().includes(needle))
    })
  const by = query.sortBy ?? "status"
  const key = (row: SystemRow): string =>
    by === "status" ? `${statusOrder[row.status]}` : by === "lastActivity" ? row.lastActivity : (row[by] ?? "")
  return [...rows].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    const c = by === "lastActivity" ? kb.localeCompare(ka) : ka.localeCompare(kb)
    return c !== 0 ? c : a.systemId.localeCompare(b.systemId)
  })
}

// ---------------------------------------------------------------------------------------------
// Tickets (ENP-S2, ENP-S3)
// ---------------------------------------------------------------------------------------------

/**
 * ENP-S3: a ticket's details.
 *
 * @since 0.1.0
 * @category tickets
 */
export interface TicketDetails {
  readonly ticketId: string
  readonly systemId: string
  readonly status: Ticket.Status
  readonly handlerId?: string | undefined
  readonly subject: string
  readonly kind: string
  /** The devices concerned (serials of the system, current or retired — ENP-S4). */
  readonly serials: ReadonlyArray<string>
  readonly description: string
  readonly notes: ReadonlyArray<{ readonly authorId: string; readonly text: string; readonly on: string }>
  readonly referral?:
    { readonly to: string; readonly rule: string; readonly licenceNumber?: string | undefined } | undefined
  readonly callback?: { readonly earliest: string; readonly latest: string } | undefined
  readonly openedAt: string
  /** The global position of the ticket's last event: the order of "latest tickets". */
  readonly lastPosition: number
}

/**
 * @since 0.1.0
 * @category tickets
 */
export type TicketsView = Readonly<Record<string, { readonly state: Ticket.Opened; readonly lastPosition: number }>>

/**
 * ENP-S2/ENP-S3: the tickets projection (category `ticket`).
 *
 * @since 0.1.0
 * @category tickets
 */
export const tickets: Projection.Projection<TicketsView> = Projection.make<TicketsView>({
  name: "aftersales-tickets",
  category: "ticket",
  initialState: {},
  evolve: (view, recorded) => {
    const event = decoded(Ticket.codec, recorded)
    if (event === undefined) return view
    const state = Ticket.evolve(view[event.ticketId]?.state ?? Ticket.initialState, event)
    if (state._tag !== "Opened") return view
    return { ...view, [event.ticketId]: { state, lastPosition: recorded.position } }
  }
})

const details = (entry: TicketsView[string]): TicketDetails => {
  const s = entry.state
  return {
    ticketId: s.ticketId,
    systemId: s.systemId,
    status: s.status,
    handlerId: s.handlerId,
    subject: s.subject,
    kind: s.kind,
    serials: s.serials,
    description: s.description,
    notes: s.notes,
    referral: s.referral,
    callback: s.callback,
    openedAt: s.openedAt,
    lastPosition: entry.lastPosition
  }
}

/**
 * ENP-S3: one ticket's details, if it exists.
 *
 * @since 0.1.0
 * @category tickets
 */
export const ticketDetails = (view: TicketsView, ticketId: string): TicketDetails | undefined => {
  const entry = view[ticketId]
  return entry === undefined ? undefined : details(entry)
}

/**
 * ENP-S2: the latest tickets (most recently active first), at most `limit`.
 *
 * @since 0.1.0
 * @category tickets
 */
export const latestTickets = (view: TicketsView, limit = 20): ReadonlyArray<TicketDetails> =>
  Object.values(view)
    .map(details)
    .sort((a, b) => b.lastPosition - a.lastPosition)
    .slice(0, Math.max(0, limit))

/**
 * ENP-S2: all tickets of one system, most recently active first.
 *
 * @since 0.1.0
 * @category tickets
 */
export const ticketsOfSystem = (view: TicketsView, systemId: string): ReadonlyArray<TicketDetails> =>
  latestTickets(view, Number.MAX_SAFE_INTEGER).filter((t) => t.systemId === systemId)

/**
 * ENP-S1: search tickets by id, system, subject or serial (case-insensitive substring).
 *
 * @since 0.1.0
 * @category tickets
 */
export const searchTickets = (view: TicketsView, search: string): ReadonlyArray<TicketDetails> => {
  const needle = search.trim().toLowerCase()
  return latestTickets(view, Number.MAX_SAFE_INTEGER).filter((t) =>
    [t.ticketId, t.systemId, t.subject, ...t.serials].some((h) => h.toLowerCase().includes(needle))
  )
}

// ---------------------------------------------------------------------------------------------
// Returns and claims (ENP-S5)
// ---------------------------------------------------------------------------------------------

/**
 * ENP-S5: one RMA with its shipping information.
 *
 * @since 0.1.0
 * @category returns
 */
export interface ReturnRow {
  readonly rmaId: string
  readonly systemId: string
  readonly status: Rma.Status
  readonly requestedAt: string
  readonly approvedOn?: string | undefined
  /** Where the replacement ships (ENP-R4). */
  readonly shippingAddress: string
  readonly devices: ReadonlyArray<Rma.DeviceReturn>
  readonly reasons: ReadonlyArray<{ readonly rule: string; readonly message: string }>
}

/**
 * ENP-S5: one labour reimbursement claim.
 *
 * @since 0.1.0
 * @category returns
 */
export interface ClaimRow {
  readonly systemId: string
  readonly interventionOn: string
  readonly claimedOn: string
  readonly status: "claimed" | "refused" | "paid"
  readonly amountCents: number
  readonly paymentAddress?: string | undefined
  readonly paidOn?: string | undefined
  readonly chequeNumber?: string | undefined
  readonly reasons: ReadonlyArray<{ readonly rule: string; readonly message: string }>
}

/**
 * @since 0.1.0
 * @category returns
 */
export interface ReturnsView {
  readonly rmas: Readonly<Record<string, Rma.Requested>>
  /** Claims by `systemId/interventionOn/claimedOn`. */
  readonly claims: Readonly<Record<string, ClaimRow>>
}

/**
 * ENP-S5: the returns and claims projection (categories `rma` and `system`).
 *
 * @since 0.1.0
 * @category returns
 */
export const returns: Projection.Projection<ReturnsView> = Projection.make<ReturnsView>({
  name: "aftersales-returns",
  initialState: { rmas: {}, claims: {} },
  evolve: (view, recorded) => {
    if (recorded.streamId.startsWith("rma-")) {
      const event = decoded(Rma.codec, recorded)
      if (event === undefined) return view
      const state = Rma.evolve(view.rmas[event.rmaId] ?? Rma.initialState, event)
      if (state._tag !== "Requested") return view
      return { ...view, rmas: { ...view.rmas, [event.rmaId]: state } }
    }
    if (!recorded.streamId.startsWith("system-")) return view
    const event = decoded(System.codec, recorded)
    if (event === undefined) return view
    switch (event._tag) {
      case "LabourReimbursementClaimed":
      case "LabourReimbursementRefused": {
        const key = `${event.systemId}/${event.interventionOn}/${event.claimedOn}`
        const row: ClaimRow =
          event._tag === "LabourReimbursementClaimed"
            ? {
                systemId: event.systemId,
                interventionOn: event.interventionOn,
                claimedOn: event.claimedOn,
                status: "claimed",
                amountCents: event.amountCents,
                paymentAddress: event.paymentAddress,
                reasons: event.reasons
              }
            : {
                systemId: event.systemId,
                interventionOn: event.interventionOn,
                claimedOn: event.claimedOn,
                status: "refused",
                amountCents: 0,
                reasons: event.reasons
              }
        return { ...view, claims: { ...view.claims, [key]: row } }
      }
      case "LabourReimbursementPaid": {
        const entry = Object.entries(view.claims).find(
          ([, c]) =>
            c.systemId === event.systemId && c.interventionOn === event.interventionOn && c.status === "claimed"
        )
        if (entry === undefined) return view
        const [key, claim] = entry
        return {
          ...view,
          claims: {
            ...view.claims,
            [key]: { ...claim, status: "paid", paidOn: event.paidOn, chequeNumber: event.chequeNumber }
          }
        }
      }
      default:
        return view
    }
  }
})

/**
 * ENP-S5: the returns (optionally of one system), with their shipping information.
 *
 * @since 0.1.0
 * @category returns
 */
export const listReturns = (view: ReturnsView, systemId?: string): ReadonlyArray<ReturnRow> =>
  Object.values(view.rmas)
    .filter((r) => systemId === undefined || r.systemId === systemId)
    .map((r) => ({
      rmaId: r.rmaId,
      systemId: r.systemId,
      status: Rma.status(r),
      requestedAt: r.requestedAt,
      approvedOn: r.approvedOn,
      shippingAddress: r.shippingAddress,
      devices: r.devices,
      reasons: r.reasons
    }))
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt) || a.rmaId.localeCompare(b.rmaId))

/**
 * ENP-S5: the labour reimbursement claims (optionally of one system), latest first.
 *
 * @since 0.1.0
 * @category returns
 */
export const listClaims = (view: ReturnsView, systemId?: string): ReadonlyArray<ClaimRow> =>
  Object.values(view.claims)
    .filter((c) => systemId === undefined || c.systemId === systemId)
    .sort((a, b) => b.claimedOn.localeCompare(a.claimedOn) || a.systemId.localeCompare(b.systemId))

/**
 * All three projections, e.g. for `InMemoryEventStore.layerWithInline({ inline: Views.all })`.
 *
 * @since 0.1.0
 * @category projections
 */
export const all = [systems, tickets, returns, problems] as const
