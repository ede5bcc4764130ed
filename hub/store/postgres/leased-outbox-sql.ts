import type { QueryResultRow } from 'pg';
import type { OutboxUpdate } from '../../contact/contact-store.js';
import { checkClaim } from '../contact-rows.js';
import { byKeyValues, type LeasedOutbox, type OutboxKey } from '../leased-outbox.js';
import { inTransaction, type Pool } from './pool.js';

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters (13 a row at most). */
const ROWS_PER_INSERT = 500;

/**
 * Sending from an outbox with a lease, in PostgreSQL (the page outbox, the status page's messages), shared by every
 * node: rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so two nodes never hold one row at once; a dead
 * node's rows are taken once its lease has passed. Times are timestamptz (the database compares them).
 */

/** Adds rows (values in the order of `o.columns`), each once: a row whose key is there already adds nothing. */
export async function enqueueRows(pool: Pool, o: LeasedOutbox, rows: readonly (readonly unknown[])[]): Promise<number> {
  if (rows.length === 0) return 0;
  // Sorted by key, so two nodes enqueueing the same rows lock them in the same order and never deadlock.
  const sorted = [...rows].sort(byKeyValues(o));
  return inTransaction(pool, async (client) => {
    let added = 0;
    for (let start = 0; start < sorted.length; start += ROWS_PER_INSERT) {
      const values: unknown[] = [];
      const tuples = sorted
        .slice(start, start + ROWS_PER_INSERT)
        .map((row) => `(${row.map((value) => `$${values.push(value)}`).join(', ')})`);
      const result = await client.query(
        `INSERT INTO ${o.table} (${o.columns.join(', ')}) VALUES ${tuples.join(', ')}
         ON CONFLICT (${o.key.join(', ')}) DO NOTHING`,
        values,
      );
      added += result.rowCount ?? 0;
    }
    return added;
  });
}

/** When the earliest pending row falls due (null: none pending). */
export async function nextDueAt(pool: Pool, o: LeasedOutbox): Promise<string | null> {
  const result = await pool.query<{ due: Date | null }>(
    `SELECT min(due_at) AS due FROM ${o.table} WHERE status = 'pending'`,
  );
  return result.rows[0]?.due?.toISOString() ?? null;
}

/** Leases to `owner` until `leaseUntil` up to `limit` pending rows due by `now` whose lease (if any) has passed. */
export async function claimLeased<Row extends QueryResultRow>(
  pool: Pool,
  o: LeasedOutbox,
  now: string,
  owner: string,
  leaseUntil: string,
  limit: number,
): Promise<Row[]> {
  const c = checkClaim(now, owner, leaseUntil, limit);
  if (c.limit === 0) return [];
  const key = o.key.join(', ');
  // SKIP LOCKED: a row another node is claiming right now is left to it. One it claimed and committed meanwhile
  // is re-checked against its new lease when locked, so it no longer matches: each row goes to one node.
  const result = await pool.query<Row>(
    `UPDATE ${o.table} SET lease_owner = $2, lease_until = $3
     WHERE (${key}) IN (
       SELECT ${key} FROM ${o.table}
       WHERE status = 'pending' AND due_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
       ORDER BY due_at LIMIT $4
       FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [c.at, c.owner, c.until, c.limit],
  );
  return result.rows;
}

/** Writes a try's outcome and ends the lease, if `owner` still holds it (false: it does not, nothing changed). */
export async function finishLeased<O extends LeasedOutbox>(
  pool: Pool,
  o: O,
  key: OutboxKey<O>,
  owner: string,
  u: OutboxUpdate,
): Promise<boolean> {
  // $1 to $5 are the update; the key follows, then the owner.
  const keyIs = o.key.map((column, i) => `${column} = $${6 + i}`).join(' AND ');
  const result = await pool.query(
    `UPDATE ${o.table}
     SET status = $1, attempts = $2, due_at = $3, detail = $4, updated_at = $5, lease_owner = NULL, lease_until = NULL
     WHERE ${keyIs} AND lease_owner = $${6 + o.key.length}`,
    [u.status, u.attempts, u.dueAt, u.detail, u.updatedAt, ...key, owner],
  );
  return (result.rowCount ?? 0) > 0;
}
