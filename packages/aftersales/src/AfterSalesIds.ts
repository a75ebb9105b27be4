/**
 * Identifiers and shared schemas of the after-sales aggregates (System, Ticket, RMA).
 *
 * Ids are branded strings: a `SystemId` cannot be passed where an `RmaId` is expected. People are
 * referred to by a {@link PartyId} only, and addresses by their id — names, addresses and e-mails
 * live in the personal-data store of the kernel (`@soltrace/core/PersonalData`, WAL-5.15, D16),
 * never in events; views resolve them when shown (`Views.shown`), as "erased" once erased.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Decision, SupportRouting } from "@soltrace/rules"

const Id = Schema.String.check(Schema.isMinLength(1))

/**
 * The id of an installation (System stream `system-<id>`).
 *
 * @since 0.1.0
 * @category ids
 */
export const SystemId = Id.pipe(Schema.brand("SystemId"))
/**
 * @since 0.1.0
 * @category ids
 */
export type SystemId = typeof SystemId.Type

/**
 * The id of a support ticket (Ticket stream `ticket-<id>`); the case number of ENP-R9.
 *
 * @since 0.1.0
 * @category ids
 */
export const TicketId = Id.pipe(Schema.brand("TicketId"))
/**
 * @since 0.1.0
 * @category ids
 */
export type TicketId = typeof TicketId.Type

/**
 * The id of a return authorization (RMA stream `rma-<id>`).
 *
 * @since 0.1.0
 * @category ids
 */
export const RmaId = Id.pipe(Schema.brand("RmaId"))
/**
 * @since 0.1.0
 * @category ids
 */
export type RmaId = typeof RmaId.Type

/**
 * The id of a party: an owner (customer account), an installer, a distributor, a support agent.
 *
 * @since 0.1.0
 * @category ids
 */
export const PartyId = Id.pipe(Schema.brand("PartyId"))
/**
 * @since 0.1.0
 * @category ids
 */
export type PartyId = typeof PartyId.Type

/**
 * A device serial number (unique across a system, current or retired — ENP-S4).
 *
 * @since 0.1.0
 * @category ids
 */
export const Serial = Id.pipe(Schema.brand("Serial"))
/**
 * @since 0.1.0
 * @category ids
 */
export type Serial = typeof Serial.Type

/**
 * A professional installer's licence number (APS-1, APS-2).
 *
 * @since 0.1.0
 * @category ids
 */
export const LicenceNumber = Id.pipe(Schema.brand("LicenceNumber"))
/**
 * @since 0.1.0
 * @category ids
 */
export type LicenceNumber = typeof LicenceNumber.Type

/**
 * A `Decision.Reason` of `@soltrace/rules` as a Schema, so that events and errors can carry it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reason = Schema.Struct({
  rule: Schema.String,
  message: Schema.String,
  figures: Schema.Record(Schema.String, Schema.Union([Schema.String, Schema.Number, Schema.Boolean]))
})

/**
 * A non-empty list of reasons.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reasons = Schema.NonEmptyArray(Reason)

/**
 * The pseudo rule id of a lifecycle refusal (a command that the aggregate's state machine does not
 * accept in its current state: see the state diagrams in `docs/aftersales/`).
 *
 * @since 0.1.0
 * @category reasons
 */
export const LIFECYCLE = "LIFECYCLE"

/**
 * A reason for a lifecycle refusal.
 *
 * @since 0.1.0
 * @category reasons
 */
export const lifecycle = (
  message: string,
  figures: Readonly<Record<string, string | number | boolean>> = {}
): Decision.Reason => ({
  rule: LIFECYCLE,
  message,
  figures
})

/**
 * A reason citing a rule.
 *
 * @since 0.1.0
 * @category reasons
 */
export const because = (
  rule: string,
  message: string,
  figures: Readonly<Record<string, string | number | boolean>> = {}
): Decision.Reason => ({ rule, message, figures })

/**
 * Who asks (opens a ticket, requests a return): a licensed installer (with licence number), a self-installer, the owner,
 * a distributor. People are referred to by id only.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Requester = Schema.Union([
  Schema.TaggedStruct("LicensedInstaller", { partyId: PartyId, licenceNumber: LicenceNumber }),
  Schema.TaggedStruct("SelfInstaller", { partyId: PartyId }),
  Schema.TaggedStruct("Owner", { partyId: PartyId }),
  Schema.TaggedStruct("Distributor", { partyId: PartyId })
])

/**
 * @since 0.1.0
 * @category models
 */
export type Requester = typeof Requester.Type

/**
 * The requester as `@soltrace/rules` sees it (without the party id).
 *
 * @since 0.1.0
 * @category schemas
 */
export const toRulesRequester = (requester: Requester): SupportRouting.Requester =>
  requester._tag === "LicensedInstaller"
    ? { _tag: "LicensedInstaller", licenceNumber: requester.licenceNumber }
    : { _tag: requester._tag }
