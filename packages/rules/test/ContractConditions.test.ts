import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calendar, ContractConditions, Decision } from "../src/index.js"
import { expectRolledLastDay } from "./support/rollOver.js"

const date = fc.oneof(
  fc.integer({ min: 0, max: 4000 }).map((n) => Calendar.addDays("2020-01-01", n)),
  fc.constantFrom("2024-01-30", "2024-01-31", "2024-02-29", "2023-01-30", "2024-12-31", "2025-01-15")
)

describe("ContractConditions — offer validity", () => {
  it("WAL-2.3: 30 calendar days from signature (2024-01-30 → 2024-02-29); an order after is refused", () => {
    expect(ContractConditions.offerDeadline("2024-01-30").due).toBe("2024-02-29")
    const late = ContractConditions.offerValidity({ offerSignedOn: "2024-01-30", orderedOn: "2024-03-01" })
    expect(Decision.isRefused(late)).toBe(true)
    expect(late.reasons[0]).toMatchObject({ rule: "WAL-2.3", figures: { lastDay: "2024-02-29" } })
  })

  it("WAL-2.3/D14 property: ordering on the last valid day passes, the next day fails", () => {
    fc.assert(
      fc.property(date, (offerSignedOn) => {
        const due = ContractConditions.offerDeadline(offerSignedOn).due
        expectRolledLastDay(Calendar.addDays(offerSignedOn, 30), due)
        expect(Decision.isAccepted(ContractConditions.offerValidity({ offerSignedOn, orderedOn: due }))).toBe(true)
        expect(
          Decision.isRefused(ContractConditions.offerValidity({ offerSignedOn, orderedOn: Calendar.addDays(due, 1) }))
        ).toBe(true)
      })
    )
  })
})

describe("ContractConditions — loan condition", () => {
  it("D5/WAL-5.2.1/WAL-4a/D14: an agreed 30 days becomes 45, with a warning; 60 agreed stays 60; last days rolled over", () => {
    const d = ContractConditions.loanCondition({
      orderedOn: "2025-01-01",
      agreedDays: 30,
      outcome: { _tag: "Pending", evaluatedOn: "2025-02-10" }
    })
    expect(Decision.isAccepted(d) && d.value).toMatchObject({
      status: "pending",
      effectiveDays: 45,
      deadline: { due: "2025-02-17", rolledFrom: "2025-02-15" }
    })
    expect(
      d.reasons.some((r) => r.rule === "D5" && r.figures["agreedDays"] === 30 && r.figures["effectiveDays"] === 45)
    ).toBe(true)
    const short = ContractConditions.loanDeadline({ orderedOn: "2025-01-01", agreedDays: 20 })
    expect(short.warnings.map((w) => w.rule)).toEqual(["D5", "WAL-4a"])
    const longer = ContractConditions.loanDeadline({ orderedOn: "2025-01-01", agreedDays: 60 })
    expect(longer).toMatchObject({
      effectiveDays: 60,
      warnings: [],
      deadline: { due: "2025-03-03", rolledFrom: "2025-03-02" }
    })
  })

  it("WAL-5.2.1: obtained in time → final; refused with certificate → no effect; without certificate → still pending", () => {
    const base = { orderedOn: "2025-01-01" }
    const final = ContractConditions.loanCondition({ ...base, outcome: { _tag: "Obtained", on: "2025-02-01" } })
    expect(Decision.isAccepted(final) && final.value.status).toBe("final")
    expect(
      Decision.isRefused(
        ContractConditions.loanCondition({
          ...base,
          outcome: { _tag: "Refused", on: "2025-01-20", refusalCertificate: true }
        })
      )
    ).toBe(true)
    const noCert = ContractConditions.loanCondition({
      ...base,
      outcome: { _tag: "Refused", on: "2025-01-20", refusalCertificate: false }
    })
    expect(Decision.isAccepted(noCert) && noCert.value.status).toBe("pending")
  })

  it("WAL-5.2.1/D5/D14: a refusal without certificate reported after the period (Saturday 2025-02-15 → Monday 2025-02-17) does not keep the condition pending", () => {
    const base = { orderedOn: "2025-01-01" } // 45 days → 2025-02-15, a Saturday → last day Monday 2025-02-17
    const inPeriod = ContractConditions.loanCondition({
      ...base,
      outcome: { _tag: "Refused", on: "2025-02-17", refusalCertificate: false }
    })
    expect(Decision.isAccepted(inPeriod) && inPeriod.value.status).toBe("pending")
    const after = ContractConditions.loanCondition({
      ...base,
      outcome: { _tag: "Refused", on: "2025-02-18", refusalCertificate: false }
    })
    expect(Decision.isRefused(after)).toBe(true)
    expect(after.reasons[0]).toMatchObject({
      rule: "WAL-5.2.1",
      figures: { lastDay: "2025-02-17", rolledFrom: "2025-02-15" }
    })
    // D14 policy switch: without roll-over the Saturday stays the last day
    const noRoll = ContractConditions.loanDeadline(base, { minimumDays: 45, rollOver: false })
    expect(noRoll.deadline.due).toBe("2025-02-15")
  })

  it("WAL-5.2.1 (art. 1178): a condition the customer prevented is deemed fulfilled", () => {
    const d = ContractConditions.loanCondition({ orderedOn: "2025-01-01", outcome: { _tag: "PreventedByCustomer" } })
    expect(Decision.isAccepted(d) && d.value.status).toBe("deemed-fulfilled")
  })

  it("WAL-5.2.1/D5/D14 property: a loan obtained on the last day of the period passes, the next day fails", () => {
    fc.assert(
      fc.property(date, fc.option(fc.integer({ min: 0, max: 120 })), (orderedOn, agreed) => {
        const agreedDays = agreed ?? undefined
        const { deadline, effectiveDays } = ContractConditions.loanDeadline({ orderedOn, agreedDays })
        expect(effectiveDays).toBe(Math.max(45, agreedDays ?? 45))
        expectRolledLastDay(Calendar.addDays(orderedOn, effectiveDays), deadline.due)
        const at = (on: string) =>
          ContractConditions.loanCondition({ orderedOn, agreedDays, outcome: { _tag: "Obtained", on } })
        expect(Decision.isAccepted(at(deadline.due))).toBe(true)
        expect(Decision.isRefused(at(Calendar.addDays(deadline.due, 1)))).toBe(true)
        const pending = (evaluatedOn: string) =>
          ContractConditions.loanCondition({ orderedOn, agreedDays, outcome: { _tag: "Pending", evaluatedOn } })
        expect(Decision.isAccepted(pending(deadline.due))).toBe(true)
        expect(Decision.isRefused(pending(Calendar.addDays(deadline.due, 1)))).toBe(true)
      })
    )
  })
})

