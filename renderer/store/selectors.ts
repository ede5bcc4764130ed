import type { Incident } from '../../shared/domain/incident.js';
import { severityRank } from '../../shared/domain/severity.js';
import { findIncident, type IncidentsState } from '../../shared/domain/state.js';
import { isActive } from '../../shared/domain/status.js';
import { changes } from '../messages.js';
import type { AppState } from './app-state.js';

export type Screen = 'loading' | 'connect' | 'board' | 'incident';

/** Which screen to show: derived, so it can never disagree with the state it depends on. */
export function selectScreen(s: AppState): Screen {
  if (!s.ready) return 'loading';
  if (!s.signedIn || s.refusal) return 'connect';
  return s.selectedIncidentId ? 'incident' : 'board';
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

export const selectBoardIds = (s: AppState): readonly string[] => boardIncidentIds(s.state);

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

/** A "what we've tried" entry shown but not yet confirmed by the hub. */
export const selectTriedPending =
  (incidentId: string, entryId: string) =>
  (s: AppState): boolean => {
    const confirmed = findIncident(s.confirmed.incidents, incidentId);
    return !confirmed?.tried.some((entry) => entry.id === entryId);
  };

export interface BannerInput {
  readonly signedIn: boolean;
  readonly status: AppState['status'];
  readonly pendingCount: number;
  readonly stale: boolean;
  readonly refusal: AppState['refusal'];
}

/** The connection banner's words. */
export function bannerText(b: BannerInput): string {
  if (!b.signedIn) return 'Not connected to a hub';
  const waiting = b.pendingCount > 0 ? ` — ${changes(b.pendingCount)} waiting` : '';
  if (b.refusal) return `Offline — the hub refused this sign-in${waiting}`;
  if (b.status === 'online') return b.pendingCount > 0 ? `Online — sending ${changes(b.pendingCount)}` : 'Online';
  const saved = b.stale ? ' (showing the last saved copy)' : '';
  if (b.status === 'connecting') return `Connecting…${waiting}${saved}`;
  return `Offline${waiting}${saved}`;
}
