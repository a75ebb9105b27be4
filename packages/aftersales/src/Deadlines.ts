/**
 * What is due on a system, by when, under which rule, by whom, and whether it is met, open,
 * lapsed or missed (D12), evaluated at a date — and as an iCalendar file.
 *
 * - ENP-L5/D3: the labour reimbursement claim window of each intervention day (a right of the
 *   installer, under the programme of the replaced devices' maker in force that day, D15);
 * - ENP-L1/D3: the labour programme's age limit — interventions are reimbursed only before the
 *   system is 2 years old (a right);
 * - D1/ENP-W2: the end of each current device's warranty (the owner may have it returned and
 *   replaced under warranty until then);
 * - ENP-C1/D13: the answer to a support form (support must answer within 24 working-day hours);
 * - ENP-R6/D13: the callback after a non-eligible return (support must call the installer back
 *   within 24 to 48 working-day hours).
 *
 * Manufacturer programme windows are not Belgian legal time limits: they do not roll over (D14).
 * Every due day comes from `@soltrace/rules`; nothing reads the clock.
 *
 * @since 0.2.0
 */
import type { Result } from "effect"
import { Calendar, Decision, ICalendar, LabourReimbursement, Programmes, WarrantyTerms } from "@soltrace/rules"
import * as System from "./System.js"
import type * as Ticket from "./Ticket.js"

/**
 * - `met`: done on or before the due day;
 * - `missed`: an obligation done after it, or not done once the due day has passed;
 * - `open`: not done, and the due day is today or later;
 * - `lapsed`: a right that was not used before its last day.
 *
 * @since 0.2.0
 * @category models
 */
export type Status = "met" | "missed" | "open" | "lapsed"

/**
 * One time limit of a system.
 *
 * @since 0.2.0
 * @category models
 */
export interface Deadline {
  readonly rule: string
  /** What is due, worded for the party: "claim labour reimbursement for the intervention of …". */
  readonly what: string
  /** Who acts. */
  readonly party: "installer" | "owner" | "support"
  /** An obligation ("must … by"), or a right the party may use until `due` ("may … until"). */
  readonly kind: "obligation" | "right"
  /** The day the time limit runs from. */
  readonly from: string
  /** The last day on which the step is in time (inclusive). */
  readonly due: string
  /** For a limit counted in hours (D13): the moment it ends, wall-clock in the support time zone. */
  readonly dueAt?: string | undefined
  readonly doneOn: string | undefined
  readonly status: Status
  /** D15: the maker's programme the limit comes from, when it is one. */
  readonly programme?: string | undefined
  /** The serial, intervention day or ticket the limit is about. */
  readonly subject: string
}

/**
 * The policies the limits are computed under (D1, D15).
 *
 * @since 0.2.0
 * @category models
 */
export interface Policy {
  readonly programmes: Programmes.Table
  readonly terms: WarrantyTerms.TermTable
}

/**
 * @since 0.2.0
 * @category models
 */
export const defaultPolicy: Policy = { programmes: Programmes.defaultTable, terms: WarrantyTerms.defaultTermTable }

const status = (kind: Deadline["kind"], due: string, doneOn: string | undefined, asOf: string): Status =>
  doneOn !== undefined && doneOn <= asOf
    ? Calendar.inTime(doneOn, due)
      ? "met"
      : "missed"
    : asOf <= due
      ? "open"
      : kind === "right"
        ? "lapsed"
        : "missed"

/**
 * Every time limit of a system at `asOf`, with its tickets (those of the system are kept), sorted
 * by due day.
 *
 * @since 0.2.0
 * @category queries
 */
