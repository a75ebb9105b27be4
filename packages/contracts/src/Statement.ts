/**
 * The statement of a contract at a date: invoices, payments, late charges (WAL-5.4.2, D8), the delay
 * penalty (WAL-5.7.2, D11), termination or rescission amounts (WAL-5.14), and what each party owes.
 *
 * A pure function of the state and a date; every line names its rule and the amounts come from
 * `@soltrace/rules`.
 *
 * **VAT bases (D10).** Every line keeps the basis its rule states, and amounts on different bases are
 * never added together:
 * - incl. VAT: invoices and payments (WAL-5.3: the installer invoices the total incl. VAT), the late
 *   charges (WAL-5.4.2/D8: 5% of the invoice incl. VAT and interest on it), and a withdrawal's
 *   cancellation of those invoices and charges (WAL-4c);
 * - excl. VAT: the delay penalty (WAL-5.7.2: €35 a day, capped at 10% of the price excl. VAT), the
 *   termination amounts (WAL-5.14.2/3, WAL-5.6.2, WAL-5.10: works done, expenses, lost profit, as the
 *   rules compute them) and the rescission indemnity (WAL-5.14.4: 10% of the price excl. VAT).
 *
 * The penalty, the lost profit and the rescission indemnity are damages ("indemnité forfaitaire",
 * "perte de bénéfices", "indemnité" in the source), stated on the price excl. VAT; no VAT is added
 * to them. The works done and expenses owed on termination are stated excl. VAT; any VAT due on them
 * is for the invoice that claims them, not for this statement.
 *
 * So the statement has one {@link Balance} per basis, and for each the identity holds:
 *
 * `invoiced − paid + late charges − delay penalty + ending = net`, where `ending` is what the
 * customer owes on termination, ± the rescission indemnity, or minus the invoices and charges a
 * withdrawal cancels; `net > 0` is owed by the customer, `net < 0` by the installer — on that basis.
 * `owedByCustomer` and `owedByInstaller` list the non-zero balances, incl. VAT first: a customer may
 * owe an invoice incl. VAT while the installer owes a penalty excl. VAT, and the statement says both
 * rather than netting them under one label.
 *
 * @since 0.1.0
 */
import { Calendar, Decision, DelayPenalty, LatePayment, Money } from "@soltrace/rules"
import * as Contract from "./Contract.js"

/**
 * One line of the statement. `cents` is signed from the customer's point of view: positive adds to
 * what the customer owes the installer, negative reduces it (a payment, a penalty the installer
 * owes). `amount.vat` is the line's VAT basis (D10): it is added up only with lines on the same basis.
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
 * The balance of the lines on one VAT basis (D10). `invoiced − paid + lateCharges − delayPenalty +
 * ending = net`, and `owedByCustomer − owedByInstaller = net` (one of them is zero); both amounts
 * carry this basis.
 *
 * @since 0.1.0
 * @category models
 */
