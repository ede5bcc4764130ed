import type { DomainEvent, EventOf } from './events.js';
import type { NormalizedAlert } from '../alerts/alert.js';
import type { Checklist, Followup, Incident, IncidentAlert, Page, PageDelivery } from './incident.js';
import { acknowledgedMetricMoments, declaredMetricMoments, statusMetricMoments } from './metric-moments.js';
import type { Person } from './primitives.js';
import { isSingleHolder, type Role } from './roles.js';
import { isMoreSevere } from './severity.js';
import { keepRecentRevisionTimes } from './revision-cap.js';
import { findIncident, type IncidentsState } from './state.js';
import { declaredPublic, publicAfter } from './apply-public.js';
import { canTransition, isReopen } from './status.js';

/** An event that cannot follow the state it is applied to: a corrupt or reordered log. */
export class InvalidEventError extends Error {
  constructor(
    readonly event: Pick<DomainEvent, 'seq' | 'type' | 'incidentId'>,
    reason: string,
  ) {
    super(`event ${event.seq} (${event.type} on ${event.incidentId}): ${reason}`);
    this.name = 'InvalidEventError';
  }
}

/**
 * The reducer: the only place a state transition is written. Pure; returns a new state and leaves
 * the old one untouched (incidents that did not change keep their identity).
 */
export function apply(state: IncidentsState, event: DomainEvent): IncidentsState {
  return applyAll(state, [event]);
}

/** Folds many events, copying the incident map once rather than once per event. */
export function applyAll(state: IncidentsState, events: readonly DomainEvent[]): IncidentsState {
  if (events.length === 0) return state;
  const incidents: Record<string, Incident> = { ...state.incidents };
  let { seq, nextNumber } = state;
  for (const event of events) {
    if (event.seq <= seq) throw new InvalidEventError(event, `seq is not after ${seq}`);
    const next = applyToIncident(findIncident(incidents, event.incidentId), event);
    incidents[event.incidentId] = next;
    if (event.type === 'incident.declared') nextNumber = Math.max(nextNumber, next.number + 1);
    seq = event.seq;
  }
  return { seq, nextNumber, incidents };
}

export function applyToIncident(incident: Incident | undefined, event: DomainEvent): Incident {
  if (event.type === 'incident.declared') {
    if (incident) throw new InvalidEventError(event, 'incident already exists');
    return declared(event);
  }
  if (!incident) throw new InvalidEventError(event, 'no such incident');
  const changed = change(incident, event);
  return { ...changed, public: publicAfter(incident, changed, event), lastSeq: event.seq, updatedAt: event.at };
}

function declared(event: EventOf<'incident.declared'>): Incident {
  const { impactStartedAt, detectedAt, ...fields } = event.payload;
  return {
    id: event.incidentId,
    ...fields,
    highestSeverity: fields.severity,
    initialSeverity: fields.severity,
    declaredBy: event.actor,
    moments: {
      impactStartedAt,
      detectedAt,
      declaredAt: event.clientAt,
      acknowledgedAt: fields.status === 'investigating' ? event.clientAt : null,
      mitigatedAt: null,
      resolvedAt: null,
      closedAt: null,
    },
    metricMoments: declaredMetricMoments(fields.status, event.clientAt),
    roles: { lead: null, comms: null, fixers: [] },
    checklists: [],
    tried: [],
    statusUpdates: [],
    alerts: [],
    pages: [],
    followups: [],
    postmortem: null,
    reopenCount: 0,
    lastAcknowledgedAt: fields.status === 'investigating' ? event.clientAt : null,
    lastAcknowledgedBy: fields.status === 'investigating' ? event.actor : null,
    rotationId: null,
    unrouted: null,
    public: declaredPublic(fields, event.clientAt),
    lastSeq: event.seq,
    updatedAt: event.at,
  };
}

