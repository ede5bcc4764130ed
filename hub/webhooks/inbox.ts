import type { AlertSource } from '../../shared/alerts/alert.js';
import type { Db } from '../store/database.js';

/** An accepted webhook request, as received: kept until its alerts are committed to the event log. */
export interface InboxRow {
  /** Grows forever (AUTOINCREMENT): never reused, so the command ids made from it are never reused either. */
  readonly id: number;
  readonly source: AlertSource;
  readonly tokenId: string;
  readonly receivedAt: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly attempts: number;
}

export type NewInboxRow = Omit<InboxRow, 'id' | 'attempts'>;

interface Row {
  id: number;
  source: AlertSource;
  token_id: string;
  received_at: string;
  headers: string;
  body: Buffer;
  attempts: number;
}

/**
 * The durable inbox (table webhook_inbox, in the hub's SQLite file): a request is written here, with
 * synchronous=FULL, before the sender gets its 202, and deleted only once its commands are acked.
 */
export class WebhookInbox {
  constructor(private readonly db: Db) {}

  /** Writes the request durably; returns its id. Throws if the database cannot (the caller answers 503). */
  add(row: NewInboxRow): number {
    const result = this.db
      .prepare('INSERT INTO webhook_inbox (source, token_id, received_at, headers, body) VALUES (?, ?, ?, ?, ?)')
      .run(row.source, row.tokenId, row.receivedAt, JSON.stringify(row.headers), row.body);
    return Number(result.lastInsertRowid);
  }

  /** Requests still to process (not set aside as failed), oldest first. */
  pending(limit: number): InboxRow[] {
    return (
      this.db.prepare('SELECT * FROM webhook_inbox WHERE failed_at IS NULL ORDER BY id LIMIT ?').all(limit) as Row[]
    ).map(fromRow);
  }

  /** Done: the request's alerts are in the event log (or were refused by the rules). */
  remove(ids: readonly number[]): void {
    const del = this.db.prepare('DELETE FROM webhook_inbox WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => del.run(id)))();
  }

  /** A try that could not be saved (storage_failed): counted, tried again later. */
  recordAttempt(ids: readonly number[], error: string): void {
    const update = this.db.prepare('UPDATE webhook_inbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => update.run(error, id)))();
  }

  /** Set aside (a bug, or a body that no longer parses): kept, logged, tried again at the next hub start. */
  setAside(id: number, error: string, at: string): void {
    this.db
      .prepare('UPDATE webhook_inbox SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE id = ?')
      .run(error, at, id);
  }

  /** At start: every set-aside request gets another chance (the hub may have been fixed since). */
  retrySetAside(): number {
    return this.db.prepare('UPDATE webhook_inbox SET failed_at = NULL WHERE failed_at IS NOT NULL').run().changes;
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM webhook_inbox').pluck().get() as number;
  }
}

function fromRow(row: Row): InboxRow {
  return {
    id: row.id,
    source: row.source,
    tokenId: row.token_id,
    receivedAt: row.received_at,
    headers: JSON.parse(row.headers) as Record<string, string>,
    body: row.body,
    attempts: row.attempts,
  };
}
