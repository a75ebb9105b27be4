import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, ProductionGuarantee } from "../src/index.js"
import { expectRolledLastDay } from "./support/rollOver.js"

const date = fc.oneof(
  fc.integer({ min: 0, max: 4000 }).map((n) => Calendar.addDays("2020-01-01", n)),
  fc.constantFrom("2024-02-09", "2024-02-29", "2024-01-15", "2023-12-31", "2025-01-31")
)

const annual = (from: string, to: string, expectedWh: number, actualWh: number) =>
  ProductionGuarantee.liability({
    measurement: { test: "annual", from, to, expectedWh, actualWh },
    exonerations: [],
    reportedOn: "2025-07-01"
  })

describe("ProductionGuarantee", () => {
  it("WAL-5.13: after a full year, at least 10% below → liable; 9.99% below → not", () => {
    expect(Decision.isAccepted(annual("2024-06-01", "2025-05-31", 5_000_000, 4_500_000))).toBe(true)
    expect(Decision.isRefused(annual("2024-06-01", "2025-05-31", 5_000_000, 4_500_001))).toBe(true)
    // one day short of a year
    const short = annual("2024-06-01", "2025-05-30", 5_000_000, 1_000_000)
    expect(short.reasons[0]).toMatchObject({ rule: "WAL-5.13", figures: { days: 364 } })
  })

  it("WAL-5.13: over 45 calendar days, more than 25% below → liable; exactly 25% → not", () => {
    const m = (actualWh: number, to = "2025-05-15") =>
      ProductionGuarantee.liability({
        measurement: { test: "45-days", from: "2025-04-01", to, expectedWh: 800_000, actualWh },
        exonerations: [],
        reportedOn: "2025-05-16"
      })
    expect(Decision.isAccepted(m(599_999))).toBe(true)
    expect(Decision.isRefused(m(600_000))).toBe(true)
    expect(Decision.isRefused(m(0, "2025-05-14"))).toBe(true)
    const ok = m(100_000)
    expect(Decision.isAccepted(ok) && ok.value.opinionDeadline.due).toBe("2025-06-05")
  })

  it("WAL-5.13: the installer is not liable when it shows the shortfall is not its doing", () => {
    const d = ProductionGuarantee.liability({
      measurement: { test: "annual", from: "2024-06-01", to: "2025-05-31", expectedWh: 5_000_000, actualWh: 3_000_000 },
      exonerations: ["new-shading"],
      reportedOn: "2025-06-01"
    })
    expect(Decision.isRefused(d)).toBe(true)
    expect(d.reasons[0]?.figures["exonerations"]).toBe("new-shading")
  })

  it("WAL-5.13: the opinion may be charged only outside the warranties and when the customer was told in advance", () => {
    const op = (solutionsWithinWarranty: boolean, customerToldOfChargeInAdvance: boolean) => {
      const d = ProductionGuarantee.opinion({
        reportedOn: "2025-06-01",
        deliveredOn: "2025-06-10",
        solutionsWithinWarranty,
        customerToldOfChargeInAdvance
      })
      return Decision.isAccepted(d) ? d.value.chargeable : undefined
    }
    expect(op(false, true)).toBe(true)
    expect(op(false, false)).toBe(false)
    expect(op(true, true)).toBe(false)
  })

  it("WAL-5.13/D14 property: technical opinion — 20 days; the last valid day passes, the next day fails", () => {
    fc.assert(
      fc.property(date, (reportedOn) => {
        const due = ProductionGuarantee.opinionDeadline(reportedOn).due
        expectRolledLastDay(Calendar.addDays(reportedOn, 20), due)
        const at = (deliveredOn: string) =>
          ProductionGuarantee.opinion({
            reportedOn,
            deliveredOn,
            solutionsWithinWarranty: true,
            customerToldOfChargeInAdvance: false
          })
        expect(Decision.isAccepted(at(due))).toBe(true)
        expect(Decision.isRefused(at(Calendar.addDays(due, 1)))).toBe(true)
      })
    )
  })

  it("WAL-5.13/D14 property: repairs — 45 days from the customer's agreement; the last valid day passes, the next day fails", () => {
    fc.assert(
      fc.property(date, (customerAgreedOn) => {
        const due = ProductionGuarantee.repairsDeadline(customerAgreedOn).due
        expectRolledLastDay(Calendar.addDays(customerAgreedOn, 45), due)
        expect(Decision.isAccepted(ProductionGuarantee.repairs({ customerAgreedOn, repairedOn: due }))).toBe(true)
        expect(
          Decision.isRefused(ProductionGuarantee.repairs({ customerAgreedOn, repairedOn: Calendar.addDays(due, 1) }))
        ).toBe(true)
      })
    )
  })

  it("bad input → InvalidInput naming the field", () => {
    const r = Decision.decodeInput(ProductionGuarantee.LiabilityInput)({
      measurement: { test: "annual", from: "2024-06-01", to: "2025-05-31", expectedWh: 5_000_000, actualWh: -1 },
      exonerations: ["clouds"],
      reportedOn: "2025-06-01"
    })
    expect(
      Result.isFailure(r) && r.failure.message.includes("actualWh") && r.failure.message.includes("exonerations")
    ).toBe(true)
  })
})
