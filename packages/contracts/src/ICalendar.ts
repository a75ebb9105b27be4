/**
 * A contract's deadlines (D12) as an iCalendar file (RFC 5545, `.ics`), so an installer can drop
 * them into any calendar. Each deadline is an all-day event on its due day; the file is produced by
 * the `ics` library and is deterministic (stable UIDs, DTSTAMP taken from the evaluation date —
 * nothing reads the clock).
 *
 * @since 0.1.0
 */
import type { Result } from "effect"
import { ICalendar } from "@soltrace/rules"
import type * as Deadlines from "./Deadlines.js"
import { describe } from "./Deadlines.js"

/**
 * The calendar could not be produced (the `ics` library rejected an event). The same error as
 * `ICalendar.ICalendarError` of `@soltrace/rules`, which writes the file.
 *
 * @since 0.1.0
 * @category errors
 */
export const ICalendarError = ICalendar.ICalendarError

/**
 * @since 0.1.0
 * @category errors
 */
export type ICalendarError = ICalendar.ICalendarError

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
 * day, exclusive, as RFC 5545 requires), titled with what is due and the rule — written by the
 * generic `ICalendar` module of `@soltrace/rules`.
 *
 * @since 0.1.0
 * @category export
 */
export const toICalendar = (
  deadlines: ReadonlyArray<Deadlines.Deadline>,
  options: Options
): Result.Result<string, ICalendarError> =>
  ICalendar.toICalendar(
    deadlines.filter(options.include ?? pending).map((dl) => ({
      uid: `${ICalendar.slug(options.contractId)}-${ICalendar.slug(dl.rule)}-${ICalendar.slug(dl.what)}-${dl.due}`,
      day: dl.due,
      title: `${dl.what} (${dl.rule})`,
      // D12: rights worded as rights, obligations as obligations.
      description: `Contract ${options.contractId}: ${describe(dl)} Status on ${options.asOf}: ${dl.status}.`,
      categories: [dl.rule, dl.party, dl.status]
    })),
    {
      asOf: options.asOf,
      calendarName: options.calendarName ?? `Contract ${options.contractId}`,
      productId: "soltrace/contracts"
    }
  )
