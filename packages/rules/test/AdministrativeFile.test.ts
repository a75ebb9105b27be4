import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AdministrativeFile, Calendar, Decision } from "../src/index.js"
import { expectRolledLastDay } from "./support/rollOver.js"

const date = fc.oneof(
  fc.integer({ min: 0, max: 4000 }).map((n) => Calendar.addDays("2020-01-01", n)),
  fc.constantFrom("2024-02-14", "2024-02-29", "2023-02-14", "2024-12-20", "2025-01-31")
)

describe("AdministrativeFile", () => {
  it("WAL-5.8.2: within 15 calendar days of the inspection acceptance (2024-02-14 → 2024-02-29)", () => {
    expect(AdministrativeFile.deadline("2024-02-14").due).toBe("2024-02-29")
    expect(AdministrativeFile.deadline("2023-02-14").due).toBe("2023-03-01")
    const late = AdministrativeFile.decide({ acceptedOn: "2024-02-14", handedOverOn: "2024-03-01" })
    expect(late.reasons[0]).toMatchObject({ rule: "WAL-5.8.2", figures: { lastDay: "2024-02-29" } })
  })

  it("WAL-5.8.2/D14 property: the last valid day passes, the next day fails", () => {
    fc.assert(
      fc.property(date, (acceptedOn) => {
        const due = AdministrativeFile.deadline(acceptedOn).due
        expectRolledLastDay(Calendar.addDays(acceptedOn, 15), due)
        expect(Decision.isAccepted(AdministrativeFile.decide({ acceptedOn, handedOverOn: due }))).toBe(true)
        expect(
          Decision.isRefused(AdministrativeFile.decide({ acceptedOn, handedOverOn: Calendar.addDays(due, 1) }))
        ).toBe(true)
      })
    )
  })

  it("bad input → InvalidInput naming the field", () => {
    const r = Decision.decodeInput(AdministrativeFile.Input)({ acceptedOn: "2024-02-14", handedOverOn: "2024-13-01" })
    expect(Result.isFailure(r) && r.failure.message.includes("handedOverOn")).toBe(true)
  })
})
