/**
 * Issue 13: the faster `LabourReimbursement.decide` and `PaymentSchedule.validate` give exactly the
 * decisions of the implementations they replaced — same `_tag`s, reasons, rule ids, figures and
 * sentences, in the same order — kept in `test/support/oracle/` as oracles only. Compared by deep
 * equality and by their JSON text (what a partner tool receives), on random inputs around every
 * boundary the rules cite.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Calendar } from "../src/index.js"
import { LabourReimbursement, PaymentSchedule } from "../src/index.js"
import * as OldLabour from "./support/oracle/LabourReimbursement.js"
import * as OldSchedule from "./support/oracle/PaymentSchedule.js"

const same = (fast: unknown, old: unknown): void => {
  expect(fast).toStrictEqual(old)
  expect(JSON.stringify(fast)).toBe(JSON.stringify(old))
}

const dateArb = fc
  .date({ min: new Date(Date.UTC(2019, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

const deviceArb = (i: number) =>
  fc.record(
    {
      serial: fc.constant(`SN-${i}`),
      kind: fc.constantFrom("microinverter", "microinverter", "ac-battery", "gateway", "relay", "other"),
      manufacturer: fc.constantFrom("Enphase", "enphase", "APsystems"),
      detectedByMonitoring: fc.boolean(),
      shippedBack: fc.boolean(),
      rmaId: fc.constantFrom("RMA-1", "RMA-2"),
      rmaApprovedOn: dateArb
    },
    { requiredKeys: ["serial", "kind", "detectedByMonitoring", "shippedBack"] }
  )

const claimArb = fc
  .tuple(
    dateArb,
    fc.integer({ min: -40, max: 900 }),
    fc.integer({ min: -20, max: 220 }),
    fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => deviceArb(i))))
  )
  .map(([commissionedOn, afterCommissioning, afterIntervention, devices]): LabourReimbursement.ClaimInput => {
    const plus = (date: string, days: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
    const interventionOn = plus(commissionedOn, afterCommissioning)
    return {
      commissionedOn,
      interventionOn,
      claimedOn: plus(interventionOn, afterIntervention),
      devices: devices as unknown as LabourReimbursement.ClaimInput["devices"],
      paymentAddress: "1 rue du Soleil, 5000 Namur"
    }
  })

const spanArb: fc.Arbitrary<Calendar.Span> = fc.oneof(
  fc.integer({ min: 1, max: 400 }).map((days) => ({ days })),
  fc.integer({ min: 1, max: 30 }).map((months) => ({ months })),
  fc.integer({ min: 1, max: 3 }).map((years) => ({ years }))
)

const policyArb: fc.Arbitrary<LabourReimbursement.Policy> = fc.oneof(
  fc.constant(LabourReimbursement.defaultPolicy),
  fc
    .record(
      {
        firstUnitCents: fc.integer({ min: 0, max: 100_000 }),
        additionalUnitCents: fc.integer({ min: 0, max: 100_000 }),
        commissioningWindow: spanArb,
        claimWindow: spanArb,
        manufacturer: fc.constantFrom("Enphase", "APsystems"),
        programme: fc.constantFrom("Enphase Installer Network labour programme", "APsystems care")
      },
      { requiredKeys: ["firstUnitCents", "additionalUnitCents", "commissioningWindow", "claimWindow"] }
    )
    .map((p) => p as LabourReimbursement.Policy)
)

// property tests on a shared machine: more time than the default 5 s
describe(
  "issue 13: the faster rules decide exactly as before (oracle: the previous implementation)",
  { timeout: 60_000 },
  () => {
    it("ENP-L1..L8, D2, D3, D15: LabourReimbursement.decide gives the same decision, reasons and figures", () => {
      fc.assert(
        fc.property(claimArb, policyArb, (claim, policy) => {
          same(LabourReimbursement.decide(claim, policy), OldLabour.decide(claim, policy))
          // D15: the default terms are Enphase's own (manufacturer "Enphase"), so the oracle is
          // asked with the same default policy.
          same(LabourReimbursement.decide(claim), OldLabour.decide(claim, LabourReimbursement.defaultPolicy))
        }),
        { numRuns: 1_000 }
      )
    })

    it("ENP-L5: the claim deadline and ENP-L7 amounts are unchanged", () => {
      fc.assert(
        fc.property(dateArb, fc.integer({ min: -2, max: 200 }), policyArb, (on, n, policy) => {
          same(LabourReimbursement.claimDeadline(on, policy), OldLabour.claimDeadline(on, policy))
          expect(LabourReimbursement.amountFor(n, policy)).toBe(OldLabour.amountFor(n, policy))
        })
      )
    })

    // Shares around every cap of both clauses (WAL-2.4.3: 20/50/20/30/20 %, WAL-5.4.1: 30/20/40 %),
    // and anything else between -1% and 200%.
    const bpArb = fc.oneof(
      fc.constantFrom(0, 1_000, 1_999, 2_000, 2_001, 2_999, 3_000, 3_001, 3_999, 4_000, 4_001, 5_000, 10_000),
      fc.integer({ min: -100, max: 20_000 })
    )
    const scheduleArb = fc
      .tuple(bpArb, bpArb, bpArb, bpArb, fc.option(bpArb, { nil: undefined }))
      .map(([deposit, siteOpening, siteClosing, acceptance, file]): PaymentSchedule.Schedule => ({
        deposit,
        afterPanels: { siteOpening, siteClosing },
        acceptance,
        // mostly adding up to 100% (WAL-5.3), sometimes not
        administrativeFile: file ?? 10_000 - deposit - siteOpening - siteClosing - acceptance
      }))
    const capPolicyArb = fc.constantFrom<PaymentSchedule.CapPolicy>("both", "offer-template", "general-conditions")

    it("D4, WAL-2.4.3, WAL-5.4.1, WAL-5.3: PaymentSchedule.validate gives the same decision and reasons", () => {
      fc.assert(
        fc.property(scheduleArb, capPolicyArb, (schedule, policy) => {
          same(PaymentSchedule.validate(schedule, policy), OldSchedule.validate(schedule, policy))
          same(PaymentSchedule.validate(schedule), OldSchedule.validate(schedule))
        }),
        { numRuns: 3_000 }
      )
    })

    it("D4, D10: PaymentSchedule.build and amounts are unchanged", () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), capPolicyArb, (total, policy) => {
          same(PaymentSchedule.build(total, policy), OldSchedule.build(total, policy))
        })
      )
    })
  }
)

describe("issue 13: inputs outside the types (untyped callers) are decided as before", () => {
  it("ENP-L7: a claim with no device at all (not a ClaimInput) is still accepted for 0 cents, as before", () => {
    const claim = {
      commissionedOn: "2024-03-10",
      interventionOn: "2025-05-06",
      claimedOn: "2025-06-01",
      devices: [],
      paymentAddress: "1 rue du Soleil, 5000 Namur"
    } as unknown as LabourReimbursement.ClaimInput
    same(LabourReimbursement.decide(claim), OldLabour.decide(claim))
  })

  it("D4: a policy name outside CapPolicy is decided as before (the caps of both, its own name)", () => {
    const policy = "lenient" as PaymentSchedule.CapPolicy
    const ok = {
      deposit: 2_000,
      afterPanels: { siteOpening: 2_000, siteClosing: 0 },
      acceptance: 2_000,
      administrativeFile: 4_000
    }
    const bad = { ...ok, deposit: 3_500, administrativeFile: 2_500 }
    same(PaymentSchedule.validate(ok, policy), OldSchedule.validate(ok, policy))
    same(PaymentSchedule.validate(bad, policy), OldSchedule.validate(bad, policy))
  })
})
