import { incidentLabel, type Incident } from '../domain/incident.js';
import type { IncidentsState } from '../domain/state.js';
import { updateCadence } from '../domain/status-cadence.js';
import type { IncidentNotification } from './notifications.js';

/**
 * Who owes an incident's status updates: its Communication Lead, or its Incident Lead while nobody holds Comms;
 * null when neither role is held.
 */
export function updateOwner(incident: Incident): string | null {
  return incident.roles.comms?.id ?? incident.roles.lead?.id ?? null;
}

/**
 * One overdue period: an incident's update was due at `dueAt` and has not come. A new update moves `dueAt`, so the
 * next time it is late is a new period.
 */
export function overduePeriodKey(incidentId: string, dueAt: string): string {
  return `${incidentId}@${dueAt}`;
}

/**
 * The overdue-update notifications for `me` at `now`: each active incident whose update is overdue
 * (status-cadence.ts) and whose updates I owe (updateOwner), once per overdue period: `notified` holds the periods
 * told already (overduePeriodKey).
 */
export function overdueUpdateNotices(
  state: IncidentsState,
  me: string,
  now: number,
  notified: ReadonlySet<string>,
): { key: string; notice: IncidentNotification }[] {
  const out: { key: string; notice: IncidentNotification }[] = [];
  for (const incident of Object.values(state.incidents)) {
    if (updateOwner(incident) !== me) continue;
    const cadence = updateCadence(incident, now);
    if (!cadence.overdue || cadence.dueAt === null) continue;
    const key = overduePeriodKey(incident.id, cadence.dueAt);
    if (notified.has(key)) continue;
    const role = incident.roles.comms?.id === me ? 'Communication Lead' : 'Incident Lead';
    out.push({
      key,
      notice: {
        kind: 'update-overdue',
        incidentId: incident.id,
        title: `${incidentLabel(incident)} ${incident.severity}: status update overdue`,
        body: `${incident.title}. As ${role} you owe the next one: post it from the incident room.`,
        urgent: incident.severity === 'SEV-1',
        source: 'Warroom',
      },
    });
  }
  return out;
}

/**
 * When the next update I owe falls overdue (ms), strictly after `now`; null when none is coming. The reminder timer
 * is armed for it.
 */
export function nextOverdueAt(state: IncidentsState, me: string, now: number): number | null {
  let next: number | null = null;
  for (const incident of Object.values(state.incidents)) {
    if (updateOwner(incident) !== me) continue;
    const { dueAt } = updateCadence(incident, now);
    if (dueAt === null) continue;
    // Overdue is "strictly past dueAt": the first whole millisecond after it.
    const at = Date.parse(dueAt) + 1;
    if (at > now && (next === null || at < next)) next = at;
  }
  return next;
}
