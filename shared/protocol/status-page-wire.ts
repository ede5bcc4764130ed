import { z } from 'zod';
import { deliveryResultSchema, webUrlSchema } from '../contact/contact-method.js';
import { commandErrorSchema } from '../domain/errors.js';
import { idSchema, isoTimeSchema } from '../domain/primitives.js';
import { publishersSchema } from '../domain/publish-policy.js';
import { severitySchema } from '../domain/severity.js';
import { announceChannelInputSchema, announceEventSchema, announceKindSchema } from '../status-page/announcements.js';
import { serviceKeySchema, statusPageConfigSchema } from '../status-page/status-page-config.js';

/**
 * The status page's set-up over socket.io (docs/status-page.md): one read (`statuspage`) for responders and admins,
 * one write (`statuspage.change`, a tagged union) for admins. Nothing secret comes back: channels and webhook
 * subscribers are shown masked; a webhook subscriber's signing secret is returned once, when it is added.
 */

export const statusPageRequestSchema = z.strictObject({});

/** What the last message through a channel or to a subscriber did. */
export const lastSendSchema = z.object({ at: isoTimeSchema, result: deliveryResultSchema, detail: z.string() });

export const announceChannelViewSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: announceKindSchema,
  /** Masked: the host, or the Slack channel. */
  target: z.string(),
  severities: z.array(severitySchema),
  events: z.array(announceEventSchema),
  createdAt: isoTimeSchema,
  last: lastSendSchema.nullable(),
});
export type AnnounceChannelView = z.infer<typeof announceChannelViewSchema>;

export const webhookSubscriberViewSchema = z.object({
  id: idSchema,
  /** Masked: the host. */
  target: z.string(),
  /** Service keys; empty: every service. */
  services: z.array(z.string()),
  createdAt: isoTimeSchema,
  last: lastSendSchema.nullable(),
});
export type WebhookSubscriberView = z.infer<typeof webhookSubscriberViewSchema>;

export const statusPageViewSchema = z.object({
  config: statusPageConfigSchema,
  /** The public page's address (`<public URL>/status`), for "see it on the status page". */
  pageUrl: z.string(),
  /** Whether the page offers e-mail subscriptions (the hub has SMTP settings). */
  email: z.boolean(),
  /** Who may publish (the hub's policy), so the app says why before anyone types. */
  publishers: publishersSchema,
  subscribers: z.object({ confirmed: z.number().int().nonnegative(), pending: z.number().int().nonnegative() }),
  /** Admins only; empty for others. */
  channels: z.array(announceChannelViewSchema),
  webhooks: z.array(webhookSubscriberViewSchema),
});
export type StatusPageView = z.infer<typeof statusPageViewSchema>;

export const statusPageReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: statusPageViewSchema }),
  z.object({ ok: z.literal(false), error: commandErrorSchema }),
]);
export type StatusPageReply = z.infer<typeof statusPageReplySchema>;

export const statusPageChangeSchema = z.discriminatedUnion('kind', [
  /** Replaces the whole set-up (title, time zone, public services and overrides, maintenance windows). */
  z.strictObject({ kind: z.literal('config.save'), config: statusPageConfigSchema }),
  z.strictObject({ kind: z.literal('channel.add'), channel: announceChannelInputSchema }),
  z.strictObject({ kind: z.literal('channel.remove'), id: idSchema }),
  /** Sends a test message through the channel now, and says what it answered. */
  z.strictObject({ kind: z.literal('channel.test'), id: idSchema }),
  z.strictObject({
    kind: z.literal('webhook.add'),
    url: webUrlSchema,
    services: z.array(serviceKeySchema).max(100).default([]),
  }),
  z.strictObject({ kind: z.literal('webhook.remove'), id: idSchema }),
]);
export type StatusPageChange = z.input<typeof statusPageChangeSchema>;
export type ParsedStatusPageChange = z.output<typeof statusPageChangeSchema>;

export const statusPageChangeReplySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** The channel or webhook subscriber added; null otherwise. */
    id: idSchema.nullable(),
    /** webhook.add: the signing secret, shown this once; null otherwise. */
    secret: z.string().nullable(),
    /** channel.test: what the channel answered; null otherwise. */
    sent: z.object({ ok: z.boolean(), detail: z.string() }).nullable(),
  }),
  z.object({ ok: z.literal(false), error: commandErrorSchema }),
]);
export type StatusPageChangeReply = z.infer<typeof statusPageChangeReplySchema>;
