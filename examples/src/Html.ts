/**
 * `pnpm examples --html DIR`: one page per scenario, for a person rather than a terminal — the
 * works timeline (every command, event and decision by date), the amounts against their caps
 * (each figure a reason used, caps included), the deadlines on a calendar, the statement as a
 * table, and the path through the aggregates' state diagram (the event types, in order, per
 * stream). Plain HTML and CSS, no script: a page opens from disk.
 *
 * @since 0.1.0
 */
import { Money } from "@soltrace/rules"
import type { Run } from "./Run.js"
import type { Entry, Reason } from "./Timeline.js"

const esc = (s: string): string =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;")

const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)

/** A page's file name: `S5-delay-penalty.html`. */
export const fileName = (run: Run, ext: string): string => `${run.scenario.id}-${run.scenario.name}.${ext}`

const short = (s: string): string => (s.length > 140 ? `${s.slice(0, 139)}…` : s)

const reasonsIn = (data: unknown): ReadonlyArray<Reason> => {
  const reasons = typeof data === "object" && data !== null ? (data as { reasons?: unknown }).reasons : undefined
  return Array.isArray(reasons) ? (reasons as ReadonlyArray<Reason>) : []
}

const figureText = (key: string, value: unknown): string =>
  typeof value === "number" && /cents$/i.test(key) && Number.isSafeInteger(value)
    ? Money.format(value)
    : typeof value === "number" && /bp$/i.test(key)
      ? `${value / 100} %`
      : typeof value === "string"
        ? value
        : short(JSON.stringify(value) ?? "")

const figures = (f: Readonly<Record<string, unknown>>): string =>
  Object.entries(f)
    .map(
      ([k, v]) => `<span class="fig${/cap/i.test(k) ? " cap" : ""}"><b>${esc(k)}</b> ${esc(figureText(k, v))}</span>`
    )
    .join(" ")

const reasonList = (reasons: ReadonlyArray<Reason>): string =>
  reasons.length === 0
    ? ""
    : `<ul class="reasons">${reasons
        .map((r) => `<li><code>${esc(r.rule)}</code> ${esc(r.message)} ${figures(r.figures)}</li>`)
        .join("")}</ul>`

const firstDate = (data: unknown): string | undefined => {
  if (typeof data !== "object" || data === null) return undefined
  for (const v of Object.values(data)) if (isDate(v)) return v
  return undefined
}

const timelineRow = (e: Entry, last: string | undefined): [string, string | undefined] => {
  switch (e.kind) {
    case "note":
      return [
        `<tr class="note"><td>${esc(e.on ?? last ?? "")}</td><td colspan="2">${esc(e.text)}</td></tr>`,
        e.on ?? last
      ]
    case "command":
      return [
        `<tr class="command"><td>${esc(e.on ?? last ?? "")}</td><td>command</td><td><b>${esc(e.name)}</b> ${figures(e.payload)}</td></tr>`,
        e.on ?? last
      ]
    case "event": {
      const on = firstDate(e.data) ?? last
      const data = typeof e.data === "object" && e.data !== null ? (e.data as Record<string, unknown>) : {}
      const { _tag: _, reasons, ...rest } = data
      const explained = Array.isArray(reasons) ? reasonList(reasons as ReadonlyArray<Reason>) : ""
      const refusal = /(Refused|Rejected|Denied)$/.test(e.type) ? " Refused" : ""
      return [
        `<tr class="event${refusal}"><td>${esc(on ?? "")}</td><td>event</td><td><b>${esc(e.type)}</b> <small>${esc(e.stream)} v${e.version}</small> ${figures(rest)}${explained}</td></tr>`,
        on
      ]
    }
    case "refused":
      return [
        `<tr class="refused"><td>${esc(last ?? "")}</td><td>refused</td><td><b>${esc(e.name)}</b> ${esc(e.error)}${reasonList(e.reasons)}</td></tr>`,
        last
      ]
    case "decision":
      return [
        `<tr class="decision ${esc(e.outcome)}"><td>${esc(last ?? "")}</td><td>decision</td><td><b>${esc(e.label)}</b>: ${esc(e.outcome)}${reasonList(e.reasons)}</td></tr>`,
        last
      ]
    case "amount":
      return [
        `<tr class="amount"><td>${esc(last ?? "")}</td><td>amount</td><td>${esc(e.label)}: <b>${esc(Money.format(e.amount.cents))}</b> ${esc(e.amount.vat === "incl" ? "incl. VAT" : "excl. VAT")}</td></tr>`,
        last
      ]
    case "deadline":
      return [
        `<tr class="deadline"><td>${esc(e.deadline.due)}</td><td>deadline</td><td>${esc(e.deadline.what)} <code>${esc(e.deadline.rule)}</code></td></tr>`,
        last
      ]
  }
}

