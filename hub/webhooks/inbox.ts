import type { AlertSource } from '../../shared/alerts/alert.js';

/** An accepted webhook request, as received: kept until its alerts are committed to the event log. */
export interface InboxRow {
  /** Grows forever: never reused, so the command ids made from it are never reused either. */
  readonly id: number;
  readonly source: AlertSource;
  readonly tokenId: string;
  readonly receivedAt: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly attempts: number;
}

export type NewInboxRow = Omit<InboxRow, 'id' | 'attempts'>;

/**
 * The durable inbox (table webhook_inbox): a request is written here durably before the sender gets its 202, and
 * deleted only once its commands are acked. With several hub nodes, whichever node claims a row processes it; the
 * command ids made from the row's id make a row processed twice (a node died mid-way) still one alert.
 */
export interface WebhookInbox {
  /** Writes the request durably; returns its id. Throws if the database cannot (the caller answers 503). */
  add(row: NewInboxRow): Promise<number>;
  /**
   * Requests to process now (not set aside), oldest first. On PostgreSQL each is leased to this node for a while,
   * claimed with SKIP LOCKED, so nodes take different rows and a dead node's rows go to another when its lease ends.
   */
  claim(limit: number): Promise<InboxRow[]>;
  /** Done: the request's alerts are in the event log (or were refused by the rules). */
  remove(ids: readonly number[]): Promise<void>;
  /** A try that could not be saved (storage_failed): counted, its claim released, tried again later. */
  recordAttempt(ids: readonly number[], error: string): Promise<void>;
  /** Set aside (a bug, or a body that no longer parses): kept, logged, tried again at the next hub start. */
  setAside(id: number, error: string, at: string): Promise<void>;
  /** At start: every set-aside request gets another chance (the hub may have been fixed since). */
  retrySetAside(): Promise<number>;
  count(): Promise<number>;
}

/** A `webhook_inbox` row as both stores keep it (headers as JSON text). */
export interface InboxTableRow {
  readonly id: number;
  readonly source: AlertSource;
  readonly token_id: string;
  readonly received_at: string;
  readonly headers: string;
  readonly body: Buffer;
  readonly attempts: number;
}

export function inboxRow(row: InboxTableRow): InboxRow {
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
