import fc from "fast-check"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  Calendar,
  ContractConditions,
  Decision,
  DelayPenalty,
  LabourReimbursement,
  LatePayment,
  OfferValidation,
  Qualiwatt,
  ReturnEligibility,
  SupportRouting,
  Termination,
  Vat,
  Deadline,
  WarrantyTerms,
  Withdrawal
} from "../src/index.js"
import { type Equals, sameType } from "../src/internal/policy.js"

// Every module's policy Schema with its default policy (the modules whose policy is configurable).
const policies = [
  ["LatePayment", LatePayment.PolicySchema, LatePayment.defaultPolicy],
  ["Qualiwatt", Qualiwatt.PolicySchema, Qualiwatt.defaultPolicy],
  ["ReturnEligibility", ReturnEligibility.PolicySchema, ReturnEligibility.defaultPolicy],
  ["SupportRouting", SupportRouting.PolicySchema, SupportRouting.defaultPolicy],
  ["ContractConditions (loan)", ContractConditions.LoanPolicySchema, ContractConditions.defaultLoanPolicy],
  ["LabourReimbursement", LabourReimbursement.Policy, LabourReimbursement.defaultPolicy],
  ["DelayPenalty", DelayPenalty.PolicySchema, DelayPenalty.defaultPolicy],
  ["OfferValidation", OfferValidation.PolicySchema, OfferValidation.defaultPolicy],
  ["Withdrawal", Withdrawal.PolicySchema, Withdrawal.defaultPolicy],
  ["Termination", Termination.PolicySchema, Termination.defaultPolicy],
  ["Vat", Vat.PolicySchema, Vat.defaultPolicy],
  ["Deadline (roll-over, D14)", Deadline.RollOverPolicySchema, Deadline.defaultRollOverPolicy]
] as const

/** The message of the `InvalidInput` a malformed policy gets, or `undefined` when it decodes. */
const failure = <S extends Schema.Decoder<unknown>>(schema: S, value: unknown): string | undefined => {
  const r = Decision.decodeInput(schema, "policy")(value)
  if (Result.isSuccess(r)) return undefined
  expect(r.failure._tag).toBe("InvalidInput")
  expect(r.failure.input).toBe("policy")
  return r.failure.message
}

describe("Policy schemas", () => {
  it.each(policies)(
    "%s: the default policy, read back from JSON, decodes and encodes unchanged",
    (_, schema, policy) => {
      const json: unknown = JSON.parse(JSON.stringify(policy))
      const decoded = Decision.decodeInput(schema, "policy")(json)
      expect(Result.isSuccess(decoded) && decoded.success).toEqual(policy)
      const encoded = Schema.encodeUnknownResult(schema)(policy)
      expect(Result.isSuccess(encoded) && encoded.success).toEqual(json)
    }
  )

  it("the compile-time proof rejects a Schema whose Type differs from the interface", () => {
    sameType<Equals<typeof LatePayment.PolicySchema.Type, LatePayment.Policy>>()
    // @ts-expect-error -- a field of another type is not the same policy
    sameType<Equals<{ readonly days: number }, { readonly days: string }>>()
    // @ts-expect-error -- a mutable array is not the interface's ReadonlyArray
    sameType<Equals<{ readonly holidays: Array<string> }, { readonly holidays: ReadonlyArray<string> }>>()
  })
})

