import type { IncidentMetricMoments } from './incident.js';
import { isReopen, type Status } from './status.js';

/**
 * How the reducer keeps `Incident.metricMoments`: the moments of docs/metrics.md, each the person's own time
 * (the event's clientAt) as the log has it. Unlike `moments`, nothing is clamped to detection here (durations are
 * clamped when measured) and the first mitigation and resolution survive a reopen.
 */

/** At declaration: a person declaring as investigating acknowledges it then. */
export function declaredMetricMoments(status: Status, t: string): IncidentMetricMoments {
  return {
    acknowledgedAt: status === 'investigating' ? t : null,
    firstMitigatedAt: null,
    firstResolvedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    closedAt: null,
  };
}

/** incident.acknowledged: only the first acknowledgement counts. */
export function acknowledgedMetricMoments(m: IncidentMetricMoments, t: string): IncidentMetricMoments {
  return m.acknowledgedAt !== null ? m : { ...m, acknowledgedAt: t };
}

/** incident.status_changed from `from` to `to` at `t`. */
export function statusMetricMoments(
  m: IncidentMetricMoments,
  from: Status,
  to: Status,
  t: string,
): IncidentMetricMoments {
  const next = { ...m };
  if (to === 'investigating') next.acknowledgedAt ??= t;
  if (isReopen(from, to)) {
    next.mitigatedAt = null;
    next.resolvedAt = null;
    next.closedAt = null;
  }
  // Resolving ends the impact, so it mitigates too when that was skipped.
  if (to === 'mitigated' || (to === 'resolved' && next.mitigatedAt === null)) next.mitigatedAt = t;
  // A resolution is never earlier than the mitigation it follows (people's clocks differ).
  if (to === 'resolved') next.resolvedAt = latest(t, next.mitigatedAt);
  if (to === 'closed' || to === 'declined') next.closedAt = t;
  next.firstMitigatedAt ??= next.mitigatedAt;
  next.firstResolvedAt ??= next.resolvedAt;
  return next;
}

function latest(t: string, other: string | null): string {
  return other !== null && Date.parse(other) > Date.parse(t) ? other : t;
}
