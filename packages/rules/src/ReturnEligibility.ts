/**
 * May this return (RMA) be approved? (ENP-W2, ENP-R1..R3, ENP-R6, APS-2, D1, D6, D13)
 *
 * For each serial in the request: it belongs to the system and is current; it is under warranty on
 * the request date (ENP-W2 via {@link WarrantyTerms}); it is not already in an open RMA. The
 * requester must be a licensed installer with a licence number (APS-2) — the Enphase self-service
 * return tools are installer tools (Enlighten Manager, Installer Toolkit: "Outils de
 * l'installateur"), so by default only a licensed installer requests a return, unless
 * `policy.ownerMayRequest`. Anyone else is not eligible and:
 * - D6: on a self-installed system (any maker), is routed per APS-3..5 as `SupportRouting` routes
 *   them: to the backing licensed installer when one is recorded (APS-6; APS-3 for a
 *   self-installer), else to a qualified installer (APS-3). A non-compliant self-installed system
 *   (APS-6) is never silently accepted: even a licensed installer's return on it is refused (D6).
 * - D15: an owner of a system installed by a licensed installer, asking about an Enphase device, is
 *   not referred — Enphase supports private owners itself ("deux supports distincts pour les
 *   clients particuliers et pour les professionnels"): the request is a support ticket answered per
 *   ENP-C1. For any other maker, the owner is referred to the installer of record (APS-4).
 * Proof of ownership is asked for when the policy says so (ENP-R2).
 *
 * Outcome: {@link Approved}, {@link NotEligible} (all reasons and, under Enphase's programme only
 * (D15), the support callback window of ENP-R6a/D13: between +24 and +48 business hours of the
 * request) or {@link ProofOfOwnershipRequested}.
 *
 * D15: which programme applies is read from the makers of the requested devices, in
 * `policy.programmes` (default `Programmes.defaultTable`) on the request day — of the system's
 * current devices when the request names none of them: Enphase's is the one that answers everyone
 * (`support: "answers-everyone"`). The RMA lifecycle itself (ENP-R1, ENP-R3, ENP-R7, the warranty
 * term D1) is generic and applies to every maker.
 *
 * ENP-R10: self-service returns take every generation of microinverters and AC batteries: a
 * device is judged by its kind's warranty term (D1) and nothing else — the decision has no notion
 * of a generation, and asks for no gateway reconfiguration.
 *
 * ENP-R3: a serial received at the warehouse without authorization gets no replacement and no
 * refund — not by the RMA it arrived under, nor by a later one (`serialsReceivedWithoutAuthorization`).
 * D13: the callback window counts working-day hours by default (`hoursBasis`, `holidays`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import * as Decision from "./Decision.js"
import * as Holidays from "./Holidays.js"
import * as Programmes from "./Programmes.js"
import { addSupportHours } from "./SupportRouting.js"
import {
  Installation as InstallationSchema,
  missingForCompliance,
  Requester as RequesterSchema
} from "./internal/parties.js"
import * as WarrantyTerms from "./WarrantyTerms.js"
import { type Equals, PositiveInt, sameType } from "./internal/policy.js"

/**
 * Who asks: `LicensedInstaller` (with `licenceNumber`), `SelfInstaller`, `Owner`, `Distributor`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Requester = RequesterSchema

/**
 * @since 0.1.0
 * @category models
 */
export type Requester = typeof Requester.Type

/**
 * How the system was installed: `ByLicensedInstaller` or `SelfInstalled` (APS-1, APS-6).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Installation = InstallationSchema

/**
 * @since 0.1.0
 * @category models
 */
export type Installation = typeof Installation.Type

