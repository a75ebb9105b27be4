/**
 * Issue 13, the fast partner-tool edge: the hand decoders attached to `LabourReimbursement.ClaimInput`
 * and `PaymentSchedule.ValidateInput` change nothing a caller sees. On inputs around every check
 * of the Schemas (valid and invalid dates, empty texts, unknown kinds, duplicate serials, unknown
 * and missing keys, `undefined` values, numbers out of range), the edge with its hand decoder and
 * the same Schema without it (rebuilt from the same fields) accept and refuse the same inputs, with
 * strictly equal values and the same `InvalidInput` issues and message — unknown keys refused by
 * default, dropped with `unknownKeys: "allow"`.
 */
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Decision, LabourReimbursement, PaymentSchedule } from "../src/index.js"
import * as HandDecode from "../src/internal/handDecode.js"

const ABSENT = Symbol("absent")

/** An object whose each key is one of its candidates, or left out (`ABSENT`), plus maybe extra keys. */
const objectArb = (fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      fc.record(fields),
      fc.dictionary(fc.constantFrom("colour", "coupon", "__proto__x", "Serial"), fc.integer(), { maxKeys: 1 }),
      fc.boolean()
    )
    .map(([record, extra, withExtra]) => {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(record)) if (v !== ABSENT) out[k] = v
      if (withExtra) Object.assign(out, extra)
      return out
    })

/** Mostly valid values, sometimes a wrong one, rarely absent or `undefined`. */
const field = (valid: fc.Arbitrary<unknown>, ...invalid: Array<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 12, arbitrary: valid },
    { weight: 1, arbitrary: fc.constantFrom(ABSENT, undefined, null, 0, true, "", ...invalid) }
  )

const dateArb = fc.oneof(
  fc.constantFrom("2024-03-10", "2025-05-06", "2025-06-01", "2024-02-29", "2025-05-02"),
  fc.constantFrom("2025-02-29", "2025-13-01", "2025-5-6", "6 May 2025", "2025-05-06T00:00", "20250506")
)
const text = fc.constantFrom("M-001", "M-002", "R-1", "é", "1 rue du Soleil, 5000 Namur")

const deviceArb = objectArb({
  serial: field(fc.constantFrom("M-001", "M-002", "M-003")),
  kind: field(fc.constantFrom("microinverter", "ac-battery", "gateway", "relay", "other"), "inverter", "Microinverter"),
  manufacturer: fc.oneof(fc.constant(ABSENT), field(fc.constantFrom("Enphase", "APsystems"))),
  detectedByMonitoring: field(fc.boolean(), "true", 1),
  shippedBack: field(fc.boolean(), "false"),
  rmaId: fc.oneof(fc.constant(ABSENT), field(text)),
  rmaApprovedOn: fc.oneof(fc.constant(ABSENT), field(dateArb))
})

const claimArb = objectArb({
  commissionedOn: field(dateArb),
  interventionOn: field(dateArb),
  claimedOn: field(dateArb),
  devices: field(fc.array(deviceArb, { minLength: 0, maxLength: 3 }), {}, "M-001"),
  paymentAddress: field(text, 12)
})

const bpArb = field(fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 10_000)), -1, 10_001, 2.5, "20")
const validateArb = objectArb({
  schedule: field(
    objectArb({
      deposit: bpArb,
      afterPanels: field(objectArb({ siteOpening: bpArb, siteClosing: bpArb }), []),
      acceptance: bpArb,
      administrativeFile: bpArb
    }),
    []
  ),
  policy: field(fc.constantFrom("both", "offer-template", "general-conditions"), "Both", "general")
})

const options = [undefined, { unknownKeys: "allow" as const }, { unknownKeys: "refuse" as const }]

/** `decodeJson` and `decideJson` with the hand decoder (`schema`) and without it (`plain`). */
const sameEdge =
  <A, D>(schema: Schema.Decoder<A>, plain: Schema.Decoder<A>, decide: (a: A) => D) =>
  (input: unknown): void => {
    const json = JSON.stringify(input)
    for (const o of options) {
      const fast = Decision.decodeJson(schema, "input", o)(json)
      const reference = Decision.decodeJson(plain, "input", o)(json)
      expect(fast._tag).toBe(reference._tag)
      if (Result.isSuccess(fast) && Result.isSuccess(reference)) {
        expect(fast.success).toStrictEqual(reference.success)
        expect(JSON.stringify(fast.success)).toBe(JSON.stringify(reference.success))
      }
      if (Result.isFailure(fast) && Result.isFailure(reference)) {
        expect(fast.failure).toBeInstanceOf(Decision.InvalidInput)
        expect(fast.failure.issues).toStrictEqual(reference.failure.issues)
        expect(fast.failure.message).toBe(reference.failure.message)
      }
      const decided = Decision.decideJson(schema, decide, "input", o)(json)
      const decidedBefore = Decision.decideJson(plain, decide, "input", o)(json)
      expect(JSON.stringify(decided)).toBe(JSON.stringify(decidedBefore))
      if (Result.isSuccess(decided)) expect(decided).toStrictEqual(decidedBefore)
    }
  }

