import { incidentLabel, type Incident } from '../domain/incident.js';
import { ROLE_NAMES, type Role } from '../domain/roles.js';
import { isMoreSevere, severityRank } from '../domain/severity.js';
import type { IncidentsState } from '../domain/state.js';
import { isActive } from '../domain/status.js';
import type { NotificationPrefs } from '../ipc/settings.js';

export type NotificationKind = 'new-incident' | 'escalation' | 'role-assigned';

export interface IncidentNotification {
  readonly kind: NotificationKind;
  readonly incidentId: string;
  readonly title: string;
  readonly body: string;
  /** SEV-1 notifications should stay until dismissed and may make a sound. */
  readonly urgent: boolean;
}

/**
 * Which notifications a change of confirmed state deserves, for the person `me`: a new active incident,
 * an escalation, a role given to them. Pure, so the desktop (native) and the web (Web Notifications)
 * decide alike. `previous` null means "first state after start": nothing is announced for it.
 */
export function notificationsFor(
  previous: IncidentsState | null,
  next: IncidentsState,
  me: string | null,
  prefs: NotificationPrefs,
): IncidentNotification[] {
  if (!previous || previous === next) return [];
  const out: IncidentNotification[] = [];
  for (const incident of Object.values(next.incidents)) {
    const before = Object.hasOwn(previous.incidents, incident.id) ? previous.incidents[incident.id] : undefined;
    if (before === incident || !isActive(incident.status)) continue;
    if (severityRank(incident.severity) > severityRank(prefs.minSeverity)) continue;
    const urgent = incident.severity === 'SEV-1';
    const label = `${incidentLabel(incident)} ${incident.severity}`;
    if (!before) {
      // Someone who declares an incident needs no alert about it (nor about leading it).
      if (prefs.newIncident && incident.declaredBy.id !== me)
        out.push({
          kind: 'new-incident',
          incidentId: incident.id,
          title: `${label}: ${incident.title}`,
          body: describe(incident),
          urgent,
        });
      continue;
    }
    if (prefs.escalation && isMoreSevere(incident.severity, before.severity))
      out.push({
        kind: 'escalation',
        incidentId: incident.id,
        title: `${label}: escalated from ${before.severity}`,
        body: incident.title,
        urgent,
      });
    const role = me ? newRoleFor(me, before, incident) : null;
    if (prefs.roleAssigned && role)
      out.push({
        kind: 'role-assigned',
        incidentId: incident.id,
        title: `You are ${ROLE_NAMES[role]} on ${incidentLabel(incident)}`,
        body: incident.title,
        urgent,
      });
  }
  return out;
}

function describe(incident: Incident): string {
  const parts = [incident.service && `Service: ${incident.service}`, incident.impact || incident.summary].filter(
    Boolean,
  );
  return parts.join(' · ') || 'Open Warroom to see what is known.';
}

/** A role `me` holds now and did not hold before. */
function newRoleFor(me: string, before: Incident, after: Incident): Role | null {
  if (after.roles.lead?.id === me && before.roles.lead?.id !== me) return 'lead';
  if (after.roles.comms?.id === me && before.roles.comms?.id !== me) return 'comms';
  const wasFixer = before.roles.fixers.some((f) => f.id === me);
  if (!wasFixer && after.roles.fixers.some((f) => f.id === me)) return 'fixer';
  return null;
}
