/**
 * The one-statement append of a single write (internal), used by `SqlEventStore` outside a
 * caller's transaction. It keeps every guarantee of `soltrace_append_many` by doing less and
 * letting that function answer everything else:
 *
 * - one `WITH … INSERT` statement, no PL/pgSQL: in order, the stream's transaction-level lock,
 *   the stream's base version for the expected version, then (only if it holds) the allocation
 *   of the transaction id and the positions (see `allocation`), then the insert. The base row
 *   is a `MATERIALIZED` CTE evaluated once, its target list left to right, so the lock is held
 *   before the transaction id is assigned (log order = stream order, as in the function);
 * - the statement's snapshot is taken before it waits for the lock, so it may not see the
 *   previous writer's events. Two outcomes only, both safe: the base is not found (the
 *   expected version does not hold in that snapshot: nothing is allocated, no row inserted), or
 *   the insert hits a unique key (`(stream_id, stream_version)`: the stream moved; `event_id`: a
 *   repeat or a conflict) and the statement fails with SQLSTATE 23505, leaving nothing. Either
 *   way the store then calls `soltrace_append_many`, which reads after the lock and answers
 *   exactly (`WrongExpectedVersion`, `duplicate: true`, `EventIdConflict`);
 * - never inside a caller's transaction: a failed statement would abort it.
 *
 * Two shapes:
 *
 * - {@link single}, one event (what a command handler appends): `INSERT … SELECT` from two
 *   one-row subqueries, the stream's lock with its base version (`lk`), then the allocation
 *   (`al`, `LATERAL`, so evaluated only after `lk`'s row, and only when the base holds). The
 *   event's fields are parameters: `$1` stream, `$2` category, `$3` event id, `$4` type, `$5`
 *   schema version, `$6` data, `$7` metadata (JSON texts), `$8` recorded at (ms), `$9` the
 *   expected version (`exact` only). Result: the inserted row's `first` position and `version`,
 *   or no row. Measured against the JSON-array shape on one event (bench `AppendServerTime`):
 *   the server spends less on it, since there is no array to parse and walk, no aggregate;
 * - {@link statements}, a batch: the events as one JSON array (`$4`, of `{eventId, type,
 *   schemaVersion, recordedAt, data, metadata}`), `$3` their number, `$5` the expected version
 *   (`exact` only), in a `WITH … INSERT`. Result: one row, `n` events inserted, `first`
 *   position, `base` version.
 *
 * @since 0.2.0
 */
import { allocation, streamLockClass } from "./allocation.js"

/** The expected versions of the fast path (`exact` with a version above 0). */
export type Kind = "exact" | "no_stream" | "any" | "stream_exists"

/** The highest version of the stream `$1` (NULL when it has no event), by its unique index. */
const highest = `(SELECT max(e.stream_version) FROM soltrace_events e WHERE e.stream_id = $1::text)`

/** The base version each expected version asks for; `exact`'s version is the parameter `version`. */
const basesFor = (version: string): Record<Kind, string> => ({
  exact: `(SELECT e.stream_version FROM soltrace_events e WHERE e.stream_id = $1::text AND e.stream_version = ${version}::int8)`,
  no_stream: `0::int8`,
  any: `coalesce(${highest}, 0::int8)`,
  stream_exists: highest
})

/** The one-row subquery `lk`: the stream's transaction-level lock, then its base version. */
const locked = (base: string): string =>
  `(SELECT pg_advisory_xact_lock(${streamLockClass}, hashtext($1::text))::text AS l, ${base} AS base OFFSET 0) lk`

/** One statement per expected version (constant texts: each is prepared once per connection). */
const byKind = (statement: (base: string) => string, bases: Record<Kind, string>): Record<Kind, string> => ({
  exact: compact(statement(bases.exact)),
  no_stream: compact(statement(bases.no_stream)),
  any: compact(statement(bases.any)),
  stream_exists: compact(statement(bases.stream_exists))
})

const statement = (base: string): string => `WITH a AS MATERIALIZED (
    SELECT ${allocation("$3::int8")}, lk.base
      FROM ${locked(base)}
     WHERE lk.base IS NOT NULL
  ), ins AS (
    INSERT INTO soltrace_events (position, transaction_id, stream_id, category, stream_version, event_id,
                                 event_type, schema_version, data, metadata, recorded_at)
    SELECT a.last - $3::int8 + t.ord, a.tx, $1::text, $2::text, a.base + t.ord, t.e ->> 'eventId',
           t.e ->> 'type', (t.e ->> 'schemaVersion')::integer, t.e -> 'data', t.e -> 'metadata',
           timestamptz 'epoch' + (t.e ->> 'recordedAt')::float8 * interval '1 millisecond'
      FROM a CROSS JOIN LATERAL jsonb_array_elements($4::jsonb) WITH ORDINALITY AS t(e, ord)
    RETURNING position
  )
  SELECT count(*)::int4 AS n, min(ins.position)::float8 AS first, (SELECT a.base FROM a)::float8 AS base FROM ins`

/**
 * One line, single spaces: the driver looks a prepared statement up by its text on every call
 * (the text is hashed each time), so a shorter text is a cheaper lookup.
 */
const compact = (text: string): string => text.replace(/\s+/g, " ").trim()

/** The batch statement of each expected version (`exact`'s version is `$5`). */
export const statements: Record<Kind, string> = byKind(statement, basesFor("$5"))

const singleStatement = (base: string): string => `INSERT INTO soltrace_events (position, transaction_id, stream_id,
      category, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at)
    SELECT al.last, al.tx, $1::text, $2::text, lk.base + 1, $3::text, $4::text, $5::int4, $6::jsonb, $7::jsonb,
           timestamptz 'epoch' + $8::float8 * interval '1 millisecond'
      FROM ${locked(base)}
     CROSS JOIN LATERAL (SELECT ${allocation("1")} WHERE lk.base IS NOT NULL OFFSET 0) al
  RETURNING position::float8 AS first, stream_version::float8 AS version`

/** The one-event statement of each expected version (`exact`'s version is `$9`). */
export const single: Record<Kind, string> = byKind(singleStatement, basesFor("$9"))
