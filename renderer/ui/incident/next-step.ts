import type { Incident, TriedEntry } from '../../../shared/domain/incident.js';
import { isActive } from '../../../shared/domain/status.js';
import { since } from '../../../shared/time/durations.js';

/**
 * What the room should do next, in a few words for the header: a missing lead comes first (nobody is steering), then
 * the goal of the status the incident is in (mitigate, then resolve, then close).
 */
export function nextStep(incident: Pick<Incident, 'status' | 'roles'>): string {
  if (isActive(incident.status) && incident.roles.lead === null) return 'Next: assign a lead';
  switch (incident.status) {
    case 'triage':
      return 'Next: investigate or decline';
    case 'investigating':
      return 'Next: mitigate';
    case 'mitigated':
      return 'Next: resolve';
    case 'resolved':
      return 'Next: review and close';
    case 'closed':
      return 'Closed: nothing next';
    case 'declined':
      return 'Declined: not an incident';
  }
}

/**
 * Whether the impact is stopped, e.g. "Mitigated 12m ago" or "Not mitigated"; this round's mitigation (a reopen
 * clears it). A resolution without a mitigation counts: the reducer records both.
 */
export function mitigationState(incident: Pick<Incident, 'moments'>, now: number): string {
  const at = incident.moments.mitigatedAt;
  const ago = since(at, now);
  return ago === null ? 'Not mitigated' : `Mitigated ${ago} ago`;
}

/** The latest attempt that helped (by when its outcome was set), struck-out ones aside; null if none did. */
export function latestHelped(incident: Pick<Incident, 'tried'>): TriedEntry | null {
  let latest: TriedEntry | null = null;
  for (const entry of incident.tried) {
    if (entry.outcome !== 'helped' || entry.struck) continue;
    if (latest === null || Date.parse(entry.outcomeAt ?? entry.at) >= Date.parse(latest.outcomeAt ?? latest.at))
      latest = entry;
  }
  return latest;
}
