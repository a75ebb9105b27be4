/**
 * S4 — Payment schedule (WAL-2.4.3, WAL-5.4.1, D4, D10).
 *
 * An installation of €12,000.00 excl. VAT at 6% VAT: €12,720.00 incl. VAT. The installer builds the
 * schedule the default cap policy `"both"` allows (the lower of the two clauses' caps, milestone by
 * milestone), signs the offer, and invoices each milestone as it is reached — deposit, site
 * opening after the panels, acceptance, and the balance with the administrative file. The four
 * invoices add up to the total exactly (D10).
 *
 * Then two other offers ask a 30% deposit: under `"both"` the signature is refused, citing
 * WAL-2.4.3 (the offer template's 20%); under `"general-conditions"` alone it is accepted, since
 * WAL-5.4.1 allows 30%.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type { Contract } from "@soltrace/contracts"
import { Money, PaymentSchedule } from "@soltrace/rules"
import * as Scenario from "../Scenario.js"
import { contract, offer } from "./ContractFixtures.js"

/**
 * @since 0.1.0
 */
export const scenario = Scenario.make({
  id: "S4",
  name: "payment-schedule",
  title: "Payment schedule under the default cap policy",
  rules: ["WAL-2.4.3", "WAL-5.4.1", "D4", "D10"],
  story:
    'Installation €12,000.00 excl. VAT at 6% VAT → €12,720.00 incl. VAT. Under the default cap policy "both": deposit ' +
    "20% = €2,544.00, after panels 20% = €2,544.00, acceptance 20% = €2,544.00, balance at the administrative file = " +
    '€5,088.00 (incl. VAT). A schedule asking a 30% deposit breaks WAL-2.4.3 (and so "both"), but not WAL-5.4.1.',
  expected: {
    totalIncl: "€12,720.00",
    deposit: "€2,544.00",
    afterPanels: "€2,544.00",
    acceptance: "€2,544.00",
    administrativeFile: "€5,088.00",
    invoicedTotal: "€12,720.00",
    deposit30UnderBoth: "refused",
    deposit30BreaksUnderBoth: "WAL-2.4.3",
    deposit30UnderGeneralConditions: "accepted"
  },
  run: (t) =>
    Effect.gen(function* () {
      const terms = offer({ priceExclCents: 1_200_000, vatBp: 600, capPolicy: "both" })
      const built = PaymentSchedule.build(Money.inclVat(terms.priceExclCents, terms.vatBp), "both")
      t.decision('PaymentSchedule.build (D4, "both")', { _tag: "Built", reasons: built.reasons })

      const c = contract(t, "main")
      yield* c.send({ _tag: "DraftContract", on: "2025-04-22", offer: { ...terms, schedule: built.schedule } })
      const signed = yield* c.send({ _tag: "SignOffer", on: "2025-04-24" })
      yield* c.send({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-05-05", offPremises: false })

      const invoice = (on: string, milestone: Contract.Milestone) =>
        c.send({ _tag: "IssueInvoice", on, invoiceId: `${milestone}-1`, milestone }).pipe(
          Effect.map((h) => {
            const e = h.events[0]
            return e?._tag === "InvoiceIssued" ? e.amount : Money.incl(0)
          })
        )
      const deposit = yield* invoice("2025-05-05", "deposit")
      yield* c.send({ _tag: "StartWorks", on: "2025-06-02" })
      yield* c.send({ _tag: "RecordPanelsDelivered", on: "2025-06-02" })
      const siteOpening = yield* invoice("2025-06-02", "siteOpening")
      yield* c.send({ _tag: "CompleteWorks", on: "2025-06-20" })
      yield* c.send({ _tag: "RecordInspectionAccepted", on: "2025-07-01" })
      const acceptance = yield* invoice("2025-07-01", "acceptance")
      yield* c.send({ _tag: "DeliverAdministrativeFile", on: "2025-07-08" })
      const balance = yield* invoice("2025-07-08", "administrativeFile")
      const statement = yield* c.statement("2025-07-08")

      t.note(
        'Another customer is offered a 30% deposit (30/20/20/30), checked under "both" and under the general conditions.',
        "2025-05-12"
      )
      const thirty: PaymentSchedule.Schedule = {
        deposit: 3_000,
        afterPanels: { siteOpening: 2_000, siteClosing: 0 },
        acceptance: 2_000,
        administrativeFile: 3_000
      }
      const both = contract(t, "deposit30-both")
      yield* both.send({
        _tag: "DraftContract",
        on: "2025-05-12",
        offer: { ...terms, schedule: thirty, capPolicy: "both" }
      })
      const refusal = yield* both.refused({ _tag: "SignOffer", on: "2025-05-12" })
      const gc = contract(t, "deposit30-gc")
      yield* gc.send({
        _tag: "DraftContract",
        on: "2025-05-12",
        offer: { ...terms, schedule: thirty, capPolicy: "general-conditions" }
      })
      const gcSigned = yield* Effect.result(gc.send({ _tag: "SignOffer", on: "2025-05-12" }))

      const total = signed.events[0]?._tag === "OfferSigned" ? signed.events[0].totalIncl : Money.incl(0)
      return Scenario.outcome({
        totalIncl: Money.format(total.cents),
        deposit: Money.format(deposit.cents),
        afterPanels: Money.format(siteOpening.cents),
        acceptance: Money.format(acceptance.cents),
        administrativeFile: Money.format(balance.cents),
        invoicedTotal: Money.format(statement.invoicedCents),
        deposit30UnderBoth: "refused",
        deposit30BreaksUnderBoth: refusal.reasons.map((r) => r.rule).join(", "),
        deposit30UnderGeneralConditions: gcSigned._tag === "Success" ? "accepted" : "refused"
      })
    })
})
