import type { ContactKind, DeliveryResult } from '../../shared/contact/contact-method.js';
import type { NotificationRule } from '../../shared/contact/notification-rules.js';

/**
 * A contact method as the store keeps it. `sealedTarget` is the ContactTarget as JSON, sealed with the secrets key
 * (hub/secrets/secret-box.ts) by the hub before it reaches the store: the store never sees an address, a URL or a
 * token in clear. `target` is the masked form, safe to show and log.
 */
export interface StoredContactMethod {
  readonly id: string;
  readonly userId: string;
  readonly kind: ContactKind;
  readonly label: string;
  readonly target: string;
  readonly sealedTarget: string;
  readonly createdAt: string;
  readonly verifiedAt: string | null;
  /** SHA-256 (hex) of the pending verification code; null once verified or never sent. */
  readonly codeHash: string | null;
  readonly codeExpiresAt: string | null;
  /** Wrong codes typed since the last one was sent (a new code resets it). */
  readonly codeAttempts: number;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

/**
 * One message of one page through one method: the outbox's row, unique by (pageId, methodId) (a method belongs to one
 * person, so that is person x page x method). Two nodes, or a restarted hub, enqueue the same row and only the first
 * insert counts; sending is claimed with a lease, so only one node sends it at a time.
 */
export interface OutboxRow {
  readonly pageId: string;
  readonly methodId: string;
  readonly userId: string;
  readonly incidentId: string;
  readonly status: OutboxStatus;
  /** Tries so far. */
  readonly attempts: number;
  /** When it is due: the rule's delay after the page, then each retry's back-off. */
  readonly dueAt: string;
  /** The node holding it, and until when: another node may take it once the lease has passed (a node died). */
  readonly leaseOwner: string | null;
  readonly leaseUntil: string | null;
  /** The last answer ("250 OK", "HTTP 500"), or why it was cancelled. */
  readonly detail: string;
  readonly updatedAt: string;
}

/** What a finished try changes on a claimed row. */
export interface OutboxUpdate {
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly dueAt: string;
  readonly detail: string;
  readonly updatedAt: string;
}

/** A one-time acknowledge link (`/ack/<token>`): the token carries `id` and is signed; the row makes it one-time. */
export interface AckLinkRow {
  readonly id: string;
  readonly incidentId: string;
  readonly pageId: string;
  readonly userId: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

/** The last delivery through each method, for the Profile and the guardrails. */
export interface LastDelivery {
  readonly methodId: string;
  readonly at: string;
  readonly result: DeliveryResult;
  readonly detail: string;
}

/** Contact methods, notification rules, the delivery outbox, acknowledge links, Web Push keys (SQLite or PostgreSQL). */
export interface ContactStore {
  /** Every method, or one person's, oldest first. */
  methods(userId?: string): Promise<StoredContactMethod[]>;
  method(id: string): Promise<StoredContactMethod | undefined>;
  addMethod(method: StoredContactMethod): Promise<void>;
  /** Replaces the verification fields of a method; false if it is gone. */
  updateVerification(
    id: string,
    fields: Pick<StoredContactMethod, 'verifiedAt' | 'codeHash' | 'codeExpiresAt' | 'codeAttempts'>,
  ): Promise<boolean>;
  /** Removes the method and its pending outbox rows (a page never goes to a removed method); false if unknown. */
  removeMethod(id: string): Promise<boolean>;

  /** Saved rules per person (people who never saved have none here). */
  rules(): Promise<Map<string, NotificationRule[]>>;
  saveRules(userId: string, rules: readonly NotificationRule[]): Promise<void>;

  /** Inserts rows that do not exist yet (by pageId, methodId); existing ones are left as they are. Returns how many were new. */
  enqueue(rows: readonly OutboxRow[]): Promise<number>;
  /** The earliest dueAt of a pending row, or null. */
  nextDue(): Promise<string | null>;
  /**
   * Leases up to `limit` pending rows due at `now` whose lease is free or has passed: sets leaseOwner/leaseUntil
   * atomically (one node wins each row) and returns them as they are now.
   */
  claimDue(now: string, owner: string, leaseUntil: string, limit: number): Promise<OutboxRow[]>;
  /** Ends a claimed try: applies `update` and frees the lease, only if `owner` still holds it. Says whether it did. */
  finish(pageId: string, methodId: string, owner: string, update: OutboxUpdate): Promise<boolean>;
  /** One row, for tests and the Paging panel's detail. */
  outboxRow(pageId: string, methodId: string): Promise<OutboxRow | undefined>;
  /** The newest finished or retried try per method (from the outbox). */
  lastDeliveries(): Promise<LastDelivery[]>;

  addAckLink(link: AckLinkRow): Promise<void>;
  ackLink(id: string): Promise<AckLinkRow | undefined>;
  /** Marks it used at `at` unless it was used already; says whether this call used it (one-time, across nodes). */
  useAckLink(id: string, at: string): Promise<boolean>;

  /** A hub-wide setting (the sealed VAPID key pair), or undefined. */
  setting(key: string): Promise<string | undefined>;
  /** Stores `value` unless the key is set; returns what is stored now (two nodes starting together agree on one). */
  settingIfAbsent(key: string, value: string): Promise<string>;
  /** Removes a setting (keys sealed with a secrets key that is lost, renewed on purpose). */
  forgetSetting(key: string): Promise<void>;
}
