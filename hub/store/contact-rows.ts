import { z } from 'zod';
import { contactKindSchema } from '../../shared/contact/contact-method.js';
import { notificationRulesSchema, type NotificationRule } from '../../shared/contact/notification-rules.js';
import { isoTimeSchema } from '../../shared/domain/primitives.js';
import type {
  AckLinkRow,
  LastDelivery,
  OutboxRow,
  OutboxStatus,
  OutboxUpdate,
  StoredContactMethod,
} from '../contact/contact-store.js';
import { byDueThen, lastSendingSql, PAGE_OUTBOX } from './leased-outbox.js';

/**
 * What both contact stores share: input checked before anything is written (a bad value is refused with what was
 * wrong, and nothing changes), times brought to one form, and table rows turned back into the interface's objects.
 *
 * Every time is stored as `toISOString()` gives it (UTC, milliseconds, `…Z`): SQLite compares them as text, which is
 * only chronological when they all have that one form.
 */

const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const satisfies readonly OutboxStatus[];
export const outboxStatusSchema = z.enum(OUTBOX_STATUSES);

/** Ids are made by the hub (method ids, page ids, incident ids, user ids): opaque, but never empty. */
export const keySchema = z.string().min(1).max(200);
export const countSchema = z.number().int().min(0);

const storedMethodSchema = z.object({
  id: keySchema,
  userId: keySchema,
  kind: contactKindSchema,
  label: z.string(),
  target: z.string(),
  sealedTarget: z.string().min(1),
  createdAt: isoTimeSchema,
  verifiedAt: isoTimeSchema.nullable(),
  codeHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex')
    .nullable(),
  codeExpiresAt: isoTimeSchema.nullable(),
  codeAttempts: countSchema,
});
const verificationSchema = storedMethodSchema.pick({
  verifiedAt: true,
  codeHash: true,
  codeExpiresAt: true,
  codeAttempts: true,
});

export const outboxUpdateSchema = z.object({
  status: outboxStatusSchema,
  attempts: countSchema,
  dueAt: isoTimeSchema,
  detail: z.string(),
  updatedAt: isoTimeSchema,
});
const outboxRowSchema = outboxUpdateSchema.extend({
  pageId: keySchema,
  methodId: keySchema,
  userId: keySchema,
  incidentId: keySchema,
  leaseOwner: keySchema.nullable(),
  leaseUntil: isoTimeSchema.nullable(),
});

const ackLinkSchema = z.object({
  id: keySchema,
  incidentId: keySchema,
  pageId: keySchema,
  userId: keySchema,
  expiresAt: isoTimeSchema,
  usedAt: isoTimeSchema.nullable(),
});

/** Parses `value` or throws an error naming `what` and every problem (never the values themselves). */
export function checked<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`invalid ${what}: ${z.prettifyError(result.error).replace(/\n/g, '; ')}`);
  return result.data;
}

export const checkMethod = (m: StoredContactMethod): StoredContactMethod =>
  checked(storedMethodSchema, m, 'contact method');
export const checkVerification = (
  v: Pick<StoredContactMethod, 'verifiedAt' | 'codeHash' | 'codeExpiresAt' | 'codeAttempts'>,
) => checked(verificationSchema, v, 'verification fields');
export const checkRules = (rules: readonly NotificationRule[]): NotificationRule[] =>
  checked(notificationRulesSchema, rules, 'notification rules');
export const checkOutboxRow = (row: OutboxRow): OutboxRow => checked(outboxRowSchema, row, 'outbox row');
export const checkOutboxUpdate = (update: OutboxUpdate): OutboxUpdate =>
  checked(outboxUpdateSchema, update, 'outbox update');
export const checkAckLink = (link: AckLinkRow): AckLinkRow => checked(ackLinkSchema, link, 'acknowledge link');
export const checkTime = (time: string, what: string): string => checked(isoTimeSchema, time, what);
export const checkKey = (key: string, what: string): string => checked(keySchema, key, what);
export const checkLimit = (limit: number): number => checked(countSchema, limit, 'claim limit');

