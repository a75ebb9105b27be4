/**
 * Model-based test of the Ticket lifecycle (fc.commands): random command sequences against a
 * simple status model. Properties: the decider accepts exactly what the model allows; a referred
 * ticket never gets troubleshooting (APS-3: no handler, no question, no resolution); replaying the
 * recorded stream always gives the state the model predicts.
 */
import * as fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Decider } from "@soltrace/core"
import { Ticket } from "../src/index.js"
import { A, agent, installer, licence, owner, sysId, ticketId } from "./fixtures.js"

type Status = Ticket.Status | "none"
interface Model {
  status: Status
  referred: boolean
  handler: boolean
  notes: number
}
interface Real {
  events: Array<Ticket.Event>
}
const T = ticketId("T-M")

const decideOn = (real: Real, command: Ticket.Command) => {
  const state = Decider.fold(Ticket.decider, real.events)
  const r = Ticket.decider.decide(command, state)
  if (Result.isSuccess(r)) real.events.push(...r.success)
  return Result.isSuccess(r)
}

const check = (m: Model, real: Real) => {
  const replayed = Decider.fold(Ticket.decider, real.events)
  expect(replayed._tag === "Opened" ? replayed.status : "none").toBe(m.status)
  if (replayed._tag === "Opened") {
    expect(replayed.notes.length).toBe(m.notes)
    expect(replayed.handlerId !== undefined).toBe(m.handler)
  }
  // APS-3: a referred ticket never gets troubleshooting.
  if (real.events[0]?._tag === "TicketReferred") {
    expect(
      real.events.some(
        (e) => e._tag === "HandlerAssigned" || e._tag === "RequesterAsked" || e._tag === "TicketResolved"
      )
    ).toBe(false)
  }
}

class Open implements fc.Command<Model, Real> {
  constructor(readonly requester: "licensed" | "self" | "owner") {}
  check = () => true
  run(m: Model, real: Real) {
    const requester: Ticket.Requester =
      this.requester === "licensed"
        ? { _tag: "LicensedInstaller", partyId: installer, licenceNumber: licence }
        : this.requester === "self"
          ? { _tag: "SelfInstaller", partyId: owner }
          : { _tag: "Owner", partyId: owner }
    const ok = decideOn(real, {
      _tag: "OpenTicket",
      ticketId: T,
      systemId: sysId,
      openedAt: "2025-04-28T10:00",
      requester,
      channel: "email",
      kind: "technical",
      subject: "s",
      serials: [A],
      description: "",
      system: { serials: [A], installation: { _tag: "SelfInstalled", endCustomerAccount: false } }
    })
    expect(ok).toBe(m.status === "none")
    if (ok) {
      m.referred = this.requester !== "licensed"
      m.status = m.referred ? "referred" : "open"
    }
    check(m, real)
  }
  toString = () => `Open(${this.requester})`
}

class Step implements fc.Command<Model, Real> {
  constructor(readonly name: "assign" | "note" | "ask" | "reply" | "resolve" | "close" | "reopen") {}
  check = () => true
  run(m: Model, real: Real) {
    const on = "2025-05-01"
    const commands: Record<Step["name"], Ticket.Command> = {
      assign: { _tag: "AssignHandler", ticketId: T, handlerId: agent, on },
      note: { _tag: "AddNote", ticketId: T, authorId: agent, text: "n", on },
      ask: { _tag: "AskRequester", ticketId: T, question: "q", on },
      reply: { _tag: "RecordRequesterReply", ticketId: T, text: "r", on },
      resolve: { _tag: "ResolveTicket", ticketId: T, resolution: "r", on },
      close: { _tag: "CloseTicket", ticketId: T, on },
      reopen: { _tag: "ReopenTicket", ticketId: T, reason: "again", on }
    }
    const s = m.status
    const allowed: Record<Step["name"], boolean> = {
      assign: s === "open" || s === "in-progress" || s === "waiting-on-requester",
      note: s !== "none" && s !== "closed",
      ask: s === "in-progress",
      reply: s === "waiting-on-requester",
      resolve: s === "in-progress" || s === "waiting-on-requester",
      close: s === "resolved" || s === "referred",
      reopen: s === "resolved" || s === "closed"
    }
    const ok = decideOn(real, commands[this.name])
    expect(ok).toBe(allowed[this.name])
    if (ok) {
      switch (this.name) {
        case "assign":
          m.handler = true
          if (s === "open") m.status = "in-progress"
          break
        case "note":
          m.notes++
          break
        case "ask":
          m.status = "waiting-on-requester"
          break
        case "reply":
          m.status = "in-progress"
          break
        case "resolve":
          m.status = "resolved"
          break
        case "close":
          m.status = "closed"
          break
        case "reopen":
          m.status = m.referred ? "referred" : m.handler ? "in-progress" : "open"
          break
      }
    }
    check(m, real)
  }
  toString = () => this.name
}

const commands = [
  fc.constantFrom("licensed", "self", "owner").map((r) => new Open(r)),
  fc.constantFrom("assign", "note", "ask", "reply", "resolve", "close", "reopen").map((n) => new Step(n))
]

describe("Ticket lifecycle against a model", () => {
  it("APS-3/ENP-S3: accepted commands, referral and replayed state always match the model", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        fc.modelRun(
          (): { model: Model; real: Real } => ({
            model: { status: "none", referred: false, handler: false, notes: 0 },
            real: { events: [] }
          }),
          cmds
        )
      }),
      { numRuns: 300 }
    )
  })
})
