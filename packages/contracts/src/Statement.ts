/**
 * The statement of a contract at a date: invoices, credit notes, payments, refunds, late charges
 * (WAL-5.4.2, D8), the delay penalty (WAL-5.7.2, D11), what an early end makes owed (WAL-5.14,
 * WAL-5.6.2, WAL-5.10, D10), and one net settlement.
 *
 * A pure function of the state and a date; every line names its rule and the amounts come from
 * `@soltrace/rules`.
 *
 * **Three bases (D10).** Every line says its basis:
 * - `incl` VAT: a supply — the milestone invoices of the price (WAL-5.3), the credit notes that
 *   cancel them, payments and refunds, and after an early end the works done, expenses, costs and
 *   materials (at the contract's VAT rate) and the value of works kept after a rescission;
 * - `excl` VAT: only the basis of the contract's percentages (no line is owed on it, except the
 *   total of a termination recorded before 0.2.0, which the old event stated excl. VAT);
 * - `outside` VAT: damages, which remunerate no supply (the usual Belgian treatment of
 *   indemnities) — the lump charge and interest (WAL-5.4.2), the delay penalty (WAL-5.7.2), the
 *   lost profit (WAL-5.14.2) and the rescission indemnity (WAL-5.14.4).
 *
 * **One net settlement, always (D10):** everything each party owes the other, minus what was paid
 * plus what was refunded, set off: `settlement.netCents` = the sum of every line; > 0 is owed by the
 * customer, < 0 by the installer. After a termination or a rescission the price is no longer owed:
 * its milestone invoices are cancelled by credit notes (VAT Code art. 79), every payment is
 * credited, and late charges claimable before the end stay owed, counted up to the end date (D8).
 * After a withdrawal or a voided contract every invoice is cancelled, no late charge survives, and
 * every payment is owed back (D7) — within 14 days of the withdrawal notice, a deadline the
 * statement shows.
 *
 * @since 0.1.0
 */
import type { Decision } from "@soltrace/rules"
import { Calendar, DelayPenalty, LatePayment } from "@soltrace/rules"
import * as Contract from "./Contract.js"
import { refundDue } from "./internal/withdrawal.js"

/**
 * An amount with its basis (D10). The field is named `vat` as `Money.Amount`'s, so an amount incl.
 * or excl. VAT is a `Money.Amount`; `"outside"` marks damages.
 *
 * @since 0.2.0
 * @category models
 */
export interface Amount {
  readonly cents: number
  readonly vat: Contract.Basis
}

/**
 * One line of the statement. `cents` is signed from the customer's point of view: positive adds to
 * what the customer owes the installer, negative reduces it (a payment, a credit note, a penalty the
 * installer owes). `amount` is unsigned, with the line's basis (D10).
 *
 * @since 0.1.0
 * @category models
 */
export interface Line {
  readonly kind:
    | "invoice"
    | "credit-note"
    | "payment"
    | "refund"
    | "late-charge"
    | "delay-penalty"
    | "termination"
    | "rescission"
    | "restitution"
  readonly on: string
  readonly description: string
  readonly rule: string
  readonly amount: Amount
  readonly cents: number
  readonly invoiceId?: string | undefined
  readonly reasons: ReadonlyArray<Decision.Reason>
}

/**
 * The lines on one basis (D10): `netCents` is their sum; `owedByCustomer − owedByInstaller =
 * netCents` (one of them is zero). Payments and refunds are on the `incl` basis.
 *
 * @since 0.1.0
 * @category models
 */
export interface Balance {
  readonly vat: Contract.Basis
  readonly netCents: number
  readonly owedByCustomer: Amount
  readonly owedByInstaller: Amount
}

/**
 * D10: the one net settlement of the contract — everything owed on every basis, minus what was
 * paid, plus what was refunded: `owedCents − paidCents + refundedCents = netCents`, the sum of every
 * line. `owedBy` says who owes the difference (`amountCents = |netCents|`).
 *
 * @since 0.2.0
 * @category models
 */
