import type { StateCreator } from 'zustand';
import type { OncallView, PageNotification } from '../../shared/protocol/oncall-wire.js';
import type { AppState } from './app-state.js';

/** At most this many pushed pages are shown at once (the newest). */
export const MAX_PAGE_NOTICES = 3;

/** The on-call set-up as the hub last answered it, and the pages it pushed to me (a live nudge, shown briefly). */
export interface OncallSlice {
  /** The hub's `oncall` reply; null until it was asked for and answered. */
  oncall: OncallView | null;
  oncallLoading: boolean;
  /** Why the last request failed, in words (offline, refused). */
  oncallError: string | null;
  /** Pages pushed by the hub (test pages too), newest last, until dismissed. */
  pageNotices: readonly PageNotification[];
  startOncallLoad(): void;
  receiveOncall(view: OncallView): void;
  failOncall(message: string): void;
  addPageNotice(page: PageNotification): void;
  dismissPageNotice(pageId: string): void;
}

export const createOncallSlice: StateCreator<AppState, [], [], OncallSlice> = (set) => ({
  oncall: null,
  oncallLoading: false,
  oncallError: null,
  pageNotices: [],
  startOncallLoad: () => set({ oncallLoading: true }),
  receiveOncall: (view) => set({ oncall: view, oncallLoading: false, oncallError: null }),
  failOncall: (message) => set({ oncallLoading: false, oncallError: message }),
  addPageNotice: (page) =>
    set((s) => ({
      pageNotices: [...s.pageNotices.filter((p) => p.pageId !== page.pageId), page].slice(-MAX_PAGE_NOTICES),
    })),
  dismissPageNotice: (pageId) =>
    set((s) =>
      s.pageNotices.some((p) => p.pageId === pageId)
        ? { pageNotices: s.pageNotices.filter((p) => p.pageId !== pageId) }
        : {},
    ),
});
