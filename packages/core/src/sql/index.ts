/**
 * `@soltrace/core/sql`: the event store on PostgreSQL, written once against effect's
 * `SqlClient` and run on any PostgreSQL driver — `@soltrace/core/pg` (a real server through
 * `@effect/sql-pg`) or `@soltrace/core/pglite` (PGlite, in-process).
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Migrations from "./Migrations.js"

/** @since 0.1.0 */
export * as SqlEventStore from "./SqlEventStore.js"

/** @since 0.1.0 */
export * as SqlProjections from "./SqlProjections.js"

/** @since 0.1.0 */
export * as SqlPersonalData from "./SqlPersonalData.js"
