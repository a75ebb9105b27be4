/**
 * D15: each maker's programme applies to its own products, as dated data.
 */
import { describe, expect, it } from "vitest"
import { Decision, LabourReimbursement, Programmes } from "../src/index.js"

const enphase2019 = Programmes.inForce(Programmes.defaultTable, "Enphase", "2025-05-06")

describe("Programmes (D15)", () => {
  it("D15: the seeds' terms are the defaults — Enphase 2019: €150 + €25, 2 years, 6 months, ENP-C1 answers", () => {
    expect(enphase2019.name).toBe("Enphase (2019)")
    expect(enphase2019.support).toBe("answers-everyone")
    expect(enphase2019.labour).toMatchObject({
      firstUnitCents: 150_00,
      additionalUnitCents: 25_00,
      commissioningWindow: { years: 2 },
      claimWindow: { months: 6 }
    })
    const aps = Programmes.inForce(Programmes.defaultTable, "APsystems", "2025-05-06")
    expect(aps.support).toBe("licensed-installers-only")
    expect(aps.labour).toBeUndefined()
  })

  it("D15: a later version applies from its effectiveFrom day, the earlier one before it", () => {
    const later: Programmes.Version = {
      ...enphase2019,
      name: "Enphase (2026)",
      effectiveFrom: "2026-01-01",
      labour: { ...LabourReimbursement.defaultPolicy, claimWindow: { months: 3 } }
    }
    const table = [...Programmes.defaultTable, later]
    expect(Programmes.inForce(table, "Enphase", "2025-12-31").name).toBe("Enphase (2019)")
    expect(Programmes.inForce(table, "Enphase", "2026-01-01").name).toBe("Enphase (2026)")
    expect(Programmes.inForce(table, "enphase", "2027-06-01").labour?.claimWindow).toEqual({ months: 3 })
  })

  it("D15/APS-2: a maker with no programme in the data is generic (D15 'no-policy') — licensed installers only, no labour", () => {
    const v = Programmes.inForce(Programmes.defaultTable, "Hoymiles", "2025-05-06")
    expect(v.support).toBe("no-policy")
    expect(v.labour).toBeUndefined()
    expect(Programmes.inForce(Programmes.defaultTable, "Enphase", "2018-12-31").labour).toBeUndefined()
  })

  it("ENP-L2/D15: under Enphase's programme an APsystems microinverter is left out, the refusal naming the programme", () => {
    const policy = { ...enphase2019.labour!, manufacturer: "Enphase", programme: enphase2019.name }
    const device = {
      kind: "microinverter" as const,
      detectedByMonitoring: true,
      shippedBack: true,
      rmaId: "R-1",
      rmaApprovedOn: "2025-05-02"
    }
    const d = LabourReimbursement.decide(
      {
        commissionedOn: "2024-03-10",
        interventionOn: "2025-05-06",
        claimedOn: "2025-06-01",
        devices: [{ serial: "AP-1", manufacturer: "APsystems", ...device }],
        paymentAddress: "addr-1"
      },
      policy
    )
    expect(Decision.isRefused(d)).toBe(true)
    const l2 = d.reasons.find((r) => r.rule === "ENP-L2")
    expect(l2?.message).toContain("Enphase (2019)")
    expect(d.reasons.every((r) => r.figures["programme"] === "Enphase (2019)")).toBe(true)
    // an Enphase microinverter next to it is still paid the first-unit amount alone
    const mixed = LabourReimbursement.decide(
      {
        commissionedOn: "2024-03-10",
        interventionOn: "2025-05-06",
        claimedOn: "2025-06-01",
        devices: [
          { serial: "AP-1", manufacturer: "APsystems", ...device },
          { serial: "EN-1", manufacturer: "Enphase", ...device }
        ],
        paymentAddress: "addr-1"
      },
      policy
    )
    expect(Decision.isAccepted(mixed) && mixed.value.amount.cents).toBe(150_00)
    expect(Decision.isAccepted(mixed) && mixed.value.eligibleSerials).toEqual(["EN-1"])
  })
})
