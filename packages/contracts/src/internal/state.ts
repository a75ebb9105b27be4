/**
 * The contract's state from its events: the initial state and `evolve` (re-exported by
 * `Contract`), and the small readings of the state the decisions share.
 */
import { Calendar } from "@soltrace/rules"
import type { Event, Invoice, ProductionClaim, State } from "./model.js"
import * as Terms from "../Terms.js"

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
  goodsDeliveries: [],
  withdrawalReceivedOn: undefined,
  goodsCollectedOn: undefined,
  refunds: [],
  assignments: [],
  finalInvoice: undefined,
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
 * What is still owed on an invoice, incl. VAT.
 *
 * @since 0.1.0
 * @category state
 */
export const outstanding = (invoice: Invoice): number =>
  invoice.amount.cents - invoice.setOffCents - invoice.payments.reduce((a, p) => a + p.cents, 0)

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
      // D16: the state never holds the names an event recorded before D16 still carries.
      return { ...state, status: "Drafted", offer: Terms.withoutPersonalData(event.offer), draftedOn: event.on }
    case "OfferSigned":
      return { ...state, status: "Offered", offerSignedOn: event.on, offerWarnings: event.warnings }
    case "OrderPlaced":
      return {
        ...state,
        status: "Ordered",
        order: {
          on: event.on,
          offPremises: event.offPremises,
          concludedBy: event.concludedBy ?? (event.offPremises ? "off-premises" : "on-premises"),
          withdrawalInformation: event.withdrawalInformation ?? "legal",
          legalInformationReceivedOn: undefined,
          loan: event.loan,
          studiesCondition: event.studiesCondition,
          withdrawalDue: event.withdrawalDue,
          warnings: event.warnings
        },
        loanSettledOn: event.loan === undefined ? event.on : undefined,
        studiesSettledOn: event.studiesCondition ? undefined : event.on
      }
    case "WithdrawalInformationGiven":
      return state.order === undefined
        ? state
        : { ...state, order: { ...state.order, legalInformationReceivedOn: event.on } }
    case "GoodsDelivered":
      return { ...state, goodsDeliveries: [...state.goodsDeliveries, { on: event.on, lastPart: event.lastPart }] }
    case "ContractWithdrawn":
      return { ...state, status: "Withdrawn", withdrawnOn: event.on, withdrawalReceivedOn: event.receivedOn }
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
            setOffCents: 0,
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
        // D8 (Book XIX): a reminder without the legal mentions starts nothing, so the reminder that
        // counts is the earliest one carrying them (a reminder may be recorded after a later one);
        // a further reminder after it changes nothing.
        invoices: mapInvoice(state, event.invoiceId, (i) =>
          i.reminder === undefined ||
          (event.legalMentions === true && (i.reminder.legalMentions !== true || event.on < i.reminder.sentOn))
            ? {
                ...i,
                reminder: {
                  sentOn: event.on,
                  channel: event.channel,
                  ...(event.legalMentions !== undefined ? { legalMentions: event.legalMentions } : {})
                }
              }
            : i
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
          // Old events carry only the total, excl. VAT, as the rule computed it.
          owed: event.owed ?? [
            { what: "works-done", rule: event.rule, cents: event.owedByCustomer.cents, basis: "excl" }
          ],
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
          restitution: event.restitution,
          reasons: event.reasons
        }
      }
    case "FinalInvoiceIssued":
      return {
        ...state,
        finalInvoice: { invoiceId: event.invoiceId, on: event.on, creditNotes: event.creditNotes },
        invoices: [
          ...state.invoices,
          {
            invoiceId: event.invoiceId,
            milestone: "final",
            issuedOn: event.on,
            amount: event.amount,
            setOffCents: event.setOffCents,
            receivedOn: undefined,
            reminder: undefined,
            payments: []
          }
        ]
      }
    case "RefundRecorded":
      return {
        ...state,
        refunds: [...state.refunds, { on: event.on, cents: event.amount.cents }].sort((a, b) =>
          Calendar.compare(a.on, b.on)
        )
      }
    case "ContractAssigned":
      return {
        ...state,
        assignments: [...state.assignments, { on: event.on, by: event.by, assigneeId: event.assigneeId }]
      }
    case "GoodsCollected":
      return { ...state, goodsCollectedOn: event.on }
  }
}
