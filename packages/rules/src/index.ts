/**
 * `@soltrace/rules`: the domain's rules as pure, explained decisions.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Decision from "./Decision.js"

/** @since 0.1.0 */
export * as Calendar from "./Calendar.js"

/** @since 0.1.0 */
export * as Holidays from "./Holidays.js"

/** @since 0.1.0 */
export * as Deadline from "./Deadline.js"

/** @since 0.1.0 */
export * as Money from "./Money.js"

/** @since 0.1.0 */
export * as WarrantyTerms from "./WarrantyTerms.js"

/** @since 0.1.0 */
export * as ReturnEligibility from "./ReturnEligibility.js"

/** @since 0.1.0 */
export * as LabourReimbursement from "./LabourReimbursement.js"

/** @since 0.1.0 */
export * as SupportRouting from "./SupportRouting.js"
/** @since 0.2.0 */
export * as Programmes from "./Programmes.js"
/** @since 0.2.0 */
export * as ICalendar from "./ICalendar.js"

/** @since 0.1.0 */
export * as Qualiwatt from "./Qualiwatt.js"

/** @since 0.1.0 */
export * as PaymentSchedule from "./PaymentSchedule.js"

/** @since 0.1.0 */
export * as LatePayment from "./LatePayment.js"

/** @since 0.1.0 */
export * as DelayPenalty from "./DelayPenalty.js"

/** @since 0.1.0 */
export * as Withdrawal from "./Withdrawal.js"

/** @since 0.1.0 */
export * as ContractConditions from "./ContractConditions.js"

/** @since 0.1.0 */
export * as Termination from "./Termination.js"

/** @since 0.1.0 */
export * as InstallerWarranty from "./InstallerWarranty.js"

/** @since 0.1.0 */
export * as ProductionGuarantee from "./ProductionGuarantee.js"

/** @since 0.1.0 */
export * as Inspection from "./Inspection.js"

/** @since 0.1.0 */
export * as AdministrativeFile from "./AdministrativeFile.js"

/** @since 0.1.0 */
export * as OfferValidation from "./OfferValidation.js"

/** @since 0.1.0 */
export * as Vat from "./Vat.js"
