/**
 * The benchmark harness: every workload runs its contenders in the same process, on the same data,
 * in one run, measured with mitata, and reports throughput and the ratio to a reference.
 *
 * To resist the noise of a shared machine the contenders of a workload are measured in several
 * interleaved rounds (A, B, C, A, B, C…); the figure kept for a contender is the median time per
 * iteration over all its samples, and the spread (best and worst round medians) is reported too.
 */
import { measure } from "mitata"
import * as os from "node:os"

/** How a run is sized. */
export type Mode = "quick" | "full"

/** One way of doing the work of a workload. */
export interface Contender {
  readonly name: string
  /** Units of work done by one call of `run` (events, commands, decisions…). */
  readonly units: number
  /** One measured iteration. */
  readonly run: () => unknown
  /** Measured rounds of this contender (default: the workload's). Heavy contenders may use fewer. */
  readonly note?: string
}

/** A workload: contenders compared with a reference on the same data. */
export interface Workload {
  readonly id: string
  readonly title: string
  readonly unit: string
  /** Name of the contender that ratios are computed against. */
  readonly reference: string
  readonly contenders: ReadonlyArray<Contender>
  /** Goals, checked against the measured ratios (a goal of `null` ratio is informational). */
  readonly goals?: ReadonlyArray<Goal>
  /** Free-text parameters of the data (sizes…), printed and saved. */
  readonly params: Readonly<Record<string, string | number>>
  /** Measurement settings (defaults from the mode). */
  readonly settings?: Partial<Settings>
  /** Run once before the first round, untimed (e.g. `ANALYZE` the tables the contenders write). */
  readonly before?: (() => Promise<void>) | undefined
}

/** A goal: `contender` must reach `minRatio` × `against` (or `minPerSecond`). */
export interface Goal {
  readonly label: string
  readonly contender: string
  readonly against?: string | undefined
  readonly minRatio?: number | undefined
  readonly minPerSecond?: number | undefined
}

/** Measurement settings of one workload. */
export interface Settings {
  readonly rounds: number
  readonly minSamples: number
  readonly maxSamples: number
  /** Minimum measured time per contender per round, in milliseconds. */
  readonly minTimeMs: number
  readonly warmupSamples: number
}

/** Default settings per mode. */
export const defaultSettings = (mode: Mode): Settings =>
  mode === "quick"
    ? { rounds: 1, minSamples: 1, maxSamples: 3, minTimeMs: 5, warmupSamples: 0 }
    : { rounds: 3, minSamples: 3, maxSamples: 200, minTimeMs: 700, warmupSamples: 2 }

/** Measured figures of one contender. */
export interface ContenderResult {
  readonly name: string
  readonly units: number
  readonly samples: number
  /** Median nanoseconds per iteration. */
  readonly medianNs: number
  /** Units per second at the median. */
  readonly perSecond: number
  /** Units per second of the best and worst round (round medians). */
  readonly bestRoundPerSecond: number
  readonly worstRoundPerSecond: number
  /** Units per second of the fastest and slowest sample kept (mitata drops 2 at each end past 12). */
  readonly fastestSamplePerSecond: number
  readonly slowestSamplePerSecond: number
  /** perSecond / reference perSecond. */
  readonly ratio: number
  readonly note?: string | undefined
}

/** A checked goal. */
export interface GoalResult extends Goal {
  readonly value: number
  readonly met: boolean
}

/** The result of a workload. */
export interface WorkloadResult {
  readonly id: string
  /** The registered workload module that built it (set by `runAll`). */
  readonly entry?: string | undefined
  readonly mode: Mode
  readonly title: string
  readonly unit: string
  readonly reference: string
  readonly params: Readonly<Record<string, string | number>>
  readonly contenders: ReadonlyArray<ContenderResult>
  readonly goals: ReadonlyArray<GoalResult>
  readonly loadAverageBefore: ReadonlyArray<number>
  readonly loadAverageAfter: ReadonlyArray<number>
  readonly seconds: number
}

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

const round2 = (n: number): number => Math.round(n * 100) / 100

