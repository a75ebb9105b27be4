/**
 * `pnpm --filter @soltrace/bench run report [results/latest.json]`: prints the results of a run as
 * Markdown tables (the figures section of BENCHMARKS.md).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import type { WorkloadResult } from "./Harness.js"
import type { RunResults } from "./main.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const fmt = (n: number): string => Math.round(n).toLocaleString("en-US")

/** Markdown for one workload. */
export const workloadMarkdown = (w: WorkloadResult): string => {
  const params = Object.entries(w.params)
    .map(([k, v]) => `${k} ${typeof v === "number" ? fmt(v) : v}`)
    .join(", ")
  const lines = [
    `### ${w.title}`,
    "",
    `${params}; load average ${w.loadAverageBefore[0]} → ${w.loadAverageAfter[0]}; ${w.seconds} s.`,
    "",
    `| contender | ${w.unit}/s (median) | vs ${w.reference} | range of round medians | samples |`,
    "| --- | ---: | ---: | ---: | ---: |",
    ...w.contenders.map(
      (c) =>
        `| ${c.name}${c.name === w.reference ? " (ref)" : ""} | ${fmt(c.perSecond)} | ${c.ratio.toFixed(2)}× | ${fmt(c.worstRoundPerSecond)} – ${fmt(c.bestRoundPerSecond)} | ${c.samples} |`
    )
  ]
  if (w.goals.length > 0) {
    lines.push("")
    for (const g of w.goals) {
      const value = g.minPerSecond !== undefined ? `${fmt(g.value)}/s` : `${g.value.toFixed(2)}×`
      lines.push(`- goal ${g.label}: **${g.met ? "met" : "missed"}** (${value})`)
    }
  }
  return lines.join("\n")
}

/** Markdown for a whole run. */
export const runMarkdown = (run: RunResults): string =>
  [
    `Run ${run.startedAt}, mode ${run.mode}, ${run.machine.cpus} × ${run.machine.cpuModel}, ${run.machine.totalMemoryGiB} GiB, node ${run.machine.node}.`,
    "",
    ...run.workloads.map((w) => `${workloadMarkdown(w)}\n`),
    ...run.skipped.map((s) => `- ${s.id}: skipped — ${s.reason}`)
  ].join("\n")

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  const file = process.argv[2] ?? path.join(here, "..", "results", "latest.json")
  process.stdout.write(`${runMarkdown(JSON.parse(fs.readFileSync(file, "utf8")) as RunResults)}\n`)
}
