import type { StateCreator } from 'zustand';
import type { AppState } from './app-state.js';

/** What the person is looking at and doing; nothing here comes from the hub. */
export interface UiSlice {
  selectedIncidentId: string | null;
  /** The last connect attempt's failure, in words. */
  connectError: string | null;
  connecting: boolean;
  /** The host can still ask for notification permission (web, not yet answered). */
  canAskNotifications: boolean;
  selectIncident(incidentId: string | null): void;
  setConnectAttempt(attempt: { connecting: boolean; error: string | null }): void;
  setCanAskNotifications(can: boolean): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  selectedIncidentId: null,
  connectError: null,
  connecting: false,
  canAskNotifications: false,
  selectIncident: (incidentId) => set({ selectedIncidentId: incidentId }),
  setConnectAttempt: ({ connecting, error }) => set({ connecting, connectError: error }),
  setCanAskNotifications: (can) => set({ canAskNotifications: can }),
});
