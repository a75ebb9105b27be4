/**
 * `@soltrace/core/testing`: the testing kit of the event-sourcing kernel — given/when/then
 * specifications, decider laws, Schema-derived fast-check arbitraries and the event-store
 * conformance suite. `vitest` and `fast-check` are optional peer dependencies of this entry.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as DeciderSpec from "./DeciderSpec.js"
/** @since 0.1.0 */
export * as Arbitraries from "./Arbitraries.js"
/** @since 0.1.0 */
export { deciderLaws } from "./DeciderLaws.js"
/** @since 0.1.0 */
export type { DeciderLawsOptions } from "./DeciderLaws.js"
/** @since 0.1.0 */
export { runEventStoreConformance } from "./EventStoreConformance.js"
/** @since 0.1.0 */
export type { ConformanceOptions } from "./EventStoreConformance.js"
/** @since 0.2.0 */
export type { Transaction as ConformanceTransaction } from "./EventStoreConformance.js"
/** @since 0.1.0 */
export { runPersonalDataConformance } from "./PersonalDataConformance.js"
/** @since 0.1.0 */
export type { PersonalDataConformanceOptions } from "./PersonalDataConformance.js"
/** @since 0.2.0 */
export { runSnapshotConformance } from "./SnapshotConformance.js"
/** @since 0.2.0 */
export type { SnapshotConformanceOptions } from "./SnapshotConformance.js"
