import { describe, expect, it } from "vitest"
import { DeciderSpec } from "@soltrace/core/testing"
import { Contract } from "../src/index.js"
import type { Terms } from "../src/index.js"
import * as F from "./fixtures.js"

const spec = DeciderSpec.for(Contract.decider)
const given = (commands: ReadonlyArray<Contract.Command>) => spec.given(F.play(commands))
const refusedUnder = (rule: string) => (e: Contract.ContractRefused) => F.rulesOf(e).includes(rule)
const tags = (events: ReadonlyArray<Contract.Event>) => events.map((e) => e._tag)
const decided = (commands: ReadonlyArray<Contract.Command>, command: Contract.Command, decider = Contract.decider) => {
  const before = Contract.replay(F.play(commands, [], decider))
  return decider.decide(command, before)
}
const eventsOf = (
  commands: ReadonlyArray<Contract.Command>,
  command: Contract.Command,
  decider = Contract.decider
): ReadonlyArray<Contract.Event> => {
  const r = decided(commands, command, decider)
  if (r._tag === "Failure") throw new Error(r.failure.message)
  return r.success
}

describe("DraftContract", () => {
  it("WAL-1.3: drafting records the offer", () => {
    spec
      .when({ _tag: "DraftContract", on: "2025-03-01", offer: F.offer })
      .then([{ _tag: "ContractDrafted", on: "2025-03-01", offer: F.offer }])
  })
  it("WAL-1.3: a contract is drafted once", () => {
    given(F.drafted())
      .when({ _tag: "DraftContract", on: "2025-03-02", offer: F.offer })
      .thenFails(refusedUnder("WAL-1.3"))
  })
})

