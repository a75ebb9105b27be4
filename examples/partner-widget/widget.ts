/// <reference lib="dom" />
/**
 * The partner widget: the form becomes JSON text (as a partner's own back end would send it), and
 * `Decision.decideJson` turns it into the decision and its reasons, or into the list of issues,
 * each shown next to its field. Bundled for the browser by `build.ts`.
 */
import { Decision, LabourReimbursement, Money } from "@soltrace/rules"
import { Result } from "effect"

const claim = Decision.decideJson(LabourReimbursement.ClaimInput, LabourReimbursement.decide, "claim")

const form = document.querySelector<HTMLFormElement>("#claim")!
const section = document.querySelector<HTMLElement>("#decision")!
const outcome = document.querySelector<HTMLElement>("#outcome")!
const reasons = document.querySelector<HTMLOListElement>("#reasons")!

/** The form as the JSON a partner tool sends: an empty optional field is left out. */
const toJson = (data: FormData): string => {
  const text = (name: string) => {
    const value = data.get(name)
    return typeof value === "string" ? value.trim() : ""
  }
  const rmaApprovedOn = text("rmaApprovedOn")
  const devices = text("serials")
    .split("\n")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((serial, i) => ({
      serial,
      kind: "microinverter",
      detectedByMonitoring: data.get("detectedByMonitoring") !== null,
      shippedBack: data.get("shippedBack") !== null,
      rmaId: `RMA-${i + 1}`,
      ...(rmaApprovedOn === "" ? {} : { rmaApprovedOn })
    }))
  return JSON.stringify({
    commissionedOn: text("commissionedOn"),
    interventionOn: text("interventionOn"),
    claimedOn: text("claimedOn"),
    devices,
    paymentAddress: text("paymentAddress")
  })
}

const item = (strong: string, rest: string): HTMLLIElement => {
  const li = document.createElement("li")
  const b = document.createElement("code")
  b.textContent = strong
  li.append(b, ` ${rest}`)
  return li
}

form.addEventListener("submit", (event) => {
  event.preventDefault()
  document.querySelectorAll<HTMLElement>(".issue").forEach((el) => (el.textContent = ""))
  reasons.replaceChildren()
  const result = claim(toJson(new FormData(form)))
  section.hidden = false
  if (Result.isFailure(result)) {
    section.className = "Invalid"
    outcome.textContent = "Please correct the form"
    for (const issue of result.failure.issues) {
      const field = String(issue.path[0] ?? "")
      const slot = document.querySelector<HTMLElement>(`.issue[data-for="${field}"]`)
      if (slot !== null) slot.textContent = issue.message
      reasons.append(item(field === "" ? "input" : issue.path.join("."), issue.message))
    }
    return
  }
  const decision = result.success
  section.className = decision._tag
  outcome.textContent = Decision.isAccepted(decision)
    ? `Reimbursed: ${Money.format(decision.value.amount.cents)} excl. VAT`
    : "Not reimbursed"
  for (const r of decision.reasons) reasons.append(item(r.rule, r.message))
})
