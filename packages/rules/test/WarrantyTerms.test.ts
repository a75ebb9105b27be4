import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Decision, WarrantyTerms } from "../src/index.js"
import { refAddYears } from "./support/refCalendar.js"

const dateArb = fc
  .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2060, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

describe("WarrantyTerms", () => {
  it("ENP-W1/D1: default terms — Enphase 25/10/5 years, APsystems 10/3 years", () => {
    const years = (manufacturer: string, kind: WarrantyTerms.DeviceKind) => {
      const t = WarrantyTerms.term({ manufacturer, kind, commissionedOn: "2020-01-15" })
      return Decision.isAccepted(t) ? t.value.end : undefined
    }
    expect(years("Enphase", "microinverter")).toBe("2045-01-15")
    expect(years("Enphase", "ac-battery")).toBe("2030-01-15")
    expect(years("Enphase", "gateway")).toBe("2025-01-15")
    expect(years("APsystems", "microinverter")).toBe("2030-01-15")
    expect(years("apsystems", "gateway")).toBe("2023-01-15") // case-insensitive manufacturer
  })

  it("D1: an Enphase gateway commissioned 2020-03-10 is covered on 2025-03-09, not on 2025-03-10", () => {
    const base = { manufacturer: "Enphase", kind: "gateway" as const, commissionedOn: "2020-03-10" }
    const last = WarrantyTerms.coverage({ ...base, on: "2025-03-09" })
    expect(Decision.isAccepted(last)).toBe(true)
    if (Decision.isAccepted(last)) {
      expect(last.value).toMatchObject({
        start: "2020-03-10",
        end: "2025-03-10",
        lastCoveredDay: "2025-03-09",
        covered: true
      })
    }
    const after = WarrantyTerms.coverage({ ...base, on: "2025-03-10" })
    expect(Decision.isRefused(after)).toBe(true)
    if (Decision.isRefused(after)) {
      expect(after.reasons[0].rule).toBe("ENP-W1")
      expect(after.reasons[0].figures).toMatchObject({ end: "2025-03-10", lastCoveredDay: "2025-03-09" })
    }
  })

  it("D1: a term from 29 February ends on 28 February", () => {
    const t = WarrantyTerms.term({ manufacturer: "APsystems", kind: "gateway", commissionedOn: "2024-02-29" })
    expect(Decision.isAccepted(t) && t.value.end).toBe("2027-02-28")
    expect(Decision.isAccepted(t) && t.value.lastCoveredDay).toBe("2027-02-27")
  })

  it("D1: a device installed after commissioning starts its own term; one installed before starts at commissioning", () => {
    const later = WarrantyTerms.term({
      manufacturer: "Enphase",
      kind: "ac-battery",
      commissionedOn: "2020-01-01",
      installedOn: "2022-06-15"
    })
    expect(Decision.isAccepted(later) && later.value.start).toBe("2022-06-15")
    const earlier = WarrantyTerms.term({
      manufacturer: "Enphase",
      kind: "ac-battery",
      commissionedOn: "2020-01-01",
      installedOn: "2019-12-20"
    })
    expect(Decision.isAccepted(earlier) && earlier.value.start).toBe("2020-01-01")
  })

  it("D1: a replacement continues the remaining term of the device it replaces", () => {
    const r = WarrantyTerms.coverage({
      manufacturer: "APsystems",
      kind: "microinverter",
      commissionedOn: "2015-04-01",
      installedOn: "2024-11-02",
      replacesTermStart: "2015-04-01",
      on: "2025-04-01"
    })
    expect(Decision.isRefused(r)).toBe(true) // 10 years from 2015-04-01 ended on 2025-03-31
    const table: WarrantyTerms.TermTable = WarrantyTerms.defaultTermTable.map((e) =>
      e.manufacturer === "APsystems" && e.kind === "microinverter" ? { ...e, replacement: "new-term" } : e
    )
    const fresh = WarrantyTerms.coverage(
      {
        manufacturer: "APsystems",
        kind: "microinverter",
        commissionedOn: "2015-04-01",
        installedOn: "2024-11-02",
        replacesTermStart: "2015-04-01",
        on: "2025-04-01"
      },
      table
    )
    expect(Decision.isAccepted(fresh) && fresh.value.start).toBe("2024-11-02")
  })

  it("D1: a day before the term starts is not covered", () => {
    const r = WarrantyTerms.coverage({
      manufacturer: "Enphase",
      kind: "microinverter",
      commissionedOn: "2020-01-01",
      on: "2019-12-31"
    })
    expect(Decision.isRefused(r) && r.reasons[0].rule).toBe("D1")
  })

  it("D1: an unknown manufacturer or a kind with no term is refused with a clear reason, not thrown", () => {
    const m = WarrantyTerms.coverage({
      manufacturer: "Acme",
      kind: "microinverter",
      commissionedOn: "2020-01-01",
      on: "2021-01-01"
    })
    expect(Decision.isRefused(m) && m.reasons[0].message).toContain("manufacturer Acme")
    const k = WarrantyTerms.coverage({
      manufacturer: "APsystems",
      kind: "ac-battery",
      commissionedOn: "2020-01-01",
      on: "2021-01-01"
    })
    expect(Decision.isRefused(k) && k.reasons[0].message).toContain("ac-battery")
  })

  it("bad input: an unknown device kind or a malformed date is a decoding error naming the field", () => {
    const decode = Decision.decodeInput(WarrantyTerms.CoverageInput, "coverage")
    const kind = decode({ manufacturer: "Enphase", kind: "toaster", commissionedOn: "2020-01-01", on: "2021-01-01" })
    expect(Result.isFailure(kind) && kind.failure.message).toContain('["kind"]')
    const date = decode({ manufacturer: "Enphase", kind: "gateway", commissionedOn: "2020-02-30", on: "2021-01-01" })
    expect(Result.isFailure(date) && date.failure.message).toContain('["commissionedOn"]')
  })

  it("ENP-W1/D1 property: covered on the last covered day, not on the end day, for every table row", () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(...WarrantyTerms.defaultTermTable), (commissionedOn, entry) => {
        const base = { manufacturer: entry.manufacturer, kind: entry.kind, commissionedOn }
        const t = WarrantyTerms.term(base)
        if (!Decision.isAccepted(t)) throw new Error("expected a term")
        expect(t.value.end).toBe(refAddYears(commissionedOn, entry.years))
        expect(Decision.isAccepted(WarrantyTerms.coverage({ ...base, on: t.value.lastCoveredDay }))).toBe(true)
        expect(Decision.isRefused(WarrantyTerms.coverage({ ...base, on: t.value.end }))).toBe(true)
        expect(Decision.isAccepted(WarrantyTerms.coverage({ ...base, on: commissionedOn }))).toBe(true)
      })
    )
  })
})
