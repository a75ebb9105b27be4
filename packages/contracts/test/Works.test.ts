/**
 * D11 (revised 2026-12): WAL-5.7.1 pushes « les dates de début et de fin »; every figure (pushed
 * start, pushed end, delay days, penalty) is computed from all recorded facts when asked, so a fact
 * recorded later never leaves two answers. WAL-5.4.3 (no access, electricity or information) is a
 * suspension; WAL-5.11 assignment with written consent.
 */
import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Result } from "effect"
import { Calendar, Qualiwatt } from "@soltrace/rules"
import { DeciderSpec } from "@soltrace/core/testing"
import { Contract, Deadlines, Statement } from "../src/index.js"
import * as F from "./fixtures.js"

const spec = DeciderSpec.for(Contract.decider)
const given = (commands: ReadonlyArray<Contract.Command>) => spec.given(F.play(commands))
const stateOf = (commands: ReadonlyArray<Contract.Command>) => Contract.replay(F.play(commands))

describe("D11: the start is pushed too", () => {
  // Agreed start Monday 2025-06-02, end 2025-06-30 (F.offer); bad weather 06-02 and 06-03.
  const weather: Array<Contract.Command> = [
    ...F.ordered(),
    { _tag: "RecordBadWeatherDay", on: "2025-06-02" },
    { _tag: "RecordBadWeatherDay", on: "2025-06-03" }
  ]
  it("D11/WAL-5.7.1: start on 2025-06-04 after two bad-weather days is on time (before: a late start)", () => {
    given(weather)
      .when({ _tag: "StartWorks", on: "2025-06-04" })
      .then([{ _tag: "WorksStarted", on: "2025-06-04", late: false }])
    const s = stateOf([...weather, { _tag: "StartWorks", on: "2025-06-04" }])
    expect(Contract.worksDates(s, "2025-06-04")).toMatchObject({ pushedStart: "2025-06-04", end: "2025-07-02" })
  })

  it("D11/WAL-5.7.2: completed on the pushed end 2025-07-02 → no penalty (before: €70 charged)", () => {
    const s = stateOf([
      ...weather,
      { _tag: "StartWorks", on: "2025-06-04" },
      { _tag: "RecordPanelsDelivered", on: "2025-06-05" },
      { _tag: "CompleteWorks", on: "2025-07-02" }
    ])
    expect(Statement.statement(s, "2025-07-02").delayPenaltyCents).toBe(0)
    expect(Deadlines.deadlines(s, "2025-07-02").find((d) => d.rule === "WAL-2.5")).toMatchObject({
      due: "2025-06-04",
      status: "met"
    })
  })

  it("D11: a start after the pushed start is still late", () => {
    given(weather)
      .when({ _tag: "StartWorks", on: "2025-06-05" })
      .then([{ _tag: "WorksStarted", on: "2025-06-05", late: true }])
  })

  it("D11: a bad-weather day on a Saturday does not push by default (working days only)", () => {
    const s = stateOf([...F.ordered(), { _tag: "RecordBadWeatherDay", on: "2025-06-07" }])
    expect(Contract.worksDates(s, "2025-06-08")?.end).toBe("2025-06-30")
  })
})

