/**
 * `@soltrace/aftersales`: the after-sales wing of soltrace — the System, Ticket and RMA aggregates,
 * the returns ledger, the application service that spans them, the views, and personal data kept
 * out of events. Built on the kernel of `@soltrace/core` and the rules of `@soltrace/rules`.
 *
 * @since 0.2.0
 */

/** @since 0.2.0 */
export * as AfterSalesIds from "./AfterSalesIds.js"
/** @since 0.2.0 */
export * as System from "./System.js"
/** @since 0.2.0 */
export * as Ticket from "./Ticket.js"
/** @since 0.2.0 */
export * as Rma from "./Rma.js"
/** @since 0.2.0 */
export * as ReturnsLedger from "./ReturnsLedger.js"
/** @since 0.2.0 */
export * as AfterSalesService from "./AfterSalesService.js"
/** @since 0.2.0 */
export * as Views from "./Views.js"
/** @since 0.2.0 */
export * as Deadlines from "./Deadlines.js"
