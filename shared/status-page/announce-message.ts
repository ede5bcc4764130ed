import { z } from 'zod';
import type { DomainEvent } from '../domain/events.js';
import { incidentLabel, type Incident } from '../domain/incident.js';
import { isMoreSevere, severitySchema, type Severity } from '../domain/severity.js';
import { findIncident, type IncidentsState } from '../domain/state.js';
import { isReopen } from '../domain/status.js';
import { STATUS_WORDS } from '../timeline/draft-update.js';
import { ANNOUNCE_EVENTS, channelWants, type AnnounceEvent } from './announcements.js';

/**
 * What the team's chat channels are told about an incident (docs/status-page.md "Announcements in the team's chat"),
 * decided from a committed event and the incident after it. These channels are the team's own, so the message
 * carries internal words: the internal title, the lead's name, internal updates.
 */

/** What a message says happened: the kinds a channel picks (ANNOUNCE_EVENTS), a reopen, a decline, or a test. */
export const ANNOUNCE_WHATS = [...ANNOUNCE_EVENTS, 'reopened', 'declined', 'test'] as const;
export const announceWhatSchema = z.enum(ANNOUNCE_WHATS);
export type AnnounceWhat = z.infer<typeof announceWhatSchema>;

/** One message, the same for every kind of channel (each sender renders it its own way). Kept in the outbox as JSON. */
export const announceMessageSchema = z.strictObject({
  what: announceWhatSchema,
  /** "INC-42 declared: SEV-1 Checkout down" */
  headline: z.string(),
  facts: z.array(z.strictObject({ label: z.string(), value: z.string() })),
  /** The update's text, the reason given for a change; '' for none. */
  text: z.string(),
  link: z.strictObject({ label: z.string(), url: z.string() }),
  /** For a colour; null for a test. */
  severity: severitySchema.nullable(),
  /** Where a channel threads (Slack app): a reply the whole channel sees too (the resolution). */
  broadcast: z.boolean(),
});
export type AnnounceMessage = z.infer<typeof announceMessageSchema>;

/** A message, and which channels take it. */
export interface Announcement {
  readonly seq: number;
  readonly incidentId: string;
  /** A channel takes it when it listens to one of these severities and one of these kinds. */
  readonly severities: readonly Severity[];
  readonly wantedBy: readonly AnnounceEvent[];
  readonly message: AnnounceMessage;
}

export function channelTakes(
  channel: { readonly severities: readonly string[]; readonly events: readonly AnnounceEvent[] },
  announcement: Pick<Announcement, 'severities' | 'wantedBy'>,
): boolean {
  return announcement.severities.some((s) => announcement.wantedBy.some((e) => channelWants(channel, s, e)));
}

/**
 * The announcements a batch of committed events calls for, in log order. `state` is after the batch. Declaring
 * names the lead itself, so the lead assignment made with the declaration says nothing of its own.
 */
export function announcementsOf(
  events: readonly DomainEvent[],
  state: IncidentsState,
  incidentUrl: (incidentId: string) => string,
): Announcement[] {
  const declaredHere = new Set(events.filter((e) => e.type === 'incident.declared').map((e) => e.incidentId));
  return events.flatMap((event) => {
    const incident = findIncident(state.incidents, event.incidentId);
    if (!incident) return [];
    const decided = decide(event, incident, declaredHere);
    if (!decided) return [];
    const label = incidentLabel(incident);
    const message: AnnounceMessage = {
      what: decided.what,
      headline: decided.headline,
      facts: factsOf(incident, decided.severities[decided.severities.length - 1] ?? incident.severity),
      text: decided.text,
      link: { label: `Open ${label} in Warroom`, url: incidentUrl(incident.id) },
      severity: decided.severities[decided.severities.length - 1] ?? incident.severity,
      broadcast: decided.what === 'resolved',
    };
    return [
      {
        seq: event.seq,
        incidentId: incident.id,
        severities: decided.severities,
        wantedBy: decided.wantedBy,
        message,
      },
    ];
  });
}

interface Decided {
  readonly what: AnnounceWhat;
  readonly headline: string;
  readonly text: string;
  /** The last is the severity the message shows. */
  readonly severities: readonly Severity[];
  readonly wantedBy: readonly AnnounceEvent[];
}

