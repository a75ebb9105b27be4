/**
 * CI runs the reference scenarios here: each one, on the in-memory store and on PGlite, must reach
 * exactly its expected outcome (the figures of docs/domain/scenarios.md).
 */
import { Effect, Exit, Scope } from "effect"
import type { Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { InMemoryEventStore } from "@soltrace/core"
import type { EventStore } from "@soltrace/core"
import * as Cli from "../src/Cli.js"
import * as Print from "../src/Print.js"
import * as Run from "../src/Run.js"
import { scenarios, select } from "../src/scenarios/index.js"
import * as Stores from "../src/Stores.js"
import { compare } from "../src/Scenario.js"

const check = async (
  scenario: (typeof scenarios)[number],
  store: Layer.Layer<EventStore.EventStore, unknown>,
  suffix = ""
) => {
  const run = await Effect.runPromise(Run.run(scenario, store, suffix))
  // On failure, the printed timeline is the message: it shows where the story went wrong.
  expect(run.failure, Print.render(run)).toBeUndefined()
  expect(run.outcome, Print.render(run)).toEqual(scenario.expected)
  expect(run.ok).toBe(true)
}

describe("the scenarios", () => {
  it("cover S1–S8 of scenarios.md and at least five installer's-life scenarios", () => {
    const ids = scenarios.map((s) => s.id)
    expect(ids.filter((id) => id.startsWith("S"))).toEqual(["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"])
    expect(ids.filter((id) => id.startsWith("I")).length).toBeGreaterThanOrEqual(5)
    expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length)
  })

  it("each declares an expected outcome and the rule ids it exercises", () => {
    for (const s of scenarios) {
      expect(Object.keys(s.expected).length, s.id).toBeGreaterThan(0)
      expect(s.rules.length, s.id).toBeGreaterThan(0)
    }
  })

  it("select finds a scenario by id or name and rejects an unknown one", () => {
    expect(select(["s5"])).toEqual(scenarios.filter((s) => s.id === "S5"))
    expect(select(["delay-penalty"])).toEqual(scenarios.filter((s) => s.name === "delay-penalty"))
    expect(select(["S99"])).toBe('unknown scenario "S99"')
  })

  it("compare reports a differing, a missing and an unexpected figure", () => {
    expect(compare({ a: "€1.00", b: 2 }, { a: "€1.01", c: true })).toEqual([
      { key: "a", expected: "€1.00", actual: "€1.01" },
      { key: "b", expected: 2, actual: undefined },
      { key: "c", expected: undefined, actual: true }
    ])
  })
})

describe("the timeline and the verdict", () => {
  it("S2's printed timeline shows the commands, the events, the refusal's rule id and the deadline", async () => {
    const s2 = scenarios.find((s) => s.id === "S2")!
    const run = await Effect.runPromise(Run.run(s2, InMemoryEventStore.layer))
    const text = Print.render(run)
    expect(text).toContain("▶ claimLabourReimbursement")
    expect(text).toContain("● LabourReimbursementRefused  (system-S2-sys #9)")
    expect(text).toMatch(/ENP-L5 +The claim is more than 6 months after the intervention/)
    expect(text).toContain("⏱ by 2025-11-06")
    expect(text).toContain("S2: as expected")
    // Every event recorded on the store is in the timeline, in order.
    expect(run.timeline.eventTypes.slice(0, 2)).toEqual(["SystemRegistered", "DeviceInstalled"])
  })

  it("a scenario whose outcome differs is reported, figure by figure", async () => {
    const s8 = scenarios.find((s) => s.id === "S8")!
    const wrong = { ...s8, expected: { ...s8.expected, interest: "€4.89" } }
    const run = await Effect.runPromise(Run.run(wrong, InMemoryEventStore.layer))
    expect(run.ok).toBe(false)
    expect(run.mismatches).toEqual([{ key: "interest", expected: "€4.89", actual: "€4.88" }])
    expect(Print.render(run)).toContain("✘ interest         €4.88   (expected €4.89)")
    expect(Print.summary([run], "memory")).toContain("1 differ: S8")
  })

  it("a scenario that fails midway is reported with its cause", async () => {
    const broken = { ...scenarios[0]!, run: () => Effect.fail(new Error("store unreachable")) }
    const run = await Effect.runPromise(Run.run(broken, InMemoryEventStore.layer))
    expect(run.ok).toBe(false)
    expect(run.failure).toContain("store unreachable")
  })
})

describe("pnpm examples (the command line, in process)", () => {
  const cli = async (argv: ReadonlyArray<string>, catalogue = scenarios) => {
    let out = ""
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t) }
    const code = await Effect.runPromise(Cli.main(argv, io, catalogue))
    return { code, out }
  }

  it("runs one scenario by id (after pnpm's --) and exits 0 when it is as expected", async () => {
    const { code, out } = await cli(["--", "S7", "--quiet"])
    expect(out).toContain("1 scenario(s) on the in-memory store")
    expect(out).toContain("✔ S7")
    expect(code).toBe(0)
  })

  it("exits 1 when an outcome differs, and prints that scenario's timeline even with --quiet", async () => {
    const s8 = scenarios.find((s) => s.id === "S8")!
    const { code, out } = await cli(["--quiet"], [{ ...s8, expected: { ...s8.expected, lumpCharge: "€127.21" } }])
    expect(code).toBe(1)
    expect(out).toContain("S8: DIFFERS from the expected outcome")
  })

  it("exits 2 on an unknown scenario or store, 0 on --help", async () => {
    expect((await cli(["nope"])).code).toBe(2)
    expect((await cli(["--store", "mysql"])).code).toBe(2)
    const help = await cli(["--help"])
    expect(help.code).toBe(0)
    expect(help.out).toContain("--store pglite:DIR")
  })
})

describe("on the in-memory store", () => {
  it.each(scenarios.map((s) => [`${s.id} ${s.name} (${s.rules.join(", ")})`, s] as const))(
    "%s",
    async (_, scenario) => {
      await check(scenario, InMemoryEventStore.layer)
    }
  )
})

describe("on PGlite", () => {
  // One PGlite instance for the whole file (it takes seconds to start); each scenario's ids are
  // its own, so they share it as they would share a production database.
  const scope = Scope.makeUnsafe()
  let store: Layer.Layer<EventStore.EventStore, unknown> | undefined

  beforeAll(async () => {
    store = (await Effect.runPromise(Stores.open({ _tag: "pglite", dataDir: undefined }).pipe(Scope.provide(scope))))
      .perScenario
  })

  afterAll(() => Effect.runPromise(Scope.close(scope, Exit.void)))

  it.each(scenarios.map((s) => [`${s.id} ${s.name} (${s.rules.join(", ")})`, s] as const))(
    "%s",
    async (_, scenario) => {
      expect(store).toBeDefined()
      if (store !== undefined) await check(scenario, store, "-pglite")
    }
  )
})
