/**
 * I5 — A warranty claim filed too late (WAL-5.12.2, D14).
 *
 * The installation is accepted on 2025-03-10. The installer warrants the watertightness of the
 * roof carrying the installation for 10 years from acceptance (WAL-5.12.2 b) — but a claim must
 * be made in writing within 2 months of discovering the defect. The customer discovers a leak on
 * 2025-09-01 and writes on 2025-11-04: the 2 months end on 2025-11-01 — a Saturday and All
 * Saints' Day — so the last day rolls over to Monday 2025-11-03 (D14, Civil Code Book 1 art. 1.7);
 * the claim is refused even though the 10-year cover still runs. A second leak, discovered on 2025-12-15 and claimed in
 * writing on 2026-01-05, is recorded.
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
  id: "I5",
  name: "warranty-claim-too-late",
  title: "A warranty claim filed too late",
  rules: ["WAL-5.12.2", "D14"],
  story:
    "Installation accepted 2025-03-10. A roof leak is discovered 2025-09-01 and claimed in writing 2025-11-04. → refused " +
    "under WAL-5.12.2: the claim had to be made by 2025-11-01 (2 months after the discovery), a Saturday and a legal " +
    "holiday, rolled over to Monday 2025-11-03 (D14). A leak discovered 2025-12-15 " +
    "and claimed 2026-01-05 is in time.",
  expected: {
    lateClaim: "refused",
    rule: "WAL-5.12.2",
    lastDay: "2025-11-03",
    rolledFrom: "2025-11-01",
    timelyClaim: "recorded"
  },
  run: (t) =>
    Effect.gen(function* () {
      const c = contract(t, "main")
      yield* c.send({
        _tag: "DraftContract",
        on: "2025-01-06",
        offer: offer({ worksStartOn: "2025-02-03", worksEndOn: "2025-02-28" })
      })
      yield* c.send({ _tag: "SignOffer", on: "2025-01-06" })
      yield* c.send({ _tag: "PlaceOrder", withdrawalInformation: "legal", on: "2025-01-13", offPremises: false })
      yield* c.send({ _tag: "StartWorks", on: "2025-02-03" })
      yield* c.send({ _tag: "RecordPanelsDelivered", on: "2025-02-03" })
      yield* c.send({ _tag: "CompleteWorks", on: "2025-02-21" })
      yield* c.send({ _tag: "RecordInspectionAccepted", on: "2025-03-10" })
      yield* c.send({ _tag: "DeliverAdministrativeFile", on: "2025-03-20" })

      t.note(
        "A leak under the panels was discovered on 2025-09-01; the customer writes to the installer two months later.",
        "2025-11-04"
      )
      const defect = { _tag: "Watertightness", fromMereWear: false, onRoofPartCarryingInstallation: true } as const
      const late = yield* c.refused({
        _tag: "ClaimWarranty",
        on: "2025-11-04",
        claimId: "W-1",
        defect,
        discoveredOn: "2025-09-01",
        inWriting: true
      })
      const reason = late.reasons.find((r) => r.figures["lastDay"] !== undefined)
      t.note("Another leak, discovered on 2025-12-15, is claimed in writing three weeks later.", "2026-01-05")
      const timely = yield* c.send({
        _tag: "ClaimWarranty",
        on: "2026-01-05",
        claimId: "W-2",
        defect,
        discoveredOn: "2025-12-15",
        inWriting: true
      })

      return Scenario.outcome({
        lateClaim: "refused",
        rule: reason?.rule ?? "none",
        lastDay: String(reason?.figures["lastDay"] ?? "unknown"),
        rolledFrom: String(reason?.figures["rolledFrom"] ?? "none"),
        timelyClaim: timely.events.some((e) => e._tag === "WarrantyClaimed") ? "recorded" : "not recorded"
      })
    })
})
