import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppState } from './app-state.js';
import { createConnectionSlice } from './connection-slice.js';
import { createIncidentsSlice } from './incidents-slice.js';
import { createUiSlice } from './ui-slice.js';

export type AppStore = StoreApi<AppState>;

/** One store built from slices (zustand's slices pattern); a fresh one per test. */
export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createIncidentsSlice(...a),
    ...createUiSlice(...a),
  }));
}

/** The app's store. Components read it through useAppStore with narrow selectors. */
export const appStore = createAppStore();

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
