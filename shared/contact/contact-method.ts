import { z } from 'zod';
import { idSchema, isoTimeSchema, singleLineText } from '../domain/primitives.js';

/**
 * The ways a page reaches a person beyond a running app or an open tab (docs/contact.md). The desktop app and
 * browser notifications are not methods: every page is pushed to them at once, always.
 */
export const CONTACT_KINDS = ['email', 'webpush', 'ntfy', 'slack', 'mattermost', 'teams', 'webhook'] as const;
export const contactKindSchema = z.enum(CONTACT_KINDS);
export type ContactKind = z.infer<typeof contactKindSchema>;

/** How each kind is named to people. */
export const CONTACT_KIND_NAMES: Readonly<Record<ContactKind, string>> = {
  email: 'E-mail',
  webpush: 'Browser push',
  ntfy: 'ntfy',
  slack: 'Slack',
  mattermost: 'Mattermost',
  teams: 'Microsoft Teams',
  webhook: 'Signed webhook',
};

/** http or https only: a method is a place the hub posts to (docs/contact.md says to prefer https). */
export const webUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
  .max(2000, 'must be at most 2000 characters');

/** ntfy's own topic rule: letters, digits, "_" and "-", at most 64. */
export const ntfyTopicSchema = z
  .string()
  .trim()
  .regex(/^[-_A-Za-z0-9]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-" (ntfy topic rules)');

const base64url = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url`)
    .min(min)
    .max(max);

/** What a browser's PushManager.subscribe() gives (PushSubscription.toJSON()). */
export const pushSubscriptionSchema = z.object({
  endpoint: webUrlSchema,
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    /** The browser's P-256 public key (65 bytes, uncompressed). */
    p256dh: base64url('keys.p256dh', 80, 100),
    /** The 16-byte authentication secret. */
    auth: base64url('keys.auth', 16, 30),
  }),
});
export type PushSubscriptionJson = z.infer<typeof pushSubscriptionSchema>;

/**
 * What a person gives to add a method; all of it is secret-ish (an address, a topic, a webhook URL that is its own
 * credential) and kept sealed on the hub. It is never sent back: the view shows `maskTarget` instead.
 */
export const contactTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), address: z.email('must be an e-mail address').max(254) }),
  z.strictObject({ kind: z.literal('webpush'), subscription: pushSubscriptionSchema }),
  z.strictObject({
    kind: z.literal('ntfy'),
    /** The team's ntfy server; absent: the hub's default (WARROOM_NTFY_URL, else https://ntfy.sh). */
    server: webUrlSchema.optional(),
    topic: ntfyTopicSchema,
    /** An ntfy access token (tk_…) for a protected topic. */
    token: z.string().trim().min(1).max(200).optional(),
  }),
  z.strictObject({ kind: z.literal('slack'), url: webUrlSchema }),
  z.strictObject({ kind: z.literal('mattermost'), url: webUrlSchema }),
  /** A Teams Workflows webhook ("Post to a channel when a webhook request is received"). */
  z.strictObject({ kind: z.literal('teams'), url: webUrlSchema }),
  z.strictObject({
    kind: z.literal('webhook'),
    url: webUrlSchema,
    /** The shared secret the receiver checks X-Warroom-Signature with. */
    secret: z.string().min(16, 'must be at least 16 characters').max(200),
  }),
]);
export type ContactTarget = z.infer<typeof contactTargetSchema>;

export const contactLabelSchema = singleLineText('the label', 60, { optional: true });

/** The last thing that happened to a message through this method. */
export const DELIVERY_RESULTS = ['sent', 'retrying', 'failed'] as const;
export const deliveryResultSchema = z.enum(DELIVERY_RESULTS);
export type DeliveryResult = z.infer<typeof deliveryResultSchema>;

/** A method as the API shows it: never its address, URL, token or secret. */
export const contactMethodViewSchema = z.object({
  id: idSchema,
  userId: idSchema,
  kind: contactKindSchema,
  label: z.string(),
  /** Enough to recognise it: "a•••@example.com", "ntfy.sh/war•••", "hooks.slack.com". */
  target: z.string(),
  /** Only verified methods are used for pages. */
  verifiedAt: isoTimeSchema.nullable(),
  createdAt: isoTimeSchema,
  lastDelivery: z.object({ at: isoTimeSchema, result: deliveryResultSchema, detail: z.string() }).nullable(),
});
export type ContactMethodView = z.infer<typeof contactMethodViewSchema>;

/** Shown instead of what a method points at, so a screen or a log can name it without giving it away. */
export function maskTarget(target: ContactTarget, defaultNtfyServer: string): string {
  switch (target.kind) {
    case 'email': {
      const [local = '', domain = ''] = splitAddress(target.address);
      return `${local.slice(0, 1)}•••@${domain}`;
    }
    case 'ntfy':
      return `${hostOf(target.server ?? defaultNtfyServer)}/${target.topic.slice(0, 3)}•••`;
    case 'webpush':
      return hostOf(target.subscription.endpoint);
    case 'slack':
    case 'mattermost':
    case 'teams':
    case 'webhook':
      return hostOf(target.url);
  }
}

function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf('@');
  return [address.slice(0, at), address.slice(at + 1)];
}

/** The host[:port] of an http(s) URL, without any user:password@ (shared has no URL class: no DOM, no Node). */
export function hostOf(url: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(url)?.[1];
  return authority ? authority.slice(authority.lastIndexOf('@') + 1).toLowerCase() : '•••';
}
