/**
 * The contract's model (internal): the Schemas of its commands and events, its state and its
 * policy. `Contract` re-exports every public name; the phase modules of `internal/` take their
 * types from here, so that none of them imports `Contract` back.
 */
import { Schema } from "effect"
import type { OfferValidation, ContractConditions, DelayPenalty, LatePayment, Termination } from "@soltrace/rules"
import { Calendar, InstallerWarranty, Money, ProductionGuarantee, Withdrawal } from "@soltrace/rules"
import * as Terms from "../Terms.js"
import { Reason } from "./refused.js"

const CalendarDate = Calendar.CalendarDate
const NonEmpty = Schema.String.check(Schema.isMinLength(1))
const SuspensionRule = Schema.Literals(["WAL-5.6.1", "WAL-5.6.2", "WAL-5.9", "WAL-5.4.3"])

// ---------------------------------------------------------------------------------------------
// Amounts with their basis (D10)
// ---------------------------------------------------------------------------------------------

/**
 * D10: the basis of an amount owed — `incl`: a supply invoiced with VAT (the price, its
 * milestones, works done and expenses owed after an early end, works kept after a rescission);
 * `excl`: a price without VAT (the basis of the contract's percentages); `outside`: damages, which
 * remunerate no supply and carry no VAT (late charges, the delay penalty, the lost profit, the
 * rescission indemnity).
 *
 * @since 0.2.0
 * @category schemas
 */
export const Basis = Schema.Literals(["incl", "excl", "outside"])

/**
 * @since 0.2.0
 * @category models
 */
export type Basis = typeof Basis.Type

/**
 * D10: one amount owed by the customer after an early end, with what it is for, its rule and its
 * basis (works done, expenses, costs and materials incl. VAT at the contract's rate; lost profit
 * outside VAT).
 *
 * @since 0.2.0
 * @category schemas
 */
export const Owed = Schema.Struct({
  what: Schema.Literals(["works-done", "expenses", "costs", "materials-used", "lost-profit", "works-kept"]),
  rule: Schema.String,
  cents: Money.NonNegativeCents,
  basis: Basis
})

/**
 * @since 0.2.0
 * @category models
 */
export type Owed = typeof Owed.Type

/**
 * D10 (Civil Code on rescission, restitution): what happens to the works done when a contract is
 * rescinded — `Kept` by the customer, who then owes their value incl. VAT (`valueInclCents`), or
 * `Removed`: the installer takes its goods back and nothing is owed for them.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Restitution = Schema.Union([
  Schema.TaggedStruct("Kept", { valueInclCents: Money.NonNegativeCents }),
  Schema.TaggedStruct("Removed", {})
])

/**
 * @since 0.2.0
 * @category models
 */
export type Restitution = typeof Restitution.Type

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

const Party = Schema.Literals(["customer", "installer"])

/**
 * The milestones of the payment schedule (WAL-2.4.3, WAL-5.4.1, D4).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Milestone = Schema.Literals(["deposit", "siteOpening", "siteClosing", "acceptance", "administrativeFile"])

/**
 * @since 0.1.0
 * @category models
 */
export type Milestone = typeof Milestone.Type

/**
 * The installer's warranties (WAL-5.12.2).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Defect = InstallerWarranty.Defect

/**
 * Every command the contract accepts. Each carries its business date `on`.
 *
 * @since 0.1.0
 * @category commands
 */