function change(incident: Incident, event: Exclude<DomainEvent, EventOf<'incident.declared'>>): Incident {
  const t = event.clientAt;
  switch (event.type) {
    case 'incident.updated': {
      const { detectedAt, impactStartedAt, ...fields } = event.payload.changes;
      return {
        ...incident,
        ...definedOnly(fields),
        moments: {
          ...incident.moments,
          ...(detectedAt !== undefined ? { detectedAt } : {}),
          ...(impactStartedAt !== undefined ? { impactStartedAt } : {}),
        },
      };
    }
    case 'incident.severity_changed': {
      const { from, to } = event.payload;
      if (from !== incident.severity)
        throw new InvalidEventError(event, `severity is ${incident.severity}, not ${from}`);
      const highestSeverity = isMoreSevere(to, incident.highestSeverity) ? to : incident.highestSeverity;
      return { ...incident, severity: to, highestSeverity };
    }
    case 'incident.status_changed':
      return statusChanged(incident, event);
    case 'incident.acknowledged':
      return {
        ...acknowledgedBy(incident, event.actor, t),
        moments: { ...incident.moments, acknowledgedAt: incident.moments.acknowledgedAt ?? t },
        metricMoments: acknowledgedMetricMoments(incident.metricMoments, t),
      };
    case 'role.assigned':
      return { ...incident, roles: assignRole(incident.roles, event.payload.role, event.payload.person) };
    case 'role.released': {
      const { role, person } = event.payload;
      const holds = isSingleHolder(role)
        ? incident.roles[role]?.id === person.id
        : incident.roles.fixers.some((f) => f.id === person.id);
      if (!holds) throw new InvalidEventError(event, `${person.id} does not hold ${role}`);
      return { ...incident, roles: releaseRole(incident.roles, role, person) };
    }
    case 'checklist.created': {
      const p = event.payload;
      if (incident.checklists.some((c) => c.id === p.checklistId))
        throw new InvalidEventError(event, `checklist ${p.checklistId} exists`);
      const checklist: Checklist = {
        id: p.checklistId,
        title: p.title,
        templateId: p.templateId,
        items: p.items.map((i) => ({
          id: i.id,
          text: i.text,
          addedBy: event.actor,
          doneBy: null,
          doneAt: null,
          owner: null,
        })),
      };
      return { ...incident, checklists: [...incident.checklists, checklist] };
    }
    case 'checklist.item_added': {
      const p = event.payload;
      return updateChecklist(incident, event, p.checklistId, (c) => {
        if (c.items.some((i) => i.id === p.itemId)) throw new InvalidEventError(event, `item ${p.itemId} exists`);
        return {
          ...c,
          items: [
            ...c.items,
            { id: p.itemId, text: p.text, addedBy: event.actor, doneBy: null, doneAt: null, owner: null },
          ],
        };
      });
    }
    case 'checklist.item_set': {
      const p = event.payload;
      return updateChecklist(incident, event, p.checklistId, (c) => {
        if (!c.items.some((i) => i.id === p.itemId)) throw new InvalidEventError(event, `no item ${p.itemId}`);
        const items = c.items.map((i) =>
          i.id !== p.itemId
            ? i
            : p.done
              ? { ...i, doneBy: event.actor, doneAt: t }
              : { ...i, doneBy: null, doneAt: null },
        );
        return { ...c, items };
      });
    }
    case 'checklist.item_assigned': {
      const p = event.payload;
      return updateChecklist(incident, event, p.checklistId, (c) => {
        const item = c.items.find((i) => i.id === p.itemId);
        if (!item) throw new InvalidEventError(event, `no item ${p.itemId}`);
        if ((item.owner?.id ?? null) !== (p.from?.id ?? null))
          throw new InvalidEventError(
            event,
            `item is owned by ${item.owner?.id ?? 'nobody'}, not ${p.from?.id ?? 'nobody'}`,
          );
        return { ...c, items: c.items.map((i) => (i.id === p.itemId ? { ...i, owner: p.to } : i)) };
      });
    }
    case 'tried.added': {
      const p = event.payload;
      if (incident.tried.some((e) => e.id === p.entryId))
        throw new InvalidEventError(event, `entry ${p.entryId} exists`);
      const entry = {
        id: p.entryId,
        what: p.what,
        hypothesis: p.hypothesis,
        by: event.actor,
        at: t,
        outcome: p.outcome,
        outcomeBy: p.outcome === 'pending' ? null : event.actor,
        outcomeAt: p.outcome === 'pending' ? null : t,
        outcomeNote: '',
        struck: null,
      };
      return { ...incident, tried: [...incident.tried, entry] };
    }
    case 'tried.outcome_set': {
      const p = event.payload;
      const index = incident.tried.findIndex((e) => e.id === p.entryId);
      const entry = incident.tried[index];
      if (!entry) throw new InvalidEventError(event, `no entry ${p.entryId}`);
      if (entry.outcome !== p.from) throw new InvalidEventError(event, `outcome is ${entry.outcome}, not ${p.from}`);
      const tried = incident.tried.slice();
      const pending = p.to === 'pending';
      tried[index] = {
        ...entry,
        outcome: p.to,
        outcomeBy: pending ? null : event.actor,
        outcomeAt: pending ? null : t,
        outcomeNote: p.note,
      };
      return { ...incident, tried };
    }
    case 'tried.struck': {
      const p = event.payload;
      const index = incident.tried.findIndex((e) => e.id === p.entryId);
      const entry = incident.tried[index];
      if (!entry) throw new InvalidEventError(event, `no entry ${p.entryId}`);
      if (entry.struck) throw new InvalidEventError(event, `entry ${p.entryId} is already struck`);
      const tried = incident.tried.slice();
      tried[index] = { ...entry, struck: { reason: p.reason, by: event.actor, at: t } };
      return { ...incident, tried };
    }
    case 'postmortem.published': {
      const { revision, baseRevision, markdown } = event.payload;
      const current = incident.postmortem;
      // Nothing is overwritten unseen: each revision must build on the one before.
      if ((current?.revision ?? null) !== baseRevision)
        throw new InvalidEventError(
          event,
          `published on ${baseRevision}, but the current revision is ${current?.revision ?? 'none'}`,
        );
      const postmortem = {
        revision,
        markdown,
        publishedBy: event.actor,
        publishedAt: t,
        revisions: (current?.revisions ?? 0) + 1,
        recentAt: keepRecentRevisionTimes(current?.recentAt, event.at),
      };
      return { ...incident, postmortem };
    }
    case 'followup.added': {
      const { followupId, text, owner } = event.payload;
      if (incident.followups.some((f) => f.id === followupId))
        throw new InvalidEventError(event, `follow-up ${followupId} exists`);
      const followup: Followup = { id: followupId, text, owner, state: 'open', addedBy: event.actor, addedAt: t };
      return { ...incident, followups: [...incident.followups, followup] };
    }
    case 'followup.state_set': {
      const { followupId, from, to } = event.payload;
      return updateFollowup(incident, event, followupId, (f) => {
        if (f.state !== from) throw new InvalidEventError(event, `follow-up is ${f.state}, not ${from}`);
        return { ...f, state: to };
      });
    }
    case 'followup.assigned': {
      const { followupId, from, to } = event.payload;
      return updateFollowup(incident, event, followupId, (f) => {
        if ((f.owner?.id ?? null) !== (from?.id ?? null))
          throw new InvalidEventError(
            event,
            `follow-up is owned by ${f.owner?.id ?? 'nobody'}, not ${from?.id ?? 'nobody'}`,
          );
        return { ...f, owner: to };
      });
    }
    case 'alert.attached':
      return { ...incident, alerts: alertAttached(incident.alerts, event.payload.alert, event.at) };
    case 'alert.resolved': {
      const { key, endsAt } = event.payload;
      if (!incident.alerts.some((a) => a.key === key)) throw new InvalidEventError(event, `no alert ${key}`);
      const alerts = incident.alerts.map((a) =>
        a.key === key ? { ...a, status: 'resolved' as const, resolvedAt: endsAt ?? event.at } : a,
      );
      return { ...incident, alerts };
    }
    case 'page.sent':
    case 'page.held': {
      const p = event.payload;
      const page: Page = {
        id: p.pageId,
        person: p.person,
        reason: p.reason,
        step: p.step,
        round: p.round,
        rotationId: p.rotationId,
        status: event.type === 'page.sent' ? 'sent' : 'held',
        heldUntil: event.type === 'page.held' ? event.payload.until : null,
        sentAt: event.type === 'page.sent' ? event.at : null,
        acknowledgedAt: null,
        deliveries: [],
      };
      const others = incident.pages.filter((existing) => existing.id !== p.pageId);
      return { ...incident, pages: [...others, page], unrouted: null };
    }
    case 'page.unrouted': {
      const { severity, service, reason } = event.payload;
      return { ...incident, unrouted: { at: event.at, severity, service, reason } };
    }
    case 'page.rotation_chosen':
      return { ...incident, rotationId: event.payload.rotationId, unrouted: null };
    case 'page.delivery': {
      const { pageId, attempt, ...delivery } = event.payload;
      const page = incident.pages.find((p) => p.id === pageId);
      if (!page) throw new InvalidEventError(event, `no page ${pageId}`);
      const latest: PageDelivery = { ...delivery, attempts: attempt, at: event.at };
      const known = page.deliveries.some((d) => d.methodId === delivery.methodId);
      const deliveries = known
        ? page.deliveries.map((d) => (d.methodId === delivery.methodId ? latest : d))
        : [...page.deliveries, latest];
      return { ...incident, pages: incident.pages.map((p) => (p.id === pageId ? { ...p, deliveries } : p)) };
    }
    case 'incident.public_set':
      return incident; // the public part only: publicAfter
    case 'status_update.posted': {
      const p = event.payload;
      if (incident.statusUpdates.some((u) => u.id === p.updateId))
        throw new InvalidEventError(event, `update ${p.updateId} exists`);
      const update = {
        id: p.updateId,
        text: p.text,
        audience: p.audience,
        by: event.actor,
        at: t,
        incidentStatus: incident.status,
      };
      return { ...incident, statusUpdates: [...incident.statusUpdates, update] };
    }
  }
}

