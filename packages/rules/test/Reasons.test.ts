import { describe, expect, it } from "vitest"
import {
  AdministrativeFile,
  ContractConditions,
  DelayPenalty,
  Inspection,
  InstallerWarranty,
  LabourReimbursement,
  LatePayment,
  PaymentSchedule,
  ProductionGuarantee,
  Qualiwatt,
  ReturnEligibility,
  SupportRouting,
  Termination,
  WarrantyTerms,
  Withdrawal
} from "../src/index.js"
import type { Decision } from "../src/index.js"

/** A rule id of rules.md (ENP-L5, WAL-5.7.2, APS-3, WAL-Q4, …) or a decision of decisions.md (D1…D14). */
const RULE_ID = /^((ENP|APS)-[A-Z]?\d+|WAL-(Q\d|\d+(\.\d+)*[a-c]?)|D(1[0-4]|[1-9]))$/

const check = (reasons: ReadonlyArray<Decision.Reason>) => {
  expect(reasons.length).toBeGreaterThan(0)
  for (const r of reasons) {
    expect(r.rule).toMatch(RULE_ID)
    expect(r.message.length).toBeGreaterThan(10)
    expect(r.message).toMatch(/[.)]$/)
    expect(Object.keys(r.figures).length).toBeGreaterThan(0)
  }
}

