/**
 * `pnpm --filter @soltrace/bench run json-edge` — a few seconds: JSON text → decision for one rule
 * (LabourReimbursement, a claim of two devices), the partner-tool edge of issues 13 and 16.
 *
 * - `before (decodeInput per call)` — what the edge was: the documented
 *   `Decision.decodeInput(Schema)(JSON.parse(body))`, whose decoder (`errors: "all"`) was built on
 *   every call, then `decide`;
 * - `before (decoder built once)` — the same decoder hoisted by hand;
 * - `Decision.decideJson` — the edge now: `ClaimInput`'s hand decoder for what it accepts (issue
 *   13), otherwise one compiled decoder per Schema, unknown keys refused;
 * - `JSON.parse + decide (no decoding)` — the floor.
 *
 * The `json-edge` workload of `pnpm bench` measures the same edge on the rules workload's mix of
 * claims, against the edge without its hand decoder, interleaved.
 *
 * Two phases, because effect's JIT compiler, once enabled for a Schema (by `decideJson`), also
 * speeds up every decoder built for it afterwards: first the two "before" contenders on the
 * interpreter, then the others. Within a phase contenders alternate in rounds on the same text;
 * the median of the rounds is reported, with the spread.
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
// built between the phases (see above)
const edge: { decide?: (text: string) => unknown } = {}

const before: ReadonlyArray<readonly [string, () => unknown]> = [
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
  ]
]
const after: ReadonlyArray<readonly [string, () => unknown]> = [
  ["Decision.decideJson", () => edge.decide!(text)],
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

const rounds = 5
const samples = new Map<string, Array<number>>()
const phase = (contenders: ReadonlyArray<readonly [string, () => unknown]>) => {
  for (const [, f] of contenders) rate(f, 150) // warm-up
  for (const [name] of contenders) samples.set(name, [])
  for (let r = 0; r < rounds; r++) for (const [name, f] of contenders) samples.get(name)!.push(rate(f, 200))
}
phase(before)
edge.decide = Decision.decideJson(LabourReimbursement.ClaimInput, LabourReimbursement.decide, "claim")
phase(after)
const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const base = median(samples.get(before[0]![0])!)
console.log(`JSON text → LabourReimbursement decision (${rounds} rounds of 200 ms, median; min–max)`)
for (const [name, xs] of samples) {
  const m = median(xs)
  console.log(
    `${name.padEnd(36)} ${Math.round(m).toLocaleString("en").padStart(9)}/s  (${Math.round(Math.min(...xs)).toLocaleString("en")}–${Math.round(Math.max(...xs)).toLocaleString("en")})  ×${(m / base).toFixed(2)}`
  )
}
