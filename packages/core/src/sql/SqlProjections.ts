/**
 * Catch-up projections whose read model lives in the same PostgreSQL database as the events:
 * the checkpoint is written in the same transaction as the projection's own updates, so after a
 * crash the read model and its checkpoint always agree (each event is applied exactly once).
 *
 * ```ts
 * import { Effect } from "effect"
 * import { SqlClient } from "effect/sql"
 * import { SqlProjections } from "@soltrace/core/sql"
 *
 * const counter = {
 *   name: "event-counter",
 *   handle: () => Effect.flatMap(SqlClient.SqlClient.asEffect(), (sql) =>
 *     sql`UPDATE counters SET n = n + 1`),
 *   reset: Effect.void
 * }
 * const run = SqlProjections.catchUp(counter) // Effect<number, …, EventStore | SqlClient>
 * ```
 *
 * @since 0.1.0
 */
import { Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { SqlError } from "effect/sql"
import { EventStore, EventStoreError } from "../kernel/EventStore.js"
import type { ReadError } from "../kernel/EventStore.js"
import { CheckpointStore } from "../kernel/Projection.js"
import type { CatchUpProjection, CheckpointStoreService } from "../kernel/Projection.js"

const failure =
  (operation: string) =>
  (error: SqlError.SqlError): EventStoreError =>
    new EventStoreError({ reason: `${operation}: ${error.message}`, cause: error })

const sqlErrorTo =
  (operation: string) =>
  <E>(error: E | SqlError.SqlError): E | EventStoreError =>
    SqlError.isSqlError(error) ? failure(operation)(error) : error

const toNumber = (u: unknown): number => (typeof u === "bigint" ? Number(u) : Number(u))

/**
 * Reads a projection's checkpoint (0 when it has none) with the `SqlClient` in context — inside
 * a transaction, from that transaction.
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const loadCheckpoint = (name: string): Effect.Effect<number, EventStoreError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{ readonly position: unknown }>`SELECT position::float8 AS position
      FROM soltrace_checkpoints WHERE projection = ${name}`.pipe(Effect.mapError(failure("loadCheckpoint")))
    return rows[0] === undefined ? 0 : toNumber(rows[0].position)
  })

/**
 * Writes a projection's checkpoint with the `SqlClient` in context — inside a transaction, as
 * part of that transaction.
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const saveCheckpoint = (
  name: string,
  position: number
): Effect.Effect<void, EventStoreError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* sql`INSERT INTO soltrace_checkpoints (projection, position) VALUES (${name}, ${position}::int8)
      ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position`.pipe(
      Effect.mapError(failure("saveCheckpoint"))
    )
  })

/**
 * The kernel's `CheckpointStore` on the `soltrace_checkpoints` table.
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const makeCheckpointStore: Effect.Effect<CheckpointStoreService, never, SqlClient.SqlClient> = Effect.gen(
  function* () {
    const sql = yield* SqlClient.SqlClient
    return {
      load: (name) => loadCheckpoint(name).pipe(Effect.provideService(SqlClient.SqlClient, sql)),
      save: (name, position) => saveCheckpoint(name, position).pipe(Effect.provideService(SqlClient.SqlClient, sql))
    }
  }
)

/**
 * A layer with the SQL checkpoint store.
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const checkpointStore: Layer.Layer<CheckpointStore, never, SqlClient.SqlClient> = Layer.effect(
  CheckpointStore,
  makeCheckpointStore
)

/**
 * Handles every event recorded after the projection's checkpoint, batch by batch; each batch —
 * the projection's updates for its events and the new checkpoint — is one transaction. A failure
 * rolls the whole batch back, checkpoint included. Returns the final checkpoint.
 *
 * @since 0.1.0
 * @category catch-up
 */
export const catchUp = <E, R>(
  projection: CatchUpProjection<E, R>,
  options?: { readonly batchSize?: number | undefined }
): Effect.Effect<number, E | ReadError, R | EventStore | SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const store = yield* EventStore
    const batchSize = options?.batchSize ?? 500
    let checkpoint = yield* loadCheckpoint(projection.name)
    while (true) {
      const after = checkpoint
      const batch = yield* projection.category === undefined
        ? store.readAll({ after, maxCount: batchSize })
        : store.readCategory(projection.category, { after, maxCount: batchSize })
      const last = batch[batch.length - 1]
      if (last === undefined) return checkpoint
      yield* sql
        .withTransaction(
          Effect.gen(function* () {
            // Another runner may have moved the checkpoint: never apply a batch twice.
            const current = yield* loadCheckpoint(projection.name)
            if (current !== after) return
            for (const event of batch) yield* projection.handle(event)
            yield* saveCheckpoint(projection.name, last.position)
          })
        )
        .pipe(Effect.mapError(sqlErrorTo("catchUp transaction")))
      checkpoint = yield* loadCheckpoint(projection.name)
    }
  })

/**
 * Resets the read model and the checkpoint in one transaction, then catches up from the start.
 *
 * @since 0.1.0
 * @category catch-up
 */
export const rebuild = <E, R>(
  projection: CatchUpProjection<E, R>,
  options?: { readonly batchSize?: number | undefined }
): Effect.Effect<number, E | ReadError, R | EventStore | SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* sql
      .withTransaction(Effect.andThen(projection.reset, saveCheckpoint(projection.name, 0)))
      .pipe(Effect.mapError(sqlErrorTo("rebuild transaction")))
    return yield* catchUp(projection, options)
  })
