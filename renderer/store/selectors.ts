import { PASSING_REFUSALS } from '../../shared/protocol/wire.js';
import type { Incident } from '../../shared/domain/incident.js';
import { openPagesFor, type OpenPage } from '../../shared/notify/paging-alerts.js';
import { severityRank } from '../../shared/domain/severity.js';
import { findIncident, type IncidentsState } from '../../shared/domain/state.js';
import { isActive } from '../../shared/domain/status.js';
import type { QueuedCommand } from '../../shared/sync/outbox.js';
import type { RejectedCommand } from '../../shared/sync/outbox.js';
import { changes } from '../messages.js';
import type { AppState } from './app-state.js';
import type { BoardFilter } from './ui-slice.js';
import { payloadField } from './payload-field.js';

export type Screen =
  | 'loading'
  | 'connect'
  | 'board'
  | 'incident'
  | 'postmortem'
  | 'oncall'
  | 'profile'
  | 'metrics'
  | 'reviews'
  | 'statuspage';

/** Which screen to show: derived, so it can never disagree with the state it depends on. */
export function selectScreen(s: AppState): Screen {
  if (!s.ready) return 'loading';
  // Too many connections, or a hub that cannot reach its database, fixes itself (the engine retries): the banner
  // says so, the app stays.
  if (!s.signedIn || (s.refusal && !PASSING_REFUSALS.includes(s.refusal.code))) return 'connect';
  if (s.selectedIncidentId) return s.incidentView === 'postmortem' ? 'postmortem' : 'incident';
  return s.page;
}

const boardOrder = new WeakMap<IncidentsState, readonly string[]>();

/**
 * Incident ids in the order an Incident Lead reads a board: active ones first, most severe first, then oldest;
 * then the finished ones, newest first. Cached per state, so every component asking gets the same array.
 */
export function boardIncidentIds(state: IncidentsState): readonly string[] {
  const cached = boardOrder.get(state);
  if (cached) return cached;
  const ids = Object.values(state.incidents)
    .sort(compareForBoard)
    .map((incident) => incident.id);
  boardOrder.set(state, ids);
  return ids;
}

function compareForBoard(a: Incident, b: Incident): number {
  const activeA = isActive(a.status);
  const activeB = isActive(b.status);
  if (activeA !== activeB) return activeA ? -1 : 1;
  if (!activeA) return b.moments.declaredAt.localeCompare(a.moments.declaredAt);
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    a.moments.declaredAt.localeCompare(b.moments.declaredAt) ||
    a.number - b.number
  );
}

/** Whether `personId` holds any role on the incident. */
export function holdsRole(incident: Incident, personId: string): boolean {
  const { lead, comms, fixers } = incident.roles;
  return lead?.id === personId || comms?.id === personId || fixers.some((f) => f.id === personId);
}

export function matchesBoardFilter(incident: Incident, filter: BoardFilter, userId: string | null): boolean {
  if (
    filter.status === 'active'
      ? !isActive(incident.status)
      : filter.status !== 'all' && incident.status !== filter.status
  )
    return false;
  if (filter.severity !== 'all' && incident.severity !== filter.severity) return false;
  if (filter.service && incident.service !== filter.service) return false;
  if (filter.mine && (userId === null || !holdsRole(incident, userId))) return false;
  return true;
}

const filtered = new WeakMap<IncidentsState, Map<string, readonly string[]>>();

/** The board's rows after the person's filter; the same array for the same state and filter. */
export function filteredBoardIds(state: IncidentsState, filter: BoardFilter, userId: string | null): readonly string[] {
  const key = JSON.stringify([filter.status, filter.severity, filter.service, filter.mine, userId]);
  let byFilter = filtered.get(state);
  if (!byFilter) filtered.set(state, (byFilter = new Map()));
  const cached = byFilter.get(key);
  if (cached) return cached;
  const ids = boardIncidentIds(state).filter((id) => {
    const incident = findIncident(state.incidents, id);
    return incident !== undefined && matchesBoardFilter(incident, filter, userId);
  });
  byFilter.set(key, ids);
  return ids;
}

export const selectBoardIds = (s: AppState): readonly string[] =>
  filteredBoardIds(s.state, s.boardFilter, s.user?.id ?? null);

/** How many incidents the filter hides. */
export const selectHiddenCount = (s: AppState): number =>
  Object.keys(s.state.incidents).length - selectBoardIds(s).length;

const services = new WeakMap<IncidentsState, readonly string[]>();

/** The services named on incidents, for the board's service filter. */
export function selectServices(s: AppState): readonly string[] {
  const cached = services.get(s.state);
  if (cached) return cached;
  const list = [...new Set(Object.values(s.state.incidents).map((i) => i.service))].filter(Boolean).sort();
  services.set(s.state, list);
  return list;
}

