import type { Clock, Timers } from '../clock.js';
import type { PageNotification } from '../protocol/oncall-wire.js';
import type { EngineView } from '../sync/engine-view.js';
import { GROUP_WINDOW_MS } from './notice-groups.js';
import {
  PAGE_GROUP_ID,
  RENOTIFY_INTERVAL_MS,
  groupedPageAlert,
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
  /** After a page is shown, the others arriving within this are shown as one group (GROUP_WINDOW_MS). */
  readonly groupWindowMs?: number;
}

/**
 * Pages for me, on any host: announces each open page (`openPagesFor`) and announces it again every
 * `intervalMs` until it is acknowledged or escalated past me (`renotifyDue`), on one timer armed for the next
 * reminder. A `page` the hub pushes is shown at once (it may arrive before its event), and counts as the first
 * announcement of that page. Test pages are shown once.
 *
 * A storm does not ring once per page: the first page is shown at once, and the pages (or reminders) that come
 * within `groupWindowMs` after it are shown together as one notification at the end of that window
 * (groupedPageAlert); the paged banner lists each of them with its own Acknowledge. Their reminders then fall due
 * together and are grouped alike.
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
  /** Until when (ms) pages are gathered rather than shown, after the last notification shown. */
  private burstUntil: number | null = null;
  private gathered: PageAlert[] = [];
  private groupTimer: unknown = null;
  /** The pages the group notification on screen stands for: it goes when all of them are answered. */
  private grouped = new Set<string>();

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
      this.clearGroupTimer();
      this.burstUntil = null;
      this.gathered = [];
      if (this.grouped.size > 0) this.deps.retract?.(PAGE_GROUP_ID);
      this.grouped = new Set();
    }
    this.run();
  }

  /** A `page` pushed by the hub for me (or a test page I asked for). */
  onPage(page: PageNotification): void {
    // A test page was asked for: it is shown at once, never as part of a storm.
    if (page.test) return this.deps.show(pushedPageAlert(page));
    if (Object.hasOwn(this.lastNotifiedAt, page.pageId)) return;
    this.note(page.pageId);
    this.announce([pushedPageAlert(page)]);
    this.run();
  }

  stop(): void {
    this.clearTimer();
    this.clearGroupTimer();
  }

  private run(): void {
    this.clearTimer();
    if (!this.live) return;
    const interval = this.deps.intervalMs ?? RENOTIFY_INTERVAL_MS;
    const now = this.deps.clock.now();
    const due = renotifyDue(this.open, this.lastNotifiedAt, now, interval).map((page) => {
      const repeat = Object.hasOwn(this.shownCount, page.pageId) ? (this.shownCount[page.pageId] ?? 0) : 0;
      this.note(page.pageId);
      return openPageAlert(page, repeat, now);
    });
    if (due.length > 0) this.announce(due);
    const next = nextRenotifyAt(this.open, this.lastNotifiedAt, interval);
    if (next !== null) this.timer = this.deps.timers.set(() => this.onTimer(), Math.max(0, next - now));
  }

  /**
   * Shows alerts that come at the same moment: at once (one, or a group of several) when nothing was shown moments
   * ago; otherwise they are gathered until that storm's window ends.
   */
  private announce(alerts: readonly PageAlert[]): void {
    const now = this.deps.clock.now();
    if (this.burstUntil === null || now >= this.burstUntil) return this.showNow(alerts);
    this.gathered.push(...alerts);
    this.groupTimer ??= this.deps.timers.set(() => this.flushGroup(), Math.max(0, this.burstUntil - now));
  }

  /** The end of a storm's window: what was gathered and is still open is shown. */
  private flushGroup(): void {
    this.groupTimer = null;
    const alerts = this.gathered.filter((alert) => Object.hasOwn(this.lastNotifiedAt, alert.pageId));
    this.gathered = [];
    this.showNow(alerts);
    this.run(); // their reminders, counted from now
  }

  private showNow(alerts: readonly PageAlert[]): void {
    const [first] = alerts;
    if (!first) return;
    const now = this.deps.clock.now();
    this.burstUntil = now + (this.deps.groupWindowMs ?? GROUP_WINDOW_MS);
    if (alerts.length === 1) return this.deps.show(first);
    // Shown now, all of them: their reminders fall due together and are grouped again.
    for (const alert of alerts) this.lastNotifiedAt = { ...this.lastNotifiedAt, [alert.pageId]: now };
    this.grouped = new Set([...this.grouped, ...alerts.map((alert) => alert.pageId)]);
    this.deps.show(groupedPageAlert(alerts));
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
    if (this.grouped.delete(pageId) && this.grouped.size === 0) this.deps.retract?.(PAGE_GROUP_ID);
  }

  private clearGroupTimer(): void {
    if (this.groupTimer !== null) this.deps.timers.clear(this.groupTimer);
    this.groupTimer = null;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.deps.timers.clear(this.timer);
    this.timer = null;
  }
}
