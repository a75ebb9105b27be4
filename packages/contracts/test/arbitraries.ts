/**
 * Shared fast-check arbitraries for the contract's lifecycle: random commands dated a few days after
 * the last accepted one, with a weighted "advance" step that takes the natural next step so that
 * runs reach deep into the lifecycle.
 */
import assert from "node:assert/strict"
import * as fc from "fast-check"
import { Result } from "effect"
import { Calendar, PaymentSchedule } from "@soltrace/rules"
import { Contract, Terms } from "../src/index.js"
import * as F from "./fixtures.js"

export interface Real {
  today: string
  state: Contract.State
  accepted: number
  observe: Observer
  /** The events recorded so far (filled by the steps). */
  events?: Array<Contract.Event>
}
export type Model = Record<string, never>

export type Make = (today: string, state: Contract.State) => Contract.Command

const pickInvoice = (state: Contract.State, i: number): string =>
  state.invoices[i % Math.max(1, state.invoices.length)]?.invoiceId ?? "none"

/** Called after every step with the state before and after and the command (accepted or not). */
export type Observer = (
  before: Contract.State,
  command: Contract.Command,
  after: Contract.State,
  accepted: boolean,
  today: string
) => void

export class Step implements fc.Command<Model, Real> {
  constructor(
    readonly label: string,
    readonly gap: number,
    readonly make: Make
  ) {}
  check(): boolean {
    return true
  }
  run(_m: Model, r: Real): void {
    const today = Calendar.addDays(r.today, this.gap)
    const command = this.make(today, r.state)
    const before = r.state
    const ended = Contract.isEnded(r.state)
    const result = Contract.decider.decide(command, r.state)
    // WAL-1.3, D8, D10: an ended contract takes only the settlement of its accounts.
    const settling = [
      "RecordInvoiceReceived",
      "RecordPayment",
      "SendReminder",
      "IssueFinalInvoice",
      "RecordRefund",
      "RecordGoodsCollected"
    ]
    if (ended && !settling.includes(command._tag))
      assert.ok(Result.isFailure(result), `WAL-1.3: ${command._tag} accepted after ${r.state.status}`)
    if (Result.isSuccess(result)) {
      for (const e of result.success) r.state = Contract.evolve(r.state, e)
      r.events?.push(...result.success)
      r.today = today
      r.accepted++
    }
    r.observe(before, command, r.state, Result.isSuccess(result), r.today)
  }
  toString(): string {
    return `${this.label}+${this.gap}`
  }
}

const gap = fc.integer({ min: 0, max: 20 })
const step = (label: string, make: (extra: number) => Make, extra: fc.Arbitrary<number> = fc.nat(1000)) =>
  fc.tuple(gap, extra).map(([g, x]) => new Step(label, g, make(x)))

const offerArb = fc
  .record({
    priceExclCents: fc.integer({ min: 100_000, max: 2_000_000 }),
    vatBp: fc.constantFrom(600, 2100),
    studies: fc.boolean(),
    inspectionByInstaller: fc.boolean(),
    policy: fc.constantFrom<PaymentSchedule.CapPolicy>("both", "offer-template", "general-conditions")
  })
  .map(({ priceExclCents, vatBp, studies, inspectionByInstaller, policy }): Terms.Offer => ({
    ...F.offer,
    priceExclCents,
    vatBp,
    capPolicy: policy,
    schedule: PaymentSchedule.build(Terms.totalIncl({ ...F.offer, priceExclCents, vatBp }).cents, policy).schedule,
    studies: studies ? [{ subject: "roof", description: "stability" }] : [],
    inspectionByInstaller
  }))

export const milestones: ReadonlyArray<Contract.Milestone> = [
  "deposit",
  "siteOpening",
  "siteClosing",
  "acceptance",
  "administrativeFile"
]

