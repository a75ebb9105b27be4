import { describe, expect, it } from "vitest"
import { Decision, LabourReimbursement, Money } from "../src/index.js"

/** Scenarios S1–S3 of the domain's scenarios.md, at rule level. */
const s1: LabourReimbursement.ClaimInput = {
  commissionedOn: "2024-03-10",
  interventionOn: "2025-05-06",
  claimedOn: "2025-06-01",
  devices: [
    // Detected by monitoring on 2025-04-28, return approved 2025-05-02, replaced and shipped back.
    {
      serial: "482101234567",
      kind: "microinverter",
      detectedByMonitoring: true,
      shippedBack: true,
      rmaId: "RMA-2025-0502",
      rmaApprovedOn: "2025-05-02"
    },
    {
      serial: "482101234568",
      kind: "microinverter",
      detectedByMonitoring: true,
      shippedBack: true,
      rmaId: "RMA-2025-0502",
      rmaApprovedOn: "2025-05-02"
    }
  ],
  paymentAddress: "Rue de la Station 4, 5000 Namur"
}

describe("Enphase scenarios", () => {
  it("S1 — two microinverters replaced the same day: eligible, €150 + €25 = €175.00 (ENP-L1..L7, D2)", () => {
    const d = LabourReimbursement.decide(s1)
    expect(Decision.isAccepted(d)).toBe(true)
    if (Decision.isAccepted(d)) {
      expect(d.value.amount).toEqual({ cents: 17_500, vat: "excl" })
      expect(Money.format(d.value.amount.cents)).toBe("€175.00")
      expect(d.value.eligibleSerials).toEqual(["482101234567", "482101234568"])
      expect(d.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(["ENP-L1", "ENP-L5", "ENP-L7", "ENP-L8"]))
    }
  })

  it("S2 — claim too late on 2025-11-07: refused under ENP-L5, the last valid day was 2025-11-06 (D3)", () => {
    const d = LabourReimbursement.decide({ ...s1, claimedOn: "2025-11-07" })
    expect(Decision.isRefused(d)).toBe(true)
    expect(d.reasons.map((r) => r.rule)).toEqual(["ENP-L5"])
    expect(d.reasons[0]?.figures["lastValidDay"]).toBe("2025-11-06")
    // and the last valid day itself passes
    expect(Decision.isAccepted(LabourReimbursement.decide({ ...s1, claimedOn: "2025-11-06" }))).toBe(true)
  })

  it("S3 — installation too old (commissioned 2023-05-06, intervention 2025-05-06): refused under ENP-L1 (D3)", () => {
    const d = LabourReimbursement.decide({ ...s1, commissionedOn: "2023-05-06" })
    expect(Decision.isRefused(d)).toBe(true)
    expect(d.reasons.map((r) => r.rule)).toEqual(["ENP-L1"])
    expect(d.reasons[0]?.figures["firstDayTooOld"]).toBe("2025-05-06")
    // commissioned one day later, it is less than 2 years old
    expect(Decision.isAccepted(LabourReimbursement.decide({ ...s1, commissionedOn: "2023-05-07" }))).toBe(true)
  })
})
