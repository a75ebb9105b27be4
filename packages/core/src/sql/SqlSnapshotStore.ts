/**
 * The `SnapshotStore` on PostgreSQL through effect's `SqlClient` (PGlite or a real server), in the
 * table `soltrace_snapshots` created by migration 6 (`Migrations.run`).
 *
 * One row per stream **and evolve version**: a decider whose `evolve` changed (a new evolve
 * version) never reads a snapshot taken by the old one, and the old rows stay until removed.
 * `save` is an upsert that never replaces a snapshot by an older one, so concurrent writers of a
 * stream may save in any order. The state is stored as `jsonb` (its key order is not kept: the
 * state Schema decodes it). `loadWithTail` reads the snapshot and the events after it in one
 * statement: use this store with `SqlEventStore` on the same database.
 *
 * ```ts
 * import { Layer } from "effect"
 * import { PgliteClient } from "@soltrace/core/pglite"
 * import { SqlEventStore, SqlSnapshotStore } from "@soltrace/core/sql"
 *
 * const Stores = Layer.merge(SqlEventStore.layerWithMigrations(), SqlSnapshotStore.layer).pipe(
 *   Layer.provide(PgliteClient.layer())
 * )
 * ```
 *
 * @since 0.2.0
 */
import { Effect, Layer, Option } from "effect"
import { SqlClient } from "effect/sql"
import type { SqlError } from "effect/sql"
import * as EventStore from "../kernel/EventStore.js"
import * as Snapshot from "../kernel/Snapshot.js"
import * as Tracing from "../kernel/internal/tracing.js"
import * as Classify from "./internal/classify.js"
import { columns, fromRows, type Row } from "./internal/rows.js"

const failed =
  (operation: string) =>
  (cause: SqlError.SqlError): EventStore.EventStoreError =>
    new EventStore.EventStoreError({ reason: `${operation} failed: ${cause.message}`, cause })

/**
 * A snapshot store over the current `SqlClient` (the schema must be migrated).
 *
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<Snapshot.SnapshotStoreService, never, SqlClient.SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  // The combined read is a read of the event store: its errors are classified like the store's
  // (`ConnectionLost`, `StatementTimeout`…).
  const classify = Classify.classifier(Classify.endpointOf(sql))
  const load: Snapshot.SnapshotStoreService["load"] = (streamId, evolveVersion) =>
    sql<{ readonly version: unknown; readonly state: unknown }>`SELECT version::float8 AS version, state::text AS state
        FROM soltrace_snapshots WHERE stream_id = ${streamId} AND evolve_version = ${evolveVersion}`.pipe(
      Effect.mapError(failed("Snapshot.load")),
      Effect.map((rows) => {
        const row = rows[0]
        if (row === undefined || typeof row.state !== "string") return Option.none()
        return Option.some({
          streamId,
          evolveVersion,
          version: Number(row.version),
          state: JSON.parse(row.state) as unknown
        })
      }),
      (effect) => Tracing.span(effect, "Snapshot.load", () => ({ "soltrace.stream": streamId }))
    )
  const save: Snapshot.SnapshotStoreService["save"] = (snapshot) =>
    sql`INSERT INTO soltrace_snapshots (stream_id, evolve_version, version, state)
        VALUES (${snapshot.streamId}, ${snapshot.evolveVersion}, ${snapshot.version}::int8, ${JSON.stringify(snapshot.state)}::jsonb)
        ON CONFLICT (stream_id, evolve_version) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state
        WHERE soltrace_snapshots.version < EXCLUDED.version`.pipe(
      Effect.mapError(failed("Snapshot.save")),
      Effect.asVoid,
      (effect) =>
        Tracing.span(effect, "Snapshot.save", () => ({
          "soltrace.stream": snapshot.streamId,
          "soltrace.version": snapshot.version
        }))
    )
  // One statement: the snapshot row (kind 0, its version and state in `stream_version` and
  // `data`), then the events after it (kind 1), in stream order.
  const loadWithTail: NonNullable<Snapshot.SnapshotStoreService["loadWithTail"]> = (streamId, evolveVersion) =>
    sql<Row & { readonly kind: unknown }>`WITH s AS (
        SELECT version, state FROM soltrace_snapshots WHERE stream_id = ${streamId} AND evolve_version = ${evolveVersion}
      )
      SELECT 0 AS kind, NULL::float8 AS position, NULL::text AS stream_id, s.version::float8 AS stream_version,
        NULL::text AS event_id, NULL::text AS event_type, NULL::integer AS schema_version, NULL::float8 AS recorded_at,
        s.state::text AS data, NULL::text AS metadata FROM s
      UNION ALL
      SELECT 1 AS kind, ${sql.literal(columns)} FROM soltrace_events
        WHERE stream_id = ${streamId} AND stream_version > COALESCE((SELECT version FROM s), 0)
      ORDER BY kind, stream_version`.pipe(
      Effect.mapError(classify("Snapshot.loadWithTail")),
      Effect.flatMap((rows) => {
        const first = rows[0]
        const hasSnapshot = first !== undefined && Number(first.kind) === 0 && typeof first.data === "string"
        return Effect.map(fromRows(hasSnapshot ? rows.slice(1) : rows), (tail): Snapshot.SnapshotAndTail => ({
          snapshot: hasSnapshot
            ? Option.some({
                streamId,
                evolveVersion,
                version: Number(first.stream_version),
                state: JSON.parse(first.data) as unknown
              })
            : Option.none(),
          tail
        }))
      }),
      (effect) => Tracing.span(effect, "Snapshot.loadWithTail", () => ({ "soltrace.stream": streamId }))
    )
  return { load, save, loadWithTail }
})

/**
 * The SQL snapshot store as a layer (run `Migrations.run` first, e.g. through
 * `SqlEventStore.layerWithMigrations`).
 *
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<Snapshot.SnapshotStore, never, SqlClient.SqlClient> = Layer.effect(
  Snapshot.SnapshotStore,
  make
)
