/**
 * The state diagrams of docs/aftersales/*.md match the deciders: from a representative history of
 * every state, every command is decided, and the status-changing transitions the decider accepts
 * are exactly the arrows of the diagram.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Decider } from "@soltrace/core"
import { Rma, System, Ticket } from "../src/index.js"
import {
  A,
  agent,
  distributor,
  installer,
  licence,
  owner,
  owner2,
  RA,
  registered,
  rmaId,
  selfInstalled,
  sysId,
  ticketId
} from "./fixtures.js"

const docs = path.resolve(import.meta.dirname, "../../../docs/aftersales")

const arrows = (page: string): Array<string> => {
  const text = fs.readFileSync(path.join(docs, page), "utf8")
  const block = /```mermaid\n([\s\S]*?)```/.exec(text)?.[1] ?? ""
  return [...block.matchAll(/^\s*(\[\*\]|\w+)\s*-->\s*(\w+)\s*:\s*(\w+)/gm)].map(
    (m) => `${m[1] === "[*]" ? "none" : m[1]} -> ${m[2]} : ${m[3]}`
  )
}

const transitions = <C extends { readonly _tag: string }, E, S, Err>(
  decider: Decider.Decider<C, E, S, Err>,
  statusOf: (s: S) => string,
  histories: ReadonlyArray<ReadonlyArray<E>>,
  commands: ReadonlyArray<C>
): Array<string> => {
  const out = new Set<string>()
  for (const history of histories) {
    const before = Decider.fold(decider, history)
    for (const command of commands) {
      const r = decider.decide(command, before)
      if (Result.isFailure(r)) continue
      const from = statusOf(before)
      const to = statusOf(Decider.fold(decider, r.success, before))
      if (from !== to) out.add(`${from} -> ${to} : ${command._tag}`)
    }
  }
  return [...out].sort()
}

const snake = (s: string) => s.replaceAll("-", "_")

describe("state diagrams match the deciders", () => {
  it("System (D6/APS-6 compliance)", () => {
    const status = (s: System.State) =>
      s._tag === "Unregistered" ? "none" : System.isCompliant(s) ? "compliant" : "non_compliant"
    const account: System.Event = {
      _tag: "SelfInstallSupportRecorded",
      systemId: sysId,
      recordedOn: "2024-03-02",
      endCustomerAccount: owner
    }
    const histories: Array<Array<System.Event>> = [
      [],
      [registered()],
      [registered(selfInstalled)],
      [registered(selfInstalled), account]
    ]
    const commands: Array<System.Command> = [
      {
        _tag: "RegisterSystem",
        systemId: sysId,
        registeredOn: "2024-03-01",
        country: "FR",
        ownerId: owner,
        installation: { _tag: "ByLicensedInstaller", installerId: installer, licenceNumber: licence }
      },
      {
        _tag: "RegisterSystem",
        systemId: sysId,
        registeredOn: "2024-03-01",
        country: "FR",
        ownerId: owner,
        installation: { _tag: "SelfInstalled", distributorId: distributor }
      },
      { _tag: "RecordSelfInstallSupport", systemId: sysId, recordedOn: "2024-03-03", endCustomerAccount: owner },
      {
        _tag: "RecordSelfInstallSupport",
        systemId: sysId,
        recordedOn: "2024-03-03",
        backingInstaller: { installerId: installer, licenceNumber: licence }
      },
      {
        _tag: "RecordSelfInstallSupport",
        systemId: sysId,
        recordedOn: "2024-03-03",
        endCustomerAccount: owner,
        backingInstaller: { installerId: installer, licenceNumber: licence }
      },
      {
        _tag: "ChangeInstallerOfRecord",
        systemId: sysId,
        installer: { installerId: installer, licenceNumber: licence },
        changedOn: "2024-04-01"
      },
      { _tag: "MarkInstallerUnavailable", systemId: sysId, on: "2024-04-01" },
      { _tag: "TransferOwnership", systemId: sysId, newOwnerId: owner2, transferredOn: "2024-04-01" },
      { _tag: "RecordCommissioning", systemId: sysId, commissionedOn: "2024-03-10" }
    ]
    expect(transitions(System.decider, status, histories, commands)).toEqual(arrows("System.md").sort())
  })

  it("Ticket (APS-3..6 referral, ENP-S3)", () => {
    const T = ticketId("T-1")
    const status = (s: Ticket.State) => (s._tag === "None" ? "none" : snake(s.status))
    const facts: Ticket.SystemFacts = {
      serials: [A],
      installation: { _tag: "SelfInstalled", endCustomerAccount: false }
    }
    const open = (requester: Ticket.Requester): Ticket.Command => ({
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
      system: facts
    })
    const on = "2025-05-01"
    const commands: Array<Ticket.Command> = [
      open({ _tag: "LicensedInstaller", partyId: installer, licenceNumber: licence }),
      open({ _tag: "SelfInstaller", partyId: owner }),
      {
        _tag: "OpenCallbackTicket",
        ticketId: T,
        systemId: sysId,
        rmaId: rmaId("R"),
        openedAt: "2025-04-28T10:00",
        requester: { _tag: "LicensedInstaller", partyId: installer, licenceNumber: licence },
        serials: [A],
        reasons: [{ rule: "ENP-W2", message: "m", figures: {} }],
        earliest: "2025-05-01T13:00",
        latest: "2025-05-06T17:00"
      },
      { _tag: "AssignHandler", ticketId: T, handlerId: agent, on },
      { _tag: "AddNote", ticketId: T, authorId: agent, text: "n", on },
      { _tag: "AskRequester", ticketId: T, question: "q", on },
      { _tag: "RecordRequesterReply", ticketId: T, text: "r", on },
      { _tag: "ResolveTicket", ticketId: T, resolution: "r", on },
      { _tag: "CloseTicket", ticketId: T, on },
      { _tag: "ReopenTicket", ticketId: T, reason: "r", on },
      { _tag: "ScheduleCallback", ticketId: T, requestedAt: "2025-05-01T10:00" }
    ]
    const run = (history: ReadonlyArray<Ticket.Event>, command: Ticket.Command): Array<Ticket.Event> => {
      const r = Ticket.decide(command, Decider.fold(Ticket.decider, history))
      if (Result.isFailure(r)) throw new Error(r.failure.message)
      return [...history, ...r.success]
    }
    const opened = run([], commands[0]!)
    const referred = run([], commands[1]!)
    const inProgress = run(opened, commands[3]!)
    const waiting = run(inProgress, commands[5]!)
    const resolved = run(inProgress, commands[7]!)
    const closed = run(resolved, commands[8]!)
    const referredClosed = run(referred, commands[8]!)
    expect(
      transitions(
        Ticket.decider,
        status,
        [[], opened, referred, inProgress, waiting, resolved, closed, referredClosed],
        commands
      )
    ).toEqual(arrows("Ticket.md").sort())
  })

  it("RMA (ENP-R1..R8)", () => {
    const R = rmaId("RMA-1")
    const status = (s: Rma.State) => (s._tag === "None" ? "none" : snake(Rma.status(s)))
    const facts = (ownershipTransferred: boolean): Rma.SystemFacts => ({
      commissionedOn: "2024-03-10",
      installation: { _tag: "ByLicensedInstaller", licenceNumber: licence, installerAvailable: true },
      ownershipTransferred,
      devices: [
        { serial: A, manufacturer: "Enphase", kind: "microinverter", installedOn: "2024-03-01", status: "current" }
      ]
    })
    const request = (requester: Ticket.Requester, transferred: boolean): Rma.Command => ({
      _tag: "RequestReturn",
      rmaId: R,
      systemId: sysId,
      serials: [A],
      shippingAddress: "depot",
      requester,
      requestedAt: "2025-05-02T10:00",
      system: facts(transferred),
      serialsInOpenRmas: [],
      proofOfOwnershipProvided: false
    })
    const lic: Ticket.Requester = { _tag: "LicensedInstaller", partyId: installer, licenceNumber: licence }
    const commands: Array<Rma.Command> = [
      request(lic, false),
      request({ _tag: "SelfInstaller", partyId: owner }, false),
      request(lic, true),
      {
        _tag: "ProvideProofOfOwnership",
        rmaId: R,
        providedAt: "2025-05-03T10:00",
        system: facts(true),
        serialsInOpenRmas: []
      },
      // Meanwhile the device was retired from the system: not eligible (ENP-R6).
      {
        _tag: "ProvideProofOfOwnership",
        rmaId: R,
        providedAt: "2025-05-03T10:00",
        system: { ...facts(true), devices: facts(true).devices.map((d) => ({ ...d, status: "retired" as const })) },
        serialsInOpenRmas: []
      },
      {
        _tag: "ShipReplacement",
        rmaId: R,
        original: A,
        replacement: RA,
        carrier: "UPS",
        tracking: "1Z",
        shippedOn: "2025-05-03"
      },
      { _tag: "RecordReplacementInstalled", rmaId: R, original: A, replacement: RA, installedOn: "2025-05-06" },
      { _tag: "ConfirmReplacement", rmaId: R, original: A, confirmedOn: "2025-05-07" },
      { _tag: "ShipDefectiveUnit", rmaId: R, serial: A, carrier: "UPS", tracking: "back", shippedOn: "2025-05-07" },
      { _tag: "ReceiveUnit", rmaId: R, serial: A, receivedOn: "2025-05-20" },
      { _tag: "CloseRma", rmaId: R, closedOn: "2025-06-01" }
    ]
    const run = (history: ReadonlyArray<Rma.Event>, index: number): Array<Rma.Event> => {
      const r = Rma.decide(commands[index]!, Decider.fold(Rma.decider, history))
      if (Result.isFailure(r)) throw new Error(r.failure.message)
      return [...history, ...r.success]
    }
    const approved = run([], 0)
    const notEligible = run([], 1)
    const awaiting = run([], 2)
    const shipped = run(approved, 5)
    const installed = run(shipped, 6)
    const returned = run(installed, 9)
    const closed = run(returned, 10)
    const closedNotEligible = run(notEligible, 10)
    expect(status(Decider.fold(Rma.decider, returned))).toBe("defective_returned")
    expect(
      transitions(
        Rma.decider,
        status,
        [[], approved, notEligible, awaiting, shipped, installed, returned, closed, closedNotEligible],
        commands
      )
    ).toEqual(arrows("Rma.md").sort())
  })
})
