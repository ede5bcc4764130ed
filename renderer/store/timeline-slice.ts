import type { StateCreator } from 'zustand';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { AppState } from './app-state.js';
import { mergeBySeq } from './merge-events.js';

export type TimelineStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The open incident's events (its timeline), oldest first, without duplicates: from the hub, then live. */
export interface TimelineSlice {
  timelineIncidentId: string | null;
  timelineEvents: readonly DomainEvent[];
  timelineStatus: TimelineStatus;
  timelineError: string | null;
  /** Starts following one incident's timeline (keeps its events if it is already the one followed). */
  followTimeline(incidentId: string | null): void;
  /** The hub's answer to getTimeline; merged with whatever arrived live meanwhile. */
  receiveTimeline(incidentId: string, events: readonly DomainEvent[]): void;
  failTimeline(incidentId: string, message: string): void;
  /** Confirmed events as they arrive, for any incident: only the followed incident's are kept. */
  receiveEvents(events: readonly DomainEvent[]): void;
}

export const createTimelineSlice: StateCreator<AppState, [], [], TimelineSlice> = (set, get) => ({
  timelineIncidentId: null,
  timelineEvents: [],
  timelineStatus: 'idle',
  timelineError: null,
  followTimeline: (incidentId) => {
    if (incidentId === null) {
      set({ timelineIncidentId: null, timelineEvents: [], timelineStatus: 'idle', timelineError: null });
      return;
    }
    const same = get().timelineIncidentId === incidentId;
    set({
      timelineIncidentId: incidentId,
      timelineEvents: same ? get().timelineEvents : [],
      timelineStatus: 'loading',
      timelineError: null,
    });
  },
  receiveTimeline: (incidentId, events) => {
    const s = get();
    if (s.timelineIncidentId !== incidentId) return;
    const own = events.filter((e) => e.incidentId === incidentId);
    set({ timelineEvents: mergeBySeq(s.timelineEvents, own), timelineStatus: 'ready', timelineError: null });
  },
  failTimeline: (incidentId, message) => {
    if (get().timelineIncidentId !== incidentId) return;
    set({ timelineStatus: 'error', timelineError: message });
  },
  receiveEvents: (events) => {
    const s = get();
    const id = s.timelineIncidentId;
    if (id === null) return;
    const own = events.filter((e) => e.incidentId === id);
    if (own.length === 0) return;
    const merged = mergeBySeq(s.timelineEvents, own);
    if (merged !== s.timelineEvents) set({ timelineEvents: merged });
  },
});
