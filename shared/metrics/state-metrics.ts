import { incidentLabel, type Incident } from '../domain/incident.js';
import type { IncidentsState } from '../domain/state.js';
import { secondsBetween, type IncidentMetrics, type MetricMoments } from './incident-metrics.js';

/**
 * One incident's metrics from its reduced state alone: the reducer keeps what they need (`metricMoments`,
 * `initialSeverity`, `highestSeverity`, `reopenCount`), so nothing is read from the log. Equal to
 * `incidentMetrics(its events)`, the definition (metrics-of-state.property.test.ts checks it).
 */
export function metricsOfIncident(incident: Incident): IncidentMetrics {
  const { moments: m, metricMoments: k, status } = incident;
  const moments: MetricMoments = {
    impactStartedAt: m.impactStartedAt,
    detectedAt: m.detectedAt,
    declaredAt: m.declaredAt,
    acknowledgedAt: k.acknowledgedAt,
    firstMitigatedAt: k.firstMitigatedAt,
    firstResolvedAt: k.firstResolvedAt,
    // The resolution that held: only while nothing reopened it since.
    finalResolvedAt: status === 'resolved' || status === 'closed' ? k.resolvedAt : null,
    closedAt: k.closedAt,
  };
  return {
    incidentId: incident.id,
    number: incident.number,
    label: incidentLabel(incident),
    title: incident.title,
    severity: incident.highestSeverity,
    initialSeverity: incident.initialSeverity,
    finalSeverity: incident.severity,
    status,
    declined: status === 'declined',
    reopenCount: incident.reopenCount,
    moments,
    ttdSeconds: secondsBetween(moments.impactStartedAt, moments.detectedAt),
    ttaSeconds: secondsBetween(moments.detectedAt, moments.acknowledgedAt),
    ttmSeconds: secondsBetween(moments.detectedAt, moments.firstMitigatedAt),
    ttrSeconds: secondsBetween(moments.detectedAt, moments.firstResolvedAt),
    ttfrSeconds: secondsBetween(moments.detectedAt, moments.finalResolvedAt),
  };
}

/**
 * The reducer keeps an unchanged incident's object (and an unchanged state's), so figures are computed once and
 * reused by every request until an event changes them. Weak: a replaced version lets its figures go.
 */
const ofIncident = new WeakMap<Incident, IncidentMetrics>();
const ofState = new WeakMap<IncidentsState, readonly IncidentMetrics[]>();

/** Every incident's metrics, in declaration order (by number). Cost: one pass over the incidents, no log read. */
export function metricsOfState(state: IncidentsState): readonly IncidentMetrics[] {
  let all = ofState.get(state);
  if (!all) {
    all = Object.values(state.incidents)
      .map((incident) => {
        let metrics = ofIncident.get(incident);
        if (!metrics) {
          metrics = metricsOfIncident(incident);
          ofIncident.set(incident, metrics);
        }
        return metrics;
      })
      .sort((a, b) => a.number - b.number);
    ofState.set(state, all);
  }
  return all;
}
