import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, Inspection } from "../src/index.js"
import { expectRolledLastDay } from "./support/rollOver.js"

const date = fc.oneof(
  fc.integer({ min: 0, max: 4000 }).map((n) => Calendar.addDays("2020-01-01", n)),
  fc.constantFrom("2024-01-15", "2024-01-31", "2024-02-29", "2023-01-15", "2024-11-30", "2025-12-31")
)

describe("Inspection", () => {
  it("WAL-5.8.1/WAL-2.2: when the installer arranges the inspection (an offer option) the customer has no 45-day limit", () => {
    const d = Inspection.inspection({
      worksEndedOn: "2025-01-10",
      arrangedByInstaller: true,
      inspectedOn: "2025-12-01"
    })
    expect(Decision.isAccepted(d)).toBe(true)
    expect(d.reasons[0]?.rule).toBe("WAL-5.8.1")
  })

  it("WAL-5.8.1: 45 days across a leap February (2024-01-15 → 2024-02-29), and the refusal names the rule", () => {
    expect(Inspection.inspectionDeadline("2024-01-15").due).toBe("2024-02-29")
    const late = Inspection.inspection({
      worksEndedOn: "2024-01-15",
      arrangedByInstaller: false,
      inspectedOn: "2024-03-01"
    })
    expect(late.reasons[0]).toMatchObject({ rule: "WAL-5.8.1", figures: { lastDay: "2024-02-29" } })
  })

  it("WAL-5.8.1/D14 property: inspection deadline — the last valid day passes, the next day fails", () => {
    fc.assert(
      fc.property(date, (worksEndedOn) => {
        const due = Inspection.inspectionDeadline(worksEndedOn).due
        expectRolledLastDay(Calendar.addDays(worksEndedOn, 45), due)
        expect(
          Decision.isAccepted(Inspection.inspection({ worksEndedOn, arrangedByInstaller: false, inspectedOn: due }))
        ).toBe(true)
        expect(
          Decision.isRefused(
            Inspection.inspection({ worksEndedOn, arrangedByInstaller: false, inspectedOn: Calendar.addDays(due, 1) })
          )
        ).toBe(true)
      })
    )
  })

  it("WAL-5.8.1/D14 property: conformity fix — 30 days from the refusal notice, at the installer's cost", () => {
    fc.assert(
      fc.property(date, (refusalNotifiedOn) => {
        const due = Inspection.conformityDeadline(refusalNotifiedOn).due
        expectRolledLastDay(Calendar.addDays(refusalNotifiedOn, 30), due)
        const ok = Inspection.conformityFix({ refusalNotifiedOn, fixedOn: due })
        expect(Decision.isAccepted(ok) && ok.value.costsBorneBy).toBe("installer")
        expect(
          Decision.isRefused(Inspection.conformityFix({ refusalNotifiedOn, fixedOn: Calendar.addDays(due, 1) }))
        ).toBe(true)
      })
    )
  })

  it("bad input → InvalidInput naming the field", () => {
    const r = Decision.decodeInput(Inspection.ConformityFixInput)({
      refusalNotifiedOn: "2025-02-29",
      fixedOn: "2025-03-01"
    })
    expect(Result.isFailure(r) && r.failure.message.includes("refusalNotifiedOn")).toBe(true)
  })
})
