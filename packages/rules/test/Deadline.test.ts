import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  AdministrativeFile,
  Calendar,
  ContractConditions,
  Deadline,
  Holidays,
  Inspection,
  InstallerWarranty,
  LatePayment,
  ProductionGuarantee,
  Termination,
  Withdrawal
} from "../src/index.js"

// Every Walloon time limit computed by the rules, from an event day (D12, D14).
const limits: ReadonlyArray<readonly [string, (event: string) => Deadline.Deadline]> = [
  ["WAL-2.3 offer validity", (d) => ContractConditions.offerDeadline(d)],
  ["WAL-5.2.1/D5 loan period", (d) => ContractConditions.loanDeadline({ orderedOn: d, agreedDays: 60 }).deadline],
  ["WAL-4c withdrawal (from the order)", (d) => Withdrawal.deadline(d)],
  [
    "D7 withdrawal (from the delivery)",
    (d) => {
      const p = Withdrawal.period({
        concludedBy: "off-premises",
        orderedOn: d,
        withdrawalInformation: "none",
        goodsDeliveredOn: d
      })
      if (p._tag !== "Running") throw new Error("running")
      return p.deadline
    }
  ],
  ["D7 refund", (d) => Withdrawal.refundDeadline(d)],
  ["WAL-5.4.2 payment due date", (d) => LatePayment.dueDate(d)],
  ["D8 Book XIX reminder period (post)", (d) => LatePayment.reminderPeriod({ sentOn: d, channel: "post" })],
  ["D8 Book XIX reminder period (e-mail)", (d) => LatePayment.reminderPeriod({ sentOn: d, channel: "email" })],
  ["WAL-5.8.1 inspection", (d) => Inspection.inspectionDeadline(d)],
  ["WAL-5.8.1 conformity fix", (d) => Inspection.conformityDeadline(d)],
  ["WAL-5.8.2 administrative file", (d) => AdministrativeFile.deadline(d)],
  ["WAL-5.12.2 warranty claim", (d) => InstallerWarranty.claimDeadline(d)],
  ["WAL-5.13 technical opinion", (d) => ProductionGuarantee.opinionDeadline(d)],
  ["WAL-5.13 repairs", (d) => ProductionGuarantee.repairsDeadline(d)],
  ["WAL-5.14.4 formal-notice waiting period", (d) => Termination.waitingPeriodEnd(d)]
]

const day = fc.integer({ min: 0, max: 5000 }).map((n) => Calendar.addDays("2022-06-01", n))

describe("Deadline (D12, D14)", () => {
  it.each(limits)(
    "D14/WAL-5.16 property: the last day of %s is never a Saturday, a Sunday or a Belgian legal holiday (from 2023: Belgian law), and says where it rolled from",
    (_, limit) => {
      fc.assert(
        fc.property(day, (event) => {
          const d = limit(event)
          if (d.due >= Holidays.rollOverFrom) expect(Holidays.isWorkingDay(d.due)).toBe(true)
          if (d.rolledFrom !== undefined) {
            expect(d.rolledFrom < d.due).toBe(true)
            expect(Holidays.isWorkingDay(d.rolledFrom)).toBe(false)
            expect(d.because).toContain(d.rolledFrom)
          }
        }),
        { numRuns: 200 }
      )
    }
  )

  it("D14: a closed last day before 2023-01-01 is kept, and the deadline says why; the policy switch turns roll-over off", () => {
    // 2022-12-25 (Sunday, Christmas)
    const d = Deadline.limit({
      rule: "X",
      what: "do it",
      party: "customer",
      kind: "obligation",
      event: "2022-12-11",
      span: { days: 14 }
    })
    expect(d).toMatchObject({ due: "2022-12-25" })
    expect(d.rolledFrom).toBeUndefined()
    expect(d.because).toContain("before 2023-01-01")
    const off = Deadline.limit(
      { rule: "X", what: "do it", party: "customer", kind: "obligation", event: "2025-03-02", span: { days: 14 } },
      { rollOver: false, extraClosingDays: [] }
    )
    expect(off.due).toBe("2025-03-16")
    // an extra closing day rolls too
    const extra = Deadline.limit(
      { rule: "X", what: "do it", party: "customer", kind: "obligation", event: "2025-03-03", span: { days: 14 } },
      { rollOver: true, extraClosingDays: ["2025-03-17"] }
    )
    expect(extra).toMatchObject({ due: "2025-03-18", rolledFrom: "2025-03-17" })
  })

  it("D12: rights are worded as rights, obligations as obligations, with the roll-over", () => {
    const right = Withdrawal.deadline("2025-04-07")
    expect(Deadline.describe(right)).toBe(
      "The customer may withdraw from the contract (send the notice) until 2025-04-22 (WAL-4c); 2025-04-21 is a legal holiday (Easter Monday): the last day moves to the next working day (D14, Civil Code art. 1.7)."
    )
    expect(Deadline.describe(AdministrativeFile.deadline("2025-05-02"))).toBe(
      "The installer must hand over the complete administrative file by 2025-05-19 (WAL-5.8.2); 2025-05-17 is a Saturday: the last day moves to the next working day (D14, Civil Code art. 1.7)."
    )
  })

  it("D12: status — met, missed, open, and lapsed for a right not used in time", () => {
    const obligation = { due: "2025-05-19", kind: "obligation" as const }
    const right = { due: "2025-05-19", kind: "right" as const }
    expect(Deadline.status(obligation, "2025-05-19", "2025-06-01")).toBe("met")
    expect(Deadline.status(obligation, "2025-05-20", "2025-06-01")).toBe("missed")
    expect(Deadline.status(obligation, undefined, "2025-05-19")).toBe("open")
    expect(Deadline.status(obligation, undefined, "2025-05-20")).toBe("missed")
    expect(Deadline.status(right, undefined, "2025-05-20")).toBe("lapsed")
    expect(Deadline.status(right, "2025-05-25", "2025-05-20")).toBe("lapsed") // done after asOf: not yet known
  })
})