/** Whenever a hand decoder answers, the Schema accepts the same value and decodes it to an equal one. */
const sound = (hand: HandDecode.HandDecoder, plain: Schema.Decoder<unknown>) => {
  const refuse = Schema.decodeUnknownResult(plain, { onExcessProperty: "error" })
  const allow = Schema.decodeUnknownResult(plain)
  return (input: unknown): void => {
    for (const [allowUnknownKeys, schemaDecode] of [
      [false, refuse],
      [true, allow]
    ] as const) {
      const answer = hand(input, allowUnknownKeys)
      if (answer === undefined) continue
      const decoded = schemaDecode(input)
      expect(Result.isSuccess(decoded)).toBe(true)
      if (Result.isSuccess(decoded)) expect(answer).toStrictEqual(decoded.success)
    }
  }
}

// property tests on a shared machine: more time than the default 5 s
describe("issue 13: the hand decoders of the JSON edge answer exactly as their Schemas", { timeout: 60_000 }, () => {
  // the same fields without the hand decoder: the edge as it was
  const plainClaim = Schema.Struct(LabourReimbursement.ClaimInput.fields)
  const plainValidate = Schema.Struct(PaymentSchedule.ValidateInput.fields)
  const validate = (i: typeof PaymentSchedule.ValidateInput.Type) => PaymentSchedule.validate(i.schedule, i.policy)

  it("the two Schemas carry their hand decoder, and the plain rebuilds do not", () => {
    expect(LabourReimbursement.ClaimInput.ast.annotations?.[HandDecode.key]).toBe(HandDecode.claimInput)
    expect(PaymentSchedule.ValidateInput.ast.annotations?.[HandDecode.key]).toBe(HandDecode.validateInput)
    expect(plainClaim.ast.annotations?.[HandDecode.key]).toBeUndefined()
  })

  it("ENP-L1..L8 claims as JSON: same inputs, decisions, refusals and issues with and without the fast path", () => {
    fc.assert(fc.property(claimArb, sameEdge(LabourReimbursement.ClaimInput, plainClaim, LabourReimbursement.decide)), {
      numRuns: 1_000
    })
  })

  it("D4 schedules as JSON: same inputs, decisions, refusals and issues with and without the fast path", () => {
    fc.assert(fc.property(validateArb, sameEdge(PaymentSchedule.ValidateInput, plainValidate, validate)), {
      numRuns: 1_000
    })
  })

  it("a hand decoder that answers agrees with the Schema, keys in the Schema's order (any value, `undefined` too)", () => {
    fc.assert(fc.property(claimArb, sound(HandDecode.claimInput, plainClaim)), { numRuns: 1_500 })
    fc.assert(fc.property(validateArb, sound(HandDecode.validateInput, plainValidate)), { numRuns: 1_500 })
  })

  it("the hand decoders answer for every JSON input the Schema accepts (no slow path for valid JSON)", () => {
    const claim = Schema.decodeUnknownResult(plainClaim, { onExcessProperty: "error" })
    const schedule = Schema.decodeUnknownResult(plainValidate, { onExcessProperty: "error" })
    const viaJson = (u: unknown): unknown => JSON.parse(JSON.stringify(u))
    fc.assert(
      fc.property(claimArb.map(viaJson), validateArb.map(viaJson), (c, v) => {
        expect(HandDecode.claimInput(c, false) !== undefined).toBe(Result.isSuccess(claim(c)))
        expect(HandDecode.validateInput(v, false) !== undefined).toBe(Result.isSuccess(schedule(v)))
      }),
      { numRuns: 1_500 }
    )
  })

  it("decodeInput (any object, not only JSON) keeps the Schema's own decoder: a copy, never the input", () => {
    const claim = JSON.parse(
      '{"commissionedOn":"2024-03-10","interventionOn":"2025-05-06","claimedOn":"2025-06-01","devices":[{"serial":"M-1","kind":"microinverter","detectedByMonitoring":true,"shippedBack":true}],"paymentAddress":"x"}'
    ) as unknown
    const decoded = Decision.decodeInput(LabourReimbursement.ClaimInput)(claim)
    expect(Result.isSuccess(decoded) && decoded.success).toStrictEqual(claim)
    expect(Result.isSuccess(decoded) && decoded.success).not.toBe(claim)
  })
})
