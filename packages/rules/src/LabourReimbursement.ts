/**
 * Labour reimbursement for one intervention day on one system (ENP-L1..L8, D2, D3).
 *
 * - ENP-L1/D3: the system was commissioned less than 2 years before the intervention
 *   (`intervention < commissioning + 2 years`).
 * - ENP-L2: microinverters only — other devices are left out of the count, with a reason.
 * - ENP-L2/D15: the programme's own maker's microinverters only — when the policy names the
 *   programme's `manufacturer`, a device of another maker (an APsystems microinverter under
 *   Enphase's programme) is left out, with a reason naming the programme; every reason of a
 *   decision under a named `programme` carries it in its figures.
 * - ENP-L3: the microinverter was detected as defective by the monitoring platform.
 * - ENP-L4: it was shipped back to the manufacturer.
 * - ENP-L5/D3: the claim is made at most 6 months after the intervention
 *   (`claim ≤ intervention + 6 months`, end-of-month clamped, inclusive).
 * - ENP-L6: its RMA existed before the claim (`RMA approval date ≤ claim date`).
 * - ENP-R7: it was replaced on or after its RMA approval (replacement only after authorization).
 * - ENP-L7/D2: €150 excl. VAT for the first eligible microinverter of the day, €25 for each further
 *   one the same day.
 * - ENP-L8: paid by cheque to the address entered in the claim.
 *
 * A device failing L2, L3, L4, L6 or R7 is excluded from the count; the claim is refused when L1 or L5
 * fails or when no device is left. A refusal lists every refusing reason at once.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Calendar from "./Calendar.js"
import * as Decision from "./Decision.js"
import * as HandDecode from "./internal/handDecode.js"
import * as Money from "./Money.js"
import * as WarrantyTerms from "./WarrantyTerms.js"

/**
 * One device replaced on the intervention day.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReplacedDevice = Schema.Struct({
  serial: Schema.String.check(Schema.isMinLength(1)),
  kind: WarrantyTerms.DeviceKind,
  /** D15: the device's maker (checked against the programme's `manufacturer`, when both are given). */
  manufacturer: Schema.optional(WarrantyTerms.Manufacturer),
  detectedByMonitoring: Schema.Boolean,
  shippedBack: Schema.Boolean,
  rmaId: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  rmaApprovedOn: Schema.optional(Calendar.CalendarDate)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ReplacedDevice = typeof ReplacedDevice.Type

/**
 * A claim for one intervention day on one system. Serials must be distinct. The partner-tool edge
 * (`Decision.decodeJson`, `Decision.decideJson`) decodes it on a hand-written fast path, with the
 * same answers and errors as the Schema.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ClaimInput = HandDecode.withHandDecoder(
  Schema.Struct({
    commissionedOn: Calendar.CalendarDate,
    interventionOn: Calendar.CalendarDate,
    claimedOn: Calendar.CalendarDate,
    devices: Schema.NonEmptyArray(ReplacedDevice).check(
      Schema.makeFilter((devices: ReadonlyArray<ReplacedDevice>) => {
        const serials = devices.map((d) => d.serial)
        const dup = serials.find((s, i) => serials.indexOf(s) !== i)
        return dup === undefined ? undefined : `Serial ${dup} is listed twice`
      })
    ),
    paymentAddress: Schema.String.check(Schema.isMinLength(1))
  }),
  HandDecode.claimInput
)

/**
 * @since 0.1.0
 * @category models
 */
export type ClaimInput = typeof ClaimInput.Type

/**
 * Policy parameters (D2, D3): amounts in cents excl. VAT (non-negative integers) and the two
 * windows. A Schema, so that a policy read from configuration is decoded like any input.
 *
 * @since 0.1.0
 * @category policy
 */
export const Policy = Schema.Struct({
  firstUnitCents: Money.NonNegativeCents,
  additionalUnitCents: Money.NonNegativeCents,
  commissioningWindow: Calendar.Span,
  claimWindow: Calendar.Span,
  /** D15: the maker whose microinverters the programme reimburses (any maker when absent). */
  manufacturer: Schema.optional(WarrantyTerms.Manufacturer),
  /** D15: the programme's name, carried in every reason's figures (`programme`). */
  programme: Schema.optional(Schema.String.check(Schema.isMinLength(1)))
})

/**
 * @since 0.1.0
 * @category policy
 */
export type Policy = typeof Policy.Type

/**
 * D2/D3 defaults: €150 first, €25 each further, 2 years from commissioning, 6 months to claim —
 * the terms of Enphase's programme (seed 001), so they reimburse Enphase microinverters only
 * (D15/ENP-L2: « Enphase propose un remboursement … », « réexpédié à Enphase Energy »): a device
 * that names another maker is left out. A device that names no maker is counted.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  firstUnitCents: 150_00,
  additionalUnitCents: 25_00,
  commissioningWindow: { years: 2 },
  claimWindow: { months: 6 },
  manufacturer: "Enphase"
}

/**
 * What an accepted claim pays.
 *
 * @since 0.1.0
 * @category models
 */
