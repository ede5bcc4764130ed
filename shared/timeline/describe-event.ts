import { SERVICE_STATE_WORDS } from '../status-page/service-state.js';
import type { AlertSource } from '../alerts/alert.js';
import type { DomainEvent, EventOf } from '../domain/events.js';
import { CONTACT_KIND_NAMES } from '../contact/contact-method.js';
import {
  FOLLOWUP_STATE_WORDS,
  type Incident,
  type PageDeliveryPayload,
  type PageReason,
  type TriedOutcome,
} from '../domain/incident.js';
import { ROLE_NAMES, isSingleHolder } from '../domain/roles.js';
import { isMoreSevere } from '../domain/severity.js';
import { isReopen } from '../domain/status.js';

/** The timeline filter's groups, in the order the UI shows them. */
export const EVENT_KINDS = ['status', 'severity', 'roles', 'checklists', 'tried', 'updates', 'details'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_KIND_LABELS: Readonly<Record<EventKind, string>> = {
  status: 'Status',
  severity: 'Severity',
  roles: 'Roles',
  checklists: 'Checklists',
  tried: 'What we’ve tried',
  updates: 'Status updates',
  details: 'Details',
};

/**
 * Which filter group an event belongs to. A declaration opens the incident, so it counts as status; alerts
 * are context about the incident (details); pages call people in (roles); the postmortem and its follow-up
 * actions are what the incident tells others afterwards (updates).
 */
export function eventKind(event: DomainEvent): EventKind {
  switch (event.type) {
    case 'incident.declared':
    case 'incident.status_changed':
    case 'incident.acknowledged':
      return 'status';
    case 'incident.severity_changed':
      return 'severity';
    case 'role.assigned':
    case 'role.released':
    case 'page.sent':
    case 'page.held':
    case 'page.unrouted':
    case 'page.rotation_chosen':
    case 'page.delivery':
      return 'roles';
    case 'checklist.created':
    case 'checklist.item_added':
    case 'checklist.item_set':
    case 'checklist.item_assigned':
      return 'checklists';
    case 'tried.added':
    case 'tried.outcome_set':
    case 'tried.struck':
      return 'tried';
    case 'status_update.posted':
    case 'incident.public_set':
    case 'postmortem.published':
    case 'followup.added':
    case 'followup.state_set':
    case 'followup.assigned':
      return 'updates';
    case 'incident.updated':
    case 'alert.attached':
    case 'alert.resolved':
      return 'details';
  }
}

/** An outcome of a tried entry in plain words. */
export const OUTCOME_WORDS: Readonly<Record<TriedOutcome, string>> = {
  pending: 'pending',
  helped: 'helped',
  'no-effect': 'no effect',
  'made-worse': 'made it worse',
};

const SOURCE_NAMES: Readonly<Record<AlertSource, string>> = {
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
  datadog: 'Datadog',
  sentry: 'Sentry',
  generic: '',
};

const PAGE_REASON_WORDS: Readonly<Record<PageReason, string>> = {
  initial: '',
  escalation: ' (escalation)',
  repeat: ' (repeat)',
  'ack-timeout': ' (not acknowledged in time)',
};

/** The field names of `incident.updated` in words, in the order they are listed. */
const FIELD_WORDS = {
  title: 'title',
  summary: 'summary',
  impact: 'impact',
  service: 'service',
  team: 'team',
  impactStartedAt: 'impact start',
  detectedAt: 'detection time',
} as const satisfies Record<keyof EventOf<'incident.updated'>['payload']['changes'], string>;

/** How much of a status update's text a timeline line shows. */
export const UPDATE_PREVIEW_LENGTH = 140;

/**
 * One timeline line for an event, in plain words with the actor's name: "Ana escalated to SEV-1: checkout
 * errors at 40%". Checklist and tried events name their checklist, item or attempt by id only, so pass the
 * incident (any later state of it will do: titles and texts never change) to show their words instead.
 * Alerts and pages are made by the hub itself (from monitors and the escalation scheduler), so they are
 * worded as facts, without the actor: "Grafana alert fired: “High 5xx rate”", "Paged Bob (escalation)".
 */
export function describeEvent(event: DomainEvent, incident?: Incident): string {
  const who = event.actor.name;
  switch (event.type) {
    case 'incident.declared': {
      const p = event.payload;
      const triage = p.status === 'triage' ? ' (triage)' : '';
      return `${who} declared ${p.severity}${triage}: ${p.title}`;
    }
    case 'incident.updated': {
      const changes = event.payload.changes;
      const fields = (Object.keys(FIELD_WORDS) as (keyof typeof FIELD_WORDS)[])
        .filter((key) => changes[key] !== undefined)
        .map((key) => FIELD_WORDS[key]);
      return fields.length > 0 ? `${who} updated ${fields.join(', ')}` : `${who} updated the incident`;
    }
    case 'incident.severity_changed': {
      const { from, to, reason } = event.payload;
      const verb = isMoreSevere(to, from) ? 'escalated' : 'downgraded';
      return `${who} ${verb} to ${to}${because(reason)}`;
    }
    case 'incident.status_changed': {
      const { from, to, reason } = event.payload;
      if (isReopen(from, to)) return `${who} reopened it (${to})${because(reason)}`;
      if (to === 'declined') return `${who} declined it${because(reason)}`;
      return `${who} moved it from ${from} to ${to}${because(reason)}`;
    }
    case 'incident.acknowledged':
      return `${who} acknowledged it`;
    case 'incident.public_set': {
      const { title, override } = event.payload;
      const parts = [
        ...(title !== undefined ? [`set the public title: ${title}`] : []),
        ...(override === null ? ['let the status page follow the incident again'] : []),
        ...(override ? [`set the status page to ${SERVICE_STATE_WORDS[override].toLowerCase()}`] : []),
      ];
      return `${who} ${parts.join('; ')}`;
    }
    case 'role.assigned': {
      const { role, person, replaced } = event.payload;
      const was = replaced && replaced.id !== person.id ? ` (was ${replaced.name})` : '';
      const self = person.id === event.actor.id;
      if (!isSingleHolder(role))
        return self ? `${who} joined as ${ROLE_NAMES[role]}` : `${who} added ${person.name} as ${ROLE_NAMES[role]}`;
      return self ? `${who} took ${ROLE_NAMES[role]}${was}` : `${who} made ${person.name} ${ROLE_NAMES[role]}${was}`;
    }
    case 'role.released': {
      const { role, person } = event.payload;
      const self = person.id === event.actor.id;
      if (!isSingleHolder(role))
        return self
          ? `${who} stepped back as ${ROLE_NAMES[role]}`
          : `${who} removed ${person.name} as ${ROLE_NAMES[role]}`;
      return self ? `${who} released ${ROLE_NAMES[role]}` : `${who} released ${ROLE_NAMES[role]} (${person.name})`;
    }
    case 'checklist.created': {
      const { title, items } = event.payload;
      return `${who} added checklist ${quote(title)} (${count(items.length, 'item')})`;
    }
    case 'checklist.item_added': {
      const { checklistId, text } = event.payload;
      const title = incident?.checklists.find((c) => c.id === checklistId)?.title ?? checklistId;
      return `${who} added ${quote(text)} to ${quote(title)}`;
    }
    case 'checklist.item_set': {
      const { checklistId, itemId, done } = event.payload;
      const checklist = incident?.checklists.find((c) => c.id === checklistId);
      const text = checklist?.items.find((i) => i.id === itemId)?.text ?? itemId;
      return `${who} ${done ? 'checked' : 'unchecked'} ${quote(text)}`;
    }
    case 'checklist.item_assigned': {
      const { checklistId, itemId, to } = event.payload;
      const checklist = incident?.checklists.find((c) => c.id === checklistId);
      const text = quote(checklist?.items.find((i) => i.id === itemId)?.text ?? itemId);
      if (!to) return `${who} took the owner off ${text}`;
      return to.id === event.actor.id ? `${who} took ${text}` : `${who} gave ${text} to ${to.name}`;
    }
    case 'tried.struck': {
      const { entryId, reason } = event.payload;
      const what = incident?.tried.find((e) => e.id === entryId)?.what ?? entryId;
      return `${who} struck out ${quote(what)}${because(reason)}`;
    }
    case 'tried.added': {
      const { what, hypothesis, outcome } = event.payload;
      const why = hypothesis.trim() ? ` (hypothesis: ${hypothesis.trim()})` : '';
      const result = outcome === 'pending' ? '' : ` — ${OUTCOME_WORDS[outcome]}`;
      return `${who} tried: ${what}${why}${result}`;
    }
    case 'tried.outcome_set': {
      const { entryId, to, note } = event.payload;
      const what = incident?.tried.find((e) => e.id === entryId)?.what ?? entryId;
      return `${who} set ${quote(what)} to ${OUTCOME_WORDS[to]}${because(note)}`;
    }
    case 'status_update.posted': {
      const { audience, text } = event.payload;
      return `${who} posted ${audience === 'external' ? 'an external' : 'an internal'} update: ${clipText(text, UPDATE_PREVIEW_LENGTH)}`;
    }
    case 'postmortem.published':
      return event.payload.baseRevision === null
        ? `${who} published the postmortem`
        : `${who} published a new revision of the postmortem`;
    case 'followup.added': {
      const { text, owner } = event.payload;
      return `${who} added follow-up ${quote(text)}${owner ? ` for ${owner.name}` : ''}`;
    }
    case 'followup.state_set': {
      const { followupId, to } = event.payload;
      return `${who} set follow-up ${quote(followupText(followupId, incident))} to ${FOLLOWUP_STATE_WORDS[to]}`;
    }
    case 'followup.assigned': {
      const { followupId, from, to } = event.payload;
      const text = quote(followupText(followupId, incident));
      if (to) return `${who} gave follow-up ${text} to ${to.name}${from ? ` (was ${from.name})` : ''}`;
      return `${who} took ${from?.name ?? 'the owner'} off follow-up ${text}`;
    }
    case 'alert.attached': {
      const { source, title } = event.payload.alert;
      const from = SOURCE_NAMES[source];
      return `${from ? `${from} alert` : 'Alert'} fired: ${quote(title)}`;
    }
    case 'alert.resolved': {
      const { key } = event.payload;
      const title = incident?.alerts.find((a) => a.key === key)?.title ?? key;
      return `Alert cleared: ${quote(title)}`;
    }
    case 'page.sent': {
      const { person, reason } = event.payload;
      return `Paged ${person.name}${PAGE_REASON_WORDS[reason]}`;
    }
    case 'page.held': {
      const { person, reason, until } = event.payload;
      return `Page to ${person.name}${PAGE_REASON_WORDS[reason]} held until ${utcTime(until, event.at)}`;
    }
    case 'page.unrouted':
      return `Nobody was paged: ${event.payload.reason}`;
    case 'page.rotation_chosen':
      return `${who} chose rotation ${quote(event.payload.rotationId)} to page`;
    case 'page.delivery':
      return deliveryText(event.payload, incident);
  }
}

function deliveryText(p: PageDeliveryPayload, incident: Incident | undefined): string {
  const person = incident?.pages.find((page) => page.id === p.pageId)?.person.name ?? 'the person paged';
  const via = `${CONTACT_KIND_NAMES[p.method]} (${p.target})`;
  if (p.result === 'sent') return `Page to ${person} delivered by ${via}: ${p.detail}`;
  if (p.result === 'retrying') return `Page to ${person} by ${via} failed (${p.detail}); trying again`;
  return `Page to ${person} by ${via} failed: ${p.detail}`;
}

function followupText(followupId: string, incident: Incident | undefined): string {
  return incident?.followups.find((f) => f.id === followupId)?.text ?? followupId;
}

/** "08:00 UTC" on the day of `reference`, "2025-03-02 08:00 UTC" on another day. */
function utcTime(iso: string, reference: string): string {
  const time = new Date(iso).toISOString();
  const sameDay = time.slice(0, 10) === new Date(reference).toISOString().slice(0, 10);
  return `${sameDay ? '' : `${time.slice(0, 10)} `}${time.slice(11, 16)} UTC`;
}

/**
 * Text on one line and at most `max` characters: whitespace (newlines too) collapsed, and when too long,
 * cut at the last space that keeps most of it, with an ellipsis.
 */
export function clipText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const room = Math.max(0, max - 1);
  const cut = flat.slice(0, room);
  const space = cut.lastIndexOf(' ');
  const head = space >= room * 0.75 ? cut.slice(0, space) : cut;
  return `${head.trimEnd()}…`;
}

function because(reason: string): string {
  const trimmed = reason.trim();
  return trimmed ? `: ${trimmed}` : '';
}

function quote(text: string): string {
  return `“${text}”`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