export const selectIncident =
  (incidentId: string) =>
  (s: AppState): Incident | null =>
    findIncident(s.state.incidents, incidentId) ?? null;

export const selectSelectedIncident = (s: AppState): Incident | null =>
  s.selectedIncidentId ? (findIncident(s.state.incidents, s.selectedIncidentId) ?? null) : null;

/** "pending": the hub has not confirmed the incident yet; "changes-pending": it has, but not our latest changes. */
export type SyncMark = 'pending' | 'changes-pending' | null;

export const selectIncidentMark =
  (incidentId: string) =>
  (s: AppState): SyncMark => {
    if (!findIncident(s.confirmed.incidents, incidentId)) return 'pending';
    return s.pending.some((p) => p.incidentId === incidentId) ? 'changes-pending' : null;
  };

const confirmedTried = new WeakMap<Incident, ReadonlySet<string>>();

/** A "what we've tried" entry shown but not yet confirmed by the hub. */
export const selectTriedPending =
  (incidentId: string, entryId: string) =>
  (s: AppState): boolean => {
    const confirmed = findIncident(s.confirmed.incidents, incidentId);
    if (!confirmed) return true;
    let ids = confirmedTried.get(confirmed);
    if (!ids) confirmedTried.set(confirmed, (ids = new Set(confirmed.tried.map((e) => e.id))));
    return !ids.has(entryId);
  };

/** Queued commands for one incident whose payload names `key` = `value` (an entry, a checklist, an update). */
export const selectPendingFor =
  (incidentId: string, key: string, value: string) =>
  (s: AppState): boolean =>
    s.pending.some((p) => p.incidentId === incidentId && payloadField(p.payload, key) === value);

/** Queued commands of one incident, oldest first, not yet confirmed: shown on top of its timeline. */
export function pendingOf(pending: AppState['pending'], incidentId: string): readonly QueuedCommand[] {
  return pending.filter((p) => p.incidentId === incidentId);
}

/** Refused commands about one incident and of some types: shown next to the control that sent them. */
export function rejectedOf(
  rejected: readonly RejectedCommand[],
  incidentId: string | null,
  types: readonly string[] | null,
): readonly RejectedCommand[] {
  return rejected.filter(
    (r) =>
      (incidentId === null || r.command.incidentId === incidentId) &&
      (types === null || types.includes(r.command.type)),
  );
}

export interface BannerInput {
  readonly signedIn: boolean;
  readonly status: AppState['status'];
  readonly pendingCount: number;
  readonly stale: boolean;
  readonly refusal: AppState['refusal'];
  /** Was online since this start: connecting again is a reconnect. */
  readonly wasOnline?: boolean;
}

/** The connection banner's words. */
export function bannerText(b: BannerInput): string {
  if (!b.signedIn) return 'Not connected to a hub';
  const waiting = b.pendingCount > 0 ? ` — ${changes(b.pendingCount)} waiting` : '';
  if (b.refusal?.code === 'too_many_connections')
    return `Offline — this token has too many open connections; trying again${waiting}`;
  if (b.refusal?.code === 'hub_unavailable')
    return `Offline — the hub cannot reach its database; trying again${waiting}`;
  if (b.refusal?.code === 'revoked') return `Offline — your access was revoked${waiting}`;
  if (b.refusal) return `Offline — the hub refused this sign-in${waiting}`;
  if (b.status === 'online') return b.pendingCount > 0 ? `Online — sending ${changes(b.pendingCount)}` : 'Online';
  const saved = b.stale ? ' (showing the last saved copy)' : '';
  if (b.status === 'connecting') return `${b.wasOnline ? 'Reconnecting…' : 'Connecting…'}${waiting}${saved}`;
  return `Offline${waiting}${saved}`;
}

const openPages = new WeakMap<IncidentsState, Map<string, readonly OpenPage[]>>();
const NO_PAGES: readonly OpenPage[] = [];

/** The pages that still want an answer from me (openPagesFor); the same array for the same state and person. */
export function selectOpenPages(s: AppState): readonly OpenPage[] {
  const me = s.user?.id;
  if (!me) return NO_PAGES;
  let byUser = openPages.get(s.state);
  if (!byUser) openPages.set(s.state, (byUser = new Map()));
  let pages = byUser.get(me);
  if (!pages) {
    const found = openPagesFor(s.state, me);
    pages = found.length === 0 ? NO_PAGES : found;
    byUser.set(me, pages);
  }
  return pages;
}

/** Whether I have an open page on this incident (its Acknowledge button shows, even after an earlier ack). */
export const selectPagedOn =
  (incidentId: string) =>
  (s: AppState): boolean =>
    selectOpenPages(s).some((page) => page.incidentId === incidentId);

export const selectIsAdmin = (s: AppState): boolean => s.user?.role === 'admin';