export interface Reimbursement {
  /** ENP-L7: the amount, excl. VAT. */
  readonly amount: Money.Amount
  /** The microinverters counted. */
  readonly eligibleSerials: ReadonlyArray<string>
  /** Devices left out of the count, with why. */
  readonly excluded: ReadonlyArray<{ readonly serial: string; readonly reasons: ReadonlyArray<Decision.Reason> }>
  /** ENP-L5/D3: the last day the claim could be made. */
  readonly claimDeadline: Decision.Deadline
  /** ENP-L8: cheque to the claim's address. */
  readonly payment: { readonly method: "cheque"; readonly address: string }
}

/**
 * ENP-L7/D2: the amount for `n` eligible microinverters replaced the same day (0 for none).
 *
 * @since 0.1.0
 * @category rules
 */
export const amountFor = (n: number, policy: Policy = defaultPolicy): number =>
  n <= 0 ? 0 : policy.firstUnitCents + policy.additionalUnitCents * (n - 1)

/**
 * ENP-L5/D3: the last day on which a claim for an intervention on `interventionOn` may be made.
 *
 * @since 0.1.0
 * @category rules
 */
export const claimDeadline = (interventionOn: string, policy: Policy = defaultPolicy): Decision.Deadline =>
  claimDeadlineOn(Calendar.deadline(interventionOn, policy.claimWindow))

/** ENP-L5: the claim deadline falling on `due` (built only for an accepted claim). */
const claimDeadlineOn = (due: string): Decision.Deadline => ({
  rule: "ENP-L5",
  what: "claim labour reimbursement",
  due
})

const spanText = (span: Calendar.Span): string => {
  const [n, unit] =
    "days" in span ? [span.days, "day"] : "months" in span ? [span.months, "month"] : [span.years, "year"]
  return `${n} ${unit}${n === 1 ? "" : "s"}`
}

/**
 * The parts of the reasons' sentences that depend only on the policy, built once per policy rather
 * than on every decision (BENCHMARKS.md item 5). The sentences are unchanged.
 */
interface PolicyTexts {
  readonly firstUnitCents: number
  readonly additionalUnitCents: number
  readonly commissioningWindow: Calendar.Span
  readonly claimWindow: Calendar.Span
  /** ENP-L1 refusal, followed by the first day too old and ` are not reimbursed.` */
  readonly l1TooOld: string
  /** ENP-L1 note, whole. */
  readonly l1Covered: string
  /** ENP-L5 refusal, followed by the last valid day and `.` */
  readonly l5Late: string
  /** ENP-L7, between the intervention date and the amount. */
  readonly l7Middle: string
  /** ENP-L7, everything after the intervention date, by count of microinverters (filled on use). */
  readonly l7Tail: Array<string | undefined>
}

const textsOf = (policy: Policy): PolicyTexts => {
  const commissioning = spanText(policy.commissioningWindow)
  return {
    firstUnitCents: policy.firstUnitCents,
    additionalUnitCents: policy.additionalUnitCents,
    commissioningWindow: policy.commissioningWindow,
    claimWindow: policy.claimWindow,
    l1TooOld: `The system was not commissioned less than ${commissioning} before the intervention (D3): interventions from `,
    l1Covered: `The system was commissioned less than ${commissioning} before the intervention (D3).`,
    l5Late: `The claim is more than ${spanText(policy.claimWindow)} after the intervention: the last valid day was `,
    l7Middle: `: ${Money.format(policy.firstUnitCents)} for the first and ${Money.format(policy.additionalUnitCents)} for each further one (D2) = `,
    l7Tail: []
  }
}

const textsCache = new WeakMap<Policy, PolicyTexts>()
const defaultTexts = textsOf(defaultPolicy)

const textsFor = (policy: Policy): PolicyTexts => {
  let t = policy === defaultPolicy ? defaultTexts : textsCache.get(policy)
  // A policy object changed since it was cached is described afresh.
  if (
    t === undefined ||
    t.firstUnitCents !== policy.firstUnitCents ||
    t.additionalUnitCents !== policy.additionalUnitCents ||
    t.commissioningWindow !== policy.commissioningWindow ||
    t.claimWindow !== policy.claimWindow
  ) {
    t = textsOf(policy)
    if (policy !== defaultPolicy) textsCache.set(policy, t)
  }
  return t
}

const l7Tail = (texts: PolicyTexts, count: number, cents: number): string => {
  let tail = texts.l7Tail[count]
  if (tail === undefined) {
    tail = texts.l7Middle + Money.format(cents) + " excl. VAT."
    if (count < 64) texts.l7Tail[count] = tail
  }
  return tail
}

