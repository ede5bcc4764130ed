import { applyToIncident } from '../domain/apply.js';
import type { DomainEvent, EventOf } from '../domain/events.js';
import {
  FOLLOWUP_STATE_WORDS,
  incidentLabel,
  type Incident,
  type TriedEntry,
  type TriedOutcome,
} from '../domain/incident.js';
import type { Person } from '../domain/primitives.js';
import { ROLE_NAMES, type Role } from '../domain/roles.js';
import { DEFAULT_SEVERITY_GUIDANCE, isMoreSevere } from '../domain/severity.js';
import { withoutRefusedCharacters } from '../domain/text-rules.js';
import { isReopen, type Status } from '../domain/status.js';
import { formatDuration } from '../time/durations.js';
import { describeEvent } from '../timeline/describe-event.js';

/**
 * A first draft of the postmortem, in Markdown, from the incident and its event log (events of other incidents
 * are ignored; order does not matter, seq decides). Deterministic: no clock, the same input gives the same text.
 * Every time is UTC; a moment nobody recorded reads "not recorded", never a zero.
 *
 * Sections: title (label, title, highest severity), facts, summary, customer impact, severity history, key times
 * with TTD/TTA/TTM/TTR (the same definitions as the metrics: from detection, to the first acknowledgement,
 * mitigation and resolution), who held each role, the timeline, what we tried by outcome, mitigation versus
 * resolution (from the status changes' reasons), lessons (for the author) and the follow-up actions.
 * The timeline leaves out the review's own events (postmortem and follow-ups): it tells the incident.
 */
export function draftPostmortem(incident: Incident, events: readonly DomainEvent[]): string {
  const own = events.filter((e) => e.incidentId === incident.id).sort((a, b) => a.seq - b.seq);
  const story = own.filter((e) => !isReviewEvent(e));
  const sections = [
    header(incident),
    section('Summary', [incident.summary.trim() || '_Not recorded. What happened, in a few sentences?_']),
    section('Customer impact', [incident.impact.trim() || '_Not recorded. Who was affected, how, and for how long?_']),
    section('Severity history', severityHistory(incident, story)),
    section('Key times', keyTimes(incident, story)),
    section('People', people(story)),
    section('Timeline', timeline(incident, story)),
    section('What we tried', tried(incident)),
    section('Mitigation and resolution', mitigationAndResolution(incident, story)),
    section('What we learned', [
      '_To write: what went well, what went wrong, where we got lucky, and why it happened._',
    ]),
    section('Follow-up actions', followups(incident)),
  ];
  // What the log holds may predate the text rule (or come from an alert): the draft must be publishable as it is.
  return withoutRefusedCharacters(`${sections.join('\n\n')}\n`);
}

const REVIEW_EVENTS: readonly DomainEvent['type'][] = [
  'postmortem.published',
  'followup.added',
  'followup.state_set',
  'followup.assigned',
];

function isReviewEvent(event: DomainEvent): boolean {
  return REVIEW_EVENTS.includes(event.type);
}

const STATUS_WORDS: Readonly<Record<Status, string>> = {
  triage: 'Triage',
  investigating: 'Investigating',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  closed: 'Closed',
  declined: 'Declined',
};

function header(incident: Incident): string {
  const highest = incident.highestSeverity;
  const severity =
    highest === incident.severity
      ? `${highest} (${DEFAULT_SEVERITY_GUIDANCE[highest].label})`
      : `${highest} (${DEFAULT_SEVERITY_GUIDANCE[highest].label}) at its worst, ${incident.severity} at the end`;
  const lines = [
    `# Postmortem: ${incidentLabel(incident)} ${oneLine(incident.title)} (${highest})`,
    '',
    `- **Severity:** ${severity}`,
    `- **Status:** ${STATUS_WORDS[incident.status]}`,
    `- **Service:** ${oneLine(incident.service) || 'not recorded'}`,
    `- **Team:** ${oneLine(incident.team) || 'not recorded'}`,
    `- **Declared by:** ${incident.declaredBy.name}, ${utc(incident.moments.declaredAt)}`,
  ];
  if (incident.reopenCount > 0) lines.push(`- **Reopened:** ${times(incident.reopenCount)}`);
  lines.push('', '_Drafted from the incident’s timeline; all times are UTC. Edit before publishing._');
  return lines.join('\n');
}

function severityHistory(incident: Incident, events: readonly DomainEvent[]): string[] {
  const declared = events.find((e): e is EventOf<'incident.declared'> => e.type === 'incident.declared');
  const changes = events.filter(
    (e): e is EventOf<'incident.severity_changed'> => e.type === 'incident.severity_changed',
  );
  const lines: string[] = [];
  if (declared)
    lines.push(`- ${utc(declared.clientAt)}: declared ${declared.payload.severity} by ${declared.actor.name}`);
  for (const e of changes) {
    const { from, to, reason } = e.payload;
    const verb = isMoreSevere(to, from) ? 'escalated' : 'downgraded';
    lines.push(`- ${utc(e.clientAt)}: ${verb} from ${from} to ${to} by ${e.actor.name}${because(reason)}`);
  }
  if (lines.length === 0) return [`- ${incident.severity} (no severity events recorded)`];
  if (changes.length === 0) lines.push(`- Stayed ${incident.severity} throughout.`);
  return lines;
}