/**
 * A device of the system, current or retired (ENP-S4). `replacesTermStart` is set on a
 * replacement device: the term start of the device it replaced (D1).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Device = Schema.Struct({
  serial: Schema.String.check(Schema.isMinLength(1)),
  manufacturer: WarrantyTerms.Manufacturer,
  kind: WarrantyTerms.DeviceKind,
  installedOn: Calendar.CalendarDate,
  status: Schema.Literals(["current", "retired"]),
  replacesTermStart: Schema.optional(Calendar.CalendarDate)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Device = typeof Device.Type

/**
 * A return request (ENP-R6): the serials asked for, who asks and when (`requestedAt`, wall-clock
 * time in the support time zone), the system's facts, the serials already in open RMAs, and
 * whether proof of ownership was supplied.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReturnRequest = Schema.Struct({
  requestedAt: Calendar.LocalDateTime,
  requester: Requester,
  serials: Schema.NonEmptyArray(Schema.String.check(Schema.isMinLength(1))),
  shippingAddress: Schema.String.check(Schema.isMinLength(1)),
  system: Schema.Struct({
    commissionedOn: Calendar.CalendarDate,
    installation: Installation,
    ownershipTransferred: Schema.Boolean,
    devices: Schema.Array(Device)
  }),
  serialsInOpenRmas: Schema.Array(Schema.String),
  proofOfOwnershipProvided: Schema.Boolean,
  /** ENP-R3: serials of the system received at the warehouse without authorization. */
  serialsReceivedWithoutAuthorization: Schema.optional(Schema.Array(Schema.String))
})

/**
 * @since 0.1.0
 * @category models
 */
export type ReturnRequest = typeof ReturnRequest.Type

/**
 * Policy parameters.
 *
 * - `proofOfOwnership` (ENP-R2 says it *may* be required): `"never"`, `"always"`, or
 *   `"after-transfer"` (default: when the system changed owner).
 * - `ownerMayRequest`: whether an owner may request a return themselves (default `false`, APS-4).
 * - `callbackHours` (ENP-R6a/D13): `[24, 48]` hours, counted on `hoursBasis`: `"working-days"`
 *   (default: Monday–Friday all day, minus the `holidays` of the support centre's country —
 *   French for Enphase France) or `"support-hours"` (the support line's open hours).
 * - `programmes` (D15): each maker's programme as dated data (default `Programmes.defaultTable`).
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly terms: WarrantyTerms.TermTable
  readonly proofOfOwnership: "never" | "always" | "after-transfer"
  readonly ownerMayRequest: boolean
  readonly callbackHours: readonly [number, number]
  readonly supportCalendar: Calendar.SupportCalendar
  readonly hoursBasis: "working-days" | "support-hours"
  readonly holidays: Holidays.HolidayCalendar
  /** D15: each maker's programme, as dated data (the version in force on the request day applies). */
  readonly programmes?: Programmes.Table | undefined
}

/**
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  terms: WarrantyTerms.defaultTermTable,
  proofOfOwnership: "after-transfer",
  ownerMayRequest: false,
  callbackHours: [24, 48],
  supportCalendar: Calendar.defaultSupportCalendar,
  hoursBasis: "working-days",
  holidays: Holidays.france
}

/**
 * {@link Policy} when it comes from outside (e.g. a partner tool's settings): the term table, one of
 * the three proof-of-ownership values, and callback hours `[min, max]` with `0 < min ≤ max`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Schema.Struct({
  terms: WarrantyTerms.TermTableSchema,
  proofOfOwnership: Schema.Literals(["never", "always", "after-transfer"]),
  ownerMayRequest: Schema.Boolean,
  callbackHours: Schema.Tuple([PositiveInt, PositiveInt]).check(
    Schema.makeFilter(([min, max]: readonly [number, number]) =>
      min <= max ? undefined : `Expected callback hours [min, max] with min ≤ max, got [${min}, ${max}]`
    )
  ),
  supportCalendar: Calendar.SupportCalendarSchema,
  hoursBasis: Schema.Literals(["working-days", "support-hours"]),
  holidays: Holidays.HolidayCalendarSchema,
  programmes: Schema.optional(Programmes.Table)
})

sameType<Equals<typeof PolicySchema.Type, Policy>>()

/**
 * ENP-R6b: the return is approved for every requested serial.
 *
 * @since 0.1.0
 * @category models
 */
export interface Approved {
  readonly _tag: "Approved"
  readonly serials: ReadonlyArray<string>
  readonly coverage: ReadonlyArray<WarrantyTerms.Coverage>
  readonly reasons: ReadonlyArray<Decision.Reason>
}

