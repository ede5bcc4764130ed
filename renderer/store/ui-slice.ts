import type { StateCreator } from 'zustand';
import type { TriedOutcome } from '../../shared/domain/incident.js';
import type { Severity } from '../../shared/domain/severity.js';
import type { Status } from '../../shared/domain/status.js';
import type { EventKind } from '../../shared/timeline/describe-event.js';
import type { AppState } from './app-state.js';

export type Theme = 'dark' | 'light';

export interface BoardFilter {
  /** "active": triage, investigating or mitigated; "all": every incident. */
  readonly status: 'active' | 'all' | Status;
  readonly severity: 'all' | Severity;
  readonly service: string;
  /** Only incidents where I hold a role. */
  readonly mine: boolean;
}

/**
 * The screens besides an incident, each with its own address (`#/oncall`, `#/profile`, `#/metrics`, `#/reviews`,
 * `#/statuspage`).
 */
export type AppPage = 'board' | 'oncall' | 'profile' | 'metrics' | 'reviews' | 'statuspage';

/** What shows of the open incident: its war room, or its postmortem editor (`#/incident/<id>/postmortem`). */
export type IncidentView = 'room' | 'postmortem';

export const DEFAULT_BOARD_FILTER: BoardFilter = { status: 'active', severity: 'all', service: '', mine: false };

/** What the person is looking at and doing; nothing here comes from the hub. */
export interface UiSlice {
  selectedIncidentId: string | null;
  incidentView: IncidentView;
  /** What shows when no incident is open. */
  page: AppPage;
  /** The incident opened last: the board puts the focus back on its row. */
  lastOpenedIncidentId: string | null;
  /** The last connect attempt's failure, in words. */
  connectError: string | null;
  connecting: boolean;
  /** The host can still ask for notification permission (web, not yet answered). */
  canAskNotifications: boolean;
  /** Remembered across starts (the only persisted field). */
  theme: Theme;
  helpOpen: boolean;
  boardFilter: BoardFilter;
  triedFilter: 'all' | TriedOutcome;
  timelineFilter: 'all' | EventKind;
  /**
   * Text being typed, by form field (e.g. `tried-what:<incidentId>`): kept here, not in the form, so it survives
   * leaving the screen and a refused change.
   */
  drafts: Readonly<Record<string, string>>;
  /** Opens an incident (its room unless `view` says otherwise), or none. */
  selectIncident(incidentId: string | null, view?: IncidentView): void;
  setPage(page: AppPage): void;
  setConnectAttempt(attempt: { connecting: boolean; error: string | null }): void;
  setCanAskNotifications(can: boolean): void;
  setTheme(theme: Theme): void;
  toggleTheme(): void;
  setHelpOpen(open: boolean): void;
  setBoardFilter(filter: Partial<BoardFilter>): void;
  setTriedFilter(filter: 'all' | TriedOutcome): void;
  setTimelineFilter(filter: 'all' | EventKind): void;
  setDraft(key: string, text: string): void;
  clearDrafts(...keys: string[]): void;
}

/** The theme before the person has chosen one: what their system prefers. */
export function preferredTheme(): Theme {
  const media =
    typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia('(prefers-color-scheme: light)') : null;
  return media?.matches ? 'light' : 'dark';
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  selectedIncidentId: null,
  incidentView: 'room',
  page: 'board',
  lastOpenedIncidentId: null,
  connectError: null,
  connecting: false,
  canAskNotifications: false,
  theme: preferredTheme(),
  helpOpen: false,
  boardFilter: DEFAULT_BOARD_FILTER,
  triedFilter: 'all',
  timelineFilter: 'all',
  drafts: {},
  selectIncident: (incidentId, view = 'room') =>
    set((s) => ({
      selectedIncidentId: incidentId,
      incidentView: view,
      lastOpenedIncidentId: incidentId ?? s.lastOpenedIncidentId,
    })),
  setPage: (page) => set({ page }),
  setConnectAttempt: ({ connecting, error }) => set({ connecting, connectError: error }),
  setCanAskNotifications: (can) => set({ canAskNotifications: can }),
  setTheme: (theme) => set({ theme }),
  toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
  setHelpOpen: (open) => set({ helpOpen: open }),
  setBoardFilter: (filter) => set((s) => ({ boardFilter: { ...s.boardFilter, ...filter } })),
  setTriedFilter: (filter) => set({ triedFilter: filter }),
  setTimelineFilter: (filter) => set({ timelineFilter: filter }),
  setDraft: (key, text) => set((s) => ({ drafts: { ...s.drafts, [key]: text } })),
  clearDrafts: (...keys) =>
    set((s) => {
      if (!keys.some((k) => Object.hasOwn(s.drafts, k))) return {};
      const drafts = { ...s.drafts };
      for (const key of keys) delete drafts[key];
      return { drafts };
    }),
});
