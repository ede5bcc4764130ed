import type { Clock, Timers } from '../clock.js';
import type { PageNotification } from '../protocol/oncall-wire.js';
import type { EngineView } from '../sync/engine-view.js';
import {
  RENOTIFY_INTERVAL_MS,
  nextRenotifyAt,
  openPageAlert,
  openPagesFor,
  pushedPageAlert,
  renotifyDue,
  type OpenPage,
  type PageAlert,
} from './paging-alerts.js';

export interface PageAlerterDeps {
  readonly clock: Clock;
  readonly timers: Timers;
  /** Shows one alert (a native notification on the desktop, a Web Notification in the browser). */
  readonly show: (alert: PageAlert) => void;
  /** A page shown before is no longer open (acknowledged, escalated past me, over): its notification may go. */
  readonly retract?: (pageId: string) => void;
  readonly intervalMs?: number;
}

/**
 * Pages for me, on any host: announces each open page (`openPagesFor`) and announces it again every
 * `intervalMs` until it is acknowledged or escalated past me (`renotifyDue`), on one timer armed for the next
 * reminder. A `page` the hub pushes is shown at once (it may arrive before its event), and counts as the first
 * announcement of that page. Test pages are shown once.
 *
 * Open pages are read from the shown state (confirmed + pending), so acknowledging, even offline, stops the
 * reminders at once. Nothing is announced from a stale view (the cache at start, before the hub confirmed it), so
 * a page acknowledged while the app was closed does not ring; the first fresh view announces what is still open.
 */
export class PageAlerter {
  private scope: string | null = null;
  private open: OpenPage[] = [];
  private live = false;
  /** When each page was last shown (ms), and how many times: what `renotifyDue` and the reminders read. */
  private lastNotifiedAt: Record<string, number> = {};
  private shownCount: Record<string, number> = {};
  private timer: unknown = null;

  constructor(private readonly deps: PageAlerterDeps) {}

  /** My open pages as of the last view. */
  get openPages(): readonly OpenPage[] {
    return this.open;
  }

  /** The engine's view moved on; null: signed out. */
  onView(view: EngineView | null): void {
    const scope = view?.user ? `${view.hubUrl}|${view.user.id}` : null;
    const previous = this.open;
    this.open = view?.user ? openPagesFor(view.state, view.user.id) : [];
    this.live = view !== null && !view.stale;
    const still = new Set(this.open.map((page) => page.pageId));
    for (const page of previous) if (scope !== this.scope || !still.has(page.pageId)) this.forget(page.pageId);
    if (scope !== this.scope) {
      // Another hub or person: nothing shown before counts for them.
      this.scope = scope;
      this.lastNotifiedAt = {};
      this.shownCount = {};
    }
    this.run();
  }

  /** A `page` pushed by the hub for me (or a test page I asked for). */
  onPage(page: PageNotification): void {
    if (!page.test && Object.hasOwn(this.lastNotifiedAt, page.pageId)) return;
    if (!page.test) this.note(page.pageId);
    this.deps.show(pushedPageAlert(page));
    this.run();
  }

  stop(): void {
    this.clearTimer();
  }

  private run(): void {
    this.clearTimer();
    if (!this.live) return;
    const interval = this.deps.intervalMs ?? RENOTIFY_INTERVAL_MS;
    const now = this.deps.clock.now();
    for (const page of renotifyDue(this.open, this.lastNotifiedAt, now, interval)) {
      const repeat = Object.hasOwn(this.shownCount, page.pageId) ? (this.shownCount[page.pageId] ?? 0) : 0;
      this.note(page.pageId);
      this.deps.show(openPageAlert(page, repeat, now));
    }
    const next = nextRenotifyAt(this.open, this.lastNotifiedAt, interval);
    if (next !== null) this.timer = this.deps.timers.set(() => this.onTimer(), Math.max(0, next - now));
  }

  private onTimer(): void {
    this.timer = null;
    this.run();
  }

  private note(pageId: string): void {
    const count = Object.hasOwn(this.shownCount, pageId) ? (this.shownCount[pageId] ?? 0) : 0;
    this.lastNotifiedAt = { ...this.lastNotifiedAt, [pageId]: this.deps.clock.now() };
    this.shownCount = { ...this.shownCount, [pageId]: count + 1 };
  }

  /**
   * A page that was open is not any more. Its record goes (a closed page does not come back under its id, except
   * when a pending acknowledgement is refused: then it is announced afresh), and its notification may go too.
   * Pushed pages that never became open (an ack-timeout page, one whose event has not arrived yet) are kept, so the
   * event arriving later does not ring a second time.
   */
  private forget(pageId: string): void {
    const shown = Object.hasOwn(this.lastNotifiedAt, pageId);
    const { [pageId]: _last, ...lastNotifiedAt } = this.lastNotifiedAt;
    const { [pageId]: _count, ...shownCount } = this.shownCount;
    this.lastNotifiedAt = lastNotifiedAt;
    this.shownCount = shownCount;
    if (shown) this.deps.retract?.(pageId);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.deps.timers.clear(this.timer);
    this.timer = null;
  }
}
