/**
 * `pnpm --filter @soltrace/bench run json-edge` — a few seconds: JSON text → decision for one rule
 * (LabourReimbursement, a claim of two devices), the partner-tool edge of issues 13 and 16.
 *
 * - `before (decodeInput per call)` — what the edge was: the documented
 *   `Decision.decodeInput(Schema)(JSON.parse(body))`, whose decoder (`errors: "all"`) was built on
 *   every call, then `decide`;
 * - `before (decoder built once)` — the same decoder hoisted by hand;
 * - `Decision.decideJson` — the edge now: one compiled decoder per Schema, the first-error fast
 *   path for valid input, unknown keys refused;
 * - `JSON.parse + decide (no decoding)` — the floor.
 *
 * Contenders alternate in rounds on the same text; the median of the rounds is reported.
 */
import { Decision, LabourReimbursement } from "@soltrace/rules"
import { Result, Schema } from "effect"

const text = JSON.stringify({
  commissionedOn: "2024-03-10",
  interventionOn: "2025-05-06",
  claimedOn: "2025-06-01",
  devices: ["M-001", "M-002"].map((serial, i) => ({
    serial,
    rmaApprovedOn: "2025-05-02",
    kind: "microinverter",
    detectedByMonitoring: true,
    shippedBack: true,
    rmaId: `R-${i + 1}`
  })),
  paymentAddress: "1 rue du Soleil, 5000 Namur"
})

// the edge as it was before: a decoder built by each call of decodeInput
const decodeInputBefore = <S extends Schema.Decoder<unknown>>(schema: S) => {
  const decode = Schema.decodeUnknownResult(schema, { errors: "all" })
  return (input: unknown) => decode(input)
}
const hoisted = decodeInputBefore(LabourReimbursement.ClaimInput)
const edge = Decision.decideJson(LabourReimbursement.ClaimInput, LabourReimbursement.decide, "claim")

const contenders: ReadonlyArray<readonly [string, () => unknown]> = [
  [
    "before (decodeInput per call)",
    () => {
      const r = decodeInputBefore(LabourReimbursement.ClaimInput)(JSON.parse(text))
      return Result.isSuccess(r) ? LabourReimbursement.decide(r.success) : r
    }
  ],
  [
    "before (decoder built once)",
    () => {
      const r = hoisted(JSON.parse(text))
      return Result.isSuccess(r) ? LabourReimbursement.decide(r.success) : r
    }
  ],
  ["Decision.decideJson", () => edge(text)],
  [
    "JSON.parse + decide (no decoding)",
    () => LabourReimbursement.decide(JSON.parse(text) as LabourReimbursement.ClaimInput)
  ]
]

const rate = (f: () => unknown, ms: number): number => {
  const t0 = performance.now()
  let n = 0
  while (performance.now() - t0 < ms) {
    for (let i = 0; i < 100; i++) f()
    n += 100
  }
  return n / ((performance.now() - t0) / 1000)
}

for (const [, f] of contenders) rate(f, 150) // warm-up
const rounds = 5
const samples = new Map<string, Array<number>>(contenders.map(([name]) => [name, []]))
for (let r = 0; r < rounds; r++) for (const [name, f] of contenders) samples.get(name)!.push(rate(f, 200))
const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const base = median(samples.get(contenders[0]![0])!)
console.log(`JSON text → LabourReimbursement decision (${rounds} rounds of 200 ms, median; min–max)`)
for (const [name] of contenders) {
  const xs = samples.get(name)!
  const m = median(xs)
  console.log(
    `${name.padEnd(36)} ${Math.round(m).toLocaleString("en").padStart(9)}/s  (${Math.round(Math.min(...xs)).toLocaleString("en")}–${Math.round(Math.max(...xs)).toLocaleString("en")})  ×${(m / base).toFixed(2)}`
  )
}
