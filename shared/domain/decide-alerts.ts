import { SEVERITY_TEMPLATES } from './checklist-templates.js';
import { clampClientAt } from './clock-skew.js';
import { templateChecklistDraft } from './checklist-drafts.js';
import type { CommandOf } from './commands.js';
import { accept, refuse, type Decision } from './decision.js';
import { incidentLabel, type Incident } from './incident.js';
import { findIncident, type IncidentsState } from './state.js';
import { isActive } from './status.js';

/** The active incident an alert with this key belongs to, if any: repeats group there instead of paging anew. */
export function incidentForAlert(state: IncidentsState, key: string): Incident | undefined {
  return Object.values(state.incidents).find((i) => isActive(i.status) && i.alerts.some((a) => a.key === key));
}

/**
 * An alert from a monitor. Firing: attach to the active incident with the same key, or declare a new one in triage
 * (impact from the alert's own start, detection now, no lead until someone acknowledges). Resolved: mark it on that
 * incident as a cue to mitigate; it never closes anything.
 */
export function decideAlert(state: IncidentsState, command: CommandOf<'alert.receive'>, now: string): Decision {
  const { alert } = command.payload;
  const open = incidentForAlert(state, alert.key);
  if (alert.status === 'resolved') {
    const known = open?.alerts.find((a) => a.key === alert.key);
    if (!open || !known) return refuse('no_change', `No active incident has the alert "${alert.title}".`);
    if (known.status === 'resolved')
      return refuse('no_change', `The alert is already resolved on ${incidentLabel(open)}.`);
    return accept({ type: 'alert.resolved', incidentId: open.id, payload: { key: alert.key, endsAt: alert.endsAt } });
  }
  if (open) return accept({ type: 'alert.attached', incidentId: open.id, payload: { alert } });
  const id = command.incidentId;
  if (findIncident(state.incidents, id)) return refuse('already_exists', `An incident with id ${id} already exists.`);
  // The hub received it at clientAt (a webhook kept in the inbox across a restart keeps that moment).
  const detectedAt = clampClientAt(command.clientAt, now);
  const impactStartedAt = Date.parse(alert.startsAt) > Date.parse(detectedAt) ? detectedAt : alert.startsAt;
  return accept(
    {
      type: 'incident.declared',
      incidentId: id,
      payload: {
        number: state.nextNumber,
        title: alert.title,
        severity: alert.severity,
        status: 'triage',
        summary: alert.description,
        impact: alert.impact,
        service: alert.service,
        team: alert.team,
        impactStartedAt,
        detectedAt,
      },
    },
    { type: 'alert.attached', incidentId: id, payload: { alert } },
    templateChecklistDraft(id, SEVERITY_TEMPLATES[alert.severity]),
  );
}

/** A page the scheduler decided on: sent, or held until the person's response window opens. */
export function decidePage(incident: Incident, command: CommandOf<'page.record'>): Decision {
  const { heldUntil, ...page } = command.payload;
  if (!isActive(incident.status))
    return refuse('no_change', `${incidentLabel(incident)} is ${incident.status}; nobody needs paging.`);
  const known = incident.pages.find((p) => p.id === page.pageId);
  if (known?.status === 'sent') return refuse('no_change', `Page ${page.pageId} was already sent.`);
  if (heldUntil) return accept({ type: 'page.held', incidentId: incident.id, payload: { ...page, until: heldUntil } });
  return accept({ type: 'page.sent', incidentId: incident.id, payload: page });
}