/** The natural next step of the lifecycle, so that runs go deep as well as wide. */
const advance =
  (x: number): Make =>
  (on, s) => {
    switch (s.status) {
      case "Empty":
        return { _tag: "DraftContract", on, offer: F.offer }
      case "Drafted":
        return { _tag: "SignOffer", on }
      case "Offered":
        return { _tag: "PlaceOrder", withdrawalInformation: "legal", on, offPremises: x % 2 === 0 }
      case "Ordered":
        return s.order?.loan !== undefined && s.loanSettledOn === undefined
          ? { _tag: "RecordLoanObtained", on }
          : { _tag: "ConcludeStudies", on, requiredWorksCents: x }
      case "Final":
        return s.invoices.length === 0
          ? { _tag: "IssueInvoice", on, invoiceId: "D", milestone: "deposit" }
          : { _tag: "StartWorks", on }
      case "WorksStarted":
        return s.panelsDeliveredOn === undefined
          ? { _tag: "RecordPanelsDelivered", on }
          : x % 3 === 0
            ? { _tag: "RecordBadWeatherDay", on }
            : { _tag: "CompleteWorks", on }
      case "WorksCompleted":
        return x % 4 === 0 ? { _tag: "RecordInspectionRefused", on } : { _tag: "RecordInspectionAccepted", on }
      case "InspectionRefused":
        return { _tag: "RecordConformityRestored", on }
      case "InspectionAccepted":
        return { _tag: "DeliverAdministrativeFile", on }
      default: {
        const open = s.invoices.find((i) => Contract.outstanding(i) > 0)
        return open === undefined
          ? { _tag: "IssueInvoice", on, invoiceId: `M${x}`, milestone: milestones[x % milestones.length]! }
          : open.receivedOn === undefined
            ? { _tag: "RecordInvoiceReceived", on, invoiceId: open.invoiceId }
            : { _tag: "RecordPayment", on, invoiceId: open.invoiceId, amountCents: Contract.outstanding(open) }
      }
    }
  }

