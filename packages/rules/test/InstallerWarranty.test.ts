import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, InstallerWarranty } from "../src/index.js"
import { expectRolledLastDay } from "./support/rollOver.js"
import { refAddMonths } from "./support/refCalendar.js"

const date = fc.oneof(
  fc.integer({ min: 0, max: 4000 }).map((n) => Calendar.addDays("2020-01-01", n)),
  fc.constantFrom("2023-12-29", "2023-12-31", "2024-02-29", "2024-08-31", "2025-10-31", "2028-02-29")
)

const claim = (over: Partial<InstallerWarranty.ClaimInput> = {}): InstallerWarranty.ClaimInput => ({
  acceptedOn: "2024-02-29",
  defect: { _tag: "Conformity", existedAtAcceptance: true },
  discoveredOn: "2025-06-01",
  claimedOn: "2025-06-15",
  inWriting: true,
  ...over
})

describe("InstallerWarranty", () => {
  it("WAL-5.12.2/D1: conformity defects appearing within 2 years — accepted 2024-02-29, covered through 2026-02-27", () => {
    expect(
      Decision.isAccepted(InstallerWarranty.decide(claim({ discoveredOn: "2026-02-27", claimedOn: "2026-03-01" })))
    ).toBe(true)
    const late = InstallerWarranty.decide(claim({ discoveredOn: "2026-02-28", claimedOn: "2026-03-01" }))
    expect(Decision.isRefused(late)).toBe(true)
    expect(late.reasons[0]).toMatchObject({ rule: "WAL-5.12.2", figures: { coverageEnd: "2026-02-28" } })
  })

  it("WAL-5.12.2: a conformity defect that did not exist at acceptance is not covered", () => {
    const d = InstallerWarranty.decide(claim({ defect: { _tag: "Conformity", existedAtAcceptance: false } }))
    expect(Decision.isRefused(d)).toBe(true)
  })

  it("WAL-5.12.2: watertightness for 10 years, not from mere wear, only on the roof part carrying the installation", () => {
    const ok = InstallerWarranty.decide(
      claim({
        defect: { _tag: "Watertightness", fromMereWear: false, onRoofPartCarryingInstallation: true },
        discoveredOn: "2034-02-27",
        claimedOn: "2034-03-01"
      })
    )
    expect(Decision.isAccepted(ok)).toBe(true)
    const wear = InstallerWarranty.decide(
      claim({ defect: { _tag: "Watertightness", fromMereWear: true, onRoofPartCarryingInstallation: false } })
    )
    expect(wear.reasons.map((r) => r.rule)).toEqual(["WAL-5.12.2", "WAL-5.12.2"])
    expect(
      Decision.isRefused(
        InstallerWarranty.decide(
          claim({
            defect: { _tag: "Watertightness", fromMereWear: false, onRoofPartCarryingInstallation: true },
            discoveredOn: "2034-02-28",
            claimedOn: "2034-03-01"
          })
        )
      )
    ).toBe(true)
  })

  it("WAL-5.12.2: rented equipment is covered while rented; a claim must be in writing", () => {
    expect(
      Decision.isAccepted(
        InstallerWarranty.decide(claim({ defect: { _tag: "RentedEquipment", rentalEndsOn: "2030-01-01" } }))
      )
    ).toBe(true)
    expect(
      Decision.isRefused(
        InstallerWarranty.decide(claim({ defect: { _tag: "RentedEquipment", rentalEndsOn: "2025-01-01" } }))
      )
    ).toBe(true)
    expect(Decision.isRefused(InstallerWarranty.decide(claim({ inWriting: false })))).toBe(true)
  })

  it("WAL-5.12.2/D14: the claim deadline is reported — 2 months from discovery, end-of-month clamped (2023-12-31 → 2024-02-29), a right of the customer", () => {
    expect(InstallerWarranty.claimDeadline("2023-12-31").due).toBe("2024-02-29")
    expect(InstallerWarranty.claimDeadline("2024-12-31").due).toBe("2025-02-28")
    // D14: 2025-12-31 + 2 months = Saturday 2026-02-28 → Monday 2026-03-02
    expect(InstallerWarranty.claimDeadline("2025-12-31")).toMatchObject({
      due: "2026-03-02",
      rolledFrom: "2026-02-28",
      party: "customer",
      kind: "right"
    })
    const d = InstallerWarranty.decide(claim())
    expect(Decision.isAccepted(d) && d.value.claimDeadline).toEqual({
      rule: "WAL-5.12.2",
      what: "claim under the installer's warranty, in writing",
      party: "customer",
      kind: "right",
      due: "2025-08-01"
    })
  })

  it("WAL-5.12.2/D14 property: a claim on the last valid day passes, the next day fails", () => {
    fc.assert(
      fc.property(date, (discoveredOn) => {
        const due = InstallerWarranty.claimDeadline(discoveredOn).due
        expectRolledLastDay(refAddMonths(discoveredOn, 2), due)
        const at = (claimedOn: string) =>
          InstallerWarranty.decide(
            claim({ acceptedOn: discoveredOn, defect: { _tag: "RentedEquipment" }, discoveredOn, claimedOn })
          )
        expect(Decision.isAccepted(at(due))).toBe(true)
        expect(Decision.isRefused(at(Calendar.addDays(due, 1)))).toBe(true)
      })
    )
  })

  it("bad input → InvalidInput naming the field", () => {
    const r = Decision.decodeInput(InstallerWarranty.ClaimInput)({ ...claim(), discoveredOn: "2025-6-1" })
    expect(Result.isFailure(r) && r.failure.message.includes("discoveredOn")).toBe(true)
  })
})
