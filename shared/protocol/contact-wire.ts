import { z } from 'zod';
import {
  contactKindSchema,
  contactLabelSchema,
  contactMethodViewSchema,
  contactTargetSchema,
} from '../contact/contact-method.js';
import { notificationRuleSchema, notificationRulesSchema } from '../contact/notification-rules.js';
import { commandErrorSchema } from '../domain/errors.js';
import { idSchema } from '../domain/primitives.js';

/**
 * A person's contact methods and notification rules over socket.io (docs/contact.md): one read (`contact`), one
 * write (`contact.change`, a tagged union) and "send me a test page" (`contact.test`). Each is about the sender's
 * own methods, or, for admins, anyone's (`userId`). Nothing secret ever comes back: methods are shown masked.
 */

export const contactRequestSchema = z.strictObject({ userId: idSchema.optional() });
export type ContactRequest = z.input<typeof contactRequestSchema>;

/** What the hub can send through, so the Profile offers only what works. */
export const contactChannelsSchema = z.object({
  /** SMTP is configured (WARROOM_SMTP_URL or smtp.json). */
  email: z.boolean(),
  /** The VAPID public key (base64url) for PushManager.subscribe; null when Web Push is off. */
  webPushKey: z.string().nullable(),
  /** The ntfy server a method without its own uses. */
  ntfyServer: z.string(),
});
export type ContactChannels = z.infer<typeof contactChannelsSchema>;

export const contactViewSchema = z.object({
  userId: idSchema,
  methods: z.array(contactMethodViewSchema),
  /** What runs for this person's pages: the saved rules, or the default (every verified method at once). */
  rules: z.array(notificationRuleSchema),
  /** False: `rules` is the default, until the person saves their own. */
  rulesSaved: z.boolean(),
  channels: contactChannelsSchema,
});
export type ContactView = z.infer<typeof contactViewSchema>;

export const contactReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: contactViewSchema }),
  z.object({ ok: z.literal(false), error: commandErrorSchema }),
]);
export type ContactReply = z.infer<typeof contactReplySchema>;

/** A verification code: six digits, sent through the method itself. */
export const verificationCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the six digits the verification message gave');

export const contactChangeSchema = z.discriminatedUnion('kind', [
  /** Adds a method (unverified) and sends it a verification code. */
  z.strictObject({
    kind: z.literal('method.add'),
    userId: idSchema.optional(),
    label: contactLabelSchema.optional(),
    target: contactTargetSchema,
  }),
  z.strictObject({ kind: z.literal('method.verify'), methodId: idSchema, code: verificationCodeSchema }),
  /** Sends a new code (the old one stops working). */
  z.strictObject({ kind: z.literal('method.resend'), methodId: idSchema }),
  z.strictObject({ kind: z.literal('method.remove'), methodId: idSchema }),
  z.strictObject({ kind: z.literal('rules.save'), userId: idSchema.optional(), rules: notificationRulesSchema }),
]);
export type ContactChange = z.input<typeof contactChangeSchema>;
export type ParsedContactChange = z.output<typeof contactChangeSchema>;

/** What one method answered to a message (a verification code, a test page). */
export const contactSendResultSchema = z.object({
  methodId: idSchema,
  kind: contactKindSchema,
  target: z.string(),
  ok: z.boolean(),
  /** "250 2.0.0 OK", "HTTP 404 Not Found", "connect ECONNREFUSED 127.0.0.1:2525". */
  detail: z.string(),
});
export type ContactSendResult = z.infer<typeof contactSendResultSchema>;

export const contactChangeReplySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** The method added (method.add); null otherwise. */
    methodId: idSchema.nullable(),
    /** What the method answered to its verification message (method.add, method.resend); null otherwise. */
    sent: contactSendResultSchema.nullable(),
  }),
  z.object({ ok: z.literal(false), error: commandErrorSchema }),
]);
export type ContactChangeReply = z.infer<typeof contactChangeReplySchema>;

/** `contact.test`: a test page through every verified method of the sender, and what each answered. */
export const contactTestRequestSchema = z.strictObject({});
export const contactTestReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), results: z.array(contactSendResultSchema) }),
  z.object({ ok: z.literal(false), error: commandErrorSchema }),
]);
export type ContactTestReply = z.infer<typeof contactTestReplySchema>;
