import {
  inboxRow,
  type InboxRow,
  type InboxTableRow,
  type NewInboxRow,
  type WebhookInbox,
} from '../../webhooks/inbox.js';
import type { Db } from './database.js';

/** The webhook inbox in the hub's SQLite file (synchronous=FULL: durable before the 202). One node: no leases. */
export class SqliteWebhookInbox implements WebhookInbox {
  constructor(private readonly db: Db) {}

  async add(row: NewInboxRow): Promise<number> {
    const result = this.db
      .prepare('INSERT INTO webhook_inbox (source, token_id, received_at, headers, body) VALUES (?, ?, ?, ?, ?)')
      .run(row.source, row.tokenId, row.receivedAt, JSON.stringify(row.headers), row.body);
    return Number(result.lastInsertRowid);
  }

  async claim(limit: number): Promise<InboxRow[]> {
    return (
      this.db
        .prepare('SELECT * FROM webhook_inbox WHERE failed_at IS NULL ORDER BY id LIMIT ?')
        .all(limit) as InboxTableRow[]
    ).map(inboxRow);
  }

  async remove(ids: readonly number[]): Promise<void> {
    const del = this.db.prepare('DELETE FROM webhook_inbox WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => del.run(id)))();
  }

  async recordAttempt(ids: readonly number[], error: string): Promise<void> {
    const update = this.db.prepare('UPDATE webhook_inbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => update.run(error, id)))();
  }

  async setAside(id: number, error: string, at: string): Promise<void> {
    this.db
      .prepare('UPDATE webhook_inbox SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE id = ?')
      .run(error, at, id);
  }

  async retrySetAside(): Promise<number> {
    return this.db.prepare('UPDATE webhook_inbox SET failed_at = NULL WHERE failed_at IS NOT NULL').run().changes;
  }

  async count(): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM webhook_inbox').pluck().get() as number;
  }
}
