import { describe, expect, it } from "vitest"
import { Ticket } from "../src/index.js"
import * as DeciderSpec from "@soltrace/core/testing/DeciderSpec"
import { A, agent, B, C, installer, licence, licence2, owner, rmaId, serial, sysId, ticketId } from "./fixtures.js"

const spec = DeciderSpec.for(Ticket.decider)
const refusedWith = (rule: string) => (e: Ticket.TicketCommandRefused) => e.reasons.some((r) => r.rule === rule)
const T1 = ticketId("T-1")
const licensedFacts: Ticket.SystemFacts = {
  serials: [A, B],
  installation: { _tag: "ByLicensedInstaller", licenceNumber: licence, installerAvailable: true }
}
const installerRequester: Ticket.Requester = { _tag: "LicensedInstaller", partyId: installer, licenceNumber: licence }
const open = (
  overrides: Partial<Extract<Ticket.Command, { _tag: "OpenTicket" }>> = {}
): Extract<Ticket.Command, { _tag: "OpenTicket" }> => ({
  _tag: "OpenTicket",
  ticketId: T1,
  systemId: sysId,
  openedAt: "2025-04-28T10:00",
  requester: installerRequester,
  channel: "email",
  kind: "technical",
  subject: "Microinverter not reporting",
  serials: [A],
  description: "MI-A offline since Monday",
  system: licensedFacts,
  ...overrides
})
const decided = (command: Ticket.Command, history: ReadonlyArray<Ticket.Event> = []) => {
  const r = Ticket.decide(command, history.reduce(Ticket.evolve, Ticket.initialState))
  if (r._tag !== "Success") throw new Error(r.failure.message)
  return r.success
}
const opened = decided(open())
const referredSelf = decided(
  open({
    requester: { _tag: "SelfInstaller", partyId: owner },
    system: { serials: [A, B], installation: { _tag: "SelfInstalled", endCustomerAccount: false } }
  })
)
const assigned: Ticket.Event = { _tag: "HandlerAssigned", ticketId: T1, handlerId: agent, on: "2025-04-28" }
const asked: Ticket.Event = { _tag: "RequesterAsked", ticketId: T1, question: "Which firmware?", on: "2025-04-29" }
const resolved: Ticket.Event = {
  _tag: "TicketResolved",
  ticketId: T1,
  resolution: "Rebooted gateway",
  on: "2025-04-30"
}
const closed: Ticket.Event = { _tag: "TicketClosed", ticketId: T1, on: "2025-05-01" }