/** The moments of the incident as the reducer recorded them, replayed from the log: first and final ones both. */
interface Moments {
  readonly impactStartedAt: string | null;
  readonly detectedAt: string;
  readonly declaredAt: string;
  readonly acknowledgedAt: string | null;
  readonly firstMitigatedAt: string | null;
  readonly firstResolvedAt: string | null;
  /** The resolution that held: the last one, while the incident is resolved or closed. */
  readonly finalResolvedAt: string | null;
  readonly closedAt: string | null;
}

function moments(incident: Incident, events: readonly DomainEvent[]): Moments {
  const m = incident.moments;
  let firstMitigatedAt = m.mitigatedAt;
  let firstResolvedAt = m.resolvedAt;
  // A reopen clears the reducer's mitigation and resolution; the log still knows the first ones.
  if (events[0]?.type === 'incident.declared') {
    let replayed: Incident | undefined;
    firstMitigatedAt = null;
    firstResolvedAt = null;
    for (const event of events) {
      replayed = applyToIncident(replayed, event);
      firstMitigatedAt ??= replayed.moments.mitigatedAt;
      firstResolvedAt ??= replayed.moments.resolvedAt;
    }
  }
  return {
    impactStartedAt: m.impactStartedAt,
    detectedAt: m.detectedAt,
    declaredAt: m.declaredAt,
    acknowledgedAt: m.acknowledgedAt,
    firstMitigatedAt,
    firstResolvedAt,
    finalResolvedAt: m.resolvedAt,
    closedAt: m.closedAt,
  };
}

function keyTimes(incident: Incident, events: readonly DomainEvent[]): string[] {
  const m = moments(incident, events);
  const reopened = incident.reopenCount > 0;
  const rows: [string, string | null][] = [
    ['Impact started', m.impactStartedAt],
    ['Detected', m.detectedAt],
    ['Declared', m.declaredAt],
    ['Acknowledged', m.acknowledgedAt],
    [reopened ? 'Mitigated (first)' : 'Mitigated', m.firstMitigatedAt],
    [reopened ? 'Resolved (first)' : 'Resolved', m.firstResolvedAt],
  ];
  if (reopened) rows.push(['Resolved for good', m.finalResolvedAt]);
  if (m.closedAt) rows.push(['Closed', m.closedAt]);
  const measures: [string, string, string | null, string | null][] = [
    ['TTD (time to detect)', 'impact started → detected', m.impactStartedAt, m.detectedAt],
    ['TTA (time to acknowledge)', 'detected → acknowledged', m.detectedAt, m.acknowledgedAt],
    ['TTM (time to mitigate)', 'detected → mitigated', m.detectedAt, m.firstMitigatedAt],
    ['TTR (time to resolve)', 'detected → resolved', m.detectedAt, m.firstResolvedAt],
  ];
  if (reopened)
    measures.push(['Time to final resolution', 'detected → resolved for good', m.detectedAt, m.finalResolvedAt]);
  return [
    ...table(
      ['Moment', 'When (UTC)'],
      rows.map(([name, at]) => [name, at ? utcCell(at) : 'not recorded']),
    ),
    '',
    ...table(
      ['Measure', 'Between', 'Duration'],
      measures.map(([name, between, from, to]) => [name, between, duration(from, to)]),
    ),
  ];
}

const ROLE_ROWS: readonly [Role, string][] = [
  ['lead', ROLE_NAMES.lead],
  ['comms', ROLE_NAMES.comms],
  ['fixer', 'Fixers'],
];

/** Everyone who held each role at some point, in the order they first took it. */
function people(events: readonly DomainEvent[]): string[] {
  const held = new Map<Role, Person[]>();
  for (const e of events) {
    if (e.type !== 'role.assigned') continue;
    const list = held.get(e.payload.role) ?? [];
    if (!list.some((p) => p.id === e.payload.person.id)) list.push(e.payload.person);
    held.set(e.payload.role, list);
  }
  return table(
    ['Role', 'Held by (first to last)'],
    ROLE_ROWS.map(([role, name]) => [
      name,
      held
        .get(role)
        ?.map((p) => p.name)
        .join(', ') || 'nobody',
    ]),
  );
}

function timeline(incident: Incident, events: readonly DomainEvent[]): string[] {
  if (events.length === 0) return ['_The timeline was not available when this draft was made._'];
  const lines: string[] = [];
  let day = '';
  for (const e of events) {
    const at = new Date(e.clientAt).toISOString();
    if (at.slice(0, 10) !== day) {
      if (day) lines.push('');
      day = at.slice(0, 10);
      lines.push(`### ${day}`, '');
    }
    lines.push(`- ${at.slice(11, 16)} ${oneLine(describeEvent(e, incident))}`);
  }
  return lines;
}

const OUTCOME_GROUPS: readonly [TriedOutcome, string][] = [
  ['helped', 'Helped'],
  ['made-worse', 'Made it worse'],
  ['no-effect', 'No effect'],
  ['pending', 'Still pending'],
];

