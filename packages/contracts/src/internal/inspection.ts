/**
 * Inspection and the administrative file (WAL-5.8.1, WAL-5.8.2): the control body's visit, the
 * conformity fix after a refusal, and the file handed over after the acceptance.
 */
import { AdministrativeFile, Inspection } from "@soltrace/rules"
import type { State } from "./model.js"
import type { Cmd, Decided } from "./guards.js"
import { inStatus, mustOffer, ok, toReasons, wrongStep } from "./guards.js"

/** WAL-5.8.1: the first inspection within 45 days of the end of the works; its outcome. */
const inspected = (command: Cmd<"RecordInspectionAccepted" | "RecordInspectionRefused">, state: State) => {
  const offer = mustOffer(state)
  const first = state.inspectionRefusals.length === 0
  const d = first
    ? Inspection.inspection({
        worksEndedOn: state.worksCompletedOn ?? command.on,
        arrangedByInstaller: offer.inspectionByInstaller,
        inspectedOn: command.on
      })
    : undefined
  return toReasons(d?.reasons ?? [])
}

/** WAL-5.8.1: the control body accepted the installation. */
export const recordInspectionAccepted = (command: Cmd<"RecordInspectionAccepted">, state: State): Decided => {
  if (!inStatus(state, "WorksCompleted")) return wrongStep(command, state, ["WorksCompleted"])
  return ok({ _tag: "InspectionAccepted", on: command.on, reasons: inspected(command, state) })
}

/** WAL-5.8.1: the control body refused; the installer has 30 days to restore conformity. */
export const recordInspectionRefused = (command: Cmd<"RecordInspectionRefused">, state: State): Decided => {
  if (!inStatus(state, "WorksCompleted")) return wrongStep(command, state, ["WorksCompleted"])
  return ok({
    _tag: "InspectionRefused",
    on: command.on,
    conformityDue: Inspection.conformityDeadline(command.on),
    reasons: inspected(command, state)
  })
}

/** WAL-5.8.1: the installer brought the installation into conformity. */
export const recordConformityRestored = (command: Cmd<"RecordConformityRestored">, state: State): Decided => {
  if (!inStatus(state, "InspectionRefused")) return wrongStep(command, state, ["InspectionRefused"])
  const refusal = state.inspectionRefusals.find((r) => r.restoredOn === undefined)
  const d = Inspection.conformityFix({
    refusalNotifiedOn: refusal?.notifiedOn ?? command.on,
    fixedOn: command.on
  })
  return ok({
    _tag: "ConformityRestored",
    on: command.on,
    inTime: d._tag === "Accepted",
    reasons: toReasons(d.reasons)
  })
}

/** WAL-5.8.2: the administrative file, within 15 days of the acceptance. */
export const deliverAdministrativeFile = (command: Cmd<"DeliverAdministrativeFile">, state: State): Decided => {
  if (!inStatus(state, "InspectionAccepted")) return wrongStep(command, state, ["InspectionAccepted"])
  const d = AdministrativeFile.decide({ acceptedOn: state.acceptedOn ?? command.on, handedOverOn: command.on })
  return ok({
    _tag: "AdministrativeFileDelivered",
    on: command.on,
    inTime: d._tag === "Accepted",
    reasons: toReasons(d.reasons)
  })
}
