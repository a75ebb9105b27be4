/**
 * The Walloon standard contract (contrat-type, WAL-*) as a decider: commands, events, state.
 *
 * Lifecycle (WAL-1.3): `Drafted → Offered (signed by the installer, valid 30 days, WAL-2.3) →
 * Ordered (conditions pending, WAL-4, WAL-5.2) → Final | Void | Withdrawn (WAL-4c, D7) →
 * WorksStarted → WorksCompleted → InspectionAccepted (or InspectionRefused → conformity restored →
 * re-inspected, WAL-5.8.1) → Completed (administrative file delivered, WAL-5.8.2)`; from any live
 * state, `Terminated` (WAL-5.14.2, WAL-5.14.3, WAL-5.6.2, WAL-5.10) or `Rescinded` (WAL-5.14.4).
 * `Void`, `Withdrawn`, `Terminated` and `Rescinded` are terminal; a `Completed` contract still takes
 * warranty and production claims (WAL-5.12.2, WAL-5.13) and payments.
 *
 * Every command and event carries its business date `on` (`YYYY-MM-DD`); the decider never reads
 * the clock. Lifecycle steps never go backwards: a step dated before the contract's last event is
 * refused. Facts often learnt late (a withdrawal letter, a bad-weather day, an invoice's receipt, a
 * payment, a reminder) may carry an earlier date. The state "as of" a date is the fold of the
 * events dated on or before it ({@link asOf}).
 *
 * Every business decision and amount comes from `@soltrace/rules`; this module only sequences them.
 * A refusal is a {@link ContractRefused} value listing reasons with their rule ids; a warning
 * (WAL-3.4, D5) is recorded in the event.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { Decider, EventCodec } from "@soltrace/core"
import type { CommandHandler } from "@soltrace/core"
import {
  AdministrativeFile,
  Calendar,
  Decision,
  ContractConditions,
  DelayPenalty,
  Inspection,
  InstallerWarranty,
  LatePayment,
  Money,
  PaymentSchedule,
  ProductionGuarantee,
  Termination,
  Withdrawal
} from "@soltrace/rules"
import * as Terms from "./Terms.js"
import { validateOffer } from "./internal/offer.js"

const CalendarDate = Calendar.CalendarDate
const NonEmpty = Schema.String.check(Schema.isMinLength(1))

// ---------------------------------------------------------------------------------------------
// Reasons and errors
// ---------------------------------------------------------------------------------------------

/**
 * A reason from `@soltrace/rules` as stored in events and errors: rule id, message, figures.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reason = Schema.Struct({
  rule: Schema.String,
  message: Schema.String,
  figures: Schema.Record(Schema.String, Schema.Union([Schema.String, Schema.Number, Schema.Boolean]))
})

/**
 * @since 0.1.0
 * @category models
 */
export type Reason = typeof Reason.Type

/**
 * A business "no": the command was refused; `reasons` says why, each with its rule id.
 *
 * @since 0.1.0
 * @category errors
 */
export class ContractRefused extends Schema.TaggedError<ContractRefused>()("ContractRefused", {
  command: Schema.String,
  status: Schema.String,
  reasons: Schema.Array(Reason)
}) {
  /** The rule ids of the reasons, in order. */
  get rules(): ReadonlyArray<string> {
    return this.reasons.map((r) => r.rule)
  }
  override get message(): string {
    return `${this.command} refused (${this.status}): ${this.reasons.map((r) => `[${r.rule}] ${r.message}`).join(" ")}`
  }
}

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
    offPremises: Schema.Boolean,
    loan: Schema.optional(
      Schema.Struct({
        agreedDays: Schema.optional(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
        maxAmountCents: Money.NonNegativeCents
      })
    )
  }),
  /** The customer sends a withdrawal notice (WAL-4c, D7). `on` is the day it was sent. */
  Schema.TaggedStruct("Withdraw", { on: CalendarDate }),
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
  /** WAL-5.6.1, WAL-5.6.2, WAL-5.9: the work dates are suspended from `on`. */
  Schema.TaggedStruct("SuspendWorks", {
    on: CalendarDate,
    rule: Schema.Literals(["WAL-5.6.1", "WAL-5.6.2", "WAL-5.9"])
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
    channel: Schema.Literals(["post", "email"])
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
    worksNotDoneCents: Money.NonNegativeCents
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
  Schema.TaggedStruct("Rescind", { on: CalendarDate, byRegisteredLetter: Schema.Boolean })
]).pipe(Schema.toTaggedUnion("_tag"))

/**
 * @since 0.1.0
 * @category commands
 */
export type Command = typeof Command.Type

const decodeKnownCommand = Decision.decodeInput(Command, "command")

/**
 * Decodes a command from outside (JSON from a form or an API). A malformed command gives an
 * `InvalidInput` naming the offending field; an unknown `_tag` gives one listing the known
 * commands.
 *
 * @since 0.1.0
 * @category commands
 */
