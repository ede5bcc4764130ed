import type { OutboxUpdate } from '../../contact/contact-store.js';
import { checkClaim } from '../contact-rows.js';
import type { LeasedOutbox, OutboxKey } from '../leased-outbox.js';
import type { Db } from './database.js';

/**
 * Sending from an outbox with a lease, in SQLite (the page outbox, the status page's messages). One process holds
 * the file, so a transaction is all a claim needs; times are ISO text in one form, compared as text.
 */

/** Adds rows (values in the order of `o.columns`), each once: a row whose key is there already adds nothing. */
export function enqueueRows(db: Db, o: LeasedOutbox, rows: readonly (readonly unknown[])[]): number {
  const insert = db.prepare(
    `INSERT INTO ${o.table} (${o.columns.join(', ')}) VALUES (${o.columns.map(() => '?').join(', ')})
     ON CONFLICT (${o.key.join(', ')}) DO NOTHING`,
  );
  return db.transaction(() => rows.reduce((added, values) => added + insert.run(...values).changes, 0))();
}

/** When the earliest pending row falls due (null: none pending). */
export function nextDueAt(db: Db, o: LeasedOutbox): string | null {
  return (
    (db.prepare(`SELECT min(due_at) FROM ${o.table} WHERE status = 'pending'`).pluck().get() as string | null) ?? null
  );
}

/** Leases to `owner` until `leaseUntil` up to `limit` pending rows due by `now` whose lease (if any) has passed. */
export function claimLeased<Row>(
  db: Db,
  o: LeasedOutbox,
  now: string,
  owner: string,
  leaseUntil: string,
  limit: number,
): Row[] {
  const c = checkClaim(now, owner, leaseUntil, limit);
  if (c.limit === 0) return [];
  const key = o.key.join(', ');
  return db.transaction(
    () =>
      db
        .prepare(
          `UPDATE ${o.table} SET lease_owner = ?, lease_until = ?
           WHERE (${key}) IN (
             SELECT ${key} FROM ${o.table}
             WHERE status = 'pending' AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?)
             ORDER BY due_at, ${key} LIMIT ?)
           RETURNING *`,
        )
        .all(c.owner, c.until, c.at, c.at, c.limit) as Row[],
  )();
}

/** Writes a try's outcome and ends the lease, if `owner` still holds it (false: it does not, nothing changed). */
export function finishLeased<O extends LeasedOutbox>(
  db: Db,
  o: O,
  key: OutboxKey<O>,
  owner: string,
  u: OutboxUpdate,
): boolean {
  const keyIs = o.key.map((column) => `${column} = ?`).join(' AND ');
  return (
    db
      .prepare(
        `UPDATE ${o.table}
         SET status = ?, attempts = ?, due_at = ?, detail = ?, updated_at = ?, lease_owner = NULL, lease_until = NULL
         WHERE ${keyIs} AND lease_owner = ?`,
      )
      .run(u.status, u.attempts, u.dueAt, u.detail, u.updatedAt, ...key, owner).changes > 0
  );
}
