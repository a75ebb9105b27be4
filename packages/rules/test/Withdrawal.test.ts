import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, Withdrawal } from "../src/index.js"

const date = fc.oneof(
  fc.integer({ min: 0, max: 4000 }).map((n) => Calendar.addDays("2020-01-01", n)),
  fc.constantFrom(
    "2024-01-31",
    "2024-02-15",
    "2024-02-28",
    "2024-02-29",
    "2023-02-20",
    "2024-12-25",
    "2025-01-31",
    "2028-02-22"
  )
)

describe("Withdrawal", () => {
  it("WAL-4c: a contract concluded on the installer's premises has no right of withdrawal", () => {
    const d = Withdrawal.decide({ orderedOn: "2025-04-01", offPremises: false, sentOn: "2025-04-02" })
    expect(Decision.isRefused(d)).toBe(true)
    expect(d.reasons[0]?.rule).toBe("WAL-4c")
  })

  it("WAL-4c/D7/D14 property: for 7 and 14 days, sending on the last day passes and the next day fails", () => {
    fc.assert(
      fc.property(date, fc.constantFrom(7, 14, 30), (orderedOn, withdrawalDays) => {
        const policy = { withdrawalDays }
        const due = Withdrawal.deadline(orderedOn, policy).due
        expect(Calendar.daysBetween(orderedOn, due)).toBe(withdrawalDays)
        expect(Decision.isAccepted(Withdrawal.decide({ orderedOn, offPremises: true, sentOn: due }, policy))).toBe(true)
        expect(
          Decision.isRefused(
            Withdrawal.decide({ orderedOn, offPremises: true, sentOn: Calendar.addDays(due, 1) }, policy)
          )
        ).toBe(true)
      })
    )
  })

  it("D7: across February of a leap year, 14 days from 2024-02-20 is 2024-03-05", () => {
    expect(Withdrawal.deadline("2024-02-20").due).toBe("2024-03-05")
    expect(Withdrawal.deadline("2025-02-20").due).toBe("2025-03-06")
  })

  it("bad input: malformed dates and a policy below the clause's 7 days → InvalidInput naming the field", () => {
    const r = Decision.decodeInput(Withdrawal.Input)({
      orderedOn: "01/04/2025",
      offPremises: true,
      sentOn: "2025-04-02"
    })
    expect(Result.isFailure(r) && r.failure.message.includes("orderedOn")).toBe(true)
    const p = Decision.decodeInput(Withdrawal.PolicySchema, "policy")({ withdrawalDays: 3 })
    expect(Result.isFailure(p) && p.failure.message.includes("withdrawalDays")).toBe(true)
  })
})
