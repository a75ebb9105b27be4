import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import type { Withdrawal } from "../src/index.js"
import { Calendar, Decision, Termination } from "../src/index.js"
import { expectRolledLastDay } from "./support/rollOver.js"

const date = fc.oneof(
  fc.integer({ min: 0, max: 4000 }).map((n) => Calendar.addDays("2020-01-01", n)),
  fc.constantFrom("2024-02-09", "2024-02-10", "2023-02-08", "2024-12-31", "2025-01-31")
)

const rescission = (
  noticeSentOn: string,
  rescindedOn: string,
  over: Partial<typeof Termination.RescissionInput.Type> = {}
) =>
  Termination.rescission({
    injuredParty: "customer",
    noticeSentOn,
    noticeByRegisteredLetter: true,
    noticeCitesArticle: true,
    remediedWithinPeriod: false,
    rescindedOn,
    rescissionByRegisteredLetter: true,
    priceExclCents: 1_200_000,
    ...over
  })

describe("Termination", () => {
  it("WAL-5.14.2/D10: at will — works done + expenses incl. VAT, and 10% of the works not done as lost profit outside VAT", () => {
    const d = Termination.byCustomer({
      ground: "at-will",
      byRegisteredLetter: true,
      worksDoneCents: 300_000,
      expensesCents: 20_000,
      worksNotDoneCents: 800_005
    })
    // 10% of 8,000.05 = 800.005 → half-up 800.01
    expect(Decision.isAccepted(d) && d.value).toEqual({
      worksDoneCents: 300_000,
      expensesCents: 20_000,
      lostProfitCents: 80_001,
      totalCents: 400_001,
      worksDone: { cents: 300_000, basis: "incl" },
      expenses: { cents: 20_000, basis: "incl" },
      lostProfit: { cents: 80_001, basis: "outside" },
      totals: { inclCents: 320_000, outsideCents: 80_001 }
    })
    expect(d.reasons[0]?.rule).toBe("WAL-5.14.2")
  })

  it("WAL-5.6.2 and WAL-5.10: without indemnity — no lost profit", () => {
    for (const ground of ["unforeseen-studies", "component-unavailable"] as const) {
      const d = Termination.byCustomer({
        ground,
        byRegisteredLetter: true,
        worksDoneCents: 100,
        expensesCents: 50,
        worksNotDoneCents: 10_000
      })
      expect(Decision.isAccepted(d) && d.value.totalCents).toBe(150)
      expect(d.reasons[0]?.rule).toBe(ground === "unforeseen-studies" ? "WAL-5.6.2" : "WAL-5.10")
    }
  })

  it("WAL-5.14.1: a termination not sent by registered letter is refused", () => {
    const d = Termination.byCustomer({
      ground: "at-will",
      byRegisteredLetter: false,
      worksDoneCents: 0,
      expensesCents: 0,
      worksNotDoneCents: 0
    })
    expect(d.reasons[0]?.rule).toBe("WAL-5.14.1")
  })

  it("WAL-5.14.3: the installer terminates only when indispensable works are refused; costs and materials only", () => {
    const ok = Termination.byInstaller({
      byRegisteredLetter: true,
      customerRefusedIndispensableWorks: true,
      costsCents: 10_000,
      materialsUsedCents: 5_000
    })
    expect(Decision.isAccepted(ok) && ok.value.totalCents).toBe(15_000)
    const no = Termination.byInstaller({
      byRegisteredLetter: true,
      customerRefusedIndispensableWorks: false,
      costsCents: 10_000,
      materialsUsedCents: 5_000
    })
    expect(no.reasons[0]?.rule).toBe("WAL-5.14.3")
  })

  it("WAL-5.14.4: notice 2024-02-09 → waiting period ends 2024-02-29, rescission from 2024-03-01, 10% of the price excl. VAT", () => {
    expect(Termination.waitingPeriodEnd("2024-02-09").due).toBe("2024-02-29")
    expect(Decision.isRefused(rescission("2024-02-09", "2024-02-29"))).toBe(true)
    const ok = rescission("2024-02-09", "2024-03-01")
    expect(Decision.isAccepted(ok) && ok.value.indemnity).toEqual({ cents: 120_000, vat: "excl" })
  })

  it("WAL-5.14.4: a notice not citing the article, or remedied in time, does not open rescission", () => {
    expect(rescission("2024-02-09", "2024-04-01", { noticeCitesArticle: false }).reasons[0]?.rule).toBe("WAL-5.14.4")
    expect(Decision.isRefused(rescission("2024-02-09", "2024-04-01", { remediedWithinPeriod: true }))).toBe(true)
  })

  it("WAL-5.14.4/D14 property: rescission on the last day of the waiting period fails, the next day passes", () => {
    fc.assert(
      fc.property(date, (noticeSentOn) => {
        const end = Termination.waitingPeriodEnd(noticeSentOn).due
        expectRolledLastDay(Calendar.addDays(noticeSentOn, 20), end)
        const early = rescission(noticeSentOn, end)
        // the refusal cites the clause (WAL-5.14.4) and the counting of its period (D14)
        expect(Decision.isRefused(early) && early.reasons.map((r) => r.rule)).toEqual(["WAL-5.14.4", "D14"])
        expect(Decision.isAccepted(rescission(noticeSentOn, Calendar.addDays(end, 1)))).toBe(true)
      })
    )
  })

  it("bad input → InvalidInput naming the field", () => {
    const r = Decision.decodeInput(Termination.CustomerInput)({
      ground: "bored",
      byRegisteredLetter: true,
      worksDoneCents: 0,
      expensesCents: 0,
      worksNotDoneCents: 0
    })
    expect(Result.isFailure(r) && r.failure.message.includes("ground")).toBe(true)
    const n = Decision.decodeInput(Termination.InstallerInput)({
      byRegisteredLetter: true,
      customerRefusedIndispensableWorks: true,
      costsCents: -1,
      materialsUsedCents: 0
    })
    expect(Result.isFailure(n) && n.failure.message.includes("costsCents")).toBe(true)
  })
})

