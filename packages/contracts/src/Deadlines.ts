/**
 * The running time limits of a contract at a date (D12): what must be done, by whom, by which day,
 * under which rule, and whether it was met, missed, is still open, or — for a right the party did
 * not use — lapsed. Every due date comes from `@soltrace/rules` (one shared calendar, D14: a step
 * done on its due day is in time).
 *
 * @since 0.1.0
 */
import {
  AdministrativeFile,
  Calendar,
  ContractConditions,
  DelayPenalty,
  Inspection,
  InstallerWarranty,
  LatePayment,
  ProductionGuarantee,
  Termination,
  Withdrawal
} from "@soltrace/rules"
import * as Contract from "./Contract.js"
import * as Withdrawal_ from "./internal/withdrawal.js"
import { lateCharges, paidInFullOn } from "./Statement.js"

/**
 * - `met`: done on or before the due day;
 * - `missed`: done after it, or not done and the due day has passed;
 * - `open`: not done, and the due day is today or later;
 * - `lapsed`: a right (withdrawal, warranty cover) that was not used before its last day.
 *
 * @since 0.1.0
 * @category models
 */
export type Status = "met" | "missed" | "open" | "lapsed"

/**
 * One time limit.
 *
 * @since 0.1.0
 * @category models
 */
export interface Deadline {
  readonly rule: string
  readonly what: string
  /** Who must act. */
  readonly party: "customer" | "installer"
  /**
   * An obligation ("the installer must … by"), or a right the party may use until `due` ("the
   * customer may … until", D12); `what` is the step, worded by `ICalendar` and `describe`.
   */
  readonly kind: "obligation" | "right"
  /** The first day the time limit runs from (the day of the triggering event). */
  readonly from: string
  /** The last day on which the step is in time (inclusive, D14: rolled over to a working day). */
  readonly due: string
  /** D14: the last day as counted, when it fell on a Saturday, Sunday or Belgian legal holiday and moved to `due`. */
  readonly rolledFrom?: string | undefined
  /** D14: why it moved ("Sunday", "Easter Monday"), or why a closed last day before 2023-01-01 was kept. */
  readonly because?: string | undefined
  readonly doneOn: string | undefined
  readonly status: Status
}

const status = (kind: Deadline["kind"], due: string, doneOn: string | undefined, asOf: string): Status =>
  doneOn !== undefined && doneOn <= asOf
    ? Calendar.inTime(doneOn, due)
      ? "met"
      : "missed"
    : asOf <= due
      ? "open"
      : kind === "right"
        ? "lapsed"
        : "missed"

/**
 * Every time limit of the contract whose state is `state`, evaluated at `asOf`, sorted by due date.
 * Limits still open when the contract ended (void, withdrawn, terminated, rescinded) are dropped:
 * the obligation ended with the contract.
 *
 * @since 0.1.0
 * @category queries
 */
