/**
 * The payment schedule of a Walloon standard contract (WAL-2.4.3, WAL-5.4.1, WAL-5.3, D4, D10).
 *
 * The contract has two cap tables that disagree (D4):
 *
 * | milestone | offer template (WAL-2.4.3) | general conditions (WAL-5.4.1) | `"both"` (default) |
 * | --- | --- | --- | --- |
 * | deposit (conclusion, conditions fulfilled) | 20% | 30% | 20% |
 * | after the panels are supplied | 50%, split 20% site opening + 30% site closing | 20% | 20% (site opening ≤ 20%, site closing ≤ 30%) |
 * | inspection acceptance | 20% | 40% | 20% |
 * | administrative file | the balance | the balance | the balance |
 *
 * Both clauses cap each milestone on its own ("amount to pay at …, maximum n%"), not the running
 * total: the general conditions' 30% / 20% / 40% cannot be cumulative (20% after the panels would
 * be below the 30% already allowed at conclusion). Percentages are basis points of the total price
 * incl. VAT (WAL-5.3: the installer invoices the total incl. VAT of the offer).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Reason } from "./Decision.js"
import * as Decision from "./Decision.js"
import * as HandDecode from "./internal/handDecode.js"
import * as Money from "./Money.js"

const Bp = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 10_000 }))

/**
 * Which cap table a schedule is checked against (D4). `"both"` applies, milestone by milestone,
 * the lower of the two caps.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CapPolicy = Schema.Literals(["general-conditions", "offer-template", "both"])

/**
 * @since 0.1.0
 * @category models
 */
export type CapPolicy = "general-conditions" | "offer-template" | "both"

/**
 * D4: the default cap policy, the lower cap milestone by milestone (most favourable to the
 * customer, WAL-5.1.2).
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: CapPolicy = "both"

/**
 * A schedule in basis points of the total price incl. VAT. `afterPanels` is split as WAL-2.4.3
 * splits it: site opening and site closing. The parts must add up to 10000 (100%).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Schedule = Schema.Struct({
  deposit: Bp,
  afterPanels: Schema.Struct({ siteOpening: Bp, siteClosing: Bp }),
  acceptance: Bp,
  administrativeFile: Bp
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Schedule {
  readonly deposit: number
  readonly afterPanels: { readonly siteOpening: number; readonly siteClosing: number }
  readonly acceptance: number
  readonly administrativeFile: number
}

/**
 * A milestone (or part of one) a cap applies to.
 *
 * @since 0.1.0
 * @category models
 */
export type Milestone =
  | "deposit"
  | "afterPanels"
  | "afterPanels.siteOpening"
  | "afterPanels.siteClosing"
  | "acceptance"
  | "administrativeFile"

/**
 * One cap of one clause.
 *
 * @since 0.1.0
 * @category models
 */
export interface Cap {
  readonly rule: "WAL-2.4.3" | "WAL-5.4.1"
  readonly milestone: Exclude<Milestone, "administrativeFile">
  readonly capBp: number
}

/**
 * WAL-2.4.3, the caps printed in the offer template.
 *
 * @since 0.1.0
 * @category caps
 */
export const offerTemplateCaps: ReadonlyArray<Cap> = [
  { rule: "WAL-2.4.3", milestone: "deposit", capBp: 2000 },
  { rule: "WAL-2.4.3", milestone: "afterPanels", capBp: 5000 },
  { rule: "WAL-2.4.3", milestone: "afterPanels.siteOpening", capBp: 2000 },
  { rule: "WAL-2.4.3", milestone: "afterPanels.siteClosing", capBp: 3000 },
  { rule: "WAL-2.4.3", milestone: "acceptance", capBp: 2000 }
]

/**
 * WAL-5.4.1, the caps of the general conditions (no split of the "after panels" payment).
 *
 * @since 0.1.0
 * @category caps
 */
export const generalConditionsCaps: ReadonlyArray<Cap> = [
  { rule: "WAL-5.4.1", milestone: "deposit", capBp: 3000 },
  { rule: "WAL-5.4.1", milestone: "afterPanels", capBp: 2000 },
  { rule: "WAL-5.4.1", milestone: "acceptance", capBp: 4000 }
]

