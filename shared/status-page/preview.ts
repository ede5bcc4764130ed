import { applyAll } from '../domain/apply.js';
import { decideStatusUpdate } from '../domain/decide-records.js';
import { stampEvents, type EventDraft } from '../domain/events.js';
import type { Incident } from '../domain/incident.js';
import type { Person } from '../domain/primitives.js';
import { buildPublicStatus, publicId, publicServiceNames, type PublicIncident } from './public-status.js';
import type { StatusPageConfig } from './status-page-config.js';

/** The draft's update id: never a real one (ids are made by clients; this one is not a valid new id by convention). */
const PREVIEW_UPDATE_ID = 'preview-draft';

/**
 * How an incident would appear on the public status page if `draftText` were posted now as an external update
 * (with `publicTitle` set first, when given). Built the way the hub builds it: the hub's own decision for the post
 * (policy aside: the app shows the policy separately), the reducer applied to a copy, then the public whitelist
 * (buildPublicStatus). So the preview cannot show a word the page would not, such as the internal title.
 * Null when nothing would be public yet (no public title, or never published and nothing typed).
 */
export function previewIncident(
  incident: Incident,
  draftText: string,
  publicTitle: string,
  config: StatusPageConfig,
  actor: Person,
  nowIso: string,
): PublicIncident | null {
  const text = draftText.trim();
  const title = publicTitle.trim();
  let drafts: EventDraft[] = [];
  if (text) {
    const decision = decideStatusUpdate(
      incident,
      {
        type: 'status_update.post',
        incidentId: incident.id,
        commandId: 'preview',
        clientAt: nowIso,
        payload: {
          updateId: PREVIEW_UPDATE_ID,
          text,
          audience: 'external',
          ...(title ? { publicTitle: title } : {}),
        },
      },
      actor,
      'any-responder',
    );
    if (!decision.ok) return null;
    drafts = decision.events;
  } else if (title && title !== incident.public.title) {
    drafts = [{ type: 'incident.public_set', incidentId: incident.id, payload: { title } }];
  }
  const events = stampEvents(drafts, {
    firstSeq: incident.lastSeq + 1,
    at: nowIso,
    clientAt: nowIso,
    actor,
    commandId: null,
  });
  const state = applyAll(
    { seq: incident.lastSeq, nextNumber: incident.number + 1, incidents: { [incident.id]: incident } },
    events,
  );
  const status = buildPublicStatus(state, config, Date.parse(nowIso));
  const id = publicId(incident.id);
  return [...status.activeIncidents, ...status.pastIncidents].find((i) => i.id === id) ?? null;
}

/** Public service ids to their public names, for renderIncidentBlock. */
export function publicServiceIdsToNames(config: StatusPageConfig): ReadonlyMap<string, string> {
  return new Map(publicServiceNames(config).map((s) => [s.id, s.name]));
}