const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
]

/** Month grids (Monday first) of every month holding a deadline, the due days marked. */
const calendar = (deadlines: ReadonlyArray<Extract<Entry, { kind: "deadline" }>["deadline"]>): string => {
  const byMonth = new Map<string, Array<(typeof deadlines)[number]>>()
  for (const d of deadlines) {
    const key = d.due.slice(0, 7)
    byMonth.set(key, [...(byMonth.get(key) ?? []), d])
  }
  return [...byMonth.keys()]
    .sort()
    .map((key) => {
      const [y, m] = key.split("-").map(Number) as [number, number]
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
      const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7
      const cells: Array<string> = Array.from({ length: lead }, () => "<td></td>")
      for (let day = 1; day <= days; day++) {
        const date = `${key}-${String(day).padStart(2, "0")}`
        const due = byMonth.get(key)!.filter((d) => d.due.slice(0, 10) === date)
        cells.push(
          due.length === 0
            ? `<td>${day}</td>`
            : `<td class="due" title="${esc(due.map((d) => `${d.what} (${d.rule})`).join("; "))}" data-date="${date}">${day}<br><small>${due.map((d) => esc(d.rule)).join(" ")}</small></td>`
        )
      }
      const rows: Array<string> = []
      for (let i = 0; i < cells.length; i += 7) rows.push(`<tr>${cells.slice(i, i + 7).join("")}</tr>`)
      return `<table class="month"><caption>${monthNames[m - 1]} ${y}</caption><tr><th>Mo</th><th>Tu</th><th>We</th><th>Th</th><th>Fr</th><th>Sa</th><th>Su</th></tr>${rows.join("")}</table>`
    })
    .join("")
}

/** The event types of each stream in order: the path the aggregate took through its states. */
const statePath = (events: ReadonlyArray<Extract<Entry, { kind: "event" }>>): string => {
  const byStream = new Map<string, Array<string>>()
  for (const e of events) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e.type])
  return [...byStream.entries()]
    .map(
      ([stream, types]) =>
        `<div class="path"><code>${esc(stream)}</code> <span class="state">start</span>${types.map((t) => ` → <span class="state">${esc(t)}</span>`).join("")}</div>`
    )
    .join("")
}

const css = `body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #d5dbe3;padding:.25rem .5rem;vertical-align:top;text-align:left}
.timeline td:first-child{white-space:nowrap;font-variant-numeric:tabular-nums}.refused{background:#fdecea}.decision.Refused,.event.Refused{background:#fdecea}.decision.Accepted{background:#e7f6ec}.deadline{background:#fff6dd}
.fig{display:inline-block;background:#eef1f5;border-radius:3px;padding:0 .3rem;margin:.1rem;font-size:.85em}.fig.cap{background:#ffe3b3}
.month{display:inline-table;margin-right:1rem}.month td{text-align:right;width:2.2rem}.month .due{background:#ffd166;font-weight:bold}
.state{display:inline-block;border:1px solid #5b6b82;border-radius:1rem;padding:0 .5rem;margin:.15rem 0}.ok{color:#1b7f3b}.bad{color:#b3261e}ul.reasons{margin:.2rem 0}`

