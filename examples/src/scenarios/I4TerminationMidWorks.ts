/**
 * I4 — A customer terminating mid-works, and the amount owed (WAL-5.14.1, WAL-5.14.2).
 *
 * A €10,000.00 (excl. VAT) installation; the works start on 2025-06-02. On 2025-06-12 the customer
 * terminates by registered letter (WAL-5.14.1). A customer may terminate at any time (WAL-5.14.2),
 * owing the works done (€4,000.00), the expenses incurred (€600.00) and a lost profit of 10% of the
 * works not yet done (10% × €6,000.00 = €600.00): €5,200.00 as the rule counts it on the price
 * excl. VAT. D10 (revised 2026-12) puts each part on its basis: the works done and expenses are a
 * supply, owed incl. VAT at the contract's 6% (€4,876.00); the lost profit is damages, outside VAT
 * (€600.00); one net settlement: €5,476.00 owed by the customer. A first notice sent by ordinary
 * e-mail is refused: termination must be notified by registered letter.
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
  id: "I4",
  name: "termination-mid-works",
  title: "A customer terminating mid-works, and the amount owed",
  rules: ["WAL-5.14.1", "WAL-5.14.2"],
  story:
    "Price €10,000.00 excl. VAT; works started 2025-06-02. On 2025-06-12 the customer terminates: works done €4,000.00, " +
    "expenses €600.00, works not done €6,000.00. → owed €4,000.00 + €600.00 + 10% × €6,000.00 = €5,200.00 excl. VAT; " +
    "on their bases (D10): €4,876.00 incl. VAT for the works and expenses + €600.00 outside VAT = €5,476.00. " +
    "A notice by plain e-mail the day before is refused (WAL-5.14.1).",
  expected: {
    plainEmailRefused: "WAL-5.14.1",
    status: "Terminated",
    rule: "WAL-5.14.2",
    lostProfit: "€600.00",
    owedByCustomer: "€5,200.00",
    vat: "excl",
    statementTermination: "€4,240.00 incl. + €636.00 incl. + €600.00 outside",
    statementOwedByCustomer: "€4,876.00 incl. + €600.00 outside",
    settlement: "€5,476.00 owed by the customer"
  },
  run: (t) =>
    Effect.gen(function* () {
      const c = contract(t, "main")
      yield* c.send({ _tag: "DraftContract", on: "2025-05-02", offer: offer({ priceExclCents: 1_000_000 }) })
      yield* c.send({ _tag: "SignOffer", on: "2025-05-02" })
      yield* c.send({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-05-09", offPremises: false })
      yield* c.send({ _tag: "StartWorks", on: "2025-06-02" })
      yield* c.send({ _tag: "RecordPanelsDelivered", on: "2025-06-03" })

      const amounts = { worksDoneCents: 400_000, expensesCents: 60_000, worksNotDoneCents: 600_000 }
      t.note("The customer e-mails the installer that they stop the works.", "2025-06-11")
      const email = yield* c.refused({
        _tag: "TerminateByCustomer",
        on: "2025-06-11",
        ground: "at-will",
        byRegisteredLetter: false,
        ...amounts
      })
      t.note("The customer sends the termination by registered letter.", "2025-06-12")
      const terminated = yield* c.send({
        _tag: "TerminateByCustomer",
        on: "2025-06-12",
        ground: "at-will",
        byRegisteredLetter: true,
        ...amounts
      })
      const event = terminated.events.find((e) => e._tag === "ContractTerminated")
      const statement = yield* c.statement("2025-06-12")
      const state = yield* c.state

      const figures =
        event?._tag === "ContractTerminated" ? (event.reasons.find((r) => r.rule === "WAL-5.14.2")?.figures ?? {}) : {}
      const owed = event?._tag === "ContractTerminated" ? event.owedByCustomer : Money.excl(0)
      return Scenario.outcome({
        plainEmailRefused: email.reasons[0]?.rule ?? "none",
        status: state.status,
        rule: event?._tag === "ContractTerminated" ? event.rule : "none",
        lostProfit: Money.format(Number(figures["lostProfitCents"] ?? 0)),
        owedByCustomer: Money.format(owed.cents),
        vat: owed.vat,
        statementTermination: statement.lines
          .filter((l) => l.kind === "termination")
          .map((l) => `${Money.format(l.amount.cents)} ${l.amount.vat === "outside" ? "outside" : `${l.amount.vat}.`}`)
          .join(" + "),
        // D10: each amount on its basis, then one net settlement.
        statementOwedByCustomer: statement.owedByCustomer
          .map((a) => `${Money.format(a.cents)} ${a.vat === "outside" ? "outside" : `${a.vat}.`}`)
          .join(" + "),
        settlement: `${Money.format(statement.settlement.amountCents)} owed by the ${statement.settlement.owedBy}`
      })
    })
})
