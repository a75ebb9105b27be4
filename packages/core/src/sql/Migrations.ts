/**
 * The versioned schema of the SQL event store, applied with effect's `Migrator`.
 *
 * `run` creates (or brings up to date) the tables and the append function in the current
 * database. It is safe to call at every start and from several processes at once: the migrator
 * records applied versions in `soltrace_migrations`, runs the pending ones in one transaction and
 * holds an exclusive lock on that table while it does.
 *
 * Schema (version 1):
 *
 * - `soltrace_streams(stream_id, category, version)`: one row per stream that has events (its
 *   row lock serialised the writers of one stream until version 3; dropped by version 7);
 * - `soltrace_events(position, transaction_id, stream_id, category, stream_version, event_id,
 *   event_type, schema_version, data, metadata, recorded_at)`: unique `(stream_id,
 *   stream_version)` and unique `event_id`; `transaction_id` is the writer's `xid8`, used by
 *   readers of the global log (see `SqlEventStore`);
 * - `soltrace_checkpoints(projection, position)`: catch-up projection checkpoints;
 * - `soltrace_parked(projection, position, stream_id, stream_version, event_id, field, reason)`
 *   (version 4): the events a catch-up projection parked (`onUnreadable: "park"`);
 * - `soltrace_snapshots(stream_id, evolve_version, version, state)` (version 6): the latest
 *   snapshot of each stream for each evolve version (see `SqlSnapshotStore`);
 * - `soltrace_append(...)`: the append's slow path, one statement per batch (see
 *   `SqlEventStore.append`). Version 2 replaces it: its position allocation no longer opens a
 *   subtransaction.
 *
 * Version 7 drops `soltrace_streams` and `soltrace_append`: a stream's version is the highest
 * `stream_version` of its events (see `SqlEventStore`).
 *
 * Version 5 adds the personal-data store (D16, see `SqlPersonalData`; versions 3 and 4 belong to the
 * event store's multi-stream append):
 * `soltrace_personal_data(subject_id, kind, holder_id, data, erased_on)`, one row per subject; an
 * erased row keeps only `subject_id` and `erased_on`.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { Migrator, SqlClient } from "effect/sql"
import type { SqlError } from "effect/sql"
import {
  allocation,
  positionLockKey as internalKey,
  streamLockClass as internalStreamLockClass
} from "./internal/allocation.js"

/**
 * The table where applied migration versions are recorded.
 *
 * @since 0.1.0
 * @category constants
 */
export const table = "soltrace_migrations"

/**
 * The advisory lock key taken for an instant by every append, while its transaction id and its
 * positions are allocated together (see `SqlEventStore`).
 *
 * @since 0.1.0
 * @category constants
 */
export const positionLockKey: number = internalKey

/**
 * The class (first key) of the per-stream transaction-level advisory locks taken by every append
 * (`pg_advisory_xact_lock(streamLockClass, hashtext(stream_id))`).
 *
 * @since 0.2.0
 * @category constants
 */
export const streamLockClass: number = internalStreamLockClass

