import { incidentServiceState } from '../status-page/service-state.js';
import type { DomainEvent, EventOf } from './events.js';
import type { Incident, IncidentPublic } from './incident.js';

/**
 * The status page's part of the reducer: the public title and override an `incident.public_set` sets, when the
 * incident was first published, and the log of the state it puts its service in (one entry per change, at the
 * event's clientAt: the moment the person acted, which is the moment the page should say it changed).
 */
export function publicAfter(
  before: Incident,
  after: Incident,
  event: Exclude<DomainEvent, EventOf<'incident.declared'>>,
): IncidentPublic {
  let pub = before.public;
  if (event.type === 'incident.public_set') {
    const { title, override } = event.payload;
    pub = {
      ...pub,
      ...(title !== undefined ? { title } : {}),
      ...(override !== undefined ? { override } : {}),
    };
  }
  if (event.type === 'status_update.posted' && event.payload.audience === 'external' && pub.publishedAt === null)
    pub = { ...pub, publishedAt: event.at };
  return withState(pub, incidentServiceState(after, pub.override), event.clientAt);
}

/** The first entry of a new incident's log. */
export function declaredPublic(incident: Pick<Incident, 'severity' | 'status'>, at: string): IncidentPublic {
  return withState(
    { title: null, override: null, publishedAt: null, states: [] },
    incidentServiceState(incident, null),
    at,
  );
}

function withState(pub: IncidentPublic, state: IncidentPublic['states'][number]['state'], at: string): IncidentPublic {
  const last = pub.states[pub.states.length - 1];
  if (last?.state === state) return pub;
  // A clientAt earlier than the last entry (a late, skewed clock) must not make the log go back in time.
  const when = last && Date.parse(at) < Date.parse(last.at) ? last.at : at;
  return { ...pub, states: [...pub.states, { at: when, state }] };
}
