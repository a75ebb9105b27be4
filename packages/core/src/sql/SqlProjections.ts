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
import type { SqlError } from "effect/sql"
import { EventStore } from "../kernel/EventStore.js"
import type { BackendError, ReadError, RecordedEvent } from "../kernel/EventStore.js"
import { CheckpointStore, toParked } from "../kernel/Projection.js"
import type { CatchUpOptions, CatchUpProjection, CheckpointStoreService, ParkedEvent } from "../kernel/Projection.js"
import * as Classify from "./internal/classify.js"
import * as Tracing from "../kernel/internal/tracing.js"
import * as CheckedOptions from "../kernel/internal/options.js"
import { withTransaction } from "./SqlEventStore.js"

const classifierOf = (sql: SqlClient.SqlClient) => Classify.classifier(Classify.endpointOf(sql))

const failure = (sql: SqlClient.SqlClient, operation: string) => classifierOf(sql)(operation)

const toNumber = (u: unknown): number => (typeof u === "bigint" ? Number(u) : Number(u))

/**
 * Reads a projection's checkpoint (0 when it has none) with the `SqlClient` in context — inside
 * a transaction, from that transaction.
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const loadCheckpoint = (name: string): Effect.Effect<number, BackendError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{ readonly position: unknown }>`SELECT position::float8 AS position
      FROM soltrace_checkpoints WHERE projection = ${name}`.pipe(Effect.mapError(failure(sql, "loadCheckpoint")))
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
): Effect.Effect<void, BackendError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* sql`INSERT INTO soltrace_checkpoints (projection, position) VALUES (${name}, ${position}::int8)
      ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position`.pipe(
      Effect.mapError(failure(sql, "saveCheckpoint"))
    )
  })

/**
 * Records an event a projection parked, with the `SqlClient` in context (inside a transaction,
 * as part of it).
 *
 * @since 0.2.0
 * @category checkpoints
 */
export const parkEvent = (name: string, parked: ParkedEvent): Effect.Effect<void, BackendError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* sql`INSERT INTO soltrace_parked (projection, position, stream_id, stream_version, event_id, field, reason)
      VALUES (${name}, ${parked.position}::int8, ${parked.stream ?? null}, ${parked.version ?? null}::int8,
              ${parked.eventId ?? null}, ${parked.field}, ${parked.reason})
      ON CONFLICT (projection, position) DO NOTHING`.pipe(Effect.mapError(failure(sql, "parkEvent")))
  })

/**
 * The events a projection parked, by position.
 *
 * @since 0.2.0
 * @category checkpoints
 */
export const parkedEvents = (
  name: string
): Effect.Effect<ReadonlyArray<ParkedEvent>, BackendError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{
      readonly position: unknown
      readonly stream_id: string | null
      readonly stream_version: unknown
      readonly event_id: string | null
      readonly field: string
      readonly reason: string
    }>`SELECT position::float8 AS position, stream_id, stream_version::float8 AS stream_version, event_id, field, reason
      FROM soltrace_parked WHERE projection = ${name} ORDER BY position`.pipe(
      Effect.mapError(failure(sql, "parkedEvents"))
    )
    return rows.map((r): ParkedEvent => ({
      position: toNumber(r.position),
      stream: r.stream_id ?? undefined,
      version: r.stream_version === null ? undefined : toNumber(r.stream_version),
      eventId: r.event_id ?? undefined,
      field: r.field,
      reason: r.reason
    }))
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
      save: (name, position) => saveCheckpoint(name, position).pipe(Effect.provideService(SqlClient.SqlClient, sql)),
      park: (name, parked) => parkEvent(name, parked).pipe(Effect.provideService(SqlClient.SqlClient, sql)),
      parked: (name) => parkedEvents(name).pipe(Effect.provideService(SqlClient.SqlClient, sql))
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
 * rolls the whole batch back, checkpoint included (a connection lost meanwhile is
 * `ConnectionLost`, never a defect). An event that cannot be read or decoded stops it (default)
 * or, with `onUnreadable: "park"`, is recorded in `soltrace_parked` in the transaction that moves
 * the checkpoint past it. Returns the final checkpoint.
 *
 * @since 0.1.0
 * @category catch-up
 */
export const catchUp = <E, R>(
  projection: CatchUpProjection<E, R>,
  options?: CatchUpOptions
): Effect.Effect<number, Exclude<E, SqlError.SqlError> | ReadError, R | EventStore | SqlClient.SqlClient> =>
  Effect.gen(function* () {
    // The kernel's rules for these options (issue 12): `Projection.CatchUpOptions`.
    const bad = CheckedOptions.check("SqlProjections.catchUp", options, CheckedOptions.catchUp)
    if (bad !== undefined) return yield* Effect.fail(bad)
    const store = yield* EventStore
    const batchSize = options?.batchSize ?? 500
    const park = options?.onUnreadable === "park"
    const read = (after: number, maxCount: number) =>
      projection.category === undefined
        ? store.readAll({ after, maxCount })
        : store.readCategory(projection.category, { after, maxCount })
    let checkpoint = yield* loadCheckpoint(projection.name)
    while (true) {
      const after = checkpoint
      let batch: ReadonlyArray<RecordedEvent> = []
      let unreadable: ParkedEvent | undefined
      const page = yield* Effect.result(read(after, batchSize))
      if (page._tag === "Success") batch = page.success
      else {
        const parked = park ? toParked(page.failure) : undefined
        if (parked === undefined) return yield* Effect.fail(page.failure)
        // Handle the readable events before the bad one, one at a time, then park it.
        const one = yield* Effect.result(read(after, 1))
        if (one._tag === "Success") batch = one.success
        else {
          unreadable = toParked(one.failure)
          if (unreadable === undefined) return yield* Effect.fail(one.failure)
        }
      }
      const last = batch[batch.length - 1]
      if (last === undefined && unreadable === undefined) return checkpoint
      const bad = unreadable
      yield* withTransaction(
        Effect.gen(function* () {
          // Another runner may have moved the checkpoint: never apply a batch twice.
          const current = yield* loadCheckpoint(projection.name)
          if (current !== after) return
          if (bad !== undefined) {
            yield* parkEvent(projection.name, bad)
            yield* saveCheckpoint(projection.name, bad.position)
            return
          }
          for (const event of batch) {
            const handled = yield* Effect.result(projection.handle(event))
            if (handled._tag === "Failure") {
              const parked = park ? toParked(handled.failure, event) : undefined
              if (parked === undefined) return yield* Effect.fail(handled.failure)
              yield* parkEvent(projection.name, parked)
            }
          }
          yield* saveCheckpoint(projection.name, last!.position)
        }),
        "catchUp transaction"
      ).pipe((effect) =>
        Tracing.span(effect, "Projection.batch", () => ({
          "soltrace.projection": projection.name,
          "soltrace.category": projection.category,
          "soltrace.after": after,
          "soltrace.events": batch.length
        }))
      )
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
  options?: CatchUpOptions
): Effect.Effect<number, Exclude<E, SqlError.SqlError> | ReadError, R | EventStore | SqlClient.SqlClient> =>
  Effect.gen(function* () {
    // Checked before the reset: a bad option must not leave the read model emptied (issue 12).
    const bad = CheckedOptions.check("SqlProjections.rebuild", options, CheckedOptions.catchUp)
    if (bad !== undefined) return yield* Effect.fail(bad)
    yield* withTransaction(Effect.andThen(projection.reset, saveCheckpoint(projection.name, 0)), "rebuild transaction")
    return yield* catchUp(projection, options)
  })