// One call = one append. Outcomes (a jsonb object): appended {version, positions},
// repeat {version, events}, wrong_expected_version {actual}, event_id_conflict {eventIds, reason}.
// Created by version 1, replaced by version 2 (no subtransaction around the position lock).
const appendFunction = `CREATE OR REPLACE FUNCTION soltrace_append(
    p_stream text, p_category text, p_expected text, p_expected_version bigint, p_events jsonb
  ) RETURNS jsonb LANGUAGE plpgsql AS $fn$
  DECLARE
    v_count bigint := jsonb_array_length(p_events);
    v_ids text[] := ARRAY(SELECT e ->> 'eventId' FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord) ORDER BY ord);
    v_repeat jsonb;
    v_tx xid8;
    v_positions bigint[];
    v_previous bigint;
    v_actual bigint;
    v_inserted bigint;
    v_locked text;
    v_last bigint;
    v_unlocked boolean;
  BEGIN
    IF v_count = 0 THEN
      RAISE EXCEPTION 'soltrace_append: empty batch';
    END IF;
    IF (SELECT count(DISTINCT id) FROM unnest(v_ids) AS u(id)) <> v_count THEN
      RETURN jsonb_build_object('outcome', 'event_id_conflict', 'reason', 'an event id appears twice in the batch',
        'eventIds', (SELECT jsonb_agg(id) FROM (SELECT id FROM unnest(v_ids) AS u(id) GROUP BY id HAVING count(*) > 1) d));
    END IF;
    -- Idempotency: an exact repeat returns the original events, whatever the expected version.
    v_repeat := soltrace_find_repeat(p_stream, v_ids);
    IF v_repeat IS NOT NULL THEN
      RETURN v_repeat;
    END IF;
    -- The transaction id and the positions are allocated together under a short exclusive lock,
    -- before this transaction writes anything: so a transaction with a higher id never holds lower
    -- positions, and ordering by (transaction_id, position) is ordering by position. One statement,
    -- no subtransaction: lock, id, positions and unlock are one target list (see allocation).
    SELECT ${allocation("v_count")} INTO v_locked, v_tx, v_last, v_unlocked;
    v_positions := ARRAY(SELECT generate_series(v_last - v_count + 1, v_last));
    -- Expected version, checked and moved in one statement on the stream row (row lock held until
    -- commit): concurrent writers of one stream wait for each other, then re-check.
    IF p_expected = 'no_stream' OR (p_expected = 'exact' AND p_expected_version = 0) THEN
      INSERT INTO soltrace_streams (stream_id, category, version) VALUES (p_stream, p_category, v_count)
        ON CONFLICT (stream_id) DO NOTHING;
      IF FOUND THEN
        v_previous := 0;
      END IF;
    ELSIF p_expected = 'exact' THEN
      UPDATE soltrace_streams SET version = version + v_count
        WHERE stream_id = p_stream AND version = p_expected_version
        RETURNING version - v_count INTO v_previous;
    ELSIF p_expected = 'stream_exists' THEN
      UPDATE soltrace_streams SET version = version + v_count
        WHERE stream_id = p_stream
        RETURNING version - v_count INTO v_previous;
    ELSIF p_expected = 'any' THEN
      INSERT INTO soltrace_streams AS s (stream_id, category, version) VALUES (p_stream, p_category, v_count)
        ON CONFLICT (stream_id) DO UPDATE SET version = s.version + v_count
        RETURNING s.version - v_count INTO v_previous;
    ELSE
      RAISE EXCEPTION 'soltrace_append: unknown expected version %', p_expected;
    END IF;
    IF v_previous IS NULL THEN
      -- A concurrent identical append may have won the race: that is a repeat, not a conflict.
      v_repeat := soltrace_find_repeat(p_stream, v_ids);
      IF v_repeat IS NOT NULL THEN
        RETURN v_repeat;
      END IF;
      SELECT version INTO v_actual FROM soltrace_streams WHERE stream_id = p_stream;
      RETURN jsonb_build_object('outcome', 'wrong_expected_version', 'actual', coalesce(v_actual, 0));
    END IF;
    INSERT INTO soltrace_events (position, transaction_id, stream_id, category, stream_version, event_id,
                                 event_type, schema_version, data, metadata, recorded_at)
    SELECT v_positions[t.ord], v_tx, p_stream, p_category, v_previous + t.ord, t.e ->> 'eventId',
           t.e ->> 'type', (t.e ->> 'schemaVersion')::integer, t.e -> 'data', t.e -> 'metadata',
           timestamptz 'epoch' + (t.e ->> 'recordedAt')::float8 * interval '1 millisecond'
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    IF v_inserted < v_count THEN
      -- An event id was committed meanwhile by another writer: undo this append, then report.
      DELETE FROM soltrace_events WHERE position = ANY (v_positions);
      IF v_previous = 0 THEN
        DELETE FROM soltrace_streams WHERE stream_id = p_stream;
      ELSE
        UPDATE soltrace_streams SET version = v_previous WHERE stream_id = p_stream;
      END IF;
      v_repeat := soltrace_find_repeat(p_stream, v_ids);
      IF v_repeat IS NOT NULL THEN
        RETURN v_repeat;
      END IF;
      RETURN jsonb_build_object('outcome', 'wrong_expected_version', 'actual', v_previous);
    END IF;
    RETURN jsonb_build_object('outcome', 'appended', 'version', v_previous + v_count,
                              'positions', to_jsonb(v_positions));
  END
  $fn$`

