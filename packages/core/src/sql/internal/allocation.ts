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
 * The class (first key of the two-key form) of the per-stream transaction-level advisory locks.
 *
 * @since 0.2.0
 */
export const streamLockClass = 1399811157

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
