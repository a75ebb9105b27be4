/**
 * Deadlines as an iCalendar file (RFC 5545, `.ics`), for any aggregate's deadlines (D12): each
 * entry is an all-day event on its due day. Produced by the `ics` library and deterministic
 * (stable UIDs from the caller, DTSTAMP from the evaluation date — nothing reads the clock).
 *
 * Used by `@soltrace/contracts` (a contract's deadlines) and `@soltrace/aftersales` (a system's).
 *
 * @since 0.2.0
 */
import { Result, Schema } from "effect"
import { createEvents } from "ics"
import type { DateArray, EventAttributes } from "ics"
import { addDays } from "./Calendar.js"

/**
 * The calendar could not be produced (the `ics` library rejected an event).
 *
 * @since 0.2.0
 * @category errors
 */
export class ICalendarError extends Schema.TaggedError<ICalendarError>()("ICalendarError", {
  reason: Schema.String
}) {}

/**
 * One all-day event.
 *
 * @since 0.2.0
 * @category models
 */
export interface Entry {
  /** Stable and unique within the calendar (without the `@soltrace` suffix). */
  readonly uid: string
  /** The due day, `YYYY-MM-DD`. */
  readonly day: string
  readonly title: string
  readonly description: string
  readonly categories: ReadonlyArray<string>
}

/**
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** The evaluation date: written as DTSTAMP (`YYYY-MM-DD`, midnight UTC). */
  readonly asOf: string
  readonly calendarName: string
  /** PRODID (default `soltrace`). */
  readonly productId?: string | undefined
}

const dateArray = (date: string): DateArray => {
  const [y, m, d] = date.split("-").map(Number)
  return [y ?? 0, m ?? 1, d ?? 1]
}

/**
 * Lower-case, dashes for anything but letters and digits: a UID-safe piece of text.
 *
 * @since 0.2.0
 * @category export
 */
export const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")

/**
 * The entries as an `.ics` file: one all-day event per entry on its day (DTEND is the next day,
 * exclusive, as RFC 5545 requires). An empty list gives a valid, empty calendar.
 *
 * @since 0.2.0
 * @category export
 */
export const toICalendar = (entries: ReadonlyArray<Entry>, options: Options): Result.Result<string, ICalendarError> => {
  const productId = options.productId ?? "soltrace"
  const [y, m, d] = dateArray(options.asOf)
  const events = entries.map((e): EventAttributes => {
    const attributes: EventAttributes & { readonly timestamp: number } = {
      uid: `${e.uid}@soltrace`,
      start: dateArray(e.day),
      end: dateArray(addDays(e.day, 1)),
      title: e.title,
      description: e.description,
      categories: [...e.categories],
      status: "CONFIRMED",
      busyStatus: "FREE",
      transp: "TRANSPARENT",
      productId,
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
        `PRODID:${productId}`,
        "METHOD:PUBLISH",
        `X-WR-CALNAME:${options.calendarName}`,
        "X-PUBLISHED-TTL:PT1H",
        "END:VCALENDAR",
        ""
      ].join("\r\n")
    )
  }
  const { error, value } = createEvents(events, { productId, calName: options.calendarName })
  if (error !== null || value === null)
    return Result.fail(new ICalendarError({ reason: error?.message ?? "no output" }))
  return Result.succeed(value)
}
