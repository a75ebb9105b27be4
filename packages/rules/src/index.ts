/**
 * `@soltrace/rules`: the domain's rules as pure, explained decisions.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Decision from "./Decision.js"
