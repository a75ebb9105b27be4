/**
 * `@soltrace/core`: the event-sourcing kernel and the after-sales aggregates.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Decider from "./kernel/Decider.js"