// ENP-L7, before the intervention date: `2 microinverter(s) replaced on `, built once per count.
const L7_HEADS: Array<string> = Array.from({ length: 16 }, (_, n) => `${n} microinverter(s) replaced on `)
const l7Head = (count: number): string => L7_HEADS[count] ?? `${count} microinverter(s) replaced on `

const L1_BEFORE_COMMISSIONING = "The intervention is dated before the system's commissioning."
const L5_BEFORE_INTERVENTION = "The claim is dated before the intervention."
const NO_EXCLUSIONS: Reimbursement["excluded"] = Object.freeze([])
const L8_CHEQUE = "Paid by cheque sent to the address entered in the claim."

// `undefined` when the device is eligible: no array for a device with nothing to say.
const deviceReasons = (
  d: ReplacedDevice,
  interventionOn: string,
  claimedOn: string,
  policy: Policy
): Array<Decision.Reason> | undefined => {
  let out: Array<Decision.Reason> | undefined
  if (
    policy.manufacturer !== undefined &&
    d.manufacturer !== undefined &&
    d.manufacturer.toLowerCase() !== policy.manufacturer.toLowerCase()
  ) {
    // ENP-L2/D15: "Enphase propose un remboursement …" — its own microinverters only.
    const programme = policy.programme ?? `${policy.manufacturer}'s labour reimbursement programme`
    ;(out ??= []).push(
      Decision.reason(
        "ENP-L2",
        `Serial ${d.serial} is a ${d.manufacturer} ${d.kind}: ${programme} reimburses ${policy.manufacturer} microinverters only (D15).`,
        { serial: d.serial, manufacturer: d.manufacturer, programmeManufacturer: policy.manufacturer }
      )
    )
  }
  if (d.kind !== "microinverter") {
    ;(out ??= []).push(
      Decision.reason("ENP-L2", `Serial ${d.serial} is a ${d.kind}: only microinverters are reimbursed.`, {
        serial: d.serial,
        kind: d.kind
      })
    )
  }
  if (!d.detectedByMonitoring) {
    ;(out ??= []).push(
      Decision.reason("ENP-L3", `Serial ${d.serial} was not detected as defective by the monitoring platform.`, {
        serial: d.serial
      })
    )
  }
  if (!d.shippedBack) {
    ;(out ??= []).push(
      Decision.reason("ENP-L4", `Serial ${d.serial} was not shipped back to the manufacturer.`, { serial: d.serial })
    )
  }
  if (d.rmaId === undefined || d.rmaApprovedOn === undefined) {
    ;(out ??= []).push(Decision.reason("ENP-L6", `Serial ${d.serial} has no approved RMA.`, { serial: d.serial }))
  } else if (d.rmaApprovedOn > claimedOn) {
    ;(out ??= []).push(
      Decision.reason("ENP-L6", `The RMA of serial ${d.serial} was approved after the claim: it must exist before.`, {
        serial: d.serial,
        rmaId: d.rmaId,
        rmaApprovedOn: d.rmaApprovedOn,
        claimedOn
      })
    )
  }
  if (d.rmaApprovedOn !== undefined && d.rmaApprovedOn > interventionOn) {
    // ENP-R7 (seed: "procédez au remplacement seulement APRÈS avoir obtenu l'autorisation").
    ;(out ??= []).push(
      Decision.reason("ENP-R7", `Serial ${d.serial} was replaced before its RMA was approved.`, {
        serial: d.serial,
        rmaApprovedOn: d.rmaApprovedOn,
        interventionOn
      })
    )
  }
  return out
}

/**
 * Decides a labour reimbursement claim for one intervention day.
 *
 * @example
 * ```ts
 * import { LabourReimbursement } from "@soltrace/rules"
 * const decision = LabourReimbursement.decide({
 *   commissionedOn: "2024-03-10", interventionOn: "2025-05-06", claimedOn: "2025-06-01",
 *   devices: [
 *     { serial: "A", kind: "microinverter", detectedByMonitoring: true, shippedBack: true, rmaId: "R1", rmaApprovedOn: "2025-05-02" },
 *     { serial: "B", kind: "microinverter", detectedByMonitoring: true, shippedBack: true, rmaId: "R1", rmaApprovedOn: "2025-05-02" }
 *   ],
 *   paymentAddress: "1 rue du Soleil, Namur"
 * })
 * // Accepted, amount { cents: 17500, vat: "excl" }
 * ```
 *
 * @since 0.1.0
 * @category rules
 */
export const decide = (input: ClaimInput, policy: Policy = defaultPolicy): Decision.Decision<Reimbursement> =>
  policy.programme === undefined
    ? decideUnder(input, policy)
    : namingProgramme(decideUnder(input, policy), policy.programme)