/**
 * The page of one run.
 *
 * @since 0.1.0
 */
export const page = (run: Run): string => {
  const s = run.scenario
  let last: string | undefined
  const rows = run.timeline.entries.map((e) => {
    const [row, on] = timelineRow(e, last)
    last = on
    return row
  })
  const deadlines = run.timeline.entries.flatMap((e) => (e.kind === "deadline" ? [e.deadline] : []))
  const amounts = run.timeline.entries.flatMap((e) => (e.kind === "amount" ? [e] : []))
  const capped = run.timeline.entries.flatMap((e) =>
    (e.kind === "decision" || e.kind === "refused" ? e.reasons : e.kind === "event" ? reasonsIn(e.data) : []).filter(
      (r) => Object.keys(r.figures).some((k) => /cap|max|limit|share/i.test(k))
    )
  )
  const outcome = Object.entries(s.expected)
    .map(([k, v]) => {
      const got = run.outcome?.[k]
      return `<tr><td>${esc(k)}</td><td>${esc(String(v))}</td><td class="${got === v ? "ok" : "bad"}">${esc(String(got))}</td></tr>`
    })
    .join("")
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`${s.id} ${s.title}`)}</title><style>${css}</style></head>
<body>
<p><a href="index.html">All scenarios</a></p>
<h1>${esc(s.id)} — ${esc(s.title)}</h1>
<p class="${run.ok ? "ok" : "bad"}" id="verdict">${run.ok ? "Every outcome as expected." : esc(`Differs from the expected outcome${run.failure ? `: ${run.failure}` : ""}.`)}</p>
<h2>Outcome</h2>
<table id="outcome"><tr><th>figure</th><th>expected</th><th>got</th></tr>${outcome}</table>
<h2>Timeline</h2>
<table class="timeline" id="timeline"><tr><th>date</th><th></th><th>what</th></tr>${rows.join("\n")}</table>
<h2>Amounts against their caps</h2>
${capped.length === 0 ? "<p>No capped amount in this scenario.</p>" : `<table id="caps"><tr><th>rule</th><th>what it found</th><th>figures (caps highlighted)</th></tr>${capped.map((r) => `<tr><td><code>${esc(r.rule)}</code></td><td>${esc(r.message)}</td><td>${figures(r.figures)}</td></tr>`).join("")}</table>`}
<h2>Deadlines</h2>
${deadlines.length === 0 ? "<p>No deadline in this scenario.</p>" : `<div id="calendar">${calendar(deadlines)}</div><table id="deadlines"><tr><th>due</th><th>what</th><th>rule</th></tr>${deadlines.map((d) => `<tr><td>${esc(d.due)}</td><td>${esc(d.what)}</td><td><code>${esc(d.rule)}</code></td></tr>`).join("")}</table>`}
<h2>Statement</h2>
${amounts.length === 0 ? "<p>No amount in this scenario.</p>" : `<table id="statement"><tr><th>line</th><th>amount</th><th>VAT</th></tr>${amounts.map((a) => `<tr><td>${esc(a.label)}</td><td style="text-align:right">${esc(Money.format(a.amount.cents))}</td><td>${a.amount.vat}</td></tr>`).join("")}</table>`}
<h2>Path through the state diagram</h2>
<div id="states">${statePath(run.timeline.events)}</div>
</body></html>
`
}

/**
 * The index of the pages.
 *
 * @since 0.1.0
 */
export const index = (runs: ReadonlyArray<Run>): string =>
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>soltrace — reference scenarios</title><style>${css}</style></head>
<body><h1>Reference scenarios</h1><ul>${runs
    .map(
      (r) =>
        `<li><a href="${esc(fileName(r, "html"))}">${esc(r.scenario.id)} — ${esc(r.scenario.title)}</a> <span class="${r.ok ? "ok" : "bad"}">${r.ok ? "as expected" : "differs"}</span></li>`
    )
    .join("")}</ul></body></html>
`
