/**
 * The personal-data store of `@soltrace/core/PersonalData` (D16) on PostgreSQL through effect's
 * `SqlClient`: one SQL implementation for every PostgreSQL driver (`@soltrace/core/pg` for a real
 * server, `@soltrace/core/pglite` in-process), next to the event store in the same database.
 *
 * ```ts
 * import { Layer } from "effect"
 * import { PgliteClient } from "@soltrace/core/pglite"
 * import { SqlPersonalData } from "@soltrace/core/sql"
 *
 * const People = SqlPersonalData.layerWithMigrations.pipe(Layer.provide(PgliteClient.layer()))
 * ```
 *
 * One row per subject in `soltrace_personal_data` (created by migration 5 of `Migrations`):
 * `subject_id`, `kind`, `holder_id`, `data` (the record as `jsonb`) and `erased_on`. Erasure
 * really deletes the personal fields: the row keeps only `subject_id` and `erased_on` (a check
 * constraint makes any other tombstone impossible). As with any PostgreSQL `UPDATE`, the former
 * row version stays on disk until (auto)vacuum reclaims it; backups and WAL archives are the
 * operator's to expire.
 *
 * Every write is one statement (record, erase) or one transaction holding the subject's row lock
 * (rectify), so concurrent writers of one subject never lose an update and an erasure is never
 * undone by a racing correction.
 *
 * @since 0.1.0
 */
import { Effect, Layer, Option, Result, Schema } from "effect"
import { SqlClient, SqlError } from "effect/sql"
import * as PersonalData from "../kernel/PersonalData.js"
import * as Classify from "./internal/classify.js"
import * as Migrations from "./Migrations.js"

interface Row {
  readonly subject_id: unknown
  readonly kind: unknown
  readonly data: unknown
  readonly erased_on: unknown
}

const columns = `subject_id, kind, data::text AS data, to_char(erased_on, 'YYYY-MM-DD') AS erased_on`

const storeError = (reason: string, cause?: unknown) => new PersonalData.PersonalDataStoreError({ reason, cause })

const sqlFailure =
  (operation: string) =>
  (error: SqlError.SqlError): PersonalData.PersonalDataStoreError =>
    storeError(`${operation}: ${error.message}`, error)

const decodeRecord = Schema.decodeUnknownResult(PersonalData.PersonalRecord)
const decodeErased = Schema.decodeUnknownResult(PersonalData.Erased)

/** A stored row as an entry; a row that does not decode is a store error, never a defect. */
const fromRow = (row: Row): Effect.Effect<PersonalData.Entry, PersonalData.PersonalDataStoreError> => {
  const subjectId = String(row.subject_id)
  if (row.erased_on !== null) {
    const erased = decodeErased({ _tag: "Erased", subjectId, erasedOn: row.erased_on })
    return Result.isSuccess(erased)
      ? Effect.succeed(erased.success)
      : Effect.fail(storeError(`malformed tombstone of ${subjectId}: ${erased.failure.message}`))
  }
  return Effect.flatMap(
    Effect.try({
      try: () => JSON.parse(String(row.data)) as unknown,
      catch: (cause) => storeError(`malformed data of ${subjectId}`, cause)
    }),
    (json) => {
      const record = decodeRecord(json)
      if (Result.isFailure(record)) {
        return Effect.fail(storeError(`malformed data of ${subjectId}: ${record.failure.message}`))
      }
      if (record.success.subjectId !== subjectId || record.success._tag !== row.kind) {
        return Effect.fail(storeError(`the data of ${subjectId} is not its own`))
      }
      return Effect.succeed(record.success)
    }
  )
}

const holderOf = (record: PersonalData.PersonalRecord): string | null =>
  record._tag === "PostalAddress" ? (record.holderId ?? null) : null