const withProgramme = (r: Decision.Reason, programme: string): Decision.Reason => ({
  ...r,
  figures: { ...r.figures, programme }
})

/** D15: every reason of a decision under a named programme says which programme decided. */
const namingProgramme = (
  decision: Decision.Decision<Reimbursement>,
  programme: string
): Decision.Decision<Reimbursement> => {
  if (Decision.isRefused(decision)) {
    const [first, ...rest] = decision.reasons
    return Decision.refuse(withProgramme(first, programme), ...rest.map((r) => withProgramme(r, programme)))
  }
  return Decision.accept(
    {
      ...decision.value,
      excluded: decision.value.excluded.map((e) => ({
        ...e,
        reasons: e.reasons.map((r) => withProgramme(r, programme))
      }))
    },
    decision.reasons.map((r) => withProgramme(r, programme))
  )
}

const decideUnder = (input: ClaimInput, policy: Policy): Decision.Decision<Reimbursement> => {
  const texts = textsFor(policy)
  const { claimedOn, commissionedOn, interventionOn } = input

  // ENP-L1/D3: a coverage period, evaluated at the intervention date (`Calendar.coveredOn`,
  // with the end computed once). `undefined` when it holds (its note is written on acceptance).
  const l1End = Calendar.coverageEnd(commissionedOn, policy.commissioningWindow)
  const l1Figures = { commissionedOn, interventionOn, firstDayTooOld: l1End }
  const l1Refusal =
    interventionOn < commissionedOn
      ? Decision.reason("ENP-L1", L1_BEFORE_COMMISSIONING, l1Figures)
      : !(interventionOn < l1End)
        ? Decision.reason("ENP-L1", texts.l1TooOld + l1End + " are not reimbursed.", l1Figures)
        : undefined

  // ENP-L5/D3: a time limit for a step, inclusive. `undefined` when the claim is in time.
  const due = Calendar.deadline(interventionOn, policy.claimWindow)
  const l5Figures = { interventionOn, claimedOn, lastValidDay: due }
  const l5Refusal =
    claimedOn < interventionOn
      ? Decision.reason("ENP-L5", L5_BEFORE_INTERVENTION, l5Figures)
      : !Calendar.inTime(claimedOn, due)
        ? Decision.reason("ENP-L5", texts.l5Late + due + ".", l5Figures)
        : undefined

  // ENP-L2, L3, L4, L6, R7: per device.
  const eligible: Array<string> = []
  // Allocated only when a device is excluded (most claims share the frozen empty list).
  let excluded: Array<{ serial: string; reasons: Array<Decision.Reason> }> | undefined
  for (const d of input.devices) {
    const rs = deviceReasons(d, interventionOn, claimedOn, policy)
    if (rs === undefined) eligible.push(d.serial)
    else (excluded ??= []).push({ serial: d.serial, reasons: rs })
  }

  if (l1Refusal !== undefined || l5Refusal !== undefined || (eligible.length === 0 && excluded !== undefined)) {
    // Report every reason at once: device exclusions too (when no device is left, they refuse).
    const reasons: Array<Decision.Reason> = []
    if (l1Refusal !== undefined) reasons.push(l1Refusal)
    if (l5Refusal !== undefined) reasons.push(l5Refusal)
    if (excluded !== undefined) for (const e of excluded) for (const r of e.reasons) reasons.push(r)
    // Non-empty: a refusing reason, or no device left (each excluded with at least one reason).
    const refused: Decision.Refused = {
      _tag: "Refused",
      reasons: reasons as [Decision.Reason, ...Array<Decision.Reason>]
    }
    return refused
  }

  // Accepted: the notes of ENP-L1 and L5, the exclusions, then ENP-L7 and L8.
  const notes: Array<Decision.Reason> = [
    Decision.reason("ENP-L1", texts.l1Covered, l1Figures),
    Decision.reason("ENP-L5", "The claim is in time: the last valid day is " + due + ".", l5Figures)
  ]
  if (excluded !== undefined) for (const e of excluded) for (const r of e.reasons) notes.push(r)
  const cents = amountFor(eligible.length, policy)
  notes.push(
    Decision.reason("ENP-L7", l7Head(eligible.length) + interventionOn + l7Tail(texts, eligible.length, cents), {
      count: eligible.length,
      firstUnitCents: policy.firstUnitCents,
      additionalUnitCents: policy.additionalUnitCents,
      amountCents: cents
    }),
    Decision.reason("ENP-L8", L8_CHEQUE, { address: input.paymentAddress })
  )
  return Decision.accept<Reimbursement>(
    {
      amount: Money.excl(cents),
      eligibleSerials: eligible,
      excluded: excluded ?? NO_EXCLUSIONS,
      claimDeadline: claimDeadlineOn(due),
      payment: { method: "cheque", address: input.paymentAddress }
    },
    notes
  )
}
