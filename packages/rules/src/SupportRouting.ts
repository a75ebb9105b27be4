/**
 * Who gets troubleshooting, who is referred where, and how fast support answers
 * (APS-1..6, D6, ENP-C1..C3, D13).
 *
 * - APS-2: only a licensed installer with a licence number is troubleshot.
 * - APS-3: a self-installer's technical request is referred to a qualified installer (the
 *   backing licensed installer when one is recorded, APS-6).
 * - APS-4: an owner whose system was installed by a licensed installer is referred to that
 *   installer; APS-5: to a local installer when that installer is marked unavailable.
 * - A distributor is not a licensed installer (APS-2): it is referred like an owner, to the
 *   installer of record or the backing installer (APS-6), else to a qualified installer.
 * - Non-technical requests (`"other"`) are answered by support for everyone: under Enphase's
 *   programme per ENP-C1, under any other maker's with a D15 reason (ENP-C* is Enphase's).
 * - APS-1/APS-6/D6: a self-installed system is flagged; it is non-compliant until an end-customer
 *   account and a backing licensed installer are recorded.
 * - ENP-C1: a form request is answered within 24 business hours. ENP-C2: the phone line is open
 *   Monday–Friday 09:00–13:00 and 14:00–17:00 Europe/Paris; outside those hours the answer says
 *   when it opens and points to the form or e-mail. ENP-C3: a caller should have the system or
 *   serial number ready.
 *
 * D15: these APsystems rules bind APsystems systems (`support: "licensed-installers-only"`, also
 * when `support` is not given). A request whose maker's programme answers everyone
 * (`support: "answers-everyone"`, Enphase: "deux supports distincts pour les clients particuliers
 * et pour les professionnels") is answered by support per ENP-C1 — never referred. A maker with no
 * support policy in the data (`support: "no-policy"`, `Programmes.generic`) follows D15's generic
 * rule: a licensed installer is troubleshot (APS-2 as the generic rule); anyone else is referred to
 * the installer of record when it is licensed (and can still help), else to a qualified installer.
 *
 * D6: a self-installed system is flagged non-compliant until an end-customer account and a backing
 * licensed installer are recorded, under every maker's programme (a D6 reason, never silent). A
 * request on it by anyone but a licensed installer is routed per APS-3..5 (to the backing
 * installer, APS-6, when one is recorded) under APsystems' programme and the generic rule. Under
 * a programme that answers everyone (Enphase) it is answered per ENP-C1, flagged, not referred:
 * D15 binds APS-* to APsystems, and seed 001 says Enphase supports private customers itself.
 *
 * D13: "24 heures ouvrées" are hours of working days (Monday–Friday, not a public holiday of the
 * support centre's country), all day long: policy `hoursBasis: "working-days"` (default, French
 * holidays for Enphase France) or `"support-hours"` (only the phone line's open hours, the earlier
 * reading).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import * as Decision from "./Decision.js"
import * as Holidays from "./Holidays.js"
import { type Equals, PositiveInt, sameType } from "./internal/policy.js"
import {
  Installation as InstallationSchema,
  missingForCompliance as missingForComplianceOf,
  Requester as RequesterSchema
} from "./internal/parties.js"

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
 * How the system was installed: `ByLicensedInstaller` (licence number, installer available?) or
 * `SelfInstalled` (end-customer account?, backing installer's licence number).
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
 * APS-6/D6: what a self-installed system still lacks to be compliant (an end-customer account, a
 * backing licensed installer); empty for a system installed by a licensed installer. The one
 * place this is decided — the System aggregate and the return rules ask it.
 *
 * @since 0.2.0
 * @category rules
 */
export const missingForCompliance = (installation: Installation): ReadonlyArray<string> =>
  missingForComplianceOf(installation)