export const decodeCommand = (input: unknown): Result.Result<Command, Decision.InvalidInput> => {
  const tag =
    typeof input === "object" && input !== null && "_tag" in input
      ? (input as { readonly _tag: unknown })._tag
      : undefined
  if (typeof tag !== "string" || !Object.hasOwn(Command.cases, tag)) {
    return Result.fail(
      new Decision.InvalidInput({
        input: "command",
        message: `Invalid command: unknown _tag ${JSON.stringify(tag)}; expected one of ${Object.keys(Command.cases).join(", ")}\n  at ["_tag"]`
      })
    )
  }
  return decodeKnownCommand(input)
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

const Reasons = Schema.Array(Reason)
const Deadline = Schema.Struct({ rule: Schema.String, what: Schema.String, due: CalendarDate })

/**
 * Every event of the contract. Each carries its business date `on`; decisions that were late or
 * carry warnings record their reasons.
 *
 * @since 0.1.0
 * @category events
 */
export const Event = Schema.Union([
  Schema.TaggedStruct("ContractDrafted", { on: CalendarDate, offer: Terms.Offer }),
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
  Schema.TaggedStruct("ContractWithdrawn", { on: CalendarDate, reasons: Reasons }),
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
    rule: Schema.Literals(["WAL-5.6.1", "WAL-5.6.2", "WAL-5.9"])
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
    channel: Schema.Literals(["post", "email"])
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
    /** Owed by the customer to the installer, excl. VAT, beyond the invoices already issued. */
    owedByCustomer: Money.Amount,
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
    reasons: Reasons
  })
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
 * The statuses in which the contract accepts no command.
 *
 * @since 0.1.0
 * @category state
 */
export const terminalStatuses: ReadonlyArray<Status> = ["Void", "Withdrawn", "Terminated", "Rescinded"]

/**
 * An invoice and what was paid on it.
 *
 * @since 0.1.0
 * @category state
 */
export interface Invoice {
  readonly invoiceId: string
  readonly milestone: Milestone
  readonly issuedOn: string
  readonly amount: Money.Amount
  readonly receivedOn: string | undefined
  readonly reminder: { readonly sentOn: string; readonly channel: "post" | "email" } | undefined
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
      readonly reasons: ReadonlyArray<Reason>
    }
  | {
      readonly _tag: "Rescinded"
      readonly on: string
      readonly injuredParty: "customer" | "installer"
      readonly indemnity: Money.Amount
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
  readonly offer: Terms.Offer | undefined
  readonly draftedOn: string | undefined
  readonly offerSignedOn: string | undefined
  readonly offerWarnings: ReadonlyArray<Reason>
  readonly order:
    | {
        readonly on: string
        readonly offPremises: boolean
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
  readonly worksStartedOn: string | undefined
  readonly panelsDeliveredOn: string | undefined
  readonly worksCompletedOn: string | undefined
  readonly badWeatherDays: ReadonlyArray<string>
  readonly suspensions: ReadonlyArray<{
    readonly rule: "WAL-5.6.1" | "WAL-5.6.2" | "WAL-5.9"
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

/**
 * The state of a contract with no event.
 *
 * @since 0.1.0
 * @category state
 */
export const initialState: State = {
  status: "Empty",
  lastOn: undefined,
  offer: undefined,
  draftedOn: undefined,
  offerSignedOn: undefined,
  offerWarnings: [],
  order: undefined,
  loanSettledOn: undefined,
  loanRefusedWithoutCertificateOn: undefined,
  studiesSettledOn: undefined,
  finalOn: undefined,
  voidedOn: undefined,
  withdrawnOn: undefined,
  worksStartedOn: undefined,
  panelsDeliveredOn: undefined,
  worksCompletedOn: undefined,
  badWeatherDays: [],
  suspensions: [],
  invoices: [],
  inspectionRefusals: [],
  acceptedOn: undefined,
  administrativeFileOn: undefined,
  warrantyClaims: [],
  productionClaims: [],
  substitution: undefined,
  formalNotice: undefined,
  ending: undefined
}

/**
 * True when the contract accepts no further command.
 *
 * @since 0.1.0
 * @category state
 */
export const isTerminal = (state: State): boolean => terminalStatuses.includes(state.status)

/**
 * What is still owed on an invoice, incl. VAT.
 *
 * @since 0.1.0
 * @category state
 */
export const outstanding = (invoice: Invoice): number =>
  invoice.amount.cents - invoice.payments.reduce((a, p) => a + p.cents, 0)

/**
 * The current suspension, if the works are suspended.
 *
 * @since 0.1.0
 * @category state
 */
export const openSuspension = (state: State) => state.suspensions.find((s) => s.resumedOn === undefined)

const mapInvoice = (state: State, invoiceId: string, f: (i: Invoice) => Invoice): ReadonlyArray<Invoice> =>
  state.invoices.map((i) => (i.invoiceId === invoiceId ? f(i) : i))

const mapClaim = (
  state: State,
  claimId: string,
  f: (c: ProductionClaim) => ProductionClaim
): ReadonlyArray<ProductionClaim> => state.productionClaims.map((c) => (c.claimId === claimId ? f(c) : c))

/**
 * The state after one event.
 *
 * @since 0.1.0
 * @category state
 */
export const evolve = (state0: State, event: Event): State => {
  const state: State = {
    ...state0,
    lastOn: state0.lastOn === undefined || event.on > state0.lastOn ? event.on : state0.lastOn
  }
  switch (event._tag) {
    case "ContractDrafted":
      return { ...state, status: "Drafted", offer: event.offer, draftedOn: event.on }
    case "OfferSigned":
      return { ...state, status: "Offered", offerSignedOn: event.on, offerWarnings: event.warnings }
    case "OrderPlaced":
      return {
        ...state,
        status: "Ordered",
        order: {
          on: event.on,
          offPremises: event.offPremises,
          loan: event.loan,
          studiesCondition: event.studiesCondition,
          withdrawalDue: event.withdrawalDue,
          warnings: event.warnings
        },
        loanSettledOn: event.loan === undefined ? event.on : undefined,
        studiesSettledOn: event.studiesCondition ? undefined : event.on
      }
    case "ContractWithdrawn":
      return { ...state, status: "Withdrawn", withdrawnOn: event.on }
    case "LoanObtained":
    case "LoanDeemedObtained":
      return { ...state, loanSettledOn: event.on }
    case "LoanRefused":
      return event.refusalCertificate ? state : { ...state, loanRefusedWithoutCertificateOn: event.on }
    case "LoanPeriodLapsed":
      return state
    case "StudiesConcluded":
      return event.fulfilled ? { ...state, studiesSettledOn: event.on } : state
    case "ContractBecameFinal":
      return { ...state, status: "Final", finalOn: event.on }
    case "ContractVoided":
      return { ...state, status: "Void", voidedOn: event.on }
    case "WorksStarted":
      return { ...state, status: "WorksStarted", worksStartedOn: event.on }
    case "PanelsDelivered":
      return { ...state, panelsDeliveredOn: event.on }
    case "BadWeatherDayRecorded":
      return { ...state, badWeatherDays: [...state.badWeatherDays, event.on] }
    case "WorksSuspended":
      return {
        ...state,
        suspensions: [...state.suspensions, { rule: event.rule, from: event.on, resumedOn: undefined }]
      }
    case "WorksResumed":
      return {
        ...state,
        suspensions: state.suspensions.map((s) => (s.resumedOn === undefined ? { ...s, resumedOn: event.on } : s))
      }
    case "WorksCompleted":
      return { ...state, status: "WorksCompleted", worksCompletedOn: event.on }
    case "InvoiceIssued":
      return {
        ...state,
        invoices: [
          ...state.invoices,
          {
            invoiceId: event.invoiceId,
            milestone: event.milestone,
            issuedOn: event.on,
            amount: event.amount,
            receivedOn: undefined,
            reminder: undefined,
            payments: []
          }
        ]
      }
    case "InvoiceReceived":
      return { ...state, invoices: mapInvoice(state, event.invoiceId, (i) => ({ ...i, receivedOn: event.on })) }
    case "PaymentRecorded":
      return {
        ...state,
        invoices: mapInvoice(state, event.invoiceId, (i) => ({
          ...i,
          payments: [...i.payments, { on: event.on, cents: event.amount.cents }].sort((a, b) =>
            Calendar.compare(a.on, b.on)
          )
        }))
      }
    case "ReminderSent":
      return {
        ...state,
        invoices: mapInvoice(state, event.invoiceId, (i) =>
          i.reminder === undefined ? { ...i, reminder: { sentOn: event.on, channel: event.channel } } : i
        )
      }
    case "InspectionAccepted":
      return { ...state, status: "InspectionAccepted", acceptedOn: event.on }
    case "InspectionRefused":
      return {
        ...state,
        status: "InspectionRefused",
        inspectionRefusals: [...state.inspectionRefusals, { notifiedOn: event.on, restoredOn: undefined }]
      }
    case "ConformityRestored":
      return {
        ...state,
        status: "WorksCompleted",
        inspectionRefusals: state.inspectionRefusals.map((r) =>
          r.restoredOn === undefined ? { ...r, restoredOn: event.on } : r
        )
      }
    case "AdministrativeFileDelivered":
      return { ...state, status: "Completed", administrativeFileOn: event.on }
    case "WarrantyClaimed":
      return {
        ...state,
        warrantyClaims: [
          ...state.warrantyClaims,
          { claimId: event.claimId, claimedOn: event.on, discoveredOn: event.discoveredOn, defect: event.defect }
        ]
      }
    case "ProductionShortfallReported":
      return {
        ...state,
        productionClaims: [
          ...state.productionClaims,
          {
            claimId: event.claimId,
            reportedOn: event.on,
            installerLiable: event.installerLiable,
            opinionOn: undefined,
            agreedOn: undefined,
            repairedOn: undefined
          }
        ]
      }
    case "TechnicalOpinionDelivered":
      return { ...state, productionClaims: mapClaim(state, event.claimId, (c) => ({ ...c, opinionOn: event.on })) }
    case "RepairsAgreed":
      return { ...state, productionClaims: mapClaim(state, event.claimId, (c) => ({ ...c, agreedOn: event.on })) }
    case "RepairsCompleted":
      return { ...state, productionClaims: mapClaim(state, event.claimId, (c) => ({ ...c, repairedOn: event.on })) }
    case "SubstitutionProposed":
      return {
        ...state,
        substitution: {
          proposedOn: event.on,
          component: event.component,
          replacement: event.replacement,
          acceptedOn: undefined
        }
      }
    case "SubstitutionAccepted":
      return state.substitution === undefined
        ? state
        : { ...state, substitution: { ...state.substitution, acceptedOn: event.on } }
    case "ContractTerminated":
      return {
        ...state,
        status: "Terminated",
        ending: {
          _tag: "Terminated",
          on: event.on,
          by: event.by,
          rule: event.rule,
          owedByCustomer: event.owedByCustomer,
          reasons: event.reasons
        }
      }
    case "FormalNoticeSent":
      return {
        ...state,
        formalNotice: {
          on: event.on,
          by: event.by,
          breach: event.breach,
          byRegisteredLetter: event.byRegisteredLetter,
          citesArticle: event.citesArticle,
          remediedOn: undefined
        }
      }
    case "FormalNoticeRemedied":
      return state.formalNotice === undefined
        ? state
        : { ...state, formalNotice: { ...state.formalNotice, remediedOn: event.on } }
    case "ContractRescinded":
      return {
        ...state,
        status: "Rescinded",
        ending: {
          _tag: "Rescinded",
          on: event.on,
          injuredParty: event.injuredParty,
          indemnity: event.indemnity,
          reasons: event.reasons
        }
      }
  }
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
  readonly loan: ContractConditions.LoanPolicy
  readonly latePayment: LatePayment.Policy
  readonly delay: DelayPenalty.Policy
}

/**
 * D7: 14 withdrawal days; D5: 45 loan days; D8 and D11 as written.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  withdrawal: Withdrawal.defaultPolicy,
  loan: ContractConditions.defaultLoanPolicy,
  latePayment: LatePayment.defaultPolicy,
  delay: DelayPenalty.defaultPolicy
}

/**
 * A partial policy over the defaults.
 *
 * @since 0.1.0
 * @category policy
 */
export const policy = (
  overrides: {
    readonly withdrawalDays?: number
    readonly loanMinimumDays?: number
    readonly latePayment?: Partial<LatePayment.Policy>
    readonly delay?: Partial<DelayPenalty.Policy>
  } = {}
): Policy => ({
  withdrawal: { withdrawalDays: overrides.withdrawalDays ?? defaultPolicy.withdrawal.withdrawalDays },
  loan: { minimumDays: overrides.loanMinimumDays ?? defaultPolicy.loan.minimumDays },
  latePayment: { ...defaultPolicy.latePayment, ...overrides.latePayment },
  delay: { ...defaultPolicy.delay, ...overrides.delay }
})

// ---------------------------------------------------------------------------------------------
// Decide
// ---------------------------------------------------------------------------------------------

type Decided = Result.Result<ReadonlyArray<Event>, ContractRefused>

const toReason = (r: Decision.Reason): Reason => ({ rule: r.rule, message: r.message, figures: { ...r.figures } })
const toReasons = (rs: ReadonlyArray<Decision.Reason>): Array<Reason> => rs.map(toReason)

const ok = (...events: ReadonlyArray<Event>): Decided => Result.succeed(events)

const refuse = (command: Command, state: State, reasons: ReadonlyArray<Decision.Reason>): Decided =>
  Result.fail(new ContractRefused({ command: command._tag, status: state.status, reasons: toReasons(reasons) }))

/** WAL-5.14: a termination decided by the rules becomes `ContractTerminated`, or the refusal. */
const terminated = (
  command: Command & { readonly on: string },
  state: State,
  by: Extract<Event, { readonly _tag: "ContractTerminated" }>["by"],
  rule: Extract<Event, { readonly _tag: "ContractTerminated" }>["rule"],
  d: Decision.Decision<{ readonly totalCents: number }>
): Decided =>
  d._tag === "Refused"
    ? refuse(command, state, d.reasons)
    : ok({
        _tag: "ContractTerminated",
        on: command.on,
        by,
        rule,
        owedByCustomer: Money.excl(d.value.totalCents),
        reasons: toReasons(d.reasons)
      })

const refuseWith = (
  command: Command,
  state: State,
  rule: string,
  message: string,
  figures: Decision.Reason["figures"] = {}
): Decided => refuse(command, state, [{ rule, message, figures }])

/** WAL-1.3: the steps of the contract happen in order. */
const wrongStep = (command: Command, state: State, expected: ReadonlyArray<Status>): Decided =>
  refuseWith(
    command,
    state,
    "WAL-1.3",
    `${command._tag} is not possible while the contract is ${state.status} (expected ${expected.join(" or ")}).`,
    {
      status: state.status
    }
  )

const inStatus = (state: State, ...allowed: ReadonlyArray<Status>): boolean => allowed.includes(state.status)

/** The contract is in force: after the order, before any ending (conditions may still be pending). */
const LIVE: ReadonlyArray<Status> = [
  "Ordered",
  "Final",
  "WorksStarted",
  "WorksCompleted",
  "InspectionRefused",
  "InspectionAccepted",
  "Completed"
]
/**
 * Facts that are often learnt after the day they happened — a withdrawal letter posted earlier, an
 * IRM bad-weather report, a bank payment, the day an invoice arrived, a reminder — may be dated
 * before the contract's last event; each is still checked against the fact it depends on.
 */
const BACKDATABLE: ReadonlyArray<Command["_tag"]> = [
  "Withdraw",
  "RecordBadWeatherDay",
  "RecordInvoiceReceived",
  "RecordPayment",
  "SendReminder"
]
/** WAL-4c/D7: a withdrawal is possible from the order until the works are completed. */
const WITHDRAWABLE: ReadonlyArray<Status> = ["Ordered", "Final", "WorksStarted"]
/** WAL-5.10: a substitution is proposed and answered before the works are completed. */
const SUBSTITUTABLE: ReadonlyArray<Status> = ["Final", "WorksStarted"]
/** WAL-5.14.2: the customer may terminate "at any time" — until the contract is carried out. */
const TERMINABLE_BY_CUSTOMER: ReadonlyArray<Status> = [
  "Ordered",
  "Final",
  "WorksStarted",
  "WorksCompleted",
  "InspectionRefused",
  "InspectionAccepted"
]
/** WAL-5.14.3: the installer terminates when the customer refuses works the studies found indispensable, before the works end. */
const TERMINABLE_BY_INSTALLER: ReadonlyArray<Status> = ["Ordered", "Final", "WorksStarted"]
/** Once the installation is accepted. */
const ACCEPTED: ReadonlyArray<Status> = ["InspectionAccepted", "Completed"]

const mustOffer = (state: State): Terms.Offer => {
  if (state.offer === undefined) throw new Error("Contract: no offer in a non-empty state")
  return state.offer
}

/** After loan and studies conditions, the contract becomes final (WAL-5.2). */
const finalIfSettled = (
  state: State,
  on: string,
  loanSettled: boolean,
  studiesSettled: boolean
): ReadonlyArray<Event> =>
  loanSettled && studiesSettled && state.status === "Ordered" ? [{ _tag: "ContractBecameFinal", on }] : []

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

/**
 * D4/D10: the amount of each milestone, incl. VAT, from the schedule of the offer.
 *
 * @since 0.1.0
 * @category queries
 */
export const milestoneAmount = (offer: Terms.Offer, milestone: Milestone): Money.Amount => {
  const a = PaymentSchedule.amounts(offer.schedule, Terms.totalIncl(offer).cents)
  return a[milestone]
}

/**
 * Delay-penalty input (WAL-5.7.2, D11) of a contract evaluated on `at`.
 *
 * @since 0.1.0
 * @category queries
 */
export const delayInput = (state: State, at: string): DelayPenalty.Input | undefined => {
  const offer = state.offer
  if (offer === undefined || state.finalOn === undefined) return undefined
  const completion: DelayPenalty.Input["completion"] =
    state.worksCompletedOn !== undefined && state.worksCompletedOn <= at
      ? { _tag: "Completed", on: state.worksCompletedOn }
      : { _tag: "Unfinished", evaluatedOn: at }
  const end = completion._tag === "Completed" ? completion.on : at
  return {
    startOfWorks: state.worksStartedOn ?? offer.worksStartOn,
    agreedEnd: offer.worksEndOn,
    badWeatherDays: state.badWeatherDays.filter((d) => d <= end),
    suspensions: state.suspensions
      .filter((s) => s.from <= end)
      .map((s) => ({
        rule: s.rule,
        from: s.from,
        to: Calendar.min(s.resumedOn === undefined ? end : Calendar.addDays(s.resumedOn, -1), end)
      })),
    completion,
    priceExclCents: Terms.priceExcl(offer).cents
  }
}

/**
 * Decides a command against a state, under a policy.
 *
 * @since 0.1.0
 * @category decide
 */
export const decideWith =
  (policy: Policy) =>
  (command: Command, state: State): Decided => {
    if (isTerminal(state)) {
      return refuseWith(command, state, "WAL-1.3", `The contract is ${state.status}: it accepts no further command.`, {
        status: state.status
      })
    }
    if (state.lastOn !== undefined && command.on < state.lastOn && !BACKDATABLE.includes(command._tag)) {
      return refuseWith(
        command,
        state,
        "WAL-1.3",
        `${command._tag} is dated ${command.on}, before the contract's last event (${state.lastOn}); business dates never go backwards.`,
        {
          on: command.on,
          lastOn: state.lastOn
        }
      )
    }
    switch (command._tag) {
      case "DraftContract":
        return inStatus(state, "Empty")
          ? ok({ _tag: "ContractDrafted", on: command.on, offer: command.offer })
          : wrongStep(command, state, ["Empty"])

      case "SignOffer": {
        if (!inStatus(state, "Drafted")) return wrongStep(command, state, ["Drafted"])
        const offer = mustOffer(state)
        const checked = validateOffer(offer, command.on)
        if (checked._tag === "Refused") return refuse(command, state, checked.reasons)
        return ok({
          _tag: "OfferSigned",
          on: command.on,
          validUntil: ContractConditions.offerDeadline(command.on).due,
          priceExcl: Terms.priceExcl(offer),
          totalIncl: Terms.totalIncl(offer),
          warnings: toReasons(checked.value.warnings)
        })
      }

      case "PlaceOrder": {
        if (!inStatus(state, "Offered")) return wrongStep(command, state, ["Offered"])
        const offer = mustOffer(state)
        const validity = ContractConditions.offerValidity({
          offerSignedOn: state.offerSignedOn ?? command.on,
          orderedOn: command.on
        })
        if (validity._tag === "Refused") return refuse(command, state, validity.reasons)
        const loan =
          command.loan === undefined
            ? undefined
            : ContractConditions.loanDeadline(
                { orderedOn: command.on, agreedDays: command.loan.agreedDays },
                policy.loan
              )
        const studiesCondition = offer.studies.length > 0
        const placed: Event = {
          _tag: "OrderPlaced",
          on: command.on,
          offPremises: command.offPremises,
          loan:
            command.loan === undefined || loan === undefined
              ? undefined
              : {
                  agreedDays: command.loan.agreedDays,
                  maxAmountCents: command.loan.maxAmountCents,
                  effectiveDays: loan.effectiveDays,
                  due: loan.deadline.due
                },
          studiesCondition,
          withdrawalDue: command.offPremises ? Withdrawal.deadline(command.on, policy.withdrawal).due : undefined,
          warnings: toReasons(loan?.warnings ?? [])
        }
        const final: ReadonlyArray<Event> =
          loan === undefined && !studiesCondition ? [{ _tag: "ContractBecameFinal", on: command.on }] : []
        return ok(placed, ...final)
      }

      case "Withdraw": {
        const order = state.order
        // Once the works are completed the customer ends the contract by termination (WAL-5.14.2).
        if (order === undefined || !inStatus(state, ...WITHDRAWABLE)) return wrongStep(command, state, WITHDRAWABLE)
        if (command.on < order.on) {
          return refuseWith(command, state, "WAL-4c", `The notice (${command.on}) predates the order (${order.on}).`, {
            sentOn: command.on,
            orderedOn: order.on
          })
        }
        const d = Withdrawal.decide(
          { orderedOn: order.on, offPremises: order.offPremises, sentOn: command.on },
          policy.withdrawal
        )
        if (d._tag === "Refused") return refuse(command, state, d.reasons)
        return ok({ _tag: "ContractWithdrawn", on: command.on, reasons: toReasons(d.reasons) })
      }

      case "RecordLoanObtained":
      case "RecordLoanRefused":
      case "RecordLoanPreventedByCustomer":
      case "RecordLoanPeriodLapsed": {
        const order = state.order
        if (order === undefined || !inStatus(state, "Ordered")) return wrongStep(command, state, ["Ordered"])
        if (order.loan === undefined || state.loanSettledOn !== undefined) {
          return refuseWith(
            command,
            state,
            "WAL-5.2.1",
            order.loan === undefined ? "The order has no loan condition." : "The loan condition is already settled."
          )
        }
        const outcome: ContractConditions.LoanInput["outcome"] =
          command._tag === "RecordLoanObtained"
            ? { _tag: "Obtained", on: command.on }
            : command._tag === "RecordLoanRefused"
              ? { _tag: "Refused", on: command.on, refusalCertificate: command.refusalCertificate }
              : command._tag === "RecordLoanPreventedByCustomer"
                ? { _tag: "PreventedByCustomer" }
                : { _tag: "Pending", evaluatedOn: command.on }
        const d = ContractConditions.loanCondition(
          { orderedOn: order.on, agreedDays: order.loan.agreedDays, outcome },
          policy.loan
        )
        const reasons = toReasons(d.reasons)
        const fact: Event =
          command._tag === "RecordLoanObtained"
            ? { _tag: "LoanObtained", on: command.on, reasons }
            : command._tag === "RecordLoanRefused"
              ? { _tag: "LoanRefused", on: command.on, refusalCertificate: command.refusalCertificate, reasons }
              : command._tag === "RecordLoanPreventedByCustomer"
                ? { _tag: "LoanDeemedObtained", on: command.on, reasons }
                : { _tag: "LoanPeriodLapsed", on: command.on, reasons }
        if (d._tag === "Refused") return ok(fact, { _tag: "ContractVoided", on: command.on, reasons })
        if (command._tag === "RecordLoanPeriodLapsed") {
          return refuse(command, state, d.reasons) // still pending: the period has not ended
        }
        const settled = d.value.status !== "pending"
        return ok(fact, ...finalIfSettled(state, command.on, settled, state.studiesSettledOn !== undefined))
      }

      case "ConcludeStudies": {
        const order = state.order
        if (order === undefined || !inStatus(state, "Ordered")) return wrongStep(command, state, ["Ordered"])
        if (!order.studiesCondition || state.studiesSettledOn !== undefined) {
          return refuseWith(
            command,
            state,
            "WAL-5.2.2",
            order.studiesCondition
              ? "The studies condition is already settled."
              : "The specification names no prior studies: there is no studies condition."
          )
        }
        const offer = mustOffer(state)
        const d = ContractConditions.studiesCondition({
          studiesNamedInSpecification: true,
          totalPriceCents: Terms.priceExcl(offer).cents + Terms.rentalExcl(offer).cents,
          rentalCents: Terms.rentalExcl(offer).cents,
          inspectionCostCents: command.inspectionCostCents,
          requiredWorksCents: command.requiredWorksCents
        })
        const reasons = toReasons(d.reasons)
        const fact: Event = {
          _tag: "StudiesConcluded",
          on: command.on,
          requiredWorks: Money.excl(command.requiredWorksCents),
          fulfilled: d._tag === "Accepted",
          reasons
        }
        if (d._tag === "Refused") return ok(fact, { _tag: "ContractVoided", on: command.on, reasons })
        return ok(fact, ...finalIfSettled(state, command.on, state.loanSettledOn !== undefined, true))
      }

      case "StartWorks": {
        if (!inStatus(state, "Final")) return wrongStep(command, state, ["Final"])
        if (openSuspension(state) !== undefined)
          return refuseWith(command, state, "WAL-5.6.1", "The work dates are suspended; resume them first.")
        return ok({ _tag: "WorksStarted", on: command.on, late: command.on > mustOffer(state).worksStartOn })
      }

      case "RecordPanelsDelivered":
        if (!inStatus(state, "Final", "WorksStarted")) return wrongStep(command, state, ["Final", "WorksStarted"])
        if (state.panelsDeliveredOn !== undefined)
          return refuseWith(
            command,
            state,
            "WAL-2.4.3",
            `The panels were already delivered on ${state.panelsDeliveredOn}.`
          )
        return ok({ _tag: "PanelsDelivered", on: command.on })

      case "RecordBadWeatherDay":
        if (!inStatus(state, ...LIVE) || state.finalOn === undefined) return wrongStep(command, state, LIVE.slice(1))
        // WAL-5.7.1: a day recorded by the IRM, possibly reported after the fact, during the works.
        if (
          command.on < state.finalOn ||
          (state.worksCompletedOn !== undefined && command.on > state.worksCompletedOn)
        ) {
          return refuseWith(
            command,
            state,
            "WAL-5.7.1",
            `A bad-weather day on ${command.on} falls outside the works (${state.finalOn} to ${state.worksCompletedOn ?? "…"}).`,
            {
              on: command.on,
              finalOn: state.finalOn,
              worksCompletedOn: state.worksCompletedOn ?? ""
            }
          )
        }
        return ok({ _tag: "BadWeatherDayRecorded", on: command.on })

      case "SuspendWorks":
        if (!inStatus(state, "Final", "WorksStarted")) return wrongStep(command, state, ["Final", "WorksStarted"])
        if (openSuspension(state) !== undefined)
          return refuseWith(command, state, command.rule, "The work dates are already suspended.")
        return ok({ _tag: "WorksSuspended", on: command.on, rule: command.rule })

      case "ResumeWorks": {
        const open = openSuspension(state)
        if (open === undefined) return refuseWith(command, state, "WAL-5.6.1", "The work dates are not suspended.")
        return ok({ _tag: "WorksResumed", on: command.on })
      }

      case "CompleteWorks": {
        if (!inStatus(state, "WorksStarted")) return wrongStep(command, state, ["WorksStarted"])
        if (state.panelsDeliveredOn === undefined)
          return refuseWith(command, state, "WAL-3.2", "The panels have not been delivered.")
        const open = openSuspension(state)
        if (open !== undefined)
          return refuseWith(command, state, open.rule, "The work dates are suspended; resume them first.")
        const input = delayInput(state, command.on)
        const p =
          input === undefined
            ? undefined
            : DelayPenalty.penalty({ ...input, completion: { _tag: "Completed", on: command.on } }, policy.delay)
        return ok({
          _tag: "WorksCompleted",
          on: command.on,
          pushedEnd: p?.value.pushedEnd ?? mustOffer(state).worksEndOn,
          delayDays: p?.value.delayDays ?? 0,
          reasons: toReasons(p?.reasons ?? [])
        })
      }

      case "IssueInvoice": {
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
          return refuseWith(
            command,
            state,
            "WAL-5.4.1",
            `The ${command.milestone} payment cannot be asked yet: ${notYet}.`,
            { milestone: command.milestone }
          )
        }
        const offer = mustOffer(state)
        const amount = milestoneAmount(offer, command.milestone)
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
            }
          ]
        })
      }

      case "RecordInvoiceReceived": {
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

      case "RecordPayment": {
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

      case "SendReminder": {
        const invoice = state.invoices.find((i) => i.invoiceId === command.invoiceId)
        if (invoice === undefined) return refuseWith(command, state, "D8", `No invoice ${command.invoiceId}.`)
        if (outstanding(invoice) === 0) return refuseWith(command, state, "D8", `Invoice ${command.invoiceId} is paid.`)
        if (
          invoice.receivedOn === undefined ||
          command.on <= LatePayment.dueDate(invoice.receivedOn, policy.latePayment).due
        ) {
          return refuseWith(
            command,
            state,
            "WAL-5.4.2",
            `Invoice ${command.invoiceId} is not overdue on ${command.on}.`,
            { on: command.on }
          )
        }
        return ok({ _tag: "ReminderSent", on: command.on, invoiceId: command.invoiceId, channel: command.channel })
      }

      case "RecordInspectionAccepted":
      case "RecordInspectionRefused": {
        if (!inStatus(state, "WorksCompleted")) return wrongStep(command, state, ["WorksCompleted"])
        const offer = mustOffer(state)
        const first = state.inspectionRefusals.length === 0
        const d = first
          ? Inspection.inspection({
              worksEndedOn: state.worksCompletedOn ?? command.on,
              arrangedByInstaller: offer.inspectionByInstaller,
              inspectedOn: command.on
            })
          : undefined
        const reasons = toReasons(d?.reasons ?? [])
        if (command._tag === "RecordInspectionAccepted")
          return ok({ _tag: "InspectionAccepted", on: command.on, reasons })
        return ok({
          _tag: "InspectionRefused",
          on: command.on,
          conformityDue: Inspection.conformityDeadline(command.on),
          reasons
        })
      }

      case "RecordConformityRestored": {
        if (!inStatus(state, "InspectionRefused")) return wrongStep(command, state, ["InspectionRefused"])
        const refusal = state.inspectionRefusals.find((r) => r.restoredOn === undefined)
        const d = Inspection.conformityFix({
          refusalNotifiedOn: refusal?.notifiedOn ?? command.on,
          fixedOn: command.on
        })
        return ok({
          _tag: "ConformityRestored",
          on: command.on,
          inTime: d._tag === "Accepted",
          reasons: toReasons(d.reasons)
        })
      }

      case "DeliverAdministrativeFile": {
        if (!inStatus(state, "InspectionAccepted")) return wrongStep(command, state, ["InspectionAccepted"])
        const d = AdministrativeFile.decide({ acceptedOn: state.acceptedOn ?? command.on, handedOverOn: command.on })
        return ok({
          _tag: "AdministrativeFileDelivered",
          on: command.on,
          inTime: d._tag === "Accepted",
          reasons: toReasons(d.reasons)
        })
      }

      case "ClaimWarranty": {
        if (!inStatus(state, ...ACCEPTED) || state.acceptedOn === undefined) return wrongStep(command, state, ACCEPTED)
        if (state.warrantyClaims.some((c) => c.claimId === command.claimId))
          return refuseWith(command, state, "WAL-5.12.2", `Claim ${command.claimId} already exists.`)
        const d = InstallerWarranty.decide({
          acceptedOn: state.acceptedOn,
          defect: command.defect,
          discoveredOn: command.discoveredOn,
          claimedOn: command.on,
          inWriting: command.inWriting
        })
        if (d._tag === "Refused") return refuse(command, state, d.reasons)
        return ok({
          _tag: "WarrantyClaimed",
          on: command.on,
          claimId: command.claimId,
          defect: command.defect,
          discoveredOn: command.discoveredOn,
          reasons: toReasons(d.reasons)
        })
      }

      case "ReportProductionShortfall": {
        if (!inStatus(state, ...ACCEPTED)) return wrongStep(command, state, ACCEPTED)
        if (state.productionClaims.some((c) => c.claimId === command.claimId))
          return refuseWith(command, state, "WAL-5.13", `Claim ${command.claimId} already exists.`)
        if (command.measurement.to > command.on) {
          return refuseWith(
            command,
            state,
            "WAL-5.13",
            `The measurement ends on ${command.measurement.to}, after the report (${command.on}).`
          )
        }
        const d = ProductionGuarantee.liability({
          measurement: command.measurement,
          exonerations: command.exonerations,
          reportedOn: command.on
        })
        return ok({
          _tag: "ProductionShortfallReported",
          on: command.on,
          claimId: command.claimId,
          installerLiable: d._tag === "Accepted",
          opinionDue: ProductionGuarantee.opinionDeadline(command.on),
          reasons: toReasons(d.reasons)
        })
      }

      case "DeliverTechnicalOpinion": {
        const claim = state.productionClaims.find((c) => c.claimId === command.claimId)
        if (claim === undefined)
          return refuseWith(command, state, "WAL-5.13", `No production claim ${command.claimId}.`)
        if (claim.opinionOn !== undefined)
          return refuseWith(
            command,
            state,
            "WAL-5.13",
            `The opinion on claim ${command.claimId} was delivered on ${claim.opinionOn}.`
          )
        const d = ProductionGuarantee.opinion({
          reportedOn: claim.reportedOn,
          deliveredOn: command.on,
          solutionsWithinWarranty: command.solutionsWithinWarranty,
          customerToldOfChargeInAdvance: command.customerToldOfChargeInAdvance
        })
        const chargeable =
          !command.solutionsWithinWarranty &&
          command.customerToldOfChargeInAdvance &&
          d._tag === "Accepted" &&
          d.value.chargeable
        return ok({
          _tag: "TechnicalOpinionDelivered",
          on: command.on,
          claimId: command.claimId,
          inTime: d._tag === "Accepted",
          chargeable,
          reasons: toReasons(d.reasons)
        })
      }

      case "AgreeToRepairs": {
        const claim = state.productionClaims.find((c) => c.claimId === command.claimId)
        if (claim === undefined || claim.opinionOn === undefined)
          return refuseWith(command, state, "WAL-5.13", `Claim ${command.claimId} has no technical opinion yet.`)
        if (claim.agreedOn !== undefined)
          return refuseWith(
            command,
            state,
            "WAL-5.13",
            `The repairs of claim ${command.claimId} were agreed on ${claim.agreedOn}.`
          )
        return ok({
          _tag: "RepairsAgreed",
          on: command.on,
          claimId: command.claimId,
          repairsDue: ProductionGuarantee.repairsDeadline(command.on)
        })
      }

      case "CompleteRepairs": {
        const claim = state.productionClaims.find((c) => c.claimId === command.claimId)
        if (claim === undefined || claim.agreedOn === undefined)
          return refuseWith(
            command,
            state,
            "WAL-5.13",
            `The customer has not agreed to repairs on claim ${command.claimId}.`
          )
        if (claim.repairedOn !== undefined)
          return refuseWith(command, state, "WAL-5.13", `Claim ${command.claimId} was repaired on ${claim.repairedOn}.`)
        const d = ProductionGuarantee.repairs({ customerAgreedOn: claim.agreedOn, repairedOn: command.on })
        return ok({
          _tag: "RepairsCompleted",
          on: command.on,
          claimId: command.claimId,
          inTime: d._tag === "Accepted",
          reasons: toReasons(d.reasons)
        })
      }

      case "ProposeSubstitution":
        if (!inStatus(state, ...SUBSTITUTABLE)) return wrongStep(command, state, SUBSTITUTABLE)
        if (state.substitution !== undefined && state.substitution.acceptedOn === undefined) {
          return refuseWith(command, state, "WAL-5.10", "A substitution is already awaiting the customer's choice.")
        }
        return ok({
          _tag: "SubstitutionProposed",
          on: command.on,
          component: command.component,
          replacement: command.replacement
        })

      case "AcceptSubstitution":
      case "RefuseSubstitution": {
        if (!inStatus(state, ...SUBSTITUTABLE)) return wrongStep(command, state, SUBSTITUTABLE)
        if (state.substitution === undefined || state.substitution.acceptedOn !== undefined) {
          return refuseWith(command, state, "WAL-5.10", "No substitution awaits the customer's choice.")
        }
        if (command._tag === "AcceptSubstitution") return ok({ _tag: "SubstitutionAccepted", on: command.on })
        const d = Termination.byCustomer({
          ground: "component-unavailable",
          byRegisteredLetter: command.byRegisteredLetter,
          worksDoneCents: command.worksDoneCents,
          expensesCents: command.expensesCents,
          worksNotDoneCents: 0
        })
        return terminated(command, state, "customer", "WAL-5.10", d)
      }

      case "TerminateByCustomer": {
        if (!inStatus(state, ...TERMINABLE_BY_CUSTOMER)) return wrongStep(command, state, TERMINABLE_BY_CUSTOMER)
        const d = Termination.byCustomer({
          ground: command.ground,
          byRegisteredLetter: command.byRegisteredLetter,
          worksDoneCents: command.worksDoneCents,
          expensesCents: command.expensesCents,
          worksNotDoneCents: command.worksNotDoneCents
        })
        return terminated(command, state, "customer", command.ground === "at-will" ? "WAL-5.14.2" : "WAL-5.6.2", d)
      }

      case "TerminateByInstaller": {
        if (!inStatus(state, ...TERMINABLE_BY_INSTALLER)) return wrongStep(command, state, TERMINABLE_BY_INSTALLER)
        const d = Termination.byInstaller({
          byRegisteredLetter: command.byRegisteredLetter,
          customerRefusedIndispensableWorks: command.customerRefusedIndispensableWorks,
          costsCents: command.costsCents,
          materialsUsedCents: command.materialsUsedCents
        })
        return terminated(command, state, "installer", "WAL-5.14.3", d)
      }

      case "SendFormalNotice":
        if (!inStatus(state, ...LIVE)) return wrongStep(command, state, LIVE)
        if (state.formalNotice !== undefined && state.formalNotice.remediedOn === undefined) {
          return refuseWith(
            command,
            state,
            "WAL-5.14.4",
            `A formal notice sent on ${state.formalNotice.on} is still running.`
          )
        }
        return ok({
          _tag: "FormalNoticeSent",
          on: command.on,
          by: command.by,
          breach: command.breach,
          byRegisteredLetter: command.byRegisteredLetter,
          citesArticle: command.citesArticle,
          waitingEnds: Termination.waitingPeriodEnd(command.on)
        })

      case "RecordNoticeRemedied": {
        const notice = state.formalNotice
        if (notice === undefined || notice.remediedOn !== undefined)
          return refuseWith(command, state, "WAL-5.14.4", "No formal notice is running.")
        return ok({ _tag: "FormalNoticeRemedied", on: command.on })
      }

      case "Rescind": {
        if (!inStatus(state, ...LIVE)) return wrongStep(command, state, LIVE)
        const notice = state.formalNotice
        if (notice === undefined)
          return refuseWith(
            command,
            state,
            "WAL-5.14.4",
            "No formal notice was sent: a rescission needs one, unanswered for at least 20 days."
          )
        const remedied =
          notice.remediedOn !== undefined && notice.remediedOn <= Termination.waitingPeriodEnd(notice.on).due
        const d = Termination.rescission({
          injuredParty: notice.by,
          noticeSentOn: notice.on,
          noticeByRegisteredLetter: notice.byRegisteredLetter,
          noticeCitesArticle: notice.citesArticle,
          remediedWithinPeriod: remedied,
          rescindedOn: command.on,
          rescissionByRegisteredLetter: command.byRegisteredLetter,
          priceExclCents: Terms.priceExcl(mustOffer(state)).cents
        })
        if (d._tag === "Refused") return refuse(command, state, d.reasons)
        return ok({
          _tag: "ContractRescinded",
          on: command.on,
          injuredParty: d.value.owedTo,
          indemnity: d.value.indemnity,
          reasons: toReasons(d.reasons)
        })
      }
    }
  }

/**
 * Decides a command under the default policy.
 *
 * @since 0.1.0
 * @category decide
 */
export const decide = decideWith(defaultPolicy)

/**
 * The contract decider under a policy (default: {@link defaultPolicy}).
 *
 * @since 0.1.0
 * @category decider
 */
export const make = (p: Policy = defaultPolicy): Decider.Decider<Command, Event, State, ContractRefused> => ({
  initialState,
  decide: decideWith(p),
  evolve,
  isTerminal
})

/**
 * The contract decider under the default policy.
 *
 * @since 0.1.0
 * @category decider
 */
export const decider: Decider.Decider<Command, Event, State, ContractRefused> = make()

/**
 * The state of a contract from its events.
 *
 * @since 0.1.0
 * @category queries
 */
export const replay = (events: Iterable<Event>): State => Decider.fold(decider, events)

/**
 * The state "as of" a date: the fold of the events dated on or before `date` (events carry their
 * business date, and dates never go backwards within a contract).
 *
 * @since 0.1.0
 * @category queries
 */
export const asOf = (events: Iterable<Event>, date: string): State =>
  Decider.fold(
    decider,
    [...events].filter((e) => e.on <= date)
  )

/**
 * The codec of contract events for the event store (JSON by the {@link Event} Schema).
 *
 * @since 0.1.0
 * @category store
 */
export const codec: EventCodec.EventCodec<Event> = EventCodec.make({ schema: Event })

/**
 * The contract aggregate for `CommandHandler.handle` of `@soltrace/core`, under a policy.
 *
 * @since 0.1.0
 * @category store
 */
export const aggregate = (
  p: Policy = defaultPolicy
): CommandHandler.Aggregate<Command, Event, State, ContractRefused> => ({
  decider: make(p),
  codec
})

/**
 * The stream of a contract: `contract-<id>` (category `contract`).
 *
 * @since 0.1.0
 * @category store
 */
export const streamId = (contractId: string): string => `contract-${contractId}`