/**
 * Version 3: `soltrace_append_many(p_writes jsonb)`, the one append of every write (a single
 * stream or several). `p_writes` is an array of `{stream, category, expected, version, events}`
 * (`expected`: `any`, `no_stream`, `stream_exists` or `exact` with `version`; `events` as in
 * `soltrace_append`). In order:
 *
 * 1. refused (`in_transaction`) if the transaction already has a transaction id: its positions
 *    could then not follow its transaction id, nor its streams' order (see `SqlEventStore`);
 * 2. the streams' transaction-level advisory locks (two-key form, class `streamLockClass`, key
 *    `hashtext(stream)`), taken in ascending key order (no deadlock between appends) and without
 *    assigning a transaction id: every writer of a stream waits here until the previous one has
 *    committed;
 * 3. every write checked (exact repeat → its original events; other reuse of an id →
 *    `event_id_conflict`; expected version) before anything is written: all or nothing;
 * 4. the transaction id and all the positions allocated together (see `allocation`), then the
 *    stream rows and the events written. An event id committed meanwhile by a writer of another
 *    stream undoes the writes (no subtransaction) and reports the conflict.
 *
 * `enable_seqscan` is off inside the function: every statement in it is an index lookup, and a
 * plan cached while the tables had no statistics must not become a sequential scan.
 */
