/**
 * Billing (WAL-2.4.3, WAL-5.3, WAL-5.4, D4, D8): milestone invoices, their receipt, payments and
 * reminders.
 */
import { LatePayment, Money } from "@soltrace/rules"
import type { Milestone, Policy, State } from "./model.js"
import * as Terms from "../Terms.js"
import type { Cmd, Decided } from "./guards.js"
import { LIVE, inStatus, mustOffer, ok, refuseWith, toReasons, wrongStep } from "./guards.js"
import { vatAtFirstInvoice } from "./offer.js"
import { milestoneAmount } from "./queries.js"
import { outstanding } from "./state.js"

/** WAL-2.4.3, WAL-5.4.1: why a milestone cannot be invoiced yet, if it cannot. */
const milestoneReached = (state: State, milestone: Milestone): string | undefined => {
  switch (milestone) {
    case "deposit":
      return state.finalOn === undefined
        ? "the contract is not final yet (conclusion and conditions fulfilled, WAL-5.4.1)"
        : undefined
    case "siteOpening":
      return state.panelsDeliveredOn === undefined || state.worksStartedOn === undefined
        ? "the panels are not delivered or the site is not opened (WAL-2.4.3)"
        : undefined
    case "siteClosing":
      return state.panelsDeliveredOn === undefined || state.worksCompletedOn === undefined
        ? "the panels are not delivered or the site is not closed (WAL-2.4.3)"
        : undefined
    case "acceptance":
      return state.acceptedOn === undefined
        ? "the installation is not accepted by the control body (WAL-2.4.3, WAL-5.4.1)"
        : undefined
    case "administrativeFile":
      return state.administrativeFileOn === undefined
        ? "the administrative file is not handed over (WAL-2.4.3, WAL-5.4.1)"
        : undefined
  }
}

/** WAL-2.4.3/WAL-5.4.1: invoice a milestone of the schedule, once it is reached (D4). */
export const issueInvoice = (command: Cmd<"IssueInvoice">, state: State): Decided => {
  if (!inStatus(state, ...LIVE)) return wrongStep(command, state, LIVE)
  if (state.invoices.some((i) => i.invoiceId === command.invoiceId)) {
    return refuseWith(command, state, "WAL-5.3", `Invoice ${command.invoiceId} already exists.`)
  }
  const already = state.invoices.find((i) => i.milestone === command.milestone)
  if (already !== undefined) {
    return refuseWith(
      command,
      state,
      "WAL-5.4.1",
      `The ${command.milestone} milestone was already invoiced (${already.invoiceId}); the schedule's caps allow one invoice per milestone.`,
      {
        milestone: command.milestone
      }
    )
  }
  const notYet = milestoneReached(state, command.milestone)
  if (notYet !== undefined) {
    return refuseWith(command, state, "WAL-5.4.1", `The ${command.milestone} payment cannot be asked yet: ${notYet}.`, {
      milestone: command.milestone
    })
  }
  const offer = mustOffer(state)
  const amount = milestoneAmount(offer, command.milestone)
  // D17: the first invoice is the first VAT-due event: its date decides the rate; checked again.
  const vat = state.invoices.length === 0 ? toReasons(vatAtFirstInvoice(offer, command.on)) : []
  return ok({
    _tag: "InvoiceIssued",
    on: command.on,
    invoiceId: command.invoiceId,
    milestone: command.milestone,
    amount,
    reasons: [
      {
        rule: "D4",
        message: `The ${command.milestone} milestone of the schedule, ${Money.format(amount.cents)} incl. VAT.`,
        figures: {
          milestone: command.milestone,
          totalInclCents: Terms.totalIncl(offer).cents,
          amountCents: amount.cents,
          policy: Terms.capPolicyOf(offer)
        }
      },
      ...vat
    ]
  })
}

/** WAL-5.4.2: the customer received the invoice (the 15 days run from here). */
export const recordInvoiceReceived = (command: Cmd<"RecordInvoiceReceived">, state: State, policy: Policy): Decided => {
  const invoice = state.invoices.find((i) => i.invoiceId === command.invoiceId)
  if (invoice === undefined) return refuseWith(command, state, "WAL-5.4.2", `No invoice ${command.invoiceId}.`)
  if (command.on < invoice.issuedOn) {
    return refuseWith(
      command,
      state,
      "WAL-5.4.2",
      `Invoice ${command.invoiceId} cannot be received (${command.on}) before it was issued (${invoice.issuedOn}).`
    )
  }
  if (invoice.receivedOn !== undefined)
    return refuseWith(
      command,
      state,
      "WAL-5.4.2",
      `Invoice ${command.invoiceId} was already received on ${invoice.receivedOn}.`
    )
  return ok({
    _tag: "InvoiceReceived",
    on: command.on,
    invoiceId: command.invoiceId,
    due: LatePayment.dueDate(command.on, policy.latePayment)
  })
}

/** WAL-5.4.2: a payment on an invoice, incl. VAT, at most what is still owed on it. */
export const recordPayment = (command: Cmd<"RecordPayment">, state: State): Decided => {
  const invoice = state.invoices.find((i) => i.invoiceId === command.invoiceId)
  if (invoice === undefined) return refuseWith(command, state, "WAL-5.4.1", `No invoice ${command.invoiceId}.`)
  if (command.on < invoice.issuedOn) {
    return refuseWith(
      command,
      state,
      "WAL-5.4.2",
      `A payment on ${command.on} predates invoice ${command.invoiceId} (${invoice.issuedOn}).`
    )
  }
  const left = outstanding(invoice)
  if (command.amountCents > left) {
    return refuseWith(
      command,
      state,
      "WAL-5.4.1",
      `A payment of ${Money.format(command.amountCents)} exceeds the ${Money.format(left)} still owed on invoice ${invoice.invoiceId}.`,
      {
        amountCents: command.amountCents,
        outstandingCents: left
      }
    )
  }
  return ok({
    _tag: "PaymentRecorded",
    on: command.on,
    invoiceId: command.invoiceId,
    amount: Money.incl(command.amountCents)
  })
}

