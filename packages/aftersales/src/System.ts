/**
 * The System aggregate: one PV installation, its devices, its faults, its installer of record and
 * its labour reimbursement claims (ENP-S*, ENP-L*, APS-1..6, D2, D3, D6).
 *
 * A pure decider (`decider`): every command carries its business date, and the facts it needs
 * from other aggregates (the RMA approval of a replaced device, the return of a defective unit)
 * are passed in the command by the application layer (`AfterSalesService`). Business decisions are
 * asked of `@soltrace/rules` (`ReturnEligibility.mayReplace`, `LabourReimbursement.decide`,
 * `WarrantyTerms.term`); a refusal is a {@link SystemCommandRefused} whose reasons carry the rule
 * ids.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import {
  Calendar,
  Decision,
  LabourReimbursement,
  Programmes,
  ReturnEligibility,
  SupportRouting,
  WarrantyTerms
} from "@soltrace/rules"
import * as EventCodec from "@soltrace/core/EventCodec"
import type * as Decider from "@soltrace/core/Decider"
import type * as CommandHandler from "@soltrace/core/CommandHandler"
import {
  because,
  LicenceNumber,
  lifecycle,
  PartyId,
  Reason,
  Reasons,
  RmaId,
  Serial,
  SystemId
} from "./AfterSalesIds.js"

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/**
 * The kinds of device (ENP-L2 reimburses microinverters only).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceKind = WarrantyTerms.DeviceKind

/**
 * @since 0.1.0
 * @category models
 */
export type DeviceKind = typeof DeviceKind.Type

/**
 * A licensed professional installer: who they are and their licence number (APS-1, APS-2).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LicensedInstaller = Schema.Struct({ installerId: PartyId, licenceNumber: LicenceNumber })

/**
 * @since 0.1.0
 * @category models
 */
export type LicensedInstaller = typeof LicensedInstaller.Type

/**
 * How the system was installed: by a licensed installer of record (APS-1), or self-installed
 * with the distributor that sold it (APS-6).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Installation = Schema.Union([
  Schema.TaggedStruct("ByLicensedInstaller", { installerId: PartyId, licenceNumber: LicenceNumber }),
  Schema.TaggedStruct("SelfInstalled", { distributorId: PartyId })
])

/**
 * @since 0.1.0
 * @category models
 */
export type Installation = typeof Installation.Type

/**
 * Who detected a fault: the monitoring platform (needed for ENP-L3) or a person.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FaultSource = Schema.Literals(["monitoring", "manual"])

/**
 * @since 0.1.0
 * @category models
 */
export type FaultSource = typeof FaultSource.Type

/**
 * The RMA approval of a device, as loaded by the application layer from the RMA stream.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RmaApproval = Schema.Struct({
  rmaId: RmaId,
  serials: Schema.Array(Serial),
  approvedOn: Calendar.CalendarDate
})

/**
 * @since 0.1.0
 * @category models
 */
export type RmaApproval = typeof RmaApproval.Type

/**
 * What the RMA streams say about one device replaced on an intervention day (ENP-L4, ENP-L6).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReturnFacts = Schema.Struct({
  serial: Serial,
  rmaId: Schema.optional(RmaId),
  rmaApprovedOn: Schema.optional(Calendar.CalendarDate),
  shippedBack: Schema.Boolean
})

/**
 * @since 0.1.0
 * @category models
 */
export type ReturnFacts = typeof ReturnFacts.Type

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

const BackingInstaller = Schema.optional(LicensedInstaller)

/**
 * The commands of a System.
 *
 * @since 0.1.0
 * @category commands
 */
