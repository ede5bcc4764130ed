import type {
  AckLinkRow,
  ContactStore,
  LastDelivery,
  OutboxRow,
  OutboxUpdate,
  StoredContactMethod,
} from '../../contact/contact-store.js';
import type { NotificationRule } from '../../../shared/contact/notification-rules.js';
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
import type { Db } from './database.js';
import { claimLeased, enqueueRows, finishLeased, nextDueAt } from './leased-outbox-sql.js';

/**
 * Contact methods, notification rules, the page outbox, acknowledge links and contact settings in the hub's SQLite
 * file (migration 6). One process holds the file, so a transaction is all a claim needs; times are ISO text in one
 * form (contact-rows.ts), compared as text.
 */
export class SqliteContactStore implements ContactStore {
  constructor(private readonly db: Db) {}

  async methods(userId?: string): Promise<StoredContactMethod[]> {
    const rows = (
      userId === undefined
        ? this.db.prepare('SELECT * FROM contact_methods ORDER BY created_at, id').all()
        : this.db.prepare('SELECT * FROM contact_methods WHERE user_id = ? ORDER BY created_at, id').all(userId)
    ) as MethodTableRow[];
    return rows.map(methodOf);
  }

  async method(id: string): Promise<StoredContactMethod | undefined> {
    const row = this.db.prepare('SELECT * FROM contact_methods WHERE id = ?').get(id) as MethodTableRow | undefined;
    return row && methodOf(row);
  }

  async addMethod(method: StoredContactMethod): Promise<void> {
    const m = checkMethod(method);
    this.db
      .prepare(
        `INSERT INTO contact_methods (id, user_id, kind, label, target, sealed_target, created_at, verified_at,
           code_hash, code_expires_at, code_attempts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
      );
  }

  async updateVerification(
    id: string,
    fields: Pick<StoredContactMethod, 'verifiedAt' | 'codeHash' | 'codeExpiresAt' | 'codeAttempts'>,
  ): Promise<boolean> {
    const v = checkVerification(fields);
    return (
      this.db
        .prepare(
          'UPDATE contact_methods SET verified_at = ?, code_hash = ?, code_expires_at = ?, code_attempts = ? WHERE id = ?',
        )
        .run(v.verifiedAt, v.codeHash, v.codeExpiresAt, v.codeAttempts, id).changes > 0
    );
  }

  async removeMethod(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM contact_methods WHERE id = ?').run(id).changes > 0;
      // Sent and failed rows stay: they are the method's history. Pending ones would page a method that is gone.
      if (removed) this.db.prepare(`DELETE FROM page_outbox WHERE method_id = ? AND status = 'pending'`).run(id);
      return removed;
    })();
  }

  async rules(): Promise<Map<string, NotificationRule[]>> {
    const rows = this.db.prepare('SELECT user_id, body FROM notification_rules').all() as {
      user_id: string;
      body: string;
    }[];
    return new Map(rows.map((r) => [r.user_id, rulesOf(r.body)]));
  }

  async saveRules(userId: string, rules: readonly NotificationRule[]): Promise<void> {
    const body = JSON.stringify(checkRules(rules));
    this.db
      .prepare(
        'INSERT INTO notification_rules (user_id, body) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET body = excluded.body',
      )
      .run(checkKey(userId, 'user id'), body);
  }

  async enqueue(rows: readonly OutboxRow[]): Promise<number> {
    return enqueueRows(this.db, PAGE_OUTBOX, rows.map(checkOutboxRow).map(outboxValues));
  }

  async nextDue(): Promise<string | null> {
    return nextDueAt(this.db, PAGE_OUTBOX);
  }

  async claimDue(now: string, owner: string, leaseUntil: string, limit: number): Promise<OutboxRow[]> {
    const rows = claimLeased<OutboxTableRow>(this.db, PAGE_OUTBOX, now, owner, leaseUntil, limit);
    return rows.map(outboxOf).sort(byDue);
  }

  async finish(pageId: string, methodId: string, owner: string, update: OutboxUpdate): Promise<boolean> {
    return finishLeased(this.db, PAGE_OUTBOX, [pageId, methodId], owner, checkOutboxUpdate(update));
  }

  async outboxRow(pageId: string, methodId: string): Promise<OutboxRow | undefined> {
    const row = this.db
      .prepare('SELECT * FROM page_outbox WHERE page_id = ? AND method_id = ?')
      .get(pageId, methodId) as OutboxTableRow | undefined;
    return row && outboxOf(row);
  }

  async lastDeliveries(): Promise<LastDelivery[]> {
    return (this.db.prepare(`${LAST_DELIVERIES_SQL} ORDER BY method_id`).all() as LastDeliveryTableRow[]).map(
      lastDeliveryOf,
    );
  }

  async addAckLink(link: AckLinkRow): Promise<void> {
    const l = checkAckLink(link);
    this.db
      .prepare(
        'INSERT INTO ack_links (id, incident_id, page_id, user_id, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(l.id, l.incidentId, l.pageId, l.userId, l.expiresAt, l.usedAt);
  }

  async ackLink(id: string): Promise<AckLinkRow | undefined> {
    const row = this.db.prepare('SELECT * FROM ack_links WHERE id = ?').get(id) as AckLinkTableRow | undefined;
    return row && ackLinkOf(row);
  }

  async useAckLink(id: string, at: string): Promise<boolean> {
    return (
      this.db
        .prepare('UPDATE ack_links SET used_at = ? WHERE id = ? AND used_at IS NULL')
        .run(checkTime(at, 'used at'), id).changes > 0
    );
  }

  async setting(key: string): Promise<string | undefined> {
    return this.db.prepare('SELECT value FROM contact_settings WHERE key = ?').pluck().get(key) as string | undefined;
  }

  async settingIfAbsent(key: string, value: string): Promise<string> {
    return this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO contact_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
        .run(checkKey(key, 'setting key'), value);
      return this.db.prepare('SELECT value FROM contact_settings WHERE key = ?').pluck().get(key) as string;
    })();
  }

  async forgetSetting(key: string): Promise<void> {
    this.db.prepare('DELETE FROM contact_settings WHERE key = ?').run(key);
  }
}
