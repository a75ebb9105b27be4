/**
 * A contract's deadlines (D12) as an iCalendar file (RFC 5545, `.ics`), so an installer can drop
 * them into any calendar. Each deadline is an all-day event on its due day; the file is produced by
 * the `ics` library and is deterministic (stable UIDs, DTSTAMP taken from the evaluation date —
 * nothing reads the clock).
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { createEvents } from "ics"
import type { DateArray, EventAttributes } from "ics"
import { Calendar } from "@soltrace/rules"
import type * as Deadlines from "./Deadlines.js"
import { describe } from "./Deadlines.js"

/**
 * The calendar could not be produced (the `ics` library rejected an event).
 *
 * @since 0.1.0
 * @category errors
 */
export class ICalendarError extends Schema.TaggedError<ICalendarError>()("ICalendarError", {
  reason: Schema.String
}) {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Identifies the contract in the UIDs and the calendar's name. */
  readonly contractId: string
  /** The evaluation date: written as DTSTAMP (`YYYY-MM-DD`, midnight UTC). */
  readonly asOf: string
  /** Which deadlines to include (default: the open and missed obligations and open rights). */
  readonly include?: ((deadline: Deadlines.Deadline) => boolean) | undefined
  readonly calendarName?: string | undefined
}

const dateArray = (date: string): DateArray => {
  const [y, m, d] = date.split("-").map(Number)
  return [y ?? 0, m ?? 1, d ?? 1]
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")

/**
 * By default a calendar lists what still needs doing: open time limits, and missed obligations.
 *
 * @since 0.1.0
 * @category filters
 */
export const pending = (d: Deadlines.Deadline): boolean =>
  d.status === "open" || (d.status === "missed" && d.doneOn === undefined)

/**
 * The deadlines as an `.ics` file: one all-day event per deadline on its due day (DTEND is the next
 * day, exclusive, as RFC 5545 requires), titled with what is due and the rule.
 *
 * @since 0.1.0
 * @category export
 */
export const toICalendar = (
  deadlines: ReadonlyArray<Deadlines.Deadline>,
  options: Options
): Result.Result<string, ICalendarError> => {
  const include = options.include ?? pending
  const selected = deadlines.filter(include)
  const [y, m, d] = dateArray(options.asOf)
  const events = selected.map((dl): EventAttributes => {
    const attributes: EventAttributes & { readonly timestamp: number } = {
      uid: `${slug(options.contractId)}-${slug(dl.rule)}-${slug(dl.what)}-${dl.due}@soltrace`,
      start: dateArray(dl.due),
      end: dateArray(Calendar.addDays(dl.due, 1)),
      title: `${dl.what} (${dl.rule})`,
      // D12: rights worded as rights, obligations as obligations.
      description: `Contract ${options.contractId}: ${describe(dl)} Status on ${options.asOf}: ${dl.status}.`,
      categories: [dl.rule, dl.party, dl.status],
      status: "CONFIRMED",
      busyStatus: "FREE",
      transp: "TRANSPARENT",
      productId: "soltrace/contracts",
      timestamp: Date.UTC(y, m - 1, d)
    }
    return attributes
  })
  if (events.length === 0) {
    // `ics` rejects an empty list; an empty calendar is still a valid file.
    return Result.succeed(
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "PRODID:soltrace/contracts",
        "METHOD:PUBLISH",
        `X-WR-CALNAME:${options.calendarName ?? `Contract ${options.contractId}`}`,
        "X-PUBLISHED-TTL:PT1H",
        "END:VCALENDAR",
        ""
      ].join("\r\n")
    )
  }
  const { error, value } = createEvents(events, {
    productId: "soltrace/contracts",
    calName: options.calendarName ?? `Contract ${options.contractId}`
  })
  if (error !== null || value === null)
    return Result.fail(new ICalendarError({ reason: error?.message ?? "no output" }))
  return Result.succeed(value)
}
