import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, Termination } from "../src/index.js"

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
  it("WAL-5.14.2: at will — works done + expenses + 10% of the works not done", () => {
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
      totalCents: 400_001
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
        expect(Calendar.daysBetween(noticeSentOn, end)).toBe(20)
        const early = rescission(noticeSentOn, end)
        expect(Decision.isRefused(early) && early.reasons[0].rule).toBe("D14")
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
