import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Decision, ReturnEligibility } from "../src/index.js"

type Request = ReturnEligibility.ReturnRequest

const request = (over: Partial<Request> = {}, system: Partial<Request["system"]> = {}): Request => ({
  requestedAt: "2026-11-20T16:30", // a Friday
  requester: { _tag: "LicensedInstaller", licenceNumber: "LIC-0042" },
  serials: ["M1"],
  shippingAddress: "Rue de la Station 4, 5000 Namur",
  system: {
    commissionedOn: "2020-03-10",
    installation: { _tag: "ByLicensedInstaller", licenceNumber: "LIC-0042", installerAvailable: true },
    ownershipTransferred: false,
    devices: [
      { serial: "M1", manufacturer: "Enphase", kind: "microinverter", installedOn: "2020-03-01", status: "current" },
      { serial: "M0", manufacturer: "Enphase", kind: "microinverter", installedOn: "2020-03-01", status: "retired" },
      { serial: "G1", manufacturer: "Enphase", kind: "gateway", installedOn: "2020-03-01", status: "current" },
      { serial: "A1", manufacturer: "APsystems", kind: "microinverter", installedOn: "2020-03-01", status: "current" }
    ],
    ...system
  },
  serialsInOpenRmas: [],
  proofOfOwnershipProvided: false,
  ...over
})

const rules = (o: ReturnEligibility.Outcome) => o.reasons.map((r) => r.rule)

