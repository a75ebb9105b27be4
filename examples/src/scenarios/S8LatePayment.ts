/**
 * S8 — Late payment (WAL-5.4.2, D8).
 *
 * A contract concluded on 2023-01-10 — before 2023-09-01, so the Book XIX reminder rules of D8 do
 * not apply — for works planned in spring 2025. A deposit invoice of €2,544.00 is received on 2025-03-01: due within 15 days, by
 * 2025-03-16. It is paid on 2025-05-01. The statement adds a lump 5% (€127.20) and, the payment
 * being more than one month late, 5% a year from the due date: 46 days, €16.03.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { Money } from "@soltrace/rules"
import * as Scenario from "../Scenario.js"
import { contract, offer } from "./ContractFixtures.js"

/**
 * @since 0.1.0
 */
export const scenario = Scenario.make({
  id: "S8",
  name: "late-payment",
  title: "Late payment: lump charge and interest",
  rules: ["WAL-5.4.2", "D8"],
  story:
    "Contract concluded 2023-01-10. Invoice of €2,544.00 received 2025-03-01 → due 2025-03-16. Paid 2025-05-01. → lump " +
    "charge 5% = €127.20; more than one month late → interest 5%/year from 2025-03-16 to 2025-05-01 = 46 days → " +
    "2,544.00 × 5% × 46/365 = €16.03.",
  expected: { invoice: "€2,544.00", dueOn: "2025-03-16", lumpCharge: "€127.20", interestDays: 46, interest: "€16.03" },
  run: (t) =>
    Effect.gen(function* () {
      const c = contract(t, "main")
      yield* c.send({
        _tag: "DraftContract",
        on: "2023-01-05",
        offer: offer({ priceExclCents: 1_200_000, vatBp: 600, worksStartOn: "2025-05-19", worksEndOn: "2025-06-13" })
      })
      yield* c.send({ _tag: "SignOffer", on: "2023-01-05" })
      yield* c.send({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2023-01-10", offPremises: false })
      t.note(
        "The works are planned for spring 2025 (the installer's waiting list); the deposit, 20% of €12,720.00 incl. VAT, is invoiced.",
        "2025-02-27"
      )
      const issued = yield* c.send({
        _tag: "IssueInvoice",
        on: "2025-02-27",
        invoiceId: "INV-2025-017",
        milestone: "deposit"
      })
      yield* c.send({ _tag: "RecordInvoiceReceived", on: "2025-03-01", invoiceId: "INV-2025-017" })
      const invoice = issued.events[0]?._tag === "InvoiceIssued" ? issued.events[0].amount : Money.incl(0)
      yield* c.send({ _tag: "RecordPayment", on: "2025-05-01", invoiceId: "INV-2025-017", amountCents: invoice.cents })
      const statement = yield* c.statement("2025-05-01")

      const lump = statement.lines.find((l) => l.kind === "late-charge" && l.rule === "WAL-5.4.2")
      const interest = statement.lines.find((l) => l.kind === "late-charge" && l.rule === "D8")
      const interestFigures =
        interest?.reasons.find((r) => r.rule === "D8" && r.figures["days"] !== undefined)?.figures ?? {}
      const state = yield* c.state
      const due = state.invoices[0]?.receivedOn
      return Scenario.outcome({
        invoice: Money.format(invoice.cents),
        dueOn: String(interestFigures["fromDate"] ?? (due === undefined ? "none" : "unknown")),
        lumpCharge: Money.format(lump?.amount.cents ?? 0),
        interestDays: Number(interestFigures["days"] ?? 0),
        interest: Money.format(interest?.amount.cents ?? 0)
      })
    })
})
