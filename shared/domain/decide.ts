import { clampClientAt } from './clock-skew.js';
import type { Command, CommandOf } from './commands.js';
import { accept, refuse, type Decision } from './decision.js';
import { decideAcknowledge } from './decide-acknowledge.js';
import { decideAlert, decidePage } from './decide-alerts.js';
import { decideChooseRotation, decideDelivery, decideUnrouted } from './decide-paging.js';
import { DEFAULT_POLICY, type DecidePolicy } from './decide-policy.js';
import { decideChecklist, decideSetPublic, decideStatusUpdate, decideTried } from './decide-records.js';
import { decideFollowup, decidePostmortem, reviewGateRefusal } from './decide-review.js';
import { decideRole, roleChecklistDraft } from './decide-roles.js';
import type { EventDraft, EventPayload } from './events.js';
import { incidentLabel, type Incident } from './incident.js';
import type { Person } from './primitives.js';
import { SEVERITY_TEMPLATES } from './checklist-templates.js';
import { templateChecklistDraft } from './checklist-drafts.js';
import { findIncident, type IncidentsState } from './state.js';
import { canTransition, nextStatuses, transitionNeedsReason } from './status.js';

export type { Decision } from './decision.js';
export { DEFAULT_POLICY, type DecidePolicy } from './decide-policy.js';

/** The review happens after closing as well: the postmortem can be revised and its follow-ups worked on. */
const AFTER_CLOSING: readonly Command['type'][] = [
  'postmortem.publish',
  'followup.add',
  'followup.set_state',
  'followup.assign',
];

/**
 * The rules: what a command does to the state, or why it is refused. Pure; the hub runs it on the
 * authoritative state, and clients may run it to show a pending command before the hub answers.
 * `now` is the hub's clock as an ISO string; `policy` is the organisation's (the hub's own; clients the default).
 */
export function decide(
  state: IncidentsState,
  command: Command,
  actor: Person,
  now: string,
  policy: DecidePolicy = DEFAULT_POLICY,
): Decision {
  const incident = findIncident(state.incidents, command.incidentId);
  if (command.type === 'incident.declare') return declare(state, command, actor, now, incident);
  if (command.type === 'alert.receive') return decideAlert(state, command, now);
  if (!incident) return refuse('not_found', `No incident with id ${command.incidentId}.`);
  if (incident.status === 'closed' && !AFTER_CLOSING.includes(command.type))
    return refuse('incident_closed', `${incidentLabel(incident)} is closed; declare a new incident instead.`);
  if (incident.status === 'declined' && command.type !== 'incident.change_status')
    return refuse('incident_closed', `${incidentLabel(incident)} was declined; reopen it first.`);

  switch (command.type) {
    case 'incident.update':
      return update(incident, command, now);
    case 'incident.change_severity':
      return changeSeverity(incident, command);
    case 'incident.change_status':
      return changeStatus(incident, command, policy);
    case 'incident.acknowledge':
      return decideAcknowledge(incident, command, actor);
    case 'role.assign':
    case 'role.claim':
    case 'role.release':
      return decideRole(incident, command, actor);
    case 'checklist.create':
    case 'checklist.add_item':
    case 'checklist.set_item':
    case 'checklist.assign_item':
      return decideChecklist(incident, command);
    case 'tried.add':
    case 'tried.set_outcome':
    case 'tried.strike':
      return decideTried(incident, command);
    case 'status_update.post':
      return decideStatusUpdate(incident, command, actor, policy.publishers ?? 'comms-or-lead');
    case 'incident.set_public':
      return decideSetPublic(incident, command, actor, policy.publishers ?? 'comms-or-lead');
    case 'postmortem.publish':
      return decidePostmortem(incident, command, now, policy);
    case 'followup.add':
    case 'followup.set_state':
    case 'followup.assign':
      return decideFollowup(incident, command);
    case 'page.record':
      return decidePage(incident, command);
    case 'page.report_unrouted':
      return decideUnrouted(incident, command);
    case 'page.choose_rotation':
      return decideChooseRotation(incident, command);
    case 'page.record_delivery':
      return decideDelivery(incident, command);
  }
}

