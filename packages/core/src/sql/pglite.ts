/**
 * `@soltrace/core/pglite`: the PGlite driver (PostgreSQL in WASM, in-process) for the SQL event
 * store of `@soltrace/core/sql`. Needs the optional peer dependency `@electric-sql/pglite`.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as PgliteClient from "./PgliteClient.js"
