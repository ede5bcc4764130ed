import type { IncomingMessage, ServerResponse } from 'node:http';
import { systemClock, type Clock } from '../../shared/clock.js';
import { severityRank } from '../../shared/domain/severity.js';
import type { Incident } from '../../shared/domain/incident.js';
import { findIncident, type IncidentsState } from '../../shared/domain/state.js';
import { isActive } from '../../shared/domain/status.js';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import type { UserStore } from '../auth/user-store.js';
import type { ContactHealth } from '../contact/contact-health.js';
import type { EventStore } from '../store/event-store.js';
import { handleMetricsApi } from './metrics-api.js';
import { decodeSegment, parseRequestUrl } from './request-url.js';
import { sendError, sendJson } from './respond.js';

export interface HttpApiDeps {
  readonly users: UserStore;
  readonly store: EventStore;
  readonly state: () => IncidentsState;
  /** Readiness of the store (reachable, schema current); /healthz answers 503 when it is not. */
  readonly health?: () => Promise<{ ok: boolean; reason?: string }>;
  /**
   * Whether the configured SMTP and ntfy servers answer (hub/contact): reported in /healthz beside `ok`, which it
   * does not change (a node with a broken mail server still serves the war room).
   */
  readonly contactHealth?: () => Promise<ContactHealth>;
  /** For the metrics' default period (the last 30 days); the system clock if not given. */
  readonly clock?: Clock;
}

/** Read-only JSON: health, incidents, one incident with its timeline, metrics. Returns false if the path is not ours. */
export async function handleHttpApi(req: IncomingMessage, res: ServerResponse, deps: HttpApiDeps): Promise<boolean> {
  const url = parseRequestUrl(req.url);
  if (!url) return false; // startHub answers malformed URLs before any handler
  if (url.pathname === '/healthz') {
    // Readiness, for a load balancer: a node whose database is out of reach is taken out until it is back.
    const ready: { ok: boolean; reason?: string } = { ok: true };
    const [health, contact] = await Promise.all([deps.health ? deps.health() : ready, deps.contactHealth?.()]);
    sendJson(res, health.ok ? 200 : 503, {
      ok: health.ok,
      seq: deps.state().seq,
      protocol: PROTOCOL_VERSION,
      ...(health.ok ? {} : { reason: health.reason }),
      // Only when a channel is set up: a hub without e-mail or a team ntfy server answers as it always did.
      ...(contact && (contact.email || contact.ntfy) ? { contact } : {}),
    });
    return true;
  }
  if (!url.pathname.startsWith('/api/')) return false;
  if (req.method !== 'GET') {
    sendError(res, 405, 'method_not_allowed', 'This API is read-only; change incidents with commands over socket.io.');
    return true;
  }
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token || !(await deps.users.authenticate(token))) {
    sendError(res, 401, 'unauthorized', 'Send Authorization: Bearer <token> with a valid token.');
    return true;
  }
  if (handleMetricsApi(url, res, { state: deps.state, clock: deps.clock ?? systemClock })) return true;

  const state = deps.state();
  if (url.pathname === '/api/incidents') {
    sendJson(res, 200, { seq: state.seq, incidents: filterIncidents(state, url.searchParams.get('status')) });
    return true;
  }
  const match = /^\/api\/incidents\/([^/]+)$/.exec(url.pathname);
  const key = match ? decodeSegment(match[1] ?? '') : undefined;
  if (key === null) {
    sendError(res, 400, 'bad_encoding', 'The incident id in the address is not valid percent-encoding.');
    return true;
  }
  const incident = key !== undefined ? findByIdOrLabel(state, key) : undefined;
  if (!incident) {
    sendError(res, 404, 'not_found', match ? 'No such incident.' : 'No such endpoint.');
    return true;
  }
  sendJson(res, 200, { seq: state.seq, incident, events: await deps.store.readIncident(incident.id) });
  return true;
}

/** Most severe first, then oldest first: the order an Incident Lead reads a board in. */
function filterIncidents(state: IncidentsState, status: string | null): Incident[] {
  return Object.values(state.incidents)
    .filter((i) => !status || (status === 'active' ? isActive(i.status) : i.status === status))
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) || a.moments.declaredAt.localeCompare(b.moments.declaredAt),
    );
}

/** By id, or by its label (INC-42). */
function findByIdOrLabel(state: IncidentsState, key: string): Incident | undefined {
  const byId = findIncident(state.incidents, key);
  if (byId) return byId;
  const number = /^INC-(\d+)$/i.exec(key)?.[1];
  return number ? Object.values(state.incidents).find((i) => i.number === Number(number)) : undefined;
}