function declare(
  state: IncidentsState,
  command: CommandOf<'incident.declare'>,
  actor: Person,
  now: string,
  existing: Incident | undefined,
): Decision {
  if (existing) return refuse('already_exists', `An incident with id ${command.incidentId} already exists.`);
  const { lead, detectedAt: given, ...fields } = command.payload;
  const detectedAt = given ?? clampClientAt(command.clientAt, now);
  // "Impact started just now" on a clock running ahead of the hub's: no later than the person's own moment, it is
  // the detection time, not an error (the person meant "now").
  const impact = fields.impactStartedAt;
  if (impact && given === null && Date.parse(impact) > Date.parse(detectedAt))
    if (Date.parse(impact) <= Date.parse(command.clientAt)) fields.impactStartedAt = detectedAt;
  const timeError = checkTimes(fields.impactStartedAt, detectedAt, now);
  if (timeError) return timeError;
  const id = command.incidentId;
  const events: EventDraft[] = [
    { type: 'incident.declared', incidentId: id, payload: { number: state.nextNumber, ...fields, detectedAt } },
    { type: 'role.assigned', incidentId: id, payload: { role: 'lead', person: lead ?? actor, replaced: null } },
    templateChecklistDraft(id, SEVERITY_TEMPLATES[fields.severity]),
    roleChecklistDraft(id, 'lead'),
  ];
  return accept(...events);
}

const TEXT_FIELDS = ['title', 'summary', 'impact', 'service', 'team'] as const;

function update(incident: Incident, command: CommandOf<'incident.update'>, now: string): Decision {
  const p = command.payload;
  const changes: EventPayload<'incident.updated'>['changes'] = {};
  for (const field of TEXT_FIELDS) {
    const value = p[field];
    if (value !== undefined && value !== incident[field]) changes[field] = value;
  }
  if (p.detectedAt !== undefined && p.detectedAt !== incident.moments.detectedAt) changes.detectedAt = p.detectedAt;
  if (p.impactStartedAt !== undefined && p.impactStartedAt !== incident.moments.impactStartedAt)
    changes.impactStartedAt = p.impactStartedAt;
  if (Object.keys(changes).length === 0) return refuse('no_change', 'Nothing to change: the values are the same.');
  const timeError = checkTimes(
    changes.impactStartedAt !== undefined ? changes.impactStartedAt : incident.moments.impactStartedAt,
    changes.detectedAt ?? incident.moments.detectedAt,
    now,
  );
  return timeError ?? accept({ type: 'incident.updated', incidentId: incident.id, payload: { changes } });
}

function checkTimes(impactStartedAt: string | null, detectedAt: string, now: string): Decision | null {
  if (Date.parse(detectedAt) > Date.parse(now)) return refuse('invalid_time', 'Detection time is in the future.');
  if (impactStartedAt && Date.parse(impactStartedAt) > Date.parse(detectedAt))
    return refuse('invalid_time', 'Impact cannot start after it was detected.');
  return null;
}

function changeSeverity(incident: Incident, command: CommandOf<'incident.change_severity'>): Decision {
  const { severity, reason } = command.payload;
  if (severity === incident.severity) return refuse('no_change', `${incidentLabel(incident)} is already ${severity}.`);
  return accept({
    type: 'incident.severity_changed',
    incidentId: incident.id,
    payload: { from: incident.severity, to: severity, reason },
  });
}

function changeStatus(
  incident: Incident,
  command: CommandOf<'incident.change_status'>,
  policy: DecidePolicy,
): Decision {
  const { status: to, reason } = command.payload;
  const from = incident.status;
  if (to === from) return refuse('no_change', `${incidentLabel(incident)} is already ${to}.`);
  if (!canTransition(from, to)) {
    const next = nextStatuses(from);
    const options = next.length ? `From ${from} it can go to: ${next.join(', ')}.` : `${from} is final.`;
    return refuse('illegal_transition', `${incidentLabel(incident)} cannot go from ${from} to ${to}. ${options}`);
  }
  if (transitionNeedsReason(from, to) && !reason)
    return refuse('reason_required', `Say why ${incidentLabel(incident)} goes from ${from} to ${to}.`);
  if (to === 'closed') {
    const gate = reviewGateRefusal(incident, policy);
    if (gate) return gate;
  }
  return accept({ type: 'incident.status_changed', incidentId: incident.id, payload: { from, to, reason } });
}
