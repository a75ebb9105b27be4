import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Decision, PaymentSchedule } from "../src/index.js"

const policies: ReadonlyArray<PaymentSchedule.CapPolicy> = ["general-conditions", "offer-template", "both"]
const total = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }))

const parts = (a: PaymentSchedule.Amounts) => [
  a.deposit,
  a.siteOpening,
  a.siteClosing,
  a.acceptance,
  a.administrativeFile
]
const centsOf = (a: PaymentSchedule.Amounts, m: PaymentSchedule.Cap["milestone"]): number =>
  m === "deposit"
    ? a.deposit.cents
    : m === "afterPanels"
      ? a.afterPanels.cents
      : m === "afterPanels.siteOpening"
        ? a.siteOpening.cents
        : m === "afterPanels.siteClosing"
          ? a.siteClosing.cents
          : a.acceptance.cents

describe("PaymentSchedule", () => {
  it("D4: the caps are per milestone — the built schedules for each policy", () => {
    expect(PaymentSchedule.build(10_000, "offer-template").schedule).toEqual({
      deposit: 2000,
      afterPanels: { siteOpening: 2000, siteClosing: 3000 },
      acceptance: 2000,
      administrativeFile: 1000
    })
    expect(PaymentSchedule.build(10_000, "general-conditions").schedule).toEqual({
      deposit: 3000,
      afterPanels: { siteOpening: 2000, siteClosing: 0 },
      acceptance: 4000,
      administrativeFile: 1000
    })
    expect(PaymentSchedule.build(10_000, "both").schedule).toEqual({
      deposit: 2000,
      afterPanels: { siteOpening: 2000, siteClosing: 0 },
      acceptance: 2000,
      administrativeFile: 4000
    })
  })

  it("WAL-2.4.3: site opening above 20% or site closing above 30% breaks the offer template's split", () => {
    const s: PaymentSchedule.Schedule = {
      deposit: 1000,
      afterPanels: { siteOpening: 2500, siteClosing: 2500 },
      acceptance: 2000,
      administrativeFile: 2000
    }
    const d = PaymentSchedule.validate(s, "offer-template")
    expect(Decision.isRefused(d)).toBe(true)
    expect(d.reasons.map((r) => [r.rule, r.figures["milestone"]])).toEqual([["WAL-2.4.3", "afterPanels.siteOpening"]])
  })

  it("WAL-5.4.1: 'after panels' is capped at 20% in total under the general conditions; every breach of both clauses is named under \"both\"", () => {
    const s: PaymentSchedule.Schedule = {
      deposit: 2000,
      afterPanels: { siteOpening: 2000, siteClosing: 3000 },
      acceptance: 2000,
      administrativeFile: 1000
    }
    expect(Decision.isAccepted(PaymentSchedule.validate(s, "offer-template"))).toBe(true)
    const gc = PaymentSchedule.validate(s, "general-conditions")
    expect(
      gc.reasons.map((r) => [r.rule, r.figures["milestone"], r.figures["proposedBp"], r.figures["capBp"]])
    ).toEqual([["WAL-5.4.1", "afterPanels", 5000, 2000]])
    const acc: PaymentSchedule.Schedule = {
      deposit: 2500,
      afterPanels: { siteOpening: 0, siteClosing: 0 },
      acceptance: 4500,
      administrativeFile: 3000
    }
    const both = PaymentSchedule.validate(acc, "both")
    expect(both.reasons.map((r) => `${r.rule}:${r.figures["milestone"]}`)).toEqual([
      "WAL-2.4.3:deposit",
      "WAL-2.4.3:acceptance",
      "WAL-5.4.1:acceptance"
    ])
  })

  it("WAL-5.3: a schedule that does not add up to 100% is refused", () => {
    const s: PaymentSchedule.Schedule = {
      deposit: 1000,
      afterPanels: { siteOpening: 1000, siteClosing: 0 },
      acceptance: 1000,
      administrativeFile: 1000
    }
    const d = PaymentSchedule.validate(s)
    expect(d.reasons[0]).toMatchObject({ rule: "WAL-5.3", figures: { sumBp: 4000 } })
  })

  it("D10: odd totals — capped milestones are rounded down, the balance takes the rest", () => {
    const a = PaymentSchedule.build(1_001, "both").amounts
    expect([a.deposit.cents, a.siteOpening.cents, a.acceptance.cents, a.administrativeFile.cents]).toEqual([
      200, 200, 200, 401
    ])
  })

  it("D10/D4 property: for every policy and total, parts add up exactly and every cap holds to the cent", () => {
    fc.assert(
      fc.property(total, fc.constantFrom(...policies), (t, policy) => {
        const built = PaymentSchedule.build(t, policy)
        expect(parts(built.amounts).reduce((s, p) => s + p.cents, 0)).toBe(t)
        expect(parts(built.amounts).every((p) => p.cents >= 0 && p.vat === "incl")).toBe(true)
        expect(Decision.isAccepted(PaymentSchedule.validate(built.schedule, policy))).toBe(true)
        for (const cap of PaymentSchedule.capsOf(policy)) {
          // exact: amount / total ≤ cap / 10000
          expect(BigInt(centsOf(built.amounts, cap.milestone)) * 10_000n <= BigInt(t) * BigInt(cap.capBp)).toBe(true)
        }
      })
    )
  })

  it('D4 property: any schedule accepted under "both" is accepted under each table, and amounts add up', () => {
    const bp = fc.integer({ min: 0, max: 5000 })
    fc.assert(
      fc.property(bp, bp, bp, bp, total, (d, o, c, a, t) => {
        const rest = 10_000 - d - o - c - a
        fc.pre(rest >= 0)
        const s: PaymentSchedule.Schedule = {
          deposit: d,
          afterPanels: { siteOpening: o, siteClosing: c },
          acceptance: a,
          administrativeFile: rest
        }
        const both = Decision.isAccepted(PaymentSchedule.validate(s, "both"))
        const each =
          Decision.isAccepted(PaymentSchedule.validate(s, "offer-template")) &&
          Decision.isAccepted(PaymentSchedule.validate(s, "general-conditions"))
        expect(both).toBe(each)
        expect(parts(PaymentSchedule.amounts(s, t)).reduce((x, p) => x + p.cents, 0)).toBe(t)
      })
    )
  })

  it("bad input: unknown policy names, negative or fractional shares → InvalidInput naming the field", () => {
    const decode = Decision.decodeInput(PaymentSchedule.ValidateInput)
    const unknownPolicy = decode({
      schedule: {
        deposit: 2000,
        afterPanels: { siteOpening: 2000, siteClosing: 0 },
        acceptance: 2000,
        administrativeFile: 4000
      },
      policy: "cheapest"
    })
    expect(Result.isFailure(unknownPolicy)).toBe(true)
    if (Result.isFailure(unknownPolicy)) expect(unknownPolicy.failure.message).toContain("policy")
    const negative = decode({
      schedule: {
        deposit: -1,
        afterPanels: { siteOpening: 2000, siteClosing: 0 },
        acceptance: 2000,
        administrativeFile: 4000
      },
      policy: "both"
    })
    expect(Result.isFailure(negative) && negative.failure.message.includes("deposit")).toBe(true)
    const build = Decision.decodeInput(PaymentSchedule.BuildInput)({ totalInclCents: -5, policy: "both" })
    expect(Result.isFailure(build) && build.failure.message.includes("totalInclCents")).toBe(true)
  })
})
