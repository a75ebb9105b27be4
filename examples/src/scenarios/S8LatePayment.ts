/**
 * S8 — Late payment under Book XIX (WAL-5.4.2, D8, D14), as revised in 2026-12.
 *
 * A contract concluded on 2023-01-10 for works planned in spring 2025. A deposit invoice of
 * €2,544.00 is received on 2025-03-01: due 15 days later, Sunday 2025-03-16, rolled over to Monday
 * 2025-03-17 (D14, Civil Code Book 1 art. 1.7). Book XIX of the Code of Economic Law (law of
 * 4 May 2023) applies — the contract predates 2023-09-01, but the sum falls due after 2023-12-01.
 * (a) Paid on 2025-05-01 with no reminder ever sent: no late charge (held back: no free first
 * reminder). (b) A first reminder e-mailed on 2025-03-20 with the legal mentions: its 14 days run
 * 2025-03-21 … 2025-04-03; paid on 2025-05-01 → lump 5% = €127.20 (below the Book XIX cap of
 * €167.20), interest only beyond the first month of delay — 2025-04-17 to 2025-05-01, 14 days —
 * €4.88; €132.08 in all, outside VAT (damages, D10).
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { Money } from "@soltrace/rules"
import * as Scenario from "../Scenario.js"
import { contract, offer } from "./ContractFixtures.js"
import type { ContractHandle } from "./ContractFixtures.js"

/**
 * @since 0.1.0
 */
export const scenario = Scenario.make({
  id: "S8",
  name: "late-payment",
  title: "Late payment under Book XIX: the free first reminder, lump charge and interest",
  rules: ["WAL-5.4.2", "D8", "D14"],
  story:
    "Contract concluded 2023-01-10. Invoice of €2,544.00 received 2025-03-01 → 15 days → Sunday 2025-03-16 → due Monday " +
    "2025-03-17. Book XIX applies (the sum falls due after 2023-12-01). (a) Paid 2025-05-01, no reminder → no late charge. " +
    "(b) First reminder e-mailed 2025-03-20 (period 2025-03-21 … 2025-04-03); paid 2025-05-01 → lump 5% = €127.20; " +
    "interest beyond the first month, 2025-04-17 to 2025-05-01 = 14 days → 2,544.00 × 5% × 14/365 = €4.88. Total €132.08.",
  expected: {
    invoice: "€2,544.00",
    dueOn: "2025-03-17",
    withoutReminder: "€0.00",
    lumpCharge: "€127.20",
    interestDays: 14,
    interest: "€4.88",
    total: "€132.08"
  },
  run: (t) =>
    Effect.gen(function* () {
      const invoiced = (c: ContractHandle) =>
        Effect.gen(function* () {
          yield* c.send({
            _tag: "DraftContract",
            on: "2023-01-05",
            offer: offer({
              priceExclCents: 1_200_000,
              vatBp: 600,
              worksStartOn: "2025-05-19",
              worksEndOn: "2025-06-13"
            })
          })
          yield* c.send({ _tag: "SignOffer", on: "2023-01-05" })
          yield* c.send({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2023-01-10", offPremises: false })
          t.note(
            "The works are planned for spring 2025; the deposit, 20% of €12,720.00 incl. VAT, is invoiced.",
            "2025-02-27"
          )
          const issued = yield* c.send({
            _tag: "IssueInvoice",
            on: "2025-02-27",
            invoiceId: "INV-2025-017",
            milestone: "deposit"
          })
          const received = yield* c.send({ _tag: "RecordInvoiceReceived", on: "2025-03-01", invoiceId: "INV-2025-017" })
          const invoice = issued.events[0]?._tag === "InvoiceIssued" ? issued.events[0].amount : Money.incl(0)
          const due = received.events[0]?._tag === "InvoiceReceived" ? received.events[0].due.due : "none"
          return { invoice, due }
        })

      t.note("(a) No reminder is ever sent.")
      const a = contract(t, "no-reminder")
      const { invoice, due } = yield* invoiced(a)
      yield* a.send({ _tag: "RecordPayment", on: "2025-05-01", invoiceId: "INV-2025-017", amountCents: invoice.cents })
      const withoutReminder = yield* a.statement("2025-05-01")

      t.note("(b) A free first reminder with the legal mentions is e-mailed on 2025-03-20.")
      const b = contract(t, "reminded")
      yield* invoiced(b)
      yield* b.send({
        _tag: "SendReminder",
        on: "2025-03-20",
        invoiceId: "INV-2025-017",
        channel: "email",
        legalMentions: true
      })
      yield* b.send({ _tag: "RecordPayment", on: "2025-05-01", invoiceId: "INV-2025-017", amountCents: invoice.cents })
      const statement = yield* b.statement("2025-05-01")

      const lump = statement.lines.find((l) => l.kind === "late-charge" && l.rule === "WAL-5.4.2")
      const interest = statement.lines.find((l) => l.kind === "late-charge" && l.rule === "D8")
      const interestFigures =
        interest?.reasons.find((r) => r.rule === "D8" && r.figures["days"] !== undefined)?.figures ?? {}
      return Scenario.outcome({
        invoice: Money.format(invoice.cents),
        dueOn: due,
        withoutReminder: Money.format(withoutReminder.lateChargesCents),
        lumpCharge: Money.format(lump?.amount.cents ?? 0),
        interestDays: Number(interestFigures["days"] ?? 0),
        interest: Money.format(interest?.amount.cents ?? 0),
        total: Money.format(statement.lateChargesCents)
      })
    })
})
