import type { StateCreator } from 'zustand';
import { EMPTY_STATE, type IncidentsState } from '../../shared/domain/state.js';
import type { EngineView } from '../../shared/sync/engine-view.js';
import type { RejectedCommand } from '../../shared/sync/outbox.js';
import type { AppState } from './app-state.js';

/** The incidents as this person sees them: the hub's confirmed state with their pending changes on top. */
export interface IncidentsSlice {
  /** What to show: confirmed + pending. */
  state: IncidentsState;
  /** The hub's alone: whatever is in `state` but not here is pending. */
  confirmed: IncidentsState;
  pending: EngineView['pending'];
  /** Commands the hub refused, with its message, until the person dismisses them. */
  rejected: readonly RejectedCommand[];
  receiveIncidents(view: EngineView): void;
}

export const createIncidentsSlice: StateCreator<AppState, [], [], IncidentsSlice> = (set, get) => ({
  state: EMPTY_STATE,
  confirmed: EMPTY_STATE,
  pending: [],
  rejected: [],
  receiveIncidents: (view) => {
    const before = get();
    // The engine rebuilds its lists on every change; keep the old arrays when nothing in them changed,
    // so selectors on them stay quiet.
    set({
      state: view.state,
      confirmed: view.confirmed,
      pending: sameItems(before.pending, view.pending, (p) => p.commandId + String(p.shown))
        ? before.pending
        : view.pending,
      rejected: sameItems(before.rejected, view.rejected, (r) => r.command.commandId) ? before.rejected : view.rejected,
    });
  },
});

function sameItems<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): boolean {
  return a.length === b.length && a.every((item, i) => key(item) === key(b[i] as T));
}
