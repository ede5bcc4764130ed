import type { DomainEvent, EventOf } from '../domain/events.js';
import { incidentLabel, type Audience, type Incident, type TriedEntry, type TriedOutcome } from '../domain/incident.js';
import { DEFAULT_SEVERITY_GUIDANCE, isMoreSevere, type Severity } from '../domain/severity.js';
import { UPDATE_CADENCE_MINUTES } from '../domain/status-cadence.js';
import { isActive, isReopen, type Status } from '../domain/status.js';
import { OUTCOME_WORDS, describeEvent } from './describe-event.js';

type Cadence = Readonly<Record<Severity, number | null>>;

/**
 * "Draft from timeline": a status update pre-filled from what happened since the last one was posted, for
 * the Communication Lead to edit before posting. `events` is the incident's timeline (events of other
 * incidents are ignored); the window is every event after the last `status_update.posted`, or all of them
 * before the first update. Deterministic: the same input gives the same text.
 *
 * - internal: status and severity, impact, each severity change and status move (with who and why), the
 *   attempts touched in the window (helped and made worse first, with hypotheses and notes), who holds the
 *   roles, and when the next update is due.
 * - external: customer-facing only. No names, hypotheses, attempts, reasons, severity labels or service
 *   names: what the impact is (the incident's `impact` text, verbatim), what is being done, when the next
 *   update comes.
 */
export function draftStatusUpdate(
  incident: Incident,
  events: readonly DomainEvent[],
  audience: Audience,
  cadence: Cadence = UPDATE_CADENCE_MINUTES,
): string {
  const since = eventsSinceLastUpdate(incident.id, events);
  // The incident knows about updates even when the timeline given is not loaded (yet).
  const window = { ...since, first: since.first && incident.statusUpdates.length === 0 };
  const lines = audience === 'external' ? externalDraft(incident, window) : internalDraft(incident, window);
  lines.push(nextUpdateLine(incident, cadence, audience));
  return lines.join('\n');
}

export interface UpdateWindow {
  /** No update was posted before: the window starts at declaration. */
  readonly first: boolean;
  readonly events: readonly DomainEvent[];
}

/** This incident's events after its last posted update, in seq order. */
export function eventsSinceLastUpdate(incidentId: string, events: readonly DomainEvent[]): UpdateWindow {
  const own = events.filter((e) => e.incidentId === incidentId).sort((a, b) => a.seq - b.seq);
  let start = 0;
  own.forEach((e, i) => {
    if (e.type === 'status_update.posted') start = i + 1;
  });
  return { first: !own.some((e) => e.type === 'status_update.posted'), events: own.slice(start) };
}

/** A status in the team's words (the drafts, the chat announcements). */
export const STATUS_WORDS: Readonly<Record<Status, string>> = {
  triage: 'Triage',
  investigating: 'Investigating',
  mitigated: 'Mitigated, monitoring',
  resolved: 'Resolved',
  closed: 'Closed',
  declined: 'Declined (not an incident)',
};

/** Most telling first: what worked, what hurt, what did nothing, what is still being watched. */
const OUTCOME_ORDER: readonly TriedOutcome[] = ['helped', 'made-worse', 'no-effect', 'pending'];

function internalDraft(incident: Incident, window: UpdateWindow): string[] {
  const lines = [
    `${incidentLabel(incident)} ${incident.title}`,
    `${incident.severity} (${DEFAULT_SEVERITY_GUIDANCE[incident.severity].label}) · ${STATUS_WORDS[incident.status]}`,
  ];
  const impact = oneLine(incident.impact);
  if (impact) lines.push(`Impact: ${impact}`);

  const since = window.first ? 'since it was declared' : 'since the last update';
  const changes = window.events.filter(
    (e) => e.type === 'incident.severity_changed' || e.type === 'incident.status_changed',
  );
  if (changes.length === 0) lines.push(`No change in status or severity ${since}.`);
  else lines.push(`${capitalize(since)}:`, ...changes.map((e) => `- ${describeEvent(e, incident)}`));

  const attempts = attemptsIn(incident, window);
  if (attempts.length > 0) lines.push('What we tried:', ...attempts.map((entry) => `- ${attemptLine(entry)}`));

  const { lead, comms, fixers } = incident.roles;
  const roles = [
    `Incident Lead: ${lead?.name ?? 'not assigned'}`,
    `Communication Lead: ${comms?.name ?? 'not assigned'}`,
  ];
  if (fixers.length > 0) roles.push(`Fixers: ${fixers.map((f) => f.name).join(', ')}`);
  lines.push(roles.join(' · '));
  return lines;
}

