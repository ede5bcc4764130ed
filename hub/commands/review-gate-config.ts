import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_POLICY,
  policyFromReviewGate,
  reviewGateFileSchema,
  type DecidePolicy,
} from '../../shared/domain/decide-policy.js';

export const REVIEW_GATE_FILE_NAME = 'review-gate.json';

export const reviewGateFile = (dataDir: string): string => join(dataDir, REVIEW_GATE_FILE_NAME);

export class ReviewGateError extends Error {}

/**
 * The rules policy of this hub: `review-gate.json` in the data folder (`{ "severities": ["SEV-1", "SEV-2"] }`)
 * names the severities whose incidents need a published postmortem before closing; without the file, SEV-1 only.
 * A file that is not valid JSON or not that shape stops the hub with the reason, like severity-mapping.json,
 * rather than closing incidents under a gate nobody chose. Read once at start; restart the hub after editing it.
 */
export function loadDecidePolicy(dataDir: string): { policy: DecidePolicy; file: string | null } {
  const file = reviewGateFile(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { policy: DEFAULT_POLICY, file: null };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReviewGateError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = reviewGateFileSchema.safeParse(json);
  if (!parsed.success)
    throw new ReviewGateError(
      `${file} is not a review gate (expected { "severities": ["SEV-1", …] }): ${z.prettifyError(parsed.error)}`,
    );
  return { policy: policyFromReviewGate(parsed.data), file };
}