describe("SignOffer", () => {
  it("WAL-2.3/WAL-2.4: signing records the 30-day validity and the prices excl./incl. VAT", () => {
    given(F.drafted())
      .when({ _tag: "SignOffer", on: "2025-03-10" })
      .then([
        {
          _tag: "OfferSigned",
          on: "2025-03-10",
          validUntil: "2025-04-09",
          priceExcl: { cents: 1_200_000, vat: "excl" },
          totalIncl: { cents: 1_272_000, vat: "incl" },
          warnings: []
        }
      ])
  })
  it("WAL-3.4: over 5 kVA on a single-phase connection is a warning recorded in the event, not a refusal", () => {
    const o: Terms.Offer = {
      ...F.offer,
      installation: { peakPowerWp: 6000, connection: "single-phase", maxAcPowerVa: 6000 }
    }
    const [signed] = eventsOf(F.drafted(o), { _tag: "SignOffer", on: "2025-03-10" })
    expect(signed?._tag).toBe("OfferSigned")
    expect(signed?._tag === "OfferSigned" && signed.warnings.map((w) => w.rule)).toEqual(["WAL-3.4"])
  })
  it("WAL-3.4: a DSO that allows more than 5 kVA single-phase silences the warning", () => {
    const o: Terms.Offer = {
      ...F.offer,
      installation: { peakPowerWp: 6000, connection: "single-phase", maxAcPowerVa: 6000, dsoAllowsAbove5kVA: true }
    }
    const [signed] = eventsOf(F.drafted(o), { _tag: "SignOffer", on: "2025-03-10" })
    expect(signed?._tag === "OfferSigned" && signed.warnings).toEqual([])
  })
  it("WAL-5.1.2: an offer whose specification is incomplete is refused", () => {
    const { tilt: _tilt, ...partial } = F.specification
    const e = given(F.drafted({ ...F.offer, specification: partial }))
      .when({ _tag: "SignOffer", on: "2025-03-10" })
      .thenFails(refusedUnder("WAL-5.1.2"))
    expect(e.reasons.find((r) => r.rule === "WAL-5.1.2")?.message).toContain("tilt")
  })
  it("WAL-5.1.2: an offer handed over without the specification is refused", () => {
    given(F.drafted({ ...F.offer, specificationHandedOver: false }))
      .when({ _tag: "SignOffer", on: "2025-03-10" })
      .thenFails(refusedUnder("WAL-5.1.2"))
  })
  it("WAL-1.1a/D9: over 10 kW of AC power is refused, 10 kW exactly is accepted (the default basis)", () => {
    const at = (maxAcPowerVa: number): Terms.Offer => ({
      ...F.offer,
      installation: { ...F.offer.installation, maxAcPowerVa, peakPowerWp: 12_000 }
    })
    given(F.drafted(at(10_001)))
      .when({ _tag: "SignOffer", on: "2025-03-10" })
      .thenFails(refusedUnder("WAL-1.1a"))
    // 12 kWp of panels behind 10 kVA of inverters is a ≤ 10 kW installation under D9.
    given(F.drafted(at(10_000)))
      .when({ _tag: "SignOffer", on: "2025-03-10" })
      .thenState((s) => s.status === "Offered")
  })
  it("D9: Contract.Policy exposes the power basis — under powerBasis peak, 12 kWp is refused", () => {
    const peak = Contract.make(Contract.policy({ powerBasis: "peak" }))
    const offer: Terms.Offer = { ...F.offer, installation: { ...F.offer.installation, peakPowerWp: 12_000 } }
    const r = decided(F.drafted(offer), { _tag: "SignOffer", on: "2025-03-10" }, peak)
    expect(r._tag === "Failure" && F.rulesOf(r.failure)).toContain("WAL-1.1a")
    expect(Contract.defaultPolicy.powerBasis).toBe("ac")
  })
  it("D17: a VAT rate of 50% is warned about at signing (before: any rate from 0 to 100% passed silently)", () => {
    const [signed] = eventsOf(F.drafted({ ...F.offer, vatBp: 5000 }), { _tag: "SignOffer", on: "2025-03-10" })
    expect(signed?._tag === "OfferSigned" && signed.warnings.map((w) => w.rule)).toContain("D17")
  })
  it("D17: the rate is checked again at the first invoice, whose date decides it", () => {
    // A dwelling first occupied in 2016: under 10 years at the offer (2025), so 21% is expected.
    const young: Terms.Offer = { ...F.offer, dwelling: { ...F.offer.dwelling, firstOccupationYear: 2016 } }
    const events = F.play([
      ...F.ordered(young),
      { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" }
    ])
    const invoice = events.find((e) => e._tag === "InvoiceIssued")
    expect(invoice?._tag === "InvoiceIssued" && invoice.reasons.map((r) => r.rule)).toContain("D17")
  })
  it("D4/WAL-2.4.3: a 30% deposit breaks the offer template's 20% cap under the default policy", () => {
    const schedule = {
      deposit: 3000,
      afterPanels: { siteOpening: 2000, siteClosing: 0 },
      acceptance: 2000,
      administrativeFile: 3000
    }
    const e = given(F.drafted({ ...F.offer, schedule }))
      .when({ _tag: "SignOffer", on: "2025-03-10" })
      .thenFails(refusedUnder("WAL-2.4.3"))
    expect(F.rulesOf(e)).not.toContain("WAL-5.4.1")
  })
  it("D4/WAL-5.4.1: the same 30% deposit passes under the general-conditions policy", () => {
    const schedule = {
      deposit: 3000,
      afterPanels: { siteOpening: 2000, siteClosing: 0 },
      acceptance: 2000,
      administrativeFile: 3000
    }
    given(F.drafted({ ...F.offer, schedule, capPolicy: "general-conditions" }))
      .when({ _tag: "SignOffer", on: "2025-03-10" })
      .thenState((s) => s.status === "Offered")
  })
  it("WAL-1.1b: a customer who is not a natural person is refused", () => {
    given(F.drafted({ ...F.offer, customers: [{ partyId: "customer-acme", naturalPerson: false }] }))
      .when({ _tag: "SignOffer", on: "2025-03-10" })
      .thenFails(refusedUnder("WAL-1.1b"))
  })
  it("WAL-1.3: an offer cannot be signed before it is drafted", () => {
    spec.when({ _tag: "SignOffer", on: "2025-03-10" }).thenFails(refusedUnder("WAL-1.3"))
  })
})

describe("PlaceOrder", () => {
  it("WAL-2.3: an order on the offer's last valid day is accepted and, without conditions, the contract is final", () => {
    given(F.offered())
      .when({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-04-09", offPremises: false })
      .then([
        {
          _tag: "OrderPlaced",
          on: "2025-04-09",
          offPremises: false,
          concludedBy: "on-premises",
          withdrawalInformation: "legal",
          loan: undefined,
          studiesCondition: false,
          warnings: []
        },
        { _tag: "ContractBecameFinal", on: "2025-04-09" }
      ])
  })
  it("WAL-2.3: an order the day after the offer expired is refused", () => {
    given(F.offered())
      .when({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-04-10", offPremises: false })
      .thenFails(refusedUnder("WAL-2.3"))
  })
  it("D7: an off-premises order counted from the delivery has no last day yet; counted from the order, 2025-04-15", () => {
    // Before D7 (revised) the 14 days always ran from the order.
    const order: Contract.Command = {
      _tag: "PlaceOrder",
      withdrawalInformation: "legal",
      on: "2025-04-01",
      concludedBy: "off-premises"
    }
    const [placed] = eventsOf(F.offered(), order)
    expect(placed?._tag === "OrderPlaced" && [placed.concludedBy, placed.withdrawalDue]).toEqual([
      "off-premises",
      undefined
    ])
    const byOrder = Contract.make(Contract.policy({ withdrawalStart: "order" }))
    const [counted] = eventsOf(F.offered(), order, byOrder)
    expect(counted?._tag === "OrderPlaced" && counted.withdrawalDue).toBe("2025-04-15")
  })
  it("D7: withdrawalInformation is required — a missing value is a decode error naming it", () => {
    const r = Contract.decodeCommand({ _tag: "PlaceOrder", on: "2025-04-01", concludedBy: "off-premises" })
    expect(r._tag === "Failure" && r.failure.message).toMatch(/withdrawalInformation/)
  })
  it("D7: an order that does not say how it was concluded is refused, naming concludedBy", () => {
    given(F.offered())
      .when({ _tag: "PlaceOrder", withdrawalInformation: "none", on: "2025-04-01" })
      .thenFails((e) => e.reasons[0]?.rule === "D7" && e.reasons[0]?.figures["field"] === "concludedBy")
  })
  it("D5/WAL-4a: a 30-day loan period is recorded with a warning and 45 effective days; the contract waits", () => {
    const events = eventsOf(F.offered(), {
      _tag: "PlaceOrder",
      withdrawalInformation: "legal",
      on: "2025-04-01",
      offPremises: false,
      loan: { agreedDays: 30, maxAmountCents: 1_000_000 }
    })
    expect(tags(events)).toEqual(["OrderPlaced"])
    const placed = events[0]
    expect(placed?._tag === "OrderPlaced" && placed.loan).toEqual({
      agreedDays: 30,
      maxAmountCents: 1_000_000,
      effectiveDays: 45,
      due: "2025-05-16"
    })
    expect(placed?._tag === "OrderPlaced" && placed.warnings.map((w) => w.rule)).toContain("D5")
  })
  it("WAL-4b: an offer naming prior studies is ordered under the studies condition", () => {
    const o: Terms.Offer = { ...F.offer, studies: [{ subject: "roof", description: "stability" }] }
    const events = eventsOf(F.offered(o), {
      _tag: "PlaceOrder",
      withdrawalInformation: "legal",
      on: "2025-04-01",
      offPremises: false
    })
    expect(tags(events)).toEqual(["OrderPlaced"])
  })
  it("WAL-1.3: no order before the offer is signed", () => {
    given(F.drafted())
      .when({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-04-01", offPremises: false })
      .thenFails(refusedUnder("WAL-1.3"))
  })
})

describe("Withdraw (D7 revised: Code of Economic Law Book VI)", () => {
  // S7: ordered off premises on 2025-04-01 with the legal information; components delivered 2025-05-12.
  const order = (withdrawalInformation: "legal" | "contract-type-7-days" | "none"): Array<Contract.Command> => [
    ...F.offered(),
    { _tag: "PlaceOrder", on: "2025-04-01", concludedBy: "off-premises", withdrawalInformation }
  ]
  const delivered = (w: "legal" | "contract-type-7-days" | "none" = "legal"): Array<Contract.Command> => [
    ...order(w),
    { _tag: "RecordGoodsDelivered", on: "2025-05-12", lastPart: true }
  ]
  it("S7/D7: 14 days from the day after the delivery — a notice sent 2025-05-26 (Monday) is in time", () => {
    given(delivered())
      .when({ _tag: "Withdraw", on: "2025-05-26" })
      .thenState((s) => s.status === "Withdrawn" && Contract.isEnded(s))
  })
  it("S7/D7: sent 2025-05-27 it is too late", () => {
    given(delivered()).when({ _tag: "Withdraw", on: "2025-05-27" }).thenFails(refusedUnder("D7"))
  })
  it("S7/D7: withdrawalStart order → last day 2025-04-15; with 7 days, 2025-04-08", () => {
    const byOrder = Contract.make(Contract.policy({ withdrawalStart: "order" }))
    const r15 = decided(delivered(), { _tag: "Withdraw", on: "2025-04-15" }, byOrder)
    expect(r15._tag).toBe("Success")
    const r16 = decided(delivered(), { _tag: "Withdraw", on: "2025-04-16" }, byOrder)
    expect(r16._tag === "Failure" && r16.failure.reasons[0]?.figures["lastDay"]).toBe("2025-04-15")
    const strict = Contract.make(Contract.policy({ withdrawalStart: "order", withdrawalDays: 7 }))
    const r9 = decided(delivered(), { _tag: "Withdraw", on: "2025-04-09" }, strict)
    expect(r9._tag === "Failure" && r9.failure.reasons[0]?.figures["lastDay"]).toBe("2025-04-08")
  })
  it("S7/D7: given only the printed 7-day clause, the period ends 12 months later: 2026-05-26", () => {
    const policy = Contract.make()
    expect(decided(delivered("contract-type-7-days"), { _tag: "Withdraw", on: "2026-05-26" }, policy)._tag).toBe(
      "Success"
    )
    const late = decided(delivered("contract-type-7-days"), { _tag: "Withdraw", on: "2026-05-27" }, policy)
    expect(late._tag === "Failure" && F.rulesOf(late.failure)).toContain("D7")
  })
  it("D7: information given late — the period ends 14 days after the customer receives it", () => {
    const informed: Array<Contract.Command> = [
      ...delivered("none"),
      { _tag: "GiveWithdrawalInformation", on: "2025-07-01" }
    ]
    given(informed)
      .when({ _tag: "Withdraw", on: "2025-07-15" })
      .thenState((s) => s.status === "Withdrawn")
    given(informed).when({ _tag: "Withdraw", on: "2025-07-16" }).thenFails(refusedUnder("D7"))
    given(delivered()).when({ _tag: "GiveWithdrawalInformation", on: "2025-07-01" }).thenFails(refusedUnder("D7"))
  })
  it("D7: before the goods are delivered the customer may withdraw at any time (before: 14 days from the order)", () => {
    given(order("legal"))
      .when({ _tag: "Withdraw", on: "2025-05-10" })
      .thenState((s) => s.status === "Withdrawn")
  })
  it("D7: goods delivered in parts — the last part starts the 14 days", () => {
    const parts: Array<Contract.Command> = [
      ...order("legal"),
      { _tag: "RecordGoodsDelivered", on: "2025-05-12", lastPart: false },
      { _tag: "RecordGoodsDelivered", on: "2025-05-20", lastPart: true }
    ]
    given(parts)
      .when({ _tag: "Withdraw", on: "2025-06-03" })
      .thenState((s) => s.status === "Withdrawn")
    given(parts).when({ _tag: "Withdraw", on: "2025-06-04" }).thenFails(refusedUnder("D7"))
  })
  it("D7: the right is not lost when the works are completed (before: refused once completed)", () => {
    const done: Array<Contract.Command> = [
      ...order("none"),
      { _tag: "StartWorks", on: "2025-06-02" },
      { _tag: "RecordPanelsDelivered", on: "2025-06-03" },
      { _tag: "CompleteWorks", on: "2025-06-27" },
      { _tag: "RecordInspectionAccepted", on: "2025-07-10" }
    ]
    given(done)
      .when({ _tag: "Withdraw", on: "2025-08-01" })
      .thenState((s) => s.status === "Withdrawn")
  })
  it("D7: no withdrawal after a termination has ended the contract", () => {
    given([
      ...F.ordered(F.offer, false),
      {
        _tag: "TerminateByCustomer",
        on: "2025-04-05",
        ground: "at-will",
        byRegisteredLetter: true,
        worksDoneCents: 0,
        expensesCents: 0,
        worksNotDoneCents: 0
      }
    ])
      .when({ _tag: "Withdraw", on: "2025-04-06" })
      .thenFails(refusedUnder("WAL-1.3"))
  })
  it("D7/WAL-5.14.2: a customer's termination inside an open withdrawal period is taken as a withdrawal (no lost profit)", () => {
    const events = F.play([
      ...order("legal"),
      {
        _tag: "TerminateByCustomer",
        on: "2025-04-20",
        ground: "at-will",
        byRegisteredLetter: true,
        worksDoneCents: 0,
        expensesCents: 0,
        worksNotDoneCents: 1_200_000
      }
    ])
    const last = events.at(-1)
    expect(last?._tag).toBe("ContractWithdrawn")
    expect(last?._tag === "ContractWithdrawn" && last.reasons[0]?.message).toMatch(/taken as a withdrawal/)
  })
  it("D7: an order signed on the installer's premises gives no withdrawal right", () => {
    given(F.ordered()).when({ _tag: "Withdraw", on: "2025-04-02" }).thenFails(refusedUnder("D7"))
  })
})

describe("loan condition (WAL-5.2.1, D5)", () => {
  const withLoan: Array<Contract.Command> = [
    ...F.offered(),
    {
      _tag: "PlaceOrder",
      withdrawalInformation: "legal",
      on: "2025-04-01",
      offPremises: false,
      loan: { maxAmountCents: 900_000 }
    }
  ]
  it("WAL-5.2.1: a loan obtained on the 45th day makes the contract final", () => {
    given(withLoan)
      .when({ _tag: "RecordLoanObtained", on: "2025-05-16" })
      .thenState((s) => s.status === "Final" && s.finalOn === "2025-05-16")
  })
  it("WAL-5.2.1: a loan obtained after the period leaves the contract without effect", () => {
    expect(tags(eventsOf(withLoan, { _tag: "RecordLoanObtained", on: "2025-05-17" }))).toEqual([
      "LoanObtained",
      "ContractVoided"
    ])
  })
  it("WAL-5.2.1: a refusal shown by a lender's certificate voids the contract", () => {
    given(withLoan)
      .when({ _tag: "RecordLoanRefused", on: "2025-04-20", refusalCertificate: true })
      .thenState((s) => s.status === "Void")
  })
  it("WAL-5.2.1: a refusal without a certificate leaves the condition pending", () => {
    given(withLoan)
      .when({ _tag: "RecordLoanRefused", on: "2025-04-20", refusalCertificate: false })
      .thenState((s) => s.status === "Ordered")
  })
  it("WAL-5.2.1 (art. 1178): a condition the customer prevented is deemed fulfilled", () => {
    given(withLoan)
      .when({ _tag: "RecordLoanPreventedByCustomer", on: "2025-04-20" })
      .thenState((s) => s.status === "Final")
  })
  it("WAL-5.2.1: the period cannot be declared lapsed on its last day, but can the day after", () => {
    given(withLoan).when({ _tag: "RecordLoanPeriodLapsed", on: "2025-05-16" }).thenFails(refusedUnder("WAL-5.2.1"))
    given(withLoan)
      .when({ _tag: "RecordLoanPeriodLapsed", on: "2025-05-17" })
      .thenState((s) => s.status === "Void")
  })
  it("WAL-5.2.1: an order without a loan condition takes no loan outcome", () => {
    given(F.ordered()).when({ _tag: "RecordLoanObtained", on: "2025-04-05" }).thenFails(refusedUnder("WAL-1.3"))
  })
})

describe("studies condition (WAL-4b, WAL-5.2.2)", () => {
  const o: Terms.Offer = { ...F.offer, studies: [{ subject: "roof", description: "stability" }] }
  const pending: Array<Contract.Command> = [...F.ordered(o)]
  it("WAL-4b: studies requiring works under 10% of the price make the contract final", () => {
    given(pending)
      .when({ _tag: "ConcludeStudies", on: "2025-04-20", requiredWorksCents: 119_999 })
      .thenState((s) => s.status === "Final")
  })
  it("WAL-4b/WAL-5.2.2: studies requiring works of 10% or more void the contract", () => {
    given(pending)
      .when({ _tag: "ConcludeStudies", on: "2025-04-20", requiredWorksCents: 120_000 })
      .thenState((s) => s.status === "Void")
  })
  it("WAL-5.2.2: an offer naming no studies has no studies condition", () => {
    const ordered = F.play([
      ...F.offered(),
      {
        _tag: "PlaceOrder",
        withdrawalInformation: "legal",
        on: "2025-04-01",
        offPremises: false,
        loan: { maxAmountCents: 1 }
      }
    ])
    spec
      .given(ordered)
      .when({ _tag: "ConcludeStudies", on: "2025-04-20", requiredWorksCents: 0 })
      .thenFails(refusedUnder("WAL-5.2.2"))
  })
})

describe("works", () => {
  it("WAL-1.3: works start only once the contract is final", () => {
    given(F.ordered())
      .when({ _tag: "StartWorks", on: "2025-06-02" })
      .then([{ _tag: "WorksStarted", on: "2025-06-02", late: false }])
    const loan = [
      ...F.offered(),
      {
        _tag: "PlaceOrder",
        withdrawalInformation: "legal",
        on: "2025-04-01",
        offPremises: false,
        loan: { maxAmountCents: 1 }
      } as const
    ]
    given(loan).when({ _tag: "StartWorks", on: "2025-06-02" }).thenFails(refusedUnder("WAL-1.3"))
  })
  it("WAL-2.5: a start after the agreed date is recorded as late", () => {
    given(F.ordered())
      .when({ _tag: "StartWorks", on: "2025-06-03" })
      .then([{ _tag: "WorksStarted", on: "2025-06-03", late: true }])
  })
  it("WAL-2.4.3: panels are delivered once", () => {
    given(F.started)
      .when({ _tag: "RecordPanelsDelivered", on: "2025-06-03" })
      .then([{ _tag: "PanelsDelivered", on: "2025-06-03" }])
    given(F.delivered).when({ _tag: "RecordPanelsDelivered", on: "2025-06-04" }).thenFails(refusedUnder("WAL-2.4.3"))
  })
  it("WAL-5.7.1: bad-weather days are recorded during the works", () => {
    given(F.started)
      .when({ _tag: "RecordBadWeatherDay", on: "2025-06-10" })
      .then([{ _tag: "BadWeatherDayRecorded", on: "2025-06-10" }])
  })
  it("WAL-5.6.1/WAL-5.9: dates are suspended once, resumed once; no completion while suspended", () => {
    given(F.delivered)
      .when({ _tag: "SuspendWorks", on: "2025-06-05", rule: "WAL-5.9" })
      .then([{ _tag: "WorksSuspended", on: "2025-06-05", rule: "WAL-5.9" }])
    const suspended: Array<Contract.Command> = [
      ...F.delivered,
      { _tag: "SuspendWorks", on: "2025-06-05", rule: "WAL-5.9" }
    ]
    given(suspended)
      .when({ _tag: "SuspendWorks", on: "2025-06-06", rule: "WAL-5.6.1" })
      .thenFails(refusedUnder("WAL-5.6.1"))
    given(suspended).when({ _tag: "CompleteWorks", on: "2025-06-20" }).thenFails(refusedUnder("WAL-5.9"))
    given(suspended)
      .when({ _tag: "ResumeWorks", on: "2025-06-09" })
      .then([{ _tag: "WorksResumed", on: "2025-06-09" }])
    given(F.delivered).when({ _tag: "ResumeWorks", on: "2025-06-09" }).thenFails(refusedUnder("WAL-5.6.1"))
  })
  it("WAL-5.7.2/WAL-5.9: a 4-day suspension pushes the end date by 4 days", () => {
    const cmds: Array<Contract.Command> = [
      ...F.delivered,
      { _tag: "SuspendWorks", on: "2025-06-05", rule: "WAL-5.9" },
      { _tag: "ResumeWorks", on: "2025-06-09" }
    ]
    const [done] = eventsOf(cmds, { _tag: "CompleteWorks", on: "2025-07-06" })
    expect(done?._tag === "WorksCompleted" && [done.pushedEnd, done.delayDays]).toEqual(["2025-07-04", 2])
  })
  it("WAL-3.2: works cannot be completed before the panels are delivered", () => {
    given(F.started).when({ _tag: "CompleteWorks", on: "2025-06-20" }).thenFails(refusedUnder("WAL-3.2"))
  })
})

describe("invoices and payments (WAL-2.4.3, WAL-5.4.1, WAL-5.4.2, D4, D8)", () => {
  it("S4/D4: the deposit invoice is 20% of €12,720.00 incl. VAT = €2,544.00", () => {
    const [issued] = eventsOf(F.ordered(), {
      _tag: "IssueInvoice",
      on: "2025-04-02",
      invoiceId: "F1",
      milestone: "deposit"
    })
    expect(issued?._tag === "InvoiceIssued" && issued.amount).toEqual({ cents: 254_400, vat: "incl" })
  })
  it("WAL-5.4.1: the deposit cannot be invoiced while a condition is pending", () => {
    const loan = [
      ...F.offered(),
      {
        _tag: "PlaceOrder",
        withdrawalInformation: "legal",
        on: "2025-04-01",
        offPremises: false,
        loan: { maxAmountCents: 1 }
      } as const
    ]
    given(loan)
      .when({ _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" })
      .thenFails(refusedUnder("WAL-5.4.1"))
  })
  it("WAL-5.4.1: the site-opening payment needs the panels delivered; acceptance needs the inspection", () => {
    given(F.started)
      .when({ _tag: "IssueInvoice", on: "2025-06-02", invoiceId: "F2", milestone: "siteOpening" })
      .thenFails(refusedUnder("WAL-5.4.1"))
    given(F.completed)
      .when({ _tag: "IssueInvoice", on: "2025-06-28", invoiceId: "F3", milestone: "acceptance" })
      .thenFails(refusedUnder("WAL-5.4.1"))
    given(F.delivered)
      .when({ _tag: "IssueInvoice", on: "2025-06-03", invoiceId: "F2", milestone: "siteOpening" })
      .thenState((s) => s.invoices.length === 1)
  })
  it("WAL-5.4.1: a milestone is invoiced once", () => {
    const once: Array<Contract.Command> = [
      ...F.ordered(),
      { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" }
    ]
    given(once)
      .when({ _tag: "IssueInvoice", on: "2025-04-03", invoiceId: "F1b", milestone: "deposit" })
      .thenFails(refusedUnder("WAL-5.4.1"))
    given(once)
      .when({ _tag: "IssueInvoice", on: "2025-04-03", invoiceId: "F1", milestone: "siteOpening" })
      .thenFails(refusedUnder("WAL-5.3"))
  })
  const invoiced: Array<Contract.Command> = [
    ...F.ordered(),
    { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" }
  ]
  it("WAL-5.4.2: receipt starts the 15 days to pay", () => {
    given(invoiced)
      .when({ _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" })
      .then([
        {
          _tag: "InvoiceReceived",
          on: "2025-04-03",
          invoiceId: "F1",
          due: { rule: "WAL-5.4.2", what: "pay the invoice", party: "customer", kind: "obligation", due: "2025-04-18" }
        }
      ])
    given(invoiced)
      .when({ _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "nope" })
      .thenFails(refusedUnder("WAL-5.4.2"))
  })
  it("WAL-5.4.1: a payment beyond what is owed on the invoice is refused", () => {
    given(invoiced)
      .when({ _tag: "RecordPayment", on: "2025-04-05", invoiceId: "F1", amountCents: 254_401 })
      .thenFails(refusedUnder("WAL-5.4.1"))
    given(invoiced)
      .when({ _tag: "RecordPayment", on: "2025-04-05", invoiceId: "F1", amountCents: 254_400 })
      .thenState((s) => Contract.outstanding(s.invoices[0]!) === 0)
  })
  it("WAL-5.4.2/D8: a reminder is refused until the invoice is overdue", () => {
    const received: Array<Contract.Command> = [
      ...invoiced,
      { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" }
    ]
    given(received)
      .when({ _tag: "SendReminder", on: "2025-04-18", invoiceId: "F1", channel: "email" })
      .thenFails(refusedUnder("WAL-5.4.2"))
    given(received)
      .when({ _tag: "SendReminder", on: "2025-04-19", invoiceId: "F1", channel: "email" })
      .then([{ _tag: "ReminderSent", on: "2025-04-19", invoiceId: "F1", channel: "email" }])
  })
})

describe("inspection and administrative file (WAL-5.8.1, WAL-5.8.2)", () => {
  it("WAL-5.8.1: an inspection within 45 days of the end of works is accepted in time", () => {
    const [e] = eventsOf(F.completed, { _tag: "RecordInspectionAccepted", on: "2025-08-11" })
    expect(e?._tag === "InspectionAccepted" && e.reasons.map((r) => r.message).join(" ")).toContain("within 45 days")
  })
  it("WAL-5.8.1: a refusal starts the installer's 30 days; a late fix is recorded as late; re-inspection follows", () => {
    const refused: Array<Contract.Command> = [...F.completed, { _tag: "RecordInspectionRefused", on: "2025-07-01" }]
    const [r] = eventsOf(F.completed, { _tag: "RecordInspectionRefused", on: "2025-07-01" })
    expect(r?._tag === "InspectionRefused" && r.conformityDue.due).toBe("2025-07-31")
    const [late] = eventsOf(refused, { _tag: "RecordConformityRestored", on: "2025-08-01" })
    expect(late?._tag === "ConformityRestored" && late.inTime).toBe(false)
    given(refused).when({ _tag: "RecordInspectionAccepted", on: "2025-07-20" }).thenFails(refusedUnder("WAL-1.3"))
    given([...refused, { _tag: "RecordConformityRestored", on: "2025-07-31" }])
      .when({ _tag: "RecordInspectionAccepted", on: "2025-08-05" })
      .thenState((s) => s.status === "InspectionAccepted" && s.acceptedOn === "2025-08-05")
  })
  it("WAL-5.8.2: the file on the 15th day after acceptance is in time, the 16th is late", () => {
    const [inTime] = eventsOf(F.accepted, { _tag: "DeliverAdministrativeFile", on: "2025-07-25" })
    const [late] = eventsOf(F.accepted, { _tag: "DeliverAdministrativeFile", on: "2025-07-26" })
    expect([
      inTime?._tag === "AdministrativeFileDelivered" && inTime.inTime,
      late?._tag === "AdministrativeFileDelivered" && late.inTime
    ]).toEqual([true, false])
  })
  it("WAL-1.3: no administrative file before the acceptance", () => {
    given(F.completed).when({ _tag: "DeliverAdministrativeFile", on: "2025-07-01" }).thenFails(refusedUnder("WAL-1.3"))
  })
})

describe("warranty and production (WAL-5.12.2, WAL-5.13)", () => {
  const conformity = { _tag: "Conformity", existedAtAcceptance: true } as const
  it("WAL-5.12.2: a claim 2 months after the discovery is accepted, a day later refused", () => {
    given(F.filed)
      .when({
        _tag: "ClaimWarranty",
        on: "2026-03-31",
        claimId: "W1",
        defect: conformity,
        discoveredOn: "2026-01-31",
        inWriting: true
      })
      .thenState((s) => s.warrantyClaims.length === 1)
    given(F.filed)
      .when({
        _tag: "ClaimWarranty",
        on: "2026-04-01",
        claimId: "W1",
        defect: conformity,
        discoveredOn: "2026-01-31",
        inWriting: true
      })
      .thenFails(refusedUnder("WAL-5.12.2"))
  })
  it("WAL-5.12.2: a conformity defect appearing 2 years after acceptance is not covered", () => {
    given(F.filed)
      .when({
        _tag: "ClaimWarranty",
        on: "2027-07-15",
        claimId: "W1",
        defect: conformity,
        discoveredOn: "2027-07-10",
        inWriting: true
      })
      .thenFails(refusedUnder("WAL-5.12.2"))
  })
  it("WAL-1.3: no installer-warranty claim before the acceptance", () => {
    given(F.completed)
      .when({
        _tag: "ClaimWarranty",
        on: "2025-06-28",
        claimId: "W1",
        defect: conformity,
        discoveredOn: "2025-06-28",
        inWriting: true
      })
      .thenFails(refusedUnder("WAL-1.3"))
  })
  const shortfall = {
    _tag: "ReportProductionShortfall",
    on: "2026-09-01",
    claimId: "P1",
    measurement: { test: "45-days", from: "2026-07-01", to: "2026-08-14", expectedWh: 1_000_000, actualWh: 700_000 },
    exonerations: []
  } as const
  it("WAL-5.13: a 30% shortfall over 45 days makes the installer liable; the opinion is due in 20 days", () => {
    const [e] = eventsOf(F.filed, shortfall)
    expect(e?._tag === "ProductionShortfallReported" && [e.installerLiable, e.opinionDue.due]).toEqual([
      true,
      "2026-09-21"
    ])
  })
  it("WAL-5.13: opinion late on day 21; repairs due 45 days after the customer's agreement", () => {
    const reported: Array<Contract.Command> = [...F.filed, shortfall]
    const [late] = eventsOf(reported, {
      _tag: "DeliverTechnicalOpinion",
      on: "2026-09-22",
      claimId: "P1",
      solutionsWithinWarranty: true,
      customerToldOfChargeInAdvance: false
    })
    expect(late?._tag === "TechnicalOpinionDelivered" && late.inTime).toBe(false)
    const opined: Array<Contract.Command> = [
      ...reported,
      {
        _tag: "DeliverTechnicalOpinion",
        on: "2026-09-10",
        claimId: "P1",
        solutionsWithinWarranty: true,
        customerToldOfChargeInAdvance: false
      }
    ]
    const [agreed] = eventsOf(opined, { _tag: "AgreeToRepairs", on: "2026-09-12", claimId: "P1" })
    expect(agreed?._tag === "RepairsAgreed" && agreed.repairsDue.due).toBe("2026-10-27")
    given(reported)
      .when({ _tag: "AgreeToRepairs", on: "2026-09-12", claimId: "P1" })
      .thenFails(refusedUnder("WAL-5.13"))
    given(opined).when({ _tag: "CompleteRepairs", on: "2026-09-30", claimId: "P1" }).thenFails(refusedUnder("WAL-5.13"))
  })
})

describe("substitution and endings (WAL-5.10, WAL-5.14)", () => {
  const proposed: Array<Contract.Command> = [
    ...F.started,
    { _tag: "ProposeSubstitution", on: "2025-06-04", component: "Acme M-400", replacement: "Acme M-410" }
  ]
  it("WAL-5.10: the customer accepts an equivalent component", () => {
    given(proposed)
      .when({ _tag: "AcceptSubstitution", on: "2025-06-05" })
      .then([{ _tag: "SubstitutionAccepted", on: "2025-06-05" }])
    given(F.started).when({ _tag: "AcceptSubstitution", on: "2025-06-05" }).thenFails(refusedUnder("WAL-5.10"))
  })
  it("WAL-5.10: refusing terminates without indemnity: works done and expenses only", () => {
    given(proposed)
      .when({
        _tag: "RefuseSubstitution",
        on: "2025-06-05",
        byRegisteredLetter: true,
        worksDoneCents: 50_000,
        expensesCents: 10_000
      })
      .thenState(
        (s) => s.status === "Terminated" && s.ending?._tag === "Terminated" && s.ending.owedByCustomer.cents === 60_000
      )
  })
  it("WAL-5.14.2: terminating at will owes works done, expenses and 10% of the works not done", () => {
    given(F.started)
      .when({
        _tag: "TerminateByCustomer",
        on: "2025-06-05",
        ground: "at-will",
        byRegisteredLetter: true,
        worksDoneCents: 100_000,
        expensesCents: 20_000,
        worksNotDoneCents: 1_000_000
      })
      .thenState(
        (s) =>
          s.ending?._tag === "Terminated" && s.ending.owedByCustomer.cents === 220_000 && s.ending.rule === "WAL-5.14.2"
      )
  })
  it("WAL-5.14.1: a termination not sent by registered letter is refused", () => {
    given(F.started)
      .when({
        _tag: "TerminateByCustomer",
        on: "2025-06-05",
        ground: "at-will",
        byRegisteredLetter: false,
        worksDoneCents: 0,
        expensesCents: 0,
        worksNotDoneCents: 0
      })
      .thenFails(refusedUnder("WAL-5.14.1"))
  })
  it("WAL-5.14.3: the installer terminates only when the customer refuses indispensable works", () => {
    const base = {
      _tag: "TerminateByInstaller",
      on: "2025-06-05",
      byRegisteredLetter: true,
      costsCents: 30_000,
      materialsUsedCents: 40_000
    } as const
    given(F.ordered())
      .when({ ...base, customerRefusedIndispensableWorks: false })
      .thenFails(refusedUnder("WAL-5.14.3"))
    given(F.ordered())
      .when({ ...base, customerRefusedIndispensableWorks: true })
      .thenState(
        (s) =>
          s.ending?._tag === "Terminated" && s.ending.by === "installer" && s.ending.owedByCustomer.cents === 70_000
      )
  })
  const noticed: Array<Contract.Command> = [
    ...F.ordered(),
    {
      _tag: "SendFormalNotice",
      on: "2025-06-10",
      by: "customer",
      breach: "works not started",
      byRegisteredLetter: true,
      citesArticle: true
    }
  ]
  it("WAL-5.14.4/D14: rescission on the 20th day after the notice is refused, on the 21st it owes 10% of the price excl. VAT", () => {
    given(noticed).when({ _tag: "Rescind", on: "2025-06-30", byRegisteredLetter: true }).thenFails(refusedUnder("D14"))
    given(noticed)
      .when({ _tag: "Rescind", on: "2025-07-01", byRegisteredLetter: true })
      .thenState(
        (s) =>
          s.status === "Rescinded" &&
          s.ending?._tag === "Rescinded" &&
          s.ending.injuredParty === "customer" &&
          s.ending.indemnity.cents === 120_000
      )
  })
  it("WAL-5.14.4: a notice answered in time, or no notice at all, allows no rescission", () => {
    given([...noticed, { _tag: "RecordNoticeRemedied", on: "2025-06-20" }])
      .when({ _tag: "Rescind", on: "2025-07-01", byRegisteredLetter: true })
      .thenFails(refusedUnder("WAL-5.14.4"))
    given(F.ordered())
      .when({ _tag: "Rescind", on: "2025-07-01", byRegisteredLetter: true })
      .thenFails(refusedUnder("WAL-5.14.4"))
    given(noticed)
      .when({
        _tag: "SendFormalNotice",
        on: "2025-06-11",
        by: "customer",
        breach: "again",
        byRegisteredLetter: true,
        citesArticle: true
      })
      .thenFails(refusedUnder("WAL-5.14.4"))
  })
})

describe("lifecycle guards", () => {
  it("WAL-1.3/D10: an ended contract (withdrawn) accepts no lifecycle step, only its accounts", () => {
    const withdrawn: Array<Contract.Command> = [...F.ordered(F.offer, true), { _tag: "Withdraw", on: "2025-04-02" }]
    given(withdrawn).when({ _tag: "StartWorks", on: "2025-06-02" }).thenFails(refusedUnder("WAL-1.3"))
    given(withdrawn)
      .when({ _tag: "Withdraw", on: "2025-04-03" })
      .thenFails((e) => e.status === "Withdrawn")
  })
  it("WAL-1.3: business dates never go backwards", () => {
    given(F.started).when({ _tag: "RecordPanelsDelivered", on: "2025-06-01" }).thenFails(refusedUnder("WAL-1.3"))
  })
  it("asOf: the state at a past date replays only the events dated on or before it", () => {
    const events = F.play(F.filed)
    expect(Contract.asOf(events, "2025-06-26").status).toBe("WorksStarted")
    expect(Contract.asOf(events, "2025-06-27").status).toBe("WorksCompleted")
    expect(Contract.asOf(events, "2025-07-20")).toEqual(Contract.replay(events))
  })
})

describe("decodeCommand", () => {
  it("decodes a command from JSON", () => {
    const r = Contract.decodeCommand(JSON.parse('{"_tag":"Withdraw","on":"2025-04-15"}'))
    expect(r._tag === "Success" && r.success).toEqual({ _tag: "Withdraw", on: "2025-04-15" })
  })
  it("a malformed date names the field", () => {
    const r = Contract.decodeCommand({ _tag: "Withdraw", on: "2025-02-30" })
    expect(r._tag === "Failure" && r.failure.message).toMatch(/calendar date[\s\S]*\["on"\]/)
  })
  it("an unknown command names the tag and the known ones", () => {
    const r = Contract.decodeCommand({ _tag: "Nope", on: "2025-02-01" })
    expect(r._tag === "Failure" && r.failure.message).toMatch(/unknown _tag "Nope"[\s\S]*Withdraw/)
  })
})

describe("further refusals, one per guard", () => {
  const conformity = { _tag: "Conformity", existedAtAcceptance: true } as const
  const invoiced: Array<Contract.Command> = [
    ...F.ordered(),
    { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
    { _tag: "RecordInvoiceReceived", on: "2025-04-03", invoiceId: "F1" }
  ]
  it("WAL-5.7.1: a bad-weather day after the completion is refused; one reported late but dated during the works is recorded", () => {
    given(F.completed).when({ _tag: "RecordBadWeatherDay", on: "2025-06-28" }).thenFails(refusedUnder("WAL-5.7.1"))
    given(F.completed)
      .when({ _tag: "RecordBadWeatherDay", on: "2025-06-10" })
      .then([{ _tag: "BadWeatherDayRecorded", on: "2025-06-10" }])
  })
  it("WAL-5.4.2: a payment learnt late keeps its own date (and order); it cannot predate its invoice", () => {
    const later: Array<Contract.Command> = [...invoiced, { _tag: "StartWorks", on: "2025-06-02" }]
    given(later)
      .when({ _tag: "RecordPayment", on: "2025-04-10", invoiceId: "F1", amountCents: 254_400 })
      .thenState((s) => s.invoices[0]?.payments[0]?.on === "2025-04-10" && s.lastOn === "2025-06-02")
    given(later)
      .when({ _tag: "RecordPayment", on: "2025-04-01", invoiceId: "F1", amountCents: 1 })
      .thenFails(refusedUnder("WAL-5.4.2"))
    given(later).when({ _tag: "RecordPanelsDelivered", on: "2025-04-10" }).thenFails(refusedUnder("WAL-1.3"))
  })
  it("WAL-4c: a withdrawal letter posted before later events is judged on its sending date", () => {
    const started: Array<Contract.Command> = [...F.ordered(F.offer, true), { _tag: "StartWorks", on: "2025-04-16" }]
    given(started)
      .when({ _tag: "Withdraw", on: "2025-04-15" })
      .thenState((s) => s.status === "Withdrawn")
    given(started).when({ _tag: "Withdraw", on: "2025-03-31" }).thenFails(refusedUnder("WAL-4c"))
  })
  it("WAL-5.4.2: an invoice is received once", () => {
    given(invoiced)
      .when({ _tag: "RecordInvoiceReceived", on: "2025-04-04", invoiceId: "F1" })
      .thenFails(refusedUnder("WAL-5.4.2"))
  })
  it("WAL-5.4.1: a payment on an unknown invoice is refused", () => {
    given(invoiced)
      .when({ _tag: "RecordPayment", on: "2025-04-05", invoiceId: "F9", amountCents: 1 })
      .thenFails(refusedUnder("WAL-5.4.1"))
  })
  it("D8: no reminder for a paid invoice", () => {
    given([...invoiced, { _tag: "RecordPayment", on: "2025-04-05", invoiceId: "F1", amountCents: 254_400 }])
      .when({ _tag: "SendReminder", on: "2025-05-01", invoiceId: "F1", channel: "post" })
      .thenFails(refusedUnder("D8"))
  })
  it("WAL-1.3: conformity cannot be restored without a refused inspection", () => {
    given(F.completed).when({ _tag: "RecordConformityRestored", on: "2025-07-01" }).thenFails(refusedUnder("WAL-1.3"))
  })
  it("WAL-5.12.2: a claim not made in writing is refused; a claim id is used once", () => {
    given(F.filed)
      .when({
        _tag: "ClaimWarranty",
        on: "2026-02-01",
        claimId: "W1",
        defect: conformity,
        discoveredOn: "2026-01-31",
        inWriting: false
      })
      .thenFails(refusedUnder("WAL-5.12.2"))
    given([
      ...F.filed,
      {
        _tag: "ClaimWarranty",
        on: "2026-02-01",
        claimId: "W1",
        defect: conformity,
        discoveredOn: "2026-01-31",
        inWriting: true
      }
    ])
      .when({
        _tag: "ClaimWarranty",
        on: "2026-02-02",
        claimId: "W1",
        defect: conformity,
        discoveredOn: "2026-01-31",
        inWriting: true
      })
      .thenFails(refusedUnder("WAL-5.12.2"))
  })
  it("WAL-5.12.2: a watertightness defect 9 years after acceptance is covered", () => {
    given(F.filed)
      .when({
        _tag: "ClaimWarranty",
        on: "2034-08-01",
        claimId: "W2",
        defect: { _tag: "Watertightness", fromMereWear: false, onRoofPartCarryingInstallation: true },
        discoveredOn: "2034-07-20",
        inWriting: true
      })
      .thenState((s) => s.warrantyClaims.length === 1)
  })
  const measurement = {
    test: "45-days",
    from: "2026-07-01",
    to: "2026-08-14",
    expectedWh: 1_000_000,
    actualWh: 700_000
  } as const
  it("WAL-5.13: a shortfall the installer shows is not its doing is recorded without liability", () => {
    const [e] = eventsOf(F.filed, {
      _tag: "ReportProductionShortfall",
      on: "2026-09-01",
      claimId: "P1",
      measurement,
      exonerations: ["new-shading"]
    })
    expect(e?._tag === "ProductionShortfallReported" && e.installerLiable).toBe(false)
  })
  it("WAL-5.13: a measurement ending after the report, or a report before acceptance, is refused", () => {
    given(F.filed)
      .when({ _tag: "ReportProductionShortfall", on: "2026-08-01", claimId: "P1", measurement, exonerations: [] })
      .thenFails(refusedUnder("WAL-5.13"))
    given(F.completed)
      .when({ _tag: "ReportProductionShortfall", on: "2026-09-01", claimId: "P1", measurement, exonerations: [] })
      .thenFails(refusedUnder("WAL-1.3"))
  })
  it("WAL-5.13: an opinion on an unknown claim, or a second one, is refused; repairs in 45 days are in time", () => {
    const reported: Array<Contract.Command> = [
      ...F.filed,
      { _tag: "ReportProductionShortfall", on: "2026-09-01", claimId: "P1", measurement, exonerations: [] }
    ]
    const opinion = {
      _tag: "DeliverTechnicalOpinion",
      on: "2026-09-10",
      solutionsWithinWarranty: false,
      customerToldOfChargeInAdvance: true
    } as const
    given(reported)
      .when({ ...opinion, claimId: "P9" })
      .thenFails(refusedUnder("WAL-5.13"))
    const [charged] = eventsOf(reported, { ...opinion, claimId: "P1" })
    expect(charged?._tag === "TechnicalOpinionDelivered" && [charged.inTime, charged.chargeable]).toEqual([true, true])
    const opined: Array<Contract.Command> = [...reported, { ...opinion, claimId: "P1" }]
    given(opined)
      .when({ ...opinion, on: "2026-09-11", claimId: "P1" })
      .thenFails(refusedUnder("WAL-5.13"))
    const agreed: Array<Contract.Command> = [...opined, { _tag: "AgreeToRepairs", on: "2026-09-12", claimId: "P1" }]
    const [repaired] = eventsOf(agreed, { _tag: "CompleteRepairs", on: "2026-10-27", claimId: "P1" })
    expect(repaired?._tag === "RepairsCompleted" && repaired.inTime).toBe(true)
  })
  it("WAL-5.10: no substitution before the contract is final or while one awaits an answer; refusal needs a registered letter", () => {
    given(F.offered())
      .when({ _tag: "ProposeSubstitution", on: "2025-03-11", component: "a", replacement: "b" })
      .thenFails(refusedUnder("WAL-1.3"))
    const proposed: Array<Contract.Command> = [
      ...F.ordered(),
      { _tag: "ProposeSubstitution", on: "2025-04-02", component: "a", replacement: "b" }
    ]
    given(proposed)
      .when({ _tag: "ProposeSubstitution", on: "2025-04-03", component: "c", replacement: "d" })
      .thenFails(refusedUnder("WAL-5.10"))
    given(proposed)
      .when({
        _tag: "RefuseSubstitution",
        on: "2025-04-03",
        byRegisteredLetter: false,
        worksDoneCents: 0,
        expensesCents: 0
      })
      .thenFails(refusedUnder("WAL-5.14.1"))
  })
  it("WAL-5.6.2: terminating because of unforeseen studies owes works done and expenses, no lost profit", () => {
    given(F.started)
      .when({
        _tag: "TerminateByCustomer",
        on: "2025-06-05",
        ground: "unforeseen-studies",
        byRegisteredLetter: true,
        worksDoneCents: 100_000,
        expensesCents: 20_000,
        worksNotDoneCents: 1_000_000
      })
      .thenState(
        (s) =>
          s.ending?._tag === "Terminated" && s.ending.rule === "WAL-5.6.2" && s.ending.owedByCustomer.cents === 120_000
      )
  })
  it("WAL-5.14.2/WAL-5.14.3: no termination once carried out (customer) or once the works are completed (installer)", () => {
    const atWill = {
      _tag: "TerminateByCustomer",
      on: "2025-08-01",
      ground: "at-will",
      byRegisteredLetter: true,
      worksDoneCents: 0,
      expensesCents: 0,
      worksNotDoneCents: 0
    } as const
    given(F.filed).when(atWill).thenFails(refusedUnder("WAL-1.3"))
    given(F.completed)
      .when({
        _tag: "TerminateByInstaller",
        on: "2025-06-28",
        byRegisteredLetter: true,
        customerRefusedIndispensableWorks: true,
        costsCents: 0,
        materialsUsedCents: 0
      })
      .thenFails(refusedUnder("WAL-1.3"))
  })
  it("WAL-5.14.4: no notice to answer, no remedy; a rescission needs a registered letter", () => {
    given(F.ordered()).when({ _tag: "RecordNoticeRemedied", on: "2025-06-20" }).thenFails(refusedUnder("WAL-5.14.4"))
    const noticed: Array<Contract.Command> = [
      ...F.ordered(),
      {
        _tag: "SendFormalNotice",
        on: "2025-06-10",
        by: "installer",
        breach: "access refused",
        byRegisteredLetter: true,
        citesArticle: true
      }
    ]
    given(noticed)
      .when({ _tag: "Rescind", on: "2025-07-01", byRegisteredLetter: false })
      .thenFails(refusedUnder("WAL-5.14.1"))
    given(noticed)
      .when({ _tag: "Rescind", on: "2025-07-01", byRegisteredLetter: true })
      .thenState((s) => s.ending?._tag === "Rescinded" && s.ending.injuredParty === "installer")
  })
})
