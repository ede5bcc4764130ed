import { z } from 'zod';
import type { Severity } from '../domain/severity.js';
import type { Status } from '../domain/status.js';

/**
 * A public service's state, in the words (and the exact strings) of Atlassian Statuspage's component statuses, so
 * widgets and monitors that read Statuspage's `summary.json` read ours. Ordered from best to worst.
 */
export const SERVICE_STATES = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;
export const serviceStateSchema = z.enum(SERVICE_STATES);
export type ServiceState = z.infer<typeof serviceStateSchema>;

/** What a person may set as an override: every state but maintenance, which comes from maintenance windows. */
export const OVERRIDE_STATES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
export const overrideStateSchema = z.enum(OVERRIDE_STATES);
export type OverrideState = z.infer<typeof overrideStateSchema>;

export const SERVICE_STATE_WORDS: Readonly<Record<ServiceState, string>> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

/** Worse is higher. */
export function serviceStateRank(state: ServiceState): number {
  return SERVICE_STATES.indexOf(state);
}

/** The worst of several; operational for none. */
export function worstState(states: Iterable<ServiceState>): ServiceState {
  let worst: ServiceState = 'operational';
  for (const s of states) if (serviceStateRank(s) > serviceStateRank(worst)) worst = s;
  return worst;
}

/** How a severity shows on its service while the incident is open and not yet mitigated. */
export const SEVERITY_SERVICE_STATE: Readonly<Record<Severity, ServiceState>> = {
  'SEV-1': 'major_outage',
  'SEV-2': 'partial_outage',
  'SEV-3': 'degraded_performance',
};

/**
 * The state an incident puts its service in, from its severity and status, unless the Communication Lead set one
 * (`override`): mitigated means the impact has stopped but the fix is not proven, shown as degraded; resolved,
 * closed and declined incidents no longer affect the service.
 */
export function incidentServiceState(
  incident: { readonly severity: Severity; readonly status: Status },
  override: OverrideState | null,
): ServiceState {
  if (incident.status === 'resolved' || incident.status === 'closed' || incident.status === 'declined')
    return 'operational';
  if (override !== null) return override;
  if (incident.status === 'mitigated') return 'degraded_performance';
  return SEVERITY_SERVICE_STATE[incident.severity];
}

/** The page's overall indicator and words, Statuspage's `status` object. */
export const PAGE_INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type PageIndicator = (typeof PAGE_INDICATORS)[number];

export function pageIndicator(worst: ServiceState): { indicator: PageIndicator; description: string } {
  switch (worst) {
    case 'operational':
      return { indicator: 'none', description: 'All Systems Operational' };
    case 'under_maintenance':
      return { indicator: 'maintenance', description: 'Service Under Maintenance' };
    case 'degraded_performance':
      return { indicator: 'minor', description: 'Minor Service Outage' };
    case 'partial_outage':
      return { indicator: 'major', description: 'Partial System Outage' };
    case 'major_outage':
      return { indicator: 'critical', description: 'Major System Outage' };
  }
}

/** An incident's public status, Statuspage's words: from its status (and whether anyone has found the cause yet). */
export const PUBLIC_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PublicIncidentStatus = (typeof PUBLIC_INCIDENT_STATUSES)[number];

export function publicIncidentStatus(status: Status): PublicIncidentStatus {
  if (status === 'mitigated') return 'monitoring';
  if (status === 'resolved' || status === 'closed' || status === 'declined') return 'resolved';
  return 'investigating';
}

export const PUBLIC_INCIDENT_STATUS_WORDS: Readonly<Record<PublicIncidentStatus, string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** Statuspage's incident impact, from the worst the incident has been. */
export function publicImpact(severity: Severity): 'minor' | 'major' | 'critical' {
  return severity === 'SEV-1' ? 'critical' : severity === 'SEV-2' ? 'major' : 'minor';
}
