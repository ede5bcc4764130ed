import type { AnnounceEvent, AnnounceKind } from '../../shared/status-page/announcements.js';
import type { Severity } from '../../shared/domain/severity.js';
import type { OutboxStatus } from '../contact/contact-store.js';

/**
 * What the status page keeps (SQLite or PostgreSQL; docs/status-page.md): its set-up, the team's chat channels,
 * subscribers, chat threads, and the message outbox its announcements and subscriber messages go through. Secrets
 * (webhook URLs, bot tokens, e-mail addresses, signing secrets) reach the store sealed with the secrets key
 * (hub/secrets/secret-box.ts); the store keeps only their masked form in clear.
 */

/** The set-up as JSON (StatusPageConfig), with when and by whom it was saved. */
export interface StoredStatusPageConfig {
  readonly json: string;
  readonly savedAt: string;
  readonly savedBy: string;
}

export interface StoredChannel {
  readonly id: string;
  readonly name: string;
  readonly kind: AnnounceKind;
  /** Masked (maskAnnounceTarget). */
  readonly target: string;
  /** The AnnounceTarget as JSON, sealed. */
  readonly sealedTarget: string;
  readonly severities: readonly Severity[];
  readonly events: readonly AnnounceEvent[];
  readonly createdAt: string;
}

export type SubscriberKind = 'email' | 'webhook';

export interface StoredSubscriber {
  readonly id: string;
  readonly kind: SubscriberKind;
  /** Masked ("a•••@example.com", a host). */
  readonly target: string;
  /** The address or `{ url, secret }` as JSON, sealed. */
  readonly sealedTarget: string;
  /**
   * SHA-256 (hex) of the lower-cased e-mail address (null for webhooks): finds an existing subscription without
   * keeping the address in clear, so subscribing twice updates one row instead of adding another.
   */
  readonly addressHash: string | null;
  /** Service keys; empty: every service. */
  readonly services: readonly string[];
  readonly createdAt: string;
  /** Null until the person clicks the confirmation link (webhooks, added by an admin, are confirmed at once). */
  readonly confirmedAt: string | null;
}

/**
 * What a message is: an announcement to a chat channel, a subscriber's e-mail or webhook call about an external
 * update, or the e-mail asking a new subscriber to confirm.
 */
export type MessageKind = 'announce' | 'subscriber-email' | 'subscriber-webhook' | 'subscriber-confirm';

/**
 * One message in the outbox: unique by `id` (made from what it is about, so a restart or a second node enqueuing
 * the same message adds nothing); claimed with a lease; retried with back-off (hub/contact/outbox-timing.ts), like
 * page deliveries.
 */
export interface MessageRow {
  readonly id: string;
  readonly kind: MessageKind;
  /** The channel or subscriber it goes to. */
  readonly recipientId: string;
  /** The incident it is about ('' for none: a confirmation, a test). */
  readonly incidentId: string;
  /** What to send, as JSON, sealed (it may hold internal words: an internal update to the team's channel). */
  readonly sealedBody: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly dueAt: string;
  readonly leaseOwner: string | null;
  readonly leaseUntil: string | null;
  readonly detail: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A message as it is first enqueued: pending, due now, never tried, not leased. */
export function newMessageRow(
  fields: Pick<MessageRow, 'id' | 'kind' | 'recipientId' | 'incidentId' | 'sealedBody'>,
  nowIso: string,
): MessageRow {
  return {
    ...fields,
    status: 'pending',
    attempts: 0,
    dueAt: nowIso,
    leaseOwner: null,
    leaseUntil: null,
    detail: '',
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

export interface MessageUpdate {
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly dueAt: string;
  readonly detail: string;
  readonly updatedAt: string;
}

export interface StatusPageStore {
  config(): Promise<StoredStatusPageConfig | undefined>;
  saveConfig(config: StoredStatusPageConfig): Promise<void>;

  /** Oldest first. */
  channels(): Promise<StoredChannel[]>;
  addChannel(channel: StoredChannel): Promise<void>;
  /** Removes it and its pending messages; false if unknown. */
  removeChannel(id: string): Promise<boolean>;

  /** Every subscriber, oldest first (confirmed or not). */
  subscribers(): Promise<StoredSubscriber[]>;
  subscriber(id: string): Promise<StoredSubscriber | undefined>;
  subscriberByAddressHash(hash: string): Promise<StoredSubscriber | undefined>;
  /** Inserts, or replaces the row with the same id. */
  putSubscriber(subscriber: StoredSubscriber): Promise<void>;
  /** Sets confirmedAt unless set; says whether this call confirmed it. */
  confirmSubscriber(id: string, at: string): Promise<boolean>;
  /** Removes it and its pending messages; false if unknown. */
  removeSubscriber(id: string): Promise<boolean>;
  /** Pending rows older than `before` (never confirmed) are removed; returns how many. */
  forgetUnconfirmed(before: string): Promise<number>;

  /** The chat thread an incident's announcements go into on a channel (Slack's parent `ts`), or undefined. */
  thread(channelId: string, incidentId: string): Promise<string | undefined>;
  /** Stores it unless one is stored; returns what is stored now (two nodes agree on one). */
  threadIfAbsent(channelId: string, incidentId: string, ref: string): Promise<string>;

  /** Inserts rows whose id is new; returns how many were. */
  enqueue(rows: readonly MessageRow[]): Promise<number>;
  nextDue(): Promise<string | null>;
  /** Leases up to `limit` pending rows due at `now` whose lease is free or passed (one node wins each). */
  claimDue(now: string, owner: string, leaseUntil: string, limit: number): Promise<MessageRow[]>;
  /** Ends a claimed try, only if `owner` still holds it. */
  finish(id: string, owner: string, update: MessageUpdate): Promise<boolean>;
  message(id: string): Promise<MessageRow | undefined>;
  /** The newest finished or retried message per recipient (for "last sent" beside channels and subscribers). */
  lastPerRecipient(): Promise<Map<string, { at: string; status: OutboxStatus; detail: string }>>;
}