describe("ReturnEligibility", () => {
  it("ENP-R6b/ENP-W2/APS-2: a licensed installer's request for a current microinverter under warranty is approved", () => {
    const o = ReturnEligibility.decide(request())
    expect(o._tag).toBe("Approved")
    if (o._tag === "Approved") {
      expect(o.serials).toEqual(["M1"])
      expect(o.coverage[0]).toMatchObject({ start: "2020-03-10", lastCoveredDay: "2045-03-09" })
      expect(rules(o)).toEqual(["APS-2", "ENP-W2", "ENP-R6"])
      // ENP-R4: the replacement ships to the address given in the request.
      expect(o.reasons[2]?.figures["shippingAddress"]).toBe("Rue de la Station 4, 5000 Namur")
    }
  })

  it("ENP-R10: self-service returns take AC batteries too — an Enphase battery within its 10 years is approved", () => {
    // Commissioned 2020-03-10; the AC battery's 10-year term (D1) covers 2026-11-20 (last day 2030-03-09).
    const o = ReturnEligibility.decide(
      request(
        { serials: ["B1"] },
        {
          devices: [
            { serial: "B1", manufacturer: "Enphase", kind: "ac-battery", installedOn: "2020-03-01", status: "current" }
          ]
        }
      )
    )
    expect(o._tag).toBe("Approved")
    if (o._tag === "Approved") {
      expect(o.coverage[0]).toMatchObject({ start: "2020-03-10", lastCoveredDay: "2030-03-09" })
      expect(rules(o)).toEqual(["APS-2", "ENP-W2", "ENP-R6"])
    }
  })

  it("ENP-W2: no RMA outside warranty — the Enphase gateway's 5 years ended on 2025-03-09", () => {
    const o = ReturnEligibility.decide(request({ serials: ["G1"] }))
    expect(o._tag).toBe("NotEligible")
    expect(rules(o)[0]).toBe("ENP-W2")
    expect(o.reasons[0]?.figures["lastCoveredDay"]).toBe("2025-03-09")
  })

  it("ENP-W2/D1: warranty is judged on the request date — the gateway on its last covered day is approved", () => {
    expect(ReturnEligibility.decide(request({ serials: ["G1"], requestedAt: "2025-03-09T10:00" }))._tag).toBe(
      "Approved"
    )
    expect(ReturnEligibility.decide(request({ serials: ["G1"], requestedAt: "2025-03-10T10:00" }))._tag).toBe(
      "NotEligible"
    )
  })

  it("ENP-R6a/D13: a not-eligible return gets a callback between +24 and +48 working-day hours of the request", () => {
    const o = ReturnEligibility.decide(request({ serials: ["G1"] }))
    expect(o._tag).toBe("NotEligible")
    if (o._tag === "NotEligible") {
      // D13 (revised): the clock runs all day on working days. Friday 16:30 → +24 h Monday 16:30; +48 h Tuesday 16:30.
      expect(o.callback).toEqual({ rule: "ENP-R6", earliest: "2026-11-23T16:30", latest: "2026-11-24T16:30" })
    }
  })

  it('ENP-R6a/D13: with hoursBasis "support-hours" only the support line\'s open hours count (the earlier reading)', () => {
    const o = ReturnEligibility.decide(request({ serials: ["G1"] }), {
      ...ReturnEligibility.defaultPolicy,
      hoursBasis: "support-hours"
    })
    expect(o._tag).toBe("NotEligible")
    if (o._tag === "NotEligible") {
      // Friday 16:30 → +24 support hours Thursday 11:30; +48 the next Tuesday 15:30.
      expect(o.callback).toEqual({ rule: "ENP-R6", earliest: "2026-11-26T11:30", latest: "2026-12-01T15:30" })
    }
  })

  it("ENP-R6a/D13: French public holidays stop the clock by default (Enphase France): 8 May is skipped", () => {
    const o = ReturnEligibility.decide(request({ serials: ["G1"], requestedAt: "2025-05-07T10:00" }))
    expect(o._tag === "NotEligible" && o.callback).toEqual({
      rule: "ENP-R6",
      earliest: "2025-05-09T10:00",
      latest: "2025-05-12T10:00"
    })
  })

  it("ENP-R3: a serial once received without authorization is never eligible again", () => {
    const o = ReturnEligibility.decide(request({ serials: ["A1"], serialsReceivedWithoutAuthorization: ["A1"] }))
    expect(o._tag).toBe("NotEligible")
    expect(rules(o)).toContain("ENP-R3")
  })

  it("ENP-R6/ENP-S4: serials not on the system, retired, or already in an open RMA (ENP-R1) are not eligible — all reported", () => {
    const o = ReturnEligibility.decide(request({ serials: ["X9", "M0", "A1"], serialsInOpenRmas: ["A1"] }))
    expect(o._tag).toBe("NotEligible")
    expect(rules(o)).toEqual(["ENP-R6", "ENP-R6", "ENP-R1", "ENP-R6"]) // the last one schedules the callback
    // M0 is retired and its term is still running: only the retirement refuses it.
    expect(o.reasons[1]?.message).toContain("retired")
  })

  it("APS-3/APS-6/D6: a self-installer is not eligible and is referred to the recorded backing installer", () => {
    const o = ReturnEligibility.decide(
      request(
        { requester: { _tag: "SelfInstaller" } },
        { installation: { _tag: "SelfInstalled", endCustomerAccount: true, backingInstallerLicence: "LIC-7" } }
      )
    )
    expect(o._tag).toBe("NotEligible")
    if (o._tag === "NotEligible") {
      expect(o.referral).toBe("backing-installer") // D6: as SupportRouting routes them
      expect(rules(o)[0]).toBe("APS-3")
    }
  })

  it("APS-4: by default an owner of an APsystems device is referred to the installer of record; the policy can let owners request", () => {
    const o = ReturnEligibility.decide(request({ requester: { _tag: "Owner" }, serials: ["A1"] }))
    expect(o._tag === "NotEligible" && o.referral).toBe("installer-of-record")
    // D15: on an Enphase device, Enphase support answers the owner itself: no referral.
    const enphase = ReturnEligibility.decide(request({ requester: { _tag: "Owner" } }))
    expect(enphase._tag === "NotEligible" && enphase.referral).toBeUndefined()
    const allowed = ReturnEligibility.decide(request({ requester: { _tag: "Owner" } }), {
      ...ReturnEligibility.defaultPolicy,
      ownerMayRequest: true
    })
    expect(allowed._tag).toBe("Approved")
  })

  it("APS-2: a distributor may not request a return", () => {
    const o = ReturnEligibility.decide(request({ requester: { _tag: "Distributor" } }))
    expect(o._tag).toBe("NotEligible")
    expect(rules(o)[0]).toBe("APS-2")
  })

  it("D6/APS-6: a return on a non-compliant self-installed system is not silently accepted", () => {
    const o = ReturnEligibility.decide(
      request({}, { installation: { _tag: "SelfInstalled", endCustomerAccount: true } })
    )
    expect(o._tag).toBe("NotEligible")
    expect(o.reasons[0]).toMatchObject({ rule: "D6", figures: { missing: "backing licensed installer" } })
    const compliant = ReturnEligibility.decide(
      request(
        {},
        { installation: { _tag: "SelfInstalled", endCustomerAccount: true, backingInstallerLicence: "LIC-7" } }
      )
    )
    expect(compliant._tag).toBe("Approved")
  })

  it("ENP-R2: after an ownership transfer, proof of ownership is requested; once provided, the return is approved", () => {
    const o = ReturnEligibility.decide(request({}, { ownershipTransferred: true }))
    expect(o._tag).toBe("ProofOfOwnershipRequested")
    expect(rules(o)).toContain("ENP-R2")
    expect(
      ReturnEligibility.decide(request({ proofOfOwnershipProvided: true }, { ownershipTransferred: true }))._tag
    ).toBe("Approved")
    expect(
      ReturnEligibility.decide(request(), { ...ReturnEligibility.defaultPolicy, proofOfOwnership: "always" })._tag
    ).toBe("ProofOfOwnershipRequested")
  })

  it("ENP-R2: a not-eligible request is not turned into a proof request", () => {
    const o = ReturnEligibility.decide(request({ serials: ["G1"] }, { ownershipTransferred: true }))
    expect(o._tag).toBe("NotEligible")
  })

  it("D1: a replacement device continues the original term", () => {
    const o = ReturnEligibility.decide(
      request(
        { serials: ["A2"], requestedAt: "2030-03-10T10:00" },
        {
          devices: [
            {
              serial: "A2",
              manufacturer: "APsystems",
              kind: "microinverter",
              installedOn: "2029-01-01",
              status: "current",
              replacesTermStart: "2020-03-10"
            }
          ]
        }
      )
    )
    expect(o._tag).toBe("NotEligible") // APsystems 10 years from 2020-03-10 ended after 2030-03-09
  })

  it("ENP-R1/ENP-R7: replace only on or after the RMA approval day; ENP-R3: unauthorized units get nothing", () => {
    expect(Decision.isAccepted(ReturnEligibility.mayReplace("2025-05-02", "2025-05-02"))).toBe(true)
    expect(Decision.isRefused(ReturnEligibility.mayReplace("2025-05-02", "2025-05-01"))).toBe(true)
    const none = ReturnEligibility.mayReplace(undefined, "2025-05-01")
    expect(Decision.isRefused(none) && none.reasons[0].rule).toBe("ENP-R1")
    expect(Decision.isAccepted(ReturnEligibility.receivedUnit("M1", ["M1"]))).toBe(true)
    const unauthorized = ReturnEligibility.receivedUnit("M9", ["M1"])
    expect(Decision.isRefused(unauthorized) && unauthorized.reasons[0].rule).toBe("ENP-R3")
  })

  it("bad input: an unknown device kind, a malformed request time or an empty serial list names the field", () => {
    const decode = Decision.decodeInput(ReturnEligibility.ReturnRequest, "returnRequest")
    const good = request()
    expect(Result.isSuccess(decode(good))).toBe(true)
    const cases: Array<[unknown, string]> = [
      [
        { ...good, system: { ...good.system, devices: [{ ...good.system.devices[0], kind: "inverter" }] } },
        '["system"]["devices"][0]["kind"]'
      ],
      [{ ...good, requestedAt: "2026-11-20" }, '["requestedAt"]'],
      [{ ...good, serials: [] }, '["serials"]'],
      [{ ...good, requester: { _tag: "LicensedInstaller", licenceNumber: "" } }, '["requester"]']
    ]
    for (const [input, field] of cases) {
      const r = decode(input)
      expect(Result.isFailure(r)).toBe(true)
      if (Result.isFailure(r)) expect(r.failure.message).toContain(field)
    }
  })
})