// Built once: `capsOf("both")` is called for every milestone of every schedule.
const bothCaps: ReadonlyArray<Cap> = [...offerTemplateCaps, ...generalConditionsCaps]

/**
 * D4: the caps that apply under a policy (for `"both"`, every cap of both clauses).
 *
 * @since 0.1.0
 * @category caps
 */
export const capsOf = (policy: CapPolicy): ReadonlyArray<Cap> =>
  policy === "offer-template" ? offerTemplateCaps : policy === "general-conditions" ? generalConditionsCaps : bothCaps

// Percentages of integer basis points 0–20000, formatted once each on first use.
const pctCache: Array<string | undefined> = Array.from({ length: 20_001 }, () => undefined)

const pct = (bp: number): string => {
  if (bp >= 0 && bp <= 20_000 && Number.isInteger(bp)) return (pctCache[bp] ??= pctOf(bp))
  return pctOf(bp)
}

const pctOf = (bp: number): string => {
  if (!Number.isSafeInteger(bp)) return `${(bp / 100).toFixed(2)}%`
  // Integer basis points: exact, without `toFixed` (BENCHMARKS.md item 5). Same text as
  // `(bp / 100).toFixed(2)`, e.g. `2000` → `20.00%`, `-5` → `-0.05%`.
  const abs = bp < 0 ? -bp : bp
  const rest = abs % 100
  return (bp < 0 ? "-" : "") + (abs - rest) / 100 + (rest < 10 ? ".0" : ".") + rest + "%"
}

/**
 * A cap with the constant parts of its breach sentence, built once (BENCHMARKS.md item 5):
 * `The ${milestone} payment of ${pct(proposed)} exceeds the ${pct(capBp)} cap of ${rule}.`
 */
interface CompiledCap {
  readonly cap: Cap
  /** The milestone as a small integer, for {@link shareAt}. */
  readonly slot: number
  readonly before: string
  readonly after: string
}

const SLOTS: Record<Cap["milestone"], number> = {
  deposit: 0,
  afterPanels: 1,
  "afterPanels.siteOpening": 2,
  "afterPanels.siteClosing": 3,
  acceptance: 4
}

const shareAt = (s: Schedule, slot: number): number =>
  slot === 0
    ? s.deposit
    : slot === 1
      ? s.afterPanels.siteOpening + s.afterPanels.siteClosing
      : slot === 2
        ? s.afterPanels.siteOpening
        : slot === 3
          ? s.afterPanels.siteClosing
          : s.acceptance

const compile = (caps: ReadonlyArray<Cap>): ReadonlyArray<CompiledCap> =>
  caps.map((cap) => ({
    cap,
    slot: SLOTS[cap.milestone],
    before: `The ${cap.milestone} payment of `,
    after: ` exceeds the ${pct(cap.capBp)} cap of ${cap.rule}.`
  }))

// D4: the reasons of an accepted schedule depend only on the policy.
const acceptedReasons = (policy: CapPolicy): ReadonlyArray<Reason> =>
  Object.freeze([
    Decision.reason("D4", `The schedule respects every cap of the "${policy}" policy.`, Object.freeze({ policy }))
  ])

/**
 * What {@link validate} needs of a policy, built once per policy: its caps with their sentences,
 * the lowest cap of each milestone (`Infinity` where the policy sets none), and the reasons of an
 * acceptance.
 */
interface Table {
  readonly caps: ReadonlyArray<CompiledCap>
  readonly deposit: number
  readonly afterPanels: number
  readonly siteOpening: number
  readonly siteClosing: number
  readonly acceptance: number
  readonly accepted: ReadonlyArray<Reason>
}

const tableOf = (caps: ReadonlyArray<Cap>, policy: CapPolicy): Table => {
  const lowest = (milestone: Cap["milestone"]): number =>
    Math.min(Infinity, ...caps.filter((c) => c.milestone === milestone).map((c) => c.capBp))
  return {
    caps: compile(caps),
    deposit: lowest("deposit"),
    afterPanels: lowest("afterPanels"),
    siteOpening: lowest("afterPanels.siteOpening"),
    siteClosing: lowest("afterPanels.siteClosing"),
    acceptance: lowest("acceptance"),
    accepted: acceptedReasons(policy)
  }
}