describe("ContractConditions — technical-studies condition", () => {
  it("WAL-4b/WAL-5.2.2: works ≥ 10% of the price (rental excluded, inspection included) → no effect", () => {
    // base = 1,000,000 − 100,000 rental + 20,000 inspection = 920,000 → threshold 92,000
    const input = {
      studiesNamedInSpecification: true,
      totalPriceCents: 1_000_000,
      rentalCents: 100_000,
      inspectionCostCents: 20_000
    }
    const at = ContractConditions.studiesCondition({ ...input, requiredWorksCents: 92_000 })
    expect(Decision.isRefused(at)).toBe(true)
    expect(at.reasons[0]).toMatchObject({ rule: "WAL-4b", figures: { baseCents: 920_000, thresholdCents: 92_000 } })
    // the order states the condition (WAL-4b), the general conditions give its effect (WAL-5.2.2): both cited
    expect(at.reasons.map((r) => r.rule)).toEqual(["WAL-4b", "WAL-5.2.2"])
    const below = ContractConditions.studiesCondition({ ...input, requiredWorksCents: 91_999 })
    expect(below.reasons.map((r) => r.rule)).toEqual(["WAL-4b", "WAL-5.2.2"])
    expect(Decision.isAccepted(ContractConditions.studiesCondition({ ...input, requiredWorksCents: 91_999 }))).toBe(
      true
    )
  })

  it("WAL-5.2.2/WAL-3.3: without prior studies named in the specification there is no such condition", () => {
    const d = ContractConditions.studiesCondition({
      studiesNamedInSpecification: false,
      totalPriceCents: 100,
      requiredWorksCents: 100
    })
    expect(Decision.isAccepted(d)).toBe(true)
  })

  it("WAL-4b property: the condition fails exactly when works × 10 ≥ base", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), (price, works) => {
        const d = ContractConditions.studiesCondition({
          studiesNamedInSpecification: true,
          totalPriceCents: price,
          requiredWorksCents: works
        })
        expect(Decision.isRefused(d)).toBe(works * 10 >= price)
      })
    )
  })

  it("bad input → InvalidInput naming the field", () => {
    const r = Decision.decodeInput(ContractConditions.LoanInput)({
      orderedOn: "2025-01-01",
      agreedDays: -3,
      outcome: { _tag: "PreventedByCustomer" }
    })
    expect(Result.isFailure(r) && r.failure.message.includes("agreedDays")).toBe(true)
    const s = Decision.decodeInput(ContractConditions.StudiesInput)({
      studiesNamedInSpecification: true,
      totalPriceCents: 10,
      requiredWorksCents: 1.5
    })
    expect(Result.isFailure(s) && s.failure.message.includes("requiredWorksCents")).toBe(true)
  })
})