export const Command = Schema.Union([
  Schema.TaggedStruct("RegisterSystem", {
    systemId: SystemId,
    registeredOn: Calendar.CalendarDate,
    country: Schema.String.check(Schema.isMinLength(2)),
    ownerId: PartyId,
    installation: Installation,
    /** APS-6(1): the end-customer account id, when created. */
    endCustomerAccount: Schema.optional(PartyId),
    /** APS-6(2): the licensed installer backing a self-installed system. */
    backingInstaller: BackingInstaller
  }),
  Schema.TaggedStruct("RecordSelfInstallSupport", {
    systemId: SystemId,
    recordedOn: Calendar.CalendarDate,
    endCustomerAccount: Schema.optional(PartyId),
    backingInstaller: BackingInstaller
  }),
  Schema.TaggedStruct("RecordCommissioning", { systemId: SystemId, commissionedOn: Calendar.CalendarDate }),
  Schema.TaggedStruct("InstallDevice", {
    systemId: SystemId,
    serial: Serial,
    kind: DeviceKind,
    manufacturer: WarrantyTerms.Manufacturer,
    model: Schema.String,
    installedOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("RetireDevice", { systemId: SystemId, serial: Serial, retiredOn: Calendar.CalendarDate }),
  Schema.TaggedStruct("RecordFault", {
    systemId: SystemId,
    serial: Serial,
    detectedOn: Calendar.CalendarDate,
    source: FaultSource,
    reportedBy: Schema.optional(PartyId)
  }),
  Schema.TaggedStruct("ReplaceDevice", {
    systemId: SystemId,
    original: Serial,
    replacement: Serial,
    model: Schema.optional(Schema.String),
    rmaId: RmaId,
    replacedOn: Calendar.CalendarDate,
    /** Loaded from the RMA stream by the application layer; absent when the RMA is not approved. */
    approval: Schema.optional(RmaApproval)
  }),
  Schema.TaggedStruct("TransferOwnership", {
    systemId: SystemId,
    newOwnerId: PartyId,
    transferredOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("ChangeInstallerOfRecord", {
    systemId: SystemId,
    installer: LicensedInstaller,
    changedOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("MarkInstallerUnavailable", { systemId: SystemId, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("ClaimLabourReimbursement", {
    systemId: SystemId,
    interventionOn: Calendar.CalendarDate,
    claimedOn: Calendar.CalendarDate,
    /**
     * ENP-L8: the cheque goes to this address (the installer's) — D16: the id of that postal
     * address in the personal-data store (`@soltrace/core/PersonalData`), never the address itself.
     */
    paymentAddress: Schema.String.check(Schema.isMinLength(1)),
    /** ENP-L4, ENP-L6: per device replaced that day, loaded from the RMA streams. */
    returns: Schema.Array(ReturnFacts)
  }),
  Schema.TaggedStruct("PayLabourReimbursement", {
    systemId: SystemId,
    interventionOn: Calendar.CalendarDate,
    paidOn: Calendar.CalendarDate,
    chequeNumber: Schema.String.check(Schema.isMinLength(1))
  })
]).pipe(Schema.toTaggedUnion("_tag"))

/**
 * @since 0.1.0
 * @category commands
 */
export type Command = typeof Command.Type

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/**
 * The events of a System.
 *
 * @since 0.1.0
 * @category events
 */
export const Event = Schema.Union([
  Schema.TaggedStruct("SystemRegistered", {
    systemId: SystemId,
    registeredOn: Calendar.CalendarDate,
    country: Schema.String,
    ownerId: PartyId,
    installation: Installation,
    endCustomerAccount: Schema.optional(PartyId),
    backingInstaller: BackingInstaller
  }),
  Schema.TaggedStruct("SelfInstallSupportRecorded", {
    systemId: SystemId,
    recordedOn: Calendar.CalendarDate,
    endCustomerAccount: Schema.optional(PartyId),
    backingInstaller: BackingInstaller
  }),
  Schema.TaggedStruct("SystemCommissioned", { systemId: SystemId, commissionedOn: Calendar.CalendarDate }),
  Schema.TaggedStruct("DeviceInstalled", {
    systemId: SystemId,
    serial: Serial,
    kind: DeviceKind,
    manufacturer: Schema.String,
    model: Schema.String,
    installedOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("DeviceRetired", { systemId: SystemId, serial: Serial, retiredOn: Calendar.CalendarDate }),
  Schema.TaggedStruct("DeviceFaultDetected", {
    systemId: SystemId,
    serial: Serial,
    detectedOn: Calendar.CalendarDate,
    source: FaultSource,
    reportedBy: Schema.optional(PartyId)
  }),
  Schema.TaggedStruct("DeviceReplaced", {
    systemId: SystemId,
    original: Serial,
    replacement: Serial,
    model: Schema.String,
    rmaId: RmaId,
    replacedOn: Calendar.CalendarDate,
    approvedOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("OwnershipTransferred", {
    systemId: SystemId,
    previousOwnerId: PartyId,
    newOwnerId: PartyId,
    transferredOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("InstallerOfRecordChanged", {
    systemId: SystemId,
    installer: LicensedInstaller,
    changedOn: Calendar.CalendarDate
  }),
  Schema.TaggedStruct("InstallerUnavailable", { systemId: SystemId, installerId: PartyId, on: Calendar.CalendarDate }),
  Schema.TaggedStruct("LabourReimbursementClaimed", {
    systemId: SystemId,
    interventionOn: Calendar.CalendarDate,
    claimedOn: Calendar.CalendarDate,
    amountCents: Schema.Int,
    serials: Schema.Array(Serial),
    paymentAddress: Schema.String,
    reasons: Schema.Array(Reason)
  }),
  Schema.TaggedStruct("LabourReimbursementRefused", {
    systemId: SystemId,
    interventionOn: Calendar.CalendarDate,
    claimedOn: Calendar.CalendarDate,
    reasons: Reasons
  }),
  Schema.TaggedStruct("LabourReimbursementPaid", {
    systemId: SystemId,
    interventionOn: Calendar.CalendarDate,
    paidOn: Calendar.CalendarDate,
    amountCents: Schema.Int,
    paymentAddress: Schema.String,
    chequeNumber: Schema.String
  })
]).pipe(Schema.toTaggedUnion("_tag"))

/**
 * @since 0.1.0
 * @category events
 */
export type Event = typeof Event.Type

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * A System command was refused; `reasons` say why, each with its rule id.
 *
 * @since 0.1.0
 * @category errors
 */
export class SystemCommandRefused extends Schema.TaggedError<SystemCommandRefused>()("SystemCommandRefused", {
  systemId: Schema.String,
  command: Schema.String,
  reasons: Reasons
}) {
  override get message(): string {
    return `${this.command} refused on system ${this.systemId}: ${this.reasons.map((r) => `[${r.rule}] ${r.message}`).join(" ")}`
  }
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/**
 * A fault detected on a device.
 *
 * @since 0.1.0
 * @category state
 */
export interface Fault {
  readonly detectedOn: string
  readonly source: FaultSource
  readonly reportedBy?: PartyId | undefined
}

/**
 * A device of the system, current or retired.
 *
 * @since 0.1.0
 * @category state
 */
export interface Device {
  readonly serial: Serial
  readonly kind: DeviceKind
  readonly manufacturer: string
  readonly model: string
  readonly installedOn: string
  readonly status: "current" | "retired"
  readonly retiredOn?: string | undefined
  readonly replacedBy?: Serial | undefined
  readonly replaces?: Serial | undefined
  readonly replacedUnderRma?: RmaId | undefined
  readonly faults: ReadonlyArray<Fault>
}

/**
 * A labour reimbursement claim, one per intervention day (D2).
 *
 * @since 0.1.0
 * @category state
 */
export interface Claim {
  readonly interventionOn: string
  readonly claimedOn: string
  readonly amountCents: number
  readonly serials: ReadonlyArray<Serial>
  readonly paymentAddress: string
  readonly paidOn?: string | undefined
}

/**
 * A registered system.
 *
 * @since 0.1.0
 * @category state
 */
export interface Registered {
  readonly _tag: "Registered"
  readonly systemId: SystemId
  readonly registeredOn: string
  readonly country: string
  readonly ownerId: PartyId
  readonly ownershipTransferred: boolean
  readonly installation: Installation
  readonly endCustomerAccount?: PartyId | undefined
  readonly backingInstaller?: LicensedInstaller | undefined
  readonly installerUnavailable: boolean
  readonly commissionedOn?: string | undefined
  /** Devices by serial, in installation order. */
  readonly devices: Readonly<Record<string, Device>>
  /** Accepted claims by intervention day (D2). */
  readonly claims: Readonly<Record<string, Claim>>
}

/**
 * @since 0.1.0
 * @category state
 */
export type State = { readonly _tag: "Unregistered" } | Registered

/**
 * @since 0.1.0
 * @category state
 */
export const initialState: State = { _tag: "Unregistered" }

/**
 * D6/APS-6: what a self-installed system still lacks (empty when compliant, always empty for a
 * system installed by a licensed installer).
 *
 * @since 0.1.0
 * @category state
 */
export const missingForCompliance = (state: Registered): ReadonlyArray<string> =>
  // APS-6/D6 is decided in one place, by the rules, on the installation as they see it.
  SupportRouting.missingForCompliance(rulesInstallation(state))

/**
 * D6: a self-installed system is non-compliant until APS-6 is met.
 *
 * @since 0.1.0
 * @category state
 */
export const isCompliant = (state: Registered): boolean => missingForCompliance(state).length === 0

/**
 * The system's installation as `@soltrace/rules` sees it (APS-5 availability, APS-6 support).
 *
 * @since 0.1.0
 * @category facts
 */
export const rulesInstallation = (state: Registered): ReturnEligibility.Installation =>
  state.installation._tag === "ByLicensedInstaller"
    ? {
        _tag: "ByLicensedInstaller",
        licenceNumber: state.installation.licenceNumber,
        installerAvailable: !state.installerUnavailable
      }
    : {
        _tag: "SelfInstalled",
        endCustomerAccount: state.endCustomerAccount !== undefined,
        ...(state.backingInstaller !== undefined
          ? { backingInstallerLicence: state.backingInstaller.licenceNumber }
          : {})
      }

/**
 * D1: the warranty term start of a device, asked of `WarrantyTerms.term` (a replacement continues
 * the term of the device it replaces). `undefined` when the system is not commissioned or the
 * term table has no entry.
 *
 * @since 0.1.0
 * @category facts
 */
export const termStart = (
  state: Registered,
  serial: string,
  terms: WarrantyTerms.TermTable = WarrantyTerms.defaultTermTable
): string | undefined => {
  const device = state.devices[serial]
  if (device === undefined || state.commissionedOn === undefined) return undefined
  const replacesTermStart = device.replaces === undefined ? undefined : termStart(state, device.replaces, terms)
  const term = WarrantyTerms.term(
    {
      manufacturer: device.manufacturer,
      kind: device.kind,
      commissionedOn: state.commissionedOn,
      installedOn: device.installedOn,
      ...(replacesTermStart !== undefined ? { replacesTermStart } : {})
    },
    terms
  )
  return Decision.isAccepted(term) ? term.value.start : undefined
}

/**
 * The devices of the system as `ReturnEligibility` needs them (current and retired, ENP-S4; the
 * term start a replacement continues, D1).
 *
 * @since 0.1.0
 * @category facts
 */
export const rulesDevices = (
  state: Registered,
  terms: WarrantyTerms.TermTable = WarrantyTerms.defaultTermTable
): Array<ReturnEligibility.Device> =>
  Object.values(state.devices).map((d) => {
    const replacesTermStart = d.replaces === undefined ? undefined : termStart(state, d.replaces, terms)
    return {
      serial: d.serial,
      manufacturer: d.manufacturer,
      kind: d.kind,
      installedOn: d.installedOn,
      status: d.status,
      ...(replacesTermStart !== undefined ? { replacesTermStart } : {})
    }
  })

/**
 * The serials of the system, current and retired (ENP-S4).
 *
 * @since 0.1.0
 * @category facts
 */
export const serials = (state: State): ReadonlyArray<Serial> =>
  state._tag === "Registered" ? Object.values(state.devices).map((d) => d.serial) : []

/**
 * D15: the maker of each serial of the system (current and retired).
 *
 * @since 0.2.0
 * @category facts
 */
export const makers = (state: State): Readonly<Record<string, string>> =>
  state._tag === "Registered"
    ? Object.fromEntries(Object.values(state.devices).map((d) => [d.serial, d.manufacturer]))
    : {}

/**
 * D15: the maker of the system's monitoring — that of its current gateway, else of its first
 * current device; `undefined` for a system without devices.
 *
 * @since 0.2.0
 * @category facts
 */
export const monitoringMaker = (state: State): string | undefined => {
  if (state._tag !== "Registered") return undefined
  const current = Object.values(state.devices).filter((d) => d.status === "current")
  return (current.find((d) => d.kind === "gateway") ?? current[0])?.manufacturer
}

/**
 * The devices replaced on a day (D2: one intervention day).
 *
 * @since 0.1.0
 * @category facts
 */
export const replacedOn = (state: Registered, day: string): ReadonlyArray<Device> =>
  Object.values(state.devices).filter(
    (d) => d.replacedBy !== undefined && d.retiredOn === day && d.replacedUnderRma !== undefined
  )

// ---------------------------------------------------------------------------------------------
// Decide
// ---------------------------------------------------------------------------------------------

/** The fields of a tagged value, without its tag. */
const fields = <A extends { readonly _tag: string }>(a: A): Omit<A, "_tag"> => {
  const { _tag, ...rest } = a
  return rest
}

type Out = Result.Result<ReadonlyArray<Event>, SystemCommandRefused>

const ok = (...events: ReadonlyArray<Event>): Out => Result.succeed(events)

const refuse = (command: Command, first: Decision.Reason, ...rest: ReadonlyArray<Decision.Reason>): Out =>
  Result.fail(
    new SystemCommandRefused({ systemId: command.systemId, command: command._tag, reasons: [first, ...rest] })
  )

const unknownSerial = (serial: string) =>
  because("ENP-S4", `Serial ${serial} does not belong to this system (current or retired).`, { serial })

const decideRegistered = (policy: Policy, command: Command, s: Registered): Out => {
  switch (command._tag) {
    case "RegisterSystem":
      return refuse(command, lifecycle(`System ${s.systemId} is already registered.`))
    case "RecordSelfInstallSupport": {
      if (s.installation._tag !== "SelfInstalled") {
        return refuse(
          command,
          because("APS-6", "Only a self-installed system records end-customer account and backing installer.")
        )
      }
      if (command.endCustomerAccount === undefined && command.backingInstaller === undefined) {
        return refuse(
          command,
          because("APS-6", "Nothing to record: give the end-customer account or the backing installer.")
        )
      }
      return ok(Event.cases.SelfInstallSupportRecorded.make({ ...fields(command), systemId: s.systemId }))
    }
    case "RecordCommissioning":
      if (s.commissionedOn !== undefined) {
        return refuse(
          command,
          lifecycle(`The system was already commissioned on ${s.commissionedOn}.`, { commissionedOn: s.commissionedOn })
        )
      }
      return ok(Event.cases.SystemCommissioned.make({ systemId: s.systemId, commissionedOn: command.commissionedOn }))
    case "InstallDevice":
      if (s.devices[command.serial] !== undefined) {
        return refuse(
          command,
          because(
            "ENP-S4",
            `Serial ${command.serial} is already known on this system (current or retired): a serial is unique.`,
            { serial: command.serial }
          )
        )
      }
      return ok(Event.cases.DeviceInstalled.make(fields(command)))
    case "RetireDevice": {
      const device = s.devices[command.serial]
      if (device === undefined) return refuse(command, unknownSerial(command.serial))
      if (device.status === "retired")
        return refuse(command, lifecycle(`Serial ${command.serial} is already retired.`, { serial: command.serial }))
      return ok(Event.cases.DeviceRetired.make(fields(command)))
    }
    case "RecordFault": {
      const device = s.devices[command.serial]
      if (device === undefined) return refuse(command, unknownSerial(command.serial))
      if (device.status === "retired") {
        return refuse(
          command,
          lifecycle(`Serial ${command.serial} is retired: a fault is recorded on a current device.`, {
            serial: command.serial
          })
        )
      }
      return ok(Event.cases.DeviceFaultDetected.make(fields(command)))
    }
    case "ReplaceDevice": {
      const original = s.devices[command.original]
      if (original === undefined) return refuse(command, unknownSerial(command.original))
      if (original.status === "retired") {
        return refuse(
          command,
          because("ENP-R8", `Serial ${command.original} is already retired: only a current device is replaced.`, {
            serial: command.original
          })
        )
      }
      if (s.devices[command.replacement] !== undefined) {
        return refuse(
          command,
          because(
            "ENP-S4",
            `Replacement serial ${command.replacement} is already known on this system: a serial is unique.`,
            { serial: command.replacement }
          )
        )
      }
      // ENP-R1/ENP-R7: only after the RMA is approved for that serial — asked of the rule.
      const approval = command.approval
      const approvedOn =
        approval !== undefined && approval.rmaId === command.rmaId && approval.serials.includes(command.original)
          ? approval.approvedOn
          : undefined
      const may = ReturnEligibility.mayReplace(approvedOn, command.replacedOn)
      if (Decision.isRefused(may)) {
        return refuse(
          command,
          because(
            "ENP-R7",
            `Serial ${command.original} may be replaced only after RMA ${command.rmaId} is approved for it.`,
            {
              serial: command.original,
              rmaId: command.rmaId,
              replacedOn: command.replacedOn
            }
          ),
          ...may.reasons
        )
      }
      return ok(
        Event.cases.DeviceReplaced.make({
          systemId: s.systemId,
          original: command.original,
          replacement: command.replacement,
          model: command.model ?? original.model,
          rmaId: command.rmaId,
          replacedOn: command.replacedOn,
          approvedOn: may.value
        })
      )
    }
    case "TransferOwnership":
      if (command.newOwnerId === s.ownerId) return refuse(command, lifecycle("The new owner is already the owner."))
      return ok(
        Event.cases.OwnershipTransferred.make({
          systemId: s.systemId,
          previousOwnerId: s.ownerId,
          newOwnerId: command.newOwnerId,
          transferredOn: command.transferredOn
        })
      )
    case "ChangeInstallerOfRecord":
      return ok(Event.cases.InstallerOfRecordChanged.make(fields(command)))
    case "MarkInstallerUnavailable":
      if (s.installation._tag !== "ByLicensedInstaller") {
        return refuse(
          command,
          because("APS-5", "A self-installed system has no installer of record to mark unavailable.")
        )
      }
      if (s.installerUnavailable)
        return refuse(command, lifecycle("The installer of record is already marked unavailable."))
      return ok(
        Event.cases.InstallerUnavailable.make({
          systemId: s.systemId,
          installerId: s.installation.installerId,
          on: command.on
        })
      )
    case "ClaimLabourReimbursement": {
      const existing = s.claims[command.interventionOn]
      if (existing !== undefined) {
        return refuse(
          command,
          because(
            "D2",
            `A claim for the intervention of ${command.interventionOn} was already made on ${existing.claimedOn}: at most one claim per system and intervention day.`,
            {
              interventionOn: command.interventionOn,
              claimedOn: existing.claimedOn
            }
          )
        )
      }
      if (s.commissionedOn === undefined) {
        return refuse(
          command,
          because("ENP-L1", "The system has no commissioning date: labour reimbursement needs it (D3).")
        )
      }
      const replaced = replacedOn(s, command.interventionOn)
      // D15: labour reimbursement is a maker's programme (Enphase's), in force on the intervention
      // day; each device follows its own maker's programme.
      const programmeOf = (maker: string) => Programmes.inForce(policy.programmes, maker, command.interventionOn)
      const withLabour = replaced.map((d) => programmeOf(d.manufacturer)).find((p) => p.labour !== undefined)
      if (withLabour === undefined || withLabour.labour === undefined) {
        const [first, ...more] = replaced.map((d) => {
          const p = programmeOf(d.manufacturer)
          return because(
            "ENP-L2",
            `Serial ${d.serial} is a ${d.manufacturer} ${d.kind}: ${p.name} has no labour reimbursement programme on ${command.interventionOn} — Enphase's reimburses Enphase microinverters only (D15).`,
            {
              serial: d.serial,
              manufacturer: d.manufacturer,
              programme: p.name,
              interventionOn: command.interventionOn
            }
          )
        })
        if (first !== undefined) {
          return ok(
            Event.cases.LabourReimbursementRefused.make({
              systemId: s.systemId,
              interventionOn: command.interventionOn,
              claimedOn: command.claimedOn,
              reasons: [first, ...more]
            })
          )
        }
      }
      const [firstDevice, ...moreDevices] = replaced.map((d): LabourReimbursement.ReplacedDevice => {
        const facts = command.returns.find((r) => r.serial === d.serial)
        return {
          serial: d.serial,
          kind: d.kind,
          manufacturer: d.manufacturer,
          // ENP-L3: detected as defective by the monitoring platform, on or before the intervention.
          detectedByMonitoring: d.faults.some(
            (f) => f.source === "monitoring" && f.detectedOn <= command.interventionOn
          ),
          shippedBack: facts?.shippedBack ?? false,
          ...(d.replacedUnderRma !== undefined ? { rmaId: d.replacedUnderRma } : {}),
          ...(facts?.rmaApprovedOn !== undefined ? { rmaApprovedOn: facts.rmaApprovedOn } : {})
        }
      })
      if (firstDevice === undefined) {
        return refuse(
          command,
          because(
            "D2",
            `No device was replaced on this system on ${command.interventionOn}: there is no intervention to reimburse.`,
            {
              interventionOn: command.interventionOn
            }
          )
        )
      }
      const decision = LabourReimbursement.decide(
        {
          commissionedOn: s.commissionedOn,
          interventionOn: command.interventionOn,
          claimedOn: command.claimedOn,
          devices: [firstDevice, ...moreDevices],
          paymentAddress: command.paymentAddress
        },
        withLabour?.labour === undefined
          ? LabourReimbursement.defaultPolicy
          : { ...withLabour.labour, manufacturer: withLabour.manufacturer, programme: withLabour.name }
      )
      if (Decision.isRefused(decision)) {
        return ok(
          Event.cases.LabourReimbursementRefused.make({
            systemId: s.systemId,
            interventionOn: command.interventionOn,
            claimedOn: command.claimedOn,
            reasons: decision.reasons
          })
        )
      }
      return ok(
        Event.cases.LabourReimbursementClaimed.make({
          systemId: s.systemId,
          interventionOn: command.interventionOn,
          claimedOn: command.claimedOn,
          amountCents: decision.value.amount.cents,
          serials: decision.value.eligibleSerials.map((x) => Serial.make(x)),
          paymentAddress: decision.value.payment.address,
          reasons: decision.reasons
        })
      )
    }
    case "PayLabourReimbursement": {
      const claim = s.claims[command.interventionOn]
      if (claim === undefined) {
        return refuse(
          command,
          because("ENP-L8", `No accepted claim for the intervention of ${command.interventionOn}: nothing to pay.`, {
            interventionOn: command.interventionOn
          })
        )
      }
      if (claim.paidOn !== undefined) {
        return refuse(
          command,
          lifecycle(`The claim for ${command.interventionOn} was already paid on ${claim.paidOn}.`, {
            paidOn: claim.paidOn
          })
        )
      }
      return ok(
        Event.cases.LabourReimbursementPaid.make({
          systemId: s.systemId,
          interventionOn: command.interventionOn,
          paidOn: command.paidOn,
          amountCents: claim.amountCents,
          // ENP-L8: by cheque to the address entered in the claim.
          paymentAddress: claim.paymentAddress,
          chequeNumber: command.chequeNumber
        })
      )
    }
  }
}

/**
 * Policy parameters of the System: each maker's programme as dated data (D15 — the labour
 * reimbursement terms of ENP-L1..L8, D2, D3 are Enphase's) and the warranty term table (D1).
 *
 * @since 0.1.0
 * @category policy
 */
export interface Policy {
  readonly programmes: Programmes.Table
  readonly terms: WarrantyTerms.TermTable
}

/**
 * The defaults of `@soltrace/rules` (D1, D2, D3).
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy: Policy = {
  programmes: Programmes.defaultTable,
  terms: WarrantyTerms.defaultTermTable
}

/**
 * Decides a System command under a policy.
 *
 * @since 0.1.0
 * @category decider
 */
export const decideWith =
  (policy: Policy) =>
  (command: Command, state: State): Out => {
    if (state._tag === "Unregistered") {
      if (command._tag !== "RegisterSystem")
        return refuse(command, lifecycle(`System ${command.systemId} is not registered.`))
      return ok(Event.cases.SystemRegistered.make(fields(command)))
    }
    return decideRegistered(policy, command, state)
  }

/**
 * Decides a System command under the default policy.
 *
 * @since 0.1.0
 * @category decider
 */
export const decide: (command: Command, state: State) => Out = decideWith(defaultPolicy)

// ---------------------------------------------------------------------------------------------
// Evolve
// ---------------------------------------------------------------------------------------------

const updateDevice = (s: Registered, serial: string, f: (d: Device) => Device): Registered => {
  const device = s.devices[serial]
  return device === undefined ? s : { ...s, devices: { ...s.devices, [serial]: f(device) } }
}

/**
 * The state after one event.
 *
 * @since 0.1.0
 * @category decider
 */
export const evolve = (state: State, event: Event): State => {
  if (event._tag === "SystemRegistered") {
    return {
      _tag: "Registered",
      systemId: event.systemId,
      registeredOn: event.registeredOn,
      country: event.country,
      ownerId: event.ownerId,
      ownershipTransferred: false,
      installation: event.installation,
      endCustomerAccount: event.endCustomerAccount,
      backingInstaller: event.backingInstaller,
      installerUnavailable: false,
      devices: {},
      claims: {}
    }
  }
  if (state._tag === "Unregistered") return state
  const s = state
  switch (event._tag) {
    case "SelfInstallSupportRecorded":
      return {
        ...s,
        endCustomerAccount: event.endCustomerAccount ?? s.endCustomerAccount,
        backingInstaller: event.backingInstaller ?? s.backingInstaller
      }
    case "SystemCommissioned":
      return { ...s, commissionedOn: event.commissionedOn }
    case "DeviceInstalled":
      return {
        ...s,
        devices: {
          ...s.devices,
          [event.serial]: {
            serial: event.serial,
            kind: event.kind,
            manufacturer: event.manufacturer,
            model: event.model,
            installedOn: event.installedOn,
            status: "current",
            faults: []
          }
        }
      }
    case "DeviceRetired":
      return updateDevice(s, event.serial, (d) => ({ ...d, status: "retired", retiredOn: event.retiredOn }))
    case "DeviceFaultDetected":
      return updateDevice(s, event.serial, (d) => ({
        ...d,
        faults: [...d.faults, { detectedOn: event.detectedOn, source: event.source, reportedBy: event.reportedBy }]
      }))
    case "DeviceReplaced": {
      const original = s.devices[event.original]
      if (original === undefined) return s
      const retired = updateDevice(s, event.original, (d) => ({
        ...d,
        status: "retired",
        retiredOn: event.replacedOn,
        replacedBy: event.replacement,
        replacedUnderRma: event.rmaId
      }))
      return {
        ...retired,
        devices: {
          ...retired.devices,
          [event.replacement]: {
            serial: event.replacement,
            kind: original.kind,
            manufacturer: original.manufacturer,
            model: event.model,
            installedOn: event.replacedOn,
            status: "current",
            replaces: event.original,
            faults: []
          }
        }
      }
    }
    case "OwnershipTransferred":
      return { ...s, ownerId: event.newOwnerId, ownershipTransferred: true }
    case "InstallerOfRecordChanged":
      return {
        ...s,
        installation: {
          _tag: "ByLicensedInstaller",
          installerId: event.installer.installerId,
          licenceNumber: event.installer.licenceNumber
        },
        installerUnavailable: false
      }
    case "InstallerUnavailable":
      return { ...s, installerUnavailable: true }
    case "LabourReimbursementClaimed":
      return {
        ...s,
        claims: {
          ...s.claims,
          [event.interventionOn]: {
            interventionOn: event.interventionOn,
            claimedOn: event.claimedOn,
            amountCents: event.amountCents,
            serials: event.serials,
            paymentAddress: event.paymentAddress
          }
        }
      }
    case "LabourReimbursementRefused":
      // A refused claim is recorded but does not use up the day: a claim that meets the rules
      // may still be made (e.g. once the defective units are shipped back, ENP-L4).
      return s
    case "LabourReimbursementPaid": {
      const claim = s.claims[event.interventionOn]
      return claim === undefined
        ? s
        : { ...s, claims: { ...s.claims, [event.interventionOn]: { ...claim, paidOn: event.paidOn } } }
    }
  }
}

/**
 * The System decider under a policy. A system never reaches a terminal state.
 *
 * @since 0.1.0
 * @category decider
 */
export const makeDecider = (
  policy: Policy = defaultPolicy
): Decider.Decider<Command, Event, State, SystemCommandRefused> => ({
  initialState,
  decide: decideWith(policy),
  evolve,
  isTerminal: () => false
})

/**
 * The System decider under the default policy.
 *
 * @since 0.1.0
 * @category decider
 */
export const decider: Decider.Decider<Command, Event, State, SystemCommandRefused> = makeDecider()

/**
 * The codec of System events.
 *
 * @since 0.1.0
 * @category storage
 */
export const codec: EventCodec.EventCodec<Event> = EventCodec.make({ schema: Event })

/**
 * The System aggregate for the kernel's command handler (streams `system-<id>`).
 *
 * @since 0.1.0
 * @category storage
 */
export const aggregate: CommandHandler.Aggregate<Command, Event, State, SystemCommandRefused> = { decider, codec }

/**
 * The System aggregate under a policy.
 *
 * @since 0.1.0
 * @category storage
 */
export const makeAggregate = (
  policy: Policy = defaultPolicy
): CommandHandler.Aggregate<Command, Event, State, SystemCommandRefused> => ({ decider: makeDecider(policy), codec })

/**
 * Decodes an untrusted System command; a malformed one is an `InvalidInput` naming the field.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeCommand = Decision.decodeInput(Command, "System command")

/**
 * The stream id of a system.
 *
 * @since 0.1.0
 * @category storage
 */
export const streamId = (id: SystemId): string => `system-${id}`
