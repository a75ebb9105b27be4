import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Calendar, Decision, Qualiwatt } from "../src/index.js"

const input = (over: Partial<Qualiwatt.PremiumInput> = {}): Qualiwatt.PremiumInput => ({
  hybrid: false,
  newInstallation: true,
  previouslyCommissioned: false,
  commissionedOn: "2016-05-12",
  lastConformityVisitOn: "2016-05-02",
  peakPowerWatts: 4_800,
  maxAcPowerWatts: 4_600,
  beneficiary: "natural-person",
  panelTechnology: "crystalline",
  onBuilding: true,
  documents: [
    "rescert-certificate",
    "conformity-declaration",
    "factory-inspection-certificate",
    "signed-standard-contract",
    "iec-61215",
    "iec-61730"
  ],
  ...over
})

const rules = (d: Decision.Decision<unknown>) => d.reasons.map((r) => r.rule)

describe("Qualiwatt", () => {
  it("WAL-Q3: eligible; the installation must be kept until 2021-05-01 (5 years from the 2016-05-02 visit)", () => {
    const d = Qualiwatt.decide(input())
    expect(Decision.isAccepted(d) && d.value).toEqual({ keepUntil: "2021-05-01" })
  })

  it("WAL-Q3 property: the keeping obligation holds on its last day and not the day after", () => {
    fc.assert(
      fc.property(
        fc
          .date({ min: new Date(Date.UTC(2014, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        (visit) => {
          const until = Qualiwatt.keepUntil(visit)
          expect(Calendar.coveredOn(visit, { years: 5 }, until)).toBe(true)
          expect(Calendar.coveredOn(visit, { years: 5 }, Calendar.addDays(until, 1))).toBe(false)
        }
      )
    )
  })

  it("WAL-Q1: a hybrid installation is not eligible", () => {
    expect(rules(Qualiwatt.decide(input({ hybrid: true })))).toEqual(["WAL-Q1"])
  })

  it("WAL-Q2: an installation commissioned before, or not new, is not eligible", () => {
    expect(rules(Qualiwatt.decide(input({ previouslyCommissioned: true })))).toEqual(["WAL-Q2"])
    expect(rules(Qualiwatt.decide(input({ newInstallation: false })))).toEqual(["WAL-Q2"])
  })

  it("WAL-Q4: lists the missing documents, depending on beneficiary, technology and mounting", () => {
    const d = Qualiwatt.decide(input({ panelTechnology: "thin-film" }))
    expect(Decision.isRefused(d)).toBe(true)
    expect(d.reasons[0]).toMatchObject({ rule: "WAL-Q4", figures: { missing: "iec-61646" } })
    expect(
      Qualiwatt.requiredDocuments({ beneficiary: "legal-person", panelTechnology: "crystalline", onBuilding: false })
    ).toEqual(["rescert-certificate", "conformity-declaration", "factory-inspection-certificate", "iec-61215"])
  })

  it("D9: judged on the inspection acceptance date (§3.6 « fait foi »), window 2014-03-01 … 2018-06-30 inclusive; 'scheme closed' outside", () => {
    const accepted = (on: string) => input({ commissionedOn: on, lastConformityVisitOn: on, inspectionAcceptedOn: on })
    expect(Decision.isAccepted(Qualiwatt.decide(accepted("2014-03-01")))).toBe(true)
    expect(Decision.isAccepted(Qualiwatt.decide(accepted("2018-06-30")))).toBe(true)
    const closed = Qualiwatt.decide(accepted("2018-07-01"))
    expect(Decision.isRefused(closed) && closed.reasons[0]).toMatchObject({ rule: "D9" })
    expect(closed.reasons[0]?.message).toContain("Scheme closed")
    expect(rules(Qualiwatt.decide(accepted("2014-02-28")))).toEqual(["D9"])
  })

  it("D9 (issue 15): commissioned 2018-06-25 but accepted by the control body 2018-07-03 → scheme closed; commissioned 2014-02-20, accepted 2014-03-05 → in the window", () => {
    const late = Qualiwatt.decide(input({ commissionedOn: "2018-06-25", lastConformityVisitOn: "2018-07-03" }))
    expect(rules(late)).toEqual(["D9"])
    expect(late.reasons[0]?.figures).toMatchObject({ inspectionAcceptedOn: "2018-07-03" })
    const early = Qualiwatt.decide(
      input({ commissionedOn: "2014-02-20", lastConformityVisitOn: "2014-03-05", inspectionAcceptedOn: "2014-03-05" })
    )
    expect(Decision.isAccepted(early)).toBe(true)
  })

  it("WAL-1.1a/D9: the 10 kW limit is on the inverters' AC power by default — 10.4 kWp with 9.9 kW AC is eligible; peak power by policy", () => {
    expect(Decision.isAccepted(Qualiwatt.decide(input({ peakPowerWatts: 10_400, maxAcPowerWatts: 9_900 })))).toBe(true)
    expect(rules(Qualiwatt.decide(input({ maxAcPowerWatts: 10_001 })))).toEqual(["WAL-1.1a"])
    expect(Decision.isAccepted(Qualiwatt.decide(input({ maxAcPowerWatts: 10_000 })))).toBe(true)
    const peak = { ...Qualiwatt.defaultPolicy, powerBasis: "peak" as const }
    expect(rules(Qualiwatt.decide(input({ peakPowerWatts: 10_001 }), peak))).toEqual(["WAL-1.1a"])
    expect(Decision.isAccepted(Qualiwatt.decide(input({ peakPowerWatts: 10_000 }), peak))).toBe(true)
    // WAL-Q3's "< 10 kWc" is not a second limit: exactly 10,000 Wp passes under the peak basis (above)
    // and, under the default basis, a missing AC power is said, never guessed
    const { maxAcPowerWatts: _, ...noAc } = input()
    const missing = Qualiwatt.decide(noAc)
    expect(Decision.isRefused(missing) && missing.reasons[0]).toMatchObject({
      rule: "D9",
      figures: { missing: "maxAcPowerWatts" }
    })
  })

  it("reports every refusing reason at once", () => {
    expect(
      rules(
        Qualiwatt.decide(
          input({ hybrid: true, previouslyCommissioned: true, lastConformityVisitOn: "2019-01-01", documents: [] })
        )
      )
    ).toEqual(["D9", "WAL-Q1", "WAL-Q2", "WAL-Q4"])
  })

  it("bad input: an unknown document or a malformed date names the field", () => {
    const decode = Decision.decodeInput(Qualiwatt.PremiumInput, "premium")
    expect(Result.isSuccess(decode(input()))).toBe(true)
    const doc = decode({ ...input(), documents: ["photo"] })
    expect(Result.isFailure(doc) && doc.failure.message).toContain('["documents"][0]')
    const power = decode({ ...input(), peakPowerWatts: -4_800 })
    expect(Result.isFailure(power) && power.failure.message).toContain('["peakPowerWatts"]')
    const date = decode({ ...input(), lastConformityVisitOn: "2016-13-02" })
    expect(Result.isFailure(date) && date.failure.message).toContain('["lastConformityVisitOn"]')
  })
})