export interface Balance {
  readonly vat: Money.Vat
  readonly invoicedCents: number
  readonly paidCents: number
  readonly lateChargesCents: number
  readonly delayPenaltyCents: number
  /**
   * Termination (owed by the customer), rescission (signed: + owed by the customer) and withdrawal
   * (the cancelled invoices and charges, negative) on this basis.
   */
  readonly endingCents: number
  /** `invoiced − paid + lateCharges − delayPenalty + ending` on this basis. */
  readonly netCents: number
  readonly owedByCustomer: Money.Amount
  readonly owedByInstaller: Money.Amount
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Statement {
  readonly asOf: string
  readonly lines: ReadonlyArray<Line>
  /** The invoices, incl. VAT (WAL-5.3); equal to `balances.incl.invoicedCents`. */
  readonly invoicedCents: number
  /** The payments, incl. VAT; equal to `balances.incl.paidCents`. */
  readonly paidCents: number
  /** The late charges, on the invoices incl. VAT (WAL-5.4.2, D8); equal to `balances.incl.lateChargesCents`. */
  readonly lateChargesCents: number
  /** The delay penalty, excl. VAT (WAL-5.7.2); equal to `balances.excl.delayPenaltyCents`. */
  readonly delayPenaltyCents: number
  /** One balance per VAT basis (D10); the lines of each basis add up to its `netCents`. */
  readonly balances: { readonly incl: Balance; readonly excl: Balance }
  /**
   * What the customer owes, one amount per basis on which it owes something (incl. VAT first);
   * empty when it owes nothing. Never a sum across bases (D10).
   */
  readonly owedByCustomer: ReadonlyArray<Money.Amount>
  /** What the installer owes, as {@link Statement.owedByCustomer}. */
  readonly owedByInstaller: ReadonlyArray<Money.Amount>
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
 * WAL-5.4.2/D8: the late charges on one invoice at `asOf` (zero before it is received), on the
 * unpaid amount:
 * - the lump is 5% of what is still unpaid at the due date ("la facture échue non payée");
 * - the interest runs on each unpaid sum from the due date to the day it is paid (or to `asOf` while
 *   it is unpaid): every sum is passed to `LatePayment.charges` with its own payment date, so a sum
 *   bears interest only once its own payment is more than a month late, and a sum paid while the
 *   Book XIX period after the first reminder runs bears none. Each sum's interest is rounded
 *   half-up to the cent.
 *
 * `daysLate`, `heldBackBy` and `deadlines` are those of the invoice as a whole (paid in full, or
 * unpaid at `asOf`).
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
  const receivedOn = invoice.receivedOn
  const contractConcludedOn = state.order.on
  const reminder = invoice.reminder !== undefined && invoice.reminder.sentOn <= asOf ? invoice.reminder : undefined
  const charge = (invoiceInclCents: number, status: LatePayment.Input["status"]) =>
    LatePayment.charges({ contractConcludedOn, invoiceInclCents, receivedOn, status, reminder }, policy.latePayment)
  const dueOn = LatePayment.dueDate(receivedOn, policy.latePayment).due
  const payments = invoice.payments.filter((p) => p.on <= asOf)
  const paidByDue = payments.filter((p) => p.on <= dueOn).reduce((a, p) => a + p.cents, 0)
  const unpaidAtDue = Math.max(0, invoice.amount.cents - paidByDue)
  const paidOn = paidInFullOn(invoice, asOf)
  // WAL-5.4.2: the lump on what was unpaid at the due date; the invoice as a whole says whether it is
  // late and whether Book XIX holds the charges back (D8).
  const whole = charge(
    unpaidAtDue,
    paidOn === undefined ? { _tag: "Unpaid", evaluatedOn: asOf } : { _tag: "Paid", paidOn }
  )
  // D8: interest on the unpaid amount — each sum unpaid at the due date, from the due date to the day
  // it is paid (or to `asOf`).
  const sums: Array<{ readonly cents: number; readonly status: LatePayment.Input["status"] }> = []
  let left = unpaidAtDue
  for (const p of payments) {
    if (p.on <= dueOn || left <= 0) continue
    const cents = Math.min(p.cents, left)
    left -= cents
    sums.push({ cents, status: { _tag: "Paid", paidOn: p.on } })
  }
  if (left > 0) sums.push({ cents: left, status: { _tag: "Unpaid", evaluatedOn: asOf } })
  // Charged at all: late, and not held back (the rule then states the lump, even one rounding to 0).
  const charged = whole.reasons.some((r) => "lumpCents" in r.figures)
  const parts = charged ? sums.map((sum) => charge(sum.cents, sum.status)) : []
  const isInterest = (r: Decision.Reason) => "interestCents" in r.figures || "monthAfterDue" in r.figures
  const interestCents = parts.reduce((a, part) => a + part.value.interestCents, 0)
  return Decision.accept<LatePayment.Charges>(
    {
      ...whole.value,
      interestCents,
      totalChargesCents: whole.value.lumpCents + interestCents
    },
    parts.length === 0
      ? whole.reasons
      : [
          ...whole.reasons.filter((r) => !isInterest(r)),
          ...parts.flatMap((part) =>
            part.reasons.filter((r) => isInterest(r) || (part.value.heldBackBy !== undefined && r.rule === "D8"))
          )
        ]
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
      .filter((l) => (l.kind === "invoice" || l.kind === "late-charge") && l.amount.vat === "incl")
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
  const incl = balance(lines, "incl")
  const excl = balance(lines, "excl")
  const owed = (pick: (b: Balance) => Money.Amount) => [pick(incl), pick(excl)].filter((a) => a.cents > 0)
  return {
    asOf,
    lines,
    invoicedCents: incl.invoicedCents,
    paidCents: incl.paidCents,
    lateChargesCents: incl.lateChargesCents,
    delayPenaltyCents: excl.delayPenaltyCents,
    balances: { incl, excl },
    owedByCustomer: owed((b) => b.owedByCustomer),
    owedByInstaller: owed((b) => b.owedByInstaller)
  }
}

/** D10: the balance of the lines on one VAT basis. */
const balance = (all: ReadonlyArray<Line>, vat: Money.Vat): Balance => {
  const lines = all.filter((l) => l.amount.vat === vat)
  const sum = (...kinds: ReadonlyArray<Line["kind"]>) =>
    lines.filter((l) => kinds.includes(l.kind)).reduce((a, l) => a + l.cents, 0)
  const negate = (n: number): number => (n === 0 ? 0 : -n) // never -0
  const invoicedCents = sum("invoice")
  const paidCents = negate(sum("payment"))
  const lateChargesCents = sum("late-charge")
  const delayPenaltyCents = negate(sum("delay-penalty"))
  const endingCents = sum("termination", "rescission", "withdrawal")
  const netCents = invoicedCents - paidCents + lateChargesCents - delayPenaltyCents + endingCents
  const amount = (cents: number): Money.Amount => ({ cents, vat })
  return {
    vat,
    invoicedCents,
    paidCents,
    lateChargesCents,
    delayPenaltyCents,
    endingCents,
    netCents,
    owedByCustomer: amount(Math.max(0, netCents)),
    owedByInstaller: amount(Math.max(0, -netCents))
  }
}
