import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Decision, PaymentSchedule } from "../src/index.js"

const bp = fc.integer({ min: 0, max: 10_000 })
const schedule = fc
  .record({ deposit: bp, siteOpening: bp, siteClosing: bp, acceptance: bp, administrativeFile: bp })
  .map(({ acceptance, administrativeFile, deposit, siteClosing, siteOpening }): PaymentSchedule.Schedule => ({
    deposit,
    afterPanels: { siteOpening, siteClosing },
    acceptance,
    administrativeFile
  }))
const policy = fc.constantFrom<PaymentSchedule.CapPolicy>("offer-template", "general-conditions", "both")
const percent = (n: number) => `${(n / 100).toFixed(2)}%`

describe("PaymentSchedule reasons", () => {
  it("D4/WAL-5.3 property: every breach names its clause, milestone, share and cap as a percentage with two decimals", () => {
    fc.assert(
      fc.property(schedule, policy, (s, p) => {
        const d = PaymentSchedule.validate(s, p)
        const sum =
          s.deposit + s.afterPanels.siteOpening + s.afterPanels.siteClosing + s.acceptance + s.administrativeFile
        if (Decision.isAccepted(d)) {
          expect(d.reasons.map((r) => r.message)).toEqual([`The schedule respects every cap of the "${p}" policy.`])
          return
        }
        for (const r of d.reasons) {
          if (r.rule === "WAL-5.3") {
            expect(r.message).toBe(`The schedule adds up to ${percent(sum)} of the total price incl. VAT, not 100.00%.`)
          } else {
            const { capBp, milestone, proposedBp } = r.figures as {
              capBp: number
              milestone: string
              proposedBp: number
            }
            expect(proposedBp).toBeGreaterThan(capBp)
            expect(r.message).toBe(
              `The ${milestone} payment of ${percent(proposedBp)} exceeds the ${percent(capBp)} cap of ${r.rule}.`
            )
          }
        }
      }),
      { numRuns: 2000 }
    )
  })
})
