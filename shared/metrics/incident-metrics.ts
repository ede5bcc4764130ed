import type { DomainEvent } from '../domain/events.js';
import { incidentLabel } from '../domain/incident.js';
import { isMoreSevere, type Severity } from '../domain/severity.js';
import { isReopen, type Status } from '../domain/status.js';

/**
 * The moments one incident's metrics are measured between, read from its event log (not from the reducer's
 * latest moments, which a reopen clears). Each is the person's own time (the event's clientAt), as the reducer
 * keeps it; null means "did not happen / not known", never zero.
 */
export interface MetricMoments {
  /** The latest value given (at declaration or by incident.updated); null when nobody knows. */
  readonly impactStartedAt: string | null;
  /** The latest value given (at declaration or by incident.updated). */
  readonly detectedAt: string;
  readonly declaredAt: string;
  /** The first acknowledgement: an incident.acknowledged, a move to investigating, or a declaration as investigating. */
  readonly acknowledgedAt: string | null;
  /** The first move to mitigated, or to resolved when mitigation was skipped. Kept when the incident is reopened. */
  readonly firstMitigatedAt: string | null;
  /** The first move to resolved. Kept when the incident is reopened. */
  readonly firstResolvedAt: string | null;
  /** The resolution that held: the last one, only while the incident is resolved or closed. */
  readonly finalResolvedAt: string | null;
  /** The move to closed or declined, only while the incident is closed or declined. */
  readonly closedAt: string | null;
}

/** One incident's figures. Durations are seconds (to the millisecond); null when a moment is missing. */
export interface IncidentMetrics {
  readonly incidentId: string;
  readonly number: number;
  /** INC-42 */
  readonly label: string;
  readonly title: string;
  /** The highest severity the incident reached: its metrics group under this one. */
  readonly severity: Severity;
  readonly initialSeverity: Severity;
  readonly finalSeverity: Severity;
  /** Its status at the end of the log. */
  readonly status: Status;
  /** Declined in triage (and not reopened since): noise, kept out of the TTx aggregates. */
  readonly declined: boolean;
  /** Moves back to investigating (from mitigated, resolved or declined), as the reducer counts them. */
  readonly reopenCount: number;
  readonly moments: MetricMoments;
  /** Time to detect: impact started → detected. */
  readonly ttdSeconds: number | null;
  /** Time to acknowledge: detected → first acknowledged. */
  readonly ttaSeconds: number | null;
  /** Time to mitigate: detected → first mitigated. */
  readonly ttmSeconds: number | null;
  /** Time to resolve: detected → first resolved. */
  readonly ttrSeconds: number | null;
  /** Time to final resolution: detected → the resolution that held (null while reopened and unresolved). */
  readonly ttfrSeconds: number | null;
}

/**
 * One incident's metrics from its events in seq order (they are sorted by seq here, to be safe). Throws if the
 * events are of several incidents or hold no declaration: a log the reducer would refuse too.
 */
