import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Decider } from "@soltrace/core"
import { Rma, System, Ticket } from "../src/index.js"
import { LabourReimbursement, Programmes, ReturnEligibility } from "@soltrace/rules"
import { A, B, installer, licence, RA, RB, rmaId, s1History, replaced, sysId, ticketId } from "./fixtures.js"

describe("policy parameters and decoding", () => {
  it("ENP-L7/D2/D15: the amounts are dated programme data — a later Enphase version (€125 + €25) gives €150.00 for S1", () => {
    const later: Programmes.Version = {
      ...Programmes.inForce(Programmes.defaultTable, "Enphase", "2025-01-01"),
      name: "Enphase (2025)",
      effectiveFrom: "2025-01-01",
      labour: { ...LabourReimbursement.defaultPolicy, firstUnitCents: 125_00 }
    }
    const decider = System.makeDecider({
      ...System.defaultPolicy,
      programmes: [...Programmes.defaultTable, later]
    })
    const state = Decider.fold(decider, [...s1History(), replaced(A, RA), replaced(B, RB)])
    const returns = [A, B].map((serial) => ({
      serial,
      rmaId: rmaId("RMA-1"),
      rmaApprovedOn: "2025-05-02",
      shippedBack: true
    }))
    const r = decider.decide(
      {
        _tag: "ClaimLabourReimbursement",
        systemId: sysId,
        interventionOn: "2025-05-06",
        claimedOn: "2025-06-01",
        paymentAddress: "x",
        returns
      },
      state
    )
    expect(Result.isSuccess(r) && r.success[0]?._tag === "LabourReimbursementClaimed" && r.success[0].amountCents).toBe(
      15000
    )
  })

  it("D13: the callback window is a policy parameter", () => {
    const decider = Ticket.makeDecider({ ...Ticket.defaultPolicy, callbackHours: [7, 14] })
    const T = ticketId("T-1")
    const opened = Ticket.decide(
      {
        _tag: "OpenTicket",
        ticketId: T,
        systemId: sysId,
        openedAt: "2025-04-28T10:00",
        requester: { _tag: "LicensedInstaller", partyId: installer, licenceNumber: licence },
        channel: "form",
        kind: "technical",
        subject: "s",
        serials: [],
        description: "",
        system: {
          serials: [],
          installation: { _tag: "ByLicensedInstaller", licenceNumber: licence, installerAvailable: true }
        }
      },
      Ticket.initialState
    )
    if (Result.isFailure(opened)) throw new Error("open")
    const r = decider.decide(
      { _tag: "ScheduleCallback", ticketId: T, requestedAt: "2025-04-28T10:00" },
      Decider.fold(decider, opened.success)
    )
    // D13 (revised): Monday 10:00 + 7 working-day hours → Monday 17:00; + 14 → Tuesday 00:00.
    expect(
      Result.isSuccess(r) && r.success[0]?._tag === "CallbackScheduled" && [r.success[0].earliest, r.success[0].latest]
    ).toEqual(["2025-04-28T17:00", "2025-04-29T00:00"])
  })

  it("ENP-R2: proof of ownership is a policy parameter (never → approved at once after a transfer)", () => {
    const decider = Rma.makeDecider({ ...ReturnEligibility.defaultPolicy, proofOfOwnership: "never" })
    const r = decider.decide(
      {
        _tag: "RequestReturn",
        rmaId: rmaId("R"),
        systemId: sysId,
        serials: [A],
        shippingAddress: "x",
        requester: { _tag: "LicensedInstaller", partyId: installer, licenceNumber: licence },
        requestedAt: "2025-05-02T10:00",
        system: {
          commissionedOn: "2024-03-10",
          installation: { _tag: "ByLicensedInstaller", licenceNumber: licence, installerAvailable: true },
          ownershipTransferred: true,
          devices: [
            { serial: A, manufacturer: "Enphase", kind: "microinverter", installedOn: "2024-03-01", status: "current" }
          ]
        },
        serialsInOpenRmas: [],
        proofOfOwnershipProvided: false
      },
      Rma.initialState
    )
    expect(Result.isSuccess(r) && r.success.map((e) => e._tag)).toEqual(["ReturnRequested", "ReturnApproved"])
  })

  it("malformed commands are typed errors naming the field", () => {
    const bad = System.decodeCommand({ _tag: "RecordCommissioning", systemId: "SYS-1", commissionedOn: "2025-02-30" })
    expect(Result.isFailure(bad) && bad.failure._tag).toBe("InvalidInput")
    expect(Result.isFailure(bad) && bad.failure.message).toContain("commissionedOn")
    const badTicket = Ticket.decodeCommand({
      _tag: "AddNote",
      ticketId: "",
      authorId: "a",
      text: "t",
      on: "2025-01-01"
    })
    expect(Result.isFailure(badTicket) && badTicket.failure.message).toContain("ticketId")
    const good = Rma.decodeCommand({ _tag: "CloseRma", rmaId: "R-1", closedOn: "2025-01-01" })
    expect(Result.isSuccess(good)).toBe(true)
  })
})