/**
 * ENP-R6a: the return is not eligible. `callback` is present only under Enphase's programme (D15:
 * the 24–48 h callback is Enphase's): support calls back between `callback.earliest` and
 * `callback.latest` (working-day hours, D13); a return of another maker's devices has none.
 * `referral` is set when the requester is routed to an installer (APS-3, APS-4, APS-6, D6).
 *
 * @since 0.1.0
 * @category models
 */
export interface NotEligible {
  readonly _tag: "NotEligible"
  readonly reasons: readonly [Decision.Reason, ...Array<Decision.Reason>]
  readonly callback?: { readonly rule: "ENP-R6"; readonly earliest: string; readonly latest: string }
  readonly referral?: "qualified-installer" | "installer-of-record" | "backing-installer"
  /** The rule that referred the requester (APS-2, APS-3, APS-4 or APS-6), when `referral` is set. */
  readonly referralRule?: "APS-2" | "APS-3" | "APS-4" | "APS-6"
}

/**
 * ENP-R2: everything else is in order, but proof of ownership must be supplied first.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProofOfOwnershipRequested {
  readonly _tag: "ProofOfOwnershipRequested"
  readonly reasons: ReadonlyArray<Decision.Reason>
}

/**
 * @since 0.1.0
 * @category models
 */
export type Outcome = Approved | NotEligible | ProofOfOwnershipRequested

/** D6/APS-6: the backing licensed installer of a self-installed system, when one is recorded. */
const backingOf = (installation: Installation): string | undefined =>
  installation._tag === "SelfInstalled" ? installation.backingInstallerLicence : undefined

const requesterReasons = (
  request: ReturnRequest,
  policy: Policy,
  enphase: boolean
): {
  refusing: Array<Decision.Reason>
  referral?: NotEligible["referral"]
  referralRule?: NotEligible["referralRule"]
} => {
  const r = request.requester
  const installation = request.system.installation
  const backing = backingOf(installation)
  switch (r._tag) {
    case "LicensedInstaller":
      return { refusing: [] }
    case "SelfInstaller":
      // APS-3/D6: as SupportRouting routes a self-installer — to the backing installer when recorded.
      return {
        refusing: [
          Decision.reason(
            "APS-3",
            backing !== undefined
              ? "A self-installer may not request a return: they are referred to the backing licensed installer (APS-6, D6)."
              : "A self-installer may not request a return: they are referred to a qualified installer (APS-2, D6).",
            { requester: r._tag, ...(backing !== undefined ? { licenceNumber: backing } : {}) }
          )
        ],
        referral: backing !== undefined ? "backing-installer" : "qualified-installer",
        referralRule: "APS-3"
      }
    case "Owner":
      if (policy.ownerMayRequest) return { refusing: [] }
      if (installation._tag === "SelfInstalled") {
        // D6: a self-installed system is routed per APS-3..5 under every programme.
        return backing !== undefined
          ? {
              refusing: [
                Decision.reason(
                  "APS-6",
                  "An owner of a self-installed system does not request a return: they are referred to the backing licensed installer (D6).",
                  { requester: r._tag, licenceNumber: backing }
                )
              ],
              referral: "backing-installer",
              referralRule: "APS-6"
            }
          : {
              refusing: [
                Decision.reason(
                  "APS-3",
                  "An owner of a self-installed system does not request a return: they are referred to a qualified installer (D6).",
                  { requester: r._tag }
                )
              ],
              referral: "qualified-installer",
              referralRule: "APS-3"
            }
      }
      if (enphase) {
        // D15: Enphase supports private owners itself — a ticket answered per ENP-C1, not a referral.
        return {
          refusing: [
            Decision.reason(
              "D15",
              "Enphase supports private owners itself: the owner's return request is a support ticket answered per ENP-C1, not a referral; the self-service return tools are the installer's (ENP-R6).",
              { requester: r._tag }
            )
          ]
        }
      }
      return {
        refusing: [
          Decision.reason(
            "APS-4",
            "An owner does not request a return: they are referred to the installer of record (APS-2).",
            { requester: r._tag }
          )
        ],
        referral: "installer-of-record",
        referralRule: "APS-4"
      }
    case "Distributor":
      return {
        refusing: [
          Decision.reason(
            "APS-2",
            "Only a licensed installer with a licence number may request a return and intervene on the system.",
            { requester: r._tag }
          )
        ],
        // APS-6/D6: as SupportRouting refers a distributor.
        referral:
          installation._tag === "ByLicensedInstaller"
            ? "installer-of-record"
            : backing !== undefined
              ? "backing-installer"
              : "qualified-installer",
        referralRule: "APS-2"
      }
  }
}

