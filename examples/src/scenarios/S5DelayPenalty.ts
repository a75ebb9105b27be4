/**
 * S5 — Delay penalty with bad weather and a cap (WAL-5.7.1, WAL-5.7.2, D11).
 *
 * The works start on 2025-06-02 for an agreed end on 2025-06-30. The IRM records bad weather on
 * 2025-06-10, 2025-06-11 (recorded twice: it counts once) and 2025-06-20: the end moves to
 * 2025-07-03. The works are completed on 2025-07-20: 17 days late. At €35 a day that is €595,
 * above the cap of 10% of the €5,000.00 price excl. VAT: the installer owes €500.00, which the
 * statement deducts from what the customer owes.
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
  id: "S5",
  name: "delay-penalty",
  title: "Delay penalty with bad weather and a cap",
  rules: ["WAL-5.7.1", "WAL-5.7.2", "D11"],
  story:
    "Works started 2025-06-02, agreed end 2025-06-30; bad-weather days recorded on 2025-06-10, 2025-06-11 and 2025-06-20 " +
    "(2025-06-11 recorded twice). Works completed 2025-07-20. Price €5,000.00 excl. VAT. → end pushed to 2025-07-03; " +
    "delay 17 days; 17 × €35 = €595 > cap €500 → penalty €500.00.",
  expected: {
    pushedEnd: "2025-07-03",
    delayDays: 17,
    uncapped: "€595.00",
    cap: "€500.00",
    penalty: "€500.00",
    vat: "outside"
  },
  run: (t) =>
    Effect.gen(function* () {
      const c = contract(t, "main")
      yield* c.send({
        _tag: "DraftContract",
        on: "2025-05-02",
        offer: offer({ priceExclCents: 500_000, worksStartOn: "2025-06-02", worksEndOn: "2025-06-30" })
      })
      yield* c.send({ _tag: "SignOffer", on: "2025-05-02" })
      yield* c.send({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-05-09", offPremises: false })
      yield* c.send({ _tag: "StartWorks", on: "2025-06-02" })
      yield* c.send({ _tag: "RecordPanelsDelivered", on: "2025-06-03" })
      t.note(
        "WAL-5.7.1: the IRM records bad weather; the installer records each day (one of them twice).",
        "2025-06-10"
      )
      for (const on of ["2025-06-10", "2025-06-11", "2025-06-11", "2025-06-20"]) {
        yield* c.send({ _tag: "RecordBadWeatherDay", on })
      }
      const completed = yield* c.send({ _tag: "CompleteWorks", on: "2025-07-20" })
      const statement = yield* c.statement("2025-07-20")

      const done = completed.events.find((e) => e._tag === "WorksCompleted")
      const penaltyLine = statement.lines.find((l) => l.kind === "delay-penalty")
      const figures = penaltyLine?.reasons.find((r) => r.rule === "WAL-5.7.2")?.figures ?? {}
      return Scenario.outcome({
        pushedEnd: done?._tag === "WorksCompleted" ? done.pushedEnd : "none",
        delayDays: done?._tag === "WorksCompleted" ? done.delayDays : 0,
        uncapped: Money.format(Number(figures["uncappedCents"] ?? 0)),
        cap: Money.format(Number(figures["capCents"] ?? 0)),
        penalty: Money.format(statement.delayPenaltyCents),
        vat: penaltyLine?.amount.vat ?? "none"
      })
    })
})
