import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, LabourReimbursement } from "../src/index.js"
import { refAddMonths, refAddYears } from "./support/refCalendar.js"

type Device = LabourReimbursement.ReplacedDevice

const dateArb = fc
  .date({ min: new Date(Date.UTC(2015, 0, 1)), max: new Date(Date.UTC(2040, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

const micro = (serial: string, over: Partial<Device> = {}): Device => ({
  serial,
  kind: "microinverter",
  detectedByMonitoring: true,
  shippedBack: true,
  rmaId: "RMA-1",
  rmaApprovedOn: "2025-05-02",
  ...over
})

const claim = (over: Partial<LabourReimbursement.ClaimInput> = {}): LabourReimbursement.ClaimInput => ({
  commissionedOn: "2024-03-10",
  interventionOn: "2025-05-06",
  claimedOn: "2025-06-01",
  devices: [micro("M1"), micro("M2")],
  paymentAddress: "12 rue des Capucins, 5000 Namur",
  ...over
})

const rules = (d: Decision.Decision<unknown>) => d.reasons.map((r) => r.rule)

describe("LabourReimbursement", () => {
  it("ENP-L7/D2: €150 for one microinverter, €175 for two, €200 for three the same day", () => {
    const amount = (n: number) => {
      const d = LabourReimbursement.decide(
        claim({ devices: [micro("A"), ...Array.from({ length: n - 1 }, (_, i) => micro(`B${i}`))] })
      )
      return Decision.isAccepted(d) ? d.value.amount : undefined
    }
    expect(amount(1)).toEqual({ cents: 15_000, vat: "excl" })
    expect(amount(2)).toEqual({ cents: 17_500, vat: "excl" })
    expect(amount(3)).toEqual({ cents: 20_000, vat: "excl" })
  })

  it("ENP-L7 property: amount = 150_00 + 25_00 × (n − 1) for n eligible microinverters; ineligible devices never count", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom("microinverter", "microinverter", "gateway", "ac-battery"),
            detectedByMonitoring: fc.boolean(),
            shippedBack: fc.boolean(),
            hasRma: fc.boolean()
          }),
          { minLength: 1, maxLength: 20 }
        ),
        (specs) => {
          const devices = specs.map((s, i): Device =>
            s.hasRma
              ? {
                  serial: `S${i}`,
                  kind: s.kind,
                  detectedByMonitoring: s.detectedByMonitoring,
                  shippedBack: s.shippedBack,
                  rmaId: `R${i}`,
                  rmaApprovedOn: "2025-05-02"
                }
              : {
                  serial: `S${i}`,
                  kind: s.kind,
                  detectedByMonitoring: s.detectedByMonitoring,
                  shippedBack: s.shippedBack
                }
          )
          const n = specs.filter(
            (s) => s.kind === "microinverter" && s.detectedByMonitoring && s.shippedBack && s.hasRma
          ).length
          const d = LabourReimbursement.decide(claim({ devices: devices as [Device, ...Array<Device>] }))
          if (n === 0) {
            expect(Decision.isRefused(d)).toBe(true)
          } else {
            expect(Decision.isAccepted(d)).toBe(true)
            if (Decision.isAccepted(d)) {
              expect(d.value.amount.cents).toBe(150_00 + 25_00 * (n - 1))
              expect(d.value.eligibleSerials).toHaveLength(n)
              expect(d.value.excluded).toHaveLength(specs.length - n)
            }
          }
        }
      )
    )
  })

  it("ENP-L5/D3 property: a claim on the last valid day passes and the next day fails, for any intervention date", () => {
    fc.assert(
      fc.property(dateArb, (interventionOn) => {
        const commissionedOn = Calendar.addDays(interventionOn, -100)
        const devices: [Device, ...Array<Device>] = [micro("M1", { rmaApprovedOn: interventionOn })]
        const last = refAddMonths(interventionOn, 6)
        const ok = LabourReimbursement.decide(claim({ commissionedOn, interventionOn, claimedOn: last, devices }))
        expect(Decision.isAccepted(ok)).toBe(true)
        if (Decision.isAccepted(ok))
          expect(ok.value.claimDeadline).toEqual({ rule: "ENP-L5", what: "claim labour reimbursement", due: last })
        const late = LabourReimbursement.decide(
          claim({ commissionedOn, interventionOn, claimedOn: Calendar.addDays(last, 1), devices })
        )
        expect(Decision.isRefused(late) && rules(late)).toEqual(["ENP-L5"])
      })
    )
  })

  it("ENP-L1/D3 property: an intervention the day before commissioning + 2 years passes; on that day it fails", () => {
    fc.assert(
      fc.property(dateArb, (commissionedOn) => {
        const limit = refAddYears(commissionedOn, 2)
        const at = (interventionOn: string) =>
          LabourReimbursement.decide(
            claim({
              commissionedOn,
              interventionOn,
              claimedOn: interventionOn,
              devices: [micro("M1", { rmaApprovedOn: interventionOn })]
            })
          )
        expect(Decision.isAccepted(at(Calendar.addDays(limit, -1)))).toBe(true)
        const tooOld = at(limit)
        expect(Decision.isRefused(tooOld) && rules(tooOld)).toEqual(["ENP-L1"])
      })
    )
  })

  it("ENP-L5/D3: 6 months from 2025-08-31 is 2026-02-28 (end-of-month clamped)", () => {
    expect(LabourReimbursement.claimDeadline("2025-08-31").due).toBe("2026-02-28")
  })

  it("ENP-L2: a gateway replaced the same day is left out of the count with a reason", () => {
    const d = LabourReimbursement.decide(claim({ devices: [micro("M1"), { ...micro("G1"), kind: "gateway" }] }))
    expect(Decision.isAccepted(d)).toBe(true)
    if (Decision.isAccepted(d)) {
      expect(d.value.amount.cents).toBe(150_00)
      expect(d.value.excluded).toEqual([{ serial: "G1", reasons: [expect.objectContaining({ rule: "ENP-L2" })] }])
    }
  })

  it("ENP-L2: only non-microinverters → refused", () => {
    const d = LabourReimbursement.decide(claim({ devices: [{ ...micro("B1"), kind: "ac-battery" }] }))
    expect(Decision.isRefused(d) && rules(d)).toEqual(["ENP-L2"])
  })

  it("ENP-L3, ENP-L4, ENP-L6: undetected, not shipped back, or without an RMA before the claim → excluded", () => {
    const d = LabourReimbursement.decide(
      claim({
        devices: [
          micro("M1", { detectedByMonitoring: false }),
          micro("M2", { shippedBack: false }),
          micro("M3", { rmaApprovedOn: "2025-06-02" }), // approved the day after the claim
          { serial: "M4", kind: "microinverter", detectedByMonitoring: true, shippedBack: true }
        ]
      })
    )
    expect(Decision.isRefused(d)).toBe(true)
    // M3 was also replaced (2025-05-06) before its RMA was approved (ENP-R7)
    expect(rules(d)).toEqual(["ENP-L3", "ENP-L4", "ENP-L6", "ENP-R7", "ENP-L6"])
  })

  it("ENP-R7: a microinverter replaced before its RMA approval is excluded; replaced on the approval day it counts", () => {
    const before = LabourReimbursement.decide(
      claim({ devices: [micro("M1"), micro("M2", { rmaApprovedOn: "2025-05-07" })] })
    )
    expect(Decision.isAccepted(before) && before.value.amount.cents).toBe(150_00)
    expect(Decision.isAccepted(before) && before.value.excluded[0]?.reasons.map((r) => r.rule)).toEqual(["ENP-R7"])
    const sameDay = LabourReimbursement.decide(
      claim({ devices: [micro("M1"), micro("M2", { rmaApprovedOn: "2025-05-06" })] })
    )
    expect(Decision.isAccepted(sameDay) && sameDay.value.amount.cents).toBe(175_00)
  })

  it("D2: a policy read from configuration is decoded; a negative amount names the field", () => {
    const decode = Decision.decodeInput(LabourReimbursement.Policy, "policy")
    expect(Result.isSuccess(decode(LabourReimbursement.defaultPolicy))).toBe(true)
    const negative = decode({ ...LabourReimbursement.defaultPolicy, additionalUnitCents: -2_500 })
    expect(Result.isFailure(negative) && negative.failure.message).toContain('["additionalUnitCents"]')
    const fractional = decode({ ...LabourReimbursement.defaultPolicy, firstUnitCents: 150.5 })
    expect(Result.isFailure(fractional) && fractional.failure.message).toContain('["firstUnitCents"]')
  })

  it("ENP-L6: an RMA approved on the claim day itself is accepted", () => {
    const d = LabourReimbursement.decide(
      claim({ interventionOn: "2025-06-01", devices: [micro("M1", { rmaApprovedOn: "2025-06-01" })] })
    )
    expect(Decision.isAccepted(d)).toBe(true)
  })

  it("reports every refusing reason at once: too old, too late and an excluded device", () => {
    const d = LabourReimbursement.decide(
      claim({
        commissionedOn: "2020-01-01",
        claimedOn: "2026-01-01",
        devices: [micro("M1", { rmaApprovedOn: "2025-05-02" }), micro("M2", { shippedBack: false })]
      })
    )
    expect(Decision.isRefused(d) && rules(d)).toEqual(["ENP-L1", "ENP-L5", "ENP-L4"])
  })

  it("ENP-L8: paid by cheque to the address entered in the claim", () => {
    const d = LabourReimbursement.decide(claim())
    expect(Decision.isAccepted(d) && d.value.payment).toEqual({
      method: "cheque",
      address: "12 rue des Capucins, 5000 Namur"
    })
    expect(Decision.isAccepted(d) && rules(d)).toContain("ENP-L8")
  })

  it("D3: a policy window naming two units at once ({ months: 6, days: 3 }) is rejected, not silently read as 3 days", () => {
    const decode = Decision.decodeInput(LabourReimbursement.Policy, "policy")
    const both = decode({ ...LabourReimbursement.defaultPolicy, claimWindow: { months: 6, days: 3 } })
    expect(Result.isFailure(both) && both.failure.message).toContain('["claimWindow"]')
    const none = decode({ ...LabourReimbursement.defaultPolicy, commissioningWindow: {} })
    expect(Result.isFailure(none) && none.failure.message).toContain('["commissioningWindow"]')
    const ok = decode({ ...LabourReimbursement.defaultPolicy, claimWindow: { days: 180 } })
    expect(Result.isSuccess(ok) && ok.success.claimWindow).toEqual({ days: 180 })
  })

  it("D3: the refusal sentence states the policy's own window, not a fixed '6 months'", () => {
    const policy = { ...LabourReimbursement.defaultPolicy, claimWindow: { days: 90 } }
    const d = LabourReimbursement.decide(claim({ claimedOn: "2025-08-05" }), policy) // 2025-05-06 + 90 = 2025-08-04
    expect(Decision.isRefused(d) && d.reasons[0]).toMatchObject({
      rule: "ENP-L5",
      figures: { lastValidDay: "2025-08-04" }
    })
    expect(d.reasons[0]?.message).toContain("90 days")
    expect(d.reasons[0]?.message).not.toContain("6 months")
  })

  it("ENP-L5/D3: hand-counted claim deadlines across month ends and 29 February", () => {
    const cases: Array<[string, string]> = [
      ["2025-05-06", "2025-11-06"], // S2
      ["2023-08-29", "2024-02-29"],
      ["2023-08-31", "2024-02-29"],
      ["2024-08-31", "2025-02-28"],
      ["2025-03-31", "2025-09-30"],
      ["2025-12-31", "2026-06-30"]
    ]
    for (const [interventionOn, due] of cases) {
      expect(LabourReimbursement.claimDeadline(interventionOn)).toEqual({
        rule: "ENP-L5",
        what: "claim labour reimbursement",
        due
      })
    }
  })

  it("ENP-L1/D1/D3: commissioned 2024-02-29 → interventions up to 2026-02-27 pass, from 2026-02-28 fail", () => {
    const at = (interventionOn: string) =>
      LabourReimbursement.decide(
        claim({
          commissionedOn: "2024-02-29",
          interventionOn,
          claimedOn: interventionOn,
          devices: [micro("M1", { rmaApprovedOn: interventionOn })]
        })
      )
    expect(Decision.isAccepted(at("2026-02-27"))).toBe(true)
    const tooOld = at("2026-02-28")
    expect(Decision.isRefused(tooOld) && tooOld.reasons[0]).toMatchObject({
      rule: "ENP-L1",
      figures: { firstDayTooOld: "2026-02-28" }
    })
  })

  it("D2: policy amounts are parameters", () => {
    const d = LabourReimbursement.decide(claim(), { ...LabourReimbursement.defaultPolicy, firstUnitCents: 125_00 })
    expect(Decision.isAccepted(d) && d.value.amount.cents).toBe(150_00)
  })

  it("bad input: malformed dates, unknown kinds, duplicate serials and an empty address name the field", () => {
    const decode = Decision.decodeInput(LabourReimbursement.ClaimInput, "claim")
    expect(Result.isSuccess(decode(claim()))).toBe(true)
    const cases: Array<[unknown, string]> = [
      [{ ...claim(), claimedOn: "2025-06-31" }, '["claimedOn"]'],
      [{ ...claim(), devices: [{ ...micro("M1"), kind: "panel" }] }, '["devices"][0]["kind"]'],
      [{ ...claim(), devices: [micro("M1"), micro("M1")] }, '["devices"]'],
      [{ ...claim(), devices: [] }, '["devices"]'],
      [{ ...claim(), paymentAddress: "" }, '["paymentAddress"]']
    ]
    for (const [input, field] of cases) {
      const r = decode(input)
      expect(Result.isFailure(r)).toBe(true)
      if (Result.isFailure(r)) expect(r.failure.message).toContain(field)
    }
  })
})
