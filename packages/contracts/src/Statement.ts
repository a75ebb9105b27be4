/**
 * The statement of a contract at a date: invoices, payments, late charges (WAL-5.4.2, D8), the delay
 * penalty (WAL-5.7.2, D11), termination or rescission amounts (WAL-5.14), and what each party owes.
 *
 * A pure function of the state and a date; every line names its rule and the amounts come from
 * `@soltrace/rules`. The balance always holds:
 *
 * `invoiced − paid + late charges − delay penalty + ending = net`, where `ending` is what the
 * customer owes on termination, ± the rescission indemnity, or minus the invoices and charges a
 * withdrawal cancels; `net > 0` is owed by the customer, `net < 0` by the installer.
 *
 * Invoices and payments are incl. VAT; the penalty, the charges and the indemnities are lump-sum
 * indemnities, outside the scope of VAT, so their excl. and incl. amounts are equal and each line
 * says which it is. Termination amounts (WAL-5.14.2/3) are excl. VAT as the rules compute them.
 *
 * @since 0.1.0
 */
import { Calendar, DelayPenalty, LatePayment, Money } from "@soltrace/rules"
import type { Decision } from "@soltrace/rules"
import * as Contract from "./Contract.js"

/**
 * One line of the statement. `cents` is signed from the customer's point of view: positive adds to
 * what the customer owes the installer, negative reduces it (a payment, a penalty the installer
 * owes).
 *
 * @since 0.1.0
 * @category models
 */
