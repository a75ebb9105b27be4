/**
 * Offer validity and the suspensive conditions of a Walloon standard contract (WAL-2.3, WAL-4a,
 * WAL-4b, WAL-5.2.1, WAL-5.2.2, D5, D14).
 *
 * D14: the offer's and the loan's last days roll over to the next working day when they fall on a
 * Saturday, a Sunday or a Belgian legal holiday (Civil Code, Book 1, art. 1.7 — outside law, for
 * last days from 2023-01-01); policy `rollOver` (on by default).
 *
 * Each rule answers "does the contract hold?": accepted (it holds, or is still pending) or refused
 * (it has no effect), with the deadline that applies.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Deadline from "./Deadline.js"
import type { Reason } from "./Decision.js"
import * as Decision from "./Decision.js"
import * as Calendar from "./Calendar.js"
import { type Equals, PositiveInt, sameType } from "./internal/policy.js"
import * as Money from "./Money.js"

// ---------------------------------------------------------------------------
// Offer validity (WAL-2.3)
// ---------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const OfferInput = Schema.Struct({
  offerSignedOn: Calendar.CalendarDate,
  orderedOn: Calendar.CalendarDate
})

/**
 * D14: the roll-over of the offer's last day (on by default) and extra closing days.
 *
 * @since 0.1.0
 * @category policy
 */
export type OfferPolicy = Deadline.RollOverPolicy

/**
 * @since 0.1.0
 * @category policy
 */
export const defaultOfferPolicy: OfferPolicy = Deadline.defaultRollOverPolicy

/**
 * {@link OfferPolicy} when it comes from outside (configuration).
 *
 * @since 0.1.0
 * @category schemas
 */
export const OfferPolicySchema = Deadline.RollOverPolicySchema

/**
 * WAL-2.3/D14: the last day on which the offer may be accepted (signature + 30 calendar days,
 * rolled over to the next working day).
 *
 * @since 0.1.0
 * @category time limits
 */
export const offerDeadline = (
  offerSignedOn: Calendar.CalendarDate,
  policy: OfferPolicy = defaultOfferPolicy
): Deadline.Deadline =>
  Deadline.limit(
    {
      rule: "WAL-2.3",
      what: "accept the offer (order)",
      party: "customer",
      kind: "right",
      event: offerSignedOn,
      span: { days: 30 }
    },
    policy
  )

/**
 * WAL-2.3: an order placed after the offer has expired is refused.
 *
 * @since 0.1.0
 * @category rules
 */
export const offerValidity = (
  input: typeof OfferInput.Type,
  policy: OfferPolicy = defaultOfferPolicy
): Decision.Decision<{ readonly deadline: Deadline.Deadline }> => {
  const d = offerDeadline(input.offerSignedOn, policy)
  const figures = {
    offerSignedOn: input.offerSignedOn,
    validityDays: 30,
    ...Deadline.figures(d),
    orderedOn: input.orderedOn
  }
  if (input.orderedOn < input.offerSignedOn) {
    return Decision.refuse(
      Decision.reason(
        "WAL-2.3",
        `The order (${input.orderedOn}) predates the offer's signature (${input.offerSignedOn}).`,
        figures
      )
    )
  }
  return Calendar.inTime(input.orderedOn, d.due)
    ? Decision.accept({ deadline: d }, [
        Decision.reason(
          "WAL-2.3",
          `Ordered on ${input.orderedOn}, within the offer's 30 days (last day ${d.due}${Deadline.note(d)}).`,
          figures
        )
      ])
    : Decision.refuse(
        Decision.reason(
          "WAL-2.3",
          `Ordered on ${input.orderedOn}, after the offer expired (last day ${d.due}${Deadline.note(d)}).`,
          figures
        )
      )
}

// ---------------------------------------------------------------------------
// Loan condition (WAL-4a, WAL-5.2.1, D5)
// ---------------------------------------------------------------------------

/**
 * Where the loan stands.
 *
 * - `Pending`: no answer yet at `evaluatedOn`.
 * - `Obtained` on a date.
 * - `Refused` on a date; `refusalCertificate` says whether a lender's refusal certificate shows it.
 * - `PreventedByCustomer`: the customer prevented the condition (Civil Code art. 1178).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LoanOutcome = Schema.Union([
  Schema.TaggedStruct("Pending", { evaluatedOn: Calendar.CalendarDate }),
  Schema.TaggedStruct("Obtained", { on: Calendar.CalendarDate }),
  Schema.TaggedStruct("Refused", { on: Calendar.CalendarDate, refusalCertificate: Schema.Boolean }),
  Schema.TaggedStruct("PreventedByCustomer", {})
])

/**
 * @since 0.1.0
 * @category schemas
 */