/**
 * A support request to route.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SupportRequest = Schema.Struct({
  requester: Requester,
  installation: Installation,
  kind: Schema.Literals(["technical", "return", "other"]),
  channel: Schema.Literals(["form", "phone", "email"]),
  at: Calendar.LocalDateTime,
  /** ENP-C3: the caller has the system number or the suspect device's serial number. */
  hasSystemOrSerialNumber: Schema.Boolean,
  /**
   * D15: who the programme of the maker concerned helps (`Programmes.Version.support`); absent:
   * `"licensed-installers-only"` (APsystems' policy, APS-1…6). `"no-policy"`: D15's generic rule.
   */
  support: Schema.optional(Schema.Literals(["answers-everyone", "licensed-installers-only", "no-policy"])),
  /** D15: the name of that programme, carried in the routing reasons' figures. */
  programme: Schema.optional(Schema.String.check(Schema.isMinLength(1)))
})

/**
 * @since 0.1.0
 * @category models
 */
export type SupportRequest = typeof SupportRequest.Type

/**
 * Where the request goes.
 *
 * @since 0.1.0
 * @category models
 */
export type Route =
  | { readonly _tag: "Troubleshoot"; readonly rule: "APS-2" | "ENP-C1" }
  /** `ENP-C1` under Enphase's programme; `D15` under any other (ENP-C* is Enphase's). */
  | { readonly _tag: "Answer"; readonly rule: "ENP-C1" | "D15" }
  | {
      readonly _tag: "Refer"
      readonly to: "qualified-installer" | "installer-of-record" | "backing-installer" | "local-installer"
      /** `D15`: the generic rule of a maker with no support policy in the data. */
      readonly rule: "APS-3" | "APS-4" | "APS-5" | "APS-6" | "D15"
      /** The licence number of the installer referred to, when known. */
      readonly licenceNumber?: string
    }

/**
 * The service level that applies (ENP-C1, ENP-C2).
 *
 * - `form`: answered by `due` (24 business hours).
 * - `phone`: `open` now or not; `opensAt` is the next opening time when closed.
 * - `email`: no stated target in the source.
 *
 * @since 0.1.0
 * @category models
 */
export type Response =
  | { readonly channel: "form"; readonly rule: "ENP-C1"; readonly due: string }
  | { readonly channel: "phone"; readonly rule: "ENP-C2"; readonly open: boolean; readonly opensAt: string }
  | { readonly channel: "email"; readonly rule: "ENP-C2" }

/**
 * The routing answer: the route, compliance flags and the response target, with reasons.
 *
 * @since 0.1.0
 * @category models
 */
export interface Routing {
  readonly route: Route
  readonly compliance: {
    readonly selfInstalled: boolean
    readonly compliant: boolean
    readonly missing: ReadonlyArray<string>
  }
  readonly response: Response
  readonly reasons: ReadonlyArray<Decision.Reason>
}

/**
 * Policy: the form answer target (ENP-C1) and the support calendar (ENP-C2, D13).
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly formResponseHours: number
  readonly supportCalendar: Calendar.SupportCalendar
  /** D13: which hours count — working days all day (default) or the support line's open hours. */
  readonly hoursBasis: "working-days" | "support-hours"
  /** D13: the public holidays of the support centre's country (French for Enphase France). */
  readonly holidays: Holidays.HolidayCalendar
}

/**
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  formResponseHours: 24,
  supportCalendar: Calendar.defaultSupportCalendar,
  hoursBasis: "working-days",
  holidays: Holidays.france
}

/**
 * D13: the moment `hours` support hours after `from`, on the policy's basis.
 *
 * @since 0.2.0
 * @category rules
 */
export const addSupportHours = (
  from: Calendar.LocalDateTime,
  hours: number,
  policy: {
    readonly hoursBasis: Policy["hoursBasis"]
    readonly supportCalendar: Calendar.SupportCalendar
    readonly holidays: Holidays.HolidayCalendar
  }
): Calendar.LocalDateTime =>
  policy.hoursBasis === "working-days"
    ? Holidays.addWorkingHours(from, hours, policy.holidays)
    : Calendar.addBusinessHours(
        from,
        hours,
        closedOnHolidays(policy.supportCalendar, policy.holidays, from, yearsSpanned(policy.supportCalendar, hours))
      )

/**
 * How many years after the start `hours` of open line can run over: the calendar's open hours in a
 * year of 50 working weeks (holidays closed), rounded up, plus one for the year the count ends in.
 */