export const commandArbs = [
  ...Array.from({ length: 20 }, () => step("Advance", advance)),
  step("Advance", advance),
  step("Advance", advance),
  step("Advance", advance),
  step("Advance", advance),
  step("Advance", advance),
  fc.tuple(gap, offerArb).map(([g, o]) => new Step("Draft", g, (on) => ({ _tag: "DraftContract", on, offer: o }))),
  step("Sign", () => (on) => ({ _tag: "SignOffer", on })),
  step("Order", (x) => (on) => ({
    _tag: "PlaceOrder",
    withdrawalInformation: "legal",
    on,
    offPremises: x % 2 === 0,
    ...(x % 3 === 0 ? { loan: { maxAmountCents: 500_000, agreedDays: x % 60 } } : {})
  })),
  step("Withdraw", () => (on) => ({ _tag: "Withdraw", on })),
  step("LoanObtained", () => (on) => ({ _tag: "RecordLoanObtained", on })),
  step("LoanRefused", (x) => (on) => ({ _tag: "RecordLoanRefused", on, refusalCertificate: x % 2 === 0 })),
  step("LoanLapsed", () => (on) => ({ _tag: "RecordLoanPeriodLapsed", on })),
  step("Studies", (x) => (on) => ({ _tag: "ConcludeStudies", on, requiredWorksCents: x * 300 })),
  step("Start", () => (on) => ({ _tag: "StartWorks", on })),
  step("Panels", () => (on) => ({ _tag: "RecordPanelsDelivered", on })),
  step("BadWeather", () => (on) => ({ _tag: "RecordBadWeatherDay", on })),
  step("Suspend", () => (on) => ({ _tag: "SuspendWorks", on, rule: "WAL-5.9" })),
  step("Resume", () => (on) => ({ _tag: "ResumeWorks", on })),
  step("Complete", () => (on) => ({ _tag: "CompleteWorks", on })),
  step("Invoice", (x) => (on, s) => ({
    _tag: "IssueInvoice",
    on,
    invoiceId: `F${s.invoices.length + (x % 2)}`,
    milestone: milestones[x % milestones.length]!
  })),
  step("Invoice", (x) => (on, s) => ({
    _tag: "IssueInvoice",
    on,
    invoiceId: `F${s.invoices.length + (x % 2)}`,
    milestone: milestones[x % milestones.length]!
  })),
  step("Received", (x) => (on, s) => ({ _tag: "RecordInvoiceReceived", on, invoiceId: pickInvoice(s, x) })),
  step("Pay", (x) => (on, s) => ({
    _tag: "RecordPayment",
    on,
    invoiceId: pickInvoice(s, x),
    amountCents: 1 + x * 997
  })),
  step("PayAll", (x) => (on, s) => {
    const i = s.invoices[x % Math.max(1, s.invoices.length)]
    return {
      _tag: "RecordPayment",
      on,
      invoiceId: i?.invoiceId ?? "none",
      amountCents: Math.max(1, i === undefined ? 1 : Contract.outstanding(i))
    }
  }),
  // Facts learnt late, dated before the last event (WAL-4c, WAL-5.7.1, WAL-5.4.2).
  step("PayBackdated", (x) => (on, s) => {
    const i = s.invoices[x % Math.max(1, s.invoices.length)]
    return {
      _tag: "RecordPayment",
      on: Calendar.addDays(on, -(x % 25)),
      invoiceId: i?.invoiceId ?? "none",
      amountCents: Math.max(1, i === undefined ? 1 : Contract.outstanding(i))
    }
  }),
  step("BadWeatherBackdated", (x) => (on) => ({ _tag: "RecordBadWeatherDay", on: Calendar.addDays(on, -(x % 30)) })),
  step("WithdrawBackdated", (x) => (on) => ({ _tag: "Withdraw", on: Calendar.addDays(on, -(x % 15)) })),
  step("Remind", (x) => (on, s) => ({
    _tag: "SendReminder",
    on,
    invoiceId: pickInvoice(s, x),
    channel: x % 2 === 0 ? "post" : "email"
  })),
  step("Accepted", () => (on) => ({ _tag: "RecordInspectionAccepted", on })),
  step("Refused", () => (on) => ({ _tag: "RecordInspectionRefused", on })),
  step("Conformity", () => (on) => ({ _tag: "RecordConformityRestored", on })),
  step("File", () => (on) => ({ _tag: "DeliverAdministrativeFile", on })),
  step("Warranty", (x) => (on) => ({
    _tag: "ClaimWarranty",
    on,
    claimId: `W${x}`,
    defect: { _tag: "Conformity", existedAtAcceptance: true },
    discoveredOn: Calendar.addDays(on, -(x % 90)),
    inWriting: true
  })),
  step("Substitute", () => (on) => ({ _tag: "ProposeSubstitution", on, component: "panel", replacement: "panel+" })),
  step("RefuseSubstitute", (x) => (on) => ({
    _tag: "RefuseSubstitution",
    on,
    byRegisteredLetter: true,
    worksDoneCents: x * 100,
    expensesCents: x * 10
  })),
  step("TerminateC", (x) => (on) => ({
    _tag: "TerminateByCustomer",
    on,
    ground: "at-will",
    byRegisteredLetter: true,
    worksDoneCents: x * 100,
    expensesCents: x * 10,
    worksNotDoneCents: x * 1000
  })),
  step("TerminateI", (x) => (on) => ({
    _tag: "TerminateByInstaller",
    on,
    byRegisteredLetter: true,
    customerRefusedIndispensableWorks: x % 2 === 0,
    costsCents: x * 100,
    materialsUsedCents: x * 50
  })),
  step("Notice", (x) => (on) => ({
    _tag: "SendFormalNotice",
    on,
    by: x % 2 === 0 ? "customer" : "installer",
    breach: "serious breach",
    byRegisteredLetter: true,
    citesArticle: true
  })),
  step("Rescind", (x) => (on) => ({
    _tag: "Rescind",
    on,
    byRegisteredLetter: true,
    ...(x % 3 === 0 ? {} : { worksDone: x % 3 === 1 ? { _tag: "Kept", valueInclCents: x * 500 } : { _tag: "Removed" } })
  })),
  // D8, D10: the settlement of the accounts after an early end.
  step("FinalInvoice", (x) => (on) => ({ _tag: "IssueFinalInvoice", on, invoiceId: `FIN${x % 3}` })),
  step("Refund", (x) => (on) => ({ _tag: "RecordRefund", on, amountCents: 1 + x * 331 })),
  step("GoodsCollected", () => (on) => ({ _tag: "RecordGoodsCollected", on }))
]