describe("LatePayment.PolicySchema (WAL-5.4.2, D8)", () => {
  const bad = (patch: Record<string, unknown>) =>
    failure(LatePayment.PolicySchema, { ...LatePayment.defaultPolicy, ...patch })

  it("D8: a rate over 100% (10 000 bp) or negative is rejected naming the field; 0–10 000 bp decodes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (lumpBp, annualInterestBp) => {
          expect(bad({ lumpBp, annualInterestBp })).toBeUndefined()
        }
      )
    )
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 10_001 }), fc.integer({ max: -1 })), (bp) => {
        expect(bad({ lumpBp: bp })).toContain('["lumpBp"]')
        expect(bad({ annualInterestBp: bp })).toContain('["annualInterestBp"]')
      })
    )
    expect(bad({ lumpBp: 5.5 })).toContain('["lumpBp"]')
  })

  it("D14: day counts must be positive integers", () => {
    expect(bad({ paymentDays: 0 })).toContain('["paymentDays"]')
    expect(bad({ paymentDays: -15 })).toContain('["paymentDays"]')
    expect(bad({ bookXixGraceDays: 14.5 })).toContain('["bookXixGraceDays"]')
    expect(bad({ paymentDays: "15" })).toContain('["paymentDays"]')
  })

  it("D8: a malformed Book XIX date or holiday is rejected naming the field", () => {
    expect(bad({ bookXixFrom: "2023-02-30" })).toContain('["bookXixFrom"]')
    expect(bad({ bookXixFrom: "01/09/2023" })).toContain('["bookXixFrom"]')
    expect(bad({ holidays: ["2025-12-25", "2025-13-01"] })).toContain('["holidays"][1]')
  })

  it("D8: a decoded custom policy drives the rule as the same value typed in code would", () => {
    const custom = { ...LatePayment.defaultPolicy, paymentDays: 30, holidays: ["2025-12-25"] }
    const decoded = Decision.decodeInput(LatePayment.PolicySchema, "policy")(JSON.parse(JSON.stringify(custom)))
    expect(Result.isSuccess(decoded)).toBe(true)
    if (Result.isSuccess(decoded)) {
      expect(LatePayment.dueDate("2025-03-01", decoded.success)).toEqual(LatePayment.dueDate("2025-03-01", custom))
      expect(LatePayment.dueDate("2025-03-01", decoded.success).due).toBe("2025-03-31")
    }
  })
})

describe("Qualiwatt.PolicySchema (D9, WAL-Q3, WAL-1.1a)", () => {
  const bad = (patch: Record<string, unknown>) =>
    failure(Qualiwatt.PolicySchema, { ...Qualiwatt.defaultPolicy, ...patch })

  it("D9: a malformed scheme date is rejected naming the field", () => {
    expect(bad({ schemeOpensOn: "2014-02-29" })).toContain('["schemeOpensOn"]')
    expect(bad({ schemeLastDay: "2018-6-30" })).toContain('["schemeLastDay"]')
  })

  it("D9: a scheme window that closes before it opens is rejected, naming both ends", () => {
    const message = bad({ schemeOpensOn: "2018-07-01", schemeLastDay: "2018-06-30" })
    expect(message).toContain("schemeLastDay")
    expect(message).toContain("schemeOpensOn")
    expect(bad({ schemeOpensOn: "2018-06-30", schemeLastDay: "2018-06-30" })).toBeUndefined()
  })

  it("WAL-Q3/WAL-1.1a: years and watts must be positive integers", () => {
    expect(bad({ keepYears: 0 })).toContain('["keepYears"]')
    expect(bad({ maxPowerWatts: -10_000 })).toContain('["maxPowerWatts"]')
    expect(bad({ maxPowerWatts: 9_999.5 })).toContain('["maxPowerWatts"]')
  })
})