/** A claim's arguments, checked (in this order) before the outbox is touched. */
export function checkClaim(now: string, owner: string, leaseUntil: string, limit: number) {
  const [at, until, n, by] = [
    checkTime(now, 'now'),
    checkTime(leaseUntil, 'lease end'),
    checkLimit(limit),
    checkKey(owner, 'lease owner'),
  ];
  return { at, until, limit: n, owner: by };
}

/** A time as a driver gives it back: text (SQLite, PostgreSQL text) or a Date (PostgreSQL timestamptz). */
export type StoredTime = string | Date;
export const iso = (t: StoredTime): string => (typeof t === 'string' ? t : t.toISOString());
export const isoOrNull = (t: StoredTime | null): string | null => (t === null ? null : iso(t));

export interface MethodTableRow {
  id: string;
  user_id: string;
  kind: string;
  label: string;
  target: string;
  sealed_target: string;
  created_at: string;
  verified_at: string | null;
  code_hash: string | null;
  code_expires_at: string | null;
  code_attempts: number;
}

export function methodOf(r: MethodTableRow): StoredContactMethod {
  return {
    id: r.id,
    userId: r.user_id,
    kind: contactKindSchema.parse(r.kind),
    label: r.label,
    target: r.target,
    sealedTarget: r.sealed_target,
    createdAt: r.created_at,
    verifiedAt: r.verified_at,
    codeHash: r.code_hash,
    codeExpiresAt: r.code_expires_at,
    codeAttempts: r.code_attempts,
  };
}

/** The sending columns of both leased outboxes (leased-outbox.ts), as a driver gives them back. */
export interface SendingTableColumns {
  status: string;
  attempts: number;
  due_at: StoredTime;
  lease_owner: string | null;
  lease_until: StoredTime | null;
  detail: string;
}

export const sendingFieldsOf = (r: SendingTableColumns) => ({
  status: outboxStatusSchema.parse(r.status),
  attempts: r.attempts,
  dueAt: iso(r.due_at),
  leaseOwner: r.lease_owner,
  leaseUntil: isoOrNull(r.lease_until),
  detail: r.detail,
});

export interface OutboxTableRow extends SendingTableColumns {
  page_id: string;
  method_id: string;
  user_id: string;
  incident_id: string;
  updated_at: StoredTime;
}

export function outboxOf(r: OutboxTableRow): OutboxRow {
  return {
    pageId: r.page_id,
    methodId: r.method_id,
    userId: r.user_id,
    incidentId: r.incident_id,
    ...sendingFieldsOf(r),
    updatedAt: iso(r.updated_at),
  };
}

/** A row's values in the order of PAGE_OUTBOX.columns. */
export const outboxValues = (r: OutboxRow): unknown[] => [
  r.pageId,
  r.methodId,
  r.userId,
  r.incidentId,
  r.status,
  r.attempts,
  r.dueAt,
  r.leaseOwner,
  r.leaseUntil,
  r.detail,
  r.updatedAt,
];

/** Claimed rows in the order they fell due, then by page and method. */
export const byDue = byDueThen((r: OutboxRow) => `${r.pageId}\u0000${r.methodId}`);

/** Per method, the newest row that says something about delivery (lastSendingSql). */
export const LAST_DELIVERIES_SQL = lastSendingSql(PAGE_OUTBOX, 'method_id');

export interface LastDeliveryTableRow {
  method_id: string;
  status: string;
  detail: string;
  updated_at: StoredTime;
}

export function lastDeliveryOf(r: LastDeliveryTableRow): LastDelivery {
  return {
    methodId: r.method_id,
    at: iso(r.updated_at),
    result: r.status === 'pending' ? 'retrying' : r.status === 'sent' ? 'sent' : 'failed',
    detail: r.detail,
  };
}

export interface AckLinkTableRow {
  id: string;
  incident_id: string;
  page_id: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
}

export function ackLinkOf(r: AckLinkTableRow): AckLinkRow {
  return {
    id: r.id,
    incidentId: r.incident_id,
    pageId: r.page_id,
    userId: r.user_id,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
  };
}

export function rulesOf(body: string): NotificationRule[] {
  return notificationRulesSchema.parse(JSON.parse(body));
}