describe("every reason carries a rule id, a sentence and its figures", () => {
  it("after-sales rules (ENP-*, APS-*, D1, D3, D6, D13)", () => {
    const micro = {
      kind: "microinverter" as const,
      detectedByMonitoring: true,
      shippedBack: true,
      rmaId: "R1",
      rmaApprovedOn: "2025-05-02"
    }
    const claim = {
      commissionedOn: "2024-03-10",
      interventionOn: "2025-05-06",
      claimedOn: "2025-06-01",
      devices: [
        { serial: "A", ...micro },
        { serial: "G", ...micro, kind: "gateway" as const }
      ] as const,
      paymentAddress: "1 rue du Soleil, Namur"
    }
    check(LabourReimbursement.decide({ ...claim, devices: [...claim.devices] }).reasons)
    check(LabourReimbursement.decide({ ...claim, devices: [...claim.devices], claimedOn: "2026-01-01" }).reasons)
    check(
      WarrantyTerms.coverage({
        manufacturer: "Enphase",
        kind: "gateway",
        commissionedOn: "2020-03-10",
        on: "2025-03-10"
      }).reasons
    )
    const system = {
      commissionedOn: "2020-03-10",
      installation: { _tag: "SelfInstalled" as const, endCustomerAccount: true },
      ownershipTransferred: false,
      devices: [
        {
          serial: "M1",
          manufacturer: "Enphase",
          kind: "microinverter" as const,
          installedOn: "2020-03-01",
          status: "current" as const
        }
      ]
    }
    check(
      ReturnEligibility.decide({
        requestedAt: "2026-11-20T16:30",
        requester: { _tag: "SelfInstaller" },
        serials: ["M1"],
        shippingAddress: "x",
        system,
        serialsInOpenRmas: [],
        proofOfOwnershipProvided: false
      }).reasons
    )
    for (const channel of ["form", "phone", "email"] as const) {
      for (const requester of [
        { _tag: "SelfInstaller" as const },
        { _tag: "Owner" as const },
        { _tag: "Distributor" as const },
        { _tag: "LicensedInstaller" as const, licenceNumber: "L1" }
      ]) {
        check(
          SupportRouting.route({
            requester,
            installation: system.installation,
            kind: "technical",
            channel,
            at: "2026-11-21T10:00",
            hasSystemOrSerialNumber: false
          }).reasons
        )
      }
    }
  })

  it("contract rules (WAL-*, D4, D5, D7, D8, D11)", () => {
    check(PaymentSchedule.build(1_272_000).reasons)
    check(
      LatePayment.charges({
        contractConcludedOn: "2023-01-10",
        invoiceInclCents: 254_400,
        receivedOn: "2025-03-01",
        status: { _tag: "Paid", paidOn: "2025-05-01" }
      }).reasons
    )
    check(
      DelayPenalty.penalty({
        startOfWorks: "2025-06-02",
        agreedEnd: "2025-06-30",
        badWeatherDays: ["2025-06-10", "2025-05-01"],
        suspensions: [{ rule: "WAL-5.9", from: "2025-06-12", to: "2025-06-13" }],
        completion: { _tag: "Completed", on: "2025-07-20" },
        priceExclCents: 500_000
      }).reasons
    )
    check(
      Withdrawal.decide({ orderedOn: "2025-04-01", offPremises: true, sentOn: "2025-04-15" }, { withdrawalDays: 7 })
        .reasons
    )
    check(ContractConditions.offerValidity({ offerSignedOn: "2025-01-01", orderedOn: "2025-03-01" }).reasons)
    check(
      ContractConditions.loanCondition({
        orderedOn: "2025-01-01",
        agreedDays: 20,
        outcome: { _tag: "Pending", evaluatedOn: "2025-01-10" }
      }).reasons
    )
    check(Inspection.conformityFix({ refusalNotifiedOn: "2025-01-01", fixedOn: "2025-01-10" }).reasons)
    check(AdministrativeFile.decide({ acceptedOn: "2025-01-01", handedOverOn: "2025-01-10" }).reasons)
    check(
      InstallerWarranty.decide({
        acceptedOn: "2024-01-01",
        defect: { _tag: "RentedEquipment" },
        discoveredOn: "2025-01-01",
        claimedOn: "2025-01-10",
        inWriting: true
      }).reasons
    )
    check(
      ProductionGuarantee.liability({
        measurement: {
          test: "annual",
          from: "2024-06-01",
          to: "2025-05-31",
          expectedWh: 5_000_000,
          actualWh: 4_000_000
        },
        exonerations: [],
        reportedOn: "2025-06-01"
      }).reasons
    )
    check(
      Termination.byCustomer({
        ground: "at-will",
        byRegisteredLetter: true,
        worksDoneCents: 1,
        expensesCents: 1,
        worksNotDoneCents: 1
      }).reasons
    )
    check(
      Qualiwatt.decide({
        hybrid: true,
        newInstallation: true,
        previouslyCommissioned: false,
        commissionedOn: "2016-05-12",
        lastConformityVisitOn: "2016-05-02",
        peakPowerWatts: 4_800,
        beneficiary: "natural-person",
        panelTechnology: "crystalline",
        onBuilding: false,
        documents: []
      }).reasons
    )
  })

  it("D12/D14: every time limit returns its deadline — rule, what, a due date rolled over from a closed day, and the day it was rolled from", () => {
    // [deadline, rule, due, rolledFrom]: the last day as counted moves off a Saturday, a Sunday or a
    // Belgian legal holiday (D14, from 2023-01-01); ENP-L5 is a manufacturer's window and never rolls.
    const deadlines: ReadonlyArray<readonly [Decision.Deadline & { rolledFrom?: string }, string, string, string?]> = [
      [ContractConditions.offerDeadline("2025-01-30"), "WAL-2.3", "2025-03-03", "2025-03-01"],
      [ContractConditions.loanDeadline({ orderedOn: "2025-01-01" }).deadline, "WAL-5.2.1", "2025-02-17", "2025-02-15"],
      [Withdrawal.deadline("2025-04-01"), "WAL-4c", "2025-04-15"],
      [Inspection.inspectionDeadline("2025-01-31"), "WAL-5.8.1", "2025-03-17"],
      [Inspection.conformityDeadline("2025-01-31"), "WAL-5.8.1", "2025-03-03", "2025-03-02"],
      [AdministrativeFile.deadline("2025-12-20"), "WAL-5.8.2", "2026-01-05", "2026-01-04"],
      [InstallerWarranty.claimDeadline("2025-12-31"), "WAL-5.12.2", "2026-03-02", "2026-02-28"],
      [ProductionGuarantee.opinionDeadline("2025-02-20"), "WAL-5.13", "2025-03-12"],
      [ProductionGuarantee.repairsDeadline("2025-02-20"), "WAL-5.13", "2025-04-07", "2025-04-06"],
      [LatePayment.dueDate("2025-03-01"), "WAL-5.4.2", "2025-03-17", "2025-03-16"],
      [LabourReimbursement.claimDeadline("2025-05-06"), "ENP-L5", "2025-11-06"],
      [Termination.waitingPeriodEnd("2025-02-20"), "WAL-5.14.4", "2025-03-12"]
    ]
    for (const [d, rule, due, rolledFrom] of deadlines) {
      expect(d.rule).toBe(rule)
      expect(d.what.length).toBeGreaterThan(5)
      expect(d.due).toBe(due)
      expect(d.rolledFrom).toBe(rolledFrom)
    }
  })
})