export interface Settlement {
  readonly owedCents: number
  readonly paidCents: number
  readonly refundedCents: number
  readonly netCents: number
  readonly owedBy: "customer" | "installer" | "nobody"
  readonly amountCents: number
  /** D7: after a withdrawal, the last day for the installer's refund (when it owes one). */
  readonly refundDue: string | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Statement {
  readonly asOf: string
  readonly lines: ReadonlyArray<Line>
  /** The invoices issued, incl. VAT (milestones and the final invoice). */
  readonly invoicedCents: number
  /** The credit notes cancelling invoices after an early end, incl. VAT (D10). */
  readonly creditedCents: number
  /** The payments, incl. VAT. */
  readonly paidCents: number
  /** The refunds made by the installer, incl. VAT (D7, D10). */
  readonly refundedCents: number
  /** The late charges, outside VAT (WAL-5.4.2, D8, D10). */
  readonly lateChargesCents: number
  /** The delay penalty, outside VAT (WAL-5.7.2, D10). */
  readonly delayPenaltyCents: number
  /** One balance per basis (D10); the lines of each basis add up to its `netCents`. */
  readonly balances: { readonly incl: Balance; readonly excl: Balance; readonly outside: Balance }
  /** What the customer owes, one amount per basis on which its balance is positive (incl. first). */
  readonly owedByCustomer: ReadonlyArray<Amount>
  /** What the installer owes, as {@link Statement.owedByCustomer}. */
  readonly owedByInstaller: ReadonlyArray<Amount>
  /** D10: the one net settlement. */
  readonly settlement: Settlement
}

/**
 * WAL-5.4.2: the day an invoice was paid in full, if it was on or before `asOf`.
 *
 * @since 0.1.0
 * @category queries
 */
export const paidInFullOn = (invoice: Contract.Invoice, asOf: string): string | undefined => {
  let left = invoice.amount.cents - invoice.setOffCents
  for (const p of invoice.payments) {
    if (p.on > asOf) break
    left -= p.cents
    if (left <= 0) return p.on
  }
  return left <= 0 ? invoice.issuedOn : undefined
}

/**
 * WAL-5.4.2/D8: the late charges on one invoice at `asOf` (none before it is received), as
 * `LatePayment.charges` of the rules counts them: on what stays unpaid, day by day, the lump on
 * what is unpaid when it becomes claimable, interest only beyond the first month, Book XIX's free
 * first reminder (with the legal mentions) and caps. After a termination or a rescission the
 * charges on a milestone invoice are counted up to the end date; after a withdrawal or voiding none
 * survives (D8). On a final invoice the payments set off against it are not owed (D10).
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
  const payments = invoice.payments.filter((p) => p.on <= asOf)
  const paidOn = paidInFullOn(invoice, asOf)
  const last = payments.at(-1)
  const reminder = invoice.reminder !== undefined && invoice.reminder.sentOn <= asOf ? invoice.reminder : undefined
  const ended = endedFor(state, invoice, asOf)
  return LatePayment.charges(
    {
      contractConcludedOn: state.order.on,
      invoiceInclCents: invoice.amount.cents - invoice.setOffCents,
      receivedOn: invoice.receivedOn,
      status:
        paidOn !== undefined && last !== undefined ? { _tag: "Paid", paidOn } : { _tag: "Unpaid", evaluatedOn: asOf },
      payments: (paidOn !== undefined && last !== undefined ? payments.slice(0, -1) : payments).map((p) => ({
        paidOn: p.on,
        cents: p.cents
      })),
      ...(reminder !== undefined
        ? {
            reminder: {
              sentOn: reminder.sentOn,
              channel: reminder.channel,
              ...(reminder.legalMentions !== undefined ? { legalMentions: reminder.legalMentions } : {})
            }
          }
        : {}),
      ...(ended !== undefined ? { contractEnded: ended } : {})
    },
    policy.latePayment
  )
}

/** D8: how the contract had ended on `asOf`, for the late charges of a milestone invoice. */
const endedFor = (
  state: Contract.State,
  invoice: Contract.Invoice,
  asOf: string
): LatePayment.Input["contractEnded"] => {
  if (invoice.milestone === "final") return undefined
  if (state.withdrawnOn !== undefined && state.withdrawnOn <= asOf) return { on: state.withdrawnOn, by: "withdrawal" }
  if (state.voidedOn !== undefined && state.voidedOn <= asOf) return { on: state.voidedOn, by: "voided" }
  const ending = state.ending
  if (ending !== undefined && ending.on <= asOf)
    return { on: ending.on, by: ending._tag === "Terminated" ? "termination" : "rescission" }
  return undefined
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

/** How the contract ended, as the statement reads it at `asOf`. */
type EndAt =
  | { readonly _tag: "Live" }
  | { readonly _tag: "Undone"; readonly on: string; readonly rule: string; readonly why: string }
  | { readonly _tag: "Ended"; readonly on: string; readonly ending: Contract.Ending }

const endAt = (state: Contract.State, asOf: string): EndAt => {
  if (state.withdrawnOn !== undefined && state.withdrawnOn <= asOf)
    return { _tag: "Undone", on: state.withdrawnOn, rule: "D7", why: "withdrawal" }
  if (state.voidedOn !== undefined && state.voidedOn <= asOf)
    return { _tag: "Undone", on: state.voidedOn, rule: "WAL-5.2", why: "voided contract" }
  if (state.ending !== undefined && state.ending.on <= asOf)
    return { _tag: "Ended", on: state.ending.on, ending: state.ending }
  return { _tag: "Live" }
}

const amount = (cents: number, vat: Contract.Basis): Amount => ({ cents, vat })

const ownedLabel: Record<Contract.Owed["what"], string> = {
  "works-done": "works done",
  expenses: "expenses",
  costs: "costs",
  "materials-used": "materials used",
  "lost-profit": "lost profit (10% of the works not done)",
  "works-kept": "works kept"
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
  const end = endAt(state, asOf)
  for (const invoice of state.invoices) {
    if (invoice.issuedOn > asOf) continue
    const final = invoice.milestone === "final"
    lines.push({
      kind: "invoice",
      on: invoice.issuedOn,
      description: final ? `Final invoice ${invoice.invoiceId}` : `Invoice ${invoice.invoiceId} (${invoice.milestone})`,
      rule: final ? "D10" : invoice.milestone === "administrativeFile" ? "WAL-5.4.1" : "WAL-2.4.3",
      amount: amount(invoice.amount.cents, "incl"),
      cents: invoice.amount.cents,
      invoiceId: invoice.invoiceId,
      reasons: []
    })
    // D10: after an early end the price is no longer owed; each milestone invoice is cancelled by a
    // credit note (VAT Code art. 79: an issued invoice is never deleted). The final invoice stays.
    if (!final && end._tag !== "Live") {
      lines.push({
        kind: "credit-note",
        on: end.on,
        description: `Credit note cancelling invoice ${invoice.invoiceId} (${invoice.milestone})`,
        rule: end._tag === "Undone" ? end.rule : "D10",
        amount: amount(invoice.amount.cents, "incl"),
        cents: -invoice.amount.cents,
        invoiceId: invoice.invoiceId,
        reasons: []
      })
    }
    for (const p of invoice.payments) {
      if (p.on > asOf) continue
      lines.push({
        kind: "payment",
        on: p.on,
        description: `Payment on invoice ${invoice.invoiceId}`,
        rule: "WAL-5.4.2",
        amount: amount(p.cents, "incl"),
        cents: -p.cents,
        invoiceId: invoice.invoiceId,
        reasons: []
      })
    }
    // D7: no late charge survives a withdrawal (or a voided contract). D8: after a termination or a
    // rescission, the charges on a cancelled invoice stay owed, counted up to the end date.
    if (end._tag === "Undone") continue
    const charges = lateCharges(state, invoice, asOf, policy)
    if (charges !== undefined && charges.value.totalChargesCents > 0) {
      const c = charges.value
      if (c.lumpCents > 0) {
        lines.push({
          kind: "late-charge",
          on: Calendar.addDays(c.dueOn, 1),
          description: `Lump late charge on invoice ${invoice.invoiceId}`,
          rule: "WAL-5.4.2",
          amount: amount(c.lumpCents, "outside"),
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
          amount: amount(c.interestCents, "outside"),
          cents: c.interestCents,
          invoiceId: invoice.invoiceId,
          reasons: charges.reasons
        })
      }
    }
  }
  for (const r of state.refunds) {
    if (r.on > asOf) continue
    lines.push({
      kind: "refund",
      on: r.on,
      description: "Refund by the installer",
      rule: end._tag === "Undone" ? end.rule : "D10",
      amount: amount(r.cents, "incl"),
      cents: r.cents,
      reasons: []
    })
  }
  const penalty = delayPenalty(state, asOf, policy)
  if (penalty !== undefined && penalty.value.penalty.cents > 0) {
    lines.push({
      kind: "delay-penalty",
      on: Calendar.addDays(penalty.value.pushedEnd, 1),
      description: `Delay penalty, ${penalty.value.delayDays} day(s) after ${penalty.value.pushedEnd}`,
      rule: "WAL-5.7.2",
      amount: amount(penalty.value.penalty.cents, "outside"),
      cents: -penalty.value.penalty.cents,
      reasons: penalty.reasons
    })
  }
  if (end._tag === "Ended") {
    const ending = end.ending
    if (ending._tag === "Terminated") {
      for (const o of ending.owed) {
        lines.push({
          kind: "termination",
          on: ending.on,
          description: `Termination by the ${ending.by}: ${ownedLabel[o.what]}, owed by the customer`,
          rule: o.rule,
          amount: amount(o.cents, o.basis),
          cents: o.cents,
          reasons: ending.reasons
        })
      }
    } else {
      lines.push({
        kind: "rescission",
        on: ending.on,
        description: `Rescission: indemnity owed to the ${ending.injuredParty}`,
        rule: "WAL-5.14.4",
        amount: amount(ending.indemnity.cents, "outside"),
        cents: ending.injuredParty === "installer" ? ending.indemnity.cents : -ending.indemnity.cents,
        reasons: ending.reasons
      })
      if (ending.restitution?._tag === "Kept" && ending.restitution.valueInclCents > 0) {
        lines.push({
          kind: "restitution",
          on: ending.on,
          description: "Rescission: the customer keeps the works done and owes their value",
          rule: "D10",
          amount: amount(ending.restitution.valueInclCents, "incl"),
          cents: ending.restitution.valueInclCents,
          reasons: ending.reasons
        })
      }
    }
    // D10: the supplies owed are invoiced on the final invoice; once it is issued, its line stands
    // for them (the ending's supply lines are not counted twice).
    const finalInvoice = state.invoices.find((i) => i.milestone === "final" && i.issuedOn <= asOf)
    if (finalInvoice !== undefined) {
      for (let i = lines.length - 1; i >= 0; i--) {
        const l = lines[i]!
        if ((l.kind === "termination" || l.kind === "restitution") && l.amount.vat === "incl") lines.splice(i, 1)
      }
    }
  }
  lines.sort((a, b) => Calendar.compare(a.on, b.on))
  const balances = {
    incl: balance(lines, "incl"),
    excl: balance(lines, "excl"),
    outside: balance(lines, "outside")
  }
  const all = [balances.incl, balances.excl, balances.outside]
  const sum = (...kinds: ReadonlyArray<Line["kind"]>) =>
    lines.filter((l) => kinds.includes(l.kind)).reduce((a, l) => a + l.amount.cents, 0)
  const paidCents = sum("payment")
  const refundedCents = sum("refund")
  const netCents = lines.reduce((a, l) => a + l.cents, 0)
  const informedOn = state.withdrawalReceivedOn ?? state.withdrawnOn
  return {
    asOf,
    lines,
    invoicedCents: sum("invoice"),
    creditedCents: sum("credit-note"),
    paidCents,
    refundedCents,
    lateChargesCents: sum("late-charge"),
    delayPenaltyCents: sum("delay-penalty"),
    balances,
    owedByCustomer: all.map((b) => b.owedByCustomer).filter((a) => a.cents > 0),
    owedByInstaller: all.map((b) => b.owedByInstaller).filter((a) => a.cents > 0),
    settlement: {
      owedCents: netCents + paidCents - refundedCents,
      paidCents,
      refundedCents,
      netCents,
      owedBy: netCents > 0 ? "customer" : netCents < 0 ? "installer" : "nobody",
      amountCents: Math.abs(netCents),
      refundDue:
        end._tag === "Undone" && end.rule === "D7" && netCents < 0 && informedOn !== undefined
          ? refundDue(state, informedOn, policy, asOf).due
          : undefined
    }
  }
}

/** D10: the lines on one basis. */
const balance = (all: ReadonlyArray<Line>, vat: Contract.Basis): Balance => {
  const netCents = all.filter((l) => l.amount.vat === vat).reduce((a, l) => a + l.cents, 0)
  return {
    vat,
    netCents,
    owedByCustomer: amount(Math.max(0, netCents), vat),
    owedByInstaller: amount(Math.max(0, -netCents), vat)
  }
}