function statusChanged(incident: Incident, event: EventOf<'incident.status_changed'>): Incident {
  const { from, to } = event.payload;
  if (from !== incident.status) throw new InvalidEventError(event, `status is ${incident.status}, not ${from}`);
  if (!canTransition(from, to)) throw new InvalidEventError(event, `illegal move from ${from} to ${to}`);
  const t = event.clientAt;
  const m = incident.moments;
  const metricMoments = statusMetricMoments(incident.metricMoments, from, to, t);
  if (isReopen(from, to)) {
    return {
      ...incident,
      status: to,
      reopenCount: incident.reopenCount + 1,
      moments: { ...m, acknowledgedAt: m.acknowledgedAt ?? t, mitigatedAt: null, resolvedAt: null, closedAt: null },
      metricMoments,
      lastAcknowledgedAt: incident.lastAcknowledgedAt ?? t,
    };
  }
  // Person clocks differ and offline commands arrive late, so each moment is kept no earlier than the one
  // it follows: metrics never see a negative duration.
  const moments = { ...m };
  const after = (...bounds: (string | null)[]) => latest(t, ...bounds);
  if (to === 'investigating') moments.acknowledgedAt = m.acknowledgedAt ?? after(m.detectedAt);
  if (to === 'mitigated') moments.mitigatedAt = after(m.detectedAt);
  // Resolving ends the impact, so it mitigates too if that was skipped.
  if (to === 'resolved') {
    moments.mitigatedAt = m.mitigatedAt ?? after(m.detectedAt);
    moments.resolvedAt = after(m.detectedAt, moments.mitigatedAt);
  }
  if (to === 'closed' || to === 'declined') moments.closedAt = after(m.detectedAt, m.resolvedAt);
  // Starting to investigate is acknowledging (the first time).
  const acknowledging = to === 'investigating' && incident.lastAcknowledgedAt === null;
  const acked = acknowledging ? acknowledgedBy(incident, event.actor, moments.acknowledgedAt ?? t) : incident;
  return { ...acked, status: to, moments, metricMoments };
}

