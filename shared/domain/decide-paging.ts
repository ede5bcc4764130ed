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

/**
 * The outbox records each message's result. A page that is not sent is refused (a bug, or a forged id); the same
 * attempt twice, or an attempt older than the one recorded, is `no_change` (a second node, or a retry after a crash).
 */
export function decideDelivery(incident: Incident, command: CommandOf<'page.record_delivery'>): Decision {
  const p = command.payload;
  const page = incident.pages.find((known) => known.id === p.pageId);
  if (page?.status !== 'sent') return refuse('not_found', `${incidentLabel(incident)} has no sent page ${p.pageId}.`);
  const known = page.deliveries.find((d) => d.methodId === p.methodId);
  if (known && (known.attempts > p.attempt || (known.attempts === p.attempt && known.result === p.result)))
    return refuse('no_change', `Attempt ${p.attempt} of page ${p.pageId} through ${p.method} is already recorded.`);
  return accept({ type: 'page.delivery', incidentId: incident.id, payload: p });
}
