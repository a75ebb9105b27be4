import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Decision, SupportRouting } from "../src/index.js"

type Request = SupportRouting.SupportRequest

const byInstaller = { _tag: "ByLicensedInstaller", licenceNumber: "LIC-0042", installerAvailable: true } as const
const selfInstalled = { _tag: "SelfInstalled", endCustomerAccount: false } as const

const req = (over: Partial<Request> = {}): Request => ({
  requester: { _tag: "LicensedInstaller", licenceNumber: "LIC-0042" },
  installation: byInstaller,
  kind: "technical",
  channel: "form",
  at: "2026-11-23T10:00", // Monday
  hasSystemOrSerialNumber: true,
  ...over
})

describe("SupportRouting", () => {
  it("APS-2: a licensed installer with a licence number is troubleshot", () => {
    const r = SupportRouting.route(req())
    expect(r.route).toEqual({ _tag: "Troubleshoot", rule: "APS-2" })
    expect(r.compliance).toEqual({ selfInstalled: false, compliant: true, missing: [] })
  })

  it("S6 / APS-3: a self-installer's technical e-mail about a self-installed system is referred to a qualified installer, no troubleshooting", () => {
    const r = SupportRouting.route(
      req({ requester: { _tag: "SelfInstaller" }, installation: selfInstalled, channel: "email" })
    )
    expect(r.route).toEqual({ _tag: "Refer", to: "qualified-installer", rule: "APS-3" })
    expect(r.route._tag).not.toBe("Troubleshoot")
  })

  it("APS-3/APS-6: a self-installer with a backing licensed installer is referred to that installer", () => {
    const r = SupportRouting.route(
      req({
        requester: { _tag: "SelfInstaller" },
        installation: { _tag: "SelfInstalled", endCustomerAccount: true, backingInstallerLicence: "LIC-7" }
      })
    )
    expect(r.route).toEqual({ _tag: "Refer", to: "backing-installer", rule: "APS-3", licenceNumber: "LIC-7" })
  })

  it("APS-4: an owner of a professionally installed system is referred to the installer of record", () => {
    const r = SupportRouting.route(req({ requester: { _tag: "Owner" } }))
    expect(r.route).toEqual({ _tag: "Refer", to: "installer-of-record", rule: "APS-4", licenceNumber: "LIC-0042" })
  })

  it("APS-5: when the installer of record is unavailable, the owner is advised to use a local installer", () => {
    const r = SupportRouting.route(
      req({ requester: { _tag: "Owner" }, installation: { ...byInstaller, installerAvailable: false } })
    )
    expect(r.route).toEqual({ _tag: "Refer", to: "local-installer", rule: "APS-5" })
  })

  it("APS-2: a distributor gets no troubleshooting; it is referred to the installer of the system", () => {
    const r = SupportRouting.route(req({ requester: { _tag: "Distributor" } }))
    expect(r.route).toMatchObject({ _tag: "Refer", to: "installer-of-record" })
    expect(r.reasons.map((x) => x.rule)).toContain("APS-2")
  })

  it("APS-1/APS-6/D6: a self-installed system is flagged non-compliant until account and backing installer exist", () => {
    const bare = SupportRouting.route(req({ installation: selfInstalled }))
    expect(bare.compliance).toEqual({
      selfInstalled: true,
      compliant: false,
      missing: ["end-customer account", "backing licensed installer"]
    })
    expect(bare.reasons.map((x) => x.rule)).toEqual(expect.arrayContaining(["APS-1", "D6"]))
    const ok = SupportRouting.route(
      req({ installation: { _tag: "SelfInstalled", endCustomerAccount: true, backingInstallerLicence: "LIC-7" } })
    )
    expect(ok.compliance).toEqual({ selfInstalled: true, compliant: true, missing: [] })
  })

  it("a return request from an owner is routed like a technical one; an 'other' request is answered", () => {
    expect(SupportRouting.route(req({ requester: { _tag: "Owner" }, kind: "return" })).route).toMatchObject({
      rule: "APS-4"
    })
    expect(SupportRouting.route(req({ requester: { _tag: "SelfInstaller" }, kind: "other" })).route._tag).toBe("Answer")
  })

  it("ENP-C1/D13: a form request on Friday 16:30 is answered by Monday 16:30 (24 working-day hours)", () => {
    const r = SupportRouting.route(req({ at: "2026-11-20T16:30" }))
    expect(r.response).toEqual({ channel: "form", rule: "ENP-C1", due: "2026-11-23T16:30" })
  })

  it('ENP-C1/D13: with hoursBasis "support-hours", by Thursday 11:30 (the earlier reading)', () => {
    const r = SupportRouting.route(req({ at: "2026-11-20T16:30" }), {
      ...SupportRouting.defaultPolicy,
      hoursBasis: "support-hours"
    })
    expect(r.response).toEqual({ channel: "form", rule: "ENP-C1", due: "2026-11-26T11:30" })
  })

  it("D15/ENP-C1: under a programme that answers everyone, an owner's technical request is answered, not referred (no APS-4)", () => {
    const r = SupportRouting.route(
      req({ requester: { _tag: "Owner" }, kind: "technical", support: "answers-everyone", programme: "Enphase (2019)" })
    )
    expect(r.route).toEqual({ _tag: "Answer", rule: "ENP-C1" })
    expect(r.reasons.map((x) => x.rule)).not.toContain("APS-4")
    expect(r.reasons.every((x) => x.figures["programme"] === "Enphase (2019)")).toBe(true)
  })

  it("D15/APS-2: without a programme (a maker with no policy) the generic rule still refers an owner (APS-4)", () => {
    const r = SupportRouting.route(req({ requester: { _tag: "Owner" }, kind: "technical" }))
    expect(r.route).toMatchObject({ _tag: "Refer", rule: "APS-4" })
  })

  it("ENP-C2: the phone line is open Monday 10:00, closed at lunch and on Saturday (says when it opens)", () => {
    expect(SupportRouting.route(req({ channel: "phone" })).response).toEqual({
      channel: "phone",
      rule: "ENP-C2",
      open: true,
      opensAt: "2026-11-23T10:00"
    })
    expect(SupportRouting.route(req({ channel: "phone", at: "2026-11-23T13:15" })).response).toMatchObject({
      open: false,
      opensAt: "2026-11-23T14:00"
    })
    expect(SupportRouting.route(req({ channel: "phone", at: "2026-11-21T11:00" })).response).toMatchObject({
      open: false,
      opensAt: "2026-11-23T09:00"
    })
    expect(SupportRouting.route(req({ channel: "phone", at: "2026-11-23T17:00" })).response).toMatchObject({
      open: false,
      opensAt: "2026-11-24T09:00"
    })
  })

  it("ENP-C3: a caller without the system or serial number is reminded to have it ready", () => {
    const r = SupportRouting.route(req({ channel: "phone", hasSystemOrSerialNumber: false }))
    expect(r.reasons.map((x) => x.rule)).toContain("ENP-C3")
    expect(SupportRouting.route(req({ channel: "phone" })).reasons.map((x) => x.rule)).not.toContain("ENP-C3")
  })

  it("bad input: an unknown channel or requester names the field", () => {
    const decode = Decision.decodeInput(SupportRouting.SupportRequest, "supportRequest")
    expect(Result.isSuccess(decode(req()))).toBe(true)
    const channel = decode({ ...req(), channel: "fax" })
    expect(Result.isFailure(channel) && channel.failure.message).toContain('["channel"]')
    const requester = decode({ ...req(), requester: { _tag: "Neighbour" } })
    expect(Result.isFailure(requester) && requester.failure.message).toContain('["requester"]')
  })
})
