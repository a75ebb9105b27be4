/**
 * Hand-written fast paths of the partner-tool edge (issue 13) for the input Schemas of the rules
 * partners call most: `LabourReimbursement.ClaimInput` and `PaymentSchedule.ValidateInput`.
 *
 * Why by hand: effect's compiled decoder of `ClaimInput` costs about twice `decide` itself, and
 * the edge then walks the input once more to find unknown keys. A hand decoder does the same
 * checks in one pass. It only ever says "valid, here is the decoded value" or "not sure"
 * (`undefined`): on `undefined` the edge decodes with the Schema as before, so every error, and
 * every input a hand decoder does not recognise, gets effect's own answer. They read only what
 * `JSON.parse` makes (the edge uses them in `decodeJson` and `decideJson`, not in `decodeInput`,
 * which may be given objects of any kind). A property test
 * (`test/HandDecode.test.ts`) checks that whenever a hand decoder answers, the Schema decoder
 * succeeds with a strictly equal value (same keys, same order), and that every value the Schema
 * decoder accepts is accepted by the hand decoder too.
 *
 * A hand decoder is attached to its Schema as the {@link key} annotation, so the edge finds it
 * without importing the rules' modules, and a bundle of a rule's `decide` does not carry the
 * edge's decoder.
 *
 * @internal
 */
import type { Schema } from "effect"
import * as PlainDate from "./plainDate.js"

/**
 * The annotation under which a Schema carries its hand decoder.
 *
 * @internal
 */
export const key = "@soltrace/rules/handDecode"

/**
 * A hand decoder: the decoded value, or `undefined` when the Schema must answer. Unknown keys are
 * never accepted unless `allowUnknownKeys` (then they are dropped, as effect's `"ignore"`).
 *
 * @internal
 */
export type HandDecoder = (input: unknown, allowUnknownKeys: boolean) => unknown

/**
 * `schema` carrying `decoder` as its {@link key} annotation. One top-level call (which the build
 * marks pure), so that a bundle that does not use the Schema drops it.
 *
 * @internal
 */
export const withHandDecoder = <S extends Schema.Top>(schema: S, decoder: HandDecoder): S =>
  schema.annotate({ [key]: decoder }) as S

/** An object that is not a list (`JSON.parse` makes them with `Object.prototype`). */
const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * Whether `o` has no more keys than the `n` known ones already found in it. A `JSON.parse` object
 * has only own, enumerable string keys (a `"__proto__"` key too), so counting `for…in` is exact.
 */
const hasKeys = (o: object, n: number): boolean => {
  let count = 0
  for (const _ in o) count++
  return count === n
}

const isText = (u: unknown): u is string => typeof u === "string" && u.length >= 1
const isDate = (u: unknown): u is string => typeof u === "string" && PlainDate.isValid(u)

// WarrantyTerms.DeviceKind (comparisons: quicker than a Set here)
const isDeviceKind = (u: unknown): boolean =>
  u === "microinverter" || u === "ac-battery" || u === "gateway" || u === "relay" || u === "other"

/** `LabourReimbursement.ReplacedDevice`, keys in the Schema's order (optional ones when present). */
const device = (u: unknown, allow: boolean): object | undefined => {
  if (!isObject(u)) return undefined
  const { detectedByMonitoring, kind, manufacturer, rmaApprovedOn, rmaId, serial, shippedBack } = u
  if (!isText(serial) || !isDeviceKind(kind)) return undefined
  if (typeof detectedByMonitoring !== "boolean" || typeof shippedBack !== "boolean") return undefined
  let n = 4
  const out: Record<string, unknown> = { serial, kind }
  if (manufacturer !== undefined) {
    if (!isText(manufacturer)) return undefined
    out["manufacturer"] = manufacturer
    n++
  } else if (allow && Object.hasOwn(u, "manufacturer")) return undefined // a key present as `undefined`: the Schema says
  out["detectedByMonitoring"] = detectedByMonitoring
  out["shippedBack"] = shippedBack
  if (rmaId !== undefined) {
    if (!isText(rmaId)) return undefined
    out["rmaId"] = rmaId
    n++
  } else if (allow && Object.hasOwn(u, "rmaId")) return undefined // a key present as `undefined`: the Schema says
  if (rmaApprovedOn !== undefined) {
    if (!isDate(rmaApprovedOn)) return undefined
    out["rmaApprovedOn"] = rmaApprovedOn
    n++
  } else if (allow && Object.hasOwn(u, "rmaApprovedOn")) return undefined // a key present as `undefined`: the Schema says
  return allow || hasKeys(u, n) ? out : undefined
}

/**
 * `LabourReimbursement.ClaimInput`: three calendar dates, a non-empty list of devices with distinct
 * serials, a non-empty payment address.
 *
 * @internal
 */
export const claimInput: HandDecoder = (u, allow) => {
  if (!isObject(u)) return undefined
  const { claimedOn, commissionedOn, devices, interventionOn, paymentAddress } = u
  if (!isDate(commissionedOn) || !isDate(interventionOn) || !isDate(claimedOn) || !isText(paymentAddress))
    return undefined
  if (!Array.isArray(devices) || devices.length === 0) return undefined
  const decoded: Array<object> = []
  for (let i = 0; i < devices.length; i++) {
    const d = device(devices[i], allow)
    if (d === undefined) return undefined
    // distinct serials (the Schema's filter): the Schema words the duplicate
    const serial = (d as { serial: string }).serial
    for (let j = 0; j < i; j++) if ((decoded[j] as { serial: string }).serial === serial) return undefined
    decoded.push(d)
  }
  if (!allow && !hasKeys(u, 5)) return undefined
  return { commissionedOn, interventionOn, claimedOn, devices: decoded, paymentAddress }
}

// PaymentSchedule's basis points: an integer from 0 to 10000.
const isBp = (u: unknown): u is number => Number.isSafeInteger(u) && (u as number) >= 0 && (u as number) <= 10_000
// PaymentSchedule.CapPolicy
const isCapPolicy = (u: unknown): boolean => u === "both" || u === "offer-template" || u === "general-conditions"

/**
 * `PaymentSchedule.ValidateInput`: a schedule in basis points and a cap policy name.
 *
 * @internal
 */
export const validateInput: HandDecoder = (u, allow) => {
  if (!isObject(u) || !isCapPolicy(u["policy"])) return undefined
  const s = u["schedule"]
  if (!isObject(s)) return undefined
  const { acceptance, administrativeFile, afterPanels, deposit } = s
  if (!isBp(deposit) || !isBp(acceptance) || !isBp(administrativeFile) || !isObject(afterPanels)) return undefined
  const { siteClosing, siteOpening } = afterPanels
  if (!isBp(siteOpening) || !isBp(siteClosing)) return undefined
  if (!allow && !(hasKeys(u, 2) && hasKeys(s, 4) && hasKeys(afterPanels, 2))) return undefined
  return {
    schedule: { deposit, afterPanels: { siteOpening, siteClosing }, acceptance, administrativeFile },
    policy: u["policy"]
  }
}
