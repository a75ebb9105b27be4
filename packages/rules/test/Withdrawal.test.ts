import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, Holidays, Withdrawal } from "../src/index.js"
import { expectRolledLastDay } from "./support/rollOver.js"

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
    "2028-02-22",
    "2025-04-07"
  )
)

const facts = (over: Partial<Withdrawal.Facts> = {}): Withdrawal.Facts => ({
  concludedBy: "off-premises",
  orderedOn: "2025-04-01",
  withdrawalInformation: "legal",
  goodsDeliveredOn: "2025-05-12",
  ...over
})

const withdraw = (sentOn: string, over: Partial<Withdrawal.Input> = {}, policy?: Withdrawal.Policy) =>
  Withdrawal.withdraw({ ...facts(), sentOn, ...over }, policy)

describe("Withdrawal (D7)", () => {
  it("WAL-4c/D7: a contract concluded on the installer's premises has no right of withdrawal; off premises and at a distance do", () => {
    const d = withdraw("2025-04-02", { concludedBy: "on-premises" })
    expect(Decision.isRefused(d)).toBe(true)
    expect(d.reasons.map((r) => r.rule)).toEqual(["WAL-4c", "D7"])
    expect(Decision.isAccepted(withdraw("2025-04-02", { concludedBy: "distance" }))).toBe(true)
    expect(Decision.isAccepted(withdraw("2025-04-02", { concludedBy: "off-premises" }))).toBe(true)
  })

  it("D7: until the goods are delivered the right stays open — a notice any time after the order is valid", () => {
    const open = Withdrawal.period(facts({ goodsDeliveredOn: undefined }))
    expect(open._tag).toBe("Open")
    const late = withdraw("2025-09-30", { goodsDeliveredOn: undefined })
    expect(Decision.isAccepted(late) && late.value.deadline).toBeUndefined()
    expect(Decision.isRefused(withdraw("2025-03-31"))).toBe(true) // before the order
  })

  it("D7: the right is not lost when the installation is completed (completion before the last day changes nothing)", () => {
    expect(Decision.isAccepted(withdraw("2025-05-26", { completedOn: "2025-05-20" }))).toBe(true)
  })

  it("D7/WAL-4c: a signed waiver of the right is void and the decision says so", () => {
    const d = withdraw("2025-05-20", { waived: true })
    expect(Decision.isAccepted(d)).toBe(true)
    expect(d.reasons.some((r) => r.rule === "WAL-4c" && r.message.includes("void"))).toBe(true)
  })

  it('D7/D14: "completion" counts from the completion of the installation, and the last day rolls off Easter Monday', () => {
    const policy = { ...Withdrawal.defaultPolicy, withdrawalStart: "completion" as const }
    // completed 2025-04-07 + 14 = Easter Monday 2025-04-21 → Tuesday 2025-04-22
    const p = Withdrawal.period(facts({ completedOn: "2025-04-07" }), policy)
    expect(p._tag === "Running" && p.deadline).toMatchObject({ due: "2025-04-22", rolledFrom: "2025-04-21" })
    expect(p._tag === "Running" && p.deadline.because).toContain("Easter Monday")
    // without roll-over the holiday stays the last day
    const flat = Withdrawal.period(facts({ completedOn: "2025-04-07" }), { ...policy, rollOver: false })
    expect(flat._tag === "Running" && flat.deadline.due).toBe("2025-04-21")
  })

  it("D7: legal information given late, within the 12 months, ends the period 14 days after the customer receives it", () => {
    const p = Withdrawal.period(facts({ withdrawalInformation: "none", legalInformationReceivedOn: "2025-09-01" }))
    // 2025-09-01 + 14 = Monday 2025-09-15
    expect(p._tag === "Running" && p.deadline.due).toBe("2025-09-15")
    expect(
      Decision.isRefused(
        withdraw("2025-09-16", { withdrawalInformation: "none", legalInformationReceivedOn: "2025-09-01" })
      )
    ).toBe(true)
  })

  it("D7/D14: the refund is owed within 14 days of the notice's receipt (or sending), rolled over; it may wait for the goods' collection", () => {
    // received Friday 2025-05-23 + 14 = Friday 2025-06-06
    const d = withdraw("2025-05-20", { receivedOn: "2025-05-23" })
    expect(Decision.isAccepted(d) && d.value.refund).toMatchObject({
      rule: "D7",
      party: "installer",
      kind: "obligation",
      due: "2025-06-06"
    })
    expect(Decision.isAccepted(d) && d.value.refundMayAwaitCollection).toBe(true)
    // sent Sunday 2025-05-25 (receipt unknown) + 14 = Sunday 2025-06-08 → Whit Monday 2025-06-09 is a holiday → Tuesday 2025-06-10
    const sent = withdraw("2025-05-25")
    expect(Decision.isAccepted(sent) && sent.value.refund).toMatchObject({
      due: "2025-06-10",
      rolledFrom: "2025-06-08"
    })
    // the goods collected after the 14 days: the refund is owed on the collection day
    const collected = withdraw("2025-05-20", { receivedOn: "2025-05-23", goodsCollectedOn: "2025-06-20" })
    expect(Decision.isAccepted(collected) && collected.value).toMatchObject({
      refund: { due: "2025-06-20" },
      refundMayAwaitCollection: false
    })
  })

  it("D7/D14 property: from the delivery, sending on the (rolled-over) last day passes and the next day fails, for 7, 14 and 30 days", () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 90 }),
        fc.constantFrom(7, 14, 30),
        (orderedOn, wait, withdrawalDays) => {
          const goodsDeliveredOn = Calendar.addDays(orderedOn, wait)
          const policy = { ...Withdrawal.defaultPolicy, withdrawalDays }
          const p = Withdrawal.period(facts({ orderedOn, goodsDeliveredOn }), policy)
          if (p._tag !== "Running") throw new Error("running once delivered")
          expectRolledLastDay(Calendar.addDays(goodsDeliveredOn, withdrawalDays), p.deadline.due)
          const at = (sentOn: string) =>
            Withdrawal.withdraw({ ...facts({ orderedOn, goodsDeliveredOn }), sentOn }, policy)
          expect(Decision.isAccepted(at(p.deadline.due))).toBe(true)
          expect(Decision.isRefused(at(Calendar.addDays(p.deadline.due, 1)))).toBe(true)
        }
      )
    )
  })

  it("D7/D14 property: without the legal information the period ends 12 months after the initial last day, rolled over, never on a closed day", () => {
    fc.assert(
      fc.property(date, fc.constantFrom("none" as const, "contract-type-7-days" as const), (goodsDeliveredOn, info) => {
        const p = Withdrawal.period(
          facts({ orderedOn: goodsDeliveredOn, goodsDeliveredOn, withdrawalInformation: info })
        )
        if (p._tag !== "Running") throw new Error("running once delivered")
        expect(p.extended).toBe(true)
        expectRolledLastDay(Calendar.addMonths(p.initialLastDay, 12), p.deadline.due)
        if (p.deadline.due >= Holidays.rollOverFrom) expect(Holidays.isWorkingDay(p.deadline.due)).toBe(true)
      })
    )
  })

  it("the earlier API (counted from the order) still answers, rolled over", () => {
    const d = Withdrawal.decide({ orderedOn: "2025-04-01", offPremises: true, sentOn: "2025-04-15" })
    expect(Decision.isAccepted(d) && d.value.deadline.due).toBe("2025-04-15")
    expect(
      Decision.isRefused(Withdrawal.decide({ orderedOn: "2025-04-01", offPremises: false, sentOn: "2025-04-02" }))
    ).toBe(true)
    // 2025-04-07 + 14 = Easter Monday → Tuesday 2025-04-22
    expect(Withdrawal.deadline("2025-04-07")).toMatchObject({ due: "2025-04-22", rolledFrom: "2025-04-21" })
  })

  it("bad input: a missing withdrawalInformation, a malformed date, a policy below 7 days → InvalidInput naming the field", () => {
    const decode = Decision.decodeInput(Withdrawal.Input)
    const { withdrawalInformation: _, ...noInfo } = { ...facts(), sentOn: "2025-04-02" }
    const r = decode(noInfo)
    expect(Result.isFailure(r) && r.failure.message.includes("withdrawalInformation")).toBe(true)
    const r2 = decode({ ...facts(), orderedOn: "01/04/2025", sentOn: "2025-04-02" })
    expect(Result.isFailure(r2) && r2.failure.message.includes("orderedOn")).toBe(true)
    const p = Decision.decodeInput(Withdrawal.PolicySchema, "policy")({ withdrawalDays: 3 })
    expect(Result.isFailure(p) && p.failure.message.includes("withdrawalDays")).toBe(true)
    const s = Decision.decodeInput(
      Withdrawal.PolicySchema,
      "policy"
    )({ withdrawalDays: 14, withdrawalStart: "signature" })
    expect(Result.isFailure(s) && s.failure.message.includes("withdrawalStart")).toBe(true)
  })
})