export const LoanInput = Schema.Struct({
  orderedOn: Calendar.CalendarDate,
  /** The period written in the order (part 4), if any. */
  agreedDays: Schema.optional(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
  outcome: LoanOutcome
})

/**
 * @since 0.1.0
 * @category models
 */
export type LoanInput = typeof LoanInput.Type

/**
 * @since 0.1.0
 * @category policy
 */
export interface LoanPolicy {
  /** WAL-5.2.1: the period when none longer is agreed. */
  readonly minimumDays: number
  /**
   * D14: roll the last day over to the next working day (on by default). Optional so that a
   * policy written before it still reads; absent means on.
   */
  readonly rollOver?: boolean
}

/**
 * @since 0.1.0
 * @category policy
 */
export const defaultLoanPolicy: LoanPolicy = { minimumDays: 45, rollOver: true }

/**
 * {@link LoanPolicy} when it comes from outside (e.g. a partner tool's settings): a positive number
 * of days, and whether the last day rolls over (D14; absent means on).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LoanPolicySchema = Schema.Struct({ minimumDays: PositiveInt, rollOver: Schema.optional(Schema.Boolean) })

sameType<Equals<typeof LoanPolicySchema.Type, LoanPolicy>>()

/**
 * @since 0.1.0
 * @category models
 */
export type LoanStatus = "final" | "pending" | "deemed-fulfilled"

/**
 * D5: the effective loan period and the warnings about the agreed one.
 *
 * @since 0.1.0
 * @category time limits
 */
export const loanDeadline = (
  input: Pick<LoanInput, "orderedOn" | "agreedDays">,
  policy: LoanPolicy = defaultLoanPolicy
): {
  readonly deadline: Deadline.Deadline
  readonly effectiveDays: number
  readonly warnings: ReadonlyArray<Reason>
} => {
  const agreed = input.agreedDays
  const effectiveDays = Math.max(agreed ?? policy.minimumDays, policy.minimumDays)
  const warnings: Array<Reason> = []
  if (agreed !== undefined && agreed < policy.minimumDays) {
    warnings.push(
      Decision.reason(
        "D5",
        `Warning: the agreed ${agreed}-day loan period is shorter than the ${policy.minimumDays} days of WAL-5.2.1; to the customer's detriment, it is deemed unwritten (WAL-5.1.2) and ${effectiveDays} days apply.`,
        {
          agreedDays: agreed,
          effectiveDays
        }
      )
    )
    if (agreed < 30) {
      warnings.push(
        Decision.reason("WAL-4a", `Warning: the order form requires at least 30 days; ${agreed} were written.`, {
          agreedDays: agreed,
          minimumDays: 30
        })
      )
    }
  }
  return {
    // D5/D14: the effective period, its last day rolled over.
    deadline: Deadline.limit(
      {
        rule: "WAL-5.2.1",
        what: "obtain the bank loan",
        party: "customer",
        kind: "obligation",
        event: input.orderedOn,
        span: { days: effectiveDays }
      },
      { rollOver: policy.rollOver ?? true, extraClosingDays: [] }
    ),
    effectiveDays,
    warnings
  }
}

/**
 * WAL-4a/WAL-5.2.1/D5: does the contract hold under the loan condition? Accepted with a status
 * (`final`, `pending`, `deemed-fulfilled`), or refused when the contract has no effect (a refusal
 * shown by a certificate, or the period over without a loan).
 *
 * @since 0.1.0
 * @category rules
 */
export const loanCondition = (
  input: LoanInput,
  policy: LoanPolicy = defaultLoanPolicy
): Decision.Decision<{
  readonly status: LoanStatus
  readonly deadline: Deadline.Deadline
  readonly effectiveDays: number
}> => {
  const { deadline: d, effectiveDays, warnings } = loanDeadline(input, policy)
  const base = { orderedOn: input.orderedOn, effectiveDays, ...Deadline.figures(d) }
  const ok = (status: LoanStatus, r: Reason) =>
    Decision.accept({ status, deadline: d, effectiveDays }, [r, ...warnings])
  const no = (r: Reason) => Decision.refuse(r, ...warnings)
  const o = input.outcome
  switch (o._tag) {
    case "PreventedByCustomer":
      return ok(
        "deemed-fulfilled",
        Decision.reason(
          "WAL-5.2.1",
          "The customer prevented the condition: it is deemed fulfilled (Civil Code art. 1178), the contract is final.",
          base
        )
      )
    case "Obtained":
      return Calendar.inTime(o.on, d.due)
        ? ok(
            "final",
            Decision.reason(
              "WAL-5.2.1",
              `Loan obtained on ${o.on}, within the period (last day ${d.due}): the contract is final.`,
              { ...base, obtainedOn: o.on }
            )
          )
        : no(
            Decision.reason(
              "WAL-5.2.1",
              `Loan obtained on ${o.on}, after the period ended (${d.due}): the condition had already failed (Civil Code art. 1176) and the contract has no effect.`,
              { ...base, obtainedOn: o.on }
            )
          )
    case "Refused":
      if (o.refusalCertificate) {
        return no(
          Decision.reason(
            "WAL-5.2.1",
            `Loan refused on ${o.on}, shown by a lender's refusal certificate: the condition fails and the contract has no effect.`,
            { ...base, refusedOn: o.on }
          )
        )
      }
      if (!Calendar.inTime(o.on, d.due)) {
        // No loan by the last day (and no certificate to date the failure earlier): the period ran
        // out, exactly as for an unanswered request (Civil Code art. 1176).
        return no(
          Decision.reason(
            "WAL-5.2.1",
            `No loan obtained by ${d.due} (a refusal without certificate was reported on ${o.on}): the condition failed (Civil Code art. 1176) and the contract has no effect.`,
            { ...base, refusedOn: o.on, refusalCertificate: false }
          )
        )
      }
      return ok(
        "pending",
        Decision.reason(
          "WAL-5.2.1",
          `A refusal without a lender's refusal certificate does not establish that the condition failed; the condition is still pending until ${d.due}.`,
          { ...base, refusedOn: o.on, refusalCertificate: false }
        )
      )
    case "Pending":
      return Calendar.inTime(o.evaluatedOn, d.due)
        ? ok(
            "pending",
            Decision.reason(
              "WAL-5.2.1",
              `No answer yet on ${o.evaluatedOn}; the loan may be obtained until ${d.due}.`,
              { ...base, evaluatedOn: o.evaluatedOn }
            )
          )
        : no(
            Decision.reason(
              "WAL-5.2.1",
              `No loan obtained by ${d.due}: the condition failed (Civil Code art. 1176) and the contract has no effect.`,
              { ...base, evaluatedOn: o.evaluatedOn }
            )
          )
  }
}

// ---------------------------------------------------------------------------
// Technical-studies condition (WAL-4b, WAL-5.2.2)
// ---------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const StudiesInput = Schema.Struct({
  /** Whether the specification names prior technical studies (WAL-3.3). */
  studiesNamedInSpecification: Schema.Boolean,
  /** Total price for design, supply and installation, as stated in the offer. */
  totalPriceCents: Money.NonNegativeCents,
  /** The part of `totalPriceCents` that is rental (excluded from the base). */
  rentalCents: Schema.optional(Money.NonNegativeCents),
  /** The control body's inspection cost when not already in `totalPriceCents` (included in the base). */
  inspectionCostCents: Schema.optional(Money.NonNegativeCents),
  /** Value of the works the studies say are needed. */
  requiredWorksCents: Money.NonNegativeCents
})