const appendManyFunction = `CREATE OR REPLACE FUNCTION soltrace_append_many(p_writes jsonb) RETURNS jsonb
  LANGUAGE plpgsql SET enable_seqscan = off AS $fn$
  DECLARE
    v_n int := jsonb_array_length(p_writes);
    v_key int;
    v_w jsonb;
    v_stream text;
    v_ids text[];
    v_repeat jsonb;
    v_actual bigint;
    v_expected text;
    v_count bigint;
    v_total bigint := 0;
    v_repeats jsonb[] := '{}';
    v_actuals bigint[] := '{}';
    v_locked text;
    v_tx xid8;
    v_last bigint;
    v_unlocked boolean;
    v_next bigint;
    v_first_position bigint;
    v_inserted bigint;
    v_out jsonb := '[]'::jsonb;
  BEGIN
    IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
      RETURN jsonb_build_object('outcome', 'in_transaction');
    END IF;
    FOR v_key IN SELECT DISTINCT hashtext(w ->> 'stream') FROM jsonb_array_elements(p_writes) AS w ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(${internalStreamLockClass}, v_key);
    END LOOP;
    FOR i IN 0 .. v_n - 1 LOOP
      v_w := p_writes -> i;
      v_stream := v_w ->> 'stream';
      v_ids := ARRAY(SELECT e ->> 'eventId' FROM jsonb_array_elements(v_w -> 'events') WITH ORDINALITY AS t(e, ord) ORDER BY ord);
      v_actual := coalesce((SELECT s.version FROM soltrace_streams s WHERE s.stream_id = v_stream), 0);
      v_actuals[i + 1] := v_actual;
      v_repeats[i + 1] := NULL;
      -- The cheap index probe first; the full repeat analysis only when an id is recorded.
      IF cardinality(v_ids) > 0 AND EXISTS (SELECT 1 FROM soltrace_events e WHERE e.event_id = ANY (v_ids)) THEN
        v_repeat := soltrace_find_repeat(v_stream, v_ids);
        IF v_repeat IS NOT NULL THEN
          IF v_repeat ->> 'outcome' = 'event_id_conflict' THEN
            RETURN v_repeat || jsonb_build_object('stream', v_stream);
          END IF;
          v_repeats[i + 1] := v_repeat;
          CONTINUE;
        END IF;
      END IF;
      v_expected := v_w ->> 'expected';
      IF NOT (v_expected = 'any' OR (v_expected = 'no_stream' AND v_actual = 0)
              OR (v_expected = 'stream_exists' AND v_actual > 0)
              OR (v_expected = 'exact' AND v_actual = (v_w ->> 'version')::bigint)) THEN
        RETURN jsonb_build_object('outcome', 'wrong_expected_version', 'stream', v_stream, 'actual', v_actual);
      END IF;
      v_total := v_total + cardinality(v_ids);
    END LOOP;
    IF v_total > 0 THEN
      SELECT ${allocation("v_total")} INTO v_locked, v_tx, v_last, v_unlocked;
      v_first_position := v_last - v_total + 1;
    END IF;
    v_next := v_first_position;
    FOR i IN 0 .. v_n - 1 LOOP
      v_w := p_writes -> i;
      v_stream := v_w ->> 'stream';
      IF v_repeats[i + 1] IS NOT NULL THEN
        v_out := v_out || jsonb_build_array(v_repeats[i + 1]);
        CONTINUE;
      END IF;
      v_count := jsonb_array_length(v_w -> 'events');
      IF v_count = 0 THEN
        v_out := v_out || jsonb_build_array(jsonb_build_object('outcome', 'appended', 'version', v_actuals[i + 1], 'first', 0));
        CONTINUE;
      END IF;
      INSERT INTO soltrace_streams AS s (stream_id, category, version) VALUES (v_stream, v_w ->> 'category', v_actuals[i + 1] + v_count)
        ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version;
      INSERT INTO soltrace_events (position, transaction_id, stream_id, category, stream_version, event_id,
                                   event_type, schema_version, data, metadata, recorded_at)
      SELECT v_next + t.ord - 1, v_tx, v_stream, v_w ->> 'category', v_actuals[i + 1] + t.ord, t.e ->> 'eventId',
             t.e ->> 'type', (t.e ->> 'schemaVersion')::integer, t.e -> 'data', t.e -> 'metadata',
             timestamptz 'epoch' + (t.e ->> 'recordedAt')::float8 * interval '1 millisecond'
        FROM jsonb_array_elements(v_w -> 'events') WITH ORDINALITY AS t(e, ord)
      ON CONFLICT DO NOTHING;
      GET DIAGNOSTICS v_inserted = ROW_COUNT;
      IF v_inserted < v_count THEN
        -- An event id was committed meanwhile by a writer of another stream: undo, then report.
        DELETE FROM soltrace_events WHERE transaction_id = v_tx AND position BETWEEN v_first_position AND v_last;
        FOR j IN 0 .. i LOOP
          IF v_repeats[j + 1] IS NULL THEN
            IF v_actuals[j + 1] = 0 THEN
              DELETE FROM soltrace_streams WHERE stream_id = p_writes -> j ->> 'stream';
            ELSE
              UPDATE soltrace_streams SET version = v_actuals[j + 1] WHERE stream_id = p_writes -> j ->> 'stream';
            END IF;
          END IF;
        END LOOP;
        v_ids := ARRAY(SELECT e ->> 'eventId' FROM jsonb_array_elements(v_w -> 'events') WITH ORDINALITY AS t(e, ord) ORDER BY ord);
        v_repeat := soltrace_find_repeat(v_stream, v_ids);
        IF v_repeat IS NOT NULL AND v_repeat ->> 'outcome' = 'event_id_conflict' THEN
          RETURN v_repeat || jsonb_build_object('stream', v_stream);
        END IF;
        RETURN jsonb_build_object('outcome', 'event_id_conflict', 'stream', v_stream, 'eventIds', to_jsonb(v_ids),
          'reason', 'event ids recorded meanwhile by another writer');
      END IF;
      v_out := v_out || jsonb_build_array(jsonb_build_object('outcome', 'appended', 'version', v_actuals[i + 1] + v_count, 'first', v_next));
      v_next := v_next + v_count;
    END LOOP;
    RETURN jsonb_build_object('outcome', 'ok', 'results', v_out);
  END
  $fn$`

/**
 * Version 7: `soltrace_append_many` without the `soltrace_streams` table, which it drops (with the
 * version-1 `soltrace_append`, unused since version 3). A stream's version is the highest
 * `stream_version` of its events, read through the unique `(stream_id, stream_version)` index
 * after the stream's lock is held, so it is the committed one. The steps are those of version 3;
 * the unique `(stream_id, stream_version)` key stays the last guard against two writers of one
 * version. (Migrations are history: version 3's text is kept as it was applied.)
 */
