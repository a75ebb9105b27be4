/**
 * SQL fragments shared by the migrations and the store (internal).
 *
 * @since 0.1.0
 */

/**
 * The advisory lock key of the position allocation (the same value as `Migrations.positionLockKey`).
 *
 * @since 0.1.0
 */
export const positionLockKey = 1399811156

/**
 * The allocation of an append's transaction id and positions, as one SQL target list: the
 * session-level advisory lock, `pg_current_xact_id()` (which assigns the id if the transaction
 * has none yet), the last of `count` consecutive positions (one `nextval`, then `setval` for a
 * batch: every allocator holds the lock, so nobody draws from the sequence in between), and the
 * unlock. The four expressions are evaluated in order, within one statement: there is no
 * statement boundary (and no interrupt check but the lock waits) between lock and unlock, so the
 * lock is never left held and no subtransaction is needed to release it on error.
 *
 * @since 0.1.0
 */
export const allocation = (count: string, lockKey: number = positionLockKey): string =>
  `pg_advisory_lock(${lockKey})::text AS locked, pg_current_xact_id() AS tx,
     CASE WHEN ${count} = 1 THEN nextval('soltrace_events_position_seq')
          ELSE setval('soltrace_events_position_seq', nextval('soltrace_events_position_seq') + ${count} - 1) END AS last,
     pg_advisory_unlock(${lockKey}) AS unlocked`

const streamStatement = (kind: string): string => {
  switch (kind) {
    case "no_stream":
      return `INSERT INTO soltrace_streams (stream_id, category, version) SELECT $1::text, $2::text, $3::int8 FROM alloc
        ON CONFLICT (stream_id) DO NOTHING RETURNING 0::int8 AS previous`
    case "exact":
      return `UPDATE soltrace_streams SET version = soltrace_streams.version + $3::int8
        WHERE soltrace_streams.stream_id = $1::text AND soltrace_streams.version = $10::int8 AND EXISTS (SELECT 1 FROM alloc)
        RETURNING soltrace_streams.version - $3::int8 AS previous`
    case "stream_exists":
      return `UPDATE soltrace_streams SET version = soltrace_streams.version + $3::int8
        WHERE soltrace_streams.stream_id = $1::text AND EXISTS (SELECT 1 FROM alloc)
        RETURNING soltrace_streams.version - $3::int8 AS previous`
    default:
      return `INSERT INTO soltrace_streams AS s (stream_id, category, version) SELECT $1::text, $2::text, $3::int8 FROM alloc
        ON CONFLICT (stream_id) DO UPDATE SET version = s.version + $3::int8 RETURNING s.version - $3::int8 AS previous`
  }
}

/**
 * The append's common path as one data-modifying statement, for an expected version `kind`
 * (`no_stream`, `exact` with a version above 0, `stream_exists`, `any`). Parameters: `$1` stream,
 * `$2` category, `$3` number of events, then the batch as six text arrays (`unnest`): `$4` event
 * ids, `$5` types, `$6` schema versions, `$7` recorded-at milliseconds, `$8` data and `$9`
 * metadata as JSON texts; `$10` the expected version (`exact` only). If one of the batch's ids is already recorded it does nothing (`allocated` 0);
 * otherwise it allocates (see {@link allocation}: before anything is written, since the stream
 * statement and the insert read `alloc`), moves the stream's version in one statement on its row
 * and inserts the events. `previous` is NULL when the expected version does not hold (then
 * nothing is written). An event id committed meanwhile by another writer makes the insert fail
 * with a unique violation: the statement leaves nothing and the caller takes the slow path.
 *
 * @since 0.1.0
 */
export const fastAppend = (kind: string): string =>
  `/* soltrace_append: fast path */
WITH batch AS MATERIALIZED (
  SELECT b.event_id, b.event_type, b.schema_version, b.recorded_at, b.data, b.metadata, b.ord
    FROM unnest($4::text[], $5::text[], $6::text[]::int4[], $7::text[]::float8[], $8::text[]::jsonb[], $9::text[]::jsonb[])
         WITH ORDINALITY AS b(event_id, event_type, schema_version, recorded_at, data, metadata, ord)
), alloc AS MATERIALIZED (
  SELECT ${allocation("$3::int8")}
   WHERE NOT EXISTS (SELECT 1 FROM soltrace_events e WHERE e.event_id = ANY (ARRAY(SELECT batch.event_id FROM batch)))
), stream AS (
  ${streamStatement(kind)}
), inserted AS (
  INSERT INTO soltrace_events (position, transaction_id, stream_id, category, stream_version, event_id,
                               event_type, schema_version, data, metadata, recorded_at)
  SELECT a.last - $3::int8 + b.ord, a.tx, $1::text, $2::text, s.previous + b.ord, b.event_id, b.event_type,
         b.schema_version, b.data, b.metadata, timestamptz 'epoch' + b.recorded_at * interval '1 millisecond'
    FROM alloc a, stream s, batch b
  RETURNING 1
)
SELECT (SELECT count(*) FROM alloc a WHERE a.locked IS NOT NULL AND a.unlocked)::int4 AS allocated,
       (SELECT a.last FROM alloc a)::float8 AS last,
       (SELECT s.previous FROM stream s)::float8 AS previous,
       (SELECT count(*) FROM inserted)::int4 AS inserted`
