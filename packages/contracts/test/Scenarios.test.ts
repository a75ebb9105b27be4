/**
 * Reference scenarios S4, S5, S7, S8 end to end: commands handled by the kernel's command handler
 * on the in-memory event store, the stream loaded back, then the statement and deadlines queried.
 */
import { expect, it } from "vitest"
import { Effect, Exit } from "effect"
import { CommandHandler, InMemoryEventStore } from "@soltrace/core"
import type { EventStore } from "@soltrace/core"
import { Money, PaymentSchedule } from "@soltrace/rules"
import { Contract, Deadlines, Statement } from "../src/index.js"
import type { Terms } from "../src/index.js"
import * as F from "./fixtures.js"

const run = <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore>) =>
  Effect.runPromise(Effect.provide(effect, InMemoryEventStore.layer))

/** Handles the commands in order on stream `contract-<id>`; returns the state loaded back from the store. */
const handleAll = (id: string, commands: ReadonlyArray<Contract.Command>, policy = Contract.defaultPolicy) =>
  Effect.gen(function* () {
    const aggregate = Contract.aggregate(policy)
    let n = 0
    for (const command of commands) {
      yield* CommandHandler.handle(aggregate, Contract.streamId(id), command, { commandId: `${id}-${n++}` })
    }
    return (yield* CommandHandler.load(aggregate, Contract.streamId(id))).state
  })

it('S4 (WAL-2.4.3, WAL-5.4.1, D4, D10): €12,720.00 incl. VAT invoiced 2,544 / 2,544 / 2,544 / 5,088 under "both"', async () => {
  const commands: Array<Contract.Command> = [
    ...F.ordered(),
    { _tag: "IssueInvoice", on: "2025-04-02", invoiceId: "F1", milestone: "deposit" },
    { _tag: "StartWorks", on: "2025-06-02" },
    { _tag: "RecordPanelsDelivered", on: "2025-06-03" },
    { _tag: "IssueInvoice", on: "2025-06-03", invoiceId: "F2", milestone: "siteOpening" },
    { _tag: "CompleteWorks", on: "2025-06-27" },
    { _tag: "RecordInspectionAccepted", on: "2025-07-10" },
    { _tag: "IssueInvoice", on: "2025-07-10", invoiceId: "F3", milestone: "acceptance" },
    { _tag: "DeliverAdministrativeFile", on: "2025-07-20" },
    { _tag: "IssueInvoice", on: "2025-07-20", invoiceId: "F4", milestone: "administrativeFile" }
  ]
  const state = await run(handleAll("s4", commands))
  expect(state.invoices.map((i) => [i.milestone, i.amount.cents, i.amount.vat])).toEqual([
    ["deposit", 254_400, "incl"],
    ["siteOpening", 254_400, "incl"],
    ["acceptance", 254_400, "incl"],
    ["administrativeFile", 508_800, "incl"]
  ])
  const s = Statement.statement(state, "2025-07-20")
  expect([s.invoicedCents, s.owedByCustomer]).toEqual([1_272_000, [Money.incl(1_272_000)]])
})

it('S4 (D4): a 30% deposit breaks WAL-2.4.3 and so "both", but not WAL-5.4.1', async () => {
  const schedule: PaymentSchedule.Schedule = {
    deposit: 3000,
    afterPanels: { siteOpening: 2000, siteClosing: 0 },
    acceptance: 2000,
    administrativeFile: 3000
  }
  const sign = (capPolicy: PaymentSchedule.CapPolicy) =>
    run(handleAll(`s4-${capPolicy}`, F.offered({ ...F.offer, schedule, capPolicy }))).then(
      () => "signed",
      (e: Contract.ContractRefused) => F.rulesOf(e)
    )
  expect(await sign("both")).toEqual(["WAL-2.4.3"])
  expect(await sign("offer-template")).toEqual(["WAL-2.4.3"])
  expect(await sign("general-conditions")).toBe("signed")
})

it("S5 (WAL-5.7.1, WAL-5.7.2, D11): end pushed to 2025-07-03, 17 days late, €595 capped at €500.00", async () => {
  const o: Terms.Offer = { ...F.offer, priceExclCents: 500_000, schedule: PaymentSchedule.build(530_000).schedule }
  const commands: Array<Contract.Command> = [
    ...F.ordered(o),
    { _tag: "StartWorks", on: "2025-06-02" },
    { _tag: "RecordPanelsDelivered", on: "2025-06-03" },
    { _tag: "RecordBadWeatherDay", on: "2025-06-10" },
    { _tag: "RecordBadWeatherDay", on: "2025-06-11" },
    { _tag: "RecordBadWeatherDay", on: "2025-06-11" },
    { _tag: "RecordBadWeatherDay", on: "2025-06-20" },
    { _tag: "CompleteWorks", on: "2025-07-20" }
  ]
  const state = await run(handleAll("s5", commands))
  const completed = Statement.delayPenalty(state, "2025-07-20")
  expect(completed?.value.pushedEnd).toBe("2025-07-03")
  expect(completed?.value.delayDays).toBe(17)
  expect(completed?.value.uncappedCents).toBe(59_500)
  const s = Statement.statement(state, "2025-07-20")
  expect(s.delayPenaltyCents).toBe(50_000)
  expect(s.lines.find((l) => l.kind === "delay-penalty")).toMatchObject({
    rule: "WAL-5.7.2",
    amount: { cents: 50_000, vat: "outside" }
  })
  // D10: the penalty is damages, owed outside VAT; nothing is labelled incl. VAT.
  expect([s.owedByInstaller, s.owedByCustomer]).toEqual([[{ cents: 50_000, vat: "outside" }], []])
})

