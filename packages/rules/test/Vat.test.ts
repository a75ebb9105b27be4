import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, Vat } from "../src/index.js"

const facts: Vat.DwellingFacts = {
  firstOccupationYear: 2000,
  privateDwelling: true,
  finalConsumer: true,
  sameContractorSuppliesAndInstalls: true
}

const day = fc.integer({ min: 0, max: 7000 }).map((n) => Calendar.addDays("2010-01-01", n))
const kind = fc.constantFrom("pv-panels" as const, "home-battery" as const, "other" as const)

describe("Vat (WAL-2.4, D17)", () => {
  it("D17: 6% for a dwelling at least 10 calendar years old (first occupied 2015 → 6% from 2025-01-01), else 21%", () => {
    expect(Vat.expectedRate("pv-panels", { ...facts, firstOccupationYear: 2015 }, "2024-12-31")).toMatchObject({
      bp: 2_100
    })
    expect(Vat.expectedRate("pv-panels", { ...facts, firstOccupationYear: 2015 }, "2025-01-01")).toMatchObject({
      bp: 600
    })
  })

  it("D17: a condition the facts deny (not a private home, not the final consumer, not the same contractor) calls for 21%", () => {
    for (const c of ["privateDwelling", "finalConsumer", "sameContractorSuppliesAndInstalls"] as const) {
      expect(Vat.expectedRate("pv-panels", { ...facts, [c]: false }, "2023-01-01")).toMatchObject({ bp: 2_100 })
    }
  })

  it("D17 property: when the facts say a rate it is 6% or 21%; when they do not, the missing facts are named", () => {
    fc.assert(
      fc.property(
        kind,
        day,
        fc.option(fc.integer({ min: 1900, max: 2030 })),
        fc.option(fc.boolean()),
        fc.option(fc.boolean()),
        (k, on, year, privateDwelling, finalConsumer) => {
          const dwelling: Vat.DwellingFacts = {
            ...(year === null ? {} : { firstOccupationYear: year }),
            ...(privateDwelling === null ? {} : { privateDwelling }),
            ...(finalConsumer === null ? {} : { finalConsumer }),
            sameContractorSuppliesAndInstalls: true
          }
          const e = Vat.expectedRate(k, dwelling, on)
          if (e._tag === "Known") expect([600, 2_100]).toContain(e.bp)
          else {
            expect(e.missing.length).toBeGreaterThan(0)
            for (const m of e.missing) expect(dwelling[m as keyof Vat.DwellingFacts]).toBeUndefined()
          }
        }
      )
    )
  })

  it("D17 property: every rate other than 6% and 21% is flagged, with the expected rate when the facts say it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), kind, day, (vatBp, k, on) => {
        const r = Vat.check({
          decidingOn: on,
          decidingEvent: "invoice",
          dwelling: facts,
          lines: [{ label: "line", kind: k, vatBp }]
        })
        const [line] = r.value.lines
        const expected = Vat.expectedRate(k, facts, on)
        expect(line?.ok).toBe(expected._tag === "Known" && expected.bp === vatBp)
        expect(r.value.warnings.length > 0).toBe(!line?.ok)
        if (vatBp !== 600 && vatBp !== 2_100) expect(r.value.warnings[0]?.message).toContain("neither")
      })
    )
  })

  it("bad input and policy → InvalidInput naming the field", () => {
    const r = Decision.decodeInput(Vat.CheckInput)({
      decidingOn: "2025-04-20",
      decidingEvent: "signature",
      dwelling: {},
      lines: [{ label: "x", kind: "pv-panels", vatBp: 600 }]
    })
    expect(Result.isFailure(r) && r.failure.message.includes("decidingEvent")).toBe(true)
    const l = Decision.decodeInput(Vat.CheckInput)({
      decidingOn: "2025-04-20",
      decidingEvent: "invoice",
      dwelling: {},
      lines: [{ label: "x", kind: "pv-panels", vatBp: 10_001 }]
    })
    expect(Result.isFailure(l) && l.failure.message.includes("vatBp")).toBe(true)
  })
})
