/**
 * Model-based test of the whole lifecycle (fast-check `fc.commands`): random sequences of contract
 * commands, each dated a few days after the previous one, run against the decider. After every
 * step:
 * - the statement balances per basis (incl., excl., outside VAT), and its one net settlement is
 *   everything owed − paid + refunded, to the cent (D8, D10, D11);
 * - no invoice ever asks more than its milestone's share of the schedule, nor the invoices more
 *   than the total incl. VAT (WAL-2.4.3, WAL-5.4.1, D4), and nothing is paid beyond what was invoiced;
 * - once the contract has ended, only the settlement of its accounts is accepted (WAL-1.3, D8, D10).
 * The decider laws of `@soltrace/core/testing` are checked too (determinism, fold, replay through
 * the store with the codec, idempotent retries).
 */
import assert from "node:assert/strict"
import { describe, it } from "vitest"
import * as fc from "fast-check"
import { deciderLaws } from "@soltrace/core/testing"
import { Calendar, Holidays, PaymentSchedule } from "@soltrace/rules"
import { Contract, Deadlines, Statement, Terms } from "../src/index.js"
import type { Real } from "./arbitraries.js"
import { commandArbs } from "./arbitraries.js"
import * as F from "./fixtures.js"

const checkInvariants = (state: Contract.State, asOf: string) => {
  const s = Statement.statement(state, asOf)
  // D10: one balance per basis (incl., excl., outside VAT); each basis' lines add up to its net.
  for (const vat of ["incl", "excl", "outside"] as const) {
    const b = s.balances[vat]
    assert.equal(
      s.lines.filter((l) => l.amount.vat === vat).reduce((a, l) => a + l.cents, 0),
      b.netCents,
      `lines add up to the net (${vat})`
    )
    assert.equal(b.owedByCustomer.cents - b.owedByInstaller.cents, b.netCents)
    assert.ok(b.owedByCustomer.cents >= 0 && b.owedByInstaller.cents >= 0)
    assert.ok(b.owedByCustomer.vat === vat && b.owedByInstaller.vat === vat, "owed amounts carry their basis")
  }
  // D10: one net settlement: everything owed on every basis − paid + refunded = Σ lines, to the cent.
  const { settlement } = s
  assert.equal(
    settlement.netCents,
    s.lines.reduce((a, l) => a + l.cents, 0),
    "D10: the settlement is every line"
  )
  assert.equal(settlement.owedCents - settlement.paidCents + settlement.refundedCents, settlement.netCents)
  assert.equal(settlement.amountCents, Math.abs(settlement.netCents))
  // D10: damages are outside VAT; supplies, payments and refunds incl. VAT.
  for (const l of s.lines) {
    if (l.kind === "late-charge" || l.kind === "delay-penalty" || l.kind === "rescission")
      assert.equal(l.amount.vat, "outside", `${l.kind} is outside VAT`)
    if (l.kind === "invoice" || l.kind === "credit-note" || l.kind === "payment" || l.kind === "refund")
      assert.equal(l.amount.vat, "incl", `${l.kind} is incl. VAT`)
  }
  // D7: after a withdrawal or a voided contract nothing is owed by the customer.
  if (Contract.isEnded(state) && (state.withdrawnOn !== undefined || state.voidedOn !== undefined))
    assert.ok(settlement.netCents <= 0, "D7/D10: after a withdrawal the customer owes nothing")
  for (const owed of [s.owedByCustomer, s.owedByInstaller]) {
    assert.ok(
      owed.every((a) => a.cents > 0),
      "only non-zero balances are listed as owed"
    )
    assert.equal(new Set(owed.map((a) => a.vat)).size, owed.length, "at most one amount per basis")
  }
  assert.ok(s.lateChargesCents >= 0 && s.delayPenaltyCents >= 0)
  // D14: no last day of a Walloon limit counted from an event (from 2023-01-01) is a Saturday, a
  // Sunday or a Belgian legal holiday; the works' dates (fixed by the parties) and the warranty
  // covers (periods of coverage) never roll over.
  for (const d of Deadlines.deadlines(state, asOf)) {
    // (and a refund held back until the goods were collected is due on the collection day, D7)
    const fixed =
      d.rule === "WAL-2.5" ||
      d.rule === "WAL-5.7.1" ||
      d.what.startsWith("claim for a") ||
      (d.because?.startsWith("the goods were collected") ?? false)
    if (!fixed && d.due >= "2023-01-01")
      assert.ok(Holidays.isWorkingDay(d.due), `D14: ${d.rule} ${d.what} ends on a closed day ${d.due}`)
  }
  const offer = state.offer
  if (offer === undefined) return
  const total = Terms.totalIncl(offer).cents
  // D4: every milestone invoice stays within the caps of the offer's policy (WAL-2.4.3 and/or WAL-5.4.1).
  const caps = PaymentSchedule.capsOf(Terms.capPolicyOf(offer))
  const capCents = (...ms: ReadonlyArray<PaymentSchedule.Cap["milestone"]>) =>
    Math.min(...caps.filter((c) => ms.includes(c.milestone)).map((c) => Math.floor((total * c.capBp) / 10_000)))
  const invoiced = (m: Contract.Milestone) =>
    state.invoices.filter((i) => i.milestone === m).reduce((a, i) => a + i.amount.cents, 0)
  assert.ok(invoiced("deposit") <= capCents("deposit"), "deposit within its cap")
  assert.ok(
    invoiced("siteOpening") <= capCents("afterPanels.siteOpening", "afterPanels"),
    "site opening within its cap"
  )
  assert.ok(
    invoiced("siteClosing") <= capCents("afterPanels.siteClosing", "afterPanels"),
    "site closing within its cap"
  )
  assert.ok(invoiced("siteOpening") + invoiced("siteClosing") <= capCents("afterPanels"), "after-panels within its cap")
  assert.ok(invoiced("acceptance") <= capCents("acceptance"), "acceptance within its cap")
  for (const invoice of state.invoices) assert.ok(Contract.outstanding(invoice) >= 0, "never paid beyond the invoice")
  assert.ok(
    state.invoices.filter((i) => i.milestone !== "final").reduce((a, i) => a + i.amount.cents, 0) <= total,
    "WAL-5.3: never more than the total incl. VAT"
  )
  // The penalty never exceeds 10% of the price excl. VAT (WAL-5.7.2).
  assert.ok(s.delayPenaltyCents <= Math.round(Terms.priceExcl(offer).cents / 10) + 1)
}

