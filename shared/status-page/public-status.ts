import type { DomainEvent } from '../domain/events.js';
import type { Incident } from '../domain/incident.js';
import { fnv1a64 } from '../oncall/page-ids.js';
import type { IncidentsState } from '../domain/state.js';
import { dailyHistory, nextLocalMidnight, type HistoryDay, type StateSpan } from './history.js';
import {
  incidentServiceState,
  pageIndicator,
  publicImpact,
  publicIncidentStatus,
  worstState,
  type PageIndicator,
  type PublicIncidentStatus,
  type ServiceState,
} from './service-state.js';
import { serviceKeyOf, type Maintenance, type StatusPageConfig } from './status-page-config.js';

/**
 * What the public status page shows, and nothing else: built from a whitelist of fields (public titles, external
 * updates, severity and status as service states, the admin's public service names), never by copying an incident.
 * The HTML page, `/status.json`, the Atom feed and subscriber messages are all rendered from this, so a word that
 * is not here cannot leak through any of them (docs/status-page.md).
 */
export interface PublicStatus {
  readonly title: string;
  readonly timeZone: string;
  readonly indicator: PageIndicator;
  readonly description: string;
  /** The newest moment anything on the page changed (an update, a state, a maintenance, the set-up). */
  readonly updatedAt: string;
  readonly services: readonly PublicServiceStatus[];
  /** Published incidents still open, newest first. */
  readonly activeIncidents: readonly PublicIncident[];
  /** Published incidents resolved in the history's window, newest first. */
  readonly pastIncidents: readonly PublicIncident[];
  /** Maintenance windows not over yet, soonest first. */
  readonly maintenances: readonly PublicMaintenance[];
  /** The earliest moment the page changes by time alone (a maintenance starts or ends, a new day): rebuild then. */
  readonly nextChangeAt: string;
}

export interface PublicServiceStatus {
  /** Made from the public name: the internal service name never shows. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly state: ServiceState;
  /** An admin set the state by hand. */
  readonly overridden: boolean;
  readonly history: readonly HistoryDay[];
}

export interface PublicUpdate {
  readonly id: string;
  readonly status: PublicIncidentStatus;
  readonly body: string;
  readonly at: string;
}

export interface PublicIncident {
  readonly id: string;
  readonly title: string;
  readonly status: PublicIncidentStatus;
  readonly impact: 'minor' | 'major' | 'critical';
  /** The public ids of the services it affects (none when its service is not public). */
  readonly services: readonly string[];
  readonly state: ServiceState;
  readonly publishedAt: string;
  readonly updatedAt: string;
  readonly resolvedAt: string | null;
  /** External updates, newest first. */
  readonly updates: readonly PublicUpdate[];
}

