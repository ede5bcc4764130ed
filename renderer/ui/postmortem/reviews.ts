import type { Followup, Incident } from '../../../shared/domain/incident.js';
import type { IncidentsState } from '../../../shared/domain/state.js';
import { severityRank } from '../../../shared/domain/severity.js';

const cache = new WeakMap<IncidentsState, { awaiting: Incident[]; followups: OpenFollowup[] }>();

export interface OpenFollowup {
  readonly incident: Incident;
  readonly followup: Followup;
}

function derive(state: IncidentsState) {
  const hit = cache.get(state);
  if (hit) return hit;
  const incidents = Object.values(state.incidents);
  const awaiting = incidents
    .filter((i) => (i.status === 'resolved' || i.status === 'closed') && i.postmortem === null)
    .sort((a, b) => severityRank(a.highestSeverity) - severityRank(b.highestSeverity) || b.number - a.number);
  const followups = incidents
    .flatMap((incident) => incident.followups.map((followup) => ({ incident, followup })))
    .filter(({ followup }) => followup.state === 'open' || followup.state === 'in-progress')
    .sort((a, b) => a.followup.addedAt.localeCompare(b.followup.addedAt));
  const result = { awaiting, followups };
  cache.set(state, result);
  return result;
}

/** Resolved or closed incidents with no published postmortem: most severe first, then newest. */
export function awaitingReview(state: IncidentsState): Incident[] {
  return derive(state).awaiting;
}

/** Follow-up actions still open or in progress, across incidents, oldest first. */
export function openFollowups(state: IncidentsState): OpenFollowup[] {
  return derive(state).followups;
}
