import { fnv1a64 } from '../../oncall/page-ids.js';
import type { PublicIncident, PublicMaintenance, PublicServiceStatus, PublicStatus } from '../public-status.js';
import type { StatusJson, StatusJsonComponent } from './status-json-schema.js';

export interface StatusJsonOptions {
  /** The page's public address (`https://status.example.com/status`). */
  readonly pageUrl: string;
}

type JsonIncident = StatusJson['incidents'][number];
type JsonMaintenance = StatusJson['scheduled_maintenances'][number];

/**
 * /status.json, from PublicStatus only: Statuspage's summary.json field names and values where they fit, and a
 * `warroom` object for the 90-day history and past incidents (status-json-schema.ts, docs/status-page.md).
 */
export function renderStatusJson(status: PublicStatus, options: StatusJsonOptions): string {
  return `${JSON.stringify(statusJson(status, options), null, 2)}\n`;
}

export function statusJson(status: PublicStatus, options: StatusJsonOptions): StatusJson {
  const pageId = fnv1a64(`page:${options.pageUrl}`);
  const all = [...status.activeIncidents, ...status.pastIncidents];
  const components = status.services.map((s, i) => component(s, i, status, all, pageId));
  const byId = new Map(components.map((c) => [c.id, c]));
  const pick = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  const inc = (i: PublicIncident) => incident(i, pick(i.services), pageId, options.pageUrl);
  return {
    page: {
      id: pageId,
      name: status.title,
      url: options.pageUrl,
      time_zone: status.timeZone,
      updated_at: status.updatedAt,
    },
    status: { indicator: status.indicator, description: status.description },
    components,
    incidents: status.activeIncidents.map(inc),
    scheduled_maintenances: status.maintenances.map((m) => maintenance(m, pick(m.services), pageId, options.pageUrl)),
    warroom: {
      version: 1,
      past_incidents: status.pastIncidents.map(inc),
      history: {
        days: status.services[0]?.history.length ?? 0,
        time_zone: status.timeZone,
        components: status.services.map((s) => ({
          id: s.id,
          days: s.history.map((d) => ({ date: d.date, status: d.state, refs: [...d.refs] })),
        })),
      },
    },
  };
}

/**
 * A public service as a Statuspage component. PublicStatus has no creation time for a service (`created_at` null);
 * `updated_at` is the newest change of what affects it, the page's when nothing did.
 */
function component(
  s: PublicServiceStatus,
  index: number,
  status: PublicStatus,
  incidents: readonly PublicIncident[],
  pageId: string,
): StatusJsonComponent {
  const moments = [
    ...incidents.filter((i) => i.services.includes(s.id)).map((i) => i.updatedAt),
    ...status.maintenances
      .filter((m) => m.status === 'in_progress' && m.services.includes(s.id))
      .map((m) => m.startsAt),
  ].sort();
  return {
    id: s.id,
    name: s.name,
    status: s.state,
    created_at: null,
    updated_at: moments.at(-1) ?? status.updatedAt,
    position: index + 1,
    description: s.description || null,
    showcase: true,
    start_date: null,
    group_id: null,
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
  };
}

function incident(i: PublicIncident, components: StatusJsonComponent[], pageId: string, pageUrl: string): JsonIncident {
  // Updates are newest first, so the last monitoring one is the first time it was monitored.
  const monitoring = i.updates.filter((u) => u.status === 'monitoring').at(-1)?.at ?? null;
  return {
    id: i.id,
    name: i.title,
    status: i.status,
    created_at: i.publishedAt,
    updated_at: i.updatedAt,
    monitoring_at: monitoring,
    resolved_at: i.resolvedAt,
    impact: i.impact,
    shortlink: `${pageUrl}#incident-${i.id}`,
    started_at: i.publishedAt,
    page_id: pageId,
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: i.id,
      created_at: u.at,
      updated_at: u.at,
      display_at: u.at,
    })),
    components,
  };
}

/** A maintenance window; its text is its one update, shown from when it starts. */
function maintenance(
  m: PublicMaintenance,
  components: StatusJsonComponent[],
  pageId: string,
  pageUrl: string,
): JsonMaintenance {
  return {
    id: m.id,
    name: m.title,
    status: m.status,
    created_at: m.startsAt,
    updated_at: m.startsAt,
    monitoring_at: null,
    resolved_at: m.status === 'completed' ? m.endsAt : null,
    impact: 'maintenance',
    shortlink: `${pageUrl}#maintenance-${m.id}`,
    started_at: m.startsAt,
    scheduled_for: m.startsAt,
    scheduled_until: m.endsAt,
    page_id: pageId,
    incident_updates: m.text
      ? [
          {
            id: `${m.id}-text`,
            status: m.status,
            body: m.text,
            incident_id: m.id,
            created_at: m.startsAt,
            updated_at: m.startsAt,
            display_at: m.startsAt,
          },
        ]
      : [],
    components,
  };
}
