/**
 * `@soltrace/core/pg`: the PostgreSQL-server driver for the SQL event store of
 * `@soltrace/core/sql`, over the optional peer dependency `@effect/sql-pg`.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Postgres from "./Postgres.js"
