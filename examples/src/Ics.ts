/**
 * `pnpm examples --ics DIR`: each scenario's deadlines as an iCalendar file (RFC 5545), written by
 * the `ics` library: one all-day event per deadline on its due day, titled with what is due and
 * the rule. Deterministic: stable UIDs, and DTSTAMP is the scenario's last date, never the clock.
 *
 * @since 0.1.0
 */
import type { Decision } from "@soltrace/rules"
import { createEvents, type EventAttributes } from "ics"
import type { Run } from "./Run.js"

// a due moment may carry a time (`2025-03-18T17:00`): the event is on its day, the time in its title
const dateArray = (iso: string): [number, number, number] => {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number]
  return [y, m, d]
}
const nextDay = (iso: string): [number, number, number] => {
  const [y, m, d] = dateArray(iso)
  const next = new Date(Date.UTC(y, m - 1, d + 1))
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()]
}
const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")

/** The deadlines a run recorded. */
export const deadlinesOf = (run: Run): ReadonlyArray<Decision.Deadline> =>
  run.timeline.entries.flatMap((e) => (e.kind === "deadline" ? [e.deadline] : []))

/**
 * The `.ics` text of a run's deadlines, or `undefined` when it has none.
 *
 * @since 0.1.0
 */
export const calendar = (run: Run): string | undefined => {
  const deadlines = deadlinesOf(run)
  if (deadlines.length === 0) return undefined
  const stamp = dateArray([...deadlines.map((d) => d.due)].sort().at(-1)!)
  const events = deadlines.map((d): EventAttributes & { readonly timestamp: number } => ({
    uid: `${slug(run.scenario.id)}-${slug(d.rule)}-${slug(d.what)}-${d.due}@soltrace`,
    start: dateArray(d.due),
    end: nextDay(d.due),
    title: `${d.what} (${d.rule})${d.due.length > 10 ? ` by ${d.due.slice(11)}` : ""}`,
    description: `${run.scenario.id} ${run.scenario.title}: ${d.what} by ${d.due} (${d.rule}).`,
    categories: [d.rule],
    productId: "soltrace/examples",
    timestamp: Date.UTC(stamp[0], stamp[1] - 1, stamp[2])
  }))
  const { error, value } = createEvents(events, {
    productId: "soltrace/examples",
    calName: `${run.scenario.id} ${run.scenario.title}`
  })
  if (error !== null || value === undefined || value === null) throw new Error(`ics: ${error?.message ?? "no output"}`)
  return value
}
