import { z } from 'zod';
import type { Severity } from '../domain/severity.js';

/** When a page may reach a person: at any hour, in their extended hours (every day), or in their working hours. */
export const RESPONSE_WINDOWS = ['always', 'extended', 'working'] as const;
export const responseWindowSchema = z.enum(RESPONSE_WINDOWS);
export type ResponseWindow = z.infer<typeof responseWindowSchema>;

/** How one severity pages. */
export const severityPolicySchema = z.strictObject({
  /** How long each step of the chain waits for an acknowledgement before the next step is paged. */
  stepTimeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** How many times the whole chain (primary, backup, everyone) runs again after the first time. */
  repeat: z.number().int().min(0).max(10),
  /**
   * An acknowledged incident that is neither mitigated nor touched by a person for this long pages again;
   * null turns the acknowledgement timeout off.
   */
  ackTimeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .nullable(),
  window: responseWindowSchema,
});
export type SeverityPolicy = z.infer<typeof severityPolicySchema>;

export const escalationPolicySchema = z.strictObject({
  'SEV-1': severityPolicySchema,
  'SEV-2': severityPolicySchema,
  'SEV-3': severityPolicySchema,
});
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

/**
 * Defaults: SEV-1 pages at any hour and escalates after 5 minutes, SEV-2 in extended hours after 15, SEV-3 in
 * working hours after 60. The chain runs three times (repeat 2). An acknowledged incident left alone pages again
 * after 30 minutes (SEV-1, the status-update cadence), 60 (SEV-2) or 4 hours (SEV-3).
 */
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  'SEV-1': { stepTimeoutMinutes: 5, repeat: 2, ackTimeoutMinutes: 30, window: 'always' },
  'SEV-2': { stepTimeoutMinutes: 15, repeat: 2, ackTimeoutMinutes: 60, window: 'extended' },
  'SEV-3': { stepTimeoutMinutes: 60, repeat: 2, ackTimeoutMinutes: 240, window: 'working' },
};

export function severityPolicy(policy: EscalationPolicy, severity: Severity): SeverityPolicy {
  return policy[severity];
}
