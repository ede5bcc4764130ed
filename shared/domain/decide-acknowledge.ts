import type { CommandOf } from './commands.js';
import { accept, refuse, type Decision } from './decision.js';
import { decideRole } from './decide-roles.js';
import type { EventDraft } from './events.js';
import { incidentLabel, pageAnswered, type Incident } from './incident.js';
import type { Person } from './primitives.js';

/**
 * Acknowledging, and "Acknowledge and lead" (`lead: true`): acknowledge if a page is still unanswered (or nobody has
 * acknowledged), take the vacant Incident Lead role, and start investigating a triaged incident, as one decision so the
 * room never shows half of it. Someone else leading refuses the whole command: the lead changes hands explicitly.
 */
export function decideAcknowledge(
  incident: Incident,
  command: CommandOf<'incident.acknowledge'>,
  actor: Person,
): Decision {
  const label = incidentLabel(incident);
  const lead = incident.roles.lead;
  if (command.payload.lead && lead && lead.id !== actor.id)
    return refuse(
      'role_taken',
      `${lead.name} already leads ${label}. Acknowledge without taking the lead, or ask ${lead.name} to hand over.`,
    );
  // Acknowledging again answers a re-page (the acknowledgement timeout) that came after the last one.
  const owed = !incident.moments.acknowledgedAt || !incident.pages.every((p) => pageAnswered(incident, p));
  const events: EventDraft[] = owed ? [{ type: 'incident.acknowledged', incidentId: incident.id, payload: {} }] : [];
  if (command.payload.lead) {
    if (!lead) {
      const claim = decideRole(incident, { ...command, type: 'role.claim', payload: { role: 'lead' } }, actor);
      if (claim.ok) events.push(...claim.events);
    }
    if (incident.status === 'triage')
      events.push({
        type: 'incident.status_changed',
        incidentId: incident.id,
        payload: { from: 'triage', to: 'investigating', reason: '' },
      });
  }
  if (events.length === 0)
    return refuse(
      'no_change',
      command.payload.lead
        ? `You already lead ${label} and it was acknowledged.`
        : `${label} was already acknowledged.`,
    );
  return accept(...events);
}
