import type { StateCreator } from 'zustand';
import type { StatusPageView } from '../../shared/protocol/status-page-wire.js';
import type { AppState } from './app-state.js';

/** The status page's set-up as the hub last answered it (the Status page screen, the update form's publish policy). */
export interface StatusPageSlice {
  /** The hub's `statuspage` reply; null until it was asked for and answered. */
  statusPage: StatusPageView | null;
  statusPageLoading: boolean;
  /** Why the last load failed, in words (offline, refused). */
  statusPageError: string | null;
  startStatusPageLoad(): void;
  receiveStatusPage(view: StatusPageView): void;
  failStatusPage(message: string): void;
  /** Signed out or signed in elsewhere: what one hub (and one role) was shown must not show for the next. */
  forgetStatusPage(): void;
}

export const createStatusPageSlice: StateCreator<AppState, [], [], StatusPageSlice> = (set) => ({
  statusPage: null,
  statusPageLoading: false,
  statusPageError: null,
  startStatusPageLoad: () => set({ statusPageLoading: true }),
  receiveStatusPage: (view) => set({ statusPage: view, statusPageLoading: false, statusPageError: null }),
  failStatusPage: (message) => set({ statusPageLoading: false, statusPageError: message }),
  forgetStatusPage: () => set({ statusPage: null, statusPageLoading: false, statusPageError: null }),
});
