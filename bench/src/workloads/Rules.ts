/**
 * Workload 5 — rules: decisions per second of `@soltrace/rules` against a hand-written function
 * doing the same arithmetic on the same inputs (the limit: no reasons, no messages, just the
 * outcome and the amount).
 *
 * - labour reimbursement (`LabourReimbursement.decide`, ENP-L1..L8): a mix of accepted claims
 *   (1–4 devices, some excluded) and refused ones (late claim, system too old, nothing eligible);
 * - payment schedule (`PaymentSchedule.validate`, D4, default policy "both"): a mix of compliant
 *   and breaching schedules.
 *
 * Before measuring, every input is decided both ways and the outcomes (accepted/refused and the
 * amount) must agree, so the hand-written functions really do the same work.
 */
import { LabourReimbursement, PaymentSchedule } from "@soltrace/rules"
import type { Mode, Workload } from "../Harness.js"

// ---------------------------------------------------------------------------------------------
// Hand-written date arithmetic on `YYYY-MM-DD` strings
// ---------------------------------------------------------------------------------------------

const num = (s: string, from: number, len: number): number => {
  let n = 0
  for (let i = from; i < from + len; i++) n = n * 10 + (s.charCodeAt(i) - 48)
  return n
}
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const daysIn = (y: number, m: number): number => (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]!)
const two = (n: number): string => (n < 10 ? `0${n}` : String(n))
/** `date + months` (and years as 12 months), end-of-month clamped. */
const addMonths = (date: string, months: number): string => {
  const y0 = num(date, 0, 4)
  const m0 = num(date, 5, 2)
  const d0 = num(date, 8, 2)
  const total = y0 * 12 + (m0 - 1) + months
  const y = Math.floor(total / 12)
  const m = (total % 12) + 1
  const d = Math.min(d0, daysIn(y, m))
  return `${y}-${two(m)}-${two(d)}`
}

/** The outcome of a hand-written decision. */
export interface HandOutcome {
  readonly accepted: boolean
  readonly cents: number
}

/** ENP-L1..L7 by hand: same checks and amount as `LabourReimbursement.decide`, no explanation. */
export const handLabour = (input: LabourReimbursement.ClaimInput): HandOutcome => {
  const tooOldFrom = addMonths(input.commissionedOn, 24)
  if (input.interventionOn < input.commissionedOn || input.interventionOn >= tooOldFrom)
    return { accepted: false, cents: 0 }
  const due = addMonths(input.interventionOn, 6)
  if (input.claimedOn < input.interventionOn || input.claimedOn > due) return { accepted: false, cents: 0 }
  let eligible = 0
  for (const d of input.devices) {
    if (
      d.kind === "microinverter" &&
      d.detectedByMonitoring &&
      d.shippedBack &&
      d.rmaId !== undefined &&
      d.rmaApprovedOn !== undefined &&
      d.rmaApprovedOn <= input.claimedOn
    ) {
      eligible++
    }
  }
  if (eligible === 0) return { accepted: false, cents: 0 }
  return { accepted: true, cents: 15_000 + 2_500 * (eligible - 1) }
}

/** D4 by hand ("both" policy: the lower cap of each milestone): same checks as `validate`. */
export const handSchedule = (s: PaymentSchedule.Schedule): HandOutcome => {
  const open = s.afterPanels.siteOpening
  const close = s.afterPanels.siteClosing
  const ok =
    s.deposit + open + close + s.acceptance + s.administrativeFile === 10_000 &&
    s.deposit <= 2_000 &&
    open + close <= 2_000 &&
    open <= 2_000 &&
    close <= 3_000 &&
    s.acceptance <= 2_000
  return { accepted: ok, cents: 0 }
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const KINDS = ["microinverter", "microinverter", "microinverter", "gateway", "ac-battery"] as const

/** A deterministic mix of claims (about 70% accepted). */
export const labourInputs = (count: number): Array<LabourReimbursement.ClaimInput> => {
  const out: Array<LabourReimbursement.ClaimInput> = []
  let seed = 42
  const rnd = (n: number): number => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) % n
  }
  for (let i = 0; i < count; i++) {
    const commissionedOn = addMonths(`20${22 + rnd(3)}-${two(1 + rnd(12))}-${two(1 + rnd(28))}`, 0)
    const interventionOn = addMonths(commissionedOn, rnd(10) === 0 ? 25 + rnd(5) : rnd(23))
    const claimedOn = addMonths(interventionOn, rnd(10) === 0 ? 7 : rnd(6))
    const devices = Array.from({ length: 1 + rnd(4) }, (_, d) => ({
      serial: `SN-${i}-${d}`,
      kind: KINDS[rnd(KINDS.length)]!,
      detectedByMonitoring: rnd(8) !== 0,
      shippedBack: rnd(8) !== 0,
      rmaId: `RMA-${i}`,
      rmaApprovedOn: interventionOn
    }))
    out.push({
      commissionedOn,
      interventionOn,
      claimedOn,
      devices: devices as unknown as LabourReimbursement.ClaimInput["devices"],
      paymentAddress: "1 rue du Soleil, 5000 Namur"
    })
  }
  return out
}