/**
 * The backend over the `SqlClient` in context (the table must exist: run `Migrations.run` first,
 * or use {@link layerWithMigrations}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const backend: Effect.Effect<PersonalData.Backend, never, SqlClient.SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const select = (rows: Effect.Effect<ReadonlyArray<Row>, SqlError.SqlError>, operation: string) =>
    rows.pipe(
      Effect.mapError(sqlFailure(operation)),
      Effect.flatMap((r) => Effect.forEach(r, fromRow))
    )

  const find = (subjectIds: ReadonlyArray<string>) =>
    select(
      sql<Row>`SELECT ${sql.literal(columns)} FROM soltrace_personal_data
        WHERE subject_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(subjectIds)}::jsonb))`,
      "find"
    )

  const service: PersonalData.Backend = {
    insert: (record) =>
      Effect.gen(function* () {
        const inserted = yield* sql<{ readonly subject_id: unknown }>`INSERT INTO soltrace_personal_data
            (subject_id, kind, holder_id, data)
          VALUES (${record.subjectId}, ${record._tag}, ${holderOf(record)}, ${JSON.stringify(record)}::jsonb)
          ON CONFLICT (subject_id) DO NOTHING
          RETURNING subject_id`.pipe(Effect.mapError(sqlFailure("record")))
        if (inserted.length > 0) return Option.none()
        // Rows are never deleted: the row that won is there.
        return Option.fromNullishOr((yield* find([record.subjectId]))[0])
      }),

    modify: <E>(
      subjectId: PersonalData.SubjectId,
      f: (current: PersonalData.Entry | undefined) => Result.Result<PersonalData.PersonalRecord, E>
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const [current] = yield* select(
              sql<Row>`SELECT ${sql.literal(columns)} FROM soltrace_personal_data
                WHERE subject_id = ${subjectId} FOR UPDATE`,
              "rectify"
            )
            const next = f(current)
            if (Result.isFailure(next)) return yield* Effect.fail(next.failure)
            const record = next.success
            yield* sql`UPDATE soltrace_personal_data
              SET kind = ${record._tag}, holder_id = ${holderOf(record)}, data = ${JSON.stringify(record)}::jsonb
              WHERE subject_id = ${subjectId}`.pipe(Effect.mapError(sqlFailure("rectify")))
            return record
          })
        )
        .pipe(
          Effect.mapError((error): E | PersonalData.PersonalDataStoreError =>
            SqlError.isSqlError(error) ? sqlFailure("rectify")(error) : error
          )
        ),

    // One statement: the subject's row and those it holds become tombstones together.
    erase: (subjectId, erasedOn) =>
      Effect.gen(function* () {
        const erased = yield* sql<{ readonly erased: unknown }>`WITH target AS (
            UPDATE soltrace_personal_data
              SET kind = NULL, holder_id = NULL, data = NULL, erased_on = ${erasedOn}::date
              WHERE subject_id = ${subjectId} AND erased_on IS NULL
              RETURNING subject_id
          ), held AS (
            UPDATE soltrace_personal_data
              SET kind = NULL, holder_id = NULL, data = NULL, erased_on = ${erasedOn}::date
              WHERE holder_id = ${subjectId} AND subject_id <> ${subjectId} AND erased_on IS NULL
                AND EXISTS (SELECT 1 FROM target)
              RETURNING subject_id
          )
          SELECT (SELECT count(*) FROM target)::int AS erased, (SELECT count(*) FROM held)::int AS held`.pipe(
          Effect.mapError(sqlFailure("erase"))
        )
        if (Number(erased[0]?.erased) === 1) {
          return Option.some<PersonalData.Erased>({ _tag: "Erased", subjectId, erasedOn })
        }
        const [existing] = yield* find([subjectId])
        return existing === undefined
          ? Option.none()
          : existing._tag === "Erased"
            ? Option.some(existing)
            : yield* Effect.fail(storeError(`erase: ${subjectId} is neither erased nor erasable`))
      }),

    find,

    findHeld: (holderId) =>
      Effect.flatMap(
        select(
          sql<Row>`SELECT ${sql.literal(columns)} FROM soltrace_personal_data
            WHERE holder_id = ${holderId} AND erased_on IS NULL`,
          "export"
        ),
        (entries) => Effect.succeed(entries.filter((e): e is PersonalData.PersonalRecord => e._tag !== "Erased"))
      )
  }
  return service
})

/**
 * The personal-data service over the `SqlClient` in context (the table must exist).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<PersonalData.PersonalDataService, never, SqlClient.SqlClient> = Effect.map(
  backend,
  PersonalData.make
)

/**
 * The SQL personal-data store as a layer over the `SqlClient` in context (the table must exist).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<PersonalData.PersonalData, never, SqlClient.SqlClient> = Layer.effect(
  PersonalData.PersonalData,
  make
)

/**
 * The SQL personal-data store as a layer that first applies the pending migrations.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWithMigrations: Layer.Layer<
  PersonalData.PersonalData,
  PersonalData.PersonalDataStoreError,
  SqlClient.SqlClient
> = Layer.effect(
  PersonalData.PersonalData,
  Effect.andThen(
    Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Migrations.run.pipe(
        Effect.mapError((cause) => storeError(Classify.migrationFailure(Classify.endpointOf(sql), cause), cause))
      )
    ),
    make
  )
)
