import type { DomainEvent } from '../../shared/domain/events.js';
import { findIncident } from '../../shared/domain/state.js';
import { acceptedRevisions, draftStatus, type DraftStatus } from '../../shared/postmortem/draft-status.js';
import type { AppState } from './app-state.js';

const accepted = new WeakMap<readonly DomainEvent[], Set<string>>();
const NONE: ReadonlySet<string> = new Set();

/** Postmortem revisions the loaded timeline shows published (empty when this incident's timeline is not loaded). */
export function selectAcceptedRevisions(s: AppState, incidentId: string): ReadonlySet<string> {
  if (s.timelineIncidentId !== incidentId) return NONE;
  let revisions = accepted.get(s.timelineEvents);
  if (!revisions) {
    revisions = acceptedRevisions(s.timelineEvents);
    accepted.set(s.timelineEvents, revisions);
  }
  return revisions;
}

/** Where this incident's local draft stands against the hub (shared/postmortem/draft-status.ts). */
export function selectDraftStatus(s: AppState, incidentId: string): DraftStatus {
  return draftStatus(
    s.localDrafts[incidentId] ?? null,
    findIncident(s.confirmed.incidents, incidentId)?.postmortem ?? null,
    findIncident(s.state.incidents, incidentId)?.postmortem ?? null,
    selectAcceptedRevisions(s, incidentId),
  );
}
