import type { Person } from '../domain/primitives.js';
import type { Severity } from '../domain/severity.js';
import type { EscalationPolicy, ResponseWindow } from './policy.js';
import { onCallOrder, type Override, type Rotation } from './rotation.js';
import { MINUTE_MS } from './zoned-time.js';

export const ESCALATION_TARGETS = ['primary', 'backup', 'everyone'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

export interface EscalationStep {
  /** Position in the chain, 0 = primary. */
  readonly step: number;
  readonly target: EscalationTarget;
  readonly people: readonly Person[];
}

/** Who is paged in what order for one incident, and how patiently. */
export interface EscalationPlan {
  readonly rotationId: string;
  readonly severity: Severity;
  /** Primary, then backup (when there is one), then everyone on the rotation. */
  readonly steps: readonly EscalationStep[];
  /** How many times the chain runs: 1 + the policy's repeat. */
  readonly rounds: number;
  readonly stepTimeoutMs: number;
  /** Null: acknowledged incidents never page again. */
  readonly ackTimeoutMs: number | null;
  readonly window: ResponseWindow;
}

/**
 * The escalation chain for an incident of `severity` on `rotation`, with the people on call at `instantMs`
 * (overrides applied): primary, backup, then everyone on the rotation (primary first), repeated `repeat` times.
 */
export function escalationPlan(
  policy: EscalationPolicy,
  severity: Severity,
  rotation: Rotation,
  overrides: readonly Override[],
  instantMs: number,
): EscalationPlan {
  const rules = policy[severity];
  const everyone = onCallOrder(rotation, overrides, instantMs);
  const [primary, backup] = everyone;
  const candidates: [EscalationTarget, Person[]][] = [
    ['primary', primary ? [primary] : []],
    ['backup', backup ? [backup] : []],
    ['everyone', everyone],
  ];
  const steps = candidates
    .filter(([, people]) => people.length > 0)
    .map(([target, people], step) => ({ step, target, people }));
  return {
    rotationId: rotation.id,
    severity,
    steps,
    rounds: rules.repeat + 1,
    stepTimeoutMs: rules.stepTimeoutMinutes * MINUTE_MS,
    ackTimeoutMs: rules.ackTimeoutMinutes === null ? null : rules.ackTimeoutMinutes * MINUTE_MS,
    window: rules.window,
  };
}
