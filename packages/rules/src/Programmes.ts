/**
 * Each manufacturer's after-sales programme, as dated data (D15).
 *
 * The after-sales rules come from two manufacturers' documents, and each binds only its own
 * products: ENP-* (support answer times, self-service returns, labour reimbursement) are
 * Enphase's; APS-1…6 are APsystems'. A programme is a list of versions per maker, each with the
 * day it takes effect (`effectiveFrom`); the version in force on the relevant day applies — the
 * intervention day for labour, the request day for returns and tickets ({@link inForce}).
 *
 * What a version says:
 * - `support`: who the maker's support helps. `"answers-everyone"` — Enphase supports private
 *   owners itself ("deux supports distincts pour les clients particuliers et pour les
 *   professionnels"): a request is a ticket answered per ENP-C1, never a referral.
 *   `"licensed-installers-only"` — APsystems: only a licensed installer is troubleshot (APS-2),
 *   everyone else is referred (APS-3, APS-4, APS-5). `"no-policy"` — a maker with no support
 *   policy in the data ({@link generic}): D15's generic rule — a licensed installer is troubleshot
 *   (APS-2 as the generic rule), anyone else is referred to the installer of record when it is
 *   licensed, else to a qualified installer (no APsystems-only rule such as APS-5).
 * - `labour`: the labour reimbursement terms (ENP-L1…L8), or none: a maker without them never
 *   reimburses labour (ENP-L2 scope).
 *
 * A maker with no version in force is {@link generic}: only a licensed installer is helped to
 * troubleshoot (APS-2 as the generic rule), no labour reimbursement.
 *
 * The seeds' terms are the default versions ({@link defaultTable}): Enphase 2019 (€150 + €25,
 * 2 years, 6 months; ENP-C1 answers), APsystems (APS-1…6, no labour programme). A user adds a
 * later version as data (Enphase's current European page gives a 3-month claim window — an
 * outside fact, not shipped as a default).
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import * as LabourReimbursement from "./LabourReimbursement.js"
import * as WarrantyTerms from "./WarrantyTerms.js"

const Text = Schema.String.check(Schema.isMinLength(1))

/**
 * Who a maker's support helps (D15).
 *
 * @since 0.2.0
 * @category schemas
 */
export const Support = Schema.Literals(["answers-everyone", "licensed-installers-only", "no-policy"])

/**
 * @since 0.2.0
 * @category models
 */
export type Support = typeof Support.Type

/**
 * One version of a maker's programme.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Version = Schema.Struct({
  manufacturer: WarrantyTerms.Manufacturer,
  /** How refusals name it: "Enphase (2019)". */
  name: Text,
  /** The first day this version applies. */
  effectiveFrom: Calendar.CalendarDate,
  /** Where its terms come from (a seed, a rule id, a web page). */
  source: Text,
  support: Support,
  /** ENP-L*: the labour reimbursement terms; absent when the maker has no such programme. */
  labour: Schema.optional(LabourReimbursement.Policy)
})

/**
 * @since 0.2.0
 * @category models
 */
export type Version = typeof Version.Type

/**
 * Every maker's versions (in any order).
 *
 * @since 0.2.0
 * @category schemas
 */
export const Table = Schema.Array(Version)

/**
 * @since 0.2.0
 * @category models
 */
export type Table = ReadonlyArray<Version>

/**
 * D15 defaults: the seeds' terms.
 *
 * - Enphase (2019), from the Enphase France support deck (it cites "Q3'19" results): support
 *   answers everyone (ENP-C1), labour reimbursement €150 + €25, commissioned less than 2 years
 *   before the intervention, claimed within 6 months (ENP-L1…L8, D2, D3).
 * - APsystems, from its support policy: only licensed installers are troubleshot (APS-1…6); no
 *   labour reimbursement.
 *
 * Both are taken as in force from 2019-01-01 (the seeds are not dated more precisely); before
 * that day a maker is treated as {@link generic}.
 *
 * @since 0.2.0
 * @category defaults
 */
export const defaultTable: Table = [
  {
    manufacturer: "Enphase",
    name: "Enphase (2019)",
    effectiveFrom: "2019-01-01",
    source: "Enphase France support deck (seed 001): ENP-C1, ENP-L1..L8",
    support: "answers-everyone",
    labour: LabourReimbursement.defaultPolicy
  },
  {
    manufacturer: "APsystems",
    name: "APsystems support policy",
    effectiveFrom: "2019-01-01",
    source: "APsystems support policy (seed 000): APS-1..6",
    support: "licensed-installers-only"
  }
]

/**
 * D15: what applies to a maker with no version in force — APS-2 as the generic rule, no labour
 * reimbursement.
 *
 * @since 0.2.0
 * @category defaults
 */
export const generic = (manufacturer: string): Version => ({
  manufacturer,
  name: `${manufacturer} (no programme in the data)`,
  effectiveFrom: "0001-01-01",
  source: "D15: a maker with no support policy in the data",
  support: "no-policy"
})

/**
 * D15: the version of `manufacturer`'s programme in force on `on` — the latest whose
 * `effectiveFrom` is on or before `on` — or {@link generic} when there is none. Makers are
 * compared without regard to case.
 *
 * @since 0.2.0
 * @category rules
 */
export const inForce = (table: Table, manufacturer: string, on: Calendar.CalendarDate): Version => {
  const maker = manufacturer.toLowerCase()
  let best: Version | undefined
  for (const v of table) {
    if (v.manufacturer.toLowerCase() !== maker || v.effectiveFrom > on) continue
    if (best === undefined || v.effectiveFrom > best.effectiveFrom) best = v
  }
  return best ?? generic(manufacturer)
}