describe("D11: one answer, whenever a fact is recorded", () => {
  const works: Array<Contract.Command> = [
    ...F.ordered(),
    { _tag: "StartWorks", on: "2025-06-02" },
    { _tag: "RecordPanelsDelivered", on: "2025-06-03" }
  ]
  it("D11: a bad-weather day recorded after the completion gives the same figures as one recorded before (before: frozen at completion)", () => {
    const before = stateOf([
      ...works,
      { _tag: "RecordBadWeatherDay", on: "2025-06-10" },
      { _tag: "CompleteWorks", on: "2025-07-10" }
    ])
    const after = stateOf([
      ...works,
      { _tag: "CompleteWorks", on: "2025-07-10" },
      { _tag: "RecordBadWeatherDay", on: "2025-06-10" }
    ])
    const figures = (s: Contract.State) => {
      const st = Statement.statement(s, "2025-07-31")
      return [st.delayPenaltyCents, Contract.worksDates(s, "2025-07-31")?.end, st.settlement.netCents]
    }
    expect(figures(after)).toEqual(figures(before))
    // 2025-06-30 + 1 day → 2025-07-01; completed 2025-07-10: 9 days × €35 = €315.00.
    expect(figures(after)[0]).toBe(31_500)
  })

  it("D11: recording the bad-weather days and a suspension in any order gives the same figures (property)", () => {
    const day = fc.integer({ min: 0, max: 27 }).map((n) => Calendar.addDays("2025-06-02", n))
    fc.assert(
      fc.property(
        fc.uniqueArray(day, { maxLength: 8 }),
        fc.func(fc.boolean()),
        fc.integer({ min: 0, max: 40 }),
        (days, recordLate, completionGap) => {
          const completeOn = Calendar.addDays("2025-06-30", completionGap)
          const early = days.filter((d, i) => !recordLate(d, i))
          const late = days.filter((d, i) => recordLate(d, i))
          const inOrder = stateOf([
            ...works,
            ...days.toSorted().map((on): Contract.Command => ({ _tag: "RecordBadWeatherDay", on })),
            { _tag: "CompleteWorks", on: completeOn }
          ])
          const shuffled = stateOf([
            ...works,
            ...early.map((on): Contract.Command => ({ _tag: "RecordBadWeatherDay", on })),
            { _tag: "CompleteWorks", on: completeOn },
            ...late.map((on): Contract.Command => ({ _tag: "RecordBadWeatherDay", on }))
          ])
          const at = Calendar.addDays(completeOn, 5)
          expect(Statement.statement(shuffled, at)).toEqual(Statement.statement(inOrder, at))
          expect(Contract.worksDates(shuffled, at)).toEqual(Contract.worksDates(inOrder, at))
          expect(Deadlines.deadlines(shuffled, at)).toEqual(Deadlines.deadlines(inOrder, at))
        }
      )
    )
  })

  it("D11: the pushed start is never after the pushed end (property)", () => {
    const day = fc.integer({ min: -5, max: 40 }).map((n) => Calendar.addDays("2025-06-02", n))
    fc.assert(
      fc.property(
        fc.uniqueArray(day, { maxLength: 10 }),
        fc.option(fc.record({ from: day, length: fc.integer({ min: 1, max: 20 }) }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        (days, suspension, startGap) => {
          const cmds: Array<Contract.Command> = [...F.ordered()]
          for (const on of days.toSorted()) if (on >= "2025-04-01") cmds.push({ _tag: "RecordBadWeatherDay", on })
          const state0 = stateOf(cmds)
          let state = state0
          if (suspension !== undefined && suspension.from >= (state.lastOn ?? "")) {
            state = Contract.replay(
              F.play(
                [
                  { _tag: "SuspendWorks", on: suspension.from, rule: "WAL-5.4.3" },
                  { _tag: "ResumeWorks", on: Calendar.addDays(suspension.from, suspension.length) }
                ],
                F.play(cmds)
              )
            )
          }
          if (startGap !== undefined) {
            const startOn = Calendar.addDays(state.lastOn ?? "2025-06-02", startGap)
            const r = Contract.decide({ _tag: "StartWorks", on: startOn }, state)
            if (Result.isSuccess(r)) for (const e of r.success) state = Contract.evolve(state, e)
          }
          const dates = Contract.worksDates(state, "2025-12-31")
          expect(dates).toBeDefined()
          expect(dates!.pushedStart <= dates!.end).toBe(true)
          expect(dates!.pushedStart >= "2025-06-02").toBe(true)
        }
      )
    )
  })
})

describe("WAL-5.4.3: the customer's lack of access, electricity or information suspends the dates", () => {
  it("WAL-5.4.3/D11: a suspension for no access is recorded and pushes the end (given/when/then)", () => {
    const started: Array<Contract.Command> = [...F.ordered(), { _tag: "StartWorks", on: "2025-06-02" }]
    given(started)
      .when({ _tag: "SuspendWorks", on: "2025-06-10", rule: "WAL-5.4.3" })
      .then([{ _tag: "WorksSuspended", on: "2025-06-10", rule: "WAL-5.4.3" }])
    const s = stateOf([
      ...started,
      { _tag: "SuspendWorks", on: "2025-06-10", rule: "WAL-5.4.3" },
      { _tag: "ResumeWorks", on: "2025-06-13" }
    ])
    // Three suspended days (06-10 … 06-12) push the end from 2025-06-30 to 2025-07-03.
    expect(Contract.worksDates(s, "2025-06-20")?.end).toBe("2025-07-03")
  })
  it("WAL-5.4.3: a second suspension while one runs is refused", () => {
    given([...F.ordered(), { _tag: "SuspendWorks", on: "2025-06-10", rule: "WAL-5.4.3" }])
      .when({ _tag: "SuspendWorks", on: "2025-06-11", rule: "WAL-5.9" })
      .thenFails((e) => e.rules.includes("WAL-5.9"))
  })
})

describe("WAL-5.11: assignment with written consent", () => {
  it("WAL-5.11: the house is sold during the 10-year watertightness warranty — assignment with written consent is recorded", () => {
    given(F.filed)
      .when({ _tag: "AssignContract", on: "2028-05-02", by: "customer", assigneeId: "party-42", writtenConsent: true })
      .thenState((s) => s.assignments.length === 1 && s.assignments[0]?.assigneeId === "party-42")
  })
  it("WAL-5.11: without the other party's written consent the assignment is refused", () => {
    given(F.filed)
      .when({ _tag: "AssignContract", on: "2028-05-02", by: "customer", assigneeId: "party-42", writtenConsent: false })
      .thenFails((e) => e.rules.includes("WAL-5.11"))
  })
  it("WAL-1.3: no assignment after the contract ended", () => {
    given([
      ...F.ordered(),
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
      .when({ _tag: "AssignContract", on: "2025-05-02", by: "customer", assigneeId: "p", writtenConsent: true })
      .thenFails((e) => e.rules.includes("WAL-1.3"))
  })
})

describe("D9: QUALIWATT on the inspection acceptance date", () => {
  it("D9: commissioned in the window but accepted by the control body after it → scheme closed (the acceptance « fait foi »)", () => {
    const installed = (acceptedOn: string): Array<Contract.Command> => [
      {
        _tag: "DraftContract",
        on: "2018-03-01",
        offer: { ...F.offer, worksStartOn: "2018-05-02", worksEndOn: "2018-06-15" }
      },
      { _tag: "SignOffer", on: "2018-03-05" },
      { _tag: "PlaceOrder", on: "2018-03-10", concludedBy: "on-premises", withdrawalInformation: "legal" },
      { _tag: "StartWorks", on: "2018-05-02" },
      { _tag: "RecordPanelsDelivered", on: "2018-05-03" },
      { _tag: "CompleteWorks", on: "2018-06-15" },
      { _tag: "RecordInspectionAccepted", on: acceptedOn }
    ]
    const premium = (acceptedOn: string) => {
      const facts = Contract.premiumFacts(stateOf(installed(acceptedOn)))!
      return Qualiwatt.decide({
        ...facts,
        hybrid: false,
        newInstallation: true,
        previouslyCommissioned: false,
        commissionedOn: "2018-06-20",
        lastConformityVisitOn: facts.inspectionAcceptedOn,
        beneficiary: "natural-person",
        panelTechnology: "crystalline",
        onBuilding: true,
        documents: []
      })
    }
    // Accepted inside the window: the date does not refuse it (only the missing documents do, WAL-Q4).
    expect(premium("2018-06-29").reasons.some((r) => r.rule === "D9" && r.message.startsWith("Scheme closed"))).toBe(
      false
    )
  })
})
