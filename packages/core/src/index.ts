/**
 * `@soltrace/core`: the event-sourcing kernel and the after-sales aggregates.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Decider from "./kernel/Decider.js"
/** @since 0.1.0 */
export * as EventStore from "./kernel/EventStore.js"
/** @since 0.1.0 */
export * as EventCodec from "./kernel/EventCodec.js"
/** @since 0.1.0 */
export * as InMemoryEventStore from "./kernel/InMemoryEventStore.js"
/** @since 0.1.0 */
export * as CommandHandler from "./kernel/CommandHandler.js"
/** @since 0.1.0 */
export * as Projection from "./kernel/Projection.js"
/** @since 0.1.0 */
export * as Snapshot from "./kernel/Snapshot.js"
/** @since 0.1.0 */
export * as Subscription from "./kernel/Subscription.js"
/** @since 0.1.0 */
export * as PersonalData from "./kernel/PersonalData.js"

/** @since 0.1.0 */
export * as AfterSalesIds from "./aftersales/AfterSalesIds.js"
/** @since 0.1.0 */
export * as System from "./aftersales/System.js"
/** @since 0.1.0 */
export * as Ticket from "./aftersales/Ticket.js"
/** @since 0.1.0 */
export * as Rma from "./aftersales/Rma.js"
/** @since 0.1.0 */
export * as AfterSalesService from "./aftersales/AfterSalesService.js"
/** @since 0.1.0 */
export * as Views from "./aftersales/Views.js"
/**
 * The after-sales wing's first personal-data record, kept until the after-sales aggregates move
 * to the kernel's store (`PersonalData`, D16).
 *
 * @since 0.1.0
 * @deprecated Use `PersonalData` (`@soltrace/core/PersonalData`).
 */
export * as AfterSalesPersonalData from "./aftersales/PersonalData.js"