const offerTemplate = tableOf(offerTemplateCaps, "offer-template")
const generalConditions = tableOf(generalConditionsCaps, "general-conditions")
const both = tableOf(bothCaps, "both")

/**
 * The refusal of a schedule that breaks at least one cap or does not add up to 100%: every breach,
 * WAL-5.3 first, then each cap of the policy in its table's order.
 */
const refusal = (proposal: Schedule, total: number, table: Table, policy: CapPolicy): Decision.Refused => {
  const breaches: Array<Reason> = []
  if (total !== 10_000) {
    // WAL-5.3: the parts of the total price incl. VAT add up to 100%.
    breaches.push(
      Decision.reason("WAL-5.3", `The schedule adds up to ${pct(total)} of the total price incl. VAT, not 100.00%.`, {
        sumBp: total,
        expectedBp: 10_000
      })
    )
  }
  const caps = table.caps
  for (let i = 0; i < caps.length; i++) {
    // WAL-2.4.3 / WAL-5.4.1: each milestone on its own, at most its cap.
    const { after, before, cap, slot } = caps[i]!
    const proposed = shareAt(proposal, slot)
    if (proposed > cap.capBp) {
      breaches.push(
        Decision.reason(cap.rule, before + pct(proposed) + after, {
          milestone: cap.milestone,
          proposedBp: proposed,
          capBp: cap.capBp,
          policy
        })
      )
    }
  }
  // Non-empty: `validate` calls it only when the sum or a cap fails.
  return { _tag: "Refused", reasons: breaches as [Reason, ...Array<Reason>] }
}

const sumOf = (s: Schedule): number =>
  s.deposit + s.afterPanels.siteOpening + s.afterPanels.siteClosing + s.acceptance + s.administrativeFile

/**
 * Checks a proposed schedule against the caps of `policy` (D4). Every breach is one reason naming
 * its clause (`WAL-2.4.3` or `WAL-5.4.1`), the milestone, the proposed share and the cap; a
 * schedule whose parts do not add up to 100% is refused under WAL-5.3.
 *
 * @since 0.1.0
 * @category rules
 */
export const validate = (proposal: Schedule, policy: CapPolicy = defaultPolicy): Decision.Decision<Schedule> => {
  const table =
    policy === "both"
      ? both
      : policy === "offer-template"
        ? offerTemplate
        : policy === "general-conditions"
          ? generalConditions
          : // a policy name outside the type (untyped caller): the caps of "both", its own name in the reasons
            { ...both, accepted: acceptedReasons(policy) }
  const total = sumOf(proposal)
  const { acceptance, deposit } = proposal
  const { siteClosing, siteOpening } = proposal.afterPanels
  // WAL-5.3: 100% in all; D4: within the lowest cap of each milestone is within every cap of the
  // policy (WAL-2.4.3, WAL-5.4.1) — an accepted schedule needs no more than these comparisons.
  if (
    total === 10_000 &&
    deposit <= table.deposit &&
    siteOpening + siteClosing <= table.afterPanels &&
    siteOpening <= table.siteOpening &&
    siteClosing <= table.siteClosing &&
    acceptance <= table.acceptance
  ) {
    return Decision.accept(proposal, table.accepted)
  }
  return refusal(proposal, total, table, policy)
}

const capFor = (policy: CapPolicy, milestone: Cap["milestone"]): number =>
  Math.min(
    10_000,
    ...capsOf(policy)
      .filter((c) => c.milestone === milestone)
      .map((c) => c.capBp)
  )

/**
 * Amounts of a schedule, incl. VAT (D10).
 *
 * @since 0.1.0
 * @category models
 */
export interface Amounts {
  readonly deposit: Money.Amount
  readonly siteOpening: Money.Amount
  readonly siteClosing: Money.Amount
  /** siteOpening + siteClosing */
  readonly afterPanels: Money.Amount
  readonly acceptance: Money.Amount
  readonly administrativeFile: Money.Amount
  readonly total: Money.Amount
}

/**
 * D10: the amount of each milestone for a total price incl. VAT. Each capped milestone gets its
 * exact share rounded down to the cent, so it never exceeds its cap even by a fraction of a cent;
 * the balance at the administrative file takes what is left, so the parts add up to the total
 * exactly.
 *
 * @since 0.1.0
 * @category rules
 */
