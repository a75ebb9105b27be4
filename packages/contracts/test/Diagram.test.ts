/**
 * The lifecycle diagram of docs/contracts/Contract.md matches the decider (WAL-1.3):
 * - soundness: every status change the decider makes in random lifecycles is a drawn edge;
 * - completeness: every drawn edge is made by the decider from a reachable state.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import assert from "node:assert/strict"
import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Result } from "effect"
import { Calendar } from "@soltrace/rules"
import { Contract } from "../src/index.js"
import type { Terms } from "../src/index.js"
import type { Real } from "./arbitraries.js"
import { commandArbs } from "./arbitraries.js"
import * as F from "./fixtures.js"

const page = fs.readFileSync(path.resolve(import.meta.dirname, "../../../docs/contracts/Contract.md"), "utf8")
const mermaid = /```mermaid\n([\s\S]*?)```/.exec(page)?.[1] ?? ""

type Edge = `${string} -${string}-> ${string}`
const edgeKey = (from: string, command: string, to: string): Edge => `${from} -${command}-> ${to}`

const drawn = new Set<Edge>()
for (const line of mermaid.split("\n")) {
  const m = /^\s*(\[\*\]|\w+) --> (\[\*\]|\w+)(?: : (.+))?$/.exec(line)
  if (m === null || m[2] === "[*]") continue
  const from = m[1] === "[*]" ? "Empty" : m[1]!
  for (const command of (m[3] ?? "").split(",").map((c) => c.trim())) drawn.add(edgeKey(from, command, m[2]!))
}

describe("the lifecycle diagram (docs/contracts/Contract.md)", () => {
  it("parses into edges between known statuses and commands", () => {
    expect(drawn.size).toBeGreaterThan(20)
    const commands = new Set<string>(Object.keys(Contract.Command.cases))
    for (const e of drawn) {
      const [from, rest] = e.split(" -")
      const [command, to] = rest!.split("-> ")
      expect(Contract.statuses).toContain(from)
      expect(Contract.statuses).toContain(to)
      expect(commands.has(command!), `unknown command ${command}`).toBe(true)
    }
  })

  it("WAL-1.3: every status change the decider makes is drawn (random lifecycles)", () => {
    const made = new Set<Edge>()
    fc.assert(
      fc.property(fc.commands(commandArbs, { maxCommands: 60, size: "large" }), (cmds) => {
        const real: Real = {
          today: "2025-01-01",
          state: Contract.initialState,
          accepted: 0,
          observe: (before, command, after, accepted) => {
            if (accepted && before.status !== after.status) made.add(edgeKey(before.status, command._tag, after.status))
          }
        }
        fc.modelRun(() => ({ model: {}, real }), cmds)
      }),
      { numRuns: 150 }
    )
    const undrawn = [...made].filter((e) => !drawn.has(e))
    expect(undrawn).toEqual([])
  }, 60_000)

  it("WAL-1.3: every drawn edge is made by the decider", () => {
    const loanOrder: Contract.Command = {
      _tag: "PlaceOrder",
      withdrawalInformation: "legal",
      on: "2025-04-01",
      offPremises: true,
      loan: { maxAmountCents: 500_000 }
    }
    const studies: Terms.Offer = { ...F.offer, studies: [{ subject: "roof", description: "stability" }] }
    const proposed = (h: ReadonlyArray<Contract.Command>, on: string): Array<Contract.Command> => [
      ...h,
      { _tag: "ProposeSubstitution", on, component: "panel", replacement: "panel+" }
    ]
    const uninformedOrder: Array<Contract.Command> = [
      ...F.offered(),
      { _tag: "PlaceOrder", on: "2025-04-01", concludedBy: "off-premises", withdrawalInformation: "none" }
    ]
    const works: ReadonlyArray<Contract.Command> = F.filed.slice(F.ordered().length)
    const uninformed = [1, 2, 3, 4, 5].map((n) => [...uninformedOrder, ...works.slice(0, n)])
    uninformed.push([...uninformedOrder, ...works.slice(0, 3), { _tag: "RecordInspectionRefused", on: "2025-07-01" }])
    const histories: ReadonlyArray<ReadonlyArray<Contract.Command>> = [
      [],
      F.drafted(),
      F.offered(),
      F.offered(studies),
      [...F.offered(), loanOrder],
      F.ordered(studies, true),
      F.ordered(studies, false),
      F.ordered(),
      // D7: off premises without the legal information — the right stays open for a year, in every state.
      ...uninformed,
      F.ordered(F.offer, true),
      proposed(F.ordered(F.offer, true), "2025-04-02"),
      [...F.ordered(F.offer, true), { _tag: "StartWorks", on: "2025-04-03" }],
      proposed([...F.ordered(F.offer, true), { _tag: "StartWorks", on: "2025-04-03" }], "2025-04-04"),
      F.delivered,
      F.completed,
      [...F.completed, { _tag: "RecordInspectionRefused", on: "2025-07-01" }],
      F.accepted,
      F.filed
    ]
    const candidates = (on: string): ReadonlyArray<Contract.Command> => [
      { _tag: "DraftContract", on, offer: F.offer },
      { _tag: "SignOffer", on },
      { _tag: "PlaceOrder", withdrawalInformation: "legal", on, offPremises: false },
      { _tag: "PlaceOrder", withdrawalInformation: "legal", on, offPremises: false, loan: { maxAmountCents: 1 } },
      { _tag: "Withdraw", on },
      { _tag: "RecordLoanObtained", on },
      { _tag: "RecordLoanRefused", on, refusalCertificate: true },
      { _tag: "RecordLoanPreventedByCustomer", on },
      { _tag: "RecordLoanPeriodLapsed", on },
      { _tag: "ConcludeStudies", on, requiredWorksCents: 0 },
      { _tag: "ConcludeStudies", on, requiredWorksCents: 1_000_000 },
      { _tag: "StartWorks", on },
      { _tag: "CompleteWorks", on },
      { _tag: "RecordInspectionAccepted", on },
      { _tag: "RecordInspectionRefused", on },
      { _tag: "RecordConformityRestored", on },
      { _tag: "DeliverAdministrativeFile", on },
      { _tag: "RefuseSubstitution", on, byRegisteredLetter: true, worksDoneCents: 0, expensesCents: 0 },
      {
        _tag: "TerminateByCustomer",
        on,
        ground: "at-will",
        byRegisteredLetter: true,
        worksDoneCents: 0,
        expensesCents: 0,
        worksNotDoneCents: 0
      },
      {
        _tag: "TerminateByInstaller",
        on,
        byRegisteredLetter: true,
        customerRefusedIndispensableWorks: true,
        costsCents: 0,
        materialsUsedCents: 0
      },
      { _tag: "Rescind", on, byRegisteredLetter: true },
      { _tag: "Rescind", on, byRegisteredLetter: true, worksDone: { _tag: "Removed" } }
    ]
    const made = new Set<Edge>()
    const tryFrom = (events: ReadonlyArray<Contract.Event>) => {
      const state = Contract.replay(events)
      const last = state.lastOn ?? "2025-03-01"
      for (const gap of [0, 1, 60]) {
        for (const command of candidates(Calendar.addDays(last, gap))) {
          const r = Contract.decider.decide(command, state)
          if (Result.isSuccess(r)) {
            const after = Contract.replay([...events, ...r.success])
            if (after.status !== state.status) made.add(edgeKey(state.status, command._tag, after.status))
          }
        }
      }
    }
    for (const h of histories) {
      const events = F.play(h)
      tryFrom(events)
      // The same state with a formal notice unanswered for 20 days, for the rescission edges.
      const state = Contract.replay(events)
      if (!Contract.isEnded(state) && state.order !== undefined) {
        tryFrom(
          F.play(
            [
              {
                _tag: "SendFormalNotice",
                on: state.lastOn ?? "2025-04-01",
                by: "customer",
                breach: "b",
                byRegisteredLetter: true,
                citesArticle: true
              }
            ],
            events
          )
        )
      }
    }
    const missing = [...drawn].filter((e) => !made.has(e))
    assert.deepEqual(missing, [])
  })
})
