/**
 * A real PostgreSQL server through `@effect/sql-pg` (an optional peer dependency): the
 * `SqlClient` layer the SQL event store needs, from a URL.
 *
 * ```ts
 * import { Layer } from "effect"
 * import { Postgres } from "@soltrace/core/pg"
 * import { SqlEventStore } from "@soltrace/core/sql"
 *
 * const Store = SqlEventStore.layerWithMigrations().pipe(
 *   Layer.provide(Postgres.layer({ url: "postgres://app@127.0.0.1:5432/app" }))
 * )
 * ```
 *
 * @since 0.1.0
 */
import { PgClient } from "@effect/sql-pg"
import type { PgClient as PgClientModule } from "@effect/sql-pg"
import { Effect, Layer, Redacted } from "effect"
import type { SqlClient, SqlError } from "effect/sql"
import type { EventStore, EventStoreError, InvalidArgument } from "../kernel/EventStore.js"
import * as CheckedOptions from "../kernel/internal/options.js"
import type { PersonalData, PersonalDataStoreError } from "../kernel/PersonalData.js"
import * as SqlEventStore from "./SqlEventStore.js"
import * as SqlPersonalData from "./SqlPersonalData.js"

/**
 * Options: the server URL (a string or a `Redacted` one), and any other `@effect/sql-pg` pool
 * setting (`maxConnections`, `connectTimeout`…).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends Omit<PgClientModule.PgPoolConfig, "url"> {
  readonly url: string | Redacted.Redacted<string>
}

/**
 * A layer providing `SqlClient` (and `@effect/sql-pg`'s `PgClient`) over a connection pool.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options
): Layer.Layer<SqlClient.SqlClient | PgClientModule.PgClient, SqlError.SqlError> =>
  PgClient.layer({
    ...options,
    url: Redacted.isRedacted(options.url) ? options.url : Redacted.make(options.url)
  })

/**
 * The SQL event store on a PostgreSQL server, migrations applied. A bad store option
 * (`SqlEventStore.Options`: `pollInterval`, `batchSize`, `maxEventBytes`, `maxJsonDepth`) fails
 * the layer with `InvalidArgument` before any connection is opened (issue 12).
 *
 * @since 0.1.0
 * @category layers
 */
export function eventStore(
  options: Options & SqlEventStore.OptionsWithDefaults
): Layer.Layer<EventStore | SqlClient.SqlClient | PgClientModule.PgClient, SqlError.SqlError | EventStoreError>
export function eventStore(
  options: Options & SqlEventStore.Options
): Layer.Layer<
  EventStore | SqlClient.SqlClient | PgClientModule.PgClient,
  SqlError.SqlError | EventStoreError | InvalidArgument
>
export function eventStore(
  options: Options & SqlEventStore.Options
): Layer.Layer<
  EventStore | SqlClient.SqlClient | PgClientModule.PgClient,
  SqlError.SqlError | EventStoreError | InvalidArgument
> {
  const bad = CheckedOptions.checkSqlStore(options)
  return Layer.unwrap(
    bad === undefined
      ? Effect.succeed(Layer.provideMerge(SqlEventStore.layerWithMigrations(options), layer(options)))
      : Effect.fail(bad)
  )
}

/**
 * The SQL personal-data store (D16) on a PostgreSQL server, migrations applied.
 *
 * @since 0.1.0
 * @category layers
 */
export const personalData = (
  options: Options
): Layer.Layer<
  PersonalData | SqlClient.SqlClient | PgClientModule.PgClient,
  SqlError.SqlError | PersonalDataStoreError
> => Layer.provideMerge(SqlPersonalData.layerWithMigrations, layer(options))