function decide(event: DomainEvent, incident: Incident, declaredHere: ReadonlySet<string>): Decided | null {
  const label = incidentLabel(incident);
  const current = incident.severity;
  switch (event.type) {
    case 'incident.declared': {
      const { severity, title } = event.payload;
      return decided('declared', `${label} declared: ${severity} ${title}`, '', [severity], ['declared']);
    }
    case 'incident.severity_changed': {
      const { from, to, reason } = event.payload;
      const verb = isMoreSevere(to, from) ? 'raised' : 'lowered';
      // Both: a channel for SEV-1 hears that its incident became a SEV-2, and one for SEV-2 that it current has one.
      return decided(
        'severity_changed',
        `${label} ${verb} to ${to} (was ${from}): ${incident.title}`,
        reason,
        [from, to],
        ['severity_changed'],
      );
    }
    case 'role.assigned': {
      const { role, person, replaced } = event.payload;
      if (role !== 'lead' || declaredHere.has(event.incidentId)) return null;
      // Split from its declaration (a catch-up page ends between them): the declaration's own lead, same moment.
      if (replaced === null && event.clientAt === incident.moments.declaredAt) return null;
      const was = replaced ? ` (was ${replaced.name})` : '';
      return decided(
        'lead_changed',
        `${label} lead: ${person.name}${was}: ${incident.title}`,
        '',
        [current],
        ['lead_changed'],
      );
    }
    case 'incident.status_changed': {
      const { from, to, reason } = event.payload;
      const title = `${current} ${incident.title}`;
      if (to === 'mitigated')
        return decided('mitigated', `${label} mitigated: ${title}`, reason, [current], ['mitigated']);
      if (to === 'resolved') return decided('resolved', `${label} resolved: ${title}`, reason, [current], ['resolved']);
      // Back after being called over: news to whoever heard it begin, or heard it was over.
      if (isReopen(from, to))
        return decided(
          'reopened',
          `${label} reopened: ${title}`,
          reason,
          [current],
          ['declared', 'mitigated', 'resolved'],
        );
      // How a triage incident ends: whoever heard it declared hears it was not one.
      if (to === 'declined')
        return decided(
          'declined',
          `${label} declined (not an incident): ${incident.title}`,
          reason,
          [current],
          ['declared', 'resolved'],
        );
      return null; // triage → investigating (acknowledged), resolved → closed: nothing new for the channel
    }
    case 'postmortem.published':
      // Later revisions are edits of the same document: only its first publication is news.
      if (event.payload.baseRevision !== null) return null;
      return decided(
        'postmortem_published',
        `${label} postmortem published: ${incident.title}`,
        '',
        [current],
        ['postmortem_published'],
      );
    case 'status_update.posted':
      // External updates go to the public page and its subscribers; the team reads them in the app.
      if (event.payload.audience !== 'internal') return null;
      return decided(
        'internal_update',
        `${label} update: ${current} ${incident.title}`,
        event.payload.text,
        [current],
        ['internal_update'],
      );
    default:
      return null;
  }
}

function decided(
  what: AnnounceWhat,
  headline: string,
  text: string,
  severities: readonly Severity[],
  wantedBy: readonly AnnounceEvent[],
): Decided {
  return { what, headline, text, severities, wantedBy };
}

function factsOf(incident: Incident, severity: Severity): AnnounceMessage['facts'] {
  return [
    { label: 'Severity', value: severity },
    { label: 'Status', value: STATUS_WORDS[incident.status] },
    { label: 'Lead', value: incident.roles.lead?.name ?? 'nobody yet' },
    { label: 'Service', value: incident.service || 'not named' },
  ];
}

/** The message a channel's "Send a test message" sends. */
export function testAnnounceMessage(pageTitle: string, appUrl: string): AnnounceMessage {
  return {
    what: 'test',
    headline: `Warroom test message from ${pageTitle}`,
    facts: [],
    text: 'This channel is set up to hear about incidents from Warroom.',
    link: { label: 'Open Warroom', url: appUrl },
    severity: null,
    broadcast: false,
  };
}