/** A deterministic mix of schedules (about half compliant). */
export const scheduleInputs = (count: number): Array<PaymentSchedule.Schedule> => {
  const out: Array<PaymentSchedule.Schedule> = []
  for (let i = 0; i < count; i++) {
    const deposit = [1_000, 2_000, 3_000][i % 3]!
    const siteOpening = [1_000, 2_000][i % 2]!
    const siteClosing = i % 5 === 0 ? 1_000 : 0
    const acceptance = [2_000, 1_500, 2_500][i % 3]!
    const administrativeFile = 10_000 - deposit - siteOpening - siteClosing - acceptance - (i % 7 === 0 ? 100 : 0)
    out.push({ deposit, afterPanels: { siteOpening, siteClosing }, acceptance, administrativeFile })
  }
  return out
}

const agree = (label: string, a: HandOutcome, b: HandOutcome, input: unknown): void => {
  if (a.accepted !== b.accepted || a.cents !== b.cents) {
    throw new Error(
      `rules: ${label} disagree on ${JSON.stringify(input)}: soltrace ${JSON.stringify(a)}, hand ${JSON.stringify(b)}`
    )
  }
}

/** Builds the two rules workloads. */
export const make = async (mode: Mode): Promise<ReadonlyArray<Workload>> => {
  const count = mode === "quick" ? 200 : 1_000
  const claims = labourInputs(count)
  const schedules = scheduleInputs(count)

  let acceptedClaims = 0
  for (const c of claims) {
    const d = LabourReimbursement.decide(c)
    const outcome =
      d._tag === "Accepted" ? { accepted: true, cents: d.value.amount.cents } : { accepted: false, cents: 0 }
    if (outcome.accepted) acceptedClaims++
    agree("labour reimbursement", outcome, handLabour(c), c)
  }
  let compliant = 0
  for (const s of schedules) {
    const d = PaymentSchedule.validate(s)
    if (d._tag === "Accepted") compliant++
    agree("payment schedule", { accepted: d._tag === "Accepted", cents: 0 }, handSchedule(s), s)
  }

  let sink = 0
  const labourSoltrace = () => {
    for (let i = 0; i < claims.length; i++) sink += LabourReimbursement.decide(claims[i]!).reasons.length
    return sink
  }
  const labourHand = () => {
    for (let i = 0; i < claims.length; i++) sink += handLabour(claims[i]!).cents
    return sink
  }
  const scheduleSoltrace = () => {
    for (let i = 0; i < schedules.length; i++) sink += PaymentSchedule.validate(schedules[i]!).reasons.length
    return sink
  }
  const scheduleHand = () => {
    for (let i = 0; i < schedules.length; i++) sink += handSchedule(schedules[i]!).accepted ? 1 : 0
    return sink
  }

  return [
    {
      id: "rules-labour",
      title: "5a. Rules: labour reimbursement decisions (ENP-L1..L8)",
      unit: "decisions",
      reference: "hand-written",
      params: { inputs: count, accepted: acceptedClaims },
      contenders: [
        { name: "hand-written", units: count, run: labourHand },
        { name: "LabourReimbursement.decide", units: count, run: labourSoltrace }
      ],
      goals: [
        { label: "≥ 1,000,000 decisions/s", contender: "LabourReimbursement.decide", minPerSecond: 1_000_000 },
        { label: "≥ 0.5× hand-written", contender: "LabourReimbursement.decide", minRatio: 0.5 }
      ]
    },
    {
      id: "rules-schedule",
      title: "5b. Rules: payment schedule validation (D4)",
      unit: "decisions",
      reference: "hand-written",
      params: { inputs: count, compliant },
      contenders: [
        { name: "hand-written", units: count, run: scheduleHand },
        { name: "PaymentSchedule.validate", units: count, run: scheduleSoltrace }
      ],
      goals: [
        { label: "≥ 1,000,000 decisions/s", contender: "PaymentSchedule.validate", minPerSecond: 1_000_000 },
        { label: "≥ 0.5× hand-written", contender: "PaymentSchedule.validate", minRatio: 0.5 }
      ]
    }
  ]
}