/**
 * An acknowledgement by `person` at `t`: the incident's latest, and each page that reached that person and was not yet
 * acknowledged (a page is answered by the person it went to; someone else acknowledging does not answer it).
 */
function acknowledgedBy(incident: Incident, person: Person, t: string): Incident {
  const pages = incident.pages.some((p) => p.person.id === person.id && p.status === 'sent' && !p.acknowledgedAt)
    ? incident.pages.map((p) =>
        p.person.id === person.id && p.status === 'sent' && !p.acknowledgedAt
          ? { ...p, acknowledgedAt: latest(t, p.sentAt) }
          : p,
      )
    : incident.pages;
  const newer = incident.lastAcknowledgedAt === null || Date.parse(t) >= Date.parse(incident.lastAcknowledgedAt);
  return {
    ...incident,
    pages,
    lastAcknowledgedAt: latest(t, incident.lastAcknowledgedAt),
    lastAcknowledgedBy: newer ? person : incident.lastAcknowledgedBy,
  };
}

/** The latest of ISO times (nulls ignored). */
function latest(first: string, ...rest: (string | null)[]): string {
  return rest.reduce<string>((max, t) => (t !== null && Date.parse(t) > Date.parse(max) ? t : max), first);
}

function assignRole(roles: Incident['roles'], role: Role, person: Person): Incident['roles'] {
  if (isSingleHolder(role)) return { ...roles, [role]: person };
  return roles.fixers.some((f) => f.id === person.id) ? roles : { ...roles, fixers: [...roles.fixers, person] };
}