describe("Ticket: open (ENP-S4, APS-2..6, ENP-C1)", () => {
  it("APS-2: a licensed installer's technical ticket is opened", () => {
    expect(opened.map((e) => e._tag)).toEqual(["TicketOpened"])
    spec.when(open()).thenState((s) => s._tag === "Opened" && s.status === "open" && s.serials[0] === A)
  })
  it("ENP-R9: the ticket's id is the case number kept in its state to follow the request up", () => {
    spec.when(open()).thenState((s) => s._tag === "Opened" && s.ticketId === T1)
  })
  it("ENP-S4: a ticket about a serial that never belonged to the system is refused", () => {
    const e = spec.when(open({ serials: [A, C] })).thenFails(refusedWith("ENP-S4"))
    expect(e.reasons[0]?.figures).toMatchObject({ serial: C })
  })
  it("ENP-S4: a retired serial of the system may be chosen", () => {
    spec
      .when(open({ serials: [serial("MI-OLD")], system: { ...licensedFacts, serials: [A, B, serial("MI-OLD")] } }))
      .thenState((s) => s._tag === "Opened")
  })
  it("S6/APS-3: a self-installer's technical ticket is referred to a qualified installer (TicketReferred, not an error)", () => {
    const [e] = referredSelf
    expect(e?._tag).toBe("TicketReferred")
    expect(e?._tag === "TicketReferred" && [e.referredTo, e.rule]).toEqual(["qualified-installer", "APS-3"])
  })
  it("APS-3/APS-6: a self-installer of a system with a backing installer is referred to that installer", () => {
    const [e] = decided(
      open({
        requester: { _tag: "SelfInstaller", partyId: owner },
        system: {
          serials: [A],
          installation: { _tag: "SelfInstalled", endCustomerAccount: true, backingInstallerLicence: licence2 }
        }
      })
    )
    expect(e?._tag === "TicketReferred" && [e.referredTo, e.licenceNumber]).toEqual(["backing-installer", licence2])
  })
  it("APS-4: an owner is referred to the installer of record", () => {
    const [e] = decided(open({ requester: { _tag: "Owner", partyId: owner } }))
    expect(e?._tag === "TicketReferred" && [e.referredTo, e.rule, e.licenceNumber]).toEqual([
      "installer-of-record",
      "APS-4",
      licence
    ])
  })
  it("APS-5: an owner whose installer can no longer help is referred to a local installer", () => {
    const [e] = decided(
      open({
        requester: { _tag: "Owner", partyId: owner },
        system: {
          ...licensedFacts,
          installation: { _tag: "ByLicensedInstaller", licenceNumber: licence, installerAvailable: false }
        }
      })
    )
    expect(e?._tag === "TicketReferred" && [e.referredTo, e.rule]).toEqual(["local-installer", "APS-5"])
  })
  it("ENP-C1/D13: a non-technical form request from an owner is answered, by 24 working-day hours", () => {
    const [e] = decided(
      open({
        requester: { _tag: "Owner", partyId: owner },
        kind: "other",
        channel: "form",
        openedAt: "2025-04-25T16:00"
      })
    )
    expect(e?._tag).toBe("TicketOpened")
    // D13 (revised): Friday 16:00 + 24 hours of working days → Monday 16:00.
    expect(e?._tag === "TicketOpened" && e.responseDue).toBe("2025-04-28T16:00")
  })
  it("LIFECYCLE: a ticket is opened once", () => {
    spec.given(opened).when(open()).thenFails(refusedWith("LIFECYCLE"))
    spec
      .given(opened)
      .when({
        _tag: "OpenCallbackTicket",
        ticketId: T1,
        systemId: sysId,
        rmaId: rmaId("RMA-1"),
        openedAt: "2025-05-02T10:00",
        requester: installerRequester,
        serials: [A],
        reasons: [{ rule: "ENP-W2", message: "m", figures: {} }],
        earliest: "2025-05-07T13:00",
        latest: "2025-05-12T17:00"
      })
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("LIFECYCLE: no command on a ticket that is not open", () => {
    spec
      .when({ _tag: "AddNote", ticketId: T1, authorId: agent, text: "x", on: "2025-04-28" })
      .thenFails(refusedWith("LIFECYCLE"))
  })
})

describe("Ticket: callback (ENP-R6a, D13)", () => {
  it("ENP-R6/D13: OpenCallbackTicket opens a return ticket and schedules the callback", () => {
    const reasons = [{ rule: "ENP-W2", message: "out of warranty", figures: {} }] as const
    const events = decided({
      _tag: "OpenCallbackTicket",
      ticketId: T1,
      systemId: sysId,
      rmaId: rmaId("RMA-1"),
      openedAt: "2025-05-02T10:00",
      requester: installerRequester,
      serials: [A],
      reasons: [...reasons],
      earliest: "2025-05-08T10:00",
      latest: "2025-05-15T10:00"
    })
    expect(events.map((e) => e._tag)).toEqual(["TicketOpened", "CallbackScheduled"])
    const state = events.reduce(Ticket.evolve, Ticket.initialState)
    expect(state._tag === "Opened" && [state.kind, state.callback]).toEqual([
      "return",
      { earliest: "2025-05-08T10:00", latest: "2025-05-15T10:00" }
    ])
  })
  it("D13: ScheduleCallback is due between 24 and 48 working-day hours later", () => {
    const [e] = decided({ _tag: "ScheduleCallback", ticketId: T1, requestedAt: "2025-04-28T10:00" }, opened)
    // D13 (revised): the clock runs all day on working days → Monday 10:00 + 24 h is Tuesday 10:00, + 48 h Wednesday 10:00.
    expect(e?._tag === "CallbackScheduled" && [e.earliest, e.latest]).toEqual(["2025-04-29T10:00", "2025-04-30T10:00"])
  })
  it("D13: the French 1 May stops the clock (Enphase France): Wednesday 30 April 10:00 + 24 h → Friday 2 May 10:00", () => {
    const [e] = decided({ _tag: "ScheduleCallback", ticketId: T1, requestedAt: "2025-04-30T10:00" }, opened)
    expect(e?._tag === "CallbackScheduled" && e.earliest).toBe("2025-05-02T10:00")
  })
  it("LIFECYCLE: no callback on a closed ticket", () => {
    spec
      .given([...opened, assigned, resolved, closed])
      .when({ _tag: "ScheduleCallback", ticketId: T1, requestedAt: "2025-05-02T10:00" })
      .thenFails(refusedWith("LIFECYCLE"))
  })
})

describe("Ticket: lifecycle", () => {
  it("AssignHandler records HandlerAssigned and puts the ticket in progress", () => {
    spec
      .given(opened)
      .when({ _tag: "AssignHandler", ticketId: T1, handlerId: agent, on: "2025-04-28" })
      .then([assigned])
    spec
      .given(opened)
      .when({ _tag: "AssignHandler", ticketId: T1, handlerId: agent, on: "2025-04-28" })
      .thenState((s) => s._tag === "Opened" && s.status === "in-progress" && s.handlerId === agent)
  })
  it("APS-3: a referred ticket never gets a handler, a question or a resolution", () => {
    spec
      .given(referredSelf)
      .when({ _tag: "AssignHandler", ticketId: T1, handlerId: agent, on: "2025-04-28" })
      .thenFails(refusedWith("APS-3"))
    spec
      .given(referredSelf)
      .when({ _tag: "AskRequester", ticketId: T1, question: "?", on: "2025-04-28" })
      .thenFails(refusedWith("APS-3"))
    spec
      .given(referredSelf)
      .when({ _tag: "ResolveTicket", ticketId: T1, resolution: "fixed", on: "2025-04-28" })
      .thenFails(refusedWith("APS-3"))
  })
  it("LIFECYCLE: no handler on a resolved ticket", () => {
    spec
      .given([...opened, assigned, resolved])
      .when({ _tag: "AssignHandler", ticketId: T1, handlerId: agent, on: "2025-05-01" })
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("ENP-S3: AddNote records NoteAdded (also on a referred ticket); refused once closed", () => {
    const note: Ticket.Command = {
      _tag: "AddNote",
      ticketId: T1,
      authorId: agent,
      text: "Called the installer",
      on: "2025-04-29"
    }
    spec
      .given(opened)
      .when(note)
      .then([{ _tag: "NoteAdded", ticketId: T1, authorId: agent, text: "Called the installer", on: "2025-04-29" }])
    spec
      .given(referredSelf)
      .when(note)
      .thenState((s) => s._tag === "Opened" && s.notes.length === 1)
    spec
      .given([...opened, assigned, resolved, closed])
      .when(note)
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("AskRequester moves in progress → waiting on requester; refused when not in progress", () => {
    spec
      .given([...opened, assigned])
      .when({ _tag: "AskRequester", ticketId: T1, question: "Which firmware?", on: "2025-04-29" })
      .then([asked])
    spec
      .given(opened)
      .when({ _tag: "AskRequester", ticketId: T1, question: "?", on: "2025-04-29" })
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("RecordRequesterReply moves waiting → in progress; refused when not waiting", () => {
    const reply: Ticket.Command = { _tag: "RecordRequesterReply", ticketId: T1, text: "v4.10", on: "2025-04-30" }
    spec
      .given([...opened, assigned, asked])
      .when(reply)
      .thenState((s) => s._tag === "Opened" && s.status === "in-progress")
    spec
      .given([...opened, assigned])
      .when(reply)
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("ResolveTicket from in progress or waiting; refused on an open ticket", () => {
    const resolve: Ticket.Command = {
      _tag: "ResolveTicket",
      ticketId: T1,
      resolution: "Rebooted gateway",
      on: "2025-04-30"
    }
    spec
      .given([...opened, assigned])
      .when(resolve)
      .then([resolved])
    spec
      .given([...opened, assigned, asked])
      .when(resolve)
      .thenState((s) => s._tag === "Opened" && s.status === "resolved")
    spec.given(opened).when(resolve).thenFails(refusedWith("LIFECYCLE"))
  })
  it("CloseTicket from resolved or referred; refused while in progress", () => {
    const close: Ticket.Command = { _tag: "CloseTicket", ticketId: T1, on: "2025-05-01" }
    spec
      .given([...opened, assigned, resolved])
      .when(close)
      .then([closed])
    spec
      .given(referredSelf)
      .when(close)
      .thenState((s) => s._tag === "Opened" && s.status === "closed")
    spec
      .given([...opened, assigned])
      .when(close)
      .thenFails(refusedWith("LIFECYCLE"))
  })
  it("ReopenTicket from resolved or closed; a reopened referred ticket stays referred (APS-3)", () => {
    const reopen: Ticket.Command = { _tag: "ReopenTicket", ticketId: T1, reason: "Fault is back", on: "2025-05-10" }
    spec
      .given([...opened, assigned, resolved, closed])
      .when(reopen)
      .thenState((s) => s._tag === "Opened" && s.status === "in-progress")
    spec
      .given([...opened, assigned, resolved])
      .when(reopen)
      .thenState((s) => s._tag === "Opened" && s.status === "in-progress")
    spec
      .given([...referredSelf, closed])
      .when(reopen)
      .thenState((s) => s._tag === "Opened" && s.status === "referred")
    spec
      .given([...opened, assigned])
      .when(reopen)
      .thenFails(refusedWith("LIFECYCLE"))
    expect(B).toBeDefined()
  })
})