export interface PublicMaintenance {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly status: 'scheduled' | 'in_progress' | 'completed';
  readonly services: readonly string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function buildPublicStatus(state: IncidentsState, config: StatusPageConfig, nowMs: number): PublicStatus {
  const serviceIds = new Map(publicServiceNames(config).map((s) => [s.key, s.id]));
  const idOfKey = (key: string) => serviceIds.get(serviceKeyOf(key));
  const published = Object.values(state.incidents).filter((i) => i.public.publishedAt !== null && i.public.title);
  const incidents = published.map((i) => publicIncident(i, idOfKey(i.service)));
  const active = incidents.filter((i) => i.status !== 'resolved').sort(newestFirst);
  const horizon = nowMs - 90 * DAY_MS;
  const past = incidents
    .filter((i) => i.status === 'resolved' && Date.parse(i.resolvedAt ?? i.updatedAt) >= horizon)
    .sort(newestFirst);
  const maintenances = config.maintenances.map((m) => publicMaintenance(m, nowMs, idOfKey));
  const spans = spansByService(published, config.maintenances, idOfKey, nowMs);

  const services: PublicServiceStatus[] = config.services.map((s) => {
    const id = idOfKey(s.key) ?? '';
    const fromIncidents = active.filter((i) => i.services.includes(id)).map((i) => i.state);
    const inMaintenance = maintenances.some((m) => m.status === 'in_progress' && m.services.includes(id));
    const derived = worstState([...fromIncidents, ...(inMaintenance ? ['under_maintenance' as const] : [])]);
    return {
      id,
      name: s.name,
      description: s.description,
      state: s.override ?? derived,
      overridden: s.override !== null,
      history: dailyHistory(spans.get(id) ?? [], config.timeZone, nowMs),
    };
  });
  const worst = worstState([...services.map((s) => s.state), ...active.map((i) => i.state)]);
  const moments = [
    ...incidents.map((i) => i.updatedAt),
    ...config.maintenances.flatMap((m) => [m.startsAt, m.endsAt].filter((t) => Date.parse(t) <= nowMs)),
  ];
  const boundaries = config.maintenances
    .flatMap((m) => [Date.parse(m.startsAt), Date.parse(m.endsAt)])
    .filter((t) => t > nowMs);
  return {
    title: config.title,
    timeZone: config.timeZone,
    ...pageIndicator(worst),
    updatedAt: moments.sort().at(-1) ?? new Date(0).toISOString(),
    services,
    activeIncidents: active,
    pastIncidents: past,
    maintenances: maintenances
      .filter((m) => m.status !== 'completed')
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    nextChangeAt: new Date(Math.min(nextLocalMidnight(config.timeZone, nowMs), ...boundaries)).toISOString(),
  };
}

/** A public service as the page names it: its public id, its public name, and the key incidents match it by. */
export interface PublicServiceName {
  readonly id: string;
  readonly name: string;
  /** The service key, normalised (serviceKeyOf): it never leaves the hub. */
  readonly key: string;
}

/**
 * The one place public service ids are made: from public names ("Checkout API" → "checkout-api"), unique on the
 * page, in the set-up's order. The page, the preview (id → name) and the subscribe form (id → key) all read it.
 */
export function publicServiceNames(config: Pick<StatusPageConfig, 'services'>): PublicServiceName[] {
  const taken = new Set<string>();
  return config.services.map((s, i) => {
    const base =
      s.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || `service-${i + 1}`;
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    taken.add(id);
    return { id, name: s.name, key: serviceKeyOf(s.key) };
  });
}

function publicIncident(incident: Incident, serviceId: string | undefined): PublicIncident {
  const updates = incident.statusUpdates
    .filter((u) => u.audience === 'external')
    .map((u) => ({
      id: publicId(u.id),
      status: publicIncidentStatus(u.incidentStatus ?? incident.status),
      body: u.text,
      at: u.at,
    }))
    .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  const status = publicIncidentStatus(incident.status);
  const states = incident.public.states;
  const resolvedAt = status === 'resolved' ? (states.at(-1)?.at ?? null) : null;
  const lastChange = [incident.public.publishedAt ?? '', updates[0]?.at ?? '', states.at(-1)?.at ?? ''].sort().at(-1);
  return {
    id: publicId(incident.id),
    title: incident.public.title ?? '',
    status,
    impact: publicImpact(incident.highestSeverity),
    services: serviceId ? [serviceId] : [],
    state: incidentServiceState(incident, incident.public.override),
    publishedAt: incident.public.publishedAt ?? '',
    updatedAt: lastChange ?? '',
    resolvedAt,
    updates,
  };
}

function publicMaintenance(
  m: Maintenance,
  nowMs: number,
  idOfKey: (key: string) => string | undefined,
): PublicMaintenance {
  const status =
    nowMs < Date.parse(m.startsAt) ? 'scheduled' : nowMs < Date.parse(m.endsAt) ? 'in_progress' : 'completed';
  const services = m.services.flatMap((key) => idOfKey(key) ?? []);
  return { id: m.id, title: m.title, text: m.text, startsAt: m.startsAt, endsAt: m.endsAt, status, services };
}

/** Each public service's spans: its published incidents' logged states, and its maintenance windows. */
function spansByService(
  incidents: readonly Incident[],
  maintenances: readonly Maintenance[],
  idOfKey: (key: string) => string | undefined,
  nowMs: number,
): Map<string, StateSpan[]> {
  const byService = new Map<string, StateSpan[]>();
  const add = (id: string | undefined, span: StateSpan) => {
    if (id === undefined) return;
    byService.set(id, [...(byService.get(id) ?? []), span]);
  };
  for (const incident of incidents) {
    const states = incident.public.states;
    states.forEach((entry, i) => {
      const next = states[i + 1];
      add(idOfKey(incident.service), {
        from: Date.parse(entry.at),
        to: next ? Date.parse(next.at) : null,
        state: entry.state,
        ref: publicId(incident.id),
      });
    });
  }
  for (const m of maintenances) {
    if (Date.parse(m.startsAt) > nowMs) continue;
    for (const key of m.services)
      add(idOfKey(key), {
        from: Date.parse(m.startsAt),
        to: Math.min(Date.parse(m.endsAt), nowMs),
        state: 'under_maintenance',
        ref: m.id,
      });
  }
  return byService;
}

function newestFirst(a: PublicIncident, b: PublicIncident): number {
  return b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id);
}

/**
 * Whether a committed event can change what the page shows: an event on a published incident (or the one that
 * publishes it) that changes its public part, its external updates, its severity, status or service. Anything else
 * (internal updates, the tried log, roles, pages, alerts) leaves PublicStatus as it was, so the hub does not rebuild
 * for it (a property test holds this to buildPublicStatus).
 */
export function touchesPublicPage(event: DomainEvent, state: IncidentsState): boolean {
  if (!state.incidents[event.incidentId]?.public.publishedAt) return false;
  switch (event.type) {
    case 'status_update.posted':
      return event.payload.audience === 'external';
    case 'incident.public_set':
    case 'incident.severity_changed':
    case 'incident.status_changed':
      return true;
    case 'incident.updated':
      return event.payload.changes.service !== undefined;
    default:
      return false;
  }
}

/**
 * The id the page shows for an incident or an update: a hash of the internal id, because ids are chosen by clients
 * and webhooks and may carry words (an alert's name) that must not be public.
 */
export function publicId(internalId: string): string {
  return fnv1a64(`public:${internalId}`);
}

/** The anchor of an incident on the page (`/status#incident-<public id>`), for the app's link to it. */
export function incidentAnchor(incidentId: string): string {
  return `incident-${publicId(incidentId)}`;
}

/** A public update's text as paragraphs (blank lines separate them; single line breaks stay inside one). */
export function publicParagraphs(text: string): string[][] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => line.trim()))
    .filter((lines) => lines.some((l) => l.length > 0));
}