const appendManyWithoutStreamTable = `CREATE OR REPLACE FUNCTION soltrace_append_many(p_writes jsonb) RETURNS jsonb
  LANGUAGE plpgsql SET enable_seqscan = off AS $fn$
  DECLARE
    v_n int := jsonb_array_length(p_writes);
    v_key int;
    v_w jsonb;
    v_stream text;
    v_ids text[];
    v_repeat jsonb;
    v_actual bigint;
    v_expected text;
    v_count bigint;
    v_total bigint := 0;
    v_repeats jsonb[] := '{}';
    v_actuals bigint[] := '{}';
    v_locked text;
    v_tx xid8;
    v_last bigint;
    v_unlocked boolean;
    v_next bigint;
    v_first_position bigint;
    v_inserted bigint;
    v_out jsonb := '[]'::jsonb;
  BEGIN
    IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
      RETURN jsonb_build_object('outcome', 'in_transaction');
    END IF;
    FOR v_key IN SELECT DISTINCT hashtext(w ->> 'stream') FROM jsonb_array_elements(p_writes) AS w ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(${internalStreamLockClass}, v_key);
    END LOOP;
    FOR i IN 0 .. v_n - 1 LOOP
      v_w := p_writes -> i;
      v_stream := v_w ->> 'stream';
      v_ids := ARRAY(SELECT e ->> 'eventId' FROM jsonb_array_elements(v_w -> 'events') WITH ORDINALITY AS t(e, ord) ORDER BY ord);
      v_actual := coalesce((SELECT max(e.stream_version) FROM soltrace_events e WHERE e.stream_id = v_stream), 0);
      v_actuals[i + 1] := v_actual;
      v_repeats[i + 1] := NULL;
      IF cardinality(v_ids) > 0 AND EXISTS (SELECT 1 FROM soltrace_events e WHERE e.event_id = ANY (v_ids)) THEN
        v_repeat := soltrace_find_repeat(v_stream, v_ids);
        IF v_repeat IS NOT NULL THEN
          IF v_repeat ->> 'outcome' = 'event_id_conflict' THEN
            RETURN v_repeat || jsonb_build_object('stream', v_stream);
          END IF;
          v_repeats[i + 1] := v_repeat;
          CONTINUE;
        END IF;
      END IF;
      v_expected := v_w ->> 'expected';
      IF NOT (v_expected = 'any' OR (v_expected = 'no_stream' AND v_actual = 0)
              OR (v_expected = 'stream_exists' AND v_actual > 0)
              OR (v_expected = 'exact' AND v_actual = (v_w ->> 'version')::bigint)) THEN
        RETURN jsonb_build_object('outcome', 'wrong_expected_version', 'stream', v_stream, 'actual', v_actual);
      END IF;
      v_total := v_total + cardinality(v_ids);
    END LOOP;
    IF v_total > 0 THEN
      SELECT ${allocation("v_total")} INTO v_locked, v_tx, v_last, v_unlocked;
      v_first_position := v_last - v_total + 1;
    END IF;
    v_next := v_first_position;
    FOR i IN 0 .. v_n - 1 LOOP
      v_w := p_writes -> i;
      v_stream := v_w ->> 'stream';
      IF v_repeats[i + 1] IS NOT NULL THEN
        v_out := v_out || jsonb_build_array(v_repeats[i + 1]);
        CONTINUE;
      END IF;
      v_count := jsonb_array_length(v_w -> 'events');
      IF v_count = 0 THEN
        v_out := v_out || jsonb_build_array(jsonb_build_object('outcome', 'appended', 'version', v_actuals[i + 1], 'first', 0));
        CONTINUE;
      END IF;
      INSERT INTO soltrace_events (position, transaction_id, stream_id, category, stream_version, event_id,
                                   event_type, schema_version, data, metadata, recorded_at)
      SELECT v_next + t.ord - 1, v_tx, v_stream, v_w ->> 'category', v_actuals[i + 1] + t.ord, t.e ->> 'eventId',
             t.e ->> 'type', (t.e ->> 'schemaVersion')::integer, t.e -> 'data', t.e -> 'metadata',
             timestamptz 'epoch' + (t.e ->> 'recordedAt')::float8 * interval '1 millisecond'
        FROM jsonb_array_elements(v_w -> 'events') WITH ORDINALITY AS t(e, ord)
      ON CONFLICT DO NOTHING;
      GET DIAGNOSTICS v_inserted = ROW_COUNT;
      IF v_inserted < v_count THEN
        -- An event id was committed meanwhile by a writer of another stream: undo, then report.
        DELETE FROM soltrace_events WHERE transaction_id = v_tx AND position BETWEEN v_first_position AND v_last;
        v_repeat := soltrace_find_repeat(v_stream, ARRAY(SELECT e ->> 'eventId' FROM jsonb_array_elements(v_w -> 'events') WITH ORDINALITY AS t(e, ord) ORDER BY ord));
        IF v_repeat IS NOT NULL AND v_repeat ->> 'outcome' = 'event_id_conflict' THEN
          RETURN v_repeat || jsonb_build_object('stream', v_stream);
        END IF;
        RETURN jsonb_build_object('outcome', 'event_id_conflict', 'stream', v_stream,
          'eventIds', (SELECT jsonb_agg(e -> 'eventId') FROM jsonb_array_elements(v_w -> 'events') AS e),
          'reason', 'event ids recorded meanwhile by another writer');
      END IF;
      v_out := v_out || jsonb_build_array(jsonb_build_object('outcome', 'appended', 'version', v_actuals[i + 1] + v_count, 'first', v_next));
      v_next := v_next + v_count;
    END LOOP;
    RETURN jsonb_build_object('outcome', 'ok', 'results', v_out);
  END
  $fn$`

