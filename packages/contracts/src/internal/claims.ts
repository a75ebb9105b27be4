/**
 * Claims after the acceptance: the installer's warranties (WAL-5.12.2) and the production
 * guarantee (WAL-5.13: report, technical opinion, repairs).
 */
import { InstallerWarranty, ProductionGuarantee } from "@soltrace/rules"
import type { State } from "./model.js"
import type { Cmd, Decided } from "./guards.js"
import { ACCEPTED, LIVE, inStatus, ok, refuse, refuseWith, toReasons, wrongStep } from "./guards.js"

/** WAL-5.12.2: a written warranty claim within 2 months of discovery, during the cover. */
export const claimWarranty = (command: Cmd<"ClaimWarranty">, state: State): Decided => {
  if (!inStatus(state, ...ACCEPTED) || state.acceptedOn === undefined) return wrongStep(command, state, ACCEPTED)
  if (state.warrantyClaims.some((c) => c.claimId === command.claimId))
    return refuseWith(command, state, "WAL-5.12.2", `Claim ${command.claimId} already exists.`)
  const d = InstallerWarranty.decide({
    acceptedOn: state.acceptedOn,
    defect: command.defect,
    discoveredOn: command.discoveredOn,
    claimedOn: command.on,
    inWriting: command.inWriting
  })
  if (d._tag === "Refused") return refuse(command, state, d.reasons)
  return ok({
    _tag: "WarrantyClaimed",
    on: command.on,
    claimId: command.claimId,
    defect: command.defect,
    discoveredOn: command.discoveredOn,
    reasons: toReasons(d.reasons)
  })
}

/** WAL-5.13: the customer reports a production shortfall. */
export const reportProductionShortfall = (command: Cmd<"ReportProductionShortfall">, state: State): Decided => {
  if (!inStatus(state, ...ACCEPTED)) return wrongStep(command, state, ACCEPTED)
  if (state.productionClaims.some((c) => c.claimId === command.claimId))
    return refuseWith(command, state, "WAL-5.13", `Claim ${command.claimId} already exists.`)
  if (command.measurement.to > command.on) {
    return refuseWith(
      command,
      state,
      "WAL-5.13",
      `The measurement ends on ${command.measurement.to}, after the report (${command.on}).`
    )
  }
  const d = ProductionGuarantee.liability({
    measurement: command.measurement,
    exonerations: command.exonerations,
    reportedOn: command.on
  })
  return ok({
    _tag: "ProductionShortfallReported",
    on: command.on,
    claimId: command.claimId,
    installerLiable: d._tag === "Accepted",
    opinionDue: ProductionGuarantee.opinionDeadline(command.on),
    reasons: toReasons(d.reasons)
  })
}

/** WAL-5.13: the installer's technical opinion, within 20 days. */
export const deliverTechnicalOpinion = (command: Cmd<"DeliverTechnicalOpinion">, state: State): Decided => {
  const claim = state.productionClaims.find((c) => c.claimId === command.claimId)
  if (claim === undefined) return refuseWith(command, state, "WAL-5.13", `No production claim ${command.claimId}.`)
  if (claim.opinionOn !== undefined)
    return refuseWith(
      command,
      state,
      "WAL-5.13",
      `The opinion on claim ${command.claimId} was delivered on ${claim.opinionOn}.`
    )
  const d = ProductionGuarantee.opinion({
    reportedOn: claim.reportedOn,
    deliveredOn: command.on,
    solutionsWithinWarranty: command.solutionsWithinWarranty,
    customerToldOfChargeInAdvance: command.customerToldOfChargeInAdvance
  })
  const chargeable =
    !command.solutionsWithinWarranty &&
    command.customerToldOfChargeInAdvance &&
    d._tag === "Accepted" &&
    d.value.chargeable
  return ok({
    _tag: "TechnicalOpinionDelivered",
    on: command.on,
    claimId: command.claimId,
    inTime: d._tag === "Accepted",
    chargeable,
    reasons: toReasons(d.reasons)
  })
}

/** WAL-5.13: the customer agrees to the repairs. */
export const agreeToRepairs = (command: Cmd<"AgreeToRepairs">, state: State): Decided => {
  const claim = state.productionClaims.find((c) => c.claimId === command.claimId)
  if (claim === undefined || claim.opinionOn === undefined)
    return refuseWith(command, state, "WAL-5.13", `Claim ${command.claimId} has no technical opinion yet.`)
  if (claim.agreedOn !== undefined)
    return refuseWith(
      command,
      state,
      "WAL-5.13",
      `The repairs of claim ${command.claimId} were agreed on ${claim.agreedOn}.`
    )
  return ok({
    _tag: "RepairsAgreed",
    on: command.on,
    claimId: command.claimId,
    repairsDue: ProductionGuarantee.repairsDeadline(command.on)
  })
}

/** WAL-5.13: the repairs, within 45 days of the agreement. */
export const completeRepairs = (command: Cmd<"CompleteRepairs">, state: State): Decided => {
  const claim = state.productionClaims.find((c) => c.claimId === command.claimId)
  if (claim === undefined || claim.agreedOn === undefined)
    return refuseWith(command, state, "WAL-5.13", `The customer has not agreed to repairs on claim ${command.claimId}.`)
  if (claim.repairedOn !== undefined)
    return refuseWith(command, state, "WAL-5.13", `Claim ${command.claimId} was repaired on ${claim.repairedOn}.`)
  const d = ProductionGuarantee.repairs({ customerAgreedOn: claim.agreedOn, repairedOn: command.on })
  return ok({
    _tag: "RepairsCompleted",
    on: command.on,
    claimId: command.claimId,
    inTime: d._tag === "Accepted",
    reasons: toReasons(d.reasons)
  })
}

/**
 * WAL-5.11: neither party may assign the contract without the other's written consent; with it,
 * the assignment is recorded (the assignee by reference, D16) — in any state of a contract in
 * force, also during the warranties after the acceptance (the house sold with its installation).
 */
export const assignContract = (command: Cmd<"AssignContract">, state: State): Decided => {
  if (!inStatus(state, ...LIVE)) return wrongStep(command, state, LIVE)
  if (!command.writtenConsent) {
    return refuseWith(
      command,
      state,
      "WAL-5.11",
      `The ${command.by} may not assign the contract without the other party's written consent.`,
      { writtenConsent: false, by: command.by }
    )
  }
  return ok({
    _tag: "ContractAssigned",
    on: command.on,
    by: command.by,
    assigneeId: command.assigneeId,
    reasons: [
      {
        rule: "WAL-5.11",
        message: `The ${command.by} assigns the contract with the other party's written consent.`,
        figures: { writtenConsent: true, by: command.by }
      }
    ]
  })
}
