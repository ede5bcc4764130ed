import { z } from 'zod';
import { idSchema } from '../domain/primitives.js';

/**
 * One step of a person's notification rules: "ntfy after 1 minute". The desktop app and browser tabs are not a
 * step: every page reaches them at once. A method appears at most once, so a page sends at most one message per
 * method (the outbox's key is person x page x method).
 */
export const notificationRuleSchema = z.strictObject({
  methodId: idSchema,
  /** Minutes after the page went out, if nobody has acknowledged by then. */
  afterMinutes: z.number().int().min(0).max(1440),
});
export type NotificationRule = z.infer<typeof notificationRuleSchema>;

export const MAX_NOTIFICATION_RULES = 20;

export const notificationRulesSchema = z
  .array(notificationRuleSchema)
  .max(MAX_NOTIFICATION_RULES)
  .refine((rules) => new Set(rules.map((r) => r.methodId)).size === rules.length, 'each method may appear once');

/**
 * The rules a person has: the ones they saved (methods since removed or not verified are skipped), else every
 * verified method at once (as GoAlert does when a method is added: a page should reach a person who set up a
 * method and never thought about rules). Ordered by delay.
 */
export function effectiveRules(
  saved: readonly NotificationRule[] | undefined,
  verifiedMethodIds: readonly string[],
): NotificationRule[] {
  const verified = new Set(verifiedMethodIds);
  const rules = saved
    ? saved.filter((r) => verified.has(r.methodId))
    : verifiedMethodIds.map((methodId) => ({ methodId, afterMinutes: 0 }));
  return [...rules].sort((a, b) => a.afterMinutes - b.afterMinutes);
}

/** When each method is due for a page that went out at `sentAt` (ISO). */
export function plannedDeliveries(
  rules: readonly NotificationRule[],
  sentAt: string,
): { methodId: string; dueAt: string }[] {
  const sent = Date.parse(sentAt);
  return rules.map((r) => ({ methodId: r.methodId, dueAt: new Date(sent + r.afterMinutes * 60_000).toISOString() }));
}