/** D8 (Book XIX): the free first reminder of an overdue invoice. */
export const sendReminder = (command: Cmd<"SendReminder">, state: State, policy: Policy): Decided => {
  const invoice = state.invoices.find((i) => i.invoiceId === command.invoiceId)
  if (invoice === undefined) return refuseWith(command, state, "D8", `No invoice ${command.invoiceId}.`)
  if (outstanding(invoice) === 0) return refuseWith(command, state, "D8", `Invoice ${command.invoiceId} is paid.`)
  // D7, D10: after a withdrawal or a voided contract the customer owes nothing: no reminder.
  if (state.withdrawnOn !== undefined || state.voidedOn !== undefined) {
    return refuseWith(
      command,
      state,
      "D7",
      `The contract is ${state.status}: every invoice is cancelled and no late charge survives; nothing can be reminded.`,
      { status: state.status }
    )
  }
  if (
    invoice.receivedOn === undefined ||
    command.on <= LatePayment.dueDate(invoice.receivedOn, policy.latePayment).due
  ) {
    return refuseWith(command, state, "WAL-5.4.2", `Invoice ${command.invoiceId} is not overdue on ${command.on}.`, {
      on: command.on
    })
  }
  return ok({
    _tag: "ReminderSent",
    on: command.on,
    invoiceId: command.invoiceId,
    channel: command.channel,
    ...(command.legalMentions !== undefined ? { legalMentions: command.legalMentions } : {})
  })
}

/** What the customer paid, less what the installer refunded (incl. VAT). */
export const netPaidCents = (state: State): number =>
  state.invoices.reduce((a, i) => a + i.payments.reduce((b, p) => b + p.cents, 0), 0) -
  state.refunds.reduce((a, r) => a + r.cents, 0)

/**
 * D8, D10 (VAT Code art. 79): after a termination or a rescission the price is no longer owed —
 * each milestone invoice is cancelled by a credit note — and what the customer owes for supplies
 * (works done, expenses, costs and materials, works kept; incl. VAT) is invoiced on one final
 * invoice. The payments already received are set off against it, up to its amount; the damages
 * (lost profit, indemnity, late charges, delay penalty; outside VAT) are settled in the statement's
 * net settlement.
 */
export const issueFinalInvoice = (command: Cmd<"IssueFinalInvoice">, state: State): Decided => {
  const ending = state.ending
  if (ending === undefined || !inStatus(state, "Terminated", "Rescinded"))
    return wrongStep(command, state, ["Terminated", "Rescinded"])
  if (state.finalInvoice !== undefined)
    return refuseWith(command, state, "D10", `The final invoice ${state.finalInvoice.invoiceId} was already issued.`)
  if (state.invoices.some((i) => i.invoiceId === command.invoiceId))
    return refuseWith(command, state, "WAL-5.3", `Invoice ${command.invoiceId} already exists.`)
  if (command.on < ending.on)
    return refuseWith(command, state, "D10", `The final invoice (${command.on}) cannot predate the end (${ending.on}).`)
  const suppliesCents = suppliesOwed(state)
  const setOffCents = Math.max(0, Math.min(suppliesCents, netPaidCents(state)))
  const creditNotes = state.invoices.map((i) => ({ invoiceId: i.invoiceId, amount: i.amount }))
  return ok({
    _tag: "FinalInvoiceIssued",
    on: command.on,
    invoiceId: command.invoiceId,
    creditNotes,
    amount: Money.incl(suppliesCents),
    setOffCents,
    reasons: [
      {
        rule: "D10",
        message: `After the ${ending._tag === "Terminated" ? "termination" : "rescission"} the price is no longer owed: ${creditNotes.length} milestone invoice(s) cancelled by credit notes; the final invoice claims ${Money.format(suppliesCents)} incl. VAT, of which ${Money.format(setOffCents)} already paid is set off.`,
        figures: { creditNotes: creditNotes.length, amountCents: suppliesCents, setOffCents, endedOn: ending.on }
      }
    ]
  })
}

/** D10: the supplies the customer owes after a termination or a rescission, incl. VAT. */
export const suppliesOwed = (state: State): number => {
  const ending = state.ending
  if (ending === undefined) return 0
  if (ending._tag === "Terminated")
    return ending.owed.filter((o) => o.basis === "incl").reduce((a, o) => a + o.cents, 0)
  return ending.restitution?._tag === "Kept" ? ending.restitution.valueInclCents : 0
}

/**
 * D7, D10: the installer refunds the customer — after a withdrawal or a voided contract (every
 * payment), or the balance of a net settlement. A refund never exceeds what was paid and not yet
 * refunded.
 */
export const recordRefund = (command: Cmd<"RecordRefund">, state: State): Decided => {
  const refundable = netPaidCents(state)
  if (command.amountCents > refundable) {
    return refuseWith(
      command,
      state,
      "D10",
      `A refund of ${Money.format(command.amountCents)} exceeds the ${Money.format(Math.max(0, refundable))} paid and not yet refunded.`,
      { amountCents: command.amountCents, refundableCents: refundable }
    )
  }
  return ok({ _tag: "RefundRecorded", on: command.on, amount: Money.incl(command.amountCents) })
}
