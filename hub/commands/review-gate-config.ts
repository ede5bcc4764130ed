import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { publishersSchema, type Publishers } from '../../shared/domain/publish-policy.js';
import {
  DEFAULT_POLICY,
  policyFromReviewGate,
  reviewGateFileSchema,
  type DecidePolicy,
} from '../../shared/domain/decide-policy.js';

export const REVIEW_GATE_FILE_NAME = 'review-gate.json';

export const reviewGateFile = (dataDir: string): string => join(dataDir, REVIEW_GATE_FILE_NAME);

export const PUBLISH_POLICY_FILE_NAME = 'publish-policy.json';

export const publishPolicyFile = (dataDir: string): string => join(dataDir, PUBLISH_POLICY_FILE_NAME);

/** `publish-policy.json`: `{ "publishers": "comms-or-lead" | "any-responder" }` (docs/status-page.md). */
const publishPolicyFileSchema = z.strictObject({ publishers: publishersSchema });

export class ReviewGateError extends Error {}

/**
 * The rules policy of this hub: `review-gate.json` in the data folder (`{ "severities": ["SEV-1", "SEV-2"] }`)
 * names the severities whose incidents need a published postmortem before closing; without the file, SEV-1 only.
 * A file that is not valid JSON or not that shape stops the hub with the reason, like severity-mapping.json,
 * rather than closing incidents under a gate nobody chose. Read once at start; restart the hub after editing it.
 */
export function loadDecidePolicy(dataDir: string): {
  policy: DecidePolicy;
  file: string | null;
  publishPolicyFile: string | null;
} {
  const file = reviewGateFile(dataDir);
  const gate = readJsonFile(file);
  let policy = DEFAULT_POLICY;
  if (gate !== undefined) {
    const parsed = reviewGateFileSchema.safeParse(gate);
    if (!parsed.success)
      throw new ReviewGateError(
        `${file} is not a review gate (expected { "severities": ["SEV-1", …] }): ${z.prettifyError(parsed.error)}`,
      );
    policy = policyFromReviewGate(parsed.data);
  }
  const publishers = loadPublishers(dataDir);
  return {
    policy: publishers ? { ...policy, publishers: publishers.publishers } : policy,
    file: gate === undefined ? null : file,
    publishPolicyFile: publishers ? publishers.file : null,
  };
}

/**
 * Who may publish to the status page: `publish-policy.json` in the data folder; without it, the Communication Lead
 * (or the Incident Lead while no one holds Comms). A bad file stops the hub with its reason, like review-gate.json.
 */
function loadPublishers(dataDir: string): { publishers: Publishers; file: string } | null {
  const file = publishPolicyFile(dataDir);
  const json = readJsonFile(file);
  if (json === undefined) return null;
  const parsed = publishPolicyFileSchema.safeParse(json);
  if (!parsed.success)
    throw new ReviewGateError(
      `${file} is not a publish policy (expected { "publishers": "comms-or-lead" } or { "publishers": "any-responder" }): ${z.prettifyError(parsed.error)}`,
    );
  return { publishers: parsed.data.publishers, file };
}

/** The file's JSON, or undefined when there is no such file; not JSON stops the hub with the reason. */
function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ReviewGateError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
