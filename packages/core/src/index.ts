/**
 * `@soltrace/core`: the event-sourcing kernel — deciders, event stores, command handling,
 * projections, snapshots. It knows nothing of solar PV: the aggregates live in
 * `@soltrace/aftersales` and `@soltrace/contracts`.
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