export const deadlines = (
  state: Contract.State,
  asOf: string,
  policy: Contract.Policy = Contract.defaultPolicy
): ReadonlyArray<Deadline> => {
  const out: Array<Deadline> = []
  const add = (
    d: {
      readonly rule: string
      readonly what: string
      readonly due: string
      readonly rolledFrom?: string | undefined
      readonly because?: string | undefined
    },
    party: Deadline["party"],
    from: string,
    doneOn: string | undefined,
    kind: Deadline["kind"] = "obligation"
  ) => {
    if (from > asOf) return
    const done = doneOn !== undefined && doneOn <= asOf ? doneOn : undefined
    out.push({
      rule: d.rule,
      what: d.what,
      party,
      kind,
      from,
      due: d.due,
      ...(d.rolledFrom !== undefined ? { rolledFrom: d.rolledFrom } : {}),
      ...(d.because !== undefined ? { because: d.because } : {}),
      doneOn: done,
      status: status(kind, d.due, done, asOf)
    })
  }
  const offer = state.offer
  const order = state.order
  const refundDeadlines: Array<Deadline> = []

  // WAL-2.3: the offer may be accepted for 30 days.
  if (state.offerSignedOn !== undefined) {
    add(ContractConditions.offerDeadline(state.offerSignedOn), "customer", state.offerSignedOn, order?.on, "right")
  }
  if (order !== undefined) {
    // WAL-4c/D7: the customer may withdraw from an off-premises or distance contract until the last
    // day of the period as the facts known at `asOf` fix it (from the delivery of the goods by
    // default, extended when the legal information was not given); none while it has not begun.
    const facts = Withdrawal_.facts(state, asOf)
    if (facts !== undefined && facts.concludedBy !== "on-premises") {
      const period = Withdrawal.period(facts, policy.withdrawal)
      if (period._tag === "Running") {
        add(
          { ...period.deadline, what: "withdraw from the contract (send the notice)" },
          "customer",
          order.on,
          state.withdrawnOn,
          "right"
        )
      }
    }
    // WAL-5.2.1/D5: the loan condition.
    if (order.loan !== undefined) {
      add(
        ContractConditions.loanDeadline({ orderedOn: order.on, agreedDays: order.loan.agreedDays }, policy.loan)
          .deadline,
        "customer",
        order.on,
        state.loanSettledOn
      )
    }
  }
  if (offer !== undefined && state.finalOn !== undefined) {
    // WAL-2.5/WAL-5.14.4/D11: the works start on the agreed date, as pushed by bad weather and
    // suspensions (dates fixed by the parties: never rolled over, D14).
    const dates = Contract.worksDates(state, asOf, policy.delay)
    add(
      { rule: "WAL-2.5", what: "start the works", due: dates?.pushedStart ?? offer.worksStartOn },
      "installer",
      state.finalOn,
      state.worksStartedOn
    )
    // WAL-5.7.1/WAL-5.7.2/D11: the end date pushed by bad weather and suspensions.
    const input = Contract.delayInput(state, asOf)
    if (input !== undefined) {
      const end = DelayPenalty.pushedEnd(input, policy.delay).end
      add(
        { rule: "WAL-5.7.1", what: "complete the works", due: end },
        "installer",
        state.finalOn,
        state.worksCompletedOn
      )
    }
  }
  // WAL-5.8.1: the customer gets the inspection done within 45 days (unless the installer arranges it).
  if (offer !== undefined && state.worksCompletedOn !== undefined && !offer.inspectionByInstaller) {
    const firstInspection = state.inspectionRefusals[0]?.notifiedOn ?? state.acceptedOn
    add(Inspection.inspectionDeadline(state.worksCompletedOn), "customer", state.worksCompletedOn, firstInspection)
  }
  // WAL-5.8.1: conformity within 30 days of each refusal.
  for (const r of state.inspectionRefusals)
    add(Inspection.conformityDeadline(r.notifiedOn), "installer", r.notifiedOn, r.restoredOn)
  // WAL-5.8.2: the administrative file within 15 days of the acceptance.
  if (state.acceptedOn !== undefined) {
    add(AdministrativeFile.deadline(state.acceptedOn), "installer", state.acceptedOn, state.administrativeFileOn)
    // WAL-5.12.2: the installer's warranties, coverage periods from the acceptance (D1/D14).
    add(
      {
        rule: "WAL-5.12.2",
        what: "claim for a conformity defect appearing, under the installer's 2-year warranty",
        due: Calendar.addDays(Calendar.coverageEnd(state.acceptedOn, { years: 2 }), -1)
      },
      "customer",
      state.acceptedOn,
      undefined,
      "right"
    )
    add(
      {
        rule: "WAL-5.12.2",
        what: "claim for a watertightness defect appearing, under the installer's 10-year warranty",
        due: Calendar.addDays(Calendar.coverageEnd(state.acceptedOn, { years: 10 }), -1)
      },
      "customer",
      state.acceptedOn,
      undefined,
      "right"
    )
  }
  // WAL-5.4.2 and D8: invoices.
  for (const invoice of state.invoices) {
    if (invoice.receivedOn === undefined) continue
    const paid = paidInFullOn(invoice, asOf)
    add(
      { ...LatePayment.dueDate(invoice.receivedOn, policy.latePayment), what: `pay invoice ${invoice.invoiceId}` },
      "customer",
      invoice.receivedOn,
      paid
    )
    // D8 (Book XIX): the free first reminder's period, when Book XIX applies to the sum and the
    // reminder carried the legal mentions (otherwise it starts nothing).
    const bookXix = lateCharges(state, invoice, asOf, policy)?.value.bookXix === true
    if (invoice.reminder !== undefined && invoice.reminder.legalMentions === true && bookXix) {
      add(
        {
          ...LatePayment.reminderPeriod(invoice.reminder, policy.latePayment),
          what: `pay invoice ${invoice.invoiceId} without late charges (after the first reminder)`
        },
        "customer",
        invoice.reminder.sentOn,
        paid,
        "right"
      )
    }
  }
  // WAL-5.12.2: each claim within 2 months of its discovery (claims on record were made in time).
  // (The discovery is known only from the claim, so the limit is listed once the claim is made.)
  for (const c of state.warrantyClaims) {
    if (c.claimedOn <= asOf)
      add(InstallerWarranty.claimDeadline(c.discoveredOn), "customer", c.discoveredOn, c.claimedOn)
  }
  // WAL-5.13: technical opinion within 20 days, repairs within 45 days of the agreement.
  for (const c of state.productionClaims) {
    add(ProductionGuarantee.opinionDeadline(c.reportedOn), "installer", c.reportedOn, c.opinionOn)
    if (c.agreedOn !== undefined)
      add(ProductionGuarantee.repairsDeadline(c.agreedOn), "installer", c.agreedOn, c.repairedOn)
  }
  // WAL-5.14.4: the other party answers the formal notice within 20 days.
  const notice = state.formalNotice
  if (notice !== undefined) {
    const waiting = Termination.waitingPeriodEnd(notice.on)
    add(
      { rule: waiting.rule, what: `answer (remedy) the formal notice: ${notice.breach}`, due: waiting.due },
      notice.by === "customer" ? "installer" : "customer",
      notice.on,
      notice.remediedOn
    )
  }

  // D7: after a withdrawal the installer refunds every payment within 14 days of being informed (the
  // notice's receipt, else its sending); it may hold the refund back until it has collected the goods.
  if (state.withdrawnOn !== undefined && state.withdrawnOn <= asOf) {
    const paid = state.invoices.flatMap((i) => i.payments).filter((p) => p.on <= asOf)
    const paidCents = paid.reduce((a, p) => a + p.cents, 0)
    if (paidCents > 0) {
      const informedOn = state.withdrawalReceivedOn ?? state.withdrawnOn
      let refunded = 0
      let doneOn: string | undefined
      for (const r of state.refunds) {
        if (r.on > asOf) break
        refunded += r.cents
        if (refunded >= paidCents) {
          doneOn = r.on
          break
        }
      }
      const d = Withdrawal_.refundDue(state, informedOn, policy, asOf)
      const held =
        Withdrawal_.goodsDeliveredOn(state, asOf) !== undefined &&
        (state.goodsCollectedOn === undefined || state.goodsCollectedOn > asOf)
          ? " (it may hold the refund back until it has collected the goods)"
          : ""
      refundDeadlines.push({
        rule: "D7",
        what: `refund every payment received${held}`,
        party: "installer",
        kind: "obligation",
        from: informedOn,
        due: d.due,
        ...(d.rolledFrom !== undefined ? { rolledFrom: d.rolledFrom } : {}),
        ...(d.because !== undefined ? { because: d.because } : {}),
        doneOn,
        status: status("obligation", d.due, doneOn, asOf)
      })
    }
  }

  const endedOn = state.ending?.on ?? state.voidedOn ?? state.withdrawnOn
  const live =
    endedOn === undefined || endedOn > asOf ? out : out.filter((d) => d.doneOn !== undefined || d.due < endedOn)
  // The refund is owed because the contract ended: it survives the end (D7, D10).
  return [...live, ...refundDeadlines].sort((a, b) => Calendar.compare(a.due, b.due))
}

/**
 * D12: a deadline in words — a right as a right ("The customer may withdraw from the contract
 * until 2025-05-26"), an obligation as an obligation ("The installer must complete the works by
 * 2025-07-03"), with the D14 roll-over when the last day moved.
 *
 * @since 0.2.0
 * @category formatting
 */
export const describe = (d: Deadline): string => {
  const who = d.party === "customer" ? "The customer" : "The installer"
  const rolled =
    d.rolledFrom !== undefined
      ? ` (rolled over from ${d.rolledFrom}${d.because !== undefined ? `: ${d.because}` : ""})`
      : ""
  return d.kind === "right"
    ? `${who} may ${d.what} until ${d.due}${rolled} (${d.rule}).`
    : `${who} must ${d.what} by ${d.due}${rolled} (${d.rule}).`
}