export const amounts = (schedule: Schedule, totalInclCents: number): Amounts => {
  const floorShare = (bp: number): number => Number((BigInt(totalInclCents) * BigInt(bp)) / 10_000n)
  const deposit = floorShare(schedule.deposit)
  const siteOpening = floorShare(schedule.afterPanels.siteOpening)
  const siteClosing = floorShare(schedule.afterPanels.siteClosing)
  const acceptance = floorShare(schedule.acceptance)
  const administrativeFile = totalInclCents - deposit - siteOpening - siteClosing - acceptance
  return {
    deposit: Money.incl(deposit),
    siteOpening: Money.incl(siteOpening),
    siteClosing: Money.incl(siteClosing),
    afterPanels: Money.incl(siteOpening + siteClosing),
    acceptance: Money.incl(acceptance),
    administrativeFile: Money.incl(administrativeFile),
    total: Money.incl(totalInclCents)
  }
}

/**
 * A schedule built by {@link build}, with its amounts and the caps it used.
 *
 * @since 0.1.0
 * @category models
 */
export interface Built {
  readonly policy: CapPolicy
  readonly schedule: Schedule
  readonly amounts: Amounts
  readonly reasons: ReadonlyArray<Reason>
}

/**
 * Builds the compliant schedule that asks, milestone by milestone in order, the most `policy`
 * allows, and leaves the balance to the administrative file (D4, D10).
 *
 * @since 0.1.0
 * @category rules
 */
export const build = (totalInclCents: number, policy: CapPolicy = defaultPolicy): Built => {
  const deposit = capFor(policy, "deposit")
  const afterPanelsCap = capFor(policy, "afterPanels")
  const siteOpening = Math.min(capFor(policy, "afterPanels.siteOpening"), afterPanelsCap)
  const siteClosing = Math.min(capFor(policy, "afterPanels.siteClosing"), afterPanelsCap - siteOpening)
  const acceptance = capFor(policy, "acceptance")
  const schedule: Schedule = {
    deposit,
    afterPanels: { siteOpening, siteClosing },
    acceptance,
    administrativeFile: 10_000 - deposit - siteOpening - siteClosing - acceptance
  }
  const rulesOf = (m: Cap["milestone"]) =>
    capsOf(policy)
      .filter((c) => c.milestone === m)
      .map((c) => `${c.rule} ${pct(c.capBp)}`)
      .join(", ")
  const reasons: Array<Reason> = [
    Decision.reason("D4", `Caps of the "${policy}" policy, the lowest per milestone.`, { policy }),
    Decision.reason("D4", `Deposit ${pct(deposit)} (${rulesOf("deposit")}).`, { depositBp: deposit }),
    Decision.reason(
      "WAL-2.4.3",
      `After the panels ${pct(siteOpening + siteClosing)}: site opening ${pct(siteOpening)}, site closing ${pct(siteClosing)} (${rulesOf("afterPanels")}).`,
      {
        siteOpeningBp: siteOpening,
        siteClosingBp: siteClosing
      }
    ),
    Decision.reason("D4", `Acceptance ${pct(acceptance)} (${rulesOf("acceptance")}).`, { acceptanceBp: acceptance }),
    Decision.reason(
      "WAL-5.4.1",
      `The balance of ${pct(schedule.administrativeFile)} is paid when the administrative file is handed over.`,
      {
        administrativeFileBp: schedule.administrativeFile
      }
    ),
    Decision.reason(
      "D10",
      "Capped milestones are rounded down to the cent; the balance takes the rest, so the parts add up to the total exactly.",
      {
        totalInclCents
      }
    )
  ]
  return { policy, schedule, amounts: amounts(schedule, totalInclCents), reasons }
}

/**
 * Input of {@link validate} when it comes from outside: a schedule and a policy name. The
 * partner-tool edge decodes it on a hand-written fast path, with the same answers and errors.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ValidateInput = HandDecode.withHandDecoder(
  Schema.Struct({ schedule: Schedule, policy: CapPolicy }),
  HandDecode.validateInput
)

/**
 * Input of {@link build} when it comes from outside.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BuildInput = Schema.Struct({ totalInclCents: Money.NonNegativeCents, policy: CapPolicy })