export function incidentMetrics(events: readonly DomainEvent[]): IncidentMetrics {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const first = ordered[0];
  if (first?.type !== 'incident.declared')
    throw new Error(`incidentMetrics: the first event must be incident.declared, not ${first?.type ?? 'nothing'}`);
  const d = first.payload;
  let title = d.title;
  let impactStartedAt = d.impactStartedAt;
  let detectedAt = d.detectedAt;
  const declaredAt = first.clientAt;
  let severity = d.severity;
  let highest = d.severity;
  let status: Status = d.status;
  let reopenCount = 0;
  // A person declaring starts investigating: that is the acknowledgement (the reducer agrees).
  let acknowledgedAt: string | null = d.status === 'investigating' ? declaredAt : null;
  let firstMitigatedAt: string | null = null;
  let firstResolvedAt: string | null = null;
  // The mitigation and resolution of the current round (since the last reopen).
  let roundMitigatedAt: string | null = null;
  let roundResolvedAt: string | null = null;
  let closedAt: string | null = null;

  for (const event of ordered.slice(1)) {
    if (event.incidentId !== first.incidentId)
      throw new Error(`incidentMetrics: events of ${first.incidentId} and ${event.incidentId} are mixed`);
    const t = event.clientAt;
    switch (event.type) {
      case 'incident.declared':
        throw new Error(`incidentMetrics: ${first.incidentId} is declared twice`);
      case 'incident.updated': {
        const c = event.payload.changes;
        if (c.title !== undefined) title = c.title;
        if (c.impactStartedAt !== undefined) impactStartedAt = c.impactStartedAt;
        if (c.detectedAt !== undefined) detectedAt = c.detectedAt;
        break;
      }
      case 'incident.severity_changed':
        severity = event.payload.to;
        if (isMoreSevere(severity, highest)) highest = severity;
        break;
      case 'incident.acknowledged':
        acknowledgedAt ??= t;
        break;
      case 'incident.status_changed': {
        const { from, to } = event.payload;
        status = to;
        if (to === 'investigating') acknowledgedAt ??= t;
        if (isReopen(from, to)) {
          reopenCount += 1;
          roundMitigatedAt = null;
          roundResolvedAt = null;
          closedAt = null;
        }
        // Resolving ends the impact, so it mitigates too when that was skipped (as the reducer records it).
        if (to === 'mitigated' || (to === 'resolved' && roundMitigatedAt === null)) roundMitigatedAt = t;
        // A resolution is never earlier than the mitigation it follows (people's clocks differ).
        if (to === 'resolved') roundResolvedAt = latest(t, roundMitigatedAt);
        if (to === 'closed' || to === 'declined') closedAt = t;
        firstMitigatedAt ??= roundMitigatedAt;
        firstResolvedAt ??= roundResolvedAt;
        break;
      }
      default:
        break;
    }
  }

  const finalResolvedAt = status === 'resolved' || status === 'closed' ? roundResolvedAt : null;
  return {
    incidentId: first.incidentId,
    number: d.number,
    label: incidentLabel(d),
    title,
    severity: highest,
    initialSeverity: d.severity,
    finalSeverity: severity,
    status,
    declined: status === 'declined',
    reopenCount,
    moments: {
      impactStartedAt,
      detectedAt,
      declaredAt,
      acknowledgedAt,
      firstMitigatedAt,
      firstResolvedAt,
      finalResolvedAt,
      closedAt,
    },
    ttdSeconds: secondsBetween(impactStartedAt, detectedAt),
    ttaSeconds: secondsBetween(detectedAt, acknowledgedAt),
    ttmSeconds: secondsBetween(detectedAt, firstMitigatedAt),
    ttrSeconds: secondsBetween(detectedAt, firstResolvedAt),
    ttfrSeconds: secondsBetween(detectedAt, finalResolvedAt),
  };
}

/**
 * Every incident's metrics from a log of many (any order), in declaration (seq) order. The definition, folded from
 * the events: the hub serves `metricsOfState` (state-metrics.ts), kept equal to this by a property test.
 */
export function metricsOfLog(events: readonly DomainEvent[]): IncidentMetrics[] {
  const byIncident = new Map<string, DomainEvent[]>();
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const list = byIncident.get(event.incidentId);
    if (list) list.push(event);
    else byIncident.set(event.incidentId, [event]);
  }
  return [...byIncident.values()].map(incidentMetrics);
}

/**
 * Seconds from `start` to `end`, to the millisecond; null when either is missing. Never negative: an end recorded
 * before its start (another person's clock, or a detection time moved later) counts as 0.
 */
export function secondsBetween(start: string | null, end: string | null): number | null {
  if (start === null || end === null) return null;
  return Math.max(0, Date.parse(end) - Date.parse(start)) / 1000;
}

function latest(first: string, other: string | null): string {
  return other !== null && Date.parse(other) > Date.parse(first) ? other : first;
}
