/**
 * The kernel's decider laws (determinism, terminal states, left fold, replay through the store =
 * fold with every event surviving encode → store → decode, idempotent retries) for the three
 * after-sales deciders, with command arbitraries drawn from small pools so that most commands are
 * meaningful.
 */
import * as fc from "fast-check"
import { Calendar } from "@soltrace/rules"
import { Rma, System, Ticket } from "../src/index.js"
import { deciderLaws } from "@soltrace/core/testing"
import { agent, distributor, installer, licence, owner, owner2, rmaId, serial, sysId, ticketId } from "./fixtures.js"

const serials = fc.constantFrom(serial("S1"), serial("S2"), serial("S3"), serial("S4"))
const day = fc.integer({ min: 0, max: 900 }).map((n) => Calendar.addDays("2024-01-01", n))
const at = day.map((d) => `${d}T10:00`)
const installation = fc.constantFrom<System.Installation>(
  { _tag: "ByLicensedInstaller", installerId: installer, licenceNumber: licence },
  { _tag: "SelfInstalled", distributorId: distributor }
)
const rma = fc.constantFrom(rmaId("R1"), rmaId("R2"))

const systemCommand: fc.Arbitrary<System.Command> = fc.oneof(
  fc.record({
    _tag: fc.constant("RegisterSystem" as const),
    systemId: fc.constant(sysId),
    registeredOn: day,
    country: fc.constant("FR"),
    ownerId: fc.constant(owner),
    installation
  }),
  fc.record({
    _tag: fc.constant("RecordSelfInstallSupport" as const),
    systemId: fc.constant(sysId),
    recordedOn: day,
    endCustomerAccount: fc.constant(owner)
  }),
  fc.record({ _tag: fc.constant("RecordCommissioning" as const), systemId: fc.constant(sysId), commissionedOn: day }),
  fc.record({
    _tag: fc.constant("InstallDevice" as const),
    systemId: fc.constant(sysId),
    serial: serials,
    kind: fc.constantFrom("microinverter" as const, "gateway" as const),
    manufacturer: fc.constantFrom("Enphase", "APsystems"),
    model: fc.constant("M"),
    installedOn: day
  }),
  fc.record({
    _tag: fc.constant("RetireDevice" as const),
    systemId: fc.constant(sysId),
    serial: serials,
    retiredOn: day
  }),
  fc.record({
    _tag: fc.constant("RecordFault" as const),
    systemId: fc.constant(sysId),
    serial: serials,
    detectedOn: day,
    source: fc.constantFrom("monitoring" as const, "manual" as const)
  }),
  fc.record({
    _tag: fc.constant("ReplaceDevice" as const),
    systemId: fc.constant(sysId),
    original: serials,
    replacement: serials,
    rmaId: rma,
    replacedOn: day,
    approval: fc.record({ rmaId: rma, serials: fc.array(serials, { maxLength: 3 }), approvedOn: day })
  }),
  fc.record({
    _tag: fc.constant("TransferOwnership" as const),
    systemId: fc.constant(sysId),
    newOwnerId: fc.constantFrom(owner, owner2),
    transferredOn: day
  }),
  fc.record({ _tag: fc.constant("MarkInstallerUnavailable" as const), systemId: fc.constant(sysId), on: day }),
  fc.record({
    _tag: fc.constant("ClaimLabourReimbursement" as const),
    systemId: fc.constant(sysId),
    interventionOn: day,
    claimedOn: day,
    paymentAddress: fc.constant("addr"),
    returns: fc.array(fc.record({ serial: serials, rmaId: rma, rmaApprovedOn: day, shippedBack: fc.boolean() }), {
      maxLength: 3
    })
  }),
  fc.record({
    _tag: fc.constant("PayLabourReimbursement" as const),
    systemId: fc.constant(sysId),
    interventionOn: day,
    paidOn: day,
    chequeNumber: fc.constant("C")
  })
)

