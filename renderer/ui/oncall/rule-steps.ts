import type { ContactMethodView } from '../../../shared/contact/contact-method.js';
import { notificationRulesSchema, type NotificationRule } from '../../../shared/contact/notification-rules.js';

/** A step as the form holds it: the minutes as typed, so nothing a person typed is lost on a refusal. */
export interface RuleStep {
  readonly methodId: string;
  readonly afterMinutes: string;
}

export function stepsOf(rules: readonly NotificationRule[]): RuleStep[] {
  return rules.map((r) => ({ methodId: r.methodId, afterMinutes: String(r.afterMinutes) }));
}

/** Methods not in a step yet, verified first (an unverified one is skipped until verified, but may be planned). */
export function addableMethods(methods: readonly ContactMethodView[], steps: readonly RuleStep[]): ContactMethodView[] {
  const used = new Set(steps.map((s) => s.methodId));
  const free = methods.filter((m) => !used.has(m.id));
  return [...free.filter((m) => m.verifiedAt !== null), ...free.filter((m) => m.verifiedAt === null)];
}

/** The rules to save, or the problems in words (by step, naming the method). */
export function checkSteps(
  steps: readonly RuleStep[],
  nameOf: (methodId: string) => string,
): { ok: true; rules: NotificationRule[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const rules: NotificationRule[] = [];
  for (const step of steps) {
    const text = step.afterMinutes.trim();
    const minutes = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440)
      problems.push(`${nameOf(step.methodId)}: the minutes must be a whole number from 0 to 1440.`);
    else rules.push({ methodId: step.methodId, afterMinutes: minutes });
  }
  if (problems.length > 0) return { ok: false, problems };
  const parsed = notificationRulesSchema.safeParse(rules);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => i.message) };
  return { ok: true, rules: parsed.data };
}
