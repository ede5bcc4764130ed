import type { NotificationRule } from '../../../shared/contact/notification-rules.js';
import type {
  AckLinkRow,
  ContactStore,
  LastDelivery,
  OutboxRow,
  OutboxUpdate,
  StoredContactMethod,
} from '../../contact/contact-store.js';
import {
  ackLinkOf,
  byDue,
  checkAckLink,
  checkKey,
  checkMethod,
  checkOutboxRow,
  checkOutboxUpdate,
  checkRules,
  checkTime,
  checkVerification,
  LAST_DELIVERIES_SQL,
  lastDeliveryOf,
  methodOf,
  outboxOf,
  outboxValues,
  rulesOf,
  type AckLinkTableRow,
  type LastDeliveryTableRow,
  type MethodTableRow,
  type OutboxTableRow,
} from '../contact-rows.js';
import { PAGE_OUTBOX } from '../leased-outbox.js';
import { claimLeased, enqueueRows, finishLeased, nextDueAt } from './leased-outbox-sql.js';
import { inTransaction, type Pool } from './pool.js';

/**
 * Contact methods, notification rules, the page outbox, acknowledge links and contact settings in PostgreSQL,
 * shared by every node (migration 3). Sending is claimed row by row with FOR UPDATE SKIP LOCKED and a lease, so two
 * nodes never hold one message at once; a dead node's rows are taken once its lease has passed. The outbox's times
 * are timestamptz (the database compares them); the rest are ISO text as the hub writes them.
 */
export class PgContactStore implements ContactStore {
  constructor(private readonly pool: Pool) {}

  async methods(userId?: string): Promise<StoredContactMethod[]> {
    // COLLATE "C": ties ordered bytewise, as SQLite does.
    const result =
      userId === undefined
        ? await this.pool.query<MethodTableRow>('SELECT * FROM contact_methods ORDER BY created_at, id COLLATE "C"')
        : await this.pool.query<MethodTableRow>(
            'SELECT * FROM contact_methods WHERE user_id = $1 ORDER BY created_at, id COLLATE "C"',
            [userId],
          );
    return result.rows.map(methodOf);
  }

  async method(id: string): Promise<StoredContactMethod | undefined> {
    const row = (await this.pool.query<MethodTableRow>('SELECT * FROM contact_methods WHERE id = $1', [id])).rows[0];
    return row && methodOf(row);
  }

  async addMethod(method: StoredContactMethod): Promise<void> {
    const m = checkMethod(method);
    await this.pool.query(
      `INSERT INTO contact_methods (id, user_id, kind, label, target, sealed_target, created_at, verified_at,
         code_hash, code_expires_at, code_attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        m.id,
        m.userId,
        m.kind,
        m.label,
        m.target,
        m.sealedTarget,
        m.createdAt,
        m.verifiedAt,
        m.codeHash,
        m.codeExpiresAt,
        m.codeAttempts,
      ],
    );
  }

  async updateVerification(
    id: string,
    fields: Pick<StoredContactMethod, 'verifiedAt' | 'codeHash' | 'codeExpiresAt' | 'codeAttempts'>,
  ): Promise<boolean> {
    const v = checkVerification(fields);
    const result = await this.pool.query(
      'UPDATE contact_methods SET verified_at = $1, code_hash = $2, code_expires_at = $3, code_attempts = $4 WHERE id = $5',
      [v.verifiedAt, v.codeHash, v.codeExpiresAt, v.codeAttempts, id],
    );
    return (result.rowCount ?? 0) > 0;
  }

  removeMethod(id: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const removed = ((await client.query('DELETE FROM contact_methods WHERE id = $1', [id])).rowCount ?? 0) > 0;
      // Sent and failed rows stay: they are the method's history. Pending ones would page a method that is gone.
      if (removed) await client.query(`DELETE FROM page_outbox WHERE method_id = $1 AND status = 'pending'`, [id]);
      return removed;
    });
  }

  async rules(): Promise<Map<string, NotificationRule[]>> {
    const result = await this.pool.query<{ user_id: string; body: string }>(
      'SELECT user_id, body FROM notification_rules',
    );
    return new Map(result.rows.map((r) => [r.user_id, rulesOf(r.body)]));
  }

  async saveRules(userId: string, rules: readonly NotificationRule[]): Promise<void> {
    const body = JSON.stringify(checkRules(rules));
    await this.pool.query(
      'INSERT INTO notification_rules (user_id, body) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET body = excluded.body',
      [checkKey(userId, 'user id'), body],
    );
  }

  async enqueue(rows: readonly OutboxRow[]): Promise<number> {
    return enqueueRows(this.pool, PAGE_OUTBOX, rows.map(checkOutboxRow).map(outboxValues));
  }

  async nextDue(): Promise<string | null> {
    return nextDueAt(this.pool, PAGE_OUTBOX);
  }

  async claimDue(now: string, owner: string, leaseUntil: string, limit: number): Promise<OutboxRow[]> {
    const rows = await claimLeased<OutboxTableRow>(this.pool, PAGE_OUTBOX, now, owner, leaseUntil, limit);
    return rows.map(outboxOf).sort(byDue);
  }

  async finish(pageId: string, methodId: string, owner: string, update: OutboxUpdate): Promise<boolean> {
    return finishLeased(this.pool, PAGE_OUTBOX, [pageId, methodId], owner, checkOutboxUpdate(update));
  }

  async outboxRow(pageId: string, methodId: string): Promise<OutboxRow | undefined> {
    const row = (
      await this.pool.query<OutboxTableRow>('SELECT * FROM page_outbox WHERE page_id = $1 AND method_id = $2', [
        pageId,
        methodId,
      ])
    ).rows[0];
    return row && outboxOf(row);
  }

  async lastDeliveries(): Promise<LastDelivery[]> {
    const result = await this.pool.query<LastDeliveryTableRow>(`${LAST_DELIVERIES_SQL} ORDER BY method_id COLLATE "C"`);
    return result.rows.map(lastDeliveryOf);
  }

  async addAckLink(link: AckLinkRow): Promise<void> {
    const l = checkAckLink(link);
    await this.pool.query(
      'INSERT INTO ack_links (id, incident_id, page_id, user_id, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [l.id, l.incidentId, l.pageId, l.userId, l.expiresAt, l.usedAt],
    );
  }

  async ackLink(id: string): Promise<AckLinkRow | undefined> {
    const row = (await this.pool.query<AckLinkTableRow>('SELECT * FROM ack_links WHERE id = $1', [id])).rows[0];
    return row && ackLinkOf(row);
  }

  async useAckLink(id: string, at: string): Promise<boolean> {
    // One statement: of two nodes given the same link at once, the second finds used_at set and changes nothing.
    const result = await this.pool.query('UPDATE ack_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL', [
      checkTime(at, 'used at'),
      id,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async setting(key: string): Promise<string | undefined> {
    return (await this.pool.query<{ value: string }>('SELECT value FROM contact_settings WHERE key = $1', [key]))
      .rows[0]?.value;
  }

  async settingIfAbsent(key: string, value: string): Promise<string> {
    // The insert waits for another node's insert of the same key to commit, then does nothing; the read (a new
    // snapshot) sees whichever value won.
    await this.pool.query('INSERT INTO contact_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
      checkKey(key, 'setting key'),
      value,
    ]);
    const stored = await this.setting(key);
    if (stored === undefined) throw new Error(`the contact setting ${key} was not stored`);
    return stored;
  }

  async forgetSetting(key: string): Promise<void> {
    await this.pool.query('DELETE FROM contact_settings WHERE key = $1', [key]);
  }
}