export interface Line {
  readonly kind: "invoice" | "payment" | "late-charge" | "delay-penalty" | "termination" | "rescission" | "withdrawal"
  readonly on: string
  readonly description: string
  readonly rule: string
  readonly amount: Money.Amount
  readonly cents: number
  readonly invoiceId?: string | undefined
  readonly reasons: ReadonlyArray<Decision.Reason>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Statement {
  readonly asOf: string
  readonly lines: ReadonlyArray<Line>
  readonly invoicedCents: number
  readonly paidCents: number
  readonly lateChargesCents: number
  readonly delayPenaltyCents: number
  /**
   * Termination (owed by the customer), rescission (signed: + owed by the customer) and withdrawal
   * (the cancelled invoices and charges, negative).
   */
  readonly endingCents: number
  /** `invoiced − paid + lateCharges − delayPenalty + ending`. */
  readonly netCents: number
  readonly owedByCustomer: Money.Amount
  readonly owedByInstaller: Money.Amount
}

/**
 * WAL-5.4.2: the day an invoice was paid in full, if it was on or before `asOf`.
 *
 * @since 0.1.0
 * @category queries
 */
export const paidInFullOn = (invoice: Contract.Invoice, asOf: string): string | undefined => {
  let left = invoice.amount.cents
  for (const p of invoice.payments) {
    if (p.on > asOf) break
    left -= p.cents
    if (left <= 0) return p.on
  }
  return left <= 0 ? invoice.issuedOn : undefined
}

/**
 * WAL-5.4.2/D8: the late charges on one invoice at `asOf` (zero before it is received).
 *
 * @since 0.1.0
 * @category queries
 */
export const lateCharges = (
  state: Contract.State,
  invoice: Contract.Invoice,
  asOf: string,
  policy: Contract.Policy = Contract.defaultPolicy
): Decision.Accepted<LatePayment.Charges> | undefined => {
  if (invoice.receivedOn === undefined || invoice.receivedOn > asOf || state.order === undefined) return undefined
  const paidOn = paidInFullOn(invoice, asOf)
  return LatePayment.charges(
    {
      contractConcludedOn: state.order.on,
      invoiceInclCents: invoice.amount.cents,
      receivedOn: invoice.receivedOn,
      status: paidOn === undefined ? { _tag: "Unpaid", evaluatedOn: asOf } : { _tag: "Paid", paidOn },
      reminder: invoice.reminder !== undefined && invoice.reminder.sentOn <= asOf ? invoice.reminder : undefined
    },
    policy.latePayment
  )
}

/**
 * WAL-5.7.2/D11: the delay penalty at `asOf` — evaluated at completion, at the contract's early end,
 * or at `asOf` while the works are unfinished. None for a contract that never took effect.
 *
 * @since 0.1.0
 * @category queries
 */
export const delayPenalty = (
  state: Contract.State,
  asOf: string,
  policy: Contract.Policy = Contract.defaultPolicy
): Decision.Accepted<DelayPenalty.Penalty> | undefined => {
  // A withdrawn or void contract never had effect (WAL-4c, WAL-5.2): no penalty.
  const endedWithoutEffect = state.withdrawnOn ?? state.voidedOn
  if (endedWithoutEffect !== undefined && endedWithoutEffect <= asOf) return undefined
  const at = state.ending !== undefined ? Calendar.min(state.ending.on, asOf) : asOf
  const input = Contract.delayInput(state, at)
  return input === undefined ? undefined : DelayPenalty.penalty(input, policy.delay)
}

/**
 * The statement of the contract whose state is `state`, at `asOf`. Pass the state as of that date
 * (`Contract.asOf`) to see the statement as it stood then.
 *
 * @since 0.1.0
 * @category queries
 */
export const statement = (
  state: Contract.State,
  asOf: string,
  policy: Contract.Policy = Contract.defaultPolicy
): Statement => {
  const lines: Array<Line> = []
  for (const invoice of state.invoices) {
    if (invoice.issuedOn > asOf) continue
    lines.push({
      kind: "invoice",
      on: invoice.issuedOn,
      description: `Invoice ${invoice.invoiceId} (${invoice.milestone})`,
      rule: invoice.milestone === "administrativeFile" ? "WAL-5.4.1" : "WAL-2.4.3",
      amount: invoice.amount,
      cents: invoice.amount.cents,
      invoiceId: invoice.invoiceId,
      reasons: []
    })
    for (const p of invoice.payments) {
      if (p.on > asOf) continue
      lines.push({
        kind: "payment",
        on: p.on,
        description: `Payment on invoice ${invoice.invoiceId}`,
        rule: "WAL-5.4.2",
        amount: Money.incl(p.cents),
        cents: -p.cents,
        invoiceId: invoice.invoiceId,
        reasons: []
      })
    }
    const charges = lateCharges(state, invoice, asOf, policy)
    if (charges !== undefined && charges.value.totalChargesCents > 0) {
      const c = charges.value
      if (c.lumpCents > 0) {
        lines.push({
          kind: "late-charge",
          on: Calendar.addDays(c.dueOn, 1),
          description: `Lump late charge on invoice ${invoice.invoiceId}`,
          rule: "WAL-5.4.2",
          amount: Money.incl(c.lumpCents),
          cents: c.lumpCents,
          invoiceId: invoice.invoiceId,
          reasons: charges.reasons
        })
      }
      if (c.interestCents > 0) {
        lines.push({
          kind: "late-charge",
          on: Calendar.addMonths(c.dueOn, 1),
          description: `Late interest on invoice ${invoice.invoiceId} (${c.daysLate} days)`,
          rule: "D8",
          amount: Money.incl(c.interestCents),
          cents: c.interestCents,
          invoiceId: invoice.invoiceId,
          reasons: charges.reasons
        })
      }
    }
  }
  const penalty = delayPenalty(state, asOf, policy)
  if (penalty !== undefined && penalty.value.penalty.cents > 0) {
    lines.push({
      kind: "delay-penalty",
      on: Calendar.addDays(penalty.value.pushedEnd, 1),
      description: `Delay penalty, ${penalty.value.delayDays} day(s) after ${penalty.value.pushedEnd}`,
      rule: "WAL-5.7.2",
      amount: penalty.value.penalty,
      cents: -penalty.value.penalty.cents,
      reasons: penalty.reasons
    })
  }
  const ending = state.ending
  if (ending !== undefined && ending.on <= asOf) {
    if (ending._tag === "Terminated") {
      lines.push({
        kind: "termination",
        on: ending.on,
        description: `Termination by the ${ending.by}: owed by the customer`,
        rule: ending.rule,
        amount: ending.owedByCustomer,
        cents: ending.owedByCustomer.cents,
        reasons: ending.reasons
      })
    } else {
      lines.push({
        kind: "rescission",
        on: ending.on,
        description: `Rescission: indemnity owed to the ${ending.injuredParty}`,
        rule: "WAL-5.14.4",
        amount: ending.indemnity,
        cents: ending.injuredParty === "installer" ? ending.indemnity.cents : -ending.indemnity.cents,
        reasons: ending.reasons
      })
    }
  }
  // WAL-4c/D7: a withdrawal is without cost — every invoice (and its charges) is cancelled, and
  // what was paid is owed back to the customer.
  if (state.withdrawnOn !== undefined && state.withdrawnOn <= asOf) {
    const cancelled = lines
      .filter((l) => l.kind === "invoice" || l.kind === "late-charge")
      .reduce((a, l) => a + l.cents, 0)
    if (cancelled !== 0) {
      lines.push({
        kind: "withdrawal",
        on: state.withdrawnOn,
        description: "Withdrawal without cost: invoices and charges cancelled",
        rule: "WAL-4c",
        amount: Money.incl(cancelled),
        cents: -cancelled,
        reasons: []
      })
    }
  }
  lines.sort((a, b) => Calendar.compare(a.on, b.on))
  const sum = (kind: Line["kind"]) => lines.filter((l) => l.kind === kind).reduce((a, l) => a + l.cents, 0)
  const invoicedCents = sum("invoice")
  const negate = (n: number): number => (n === 0 ? 0 : -n) // never -0
  const paidCents = negate(sum("payment"))
  const lateChargesCents = sum("late-charge")
  const delayPenaltyCents = negate(sum("delay-penalty"))
  const endingCents = sum("termination") + sum("rescission") + sum("withdrawal")
  const netCents = invoicedCents - paidCents + lateChargesCents - delayPenaltyCents + endingCents
  return {
    asOf,
    lines,
    invoicedCents,
    paidCents,
    lateChargesCents,
    delayPenaltyCents,
    endingCents,
    netCents,
    owedByCustomer: Money.incl(Math.max(0, netCents)),
    owedByInstaller: Money.incl(Math.max(0, -netCents))
  }
}