export const deadlines = (
  system: System.Registered,
  tickets: ReadonlyArray<Ticket.State>,
  asOf: string,
  policy: Policy = defaultPolicy
): ReadonlyArray<Deadline> => {
  const out: Array<Deadline> = []
  const add = (d: Omit<Deadline, "status">) => out.push({ ...d, status: status(d.kind, d.due, d.doneOn, asOf) })

  // ENP-L5/D3 (D15, ENP-L2): one claim window per intervention day on which microinverters of a
  // maker with a labour programme were replaced.
  const days = new Set(
    Object.values(system.devices)
      .filter((d) => d.replacedUnderRma !== undefined && d.retiredOn !== undefined)
      .map((d) => d.retiredOn!)
  )
  for (const day of [...days].sort()) {
    // ENP-L2: only the microinverters replaced that day open a claim (a gateway or a battery
    // replaced alone gives no right to claim); D15: under their own maker's programme.
    const makers = System.replacedOn(system, day)
      .filter((d) => d.kind === "microinverter")
      .map((d) => d.manufacturer)
    const programme = makers
      .map((m) => Programmes.inForce(policy.programmes, m, day))
      .find((p) => p.labour !== undefined)
    if (programme?.labour === undefined) continue
    add({
      rule: "ENP-L5",
      what: `claim labour reimbursement for the intervention of ${day}`,
      party: "installer",
      kind: "right",
      from: day,
      due: LabourReimbursement.claimDeadline(day, programme.labour).due,
      doneOn: system.claims[day]?.claimedOn,
      programme: programme.name,
      subject: day
    })
  }

  // ENP-L1/D3 (D15): interventions are reimbursed only before the system is 2 years old.
  if (system.commissionedOn !== undefined) {
    const programme = Object.values(system.devices)
      .filter((d) => d.kind === "microinverter")
      .map((d) => Programmes.inForce(policy.programmes, d.manufacturer, asOf))
      .find((p) => p.labour !== undefined)
    if (programme?.labour !== undefined) {
      const firstDayTooOld = Calendar.coverageEnd(system.commissionedOn, programme.labour.commissioningWindow)
      add({
        rule: "ENP-L1",
        what: "replace microinverters with labour reimbursement (interventions while the system is less than 2 years old)",
        party: "installer",
        kind: "right",
        from: system.commissionedOn,
        due: Calendar.addDays(firstDayTooOld, -1),
        doneOn: undefined,
        programme: programme.name,
        subject: system.systemId
      })
    }

    // D1/ENP-W2: the end of each current device's warranty.
    for (const d of Object.values(system.devices)) {
      if (d.status !== "current") continue
      const replacesTermStart =
        d.replaces === undefined ? undefined : System.termStart(system, d.replaces, policy.terms)
      const term = WarrantyTerms.term(
        {
          manufacturer: d.manufacturer,
          kind: d.kind,
          commissionedOn: system.commissionedOn,
          installedOn: d.installedOn,
          ...(replacesTermStart !== undefined ? { replacesTermStart } : {})
        },
        policy.terms
      )
      if (!Decision.isAccepted(term)) continue
      add({
        rule: "D1",
        what: `have ${d.manufacturer} ${d.kind} ${d.serial} returned and replaced under warranty (ENP-W2)`,
        party: "owner",
        kind: "right",
        from: term.value.start,
        due: term.value.lastCoveredDay,
        doneOn: undefined,
        subject: d.serial
      })
    }
  }

  // ENP-C1 and ENP-R6 (D13): what support must do on the system's tickets.
  for (const t of tickets) {
    if (t._tag !== "Opened" || t.systemId !== system.systemId) continue
    if (t.callback !== undefined) {
      add({
        rule: "ENP-R6",
        what: `call the installer back about ticket ${t.ticketId} (between ${t.callback.earliest} and ${t.callback.latest})`,
        party: "support",
        kind: "obligation",
        from: t.openedAt.slice(0, 10),
        due: t.callback.latest.slice(0, 10),
        dueAt: t.callback.latest,
        doneOn: t.answeredOn,
        subject: t.ticketId
      })
    } else if (t.responseDue !== undefined) {
      add({
        rule: "ENP-C1",
        what: `answer support request ${t.ticketId} (by ${t.responseDue})`,
        party: "support",
        kind: "obligation",
        from: t.openedAt.slice(0, 10),
        due: t.responseDue.slice(0, 10),
        dueAt: t.responseDue,
        doneOn: t.answeredOn,
        subject: t.ticketId
      })
    }
  }

  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))
}

/**
 * By default a calendar lists what still needs doing: open limits, and missed obligations not done.
 *
 * @since 0.2.0
 * @category filters
 */
export const pending = (d: Deadline): boolean =>
  d.status === "open" || (d.status === "missed" && d.doneOn === undefined)

/**
 * A system's deadlines as an `.ics` file (the generic `ICalendar` of `@soltrace/rules`): one
 * all-day event per deadline on its due day, worded as a right ("may … until") or an obligation
 * ("must … by").
 *
 * @since 0.2.0
 * @category export
 */
export const toICalendar = (
  list: ReadonlyArray<Deadline>,
  options: {
    readonly systemId: string
    readonly asOf: string
    readonly include?: ((d: Deadline) => boolean) | undefined
    readonly calendarName?: string | undefined
  }
): Result.Result<string, ICalendar.ICalendarError> =>
  ICalendar.toICalendar(
    list.filter(options.include ?? pending).map((d) => ({
      uid: `${ICalendar.slug(options.systemId)}-${ICalendar.slug(d.rule)}-${ICalendar.slug(d.subject)}-${d.due}`,
      day: d.due,
      title: `${d.what} (${d.rule})`,
      description: `System ${options.systemId}: the ${d.party} ${d.kind === "right" ? "may" : "must"} ${d.what} ${d.kind === "right" ? "until" : "by"} ${d.dueAt ?? d.due} (${d.rule}${d.programme !== undefined ? `, ${d.programme}` : ""}). Status on ${options.asOf}: ${d.status}.`,
      categories: [d.rule, d.party, d.status]
    })),
    {
      asOf: options.asOf,
      calendarName: options.calendarName ?? `System ${options.systemId}`,
      productId: "soltrace/aftersales"
    }
  )
