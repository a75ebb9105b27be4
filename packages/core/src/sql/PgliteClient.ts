/**
 * An effect `SqlClient` over PGlite (PostgreSQL in WASM, in-process).
 *
 * There is no released PGlite driver for effect 4.1, so this module is a small one: every
 * statement goes through PGlite's own `query` / `exec`, and the single PGlite session is shared
 * through a semaphore (a transaction holds it from `BEGIN` to `COMMIT`, so statements of other
 * fibers wait rather than slip into it). The SQL event store of `@soltrace/core/sql` runs on it
 * unchanged.
 *
 * ```ts
 * import { PgliteClient } from "@soltrace/core/pglite"
 *
 * const InMemory = PgliteClient.layer()                        // a fresh in-memory database
 * const OnDisk = PgliteClient.layer({ dataDir: "./data/pg" })  // file-backed
 * ```
 *
 * @since 0.1.0
 */
import { PGlite } from "@electric-sql/pglite"
import type { PGliteOptions } from "@electric-sql/pglite"
import { Effect, Layer, Semaphore, Stream } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import { SqlClient, SqlError, Statement } from "effect/sql"
import type { SqlConnection } from "effect/sql"
import type { Scope } from "effect"
import { classifySqlState } from "../internal/sqlState.js"

/**
 * Options of {@link layer}: PGlite's own options (`dataDir` for a file-backed database, none for
 * an in-memory one).
 *
 * @since 0.1.0
 * @category models
 */
export type Options = PGliteOptions

const errorOf =
  (operation: string) =>
  (cause: unknown): SqlError.SqlError => {
    const code = hasStringField(cause, "code") ? cause.code : undefined
    const constraint = hasStringField(cause, "constraint") ? cause.constraint : undefined
    const message = hasStringField(cause, "message") ? `PGlite: ${cause.message}` : "PGlite: query failed"
    return new SqlError.SqlError({ reason: classifySqlState(code, constraint, { cause, message, operation }) })
  }

const hasStringField = <K extends string>(u: unknown, key: K): u is { readonly [k in K]: string } =>
  typeof u === "object" && u !== null && key in u && typeof (u as Record<K, unknown>)[key] === "string"

type Rows = ReadonlyArray<Record<string, unknown>>

const makeConnection = (db: PGlite): SqlConnection.Connection => {
  const query = (sql: string, params: ReadonlyArray<unknown>) =>
    Effect.tryPromise({ try: () => db.query<Record<string, unknown>>(sql, [...params]), catch: errorOf("query") })
  const rows = (sql: string, params: ReadonlyArray<unknown>): Effect.Effect<Rows, SqlError.SqlError> =>
    Effect.map(query(sql, params), (result) => result.rows)
  const values = (sql: string, params: ReadonlyArray<unknown>) =>
    Effect.map(
      Effect.tryPromise({
        try: () => db.query<ReadonlyArray<unknown>>(sql, [...params], { rowMode: "array" }),
        catch: errorOf("query")
      }),
      (result) => result.rows
    )
  // Without parameters, `exec` uses the simple protocol, which accepts several statements.
  const unprepared = (sql: string, params: ReadonlyArray<unknown>): Effect.Effect<Rows, SqlError.SqlError> =>
    params.length > 0
      ? rows(sql, params)
      : Effect.map(
          Effect.tryPromise({ try: () => db.exec(sql), catch: errorOf("exec") }),
          (results) => (results.at(-1)?.rows ?? []) as Rows
        )
  const transform = (
    effect: Effect.Effect<Rows, SqlError.SqlError>,
    transformRows: (<A extends object>(row: ReadonlyArray<A>) => ReadonlyArray<A>) | undefined
  ) => (transformRows === undefined ? effect : Effect.map(effect, (r) => transformRows(r)))
  return {
    execute: (sql, params, transformRows) => transform(rows(sql, params), transformRows),
    executeRaw: (sql, params) => query(sql, params),
    executeStream: (sql, params, transformRows) =>
      Stream.fromIterableEffect(transform(rows(sql, params), transformRows)),
    executeValues: values,
    executeValuesUnprepared: values,
    executeUnprepared: (sql, params, transformRows) => transform(unprepared(sql, params), transformRows)
  }
}

const compiler = Statement.makeCompiler({
  dialect: "pg",
  placeholder: (index) => `$${index}`,
  onIdentifier: Statement.defaultEscape('"'),
  onRecordUpdate: (placeholders, alias, columns, values, returning) => [
    `(values ${placeholders}) AS ${alias}${columns}${returning ? ` RETURNING ${returning[0]}` : ""}`,
    returning ? values.flat().concat(returning[1]) : values.flat()
  ],
  onCustom: () => ["", []]
})

/**
 * A `SqlClient` over an already opened PGlite instance, which stays open when the client's scope
 * closes. Useful to share one instance between test suites (PGlite takes seconds to start).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (db: PGlite): Effect.Effect<SqlClient.SqlClient, never, Reactivity.Reactivity> =>
  Effect.gen(function* () {
    const semaphore = yield* Semaphore.make(1)
    const connection = makeConnection(db)
    const acquirers = SqlClient.makeSqliteAcquirers({
      connection: Effect.succeed(connection),
      semaphore,
      isTransaction: () => db.isInTransaction()
    })
    return yield* SqlClient.make({
      ...acquirers,
      compiler,
      driver: "pglite",
      releaseSavepoint: (name) => `RELEASE SAVEPOINT ${name}`,
      spanAttributes: [["db.system.name", "postgresql"]]
    })
  })

/**
 * Opens a PGlite database, closed when the scope closes.
 *
 * @since 0.1.0
 * @category constructors
 */
export const open = (options: Options = {}): Effect.Effect<PGlite, SqlError.SqlError, Scope.Scope> =>
  Effect.acquireRelease(Effect.tryPromise({ try: () => PGlite.create(options), catch: errorOf("open") }), (db) =>
    Effect.promise(() => (db.closed ? Promise.resolve() : db.close()))
  )

/**
 * A layer providing `SqlClient` over a PGlite database it opens (in memory by default, or
 * file-backed with `dataDir`) and closes with the layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<SqlClient.SqlClient, SqlError.SqlError> =>
  Layer.effect(SqlClient.SqlClient, Effect.flatMap(open(options), make)).pipe(Layer.provide(Reactivity.layer))

/**
 * A layer providing `SqlClient` over an already opened PGlite instance (left open).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFrom = (db: PGlite): Layer.Layer<SqlClient.SqlClient> =>
  Layer.effect(SqlClient.SqlClient, make(db)).pipe(Layer.provide(Reactivity.layer))