describe("Termination (issue 15: D7, D10, D14, WAL-5.6.2)", () => {
  const atWill = {
    ground: "at-will",
    byRegisteredLetter: true,
    worksDoneCents: 0,
    expensesCents: 0,
    worksNotDoneCents: 1_200_000
  } as const

  it("WAL-5.6.2: termination without indemnity is refused when the studies WERE named in the specification (WAL-5.6.1 applies)", () => {
    const input = { ...atWill, ground: "unforeseen-studies" as const, worksDoneCents: 100, expensesCents: 50 }
    const named = Termination.byCustomer({ ...input, studiesNamedInSpecification: true })
    expect(Decision.isRefused(named) && named.reasons[0].rule).toBe("WAL-5.6.2")
    const notNamed = Termination.byCustomer({ ...input, studiesNamedInSpecification: false })
    expect(Decision.isAccepted(notNamed) && notNamed.value.totals).toEqual({ inclCents: 150, outsideCents: 0 })
  })

  it("D10: a policy can put the lost profit under VAT (at the contract's rate); without the rate it refuses naming D10", () => {
    const policy = { ...Termination.defaultPolicy, lostProfitBasis: "incl" as const }
    const d = Termination.byCustomer({ ...atWill, vatBp: 600 }, policy)
    // 10% of 12,000.00 = 1,200.00 excl. → 1,272.00 incl. at 6%
    expect(Decision.isAccepted(d) && d.value.lostProfit).toEqual({ cents: 127_200, basis: "incl" })
    const noRate = Termination.byCustomer(atWill, policy)
    expect(Decision.isRefused(noRate) && noRate.reasons[0].rule).toBe("D10")
  })

  it("D10/WAL-5.14.4: the rescission indemnity is 10% of the price excl. VAT, owed outside VAT", () => {
    const d = rescission("2025-02-20", "2025-03-13")
    expect(Decision.isAccepted(d) && d.value.indemnityOwed).toEqual({ cents: 120_000, basis: "outside" })
  })

  it("D14/WAL-5.14.4: a waiting period ending on Easter Monday rolls over to Tuesday; rescinding that Monday is refused citing both", () => {
    // notice 2025-04-01 + 20 days = Easter Monday 2025-04-21, a Belgian legal holiday → Tuesday 2025-04-22
    const end = Termination.waitingPeriodEnd("2025-04-01")
    expect(end).toMatchObject({ due: "2025-04-22", rolledFrom: "2025-04-21", party: "installer", kind: "obligation" })
    const onRolled = rescission("2025-04-01", "2025-04-22")
    expect(Decision.isRefused(onRolled) && onRolled.reasons.map((r) => r.rule)).toEqual(["WAL-5.14.4", "D14"])
    expect(Decision.isAccepted(rescission("2025-04-01", "2025-04-23"))).toBe(true)
    // the party who must remedy is the one in breach
    const byInstaller = rescission("2025-04-01", "2025-04-23", { injuredParty: "installer" })
    expect(Decision.isAccepted(byInstaller) && byInstaller.value.waitingPeriod.party).toBe("customer")
  })

  it("D7: a customer's termination sent while the withdrawal period is open is taken as a withdrawal — no lost profit, and it says so", () => {
    const withdrawal: Withdrawal.Facts = {
      concludedBy: "off-premises",
      orderedOn: "2025-04-01",
      withdrawalInformation: "legal",
      goodsDeliveredOn: "2025-05-12"
    }
    const inPeriod = Termination.byCustomerOrWithdrawal({ termination: atWill, withdrawal, sentOn: "2025-05-26" })
    expect(Decision.isAccepted(inPeriod) && inPeriod.value._tag).toBe("Withdrawal")
    expect(inPeriod.reasons[0]?.rule).toBe("D7")
    expect(inPeriod.reasons[0]?.message).toContain("taken as a withdrawal")
    const after = Termination.byCustomerOrWithdrawal({ termination: atWill, withdrawal, sentOn: "2025-05-27" })
    expect(Decision.isAccepted(after) && after.value).toMatchObject({
      _tag: "Termination",
      owed: { lostProfit: { cents: 120_000, basis: "outside" } }
    })
    // on the installer's premises there is no withdrawal right: always a termination
    const onPremises = Termination.byCustomerOrWithdrawal({
      termination: atWill,
      withdrawal: { ...withdrawal, concludedBy: "on-premises" },
      sentOn: "2025-05-20"
    })
    expect(Decision.isAccepted(onPremises) && onPremises.value._tag).toBe("Termination")
  })
})