/**
 * Decides a return request. All refusing reasons are reported at once.
 *
 * @since 0.1.0
 * @category rules
 */
export const decide = (request: ReturnRequest, policy: Policy = defaultPolicy): Outcome => {
  const requestDate = request.requestedAt.slice(0, 10)
  const refusing: Array<Decision.Reason> = []
  const accepted: Array<Decision.Reason> = []
  const coverages: Array<WarrantyTerms.Coverage> = []

  // D15: Enphase's programme applies when a requested device's maker's programme in force on the
  // request day answers everyone (Enphase: ENP-R6 self-service returns, the 24–48 h callback). A
  // request naming none of the system's devices follows the system's devices ("or of the system's
  // monitoring when it names none").
  const programmes = policy.programmes ?? Programmes.defaultTable
  const named = request.system.devices.filter((d) => request.serials.includes(d.serial))
  const concerned = named.length > 0 ? named : request.system.devices.filter((d) => d.status === "current")
  const enphase = concerned.some(
    (d) => Programmes.inForce(programmes, d.manufacturer, requestDate).support === "answers-everyone"
  )
  const who = requesterReasons(request, policy, enphase)
  refusing.push(...who.refusing)
  if (who.refusing.length === 0) {
    accepted.push(
      Decision.reason(
        "APS-2",
        request.requester._tag === "LicensedInstaller"
          ? "The requester is a licensed installer with a licence number."
          : "The policy lets the owner request a return.",
        request.requester._tag === "LicensedInstaller" ? { licenceNumber: request.requester.licenceNumber } : {}
      )
    )
  }

  const missing = missingForCompliance(request.system.installation)
  if (missing.length > 0) {
    refusing.push(
      Decision.reason(
        "D6",
        `The system is self-installed and non-compliant (APS-6): missing ${missing.join(" and ")}; returns on it are not accepted.`,
        { missing: missing.join(", ") }
      )
    )
  }

  const seen = new Set<string>()
  for (const serial of request.serials) {
    if (seen.has(serial)) continue
    seen.add(serial)
    const device = request.system.devices.find((d) => d.serial === serial)
    if (device === undefined) {
      refusing.push(Decision.reason("ENP-R6", `Serial ${serial} does not belong to this system.`, { serial }))
      continue
    }
    if (device.status === "retired") {
      refusing.push(
        Decision.reason(
          "ENP-R6",
          `Serial ${serial} is retired from this system: only a current device can be returned.`,
          {
            serial
          }
        )
      )
    }
    if (request.serialsReceivedWithoutAuthorization?.includes(serial) === true) {
      // ENP-R3: « un équipement reçu sans autorisation ne donne droit à aucun remplacement ni remboursement ».
      refusing.push(
        Decision.reason(
          "ENP-R3",
          `Serial ${serial} was received without authorization: it gives no right to a replacement or a refund, by any RMA.`,
          { serial }
        )
      )
    }
    if (request.serialsInOpenRmas.includes(serial)) {
      refusing.push(Decision.reason("ENP-R1", `Serial ${serial} is already in an open RMA.`, { serial }))
    }
    const cov = WarrantyTerms.coverage(
      {
        manufacturer: device.manufacturer,
        kind: device.kind,
        commissionedOn: request.system.commissionedOn,
        installedOn: device.installedOn,
        ...(device.replacesTermStart !== undefined ? { replacesTermStart: device.replacesTermStart } : {}),
        on: requestDate
      },
      policy.terms
    )
    if (Decision.isAccepted(cov)) {
      coverages.push(cov.value)
      accepted.push(
        Decision.reason("ENP-W2", `Serial ${serial} is under warranty on ${requestDate}.`, {
          serial,
          lastCoveredDay: cov.value.lastCoveredDay
        })
      )
    } else {
      const first = cov.reasons[0]
      refusing.push(
        Decision.reason(
          "ENP-W2",
          `Serial ${serial} is not under warranty on ${requestDate}: no RMA outside warranty. ${first.message}`,
          {
            serial,
            ...first.figures
          }
        )
      )
    }
  }

  const [firstRefusing, ...moreRefusing] = refusing
  if (firstRefusing !== undefined) {
    const referral = {
      ...(who.referral !== undefined ? { referral: who.referral } : {}),
      ...(who.referralRule !== undefined ? { referralRule: who.referralRule } : {})
    }
    // D15: the 24–48 h callback (ENP-R6a) is Enphase's; another maker's return has none.
    if (!enphase) return { _tag: "NotEligible", reasons: [firstRefusing, ...moreRefusing], ...referral }
    const [minH, maxH] = policy.callbackHours
    const earliest = addSupportHours(request.requestedAt, minH, policy)
    const latest = addSupportHours(request.requestedAt, maxH, policy)
    const callbackReason = Decision.reason(
      "ENP-R6",
      `Not eligible: support contacts the ${request.requester._tag === "LicensedInstaller" ? "installer" : "requester"} between ${earliest} and ${latest} (${minH}–${maxH} ${policy.hoursBasis === "working-days" ? "working-day" : "support-line"} hours, D13).`,
      { requestedAt: request.requestedAt, earliest, latest, hoursBasis: policy.hoursBasis }
    )
    return {
      _tag: "NotEligible",
      reasons: [firstRefusing, ...moreRefusing, callbackReason],
      callback: { rule: "ENP-R6", earliest, latest },
      ...referral
    }
  }

  const proofNeeded =
    policy.proofOfOwnership === "always" ||
    (policy.proofOfOwnership === "after-transfer" && request.system.ownershipTransferred)
  if (proofNeeded && !request.proofOfOwnershipProvided) {
    return {
      _tag: "ProofOfOwnershipRequested",
      reasons: [
        ...accepted,
        Decision.reason("ENP-R2", "Proof of ownership is required before the RMA can be issued.", {
          policy: policy.proofOfOwnership,
          ownershipTransferred: request.system.ownershipTransferred
        })
      ]
    }
  }

  return {
    _tag: "Approved",
    serials: [...seen],
    coverage: coverages,
    reasons: [
      ...accepted,
      Decision.reason("ENP-R6", "The return is approved: the replacement ships to the address given (ENP-R4).", {
        shippingAddress: request.shippingAddress
      })
    ]
  }
}

