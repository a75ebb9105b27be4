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

  it("WAL-5.6.1/WAL-5.9/D11: a suspension pushes by its length; days already excused are not counted twice; days before the agreed start delay nothing", () => {
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
    // D11 (revised): a suspension before the agreed start delays nothing
    expect(before.value.pushedEnd).toBe("2025-06-30")
  })

  it("WAL-5.7.2: an unfinished site is evaluated at the evaluation date; the deadline names WAL-5.7.1", () => {
    const r = DelayPenalty.penalty(input({ completion: { _tag: "Unfinished", evaluatedOn: "2025-07-05" } }))
    expect(r.value.delayDays).toBe(5)
    // a date fixed by the parties: never rolled over (D14), even when 2025-06-29 would be a Sunday
    expect(r.value.deadline).toEqual({
      rule: "WAL-5.7.1",
      what: "complete the works",
      party: "installer",
      kind: "obligation",
      due: "2025-06-30"
    })
    expect(DelayPenalty.penalty(input({ agreedEnd: "2025-06-29" })).value.deadline.due).toBe("2025-06-29")
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

  it("D11 (issue 15): agreed start 06-02, bad weather 06-02 and 06-03, started 06-04 → the start is pushed to 06-04, on time, and the end by two days: no €70", () => {
    const r = DelayPenalty.penalty(
      input({
        agreedStart: "2025-06-02",
        startedOn: "2025-06-04",
        badWeatherDays: ["2025-06-03", "2025-06-02"],
        completion: { _tag: "Completed", on: "2025-07-02" }
      })
    )
    expect(r.value).toMatchObject({
      pushedStart: "2025-06-04",
      lateStart: false,
      pushedEnd: "2025-07-02",
      delayDays: 0
    })
    expect(r.value.penalty.cents).toBe(0)
    // started a day later: a late start (WAL-2.5, WAL-5.14.4)
    const late = DelayPenalty.dates({
      ...input(),
      agreedStart: "2025-06-02",
      startedOn: "2025-06-05",
      badWeatherDays: ["2025-06-02", "2025-06-03"]
    })
    expect(late.lateStart).toBe(true)
    expect(late.reasons.some((x) => x.rule === "WAL-5.14.4")).toBe(true)
  })

  it("D11: after the works have started, bad weather pushes only the end; before, only days on or before the pushed start push the start", () => {
    const d = DelayPenalty.dates({
      ...input(),
      agreedStart: "2025-06-02",
      startedOn: "2025-06-02",
      badWeatherDays: ["2025-06-02", "2025-06-10"]
    })
    // 06-02 is the start day itself: the works had started, so only the end moves
    expect(d).toMatchObject({ pushedStart: "2025-06-02", end: "2025-07-02" })
    const notYet = DelayPenalty.dates({
      ...input(),
      agreedStart: "2025-06-02",
      badWeatherDays: ["2025-06-02", "2025-06-10"]
    })
    expect(notYet).toMatchObject({ pushedStart: "2025-06-03", end: "2025-07-02" })
  })

  it("D11: only working days count by default — a Saturday, a Sunday or Whit Monday (2025-06-09) is no bad-weather day; calendar days by policy", () => {
    const days = ["2025-06-07", "2025-06-08", "2025-06-09", "2025-06-10"]
    const r = DelayPenalty.penalty(input({ badWeatherDays: days }))
    expect(r.value.badWeatherDaysCounted).toEqual(["2025-06-10"])
    expect(r.value.pushedEnd).toBe("2025-07-01")
    const cal = DelayPenalty.penalty(input({ badWeatherDays: days }), {
      ...DelayPenalty.defaultPolicy,
      countDays: "calendar-days"
    })
    expect(cal.value.pushedEnd).toBe("2025-07-04")
  })

  it("D11/WAL-5.4.3: a customer who gives no access, electricity or information suspends the dates — before the start it pushes both", () => {
    const d = DelayPenalty.dates({
      ...input(),
      agreedStart: "2025-06-02",
      badWeatherDays: [],
      suspensions: [{ rule: "WAL-5.4.3", from: "2025-05-30", to: "2025-06-04" }]
    })
    // 05-30 and 05-31, 06-01 are before the agreed start: only 06-02 … 06-04 (3 days) count
    expect(d).toMatchObject({ pushedStart: "2025-06-05", end: "2025-07-03", suspendedDays: 3 })
    expect(d.reasons.some((x) => x.rule === "WAL-5.4.3")).toBe(true)
  })

  it("D10/WAL-5.7.2: the penalty is computed on the price excl. VAT and owed outside VAT", () => {
    expect(DelayPenalty.penalty(input()).value.owed).toEqual({ cents: 35_000, basis: "outside" })
  })

  const facts = fc.record({
    startOffset: fc.integer({ min: 0, max: 20 }),
    length: fc.integer({ min: 0, max: 40 }),
    startedAfter: fc.option(fc.integer({ min: 0, max: 30 })),
    weather: fc.array(fc.integer({ min: -5, max: 80 }), { maxLength: 12 }),
    suspensions: fc.array(
      fc.record({
        rule: fc.constantFrom("WAL-5.6.1" as const, "WAL-5.6.2" as const, "WAL-5.9" as const, "WAL-5.4.3" as const),
        from: fc.integer({ min: -5, max: 80 }),
        length: fc.integer({ min: 0, max: 6 })
      }),
      { maxLength: 4 }
    ),
    done: fc.integer({ min: 0, max: 150 }),
    calendarDays: fc.boolean()
  })
  const build = (f: typeof facts extends fc.Arbitrary<infer T> ? T : never): DelayPenalty.Input => {
    const agreedStart = Calendar.addDays("2025-03-03", f.startOffset)
    const at = (n: number) => Calendar.addDays(agreedStart, n)
    return {
      startOfWorks: agreedStart,
      agreedStart,
      ...(f.startedAfter === null ? {} : { startedOn: at(f.startedAfter) }),
      agreedEnd: at(f.length),
      badWeatherDays: f.weather.map(at),
      suspensions: f.suspensions.map((s) => ({ rule: s.rule, from: at(s.from), to: at(s.from + s.length) })),
      completion: { _tag: "Completed", on: at(f.done) },
      priceExclCents: 2_000_000
    }
  }

  it("D11 property: the pushed start is never after the pushed end", () => {
    fc.assert(
      fc.property(facts, (f) => {
        const d = DelayPenalty.dates(build(f), {
          ...DelayPenalty.defaultPolicy,
          countDays: f.calendarDays ? "calendar-days" : "working-days"
        })
        expect(d.pushedStart <= d.end).toBe(true)
        expect(d.pushedStart >= d.agreedStart).toBe(true)
      })
    )
  })

  it("D11 property: facts in any order (and recorded twice) give the same figures", () => {
    fc.assert(
      fc.property(facts, fc.integer(), (f, seed) => {
        const i = build(f)
        const shuffle = <A>(xs: ReadonlyArray<A>): Array<A> =>
          xs
            .map((x, k) => ({ x, key: (Math.imul(k + 1, seed | 1) >>> 0) % 9973 }))
            .sort((a, b) => a.key - b.key)
            .map((e) => e.x)
        const j: DelayPenalty.Input = {
          ...i,
          badWeatherDays: shuffle([...i.badWeatherDays, ...i.badWeatherDays.slice(0, 2)]),
          suspensions: shuffle(i.suspensions ?? [])
        }
        const a = DelayPenalty.penalty(i).value
        const b = DelayPenalty.penalty(j).value
        expect([b.pushedStart, b.pushedEnd, b.delayDays, b.penalty.cents, b.lateStart]).toEqual([
          a.pushedStart,
          a.pushedEnd,
          a.delayDays,
          a.penalty.cents,
          a.lateStart
        ])
      })
    )
  })
})