function attemptLine(entry: TriedEntry): string {
  const hypothesis = oneLine(entry.hypothesis);
  const note = oneLine(entry.outcomeNote);
  const outcome = capitalize(OUTCOME_WORDS[entry.outcome]);
  return `${outcome}: ${oneLine(entry.what)}${hypothesis ? ` (hypothesis: ${hypothesis})` : ''}${note ? ` — ${note}` : ''}`;
}

/** Entries added or given an outcome in the window, as they stand now, most telling outcome first. */
function attemptsIn(incident: Incident, window: UpdateWindow): TriedEntry[] {
  const ids = new Set(
    window.events.flatMap((e) =>
      e.type === 'tried.added' || e.type === 'tried.outcome_set' ? [e.payload.entryId] : [],
    ),
  );
  const touched = incident.tried.filter((entry) => ids.has(entry.id));
  return OUTCOME_ORDER.flatMap((outcome) => touched.filter((entry) => entry.outcome === outcome));
}

/** How a customer would name each severity. */
const EXTERNAL_SEVERITY_WORDS: Readonly<Record<Severity, string>> = {
  'SEV-1': 'a major disruption',
  'SEV-2': 'degraded service',
  'SEV-3': 'a minor issue',
};

function externalDraft(incident: Incident, window: UpdateWindow): string[] {
  const what = EXTERNAL_SEVERITY_WORDS[incident.severity];
  const headline: Record<Status, string> = {
    triage: `We are looking into reports of ${what}.`,
    investigating: `We are investigating ${what}.`,
    mitigated: 'A fix is in place and we are monitoring the results.',
    resolved: 'This issue has been resolved.',
    closed: 'This issue has been resolved.',
    declined: 'We looked into this and found no ongoing issue.',
  };
  const lines = [headline[incident.status]];
  const impact = oneLine(incident.impact);
  if (impact && incident.status !== 'declined') lines.push(`Impact: ${impact}`);
  if (!isActive(incident.status)) return lines;

  // While mitigated or later the headline tells the story; changes and next steps matter while still working.
  const working = incident.status === 'triage' || incident.status === 'investigating';
  if (working && !window.first) {
    const trend = severityTrend(incident.severity, window.events);
    if (trend === 'up') lines.push('The impact has grown since our last update.');
    if (trend === 'down') lines.push('The impact has lessened since our last update.');
    const reopened = window.events.some(
      (e) => e.type === 'incident.status_changed' && isReopen(e.payload.from, e.payload.to),
    );
    if (reopened) lines.push('The issue came back after our earlier fix, and we are investigating again.');
  }
  if (working) {
    const helped = attemptsIn(incident, window).some((entry) => entry.outcome === 'helped');
    const pending = incident.tried.some((entry) => entry.outcome === 'pending');
    if (helped) lines.push('A change we made has improved things, and we are working on a full fix.');
    else if (pending) lines.push('We are testing a possible fix.');
    else lines.push('We are working to find the cause.');
  }
  return lines;
}

/** The net change of severity over the window: an escalation undone by a downgrade is no change. */
function severityTrend(now: Severity, events: readonly DomainEvent[]): 'up' | 'down' | null {
  const first = events.find((e): e is EventOf<'incident.severity_changed'> => e.type === 'incident.severity_changed');
  if (!first) return null;
  const before = first.payload.from;
  if (isMoreSevere(now, before)) return 'up';
  if (isMoreSevere(before, now)) return 'down';
  return null;
}

function nextUpdateLine(incident: Incident, cadence: Cadence, audience: Audience): string {
  const external = audience === 'external';
  if (!isActive(incident.status))
    return external ? 'This is our final update on this issue.' : 'No further updates planned.';
  const minutes = cadence[incident.severity];
  if (minutes === null)
    return external ? 'We will post another update when we know more.' : 'Next update when there is news.';
  return external
    ? `We will post another update within ${minutesInWords(minutes)}.`
    : `Next update within ${minutesInWords(minutes)}.`;
}

/** 30 → "30 minutes", 60 → "1 hour", 120 → "2 hours", 90 → "90 minutes". */
export function minutesInWords(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? '1 hour' : `${hours} hours`;
  }
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
