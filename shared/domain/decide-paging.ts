import type { CommandOf } from './commands.js';
import { accept, refuse, type Decision } from './decision.js';
import { incidentLabel, type Incident } from './incident.js';
import { isActive } from './status.js';

/**
 * "Nobody was paged" is recorded once per cause: the scheduler looks at an incident after every event, and the room
 * needs the fact, not a repeat of it each time.
 */
export function decideUnrouted(incident: Incident, command: CommandOf<'page.report_unrouted'>): Decision {
  const p = command.payload;
  if (!isActive(incident.status))
    return refuse('no_change', `${incidentLabel(incident)} is ${incident.status}; nobody needs paging.`);
  const known = incident.unrouted;
  if (known && known.severity === p.severity && known.service === p.service && known.reason === p.reason)
    return refuse('no_change', `${incidentLabel(incident)} is already marked as paging nobody.`);
  return accept({ type: 'page.unrouted', incidentId: incident.id, payload: p });
}

/** Whether the rotation exists is the hub's to check (shared state does not hold the on-call set-up). */
export function decideChooseRotation(incident: Incident, command: CommandOf<'page.choose_rotation'>): Decision {
  const { rotationId } = command.payload;
  if (!isActive(incident.status))
    return refuse('no_change', `${incidentLabel(incident)} is ${incident.status}; nobody needs paging.`);
  if (incident.rotationId === rotationId)
    return refuse('no_change', `${incidentLabel(incident)} already pages that rotation.`);
  return accept({ type: 'page.rotation_chosen', incidentId: incident.id, payload: { rotationId } });
}