const v1: ReadonlyArray<string> = [
  `CREATE SEQUENCE soltrace_events_position_seq AS bigint MINVALUE 1`,
  `CREATE TABLE soltrace_streams (
    stream_id text PRIMARY KEY,
    category text NOT NULL,
    version bigint NOT NULL CHECK (version > 0)
  )`,
  `CREATE TABLE soltrace_events (
    position bigint PRIMARY KEY,
    transaction_id xid8 NOT NULL,
    stream_id text NOT NULL,
    category text NOT NULL,
    stream_version bigint NOT NULL CHECK (stream_version > 0),
    event_id text NOT NULL,
    event_type text NOT NULL,
    schema_version integer NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL,
    CONSTRAINT soltrace_events_stream_version_key UNIQUE (stream_id, stream_version),
    CONSTRAINT soltrace_events_event_id_key UNIQUE (event_id)
  )`,
  `CREATE INDEX soltrace_events_commit_order ON soltrace_events (transaction_id, position)`,
  `CREATE INDEX soltrace_events_category_order ON soltrace_events (category, transaction_id, position)`,
  `CREATE TABLE soltrace_checkpoints (
    projection text PRIMARY KEY,
    position bigint NOT NULL CHECK (position >= 0)
  )`,
  // The recorded events of the batch ids `p_ids` if they repeat an earlier append exactly (all its
  // ids recorded in this stream, as one contiguous run, in the same order); an EventIdConflict
  // outcome if it reuses recorded ids in any other way; NULL if none of its ids is recorded.
  `CREATE FUNCTION soltrace_find_repeat(p_stream text, p_ids text[]) RETURNS jsonb
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_count bigint := cardinality(p_ids);
    v_found bigint;
    v_same_stream boolean;
    v_offsets bigint;
    v_version bigint;
    v_ids jsonb;
    v_rows jsonb;
  BEGIN
    SELECT count(*), bool_and(ev.stream_id = p_stream), count(DISTINCT ev.stream_version - t.ord),
           max(ev.stream_version), jsonb_agg(ev.event_id ORDER BY t.ord),
           jsonb_agg(jsonb_build_object(
             'position', ev.position, 'streamId', ev.stream_id, 'version', ev.stream_version,
             'eventId', ev.event_id, 'type', ev.event_type, 'schemaVersion', ev.schema_version,
             'recordedAt', (extract(epoch FROM ev.recorded_at) * 1000)::float8,
             'data', ev.data, 'metadata', ev.metadata) ORDER BY ev.stream_version)
      INTO v_found, v_same_stream, v_offsets, v_version, v_ids, v_rows
      FROM unnest(p_ids) WITH ORDINALITY AS t(id, ord)
      JOIN soltrace_events ev ON ev.event_id = t.id
     WHERE ev.event_id = ANY (p_ids);
    IF v_found = 0 THEN
      RETURN NULL;
    ELSIF v_found = v_count AND v_same_stream AND v_offsets = 1 THEN
      RETURN jsonb_build_object('outcome', 'repeat', 'version', v_version, 'events', v_rows);
    ELSIF NOT v_same_stream THEN
      RETURN jsonb_build_object('outcome', 'event_id_conflict', 'eventIds', v_ids,
        'reason', 'event ids already recorded in another stream');
    ELSIF v_found < v_count THEN
      RETURN jsonb_build_object('outcome', 'event_id_conflict', 'eventIds', v_ids,
        'reason', 'some event ids are already recorded and some are new');
    ELSE
      RETURN jsonb_build_object('outcome', 'event_id_conflict', 'eventIds', v_ids,
        'reason', 'event ids already recorded in a different order or not as one contiguous run');
    END IF;
  END
  $fn$`,
  appendFunction
]