/**
 * WAL-4b/WAL-5.2.2: the contract has no effect when the studies named in the specification require
 * works worth 10% or more of the total price (rental excluded, inspection included).
 *
 * @since 0.1.0
 * @category rules
 */
export const studiesCondition = (
  input: typeof StudiesInput.Type
): Decision.Decision<{ readonly baseCents: number; readonly thresholdCents: number }> => {
  const base = input.totalPriceCents - (input.rentalCents ?? 0) + (input.inspectionCostCents ?? 0)
  const threshold = Money.percentOf(base, 1000)
  const figures = {
    baseCents: base,
    thresholdBp: 1000,
    thresholdCents: threshold,
    requiredWorksCents: input.requiredWorksCents
  }
  if (!input.studiesNamedInSpecification) {
    return Decision.accept({ baseCents: base, thresholdCents: threshold }, [
      Decision.reason(
        "WAL-5.2.2",
        "No prior studies are named in the specification: there is no studies condition (studies found necessary later fall under WAL-5.6.2).",
        figures
      )
    ])
  }
  // exact comparison: works / base ≥ 10%
  const reached = BigInt(input.requiredWorksCents) * 10_000n >= BigInt(base) * 1000n
  // The order states the condition (WAL-4b) and the general conditions give its effect (WAL-5.2.2):
  // both are cited.
  const generalConditions = Decision.reason(
    "WAL-5.2.2",
    reached
      ? "The general conditions: the contract has no effect when the studies named in the specification require works worth 10% or more of the total price; the customer pays for the studies."
      : "The general conditions: below 10% of the total price the studies condition does not prevent the contract; the customer pays for the studies.",
    figures
  )
  return reached
    ? Decision.refuse(
        Decision.reason(
          "WAL-4b",
          `The studies require works of ${Money.format(input.requiredWorksCents)}, at least 10% of ${Money.format(base)}: the condition fails and the contract has no effect (WAL-5.2.2).`,
          figures
        ),
        generalConditions
      )
    : Decision.accept({ baseCents: base, thresholdCents: threshold }, [
        Decision.reason(
          "WAL-4b",
          `The studies require works of ${Money.format(input.requiredWorksCents)}, less than 10% of ${Money.format(base)}: the condition is fulfilled (WAL-5.2.2).`,
          figures
        ),
        generalConditions
      ])
}
