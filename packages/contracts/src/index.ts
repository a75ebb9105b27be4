/**
 * `@soltrace/contracts`: the Walloon standard PV contract (≤ 10 kW) as an event-sourced aggregate.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Terms from "./Terms.js"

/** @since 0.1.0 */
export * as Contract from "./Contract.js"

/** @since 0.1.0 */
export * as Statement from "./Statement.js"

/** @since 0.1.0 */
export * as Deadlines from "./Deadlines.js"

/** @since 0.1.0 */
export * as ICalendar from "./ICalendar.js"

/** @since 0.2.0 */
export * as Parties from "./Parties.js"