it("S7 (WAL-4c, D7 revised, D14): 14 days from the delivery — 2025-05-26 in time, 2025-05-27 too late", async () => {
  // Before D7 was revised the days ran from the order (last day 2025-04-15); the law counts them
  // from the delivery of the goods (Code of Economic Law Book VI, art. VI.47 for sales).
  const order: Array<Contract.Command> = [
    ...F.offered(),
    { _tag: "PlaceOrder", on: "2025-04-01", concludedBy: "off-premises", withdrawalInformation: "legal" },
    { _tag: "RecordGoodsDelivered", on: "2025-05-12", lastPart: true }
  ]
  const state = await run(handleAll("s7", [...order, { _tag: "Withdraw", on: "2025-05-26" }]))
  expect(state.status).toBe("Withdrawn")
  const exit = await Effect.runPromiseExit(
    Effect.provide(handleAll("s7-late", [...order, { _tag: "Withdraw", on: "2025-05-27" }]), InMemoryEventStore.layer)
  )
  expect(Exit.isFailure(exit)).toBe(true)
  const right = (policy?: Contract.Policy) =>
    Deadlines.deadlines(Contract.replay(F.play(order)), "2025-05-12", policy).find(
      (d) => d.rule === "D7" && d.kind === "right"
    )
  expect(right()).toMatchObject({ due: "2025-05-26", status: "open", party: "customer" })
  expect(right(Contract.policy({ withdrawalStart: "order" }))?.due).toBe("2025-04-15")
  expect(right(Contract.policy({ withdrawalStart: "order", withdrawalDays: 7 }))?.due).toBe("2025-04-08")
})

it("S8 (WAL-5.4.2, D8 revised, D14): Book XIX for a 2023 contract — (a) no reminder, no charge; (b) a reminder → €127.20 + €4.88", async () => {
  // Before D8 was revised: €127.20 + €16.03 with no reminder ever sent, due date 2025-03-16 not rolled over.
  const commands: Array<Contract.Command> = [
    { _tag: "DraftContract", on: "2023-01-02", offer: F.offer },
    { _tag: "SignOffer", on: "2023-01-03" },
    { _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2023-01-10", offPremises: false },
    { _tag: "IssueInvoice", on: "2025-02-27", invoiceId: "F1", milestone: "deposit" },
    { _tag: "RecordInvoiceReceived", on: "2025-03-01", invoiceId: "F1" }
  ]
  const paid: Contract.Command = { _tag: "RecordPayment", on: "2025-05-01", invoiceId: "F1", amountCents: 254_400 }
  // (a) Paid 2025-05-01, no reminder ever sent → no late charge (held back: no free first reminder).
  const a = await run(handleAll("s8a", [...commands, paid]))
  const sa = Statement.statement(a, "2025-05-01")
  expect([sa.lateChargesCents, sa.settlement.owedBy]).toEqual([0, "nobody"])
  const due = Deadlines.deadlines(a, "2025-05-01").find((d) => d.what === "pay invoice F1")
  // 15 days → Sunday 2025-03-16, rolled over to Monday 2025-03-17 (D14), and the deadline says so.
  expect(due).toMatchObject({ due: "2025-03-17", rolledFrom: "2025-03-16", doneOn: "2025-05-01", status: "missed" })
  // (b) A first reminder e-mailed 2025-03-20 with the legal mentions: its period runs 2025-03-21 … 2025-04-03.
  const b = await run(
    handleAll("s8b", [
      ...commands,
      { _tag: "SendReminder", on: "2025-03-20", invoiceId: "F1", channel: "email", legalMentions: true },
      paid
    ])
  )
  const sb = Statement.statement(b, "2025-05-01")
  expect(sb.lines.filter((l) => l.kind === "late-charge").map((l) => [l.rule, l.cents, l.amount.vat])).toEqual([
    ["WAL-5.4.2", 12_720, "outside"], // 5% lump, below the Book XIX cap of €167.20
    ["D8", 488, "outside"] // 2,544.00 × 5% × 14/365: 2025-04-17 (due + 1 month) → 2025-05-01
  ])
  expect(sb.settlement).toMatchObject({ owedBy: "customer", amountCents: 13_208 })
  const grace = Deadlines.deadlines(b, "2025-04-01").find((d) => d.rule === "D8")
  expect(grace).toMatchObject({ due: "2025-04-03", kind: "right", status: "open" })
})