// Version 5: the personal-data store (D16). A tombstone keeps only the id and the erasure date.
const v5PersonalData: ReadonlyArray<string> = [
  `CREATE TABLE soltrace_personal_data (
    subject_id text PRIMARY KEY,
    kind text CHECK (kind IN ('Party', 'PostalAddress')),
    holder_id text,
    data jsonb,
    erased_on date,
    CONSTRAINT soltrace_personal_data_tombstone CHECK (
      (erased_on IS NULL AND kind IS NOT NULL AND data IS NOT NULL)
      OR (erased_on IS NOT NULL AND kind IS NULL AND holder_id IS NULL AND data IS NULL))
  )`,
  `CREATE INDEX soltrace_personal_data_holder ON soltrace_personal_data (holder_id) WHERE holder_id IS NOT NULL`
]

const statements = (list: ReadonlyArray<string>): Effect.Effect<void, SqlError.SqlError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    for (const statement of list) yield* sql.unsafe(statement)
  })

/**
 * The migrations, by `<version>_<name>`, in the shape of `Migrator.fromRecord`.
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrations: Record<string, Effect.Effect<void, SqlError.SqlError, SqlClient.SqlClient>> = {
  "1_event_store": statements(v1),
  "2_append_without_subtransaction": statements([appendFunction]),
  "3_append_many_stream_order": statements([appendManyFunction]),
  "4_parked_events": statements([
    `CREATE TABLE soltrace_parked (
      projection text NOT NULL,
      position bigint NOT NULL,
      stream_id text,
      stream_version bigint,
      event_id text,
      field text NOT NULL,
      reason text NOT NULL,
      PRIMARY KEY (projection, position)
    )`
  ]),
  "5_personal_data": statements(v5PersonalData),
  // Version 6 (5 is the personal-data store): snapshots, one per stream and evolve version.
  "6_snapshots": statements([
    `CREATE TABLE soltrace_snapshots (
      stream_id text NOT NULL,
      evolve_version text NOT NULL,
      version bigint NOT NULL,
      state jsonb NOT NULL,
      PRIMARY KEY (stream_id, evolve_version)
    )`
  ]),
  // Version 7: a stream's version is read from its events; the stream table and the old append go.
  "7_append_without_stream_table": statements([
    appendManyWithoutStreamTable,
    `DROP FUNCTION IF EXISTS soltrace_append(text, text, text, bigint, jsonb)`,
    `DROP TABLE IF EXISTS soltrace_streams`
  ])
}

/**
 * Applies the pending migrations; returns those applied now (`[version, name]`).
 *
 * @since 0.1.0
 * @category migrations
 */
export const run: Effect.Effect<
  ReadonlyArray<readonly [id: number, name: string]>,
  Migrator.MigrationError | SqlError.SqlError,
  SqlClient.SqlClient
> = Migrator.make({})({ loader: Migrator.fromRecord(migrations), table })