const T = ticketId("T-1")
const ticketCommand: fc.Arbitrary<Ticket.Command> = fc.oneof(
  fc.record({
    _tag: fc.constant("OpenTicket" as const),
    ticketId: fc.constant(T),
    systemId: fc.constant(sysId),
    openedAt: at,
    requester: fc.constantFrom<Ticket.Requester>(
      { _tag: "LicensedInstaller", partyId: installer, licenceNumber: licence },
      { _tag: "SelfInstaller", partyId: owner },
      { _tag: "Owner", partyId: owner }
    ),
    channel: fc.constantFrom("form" as const, "phone" as const, "email" as const),
    kind: fc.constantFrom("technical" as const, "other" as const),
    subject: fc.constant("s"),
    serials: fc.array(serials, { maxLength: 2 }),
    description: fc.constant(""),
    system: fc.record({
      serials: fc.constant([serial("S1"), serial("S2")]),
      installation: fc.constant({
        _tag: "ByLicensedInstaller" as const,
        licenceNumber: licence,
        installerAvailable: true
      })
    })
  }),
  fc.record({
    _tag: fc.constant("AssignHandler" as const),
    ticketId: fc.constant(T),
    handlerId: fc.constant(agent),
    on: day
  }),
  fc.record({
    _tag: fc.constant("AddNote" as const),
    ticketId: fc.constant(T),
    authorId: fc.constant(agent),
    text: fc.constant("n"),
    on: day
  }),
  fc.record({
    _tag: fc.constant("AskRequester" as const),
    ticketId: fc.constant(T),
    question: fc.constant("q"),
    on: day
  }),
  fc.record({
    _tag: fc.constant("RecordRequesterReply" as const),
    ticketId: fc.constant(T),
    text: fc.constant("r"),
    on: day
  }),
  fc.record({
    _tag: fc.constant("ResolveTicket" as const),
    ticketId: fc.constant(T),
    resolution: fc.constant("r"),
    on: day
  }),
  fc.record({ _tag: fc.constant("CloseTicket" as const), ticketId: fc.constant(T), on: day }),
  fc.record({
    _tag: fc.constant("ReopenTicket" as const),
    ticketId: fc.constant(T),
    reason: fc.constant("r"),
    on: day
  }),
  fc.record({ _tag: fc.constant("ScheduleCallback" as const), ticketId: fc.constant(T), requestedAt: at })
)

const R = rmaId("R1")
const facts: Rma.SystemFacts = {
  commissionedOn: "2024-01-10",
  installation: { _tag: "ByLicensedInstaller", licenceNumber: licence, installerAvailable: true },
  ownershipTransferred: false,
  devices: ["S1", "S2", "S3"].map((s) => ({
    serial: s,
    manufacturer: "Enphase",
    kind: "microinverter" as const,
    installedOn: "2024-01-01",
    status: "current" as const
  }))
}
const rmaCommand: fc.Arbitrary<Rma.Command> = fc.oneof(
  fc.record({
    _tag: fc.constant("RequestReturn" as const),
    rmaId: fc.constant(R),
    systemId: fc.constant(sysId),
    serials: fc.tuple(serials, fc.array(serials, { maxLength: 2 })).map(([a, rest]) => [a, ...rest] as const),
    shippingAddress: fc.constant("depot"),
    requester: fc.constantFrom<Ticket.Requester>(
      { _tag: "LicensedInstaller", partyId: installer, licenceNumber: licence },
      { _tag: "SelfInstaller", partyId: owner }
    ),
    requestedAt: at,
    system: fc.boolean().map((t) => ({ ...facts, ownershipTransferred: t })),
    serialsInOpenRmas: fc.array(serials, { maxLength: 1 }),
    proofOfOwnershipProvided: fc.boolean()
  }),
  fc.record({
    _tag: fc.constant("ProvideProofOfOwnership" as const),
    rmaId: fc.constant(R),
    providedAt: at,
    system: fc.constant(facts),
    serialsInOpenRmas: fc.constant([])
  }),
  fc.record({
    _tag: fc.constant("ShipReplacement" as const),
    rmaId: fc.constant(R),
    original: serials,
    replacement: fc.constant(serial("N1")),
    carrier: fc.constant("UPS"),
    tracking: fc.constant("1Z"),
    shippedOn: day
  }),
  fc.record({
    _tag: fc.constant("RecordReplacementInstalled" as const),
    rmaId: fc.constant(R),
    original: serials,
    replacement: fc.constant(serial("N1")),
    installedOn: day
  }),
  fc.record({
    _tag: fc.constant("ConfirmReplacement" as const),
    rmaId: fc.constant(R),
    original: serials,
    confirmedOn: day
  }),
  fc.record({
    _tag: fc.constant("ShipDefectiveUnit" as const),
    rmaId: fc.constant(R),
    serial: serials,
    carrier: fc.constant("UPS"),
    tracking: fc.constant("B"),
    shippedOn: day
  }),
  fc.record({ _tag: fc.constant("ReceiveUnit" as const), rmaId: fc.constant(R), serial: serials, receivedOn: day }),
  fc.record({ _tag: fc.constant("CloseRma" as const), rmaId: fc.constant(R), closedOn: day })
)

deciderLaws("System", System.decider, { command: systemCommand }, { codec: System.codec, numRuns: 40, maxCommands: 30 })
deciderLaws("Ticket", Ticket.decider, { command: ticketCommand }, { codec: Ticket.codec, numRuns: 40, maxCommands: 20 })
deciderLaws("Rma", Rma.decider, { command: rmaCommand }, { codec: Rma.codec, numRuns: 40, maxCommands: 20 })
