/**
 * Renders a scenario run as a readable timeline: the story, then, in order, each command (with its
 * business date), the events recorded, every decision with the rule id of each reason, the amounts
 * and the deadlines; then the outcome compared with the expected one.
 *
 * @since 0.1.0
 */
import { Money } from "@soltrace/rules"
import type { Run } from "./Run.js"
import type { Entry, Reason } from "./Timeline.js"

const WIDTH = 100

/** `key: value` pairs, nested values as compact JSON, `_tag` left out (it is the name shown). */
const fieldsText = (value: unknown, omit: ReadonlyArray<string> = [], depth = 0): string => {
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "undefined"
  return Object.entries(value)
    .filter(([k, v]) => k !== "_tag" && v !== undefined && !omit.includes(k))
    .map(([k, v]) => `${k}: ${figureText(k, v) ?? valueText(v, depth + 1)}`)
    .join(", ")
}

/** Amounts in cents as euros (`amountCents: €175.00`), basis points as percentages (`vatBp: 6.00%`). */
const figureText = (key: string, v: unknown): string | undefined =>
  typeof v !== "number"
    ? undefined
    : key.endsWith("Cents")
      ? Money.format(v)
      : key.endsWith("Bp")
        ? `${(v / 100).toFixed(2)}%`
        : undefined

/**
 * A value without JSON's quotes: `{installerId: inst-1, licenceNumber: LIC-1}`, `[A, B]`; an
 * amount as `€2,544.00 incl.`; nesting beyond two levels as `{…}`.
 */
const valueText = (v: unknown, depth: number): string => {
  if (typeof v === "string") return v
  if (Array.isArray(v)) return depth > 2 ? "[…]" : `[${v.map((x) => valueText(x, depth + 1)).join(", ")}]`
  if (typeof v === "object" && v !== null) {
    if ("cents" in v && "vat" in v && typeof v.cents === "number" && Object.keys(v).length === 2) {
      return `${Money.format(v.cents)} ${String(v.vat)}.`
    }
    const tag = "_tag" in v && typeof v._tag === "string" ? `${v._tag} ` : ""
    return depth > 2 ? `${tag}{…}` : `${tag}{${fieldsText(v, [], depth)}}`
  }
  return String(v)
}

