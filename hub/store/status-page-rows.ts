import { z } from 'zod';
import { isoTimeSchema } from '../../shared/domain/primitives.js';
import { severitySchema } from '../../shared/domain/severity.js';
import { announceEventSchema, announceKindSchema } from '../../shared/status-page/announcements.js';
import type { OutboxStatus } from '../contact/contact-store.js';
import type {
  MessageRow,
  MessageUpdate,
  StoredChannel,
  StoredStatusPageConfig,
  StoredSubscriber,
} from '../status-page/status-page-store.js';
import {
  checked,
  iso,
  keySchema,
  outboxStatusSchema,
  outboxUpdateSchema,
  sendingFieldsOf,
  type SendingTableColumns,
  type StoredTime,
} from './contact-rows.js';
import { byDueThen, lastSendingSql, MESSAGE_OUTBOX } from './leased-outbox.js';

/**
 * What both status page stores share (like contact-rows.ts): input checked before anything is written, and table
 * rows turned back into the interface's objects. Lists (severities, events, services) are kept as JSON text.
 */

const MESSAGE_KINDS = ['announce', 'subscriber-email', 'subscriber-webhook', 'subscriber-confirm'] as const;
const messageKindSchema = z.enum(MESSAGE_KINDS);
const subscriberKindSchema = z.enum(['email', 'webhook']);

const storedConfigSchema = z.object({ json: z.string().min(2), savedAt: isoTimeSchema, savedBy: keySchema });

const storedChannelSchema = z.object({
  id: keySchema,
  name: z.string(),
  kind: announceKindSchema,
  target: z.string(),
  sealedTarget: z.string().min(1),
  severities: z.array(severitySchema),
  events: z.array(announceEventSchema),
  createdAt: isoTimeSchema,
});

const storedSubscriberSchema = z.object({
  id: keySchema,
  kind: subscriberKindSchema,
  target: z.string(),
  sealedTarget: z.string().min(1),
  addressHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex')
    .nullable(),
  services: z.array(z.string()),
  createdAt: isoTimeSchema,
  confirmedAt: isoTimeSchema.nullable(),
});

const messageRowSchema = outboxUpdateSchema.extend({
  id: keySchema,
  kind: messageKindSchema,
  recipientId: keySchema,
  // '' for a message about no incident (a confirmation, a test).
  incidentId: z.string().max(200),
  sealedBody: z.string().min(1),
  leaseOwner: keySchema.nullable(),
  leaseUntil: isoTimeSchema.nullable(),
  createdAt: isoTimeSchema,
});

export const checkStatusPageConfig = (c: StoredStatusPageConfig): StoredStatusPageConfig =>
  checked(storedConfigSchema, c, 'status page set-up');
export const checkChannel = (c: StoredChannel): StoredChannel => checked(storedChannelSchema, c, 'channel');
export const checkSubscriber = (s: StoredSubscriber): StoredSubscriber =>
  checked(storedSubscriberSchema, s, 'subscriber');
export const checkMessage = (m: MessageRow): MessageRow => checked(messageRowSchema, m, 'message');
export const checkMessageUpdate = (u: MessageUpdate): MessageUpdate => checked(outboxUpdateSchema, u, 'message update');

/** A list as stored (JSON text). */
export const listText = (list: readonly string[]): string => JSON.stringify(list);
const listOf = <T>(text: string, item: z.ZodType<T>): T[] => z.array(item).parse(JSON.parse(text));

export interface ConfigTableRow {
  json: string;
  saved_at: string;
  saved_by: string;
}

export const configOf = (r: ConfigTableRow): StoredStatusPageConfig => ({
  json: r.json,
  savedAt: r.saved_at,
  savedBy: r.saved_by,
});

export interface ChannelTableRow {
  id: string;
  name: string;
  kind: string;
  target: string;
  sealed_target: string;
  severities: string;
  events: string;
  created_at: string;
}

export const channelOf = (r: ChannelTableRow): StoredChannel => ({
  id: r.id,
  name: r.name,
  kind: announceKindSchema.parse(r.kind),
  target: r.target,
  sealedTarget: r.sealed_target,
  severities: listOf(r.severities, severitySchema),
  events: listOf(r.events, announceEventSchema),
  createdAt: r.created_at,
});

export interface SubscriberTableRow {
  id: string;
  kind: string;
  target: string;
  sealed_target: string;
  address_hash: string | null;
  services: string;
  created_at: string;
  confirmed_at: string | null;
}

export const subscriberOf = (r: SubscriberTableRow): StoredSubscriber => ({
  id: r.id,
  kind: subscriberKindSchema.parse(r.kind),
  target: r.target,
  sealedTarget: r.sealed_target,
  addressHash: r.address_hash,
  services: listOf(r.services, z.string()),
  createdAt: r.created_at,
  confirmedAt: r.confirmed_at,
});

export interface MessageTableRow extends SendingTableColumns {
  id: string;
  kind: string;
  recipient_id: string;
  incident_id: string;
  sealed_body: string;
  created_at: StoredTime;
  updated_at: StoredTime;
}

export const messageOf = (r: MessageTableRow): MessageRow => ({
  id: r.id,
  kind: messageKindSchema.parse(r.kind),
  recipientId: r.recipient_id,
  incidentId: r.incident_id,
  sealedBody: r.sealed_body,
  ...sendingFieldsOf(r),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** A message's values in the order of MESSAGE_OUTBOX.columns. */
export const messageValues = (m: MessageRow): unknown[] => [
  m.id,
  m.kind,
  m.recipientId,
  m.incidentId,
  m.sealedBody,
  m.status,
  m.attempts,
  m.dueAt,
  m.leaseOwner,
  m.leaseUntil,
  m.detail,
  m.createdAt,
  m.updatedAt,
];

/** Claimed rows in the order they fell due, then by id. */
export const messagesByDue = byDueThen((m: MessageRow) => m.id);

/** Per recipient, the newest message that says something about sending (lastSendingSql). */
export const LAST_PER_RECIPIENT_SQL = lastSendingSql(MESSAGE_OUTBOX, 'recipient_id');

export interface LastPerRecipientTableRow {
  recipient_id: string;
  status: string;
  detail: string;
  updated_at: StoredTime;
}

export function lastPerRecipientOf(
  rows: readonly LastPerRecipientTableRow[],
): Map<string, { at: string; status: OutboxStatus; detail: string }> {
  return new Map(
    rows.map((r) => [
      r.recipient_id,
      { at: iso(r.updated_at), status: outboxStatusSchema.parse(r.status), detail: r.detail },
    ]),
  );
}
