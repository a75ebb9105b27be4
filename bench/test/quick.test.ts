/**
 * `pnpm bench --quick` end to end: every workload runs (small sizes) and produces figures. No
 * speed is asserted — CI only checks that the benchmarks still run.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { parseArgs, runAll } from "../src/main.js"
import { WORKLOADS } from "../src/Workloads.js"

describe("bench --quick", () => {
  it("parses the flags pnpm passes through (with or without a bare --)", () => {
    expect(parseArgs(["--", "--quick"]).mode).toBe("quick")
    expect(parseArgs(["--quick", "--only=rules,decoding"]).only).toEqual(["rules", "decoding"])
    expect(parseArgs([]).mode).toBe("full")
    expect(() => parseArgs(["--fast"])).toThrow(/unknown argument/)
  })

  it("runs every workload and every contender produces a throughput", async () => {
    // Its own PostgreSQL server, so that a `pnpm bench` running at the same time is not disturbed.
    process.env["SOLTRACE_BENCH_PG_PORT"] ??= "54359"
    process.env["SOLTRACE_BENCH_PG_DIR"] ??= path.join(os.tmpdir(), "soltrace-bench-test-pg")
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "soltrace-bench-")), "quick.json")
    const lines: Array<string> = []
    const run = await runAll({ mode: "quick", only: undefined, pg: true, out, write: true }, (line) => lines.push(line))

    // Every registered workload either ran or was skipped with a reason (PostgreSQL unavailable).
    for (const entry of WORKLOADS) {
      const skipped = run.skipped.find((s) => s.id === entry.id)
      if (skipped === undefined) {
        expect(
          run.workloads.some((w) => w.entry === entry.id),
          `${entry.id} produced no result`
        ).toBe(true)
      } else {
        expect(entry.needsPg, `${entry.id} skipped: ${skipped.reason}`).toBe(true)
      }
    }

    for (const workload of run.workloads) {
      expect(workload.contenders.length, workload.id).toBeGreaterThanOrEqual(2)
      expect(
        workload.contenders.some((c) => c.name === workload.reference),
        workload.id
      ).toBe(true)
      for (const c of workload.contenders) {
        expect(Number.isFinite(c.perSecond) && c.perSecond > 0, `${workload.id} / ${c.name}`).toBe(true)
        expect(Number.isFinite(c.ratio) && c.ratio > 0, `${workload.id} / ${c.name}`).toBe(true)
      }
    }
    // The JSON file is what was returned.
    const written = JSON.parse(fs.readFileSync(out, "utf8")) as typeof run
    expect(written.workloads.map((w) => w.id)).toEqual(run.workloads.map((w) => w.id))
    expect(lines.some((l) => l.includes("vs ref"))).toBe(true)
  })
})