/** Wraps `text` under `indent`, at most `maxLines` lines (the last one ends with … when cut). */
const block = (text: string, indent: string, maxLines = 3): Array<string> => {
  const lines = wrapChars(text, WIDTH - indent.length)
  const kept = lines.slice(0, maxLines)
  if (lines.length > maxLines) kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, WIDTH - indent.length - 1)}…`
  return kept.map((l) => indent + l)
}

const wrapChars = (text: string, width: number): Array<string> => {
  const out: Array<string> = []
  let rest = text
  while (rest.length > width) {
    const comma = rest.lastIndexOf(", ", width - 1)
    const space = rest.lastIndexOf(" ", width)
    const at = comma > width / 2 ? comma + 1 : space > width / 3 ? space : width
    out.push(rest.slice(0, at).trimEnd())
    rest = rest.slice(at).trimStart()
  }
  if (rest !== "") out.push(rest)
  return out
}

const wrap = (text: string, indent: string, width = WIDTH): Array<string> => {
  const words = text.split(/\s+/).filter((w) => w !== "")
  const lines: Array<string> = []
  let line = ""
  for (const word of words) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line)
      line = word
    } else line = line === "" ? word : `${line} ${word}`
  }
  if (line !== "") lines.push(indent + line)
  return lines
}

/** The reasons (and warnings) an event records, shown under it with their rule ids. */
const reasonsIn = (data: unknown): ReadonlyArray<Reason> => {
  if (typeof data !== "object" || data === null) return []
  const record = data as Record<string, unknown>
  return ["reasons", "warnings"].flatMap((key) => {
    const value = record[key]
    return Array.isArray(value)
      ? value.filter((r): r is Reason => typeof r === "object" && r !== null && "rule" in r && "message" in r)
      : []
  })
}

const dataWithoutReasons = (data: unknown): unknown => {
  if (typeof data !== "object" || data === null) return data
  const { reasons: _r, warnings: _w, ...rest } = data as Record<string, unknown>
  return rest
}

const DATE = 12 // "2025-05-06  "
const pad = (on: string | undefined): string => (on ?? "").padEnd(DATE)

const reasonLines = (reasons: ReadonlyArray<Reason>): Array<string> =>
  reasons.flatMap((r) => {
    const [first = "", ...rest] = wrap(r.message, "", WIDTH - DATE - 6 - 12)
    return [
      `${" ".repeat(DATE)}      ${r.rule.padEnd(11)} ${first}`,
      ...rest.map((l) => `${" ".repeat(DATE)}      ${" ".repeat(11)} ${l}`)
    ]
  })

const entryLines = (entry: Entry): Array<string> => {
  switch (entry.kind) {
    case "note":
      return wrap(entry.text, " ".repeat(DATE) + "  ").map((l, i) => (i === 0 ? pad(entry.on) + l.slice(DATE) : l))
    case "command": {
      // The business date is in the left column: `on` is not repeated.
      const fields = fieldsText(entry.payload, entry.payload["on"] === entry.on ? ["on"] : [])
      return [`${pad(entry.on)}▶ ${entry.name}`, ...(fields === "" ? [] : block(fields, " ".repeat(DATE + 4)))]
    }
    case "event":
      return [
        `${" ".repeat(DATE)}  ● ${entry.type}  (${entry.stream} #${entry.version})`,
        ...block(
          fieldsText(dataWithoutReasons(entry.data), ["systemId", "rmaId", "ticketId"]),
          " ".repeat(DATE + 6),
          2
        ),
        ...reasonLines(reasonsIn(entry.data))
      ]
    case "refused":
      return [
        `${" ".repeat(DATE)}  ✘ ${entry.name} refused (${entry.error.split(":")[0]}), ${entry.recorded === 0 ? "nothing recorded" : `${entry.recorded} event(s) recorded`}`,
        ...reasonLines(entry.reasons)
      ]
    case "decision":
      return [`${" ".repeat(DATE)}  ◆ ${entry.label}: ${entry.outcome}`, ...reasonLines(entry.reasons)]
    case "amount":
      return [
        `${" ".repeat(DATE)}  € ${entry.label}: ${Money.format(entry.amount.cents)} ${entry.amount.vat === "outside" ? "outside" : entry.amount.vat === "excl" ? "excl." : "incl."} VAT`
      ]
    case "deadline":
      return [
        `${" ".repeat(DATE)}  ⏱ by ${entry.deadline.due}`,
        ...reasonLines([{ rule: entry.deadline.rule, message: entry.deadline.what, figures: {} }])
      ]
  }
}

/**
 * The printed timeline of one run.
 *
 * @since 0.1.0
 */
export const render = (run: Run): string => {
  const s = run.scenario
  const lines: Array<string> = []
  const head = `${s.id} — ${s.title}`
  lines.push("━".repeat(WIDTH), head, `rules: ${s.rules.join(", ")}   (run alone: pnpm examples ${s.id})`, "")
  lines.push(...wrap(s.story, "  "), "")
  for (const entry of run.timeline.entries) lines.push(...entryLines(entry))
  lines.push("")
  const outcome = run.outcome ?? {}
  const keys = [...new Set([...Object.keys(s.expected), ...Object.keys(outcome)])]
  const width = Math.max(0, ...keys.map((k) => k.length))
  lines.push("outcome:")
  for (const key of keys) {
    const expected = s.expected[key]
    const actual = outcome[key]
    const same = expected === actual
    lines.push(
      `  ${same ? "✔" : "✘"} ${key.padEnd(width)}  ${String(actual ?? "—")}${same ? "" : `   (expected ${String(expected ?? "nothing")})`}`
    )
  }
  if (run.failure !== undefined) lines.push(`  ✘ the scenario failed: ${run.failure}`)
  lines.push(run.ok ? `${s.id}: as expected` : `${s.id}: DIFFERS from the expected outcome`)
  return lines.join("\n")
}

/**
 * One line per run, and the count.
 *
 * @since 0.1.0
 */
export const summary = (runs: ReadonlyArray<Run>, store: string): string => {
  const failed = runs.filter((r) => !r.ok)
  return [
    "━".repeat(WIDTH),
    `${runs.length} scenario(s) on ${store}:`,
    ...runs.map((r) => `  ${r.ok ? "✔" : "✘"} ${r.scenario.id.padEnd(3)} ${r.scenario.title}`),
    failed.length === 0 ? "all as expected" : `${failed.length} differ: ${failed.map((r) => r.scenario.id).join(", ")}`
  ].join("\n")
}
