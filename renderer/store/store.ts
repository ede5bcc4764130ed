import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppState } from './app-state.js';
import { createConnectionSlice } from './connection-slice.js';
import { createContactSlice } from './contact-slice.js';
import { createIncidentsSlice } from './incidents-slice.js';
import { createOncallSlice } from './oncall-slice.js';
import { createPostmortemSlice } from './postmortem-slice.js';
import { createStatusPageSlice } from './statuspage-slice.js';
import { createTimelineSlice } from './timeline-slice.js';
import { createUiSlice, type Theme } from './ui-slice.js';

export type AppStore = StoreApi<AppState>;

/** The key under which the UI's preferences (only the theme) are kept. */
export const PREFERENCES_KEY = 'warroom:ui-preferences';

/** Where preferences are kept: localStorage in the page; in memory where there is none (Node tests). */
function defaultStorage(): StateStorage {
  if (typeof globalThis.localStorage !== 'undefined') return globalThis.localStorage;
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * One store built from slices (zustand's slices pattern): one per app (app-instance.ts), a fresh one per test. Middleware only here, on the
 * combined store: `persist` keeps the theme and nothing else (partialize).
 */
export function createAppStore(options: { storage?: StateStorage } = {}): AppStore {
  const storage = options.storage ?? defaultStorage();
  return createStore<AppState>()(
    persist(
      (...a) => ({
        ...createConnectionSlice(...a),
        ...createIncidentsSlice(...a),
        ...createTimelineSlice(...a),
        ...createUiSlice(...a),
        ...createOncallSlice(...a),
        ...createPostmortemSlice(...a),
        ...createContactSlice(...a),
        ...createStatusPageSlice(...a),
      }),
      {
        name: PREFERENCES_KEY,
        version: 1,
        storage: createJSONStorage<{ theme: Theme }>(() => storage),
        partialize: (s) => ({ theme: s.theme }),
      },
    ),
  );
}