const yearsSpanned = (calendar: Calendar.SupportCalendar, hours: number): number => {
  const weekly = calendar.workdays.length * calendar.slots.reduce((sum, [start, end]) => sum + end - start, 0)
  return Math.ceil(hours / Math.max(1, weekly * 50)) + 1
}

/**
 * D13: the support line is closed on the public holidays of the support centre's country (French
 * by default for Enphase France), on either basis: the support calendar with those holidays (and
 * the extra closing days) added, for the years from `from`'s to `years` after it.
 */
const closedOnHolidays = (
  calendar: Calendar.SupportCalendar,
  holidays: Holidays.HolidayCalendar,
  from: Calendar.LocalDateTime,
  years: number
): Calendar.SupportCalendar => {
  const extra: Array<Calendar.CalendarDate> = [...holidays.extraClosingDays]
  if (holidays.country !== "none") {
    const first = Number(from.slice(0, 4))
    for (let y = first; y <= first + years; y++)
      for (const h of Holidays.holidaysOf(holidays.country, y)) extra.push(h.date)
  }
  return extra.length === 0 ? calendar : { ...calendar, holidays: [...calendar.holidays, ...extra] }
}

/**
 * {@link Policy} when it comes from outside (e.g. a partner tool's settings): a positive number of
 * business hours and a support calendar.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PolicySchema = Schema.Struct({
  formResponseHours: PositiveInt,
  supportCalendar: Calendar.SupportCalendarSchema,
  hoursBasis: Schema.Literals(["working-days", "support-hours"]),
  holidays: Holidays.HolidayCalendarSchema
})

sameType<Equals<typeof PolicySchema.Type, Policy>>()

const referToInstallerOfSystem = (installation: Installation, reasons: Array<Decision.Reason>, who: string): Route => {
  if (installation._tag === "ByLicensedInstaller") {
    if (installation.installerAvailable) {
      reasons.push(
        Decision.reason("APS-4", `${who} is referred to the licensed installer who installed the system.`, {
          licenceNumber: installation.licenceNumber
        })
      )
      return { _tag: "Refer", to: "installer-of-record", rule: "APS-4", licenceNumber: installation.licenceNumber }
    }
    reasons.push(
      Decision.reason(
        "APS-5",
        `The installer of record can no longer help: ${who} is advised to use a local installation company.`,
        {
          licenceNumber: installation.licenceNumber
        }
      )
    )
    return { _tag: "Refer", to: "local-installer", rule: "APS-5" }
  }
  if (installation.backingInstallerLicence !== undefined) {
    reasons.push(
      Decision.reason("APS-6", `${who} is referred to the licensed installer backing this self-installed system.`, {
        licenceNumber: installation.backingInstallerLicence
      })
    )
    return {
      _tag: "Refer",
      to: "backing-installer",
      rule: "APS-6",
      licenceNumber: installation.backingInstallerLicence
    }
  }
  reasons.push(
    Decision.reason(
      "APS-3",
      `${who} is referred to a qualified installer: no troubleshooting is given for a self-installed system.`,
      { installation: installation._tag, backingInstaller: false }
    )
  )
  return { _tag: "Refer", to: "qualified-installer", rule: "APS-3" }
}

/**
 * D15's generic rule (a maker with no support policy in the data), for anyone but a licensed
 * installer on a system a licensed installer installed: referred to the installer of record when it
 * is licensed and can still help, else to a qualified installer — APS-5's "local installation
 * company" is APsystems' own advice.
 */
const referGeneric = (
  installation: Extract<Installation, { _tag: "ByLicensedInstaller" }>,
  reasons: Array<Decision.Reason>,
  who: string
): Route => {
  if (installation.installerAvailable) {
    reasons.push(
      Decision.reason(
        "D15",
        `No support policy in the data for this maker: ${who} is referred to the licensed installer of record.`,
        { licenceNumber: installation.licenceNumber }
      )
    )
    return { _tag: "Refer", to: "installer-of-record", rule: "D15", licenceNumber: installation.licenceNumber }
  }
  reasons.push(
    Decision.reason(
      "D15",
      `No support policy in the data for this maker and the installer of record can no longer help: ${who} is referred to a qualified installer.`,
      { licenceNumber: installation.licenceNumber, installerAvailable: false }
    )
  )
  return { _tag: "Refer", to: "qualified-installer", rule: "D15" }
}

