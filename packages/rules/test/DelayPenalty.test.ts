import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, DelayPenalty } from "../src/index.js"

const start = "2025-06-02"
const input = (over: Partial<DelayPenalty.Input> = {}): DelayPenalty.Input => ({
  startOfWorks: start,
  agreedEnd: "2025-06-30",
  badWeatherDays: [],
  completion: { _tag: "Completed", on: "2025-07-10" },
  priceExclCents: 5_000_000,
  ...over
})

describe("DelayPenalty", () => {
  it("WAL-5.7.2: €35 per day from the day after the end date; none when completed on the end date", () => {
    expect(
      DelayPenalty.penalty(input({ completion: { _tag: "Completed", on: "2025-06-30" } })).value.penalty.cents
    ).toBe(0)
    const r = DelayPenalty.penalty(input())
    expect(r.value.delayDays).toBe(10)
    expect(r.value.penalty).toEqual({ cents: 35_000, vat: "excl" })
    expect(r.reasons.at(-1)).toMatchObject({ rule: "WAL-5.7.2", figures: { delayDays: 10, penaltyCents: 35_000 } })
  })

  it("D11: bad weather before the works or during an unjustified delay excuses nothing; a chain of pushes counts", () => {
    const r = DelayPenalty.penalty(input({ badWeatherDays: ["2025-05-30", "2025-07-05"] }))
    expect(r.value.pushedEnd).toBe("2025-06-30")
    expect(r.value.badWeatherDaysCounted).toEqual([])
    // 30 June pushes to 1 July, so a bad-weather 1 July also counts, and so on
    const chain = DelayPenalty.penalty(input({ badWeatherDays: ["2025-07-02", "2025-07-01", "2025-06-30"] }))
    expect(chain.value.pushedEnd).toBe("2025-07-03")
  })

  it("WAL-5.6.1/WAL-5.9: a suspension pushes by its length; days already excused are not counted twice", () => {
    const r = DelayPenalty.penalty(
      input({
        badWeatherDays: ["2025-06-10"],
        suspensions: [{ rule: "WAL-5.9", from: "2025-06-09", to: "2025-06-13" }]
      })
    )
    // suspension 5 days (9..13) includes the bad-weather day 10 → 5 days in all
    expect(r.value.pushedEnd).toBe("2025-07-05")
    expect(r.value.suspendedDays).toBe(5)
    expect(r.value.delayDays).toBe(5)
    const before = DelayPenalty.penalty(
      input({ suspensions: [{ rule: "WAL-5.6.1", from: "2025-05-20", to: "2025-05-29" }] })
    )
    expect(before.value.pushedEnd).toBe("2025-07-10")
  })

  it("WAL-5.7.2: an unfinished site is evaluated at the evaluation date; the deadline names WAL-5.7.1", () => {
    const r = DelayPenalty.penalty(input({ completion: { _tag: "Unfinished", evaluatedOn: "2025-07-05" } }))
    expect(r.value.delayDays).toBe(5)
    expect(r.value.deadline).toEqual({ rule: "WAL-5.7.1", what: "complete the works", due: "2025-06-30" })
  })

  it("WAL-5.7.2: the cap never exceeds 10% of the price, even by half a cent (€1,234.55 → cap €123.45, not €123.46)", () => {
    // 10% of 123,455 cents is 12,345.5 cents: "ne pouvant excéder 10 %" leaves 12,345 at most.
    const r = DelayPenalty.penalty(input({ priceExclCents: 123_455 }))
    expect(r.value.uncappedCents).toBe(35_000)
    expect(r.value.capCents).toBe(12_345)
    expect(r.value.penalty).toEqual({ cents: 12_345, vat: "excl" })
    expect(r.reasons.at(-1)).toMatchObject({ rule: "WAL-5.7.2", figures: { capCents: 12_345, penaltyCents: 12_345 } })
  })

  const scenario = fc.record({
    agreedOffset: fc.integer({ min: 0, max: 120 }),
    weather: fc.array(fc.integer({ min: -10, max: 200 }), { maxLength: 15 }),
    price: fc.integer({ min: 0, max: 10_000_000 }),
    c1: fc.integer({ min: -10, max: 400 }),
    c2: fc.integer({ min: -10, max: 400 })
  })

  it("WAL-5.7.2/D11 property: the penalty never exceeds 10% of the price excl. VAT and never decreases as completion moves later", () => {
    fc.assert(
      fc.property(scenario, ({ agreedOffset, weather, price, c1, c2 }) => {
        const [a, b] = c1 <= c2 ? [c1, c2] : [c2, c1]
        const agreedEnd = Calendar.addDays(start, agreedOffset)
        const mk = (n: number) =>
          DelayPenalty.penalty({
            startOfWorks: start,
            agreedEnd,
            badWeatherDays: weather.map((w) => Calendar.addDays(start, w)),
            completion: { _tag: "Completed", on: Calendar.addDays(agreedEnd, n) },
            priceExclCents: price
          }).value
        const p1 = mk(a)
        const p2 = mk(b)
        // exact cap: penalty / price ≤ 10%, never above it by any fraction of a cent
        expect(p2.penalty.cents).toBeLessThanOrEqual(p2.capCents)
        expect(p2.penalty.cents * 10).toBeLessThanOrEqual(price)
        // and the cap is the largest whole cent within 10%
        expect((p2.capCents + 1) * 10).toBeGreaterThan(price)
        expect(p2.penalty.cents).toBeGreaterThanOrEqual(p1.penalty.cents)
        expect(p2.delayDays).toBeGreaterThanOrEqual(p1.delayDays)
      })
    )
  })

  it("D11 property: duplicates never change the pushed end", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 10 }), (days) => {
        const dates = days.map((d) => Calendar.addDays(start, d))
        const once = DelayPenalty.pushedEnd({ startOfWorks: start, agreedEnd: "2025-06-30", badWeatherDays: dates })
        const twice = DelayPenalty.pushedEnd({
          startOfWorks: start,
          agreedEnd: "2025-06-30",
          badWeatherDays: [...dates, ...dates]
        })
        expect(twice.end).toBe(once.end)
      })
    )
  })

  it("bad input: malformed dates and negative prices → InvalidInput naming the field", () => {
    const decode = Decision.decodeInput(DelayPenalty.Input)
    const r1 = decode({ ...input(), badWeatherDays: ["2025-06-31"] })
    expect(Result.isFailure(r1) && r1.failure.message.includes("badWeatherDays")).toBe(true)
    const r2 = decode({ ...input(), priceExclCents: -100 })
    expect(Result.isFailure(r2) && r2.failure.message.includes("priceExclCents")).toBe(true)
    const r3 = Decision.decodeInput(DelayPenalty.PolicySchema, "policy")({ perDayCents: -1, capBp: 1000 })
    expect(Result.isFailure(r3) && r3.failure.message.includes("perDayCents")).toBe(true)
  })
})