export const Command = Schema.Union([
  /** The installer drafts the offer and its specification (WAL-1.3 step 2). */
  Schema.TaggedStruct("DraftContract", { on: CalendarDate, offer: Terms.Offer }),
  /** The installer signs the offer and hands it over with the specification (WAL-2.5, WAL-5.1.2). */
  Schema.TaggedStruct("SignOffer", { on: CalendarDate }),
  /** The customer signs the order (WAL-4): loan condition (WAL-4a), off premises (WAL-4c). */
  Schema.TaggedStruct("PlaceOrder", {
    on: CalendarDate,
    /** D7: how the contract was concluded; only off-premises and distance contracts can be withdrawn. */
    concludedBy: Schema.optional(Withdrawal.ConcludedBy),
    /** The earlier flag: `true` is `concludedBy: "off-premises"`, `false` `"on-premises"`. */
    offPremises: Schema.optional(Schema.Boolean),
    /**
     * D7: what the customer was told of the right of withdrawal — the legal information, the
     * printed 7-day clause (wrong information), or nothing. Required: there is no default.
     */
    withdrawalInformation: Withdrawal.WithdrawalInformation,
    loan: Schema.optional(
      Schema.Struct({
        agreedDays: Schema.optional(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
        maxAmountCents: Money.NonNegativeCents
      })
    )
  }),
  /** D7: the legal withdrawal information (with the model form) given late; `on` is the day the customer received it. */
  Schema.TaggedStruct("GiveWithdrawalInformation", { on: CalendarDate }),
  /** D7: goods (panels, inverters) delivered to the site; the withdrawal period runs from the last part. */
  Schema.TaggedStruct("RecordGoodsDelivered", { on: CalendarDate, lastPart: Schema.Boolean }),
  /** The customer sends a withdrawal notice (WAL-4c, D7). `on` is the day it was sent. */
  Schema.TaggedStruct("Withdraw", {
    on: CalendarDate,
    /** D7: the day the installer received the notice, when known (the refund's 14 days run from it). */
    receivedOn: Schema.optional(CalendarDate)
  }),
  /** WAL-5.2.1: the loan was obtained. */
  Schema.TaggedStruct("RecordLoanObtained", { on: CalendarDate }),
  /** WAL-5.2.1: the loan was refused, with or without a lender's refusal certificate. */
  Schema.TaggedStruct("RecordLoanRefused", { on: CalendarDate, refusalCertificate: Schema.Boolean }),
  /** WAL-5.2.1 (Civil Code art. 1178): the customer prevented the condition. */
  Schema.TaggedStruct("RecordLoanPreventedByCustomer", { on: CalendarDate }),
  /** WAL-5.2.1: the loan period ended without a loan. */
  Schema.TaggedStruct("RecordLoanPeriodLapsed", { on: CalendarDate }),
  /**
   * WAL-4b, WAL-5.2.2: the studies named in the specification concluded. `requiredWorksCents`: the
   * works they require, excl. VAT (compared with the price excl. VAT); `inspectionCostCents`: the
   * control body's cost, excl. VAT, when not already in the price (WAL-4b includes it).
   */
  Schema.TaggedStruct("ConcludeStudies", {
    on: CalendarDate,
    requiredWorksCents: Money.NonNegativeCents,
    inspectionCostCents: Schema.optional(Money.NonNegativeCents)
  }),
  Schema.TaggedStruct("StartWorks", { on: CalendarDate }),
  Schema.TaggedStruct("RecordPanelsDelivered", { on: CalendarDate }),
  /** WAL-5.7.1: a bad-weather day recorded by the IRM. */
  Schema.TaggedStruct("RecordBadWeatherDay", { on: CalendarDate }),
  /**
   * WAL-5.6.1, WAL-5.6.2, WAL-5.9, and WAL-5.4.3 (the customer gives no access to the site, no
   * electricity or not the information needed): the work dates are suspended from `on` (D11).
   */
  Schema.TaggedStruct("SuspendWorks", {
    on: CalendarDate,
    rule: SuspensionRule
  }),
  /** The suspension ends; the dates run again from `on`. */
  Schema.TaggedStruct("ResumeWorks", { on: CalendarDate }),
  Schema.TaggedStruct("CompleteWorks", { on: CalendarDate }),
  /** WAL-2.4.3/WAL-5.4.1: invoice a milestone of the schedule. */
  Schema.TaggedStruct("IssueInvoice", { on: CalendarDate, invoiceId: NonEmpty, milestone: Milestone }),
  /** WAL-5.4.2: the customer received the invoice (the 15 days run from here). */
  Schema.TaggedStruct("RecordInvoiceReceived", { on: CalendarDate, invoiceId: NonEmpty }),
  /** WAL-5.4.2: a payment on an invoice; `amountCents` incl. VAT, at most what is still owed on it. */
  Schema.TaggedStruct("RecordPayment", {
    on: CalendarDate,
    invoiceId: NonEmpty,
    amountCents: Schema.Int.check(Schema.isGreaterThan(0))
  }),
  /** D8 (Book XIX): the free first reminder. */
  Schema.TaggedStruct("SendReminder", {
    on: CalendarDate,
    invoiceId: NonEmpty,
    channel: Schema.Literals(["post", "email"]),
    /**
     * D8 (Book XIX): the reminder carried the legal mentions (amount due, the indemnity that will be
     * charged, the creditor's name and company number, what it is for and its due date, the 14-day
     * period). A reminder without them starts nothing; absent means not recorded.
     */
    legalMentions: Schema.optional(Schema.Boolean)
  }),
  /** WAL-5.8.1: the control body accepted the installation. */
  Schema.TaggedStruct("RecordInspectionAccepted", { on: CalendarDate }),
  /** WAL-5.8.1: the control body refused; `on` is the day the installer was told. */
  Schema.TaggedStruct("RecordInspectionRefused", { on: CalendarDate }),
  /** WAL-5.8.1: the installer brought the installation into conformity. */
  Schema.TaggedStruct("RecordConformityRestored", { on: CalendarDate }),
  /** WAL-5.8.2 */
  Schema.TaggedStruct("DeliverAdministrativeFile", { on: CalendarDate }),
  /** WAL-5.12.2: `on` is the day of the written claim. */
  Schema.TaggedStruct("ClaimWarranty", {
    on: CalendarDate,
    claimId: NonEmpty,
    defect: InstallerWarranty.Defect,
    discoveredOn: CalendarDate,
    inWriting: Schema.Boolean
  }),
  /** WAL-5.13: the customer reports a production shortfall. */
  Schema.TaggedStruct("ReportProductionShortfall", {
    on: CalendarDate,
    claimId: NonEmpty,
    measurement: ProductionGuarantee.Measurement,
    exonerations: Schema.Array(ProductionGuarantee.ExonerationCause)
  }),
  /** WAL-5.13: the installer's technical opinion. */
  Schema.TaggedStruct("DeliverTechnicalOpinion", {
    on: CalendarDate,
    claimId: NonEmpty,
    solutionsWithinWarranty: Schema.Boolean,
    customerToldOfChargeInAdvance: Schema.Boolean
  }),
  /** WAL-5.13: the customer agrees to the repairs. */
  Schema.TaggedStruct("AgreeToRepairs", { on: CalendarDate, claimId: NonEmpty }),
  Schema.TaggedStruct("CompleteRepairs", { on: CalendarDate, claimId: NonEmpty }),
  /** WAL-5.10: a component cannot be installed in time; the installer proposes an equivalent. */
  Schema.TaggedStruct("ProposeSubstitution", { on: CalendarDate, component: NonEmpty, replacement: NonEmpty }),
  Schema.TaggedStruct("AcceptSubstitution", { on: CalendarDate }),
  /**
   * WAL-5.10: the customer refuses the substitution and terminates without indemnity, paying the
   * works done and expenses not already invoiced (excl. VAT).
   */
  Schema.TaggedStruct("RefuseSubstitution", {
    on: CalendarDate,
    byRegisteredLetter: Schema.Boolean,
    worksDoneCents: Money.NonNegativeCents,
    expensesCents: Money.NonNegativeCents
  }),
  /**
   * WAL-5.14.2 (`at-will`) or WAL-5.6.2 (`unforeseen-studies`): the customer terminates. Amounts
   * are excl. VAT and cover what was not already invoiced.
   */
  Schema.TaggedStruct("TerminateByCustomer", {
    on: CalendarDate,
    ground: Schema.Literals(["at-will", "unforeseen-studies"]),
    byRegisteredLetter: Schema.Boolean,
    worksDoneCents: Money.NonNegativeCents,
    expensesCents: Money.NonNegativeCents,
    worksNotDoneCents: Money.NonNegativeCents,
    /** WAL-5.6.2: the study that turned out necessary (refused when the specification named it, WAL-5.6.1). */
    study: Schema.optional(Schema.Literals(["roof", "electrical"])),
    /** D7: the day the installer received the letter, when known (a termination inside an open withdrawal period is a withdrawal). */
    receivedOn: Schema.optional(CalendarDate)
  }),
  /**
   * WAL-5.14.3: the installer terminates because the customer refuses the works the studies found
   * indispensable; the customer owes the costs and materials used not already invoiced (excl. VAT).
   */
  Schema.TaggedStruct("TerminateByInstaller", {
    on: CalendarDate,
    byRegisteredLetter: Schema.Boolean,
    customerRefusedIndispensableWorks: Schema.Boolean,
    costsCents: Money.NonNegativeCents,
    materialsUsedCents: Money.NonNegativeCents
  }),
  /** WAL-5.14.4: a registered formal notice citing the article. */
  Schema.TaggedStruct("SendFormalNotice", {
    on: CalendarDate,
    by: Party,
    breach: NonEmpty,
    byRegisteredLetter: Schema.Boolean,
    citesArticle: Schema.Boolean
  }),
  /** WAL-5.14.4: the other party answered (remedied) the formal notice. */
  Schema.TaggedStruct("RecordNoticeRemedied", { on: CalendarDate }),
  /** WAL-5.14.4: the party that sent the notice rescinds. */
  Schema.TaggedStruct("Rescind", {
    on: CalendarDate,
    byRegisteredLetter: Schema.Boolean,
    /** D10: the works done are kept (at their value incl. VAT) or removed; required once works started. */
    worksDone: Schema.optional(Restitution)
  }),
  /**
   * D8, D10: after a termination or a rescission, the final invoice of what the customer owes
   * (works done, expenses, works kept, incl. VAT); the milestone invoices are cancelled by credit
   * notes (VAT Code art. 79: an issued invoice is never deleted).
   */
  Schema.TaggedStruct("IssueFinalInvoice", { on: CalendarDate, invoiceId: NonEmpty }),
  /**
   * WAL-5.11: a party assigns the contract (e.g. the house is sold during the 10-year
   * watertightness warranty); only with the other party's written consent. `assigneeId` refers to
   * the new party in the personal-data store (D16).
   */
  Schema.TaggedStruct("AssignContract", {
    on: CalendarDate,
    by: Party,
    assigneeId: NonEmpty,
    writtenConsent: Schema.Boolean
  }),
  /** D7, D10: the installer refunds the customer (after a withdrawal, a voided contract or a net settlement). */
  Schema.TaggedStruct("RecordRefund", { on: CalendarDate, amountCents: Schema.Int.check(Schema.isGreaterThan(0)) }),
  /** D7: after a withdrawal, the installer collected its goods (it may hold the refund back until then). */
  Schema.TaggedStruct("RecordGoodsCollected", { on: CalendarDate })
]).pipe(Schema.toTaggedUnion("_tag"))

/**
 * @since 0.1.0
 * @category commands
 */
export type Command = typeof Command.Type

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

const Reasons = Schema.Array(Reason)
/** A time limit as the rules give it (D12, D14): with who acts and, when rolled over, from which day and why. */
const Deadline = Schema.Struct({
  rule: Schema.String,
  what: Schema.String,
  due: CalendarDate,
  party: Schema.optional(Schema.Literals(["customer", "installer"])),
  kind: Schema.optional(Schema.Literals(["obligation", "right"])),
  rolledFrom: Schema.optional(CalendarDate),
  because: Schema.optional(Schema.String)
})

/**
 * Every event of the contract. Each carries its business date `on`; decisions that were late or
 * carry warnings record their reasons.
 *
 * @since 0.1.0
 * @category events
 */
export const Event = Schema.Union([
  /** D16: parties by id; old events with names still decode (`Terms.RecordedOffer`). */
  Schema.TaggedStruct("ContractDrafted", { on: CalendarDate, offer: Terms.RecordedOffer }),
  Schema.TaggedStruct("OfferSigned", {
    on: CalendarDate,
    validUntil: CalendarDate,
    priceExcl: Money.Amount,
    totalIncl: Money.Amount,
    warnings: Reasons
  }),
  Schema.TaggedStruct("OrderPlaced", {
    on: CalendarDate,
    offPremises: Schema.Boolean,
    /** D7 (absent in old events: taken from `offPremises`). */
    concludedBy: Schema.optional(Withdrawal.ConcludedBy),
    /** D7 (absent in old events, which were decided as if the legal information had been given). */
    withdrawalInformation: Schema.optional(Withdrawal.WithdrawalInformation),
    loan: Schema.optional(
      Schema.Struct({
        agreedDays: Schema.optional(Schema.Int),
        maxAmountCents: Schema.Int,
        effectiveDays: Schema.Int,
        due: CalendarDate
      })
    ),
    studiesCondition: Schema.Boolean,
    withdrawalDue: Schema.optional(CalendarDate),
    warnings: Reasons
  }),
  Schema.TaggedStruct("WithdrawalInformationGiven", { on: CalendarDate }),
  Schema.TaggedStruct("GoodsDelivered", { on: CalendarDate, lastPart: Schema.Boolean }),
  Schema.TaggedStruct("ContractWithdrawn", {
    on: CalendarDate,
    receivedOn: Schema.optional(CalendarDate),
    reasons: Reasons
  }),
  Schema.TaggedStruct("LoanObtained", { on: CalendarDate, reasons: Reasons }),
  Schema.TaggedStruct("LoanRefused", { on: CalendarDate, refusalCertificate: Schema.Boolean, reasons: Reasons }),
  Schema.TaggedStruct("LoanDeemedObtained", { on: CalendarDate, reasons: Reasons }),
  Schema.TaggedStruct("LoanPeriodLapsed", { on: CalendarDate, reasons: Reasons }),
  Schema.TaggedStruct("StudiesConcluded", {
    on: CalendarDate,
    requiredWorks: Money.Amount,
    fulfilled: Schema.Boolean,
    reasons: Reasons
  }),
  Schema.TaggedStruct("ContractBecameFinal", { on: CalendarDate }),
  Schema.TaggedStruct("ContractVoided", { on: CalendarDate, reasons: Reasons }),
  Schema.TaggedStruct("WorksStarted", { on: CalendarDate, late: Schema.Boolean }),
  Schema.TaggedStruct("PanelsDelivered", { on: CalendarDate }),
  Schema.TaggedStruct("BadWeatherDayRecorded", { on: CalendarDate }),
  Schema.TaggedStruct("WorksSuspended", {
    on: CalendarDate,
    rule: SuspensionRule
  }),
  Schema.TaggedStruct("WorksResumed", { on: CalendarDate }),
  Schema.TaggedStruct("WorksCompleted", {
    on: CalendarDate,
    pushedEnd: CalendarDate,
    delayDays: Schema.Int,
    reasons: Reasons
  }),
  Schema.TaggedStruct("InvoiceIssued", {
    on: CalendarDate,
    invoiceId: Schema.String,
    milestone: Milestone,
    amount: Money.Amount,
    reasons: Reasons
  }),
  Schema.TaggedStruct("InvoiceReceived", { on: CalendarDate, invoiceId: Schema.String, due: Deadline }),
  Schema.TaggedStruct("PaymentRecorded", { on: CalendarDate, invoiceId: Schema.String, amount: Money.Amount }),
  Schema.TaggedStruct("ReminderSent", {
    on: CalendarDate,
    invoiceId: Schema.String,
    channel: Schema.Literals(["post", "email"]),
    legalMentions: Schema.optional(Schema.Boolean)
  }),
  Schema.TaggedStruct("InspectionAccepted", { on: CalendarDate, reasons: Reasons }),
  Schema.TaggedStruct("InspectionRefused", { on: CalendarDate, conformityDue: Deadline, reasons: Reasons }),
  Schema.TaggedStruct("ConformityRestored", { on: CalendarDate, inTime: Schema.Boolean, reasons: Reasons }),
  Schema.TaggedStruct("AdministrativeFileDelivered", { on: CalendarDate, inTime: Schema.Boolean, reasons: Reasons }),
  Schema.TaggedStruct("WarrantyClaimed", {
    on: CalendarDate,
    claimId: Schema.String,
    defect: InstallerWarranty.Defect,
    discoveredOn: CalendarDate,
    reasons: Reasons
  }),
  Schema.TaggedStruct("ProductionShortfallReported", {
    on: CalendarDate,
    claimId: Schema.String,
    installerLiable: Schema.Boolean,
    opinionDue: Deadline,
    reasons: Reasons
  }),
  Schema.TaggedStruct("TechnicalOpinionDelivered", {
    on: CalendarDate,
    claimId: Schema.String,
    inTime: Schema.Boolean,
    chargeable: Schema.Boolean,
    reasons: Reasons
  }),
  Schema.TaggedStruct("RepairsAgreed", { on: CalendarDate, claimId: Schema.String, repairsDue: Deadline }),
  Schema.TaggedStruct("RepairsCompleted", {
    on: CalendarDate,
    claimId: Schema.String,
    inTime: Schema.Boolean,
    reasons: Reasons
  }),
  Schema.TaggedStruct("SubstitutionProposed", {
    on: CalendarDate,
    component: Schema.String,
    replacement: Schema.String
  }),
  Schema.TaggedStruct("SubstitutionAccepted", { on: CalendarDate }),
  Schema.TaggedStruct("ContractTerminated", {
    on: CalendarDate,
    by: Party,
    rule: Schema.Literals(["WAL-5.14.2", "WAL-5.14.3", "WAL-5.6.2", "WAL-5.10"]),
    /** The total the ending clause names, excl. VAT, as the rule computed it (kept for old events). */
    owedByCustomer: Money.Amount,
    /** D10: what the customer owes instead of the price, each amount on its basis (absent in old events). */
    owed: Schema.optional(Schema.Array(Owed)),
    reasons: Reasons
  }),
  Schema.TaggedStruct("FormalNoticeSent", {
    on: CalendarDate,
    by: Party,
    breach: Schema.String,
    byRegisteredLetter: Schema.Boolean,
    citesArticle: Schema.Boolean,
    waitingEnds: Deadline
  }),
  Schema.TaggedStruct("FormalNoticeRemedied", { on: CalendarDate }),
  Schema.TaggedStruct("ContractRescinded", {
    on: CalendarDate,
    injuredParty: Party,
    indemnity: Money.Amount,
    /** D10: the works done kept (at their value incl. VAT) or removed (absent in old events). */
    restitution: Schema.optional(Restitution),
    reasons: Reasons
  }),
  Schema.TaggedStruct("FinalInvoiceIssued", {
    on: CalendarDate,
    invoiceId: Schema.String,
    /** The credit notes cancelling the milestone invoices (one per invoice, its full amount). */
    creditNotes: Schema.Array(Schema.Struct({ invoiceId: Schema.String, amount: Money.Amount })),
    /** The supplies owed (works done, expenses, works kept), incl. VAT. */
    amount: Money.Amount,
    /** Payments already received on the cancelled invoices, set off against this invoice (incl. VAT). */
    setOffCents: Money.NonNegativeCents,
    reasons: Reasons
  }),
  Schema.TaggedStruct("RefundRecorded", { on: CalendarDate, amount: Money.Amount }),
  Schema.TaggedStruct("ContractAssigned", { on: CalendarDate, by: Party, assigneeId: Schema.String, reasons: Reasons }),
  Schema.TaggedStruct("GoodsCollected", { on: CalendarDate })
]).pipe(Schema.toTaggedUnion("_tag"))

/**
 * @since 0.1.0
 * @category events
 */
export type Event = typeof Event.Type

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/**
 * Where the contract stands in its lifecycle.
 *
 * @since 0.1.0
 * @category state
 */
export type Status =
  | "Empty"
  | "Drafted"
  | "Offered"
  | "Ordered"
  | "Final"
  | "Void"
  | "Withdrawn"
  | "WorksStarted"
  | "WorksCompleted"
  | "InspectionRefused"
  | "InspectionAccepted"
  | "Completed"
  | "Terminated"
  | "Rescinded"

/**
 * Every status, in lifecycle order.
 *
 * @since 0.1.0
 * @category state
 */
export const statuses: ReadonlyArray<Status> = [
  "Empty",
  "Drafted",
  "Offered",
  "Ordered",
  "Final",
  "Void",
  "Withdrawn",
  "WorksStarted",
  "WorksCompleted",
  "InspectionRefused",
  "InspectionAccepted",
  "Completed",
  "Terminated",
  "Rescinded"
]

/**
 * An invoice and what was paid on it.
 *
 * @since 0.1.0
 * @category state
 */
export interface Invoice {
  readonly invoiceId: string
  /** The milestone invoiced, or `"final"` for the final invoice after an early end (D10). */
  readonly milestone: Milestone | "final"
  /** D10: payments already received that were set off against a final invoice (0 for a milestone). */
  readonly setOffCents: number
  readonly issuedOn: string
  readonly amount: Money.Amount
  readonly receivedOn: string | undefined
  /**
   * D8: the reminder that counts — the earliest carrying the legal mentions (one without them
   * starts nothing), else the first one sent.
   */
  readonly reminder:
    | { readonly sentOn: string; readonly channel: "post" | "email"; readonly legalMentions?: boolean | undefined }
    | undefined
  readonly payments: ReadonlyArray<{ readonly on: string; readonly cents: number }>
}

/**
 * A production claim (WAL-5.13).
 *
 * @since 0.1.0
 * @category state
 */
export interface ProductionClaim {
  readonly claimId: string
  readonly reportedOn: string
  readonly installerLiable: boolean
  readonly opinionOn: string | undefined
  readonly agreedOn: string | undefined
  readonly repairedOn: string | undefined
}

/**
 * How the contract ended early.
 *
 * @since 0.1.0
 * @category state
 */
export type Ending =
  | {
      readonly _tag: "Terminated"
      readonly on: string
      readonly by: "customer" | "installer"
      readonly rule: string
      readonly owedByCustomer: Money.Amount
      /** D10: what the customer owes instead of the price, each on its basis. */
      readonly owed: ReadonlyArray<Owed>
      readonly reasons: ReadonlyArray<Reason>
    }
  | {
      readonly _tag: "Rescinded"
      readonly on: string
      readonly injuredParty: "customer" | "installer"
      readonly indemnity: Money.Amount
      /** D10: the works done kept or removed (`undefined`: none were done). */
      readonly restitution: Restitution | undefined
      readonly reasons: ReadonlyArray<Reason>
    }

/**
 * The contract's state: everything the decisions, the statement and the deadlines need.
 *
 * @since 0.1.0
 * @category state
 */
export interface State {
  readonly status: Status
  readonly lastOn: string | undefined
  /** D16: the offer without personal data (parties by id). */
  readonly offer: Terms.StateOffer | undefined
  readonly draftedOn: string | undefined
  readonly offerSignedOn: string | undefined
  readonly offerWarnings: ReadonlyArray<Reason>
  readonly order:
    | {
        readonly on: string
        readonly offPremises: boolean
        /** D7: how the contract was concluded. */
        readonly concludedBy: Withdrawal.ConcludedBy
        /** D7: what the customer was told of the right ("legal" for orders recorded before it was asked). */
        readonly withdrawalInformation: Withdrawal.WithdrawalInformation
        /** D7: the day the customer received the legal information given late. */
        readonly legalInformationReceivedOn: string | undefined
        readonly loan:
          | {
              readonly agreedDays?: number | undefined
              readonly maxAmountCents: number
              readonly effectiveDays: number
              readonly due: string
            }
          | undefined
        readonly studiesCondition: boolean
        readonly withdrawalDue: string | undefined
        readonly warnings: ReadonlyArray<Reason>
      }
    | undefined
  readonly loanSettledOn: string | undefined
  readonly loanRefusedWithoutCertificateOn: string | undefined
  readonly studiesSettledOn: string | undefined
  readonly finalOn: string | undefined
  readonly voidedOn: string | undefined
  readonly withdrawnOn: string | undefined
  /** D7: the deliveries of goods to the site (the withdrawal period runs from the last part). */
  readonly goodsDeliveries: ReadonlyArray<{ readonly on: string; readonly lastPart: boolean }>
  /** D7: the day the installer received the withdrawal notice, when recorded. */
  readonly withdrawalReceivedOn: string | undefined
  /** D7: the day the installer collected its goods after a withdrawal. */
  readonly goodsCollectedOn: string | undefined
  /** WAL-5.11: the assignments of the contract, with written consent. */
  readonly assignments: ReadonlyArray<{
    readonly on: string
    readonly by: "customer" | "installer"
    readonly assigneeId: string
  }>
  /** D7, D10: the refunds the installer made to the customer. */
  readonly refunds: ReadonlyArray<{ readonly on: string; readonly cents: number }>
  /** D10: the final invoice after a termination or a rescission, and the credit notes it came with. */
  readonly finalInvoice:
    | {
        readonly invoiceId: string
        readonly on: string
        readonly creditNotes: ReadonlyArray<{ readonly invoiceId: string; readonly amount: Money.Amount }>
      }
    | undefined
  readonly worksStartedOn: string | undefined
  readonly panelsDeliveredOn: string | undefined
  readonly worksCompletedOn: string | undefined
  readonly badWeatherDays: ReadonlyArray<string>
  readonly suspensions: ReadonlyArray<{
    readonly rule: typeof SuspensionRule.Type
    readonly from: string
    readonly resumedOn: string | undefined
  }>
  readonly invoices: ReadonlyArray<Invoice>
  readonly inspectionRefusals: ReadonlyArray<{ readonly notifiedOn: string; readonly restoredOn: string | undefined }>
  readonly acceptedOn: string | undefined
  readonly administrativeFileOn: string | undefined
  readonly warrantyClaims: ReadonlyArray<{
    readonly claimId: string
    readonly claimedOn: string
    readonly discoveredOn: string
    readonly defect: typeof InstallerWarranty.Defect.Type
  }>
  readonly productionClaims: ReadonlyArray<ProductionClaim>
  readonly substitution:
    | {
        readonly proposedOn: string
        readonly component: string
        readonly replacement: string
        readonly acceptedOn: string | undefined
      }
    | undefined
  readonly formalNotice:
    | {
        readonly on: string
        readonly by: "customer" | "installer"
        readonly breach: string
        readonly byRegisteredLetter: boolean
        readonly citesArticle: boolean
        readonly remediedOn: string | undefined
      }
    | undefined
  readonly ending: Ending | undefined
}

// ---------------------------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------------------------

/**
 * The policy parameters of the decisions (D5, D7, D8, D11), defaults from `@soltrace/rules`.
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly withdrawal: Withdrawal.Policy
  /** WAL-5.14, D10, D14: lost profit and indemnity rates and bases, waiting days, roll-over. */
  readonly termination: Termination.Policy
  /**
   * D9: what the 10 kW of WAL-1.1a is measured on — the inverters' maximum AC power (`"ac"`, the
   * default, as the regulator's QUALIWATT FAQ reads "10 kW") or the panels' peak power (`"peak"`).
   */
  readonly powerBasis: OfferValidation.Policy["powerBasis"]
  readonly loan: ContractConditions.LoanPolicy
  readonly latePayment: LatePayment.Policy
  readonly delay: DelayPenalty.Policy
}