/**
 * Routes a support request.
 *
 * @since 0.1.0
 * @category rules
 */
export const route = (request: SupportRequest, policy: Policy = defaultPolicy): Routing => {
  const reasons: Array<Decision.Reason> = []
  const { requester, installation } = request

  const answersEveryone = request.support === "answers-everyone"
  const generic = request.support === "no-policy"
  const apsystems = !answersEveryone && !generic
  // Compliance flags (APS-1, APS-6): APsystems' policy; D6 under every programme (D15).
  const selfInstalled = installation._tag === "SelfInstalled"
  const missing = missingForCompliance(installation)
  if (selfInstalled && apsystems) {
    reasons.push(
      Decision.reason("APS-1", "The system was not installed by a licensed professional installer.", {
        installation: installation._tag
      })
    )
    reasons.push(
      missing.length > 0
        ? Decision.reason("D6", `Self-installed system non-compliant with APS-6: missing ${missing.join(" and ")}.`, {
            missing: missing.join(", ")
          })
        : Decision.reason(
            "APS-6",
            "Self-installed system with an end-customer account and a backing licensed installer.",
            { endCustomerAccount: true, backingInstallerLicence: installation.backingInstallerLicence ?? "" }
          )
    )
  } else if (selfInstalled && missing.length > 0) {
    // D6: never silently accepted, whatever the maker's programme.
    reasons.push(
      Decision.reason(
        "D6",
        `Self-installed system non-compliant: missing ${missing.join(" and ")} (D6, under every maker's programme).`,
        { missing: missing.join(", ") }
      )
    )
  }
  // D6: on a self-installed system, anyone but a licensed installer is routed per APS-3..5 — not
  // under a programme that answers everyone (D15 over D6: Enphase supports private customers itself).
  const d6Routed =
    selfInstalled && !answersEveryone && requester._tag !== "LicensedInstaller" && request.kind !== "other"

  // Route.
  let r: Route
  if (answersEveryone) {
    // D15/ENP-C1: this maker's support helps private owners and professionals itself.
    const programme = request.programme ?? "The maker's programme"
    if (requester._tag === "LicensedInstaller" && request.kind !== "other") {
      r = { _tag: "Troubleshoot", rule: "ENP-C1" }
      reasons.push(
        Decision.reason(
          "ENP-C1",
          `${programme} supports professionals itself: the installer is helped to troubleshoot (D15).`,
          {
            licenceNumber: requester.licenceNumber
          }
        )
      )
    } else {
      r = { _tag: "Answer", rule: "ENP-C1" }
      reasons.push(
        Decision.reason(
          "ENP-C1",
          `${programme} supports private customers and professionals itself: the request is answered by support, not referred (D15).`,
          { requester: requester._tag, kind: request.kind }
        )
      )
    }
  } else if (request.kind === "other") {
    // D15: ENP-C* is Enphase's; APS-1…6 and the generic rule restrict troubleshooting only.
    r = { _tag: "Answer", rule: "D15" }
    reasons.push(
      Decision.reason(
        "D15",
        generic
          ? "A non-technical request is answered by support: the generic rule restricts troubleshooting only."
          : "A non-technical request is answered by support: APsystems' policy (APS-1…6) restricts troubleshooting only.",
        { kind: request.kind }
      )
    )
  } else if (generic && installation._tag === "ByLicensedInstaller" && requester._tag !== "LicensedInstaller") {
    if (requester._tag === "Distributor")
      reasons.push(
        Decision.reason("APS-2", "A distributor is not a licensed installer: only licensed installers troubleshoot.", {
          requester: requester._tag
        })
      )
    r = referGeneric(
      installation,
      reasons,
      requester._tag === "Distributor"
        ? "the distributor"
        : requester._tag === "Owner"
          ? "the owner"
          : "the self-installer"
    )
  } else {
    if (d6Routed && generic)
      reasons.push(
        Decision.reason(
          "D6",
          "A request on a self-installed system is routed per APS-3..5, under the generic rule too.",
          { requester: requester._tag, installation: installation._tag }
        )
      )
    switch (requester._tag) {
      case "LicensedInstaller":
        r = { _tag: "Troubleshoot", rule: "APS-2" }
        reasons.push(
          Decision.reason("APS-2", "A licensed installer with a licence number may troubleshoot and intervene.", {
            licenceNumber: requester.licenceNumber
          })
        )
        break
      case "SelfInstaller":
        // APS-3: never troubleshooting instructions by phone or e-mail to a self-installer.
        if (installation._tag === "SelfInstalled" && installation.backingInstallerLicence !== undefined) {
          reasons.push(
            Decision.reason(
              "APS-3",
              "A self-installer gets no troubleshooting: referred to the backing licensed installer (APS-6).",
              {
                licenceNumber: installation.backingInstallerLicence
              }
            )
          )
          r = {
            _tag: "Refer",
            to: "backing-installer",
            rule: "APS-3",
            licenceNumber: installation.backingInstallerLicence
          }
        } else {
          reasons.push(
            Decision.reason(
              "APS-3",
              "A self-installer gets no troubleshooting by phone or e-mail: referred to a qualified installer.",
              { requester: requester._tag, channel: request.channel }
            )
          )
          r = { _tag: "Refer", to: "qualified-installer", rule: "APS-3" }
        }
        break
      case "Owner":
        r = referToInstallerOfSystem(installation, reasons, "The owner")
        break
      case "Distributor":
        reasons.push(
          Decision.reason(
            "APS-2",
            "A distributor is not a licensed installer: only licensed installers troubleshoot.",
            { requester: requester._tag }
          )
        )
        r = referToInstallerOfSystem(installation, reasons, "The distributor")
        break
    }
  }

  // Response targets.
  let response: Response
  switch (request.channel) {
    case "form": {
      const due = addSupportHours(request.at, policy.formResponseHours, policy)
      response = { channel: "form", rule: "ENP-C1", due }
      reasons.push(
        Decision.reason(
          "ENP-C1",
          policy.hoursBasis === "working-days"
            ? `A form request is answered within ${policy.formResponseHours} working-day hours (D13): by ${due}.`
            : `A form request is answered within ${policy.formResponseHours} support-line hours (D13, "support-hours"): by ${due}.`,
          {
            at: request.at,
            due,
            hoursBasis: policy.hoursBasis
          }
        )
      )
      break
    }
    case "phone": {
      // D13/ENP-C2: the line is closed on the support centre's public holidays too.
      const line = closedOnHolidays(policy.supportCalendar, policy.holidays, request.at, 1)
      const open = Calendar.isBusinessTime(request.at, line)
      const opensAt = Calendar.nextBusinessTime(request.at, line)
      response = { channel: "phone", rule: "ENP-C2", open, opensAt }
      reasons.push(
        open
          ? Decision.reason("ENP-C2", "The phone line is open (Mon–Fri 09:00–13:00, 14:00–17:00).", { at: request.at })
          : Decision.reason(
              "ENP-C2",
              `The phone line is closed; it opens at ${opensAt}. Use the form or e-mail meanwhile.`,
              {
                at: request.at,
                opensAt
              }
            )
      )
      if (!request.hasSystemOrSerialNumber) {
        reasons.push(
          Decision.reason("ENP-C3", "Have the system number or the serial number of the suspect device ready.", {
            hasSystemOrSerialNumber: false
          })
        )
      }
      break
    }
    case "email":
      response = { channel: "email", rule: "ENP-C2" }
      reasons.push(
        Decision.reason(
          "ENP-C2",
          "E-mail is the contact outside phone hours; the source states no answer time for it.",
          { channel: "email", at: request.at }
        )
      )
      break
  }

  const programme = request.programme
  return {
    route: r,
    compliance: { selfInstalled, compliant: missing.length === 0, missing },
    response,
    // D15: every reason says under which maker's programme it was decided.
    reasons: programme === undefined ? reasons : reasons.map((x) => ({ ...x, figures: { ...x.figures, programme } }))
  }
}
