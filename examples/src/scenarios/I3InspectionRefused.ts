/**
 * I3 — A refused inspection, the fix within 30 days and the re-inspection (WAL-5.8.1, WAL-5.8.2,
 * D12).
 *
 * The works end on 2025-06-20. The control body visits on 2025-07-01 and refuses the installation
 * (the installer is told that day): the installer must bring it into conformity within 30
 * calendar days, by 2025-07-31, at its own cost, and pay the new inspection. The fix is done on
 * 2025-07-25; the re-inspection accepts the installation on 2025-07-29, which starts the 15 days
 * for the administrative file (by 2025-08-13), handed over on 2025-08-08. The deadlines query
 * lists every time limit met along the way.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Scenario from "../Scenario.js"
import { contract, offer } from "./ContractFixtures.js"

/**
 * @since 0.1.0
 */
export const scenario = Scenario.make({
  id: "I3",
  name: "inspection-refused",
  title: "A refused inspection, the fix within 30 days and the re-inspection",
  rules: ["WAL-5.8.1", "WAL-5.8.2", "D12", "D14"],
  story:
    "Works completed 2025-06-20. Inspection refused, installer told on 2025-07-01 → conformity due by 2025-07-31 (30 days, " +
    "at the installer's cost). Conformity restored 2025-07-25 (in time); re-inspection accepted 2025-07-29 → administrative " +
    "file due by 2025-08-13 (15 days), delivered 2025-08-08. → contract completed.",
  expected: {
    conformityDue: "2025-07-31",
    restoredInTime: true,
    acceptedOn: "2025-07-29",
    administrativeFileDue: "2025-08-13",
    administrativeFileInTime: true,
    status: "Completed",
    missedDeadlines: 0
  },
  run: (t) =>
    Effect.gen(function* () {
      const c = contract(t, "main")
      yield* c.send({ _tag: "DraftContract", on: "2025-05-02", offer: offer() })
      yield* c.send({ _tag: "SignOffer", on: "2025-05-02" })
      yield* c.send({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-05-09", offPremises: false })
      yield* c.send({ _tag: "StartWorks", on: "2025-06-02" })
      yield* c.send({ _tag: "RecordPanelsDelivered", on: "2025-06-02" })
      yield* c.send({ _tag: "CompleteWorks", on: "2025-06-20" })

      t.note("WAL-5.8.1: the control body refuses the installation; the installer is told the same day.", "2025-07-01")
      const refused = yield* c.send({ _tag: "RecordInspectionRefused", on: "2025-07-01" })
      const refusal = refused.events.find((e) => e._tag === "InspectionRefused")
      yield* c.deadlines("2025-07-01")

      t.note("The installer fixes the earthing fault at its own cost; the control body comes back.", "2025-07-25")
      const restored = yield* c.send({ _tag: "RecordConformityRestored", on: "2025-07-25" })
      const fix = restored.events.find((e) => e._tag === "ConformityRestored")
      yield* c.send({ _tag: "RecordInspectionAccepted", on: "2025-07-29" })
      const delivered = yield* c.send({ _tag: "DeliverAdministrativeFile", on: "2025-08-08" })
      const file = delivered.events.find((e) => e._tag === "AdministrativeFileDelivered")
      const deadlines = yield* c.deadlines("2025-08-08")
      const state = yield* c.state

      const fileDeadline = deadlines.find((d) => d.rule === "WAL-5.8.2")
      return Scenario.outcome({
        conformityDue: refusal?._tag === "InspectionRefused" ? refusal.conformityDue.due : "none",
        restoredInTime: fix?._tag === "ConformityRestored" ? fix.inTime : false,
        acceptedOn: state.acceptedOn ?? "none",
        administrativeFileDue: fileDeadline?.due ?? "none",
        administrativeFileInTime: file?._tag === "AdministrativeFileDelivered" ? file.inTime : false,
        status: state.status,
        missedDeadlines: deadlines.filter((d) => d.status === "missed").length
      })
    })
})