/** Measures every contender of a workload, in interleaved rounds. */
export const runWorkload = async (workload: Workload, mode: Mode): Promise<WorkloadResult> => {
  const settings: Settings = { ...defaultSettings(mode), ...workload.settings }
  if (workload.before !== undefined) await workload.before()
  const loadBefore = os.loadavg().map(round2)
  const started = performance.now()
  const samples = new Map<string, Array<number>>(workload.contenders.map((c) => [c.name, []]))
  const roundMedians = new Map<string, Array<number>>(workload.contenders.map((c) => [c.name, []]))
  for (let round = 0; round < settings.rounds; round++) {
    for (const contender of workload.contenders) {
      const stats = await measure(contender.run, {
        min_samples: settings.minSamples,
        max_samples: settings.maxSamples,
        min_cpu_time: settings.minTimeMs * 1e6,
        warmup_samples: settings.warmupSamples,
        warmup_threshold: settings.warmupSamples === 0 ? 0 : 50,
        batch_samples: 1,
        batch_threshold: 0,
        batch_unroll: 1,
        gc: false
      })
      samples.get(contender.name)!.push(...stats.samples)
      roundMedians.get(contender.name)!.push(stats.p50)
    }
  }
  const perSecond = (c: Contender, ns: number) => (c.units * 1e9) / ns
  const measured = workload.contenders.map((c) => {
    const all = samples.get(c.name)!
    const rounds = roundMedians.get(c.name)!
    const medianNs = median(all)
    return {
      name: c.name,
      units: c.units,
      samples: all.length,
      medianNs: Math.round(medianNs),
      perSecond: Math.round(perSecond(c, medianNs)),
      bestRoundPerSecond: Math.round(perSecond(c, Math.min(...rounds))),
      worstRoundPerSecond: Math.round(perSecond(c, Math.max(...rounds))),
      fastestSamplePerSecond: Math.round(perSecond(c, Math.min(...all))),
      slowestSamplePerSecond: Math.round(perSecond(c, Math.max(...all))),
      note: c.note
    }
  })
  const ref = measured.find((c) => c.name === workload.reference)
  if (ref === undefined) throw new Error(`workload ${workload.id}: no reference contender "${workload.reference}"`)
  const contenders: Array<ContenderResult> = measured.map((c) => ({
    ...c,
    ratio: Math.round((c.perSecond / ref.perSecond) * 1000) / 1000
  }))
  const byName = new Map(contenders.map((c) => [c.name, c]))
  const goals: Array<GoalResult> = (workload.goals ?? []).flatMap((goal) => {
    const c = byName.get(goal.contender)
    if (c === undefined) return []
    if (goal.minPerSecond !== undefined) {
      return [{ ...goal, value: c.perSecond, met: c.perSecond >= goal.minPerSecond }]
    }
    const against = byName.get(goal.against ?? workload.reference)
    if (against === undefined) return []
    const value = Math.round((c.perSecond / against.perSecond) * 1000) / 1000
    return [{ ...goal, value, met: value >= (goal.minRatio ?? 1) }]
  })
  return {
    id: workload.id,
    mode,
    title: workload.title,
    unit: workload.unit,
    reference: workload.reference,
    params: workload.params,
    contenders,
    goals,
    loadAverageBefore: loadBefore,
    loadAverageAfter: os.loadavg().map(round2),
    seconds: Math.round((performance.now() - started) / 10) / 100
  }
}

const fmtInt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : String(n))

const pad = (s: string, n: number, right = false): string => (right ? s.padStart(n) : s.padEnd(n))

/** A plain-text table of a workload's results. */
export const formatTable = (result: WorkloadResult): string => {
  const rows = result.contenders.map((c) => [
    c.name + (c.name === result.reference ? " (ref)" : ""),
    `${fmtInt(c.perSecond)} ${result.unit}/s`,
    `${c.ratio.toFixed(2)}×`,
    `${fmtInt(c.worstRoundPerSecond)}–${fmtInt(c.bestRoundPerSecond)}`,
    `${fmtInt(c.slowestSamplePerSecond)}–${fmtInt(c.fastestSamplePerSecond)}`,
    String(c.samples)
  ])
  const header = ["contender", "throughput (median)", "vs ref", "round range", "sample range", "n"]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: ReadonlyArray<string>) => r.map((cell, i) => pad(cell, widths[i]!, i > 0)).join("  ")
  const params = Object.entries(result.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ")
  const out = [
    `## ${result.title}  [${params}]  (${result.seconds}s, load ${result.loadAverageBefore[0]}→${result.loadAverageAfter[0]})`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line)
  ]
  if (result.mode === "quick" && result.goals.length > 0)
    out.push("(quick mode: tiny sizes, cold code — goals are not judged)")
  else
    for (const g of result.goals) {
      const value = g.minPerSecond !== undefined ? `${fmtInt(g.value)}/s` : `${g.value.toFixed(2)}×`
      out.push(`goal ${g.met ? "MET   " : "MISSED"} ${g.label}: ${value}`)
    }
  for (const c of result.contenders) if (c.note !== undefined) out.push(`note: ${c.name}: ${c.note}`)
  return out.join("\n")
}

/** What a run records about the machine. */
export const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${process.platform}-${process.arch}`
})

/** Thrown by a workload that cannot run here (a module not written yet…): reported, not fatal. */
export class Skip extends Error {}