describe("Contract lifecycle (model-based)", () => {
  it("WAL-1.3/D4/D8/D10/D11: the statement balances, caps hold, after an end only the accounts are settled", () => {
    let longest = 0
    const reached = new Set<Contract.Status>()
    fc.assert(
      fc.property(fc.commands(commandArbs, { maxCommands: 80, size: "large" }), (cmds) => {
        const real: Real = {
          today: "2025-01-01",
          state: Contract.initialState,
          accepted: 0,
          observe: (_b, _c, after, _a, today) => checkInvariants(after, today)
        }
        fc.modelRun(() => ({ model: {}, real }), cmds)
        longest = Math.max(longest, real.accepted)
        reached.add(real.state.status)
      }),
      { numRuns: 120 }
    )
    // The generator does reach deep into the lifecycle.
    assert.ok(longest >= 12, `longest accepted run: ${longest}`)
    assert.ok(reached.has("Completed"), `no run completed: ${[...reached].join(", ")}`)
    assert.ok(
      Contract.terminalStatuses.some((t) => reached.has(t)),
      `no run ended terminal: ${[...reached].join(", ")}`
    )
  }, 60_000)

  it("a guided run reaches every status without breaking an invariant", () => {
    const seen = new Set<Contract.Status>()
    const runs: ReadonlyArray<ReadonlyArray<Contract.Command>> = [
      [...F.filed],
      [...F.ordered(F.offer, true), { _tag: "Withdraw", on: "2025-04-02" }],
      [
        ...F.offered(),
        {
          _tag: "PlaceOrder",
          withdrawalInformation: "legal",
          on: "2025-04-01",
          offPremises: false,
          loan: { maxAmountCents: 1 }
        },
        { _tag: "RecordLoanRefused", on: "2025-04-02", refusalCertificate: true }
      ],
      [
        ...F.completed,
        { _tag: "RecordInspectionRefused", on: "2025-07-01" },
        {
          _tag: "TerminateByCustomer",
          on: "2025-07-02",
          ground: "at-will",
          byRegisteredLetter: true,
          worksDoneCents: 1,
          expensesCents: 1,
          worksNotDoneCents: 1
        }
      ],
      [
        ...F.ordered(),
        {
          _tag: "SendFormalNotice",
          on: "2025-06-10",
          by: "customer",
          breach: "b",
          byRegisteredLetter: true,
          citesArticle: true
        },
        { _tag: "Rescind", on: "2025-07-01", byRegisteredLetter: true }
      ]
    ]
    for (const cmds of runs) {
      let state = Contract.initialState
      seen.add(state.status)
      for (const e of F.play(cmds)) {
        state = Contract.evolve(state, e)
        seen.add(state.status)
        checkInvariants(state, e.on)
      }
    }
    assert.deepEqual(
      [...Contract.statuses].filter((s) => !seen.has(s)),
      []
    )
  })
})

const lawCommand: fc.Arbitrary<Contract.Command> = fc.oneof(
  ...commandArbs.map((a) => a.map((s) => s.make(Calendar.addDays("2025-03-01", s.gap * 3), Contract.initialState)))
)

deciderLaws(
  "Contract",
  Contract.decider,
  { command: lawCommand },
  { codec: Contract.codec, numRuns: 50, maxCommands: 25 }
)

describe("as of a past date", () => {
  it("the statement and the deadlines of the state as of a date equal those of today's state evaluated at that date", () => {
    fc.assert(
      fc.property(
        fc.commands(commandArbs, { maxCommands: 50, size: "large" }),
        fc.array(fc.nat(400), { minLength: 1, maxLength: 4 }),
        (cmds, offsets) => {
          const events: Array<Contract.Event> = []
          const real: Real = {
            today: "2025-01-01",
            state: Contract.initialState,
            accepted: 0,
            observe: () => undefined,
            events
          }
          fc.modelRun(() => ({ model: {}, real }), cmds)
          const now = Contract.replay(events)
          for (const offset of offsets) {
            const d = Calendar.addDays("2025-01-01", offset)
            const then = Contract.asOf(events, d)
            assert.deepEqual(Statement.statement(then, d), Statement.statement(now, d), `statement as of ${d}`)
            assert.deepEqual(Deadlines.deadlines(then, d), Deadlines.deadlines(now, d), `deadlines as of ${d}`)
          }
        }
      ),
      { numRuns: 150 }
    )
  }, 60_000)
})
