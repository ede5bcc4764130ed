import { z } from 'zod';
import { SEVERITIES, severitySchema, type Severity } from './severity.js';
import type { Publishers } from './publish-policy.js';

/**
 * What an organisation may set about the rules decide applies. The hub passes its own (from its data folder);
 * clients use the default to show a pending command, and the hub's answer settles it.
 */
export interface DecidePolicy {
  /**
   * Incidents that reached one of these severities (the highest they ever had, so a downgrade once mitigated does
   * not skip the review) cannot be closed until a postmortem is published.
   */
  readonly reviewGate: readonly Severity[];
  /**
   * Revisions of one incident's postmortem accepted per minute (a positive whole number; revision-cap.ts).
   * Absent: POSTMORTEM_REVISIONS_PER_MINUTE.
   */
  readonly postmortemRevisionsPerMinute?: number;
  /** Who may publish to the public status page (publish-policy.ts). Absent: `comms-or-lead`. */
  readonly publishers?: Publishers;
}

export const DEFAULT_POLICY: DecidePolicy = Object.freeze({ reviewGate: Object.freeze(['SEV-1'] as const) });

/** `review-gate.json` in the hub's data folder: `{ "severities": ["SEV-1", "SEV-2"] }` (an empty list: no gate). */
export const reviewGateFileSchema = z.strictObject({ severities: z.array(severitySchema) });
export type ReviewGateFile = z.infer<typeof reviewGateFileSchema>;

export function policyFromReviewGate(file: ReviewGateFile): DecidePolicy {
  // In severity order, once each: the policy reads the same however the file lists them.
  return { reviewGate: SEVERITIES.filter((s) => file.severities.includes(s)) };
}
