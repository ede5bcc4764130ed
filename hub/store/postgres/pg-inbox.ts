import {
  inboxRow,
  type InboxRow,
  type InboxTableRow,
  type NewInboxRow,
  type WebhookInbox,
} from '../../webhooks/inbox.js';
import { CHANGE_CHANNEL } from './pg-event-store.js';
import type { Pool } from './pool.js';

/**
 * How long a node holds the requests it claimed. Processing one takes milliseconds; if the node dies, another
 * takes its requests when this runs out (the command ids made from the row id keep that to one alert each).
 */
export const INBOX_LEASE_SECONDS = 30;

/** The webhook inbox in PostgreSQL, drained by whichever node claims a row (FOR UPDATE SKIP LOCKED). */
export class PgWebhookInbox implements WebhookInbox {
  constructor(
    private readonly pool: Pool,
    /** WARROOM_INBOX_LEASE_SECONDS; tests shorten it to see a dead node's claims taken over. */
    private readonly leaseSeconds = INBOX_LEASE_SECONDS,
  ) {}

  async add(row: NewInboxRow): Promise<number> {
    const result = await this.pool.query<{ id: number }>(
      `INSERT INTO webhook_inbox (source, token_id, received_at, headers, body) VALUES ($1, $2, $3, $4, $5)
       RETURNING id`,
      [row.source, row.tokenId, row.receivedAt, JSON.stringify(row.headers), row.body],
    );
    const id = result.rows[0]?.id;
    if (id === undefined) throw new Error('the inbox insert returned no id');
    return id;
  }

  async claim(limit: number): Promise<InboxRow[]> {
    const result = await this.pool.query<InboxTableRow>(
      `UPDATE webhook_inbox SET claimed_until = now() + make_interval(secs => $2)
       WHERE id IN (
         SELECT id FROM webhook_inbox
         WHERE failed_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, source, token_id, received_at, headers, body, attempts`,
      [limit, this.leaseSeconds],
    );
    return result.rows.sort((a, b) => a.id - b.id).map(inboxRow);
  }

  async remove(ids: readonly number[]): Promise<void> {
    await this.pool.query('DELETE FROM webhook_inbox WHERE id = ANY($1::bigint[])', [[...ids]]);
  }

  async recordAttempt(ids: readonly number[], error: string): Promise<void> {
    await this.pool.query(
      `UPDATE webhook_inbox SET attempts = attempts + 1, last_error = $1, claimed_until = NULL
       WHERE id = ANY($2::bigint[])`,
      [error, [...ids]],
    );
    // Another node may take them before this one's retry comes round.
    await this.pool.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, 'inbox']);
  }

  async setAside(id: number, error: string, at: string): Promise<void> {
    await this.pool.query(
      'UPDATE webhook_inbox SET attempts = attempts + 1, last_error = $1, failed_at = $2, claimed_until = NULL WHERE id = $3',
      [error, at, id],
    );
  }

  async retrySetAside(): Promise<number> {
    const result = await this.pool.query('UPDATE webhook_inbox SET failed_at = NULL WHERE failed_at IS NOT NULL');
    return result.rowCount ?? 0;
  }

  async count(): Promise<number> {
    const result = await this.pool.query<{ n: number }>('SELECT count(*)::bigint AS n FROM webhook_inbox');
    return result.rows[0]?.n ?? 0;
  }
}
