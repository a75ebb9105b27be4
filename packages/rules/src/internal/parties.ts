/**
 * Schemas shared by ReturnEligibility and SupportRouting: who asks, and how the system was
 * installed. Re-exported from those modules.
 *
 * @since 0.1.0
 * @internal
 */
import { Schema } from "effect"

const LicenceNumber = Schema.String.check(Schema.isMinLength(1))

/**
 * @since 0.1.0
 * @internal
 */
export const Requester = Schema.Union([
  Schema.TaggedStruct("LicensedInstaller", { licenceNumber: LicenceNumber }),
  Schema.TaggedStruct("SelfInstaller", {}),
  Schema.TaggedStruct("Owner", {}),
  Schema.TaggedStruct("Distributor", {})
])

/**
 * @since 0.1.0
 * @internal
 */
export type Requester = typeof Requester.Type

/**
 * @since 0.1.0
 * @internal
 */
export const Installation = Schema.Union([
  Schema.TaggedStruct("ByLicensedInstaller", {
    licenceNumber: LicenceNumber,
    /** APS-5: the installer of record has been marked unable to help. */
    installerAvailable: Schema.Boolean
  }),
  Schema.TaggedStruct("SelfInstalled", {
    /** APS-6(1): the end-customer account has been created. */
    endCustomerAccount: Schema.Boolean,
    /** APS-6(2): the licence number of the professional installer backing the system, if any. */
    backingInstallerLicence: Schema.optional(LicenceNumber)
  })
])

/**
 * @since 0.1.0
 * @internal
 */
export type Installation = typeof Installation.Type

/**
 * APS-6/D6: what a self-installed system still lacks to be compliant (empty when compliant).
 *
 * @since 0.1.0
 * @internal
 */
export const missingForCompliance = (
  installation: Installation
): Array<"end-customer account" | "backing licensed installer"> => {
  if (installation._tag === "ByLicensedInstaller") return []
  const missing: Array<"end-customer account" | "backing licensed installer"> = []
  if (!installation.endCustomerAccount) missing.push("end-customer account")
  if (installation.backingInstallerLicence === undefined) missing.push("backing licensed installer")
  return missing
}
