/**
 * The partner-tool edge (issue 16, and the fast edge of issue 13): JSON text in, a decision or a
 * typed `InvalidInput` out — never a `SyntaxError` — with the list of issues (path, message) a
 * form can put next to its fields, clear messages for empty lists, and unknown keys refused by name
 * unless the caller allows them.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Decision, LabourReimbursement } from "../src/index.js"

const replaced = { kind: "microinverter", detectedByMonitoring: true, shippedBack: true, rmaId: "R-1" } as const
const claim: LabourReimbursement.ClaimInput = {
  commissionedOn: "2024-03-10",
  interventionOn: "2025-05-06",
  claimedOn: "2025-06-01",
  devices: [{ serial: "M-001", rmaApprovedOn: "2025-05-02", ...replaced }],
  paymentAddress: "1 rue du Soleil, 5000 Namur"
}

const failureOf = <A>(result: Result.Result<A, Decision.InvalidInput>): Decision.InvalidInput => {
  if (Result.isSuccess(result)) throw new Error("expected an InvalidInput")
  return result.failure
}

describe("Decision.decideJson — JSON text → decision", () => {
  const decide = Decision.decideJson(LabourReimbursement.ClaimInput, LabourReimbursement.decide, "claim")

  it("ENP-L5: a claim in time, as JSON text, gives the same decision as the decoded value", () => {
    const result = decide(JSON.stringify(claim))
    expect(Result.isSuccess(result)).toBe(true)
    if (Result.isSuccess(result)) expect(result.success).toEqual(LabourReimbursement.decide(claim))
  })

  it("text that is not JSON → InvalidInput (never a SyntaxError), with one issue at the root", () => {
    let result: ReturnType<typeof decide> | undefined
    expect(() => (result = decide('{"commissionedOn": "2024-03-10",'))).not.toThrow()
    const failure = failureOf(result!)
    expect(failure._tag).toBe("InvalidInput")
    expect(failure.input).toBe("claim")
    expect(failure.message).toMatch(/^Invalid claim: not valid JSON/)
    expect(failure.issues).toHaveLength(1)
    expect(failure.issues[0]!.path).toEqual([])
    expect(failure.issues[0]!.message).toMatch(/not valid JSON/)
  })

  it("InvalidInput carries every issue as (path, message), alongside the message", () => {
    const failure = failureOf(
      decide(JSON.stringify({ ...claim, interventionOn: "6 May 2025", paymentAddress: "", devices: [{ serial: "" }] }))
    )
    const paths = failure.issues.map((i) => JSON.stringify(i.path))
    expect(paths).toContain('["interventionOn"]')
    expect(paths).toContain('["paymentAddress"]')
    expect(paths.some((p) => p.startsWith('["devices",0'))).toBe(true)
    for (const issue of failure.issues) {
      expect(issue.message.length).toBeGreaterThan(0)
      expect(failure.message).toContain(issue.message)
    }
  })

  it("an empty devices list says the list is empty, at the list's own path (not Missing key at [0])", () => {
    const failure = failureOf(decide(JSON.stringify({ ...claim, devices: [] })))
    expect(failure.issues).toEqual([{ path: ["devices"], message: "Expected at least one item, got an empty list" }])
    expect(failure.message).not.toMatch(/Missing key/)
    expect(failure.message).toMatch(/at \["devices"\]$/)
  })

  it("unknown keys are refused, each named, at every depth", () => {
    const failure = failureOf(
      decide(JSON.stringify({ ...claim, coupon: "X", devices: [{ ...claim.devices[0], colour: "blue" }] }))
    )
    expect(failure.issues).toEqual(
      expect.arrayContaining([
        { path: ["coupon"], message: 'Unknown key "coupon"' },
        { path: ["devices", 0, "colour"], message: 'Unknown key "colour"' }
      ])
    )
  })

  it("unknownKeys: 'allow' accepts (and drops) unknown keys", () => {
    const lenient = Decision.decideJson(LabourReimbursement.ClaimInput, LabourReimbursement.decide, "claim", {
      unknownKeys: "allow"
    })
    const result = lenient(JSON.stringify({ ...claim, coupon: "X" }))
    expect(Result.isSuccess(result) && result.success).toEqual(LabourReimbursement.decide(claim))
  })
})

describe("Decision.decodeInput and decodeJson", () => {
  it("decodeInput refuses unknown keys by default and names them; the option allows them", () => {
    const strict = Decision.decodeInput(LabourReimbursement.ClaimInput, "claim")
    expect(failureOf(strict({ ...claim, extra: 1 })).issues).toEqual([
      { path: ["extra"], message: 'Unknown key "extra"' }
    ])
    const lenient = Decision.decodeInput(LabourReimbursement.ClaimInput, "claim", { unknownKeys: "allow" })
    expect(Result.isSuccess(lenient({ ...claim, extra: 1 }))).toBe(true)
  })

  it("decodeJson: a valid text decodes to the same value as decodeInput of the parsed text", () => {
    const text = JSON.stringify(claim)
    expect(Decision.decodeJson(LabourReimbursement.ClaimInput)(text)).toEqual(
      Decision.decodeInput(LabourReimbursement.ClaimInput)(JSON.parse(text) as unknown)
    )
  })

  it("decoders are built once per Schema and options, and reused", () => {
    expect(Decision.decodeInput(LabourReimbursement.ClaimInput, "claim")).toBe(
      Decision.decodeInput(LabourReimbursement.ClaimInput, "claim")
    )
    expect(Decision.decodeInput(LabourReimbursement.ClaimInput, "claim")).not.toBe(
      Decision.decodeInput(LabourReimbursement.ClaimInput, "claim", { unknownKeys: "allow" })
    )
  })

  it("an InvalidInput built by hand (message only) has an empty issue list", () => {
    expect(new Decision.InvalidInput({ input: "x", message: "bad" }).issues).toEqual([])
  })
})