/**
 * ENP-R1/ENP-R7: a device may be replaced (or returned) only on or after the day its RMA was
 * approved. `approvedOn` is `undefined` when there is no approved RMA for that serial.
 *
 * @since 0.1.0
 * @category rules
 */
export const mayReplace = (approvedOn: string | undefined, replacedOn: string): Decision.Decision<string> =>
  approvedOn === undefined
    ? Decision.refuse(
        Decision.reason("ENP-R1", "No approved RMA: nothing may be returned or replaced.", { replacedOn })
      )
    : approvedOn <= replacedOn
      ? Decision.accept(approvedOn, [
          Decision.reason("ENP-R7", "The device is replaced after the RMA was approved.", { approvedOn, replacedOn })
        ])
      : Decision.refuse(
          Decision.reason("ENP-R7", "The device may be replaced only after the RMA is approved.", {
            approvedOn,
            replacedOn
          })
        )

/**
 * ENP-R3: a unit received at the warehouse gives a right to replacement or refund only if an
 * approved RMA covers its serial.
 *
 * @since 0.1.0
 * @category rules
 */
export const receivedUnit = (serial: string, approvedRmaSerials: ReadonlyArray<string>): Decision.Decision<string> =>
  approvedRmaSerials.includes(serial)
    ? Decision.accept(serial, [Decision.reason("ENP-R3", "The unit matches an approved RMA.", { serial })])
    : Decision.refuse(
        Decision.reason("ENP-R3", "Unit received without authorization: no replacement and no refund.", { serial })
      )