describe("ReturnEligibility.PolicySchema (ENP-R2, ENP-R6a, D1, D13)", () => {
  const bad = (patch: Record<string, unknown>) =>
    failure(ReturnEligibility.PolicySchema, { ...ReturnEligibility.defaultPolicy, ...patch })

  it("ENP-R2: an unknown proof-of-ownership value is rejected naming the field", () => {
    expect(bad({ proofOfOwnership: "sometimes" })).toContain('["proofOfOwnership"]')
    expect(bad({ ownerMayRequest: "no" })).toContain('["ownerMayRequest"]')
  })

  it("ENP-R6a/D13: callback hours must be positive integers with min ≤ max", () => {
    expect(bad({ callbackHours: [0, 48] })).toContain('["callbackHours"][0]')
    expect(bad({ callbackHours: [24] })).toContain('["callbackHours"]')
    expect(bad({ callbackHours: [48, 24] })).toContain('["callbackHours"]')
    expect(bad({ callbackHours: [24, 24] })).toBeUndefined()
  })

  it("D1: a term table row with an unknown kind, replacement rule or a non-positive term is rejected naming the row", () => {
    const row = ReturnEligibility.defaultPolicy.terms[0]
    expect(bad({ terms: [row, { ...row, kind: "toaster" }] })).toContain('["terms"][1]["kind"]')
    expect(bad({ terms: [{ ...row, replacement: "restart" }] })).toContain('["terms"][0]["replacement"]')
    expect(bad({ terms: [{ ...row, years: -25 }] })).toContain('["terms"][0]["years"]')
    expect(bad({ terms: [{ ...row, manufacturer: "" }] })).toContain('["terms"][0]["manufacturer"]')
  })

  it("D1: the term table Schema alone decodes the default table unchanged", () => {
    const decoded = Decision.decodeInput(WarrantyTerms.TermTableSchema, "terms")(WarrantyTerms.defaultTermTable)
    expect(Result.isSuccess(decoded) && decoded.success).toEqual(WarrantyTerms.defaultTermTable)
  })
})

describe("SupportRouting.PolicySchema and Calendar.SupportCalendarSchema (ENP-C1, ENP-C2, D13)", () => {
  const bad = (patch: Record<string, unknown>) =>
    failure(SupportRouting.PolicySchema, { ...SupportRouting.defaultPolicy, ...patch })
  const badCalendar = (patch: Record<string, unknown>) =>
    bad({ supportCalendar: { ...Calendar.defaultSupportCalendar, ...patch } })

  it("ENP-C1: the form answer target must be a positive whole number of hours", () => {
    expect(bad({ formResponseHours: 0 })).toContain('["formResponseHours"]')
    expect(bad({ formResponseHours: -24 })).toContain('["formResponseHours"]')
  })

  it("D13: workdays are ISO day numbers 1–7", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), (d) => {
        expect(badCalendar({ workdays: [d] })).toBeUndefined()
      })
    )
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 8 })), (d) => {
        expect(badCalendar({ workdays: [1, d] })).toContain('["supportCalendar"]["workdays"][1]')
      })
    )
  })

  it("D13: a slot must be [start, end) within 0–24 with start < end", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 24 }), (a, b) => {
        const message = badCalendar({ slots: [[a, b]] })
        if (a < b) expect(message).toBeUndefined()
        else expect(message).toContain('["supportCalendar"]["slots"][0]')
      })
    )
    expect(badCalendar({ slots: [[9, 25]] })).toContain('["supportCalendar"]["slots"][0][1]')
  })

  it("ENP-C2: a malformed holiday or an empty time zone is rejected naming the field", () => {
    expect(badCalendar({ holidays: ["2025-02-29"] })).toContain('["supportCalendar"]["holidays"][0]')
    expect(badCalendar({ timeZone: "" })).toContain('["supportCalendar"]["timeZone"]')
  })
})

describe("ContractConditions.LoanPolicySchema (WAL-5.2.1)", () => {
  it("WAL-5.2.1: the minimum loan period must be a positive whole number of days", () => {
    const bad = (minimumDays: unknown) => failure(ContractConditions.LoanPolicySchema, { minimumDays })
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3650 }), (n) => {
        expect(bad(n)).toBeUndefined()
      })
    )
    fc.assert(
      fc.property(fc.integer({ max: 0 }), (n) => {
        expect(bad(n)).toContain('["minimumDays"]')
      })
    )
    expect(bad(45.5)).toContain('["minimumDays"]')
    expect(failure(ContractConditions.LoanPolicySchema, {})).toContain('["minimumDays"]')
  })
})