function tried(incident: Incident): string[] {
  if (incident.tried.length === 0) return ['_Nothing was recorded in “What we’ve tried”._'];
  const lines: string[] = [];
  for (const [outcome, title] of OUTCOME_GROUPS) {
    const entries = incident.tried.filter((entry) => entry.outcome === outcome);
    if (entries.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`### ${title}`, '', ...entries.map(attempt));
  }
  return lines;
}

function attempt(entry: TriedEntry): string {
  const parts = [sentence(entry.what)];
  const hypothesis = oneLine(entry.hypothesis);
  const note = oneLine(entry.outcomeNote);
  if (hypothesis) parts.push(`Hypothesis: ${sentence(hypothesis)}`);
  if (note) parts.push(`Result: ${sentence(note)}`);
  let who = `${entry.by.name}, ${utc(entry.at)}`;
  if (entry.outcome !== 'pending' && entry.outcomeAt && entry.outcomeAt !== entry.at)
    who += `; outcome set by ${entry.outcomeBy?.name ?? 'someone'}, ${utc(entry.outcomeAt)}`;
  return `- ${parts.join(' ')} (${who})`;
}

function mitigationAndResolution(incident: Incident, events: readonly DomainEvent[]): string[] {
  const moves = events.filter(
    (e): e is EventOf<'incident.status_changed'> =>
      e.type === 'incident.status_changed' &&
      (e.payload.to === 'mitigated' ||
        e.payload.to === 'resolved' ||
        e.payload.to === 'closed' ||
        isReopen(e.payload.from, e.payload.to)),
  );
  if (moves.length === 0) {
    const { mitigatedAt, resolvedAt } = incident.moments;
    if (!mitigatedAt) return ['_Neither mitigated nor resolved yet._'];
    const resolved = resolvedAt ? ` and resolved ${utc(resolvedAt)}` : '';
    return [`_Mitigated ${utc(mitigatedAt)}${resolved}; what did it is in the timeline, which was not available._`];
  }
  // What held is what happened after the last reopen.
  let lastReopen = -1;
  moves.forEach((e, i) => {
    if (isReopen(e.payload.from, e.payload.to)) lastReopen = i;
  });
  const final = moves.slice(lastReopen + 1);
  const mitigation = final.find((e) => e.payload.to === 'mitigated' || e.payload.to === 'resolved');
  const resolution = final.find((e) => e.payload.to === 'resolved');
  const lines =
    mitigation && mitigation === resolution
      ? [`- **What mitigated and resolved it:** ${reasonOrNot(resolution.payload.reason)}`]
      : [
          `- **What mitigated it:** ${mitigation ? reasonOrNot(mitigation.payload.reason) : 'not mitigated yet'}`,
          `- **What resolved it:** ${resolution ? reasonOrNot(resolution.payload.reason) : 'not resolved yet'}`,
        ];
  return [...lines, '', 'Status changes, in order:', '', ...moves.map(statusMove)];
}

function statusMove(e: EventOf<'incident.status_changed'>): string {
  const { from, to, reason } = e.payload;
  const what = isReopen(from, to)
    ? `reopened (from ${from})`
    : to === 'resolved' && from === 'investigating'
      ? 'resolved (mitigated at the same time)'
      : to;
  return `- ${utc(e.clientAt)}: ${what} by ${e.actor.name}${because(reason)}`;
}

function reasonOrNot(reason: string): string {
  return oneLine(reason) || 'not recorded (no reason was given)';
}

function followups(incident: Incident): string[] {
  const rows = incident.followups.map((f) => [f.text, f.owner?.name ?? 'unassigned', FOLLOWUP_STATE_WORDS[f.state]]);
  return table(['Action', 'Owner', 'State'], rows.length > 0 ? rows : [['', '', '']]);
}

function section(title: string, body: readonly string[]): string {
  return [`## ${title}`, '', ...body].join('\n');
}

/** A Markdown table with its columns padded to line up, so it reads as a table in a plain text editor too. */
function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const body = [headers, ...rows].map((cells) => cells.map(cell));
  const widths = headers.map((_, i) => Math.max(3, ...body.map((cells) => [...(cells[i] ?? '')].length)));
  const line = (cells: readonly string[]) => `| ${widths.map((width, i) => pad(cells[i] ?? '', width)).join(' | ')} |`;
  const [head = [], ...others] = body;
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...others.map(line)];
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** A table cell: on one line, with its pipes escaped. */
function cell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}

function duration(from: string | null, to: string | null): string {
  if (from === null || to === null) return 'not recorded';
  return formatDuration(Date.parse(to) - Date.parse(from));
}

/** "2025-03-01 10:05 UTC" */
function utc(iso: string): string {
  return `${utcCell(iso)} UTC`;
}

/** "2025-03-01 10:05" */
function utcCell(iso: string): string {
  const time = new Date(iso).toISOString();
  return `${time.slice(0, 10)} ${time.slice(11, 16)}`;
}

function because(reason: string): string {
  const text = oneLine(reason);
  return text ? `: ${text}` : '';
}

/** Text on one line, ending with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  const line = oneLine(text);
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