function releaseRole(roles: Incident['roles'], role: Role, person: Person): Incident['roles'] {
  if (isSingleHolder(role)) return { ...roles, [role]: null };
  return { ...roles, fixers: roles.fixers.filter((f) => f.id !== person.id) };
}

/** A new alert joins with count 1; a repeat of a known key counts and refreshes what it says. */
function alertAttached(alerts: readonly IncidentAlert[], alert: NormalizedAlert, at: string): IncidentAlert[] {
  const { labels: _labels, endsAt: _endsAt, status: _status, ...context } = alert;
  const known = alerts.find((a) => a.key === alert.key);
  if (!known)
    return [...alerts, { ...context, status: 'firing', count: 1, firstSeenAt: at, lastSeenAt: at, resolvedAt: null }];
  return alerts.map((a) =>
    a === known ? { ...a, ...context, status: 'firing', count: a.count + 1, lastSeenAt: at, resolvedAt: null } : a,
  );
}

function updateChecklist(
  incident: Incident,
  event: DomainEvent,
  checklistId: string,
  update: (c: Checklist) => Checklist,
): Incident {
  const index = incident.checklists.findIndex((c) => c.id === checklistId);
  const checklist = incident.checklists[index];
  if (!checklist) throw new InvalidEventError(event, `no checklist ${checklistId}`);
  const checklists = incident.checklists.slice();
  checklists[index] = update(checklist);
  return { ...incident, checklists };
}

function updateFollowup(
  incident: Incident,
  event: DomainEvent,
  followupId: string,
  update: (f: Followup) => Followup,
): Incident {
  const index = incident.followups.findIndex((f) => f.id === followupId);
  const followup = incident.followups[index];
  if (!followup) throw new InvalidEventError(event, `no follow-up ${followupId}`);
  const followups = incident.followups.slice();
  followups[index] = update(followup);
  return { ...incident, followups };
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
