/**
 * Workload 5c — the partner-tool JSON edge (issue 13): claims per second from JSON text to a
 * labour reimbursement decision (ENP-L1..L8), on the mix of claims of the rules workload.
 *
 * - `hand-written (JSON.parse + guard + rule)` — the reference, the limit: `JSON.parse`, `typeof`
 *   checks of the fields and the hand-written rule of workload 5a (no reasons, no error messages);
 * - `JSON.parse + decide (no decoding)` — the floor of any edge that gives soltrace's explained
 *   decision: the text parsed and decided unchecked (what remains when decoding costs nothing);
 * - `decideJson, Schema decoder only (before)` — the edge as it was before its hand decoder: the
 *   same `Decision.decideJson` on the same fields (`Schema.Struct(ClaimInput.fields)`, which
 *   carries no hand decoder), so the Schema's compiled decoder decodes every claim;
 * - `Decision.decideJson` — the edge now: `ClaimInput`'s hand decoder, the Schema for errors.
 *
 * Before timing, every text is decided by the three edges and the answers must agree (the two
 * `decideJson` edges exactly, as JSON; the hand-written one on accepted/refused and the amount).
 */
import { Decision, LabourReimbursement } from "@soltrace/rules"
import { Result, Schema } from "effect"
import type { Mode, Workload } from "../Harness.js"
import { handLabour, labourInputs } from "./Rules.js"
import type { HandOutcome } from "./Rules.js"

const KINDS: ReadonlySet<unknown> = new Set(["microinverter", "ac-battery", "gateway", "relay", "other"])
const optionalText = (u: unknown): boolean => u === undefined || (typeof u === "string" && u.length > 0)

/** The cheapest guard that still looks at every field (no dates checked, no messages). */
const handGuard = (u: unknown): u is LabourReimbursement.ClaimInput => {
  if (typeof u !== "object" || u === null) return false
  const c = u as Record<string, unknown>
  if (
    typeof c["commissionedOn"] !== "string" ||
    typeof c["interventionOn"] !== "string" ||
    typeof c["claimedOn"] !== "string" ||
    typeof c["paymentAddress"] !== "string" ||
    !Array.isArray(c["devices"]) ||
    c["devices"].length === 0
  )
    return false
  for (const d of c["devices"] as Array<Record<string, unknown>>) {
    if (
      typeof d !== "object" ||
      d === null ||
      typeof d["serial"] !== "string" ||
      !KINDS.has(d["kind"]) ||
      typeof d["detectedByMonitoring"] !== "boolean" ||
      typeof d["shippedBack"] !== "boolean" ||
      !optionalText(d["rmaId"]) ||
      !optionalText(d["rmaApprovedOn"])
    )
      return false
  }
  return true
}

const handEdge = (text: string): HandOutcome | undefined => {
  const u: unknown = JSON.parse(text)
  return handGuard(u) ? handLabour(u) : undefined
}

/** Builds the JSON edge workload. */
export const make = async (mode: Mode): Promise<Workload> => {
  const count = mode === "quick" ? 200 : 1_000
  const texts = labourInputs(count).map((c) => JSON.stringify(c))
  const now = Decision.decideJson(LabourReimbursement.ClaimInput, LabourReimbursement.decide, "claim")
  const before = Decision.decideJson(
    Schema.Struct(LabourReimbursement.ClaimInput.fields),
    LabourReimbursement.decide,
    "claim"
  )

  for (const text of texts) {
    const a = now(text)
    const b = before(text)
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`json-edge: the two edges disagree on ${text}`)
    const hand = handEdge(text)
    if (Result.isFailure(a) || hand === undefined) throw new Error(`json-edge: a valid claim was refused: ${text}`)
    const d = a.success
    const cents = d._tag === "Accepted" ? d.value.amount.cents : 0
    if ((d._tag === "Accepted") !== hand.accepted || cents !== hand.cents)
      throw new Error(`json-edge: hand-written and soltrace disagree on ${text}`)
  }

  let sink = 0
  const loop = (decide: (text: string) => unknown) => () => {
    for (let i = 0; i < texts.length; i++) if (decide(texts[i]!) !== undefined) sink++
    return sink
  }
  const beforeName = "decideJson, Schema decoder only (before)"
  return {
    id: "json-edge",
    title: "5c. JSON edge: JSON text → labour reimbursement decision (Decision.decideJson)",
    unit: "claims",
    reference: "hand-written (JSON.parse + guard + rule)",
    params: { texts: count, bytes: Math.round(texts.reduce((n, t) => n + t.length, 0) / count) },
    contenders: [
      { name: "hand-written (JSON.parse + guard + rule)", units: count, run: loop(handEdge) },
      {
        name: "JSON.parse + decide (no decoding)",
        units: count,
        run: loop((t) => LabourReimbursement.decide(JSON.parse(t) as LabourReimbursement.ClaimInput))
      },
      { name: beforeName, units: count, run: loop(before) },
      { name: "Decision.decideJson", units: count, run: loop(now) }
    ],
    goals: [{ label: "≥ 2× the edge before", contender: "Decision.decideJson", against: beforeName, minRatio: 2 }]
  }
}
