/**
 * I2 — A contract voided because the loan was refused (WAL-4a, WAL-5.2.1, D5).
 *
 * The customer orders on 2025-04-01 subject to a bank loan of at most €9,000.00, with a period the
 * order form sets at 30 days. A period shorter than the general conditions' 45 days is to the
 * customer's detriment and deemed unwritten (WAL-5.1.2, D5): the effective period is 45 days, to
 * 2025-05-16, and the shorter one is reported as a warning. On 2025-04-28 the bank refuses, with a
 * refusal certificate: the condition fails, the contract has no effect (it is void), no deposit
 * may be invoiced and the works cannot start.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Scenario from "../Scenario.js"
import { contract, offer } from "./ContractFixtures.js"

/**
 * @since 0.1.0
 */
export const scenario = Scenario.make({
  id: "I2",
  name: "loan-refused",
  title: "A contract voided because the loan was refused",
  rules: ["WAL-4a", "WAL-5.2.1", "D5", "WAL-5.1.2"],
  story:
    "Order placed 2025-04-01 subject to a loan of at most €9,000.00 within 30 days (D5: below 45 days, so 45 apply, to " +
    "2025-05-16, with a warning). The bank refuses on 2025-04-28 with a refusal certificate. → the contract is void " +
    "(WAL-5.2.1); the deposit cannot be invoiced and the works cannot start.",
  expected: {
    loanDue: "2025-05-16",
    effectiveDays: 45,
    warning: "D5",
    status: "Void",
    voidedUnder: "WAL-5.2.1",
    depositInvoiceRefused: "WAL-1.3",
    startWorksRefused: "WAL-1.3"
  },
  run: (t) =>
    Effect.gen(function* () {
      const c = contract(t, "main")
      yield* c.send({ _tag: "DraftContract", on: "2025-03-25", offer: offer() })
      yield* c.send({ _tag: "SignOffer", on: "2025-03-25" })
      t.note("WAL-4a: the customer orders subject to a bank loan, the form says within 30 days.", "2025-04-01")
      const placed = yield* c.send({
        _tag: "PlaceOrder",
        withdrawalInformation: "legal",
        on: "2025-04-01",
        offPremises: false,
        loan: { agreedDays: 30, maxAmountCents: 900_000 }
      })
      const order = placed.events.find((e) => e._tag === "OrderPlaced")
      yield* c.deadlines("2025-04-01")

      t.note("WAL-5.2.1: the bank refuses the loan and gives a refusal certificate.", "2025-04-28")
      const refused = yield* c.send({ _tag: "RecordLoanRefused", on: "2025-04-28", refusalCertificate: true })
      const voided = refused.events.find((e) => e._tag === "ContractVoided")
      const state = yield* c.state

      t.note("The installer's software still tries to invoice the deposit and to start the works.", "2025-05-05")
      const invoice = yield* c.refused({
        _tag: "IssueInvoice",
        on: "2025-05-05",
        invoiceId: "DEP-1",
        milestone: "deposit"
      })
      const start = yield* c.refused({ _tag: "StartWorks", on: "2025-06-02" })

      const loan = order?._tag === "OrderPlaced" ? order.loan : undefined
      return Scenario.outcome({
        loanDue: loan?.due ?? "none",
        effectiveDays: loan?.effectiveDays ?? 0,
        warning: order?._tag === "OrderPlaced" ? order.warnings.map((w) => w.rule).join(", ") : "none",
        status: state.status,
        voidedUnder: voided?._tag === "ContractVoided" ? (voided.reasons[0]?.rule ?? "none") : "none",
        depositInvoiceRefused: invoice.reasons[0]?.rule ?? "none",
        startWorksRefused: start.reasons[0]?.rule ?? "none"
      })
    })
})
