import { Result } from "effect"
import type { Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  AdministrativeFile,
  ContractConditions,
  Decision,
  DelayPenalty,
  Inspection,
  InstallerWarranty,
  LatePayment,
  ProductionGuarantee,
  Termination,
  WarrantyTerms,
  Withdrawal
} from "../src/index.js"

/**
 * Every exported input Schema: a valid sample decodes; each malformed variant (a date that does not
 * exist, a date not written YYYY-MM-DD, a negative amount, an unknown kind, policy or `_tag`) fails
 * with an `InvalidInput` whose message names the offending field by its path.
 */
type Case = {
  readonly name: string
  readonly schema: Schema.Decoder<unknown>
  readonly valid: Record<string, unknown>
  readonly bad: ReadonlyArray<readonly [Record<string, unknown>, string]>
}

const cases: ReadonlyArray<Case> = [
  {
    name: "ContractConditions.OfferInput (WAL-2.3)",
    schema: ContractConditions.OfferInput,
    valid: { offerSignedOn: "2025-01-30", orderedOn: "2025-02-15" },
    bad: [
      [{ offerSignedOn: "2025-02-30" }, '["offerSignedOn"]'],
      [{ orderedOn: "2025-5-1" }, '["orderedOn"]']
    ]
  },
  {
    name: "ContractConditions.LoanInput (WAL-5.2.1, D5)",
    schema: ContractConditions.LoanInput,
    valid: { orderedOn: "2025-01-01", agreedDays: 60, outcome: { _tag: "Pending", evaluatedOn: "2025-02-01" } },
    bad: [
      [{ outcome: { _tag: "Maybe" } }, '["outcome"]'],
      [{ outcome: { _tag: "Obtained", on: "2025-02-29" } }, '["outcome"]["on"]'],
      [{ orderedOn: "2025-1-01" }, '["orderedOn"]']
    ]
  },
  {
    name: "ContractConditions.StudiesInput (WAL-4b)",
    schema: ContractConditions.StudiesInput,
    valid: { studiesNamedInSpecification: true, totalPriceCents: 1_000_000, requiredWorksCents: 50_000 },
    bad: [
      [{ rentalCents: -1 }, '["rentalCents"]'],
      [{ totalPriceCents: -1_000_000 }, '["totalPriceCents"]']
    ]
  },
  {
    name: "Inspection.InspectionInput (WAL-5.8.1)",
    schema: Inspection.InspectionInput,
    valid: { worksEndedOn: "2025-01-10", arrangedByInstaller: false, inspectedOn: "2025-02-01" },
    bad: [
      [{ worksEndedOn: "2025-02-30" }, '["worksEndedOn"]'],
      [{ inspectedOn: "2025-5-1" }, '["inspectedOn"]']
    ]
  },
  {
    name: "AdministrativeFile.Input (WAL-5.8.2)",
    schema: AdministrativeFile.Input,
    valid: { acceptedOn: "2025-01-10", handedOverOn: "2025-01-20" },
    bad: [[{ acceptedOn: "2025-5-1" }, '["acceptedOn"]']]
  },
  {
    name: "ProductionGuarantee.OpinionInput (WAL-5.13)",
    schema: ProductionGuarantee.OpinionInput,
    valid: {
      reportedOn: "2025-06-01",
      deliveredOn: "2025-06-10",
      solutionsWithinWarranty: true,
      customerToldOfChargeInAdvance: false
    },
    bad: [
      [{ reportedOn: "2025-02-30" }, '["reportedOn"]'],
      [{ deliveredOn: "2025-6-10" }, '["deliveredOn"]']
    ]
  },
  {
    name: "ProductionGuarantee.RepairsInput (WAL-5.13)",
    schema: ProductionGuarantee.RepairsInput,
    valid: { customerAgreedOn: "2025-06-01", repairedOn: "2025-07-01" },
    bad: [[{ repairedOn: "2025-06-31" }, '["repairedOn"]']]
  },
  {
    name: "ProductionGuarantee.LiabilityInput (WAL-5.13)",
    schema: ProductionGuarantee.LiabilityInput,
    valid: {
      measurement: { test: "annual", from: "2024-06-01", to: "2025-05-31", expectedWh: 5_000_000, actualWh: 4_000_000 },
      exonerations: [],
      reportedOn: "2025-06-01"
    },
    bad: [
      [
        { measurement: { test: "monthly", from: "2024-06-01", to: "2025-05-31", expectedWh: 1, actualWh: 1 } },
        '["measurement"]["test"]'
      ],
      [
        { measurement: { test: "annual", from: "2024-06-01", to: "2025-05-31", expectedWh: -1, actualWh: 1 } },
        '["measurement"]["expectedWh"]'
      ],
      [
        { measurement: { test: "45-days", from: "2025-05-15", to: "2025-04-01", expectedWh: 1, actualWh: 1 } },
        '["measurement"]'
      ]
    ]
  },
  {
    name: "Termination.RescissionInput (WAL-5.14.4)",
    schema: Termination.RescissionInput,
    valid: {
      injuredParty: "customer",
      noticeSentOn: "2025-02-01",
      noticeByRegisteredLetter: true,
      noticeCitesArticle: true,
      remediedWithinPeriod: false,
      rescindedOn: "2025-03-01",
      rescissionByRegisteredLetter: true,
      priceExclCents: 1_200_000
    },
    bad: [
      [{ injuredParty: "neighbour" }, '["injuredParty"]'],
      [{ noticeSentOn: "2025-02-29" }, '["noticeSentOn"]'],
      [{ rescindedOn: "2025-3-01" }, '["rescindedOn"]'],
      [{ priceExclCents: -1 }, '["priceExclCents"]']
    ]
  },
  {
    name: "InstallerWarranty.ClaimInput (WAL-5.12.2)",
    schema: InstallerWarranty.ClaimInput,
    valid: {
      acceptedOn: "2024-02-29",
      defect: { _tag: "Conformity", existedAtAcceptance: true },
      discoveredOn: "2025-06-01",
      claimedOn: "2025-06-15",
      inWriting: true
    },
    bad: [
      [{ defect: { _tag: "Scratch" } }, '["defect"]'],
      [{ defect: { _tag: "RentedEquipment", rentalEndsOn: "2030-02-30" } }, '["defect"]["rentalEndsOn"]'],
      [{ claimedOn: "2025-6-15" }, '["claimedOn"]']
    ]
  },
  {
    name: "LatePayment.Input (WAL-5.4.2, D8)",
    schema: LatePayment.Input,
    valid: {
      contractConcludedOn: "2023-01-10",
      invoiceInclCents: 254_400,
      receivedOn: "2025-03-01",
      status: { _tag: "Paid", paidOn: "2025-05-01" },
      reminder: { sentOn: "2025-03-20", channel: "post" }
    },
    bad: [
      [{ status: { _tag: "Forgotten" } }, '["status"]'],
      [{ reminder: { sentOn: "2025-03-20", channel: "pigeon" } }, '["reminder"]["channel"]'],
      [{ reminder: { sentOn: "2025-02-30", channel: "email" } }, '["reminder"]["sentOn"]'],
      [{ contractConcludedOn: "2023-1-10" }, '["contractConcludedOn"]']
    ]
  },
  {
    name: "DelayPenalty.Input (WAL-5.7.2, D11)",
    schema: DelayPenalty.Input,
    valid: {
      startOfWorks: "2025-06-02",
      agreedEnd: "2025-06-30",
      badWeatherDays: ["2025-06-10"],
      suspensions: [{ rule: "WAL-5.9", from: "2025-06-12", to: "2025-06-13" }],
      completion: { _tag: "Completed", on: "2025-07-20" },
      priceExclCents: 500_000
    },
    bad: [
      [{ completion: { _tag: "Abandoned" } }, '["completion"]'],
      [{ suspensions: [{ rule: "WAL-9.9", from: "2025-06-12", to: "2025-06-13" }] }, '["suspensions"][0]["rule"]'],
      [{ suspensions: [{ rule: "WAL-5.9", from: "2025-6-12", to: "2025-06-13" }] }, '["suspensions"][0]["from"]'],
      // a suspension that ends before it begins is malformed, not a business "no"
      [{ suspensions: [{ rule: "WAL-5.9", from: "2025-06-13", to: "2025-06-12" }] }, '["suspensions"][0]'],
      [{ agreedEnd: "2025-06-31" }, '["agreedEnd"]']
    ]
  },
  {
    name: "DelayPenalty.PolicySchema (WAL-5.7.2, D11)",
    schema: DelayPenalty.PolicySchema,
    valid: { perDayCents: 3_500, capBp: 1_000, countDays: "working-days", extraClosingDays: [] },
    bad: [
      [{ capBp: -1 }, '["capBp"]'],
      [{ countDays: "weekdays" }, '["countDays"]'],
      [{ extraClosingDays: ["2025-13-01"] }, '["extraClosingDays"]']
    ]
  },
  {
    name: "WarrantyTerms.CoverageInput (D1)",
    schema: WarrantyTerms.CoverageInput,
    valid: { manufacturer: "Enphase", kind: "gateway", commissionedOn: "2020-03-10", on: "2025-03-09" },
    bad: [
      [{ installedOn: "2021-02-29" }, '["installedOn"]'],
      [{ manufacturer: "" }, '["manufacturer"]']
    ]
  },
  {
    name: "Withdrawal.Input (WAL-4c, D7)",
    schema: Withdrawal.Input,
    valid: {
      concludedBy: "off-premises",
      orderedOn: "2025-04-01",
      withdrawalInformation: "legal",
      goodsDeliveredOn: "2025-05-12",
      sentOn: "2025-04-15"
    },
    bad: [
      [{ sentOn: "2025-04-31" }, '["sentOn"]'],
      [{ concludedBy: "fair" }, '["concludedBy"]'],
      [{ withdrawalInformation: undefined }, '["withdrawalInformation"]'],
      [{ goodsDeliveredOn: "12/05/2025" }, '["goodsDeliveredOn"]']
    ]
  }
]

describe("bad input → InvalidInput naming the field", () => {
  for (const c of cases) {
    it(`${c.name}: the sample decodes; each malformed field is named`, () => {
      const decode = Decision.decodeInput(c.schema, "input")
      expect(Result.isSuccess(decode(c.valid))).toBe(true)
      for (const [patch, path] of c.bad) {
        const r = decode({ ...c.valid, ...patch })
        expect(Result.isFailure(r)).toBe(true)
        if (Result.isFailure(r)) {
          expect(r.failure._tag).toBe("InvalidInput")
          expect(r.failure.message).toContain(path)
        }
      }
    })
  }
})
