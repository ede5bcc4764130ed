import type { Clock, Timers } from '../clock.js';
import type { DomainEvent } from '../domain/events.js';
import type { Availability, NotificationPrefs } from '../ipc/settings.js';
import type { Profile } from '../oncall/profile.js';
import type { OncallReply, PageNotification } from '../protocol/oncall-wire.js';
import type { EngineView } from '../sync/engine-view.js';
import { newIncidentNoticesFor, type RotationRoutes } from './new-incident-audience.js';
import { GROUP_MAX_WAIT_MS, GROUP_WINDOW_MS, groupNotifications, type ShownNotification } from './notice-groups.js';
import { notificationsFor, withoutPagedIncidents, type IncidentNotification } from './notifications.js';
import { nextOverdueAt, overdueUpdateNotices } from './overdue-updates.js';

export interface IncidentNotifierDeps {
  readonly clock: Clock;
  readonly timers: Timers;
  /** Shows one notification (native on the desktop, a Web Notification in the browser). */
  readonly show: (notification: ShownNotification) => void;
  /** This device's switches (Settings), read at each decision. */
  readonly prefs: () => NotificationPrefs;
  /** The desktop's "unavailable": only roles given to me and updates I owe notify then. Available by default. */
  readonly availability?: () => Availability;
  /** Reads the on-call set-up (my profile, the rotations and routes) from the hub; rejects when it cannot. */
  readonly readOncall: () => Promise<OncallReply>;
  /** Notifications arriving within this of each other are shown together (GROUP_WINDOW_MS). */
  readonly windowMs?: number;
  /** …but a storm is shown after this long at most (GROUP_MAX_WAIT_MS). */
  readonly maxWaitMs?: number;
}

/** What the notifier keeps of the on-call view: my profile's choice and the routes. */
interface OncallKnown {
  readonly profile: Profile | null;
  readonly routes: RotationRoutes;
}

/**
 * Incident notifications for one person, on any host (the desktop's notifier.ts, the web bridge): decides with
 * notificationsFor which confirmed events deserve one, gathers them for a short window and shows them grouped
 * (groupNotifications), leaves out incidents that page me (the page is my notification), and tells the person who
 * owes an overdue status update, once per overdue period.
 *
 * Nothing is announced before the first live view of a hub and person (the catch-up at start, the history of a hub
 * just connected to); what happened during a later outage is announced once the catch-up is done. Events arrive
 * before the view that shows them: they are decided on that view's confirmed state.
 */
export class IncidentNotifier {
  private scope: string | null = null;
  private view: EngineView | null = null;
  /** A live (online, confirmed) view of this scope has been seen: events count from then on. */
  private live = false;
  private online = false;
  private oncall: OncallKnown | null = null;
  private undecided: DomainEvent[] = [];
  private gathered: IncidentNotification[] = [];
  private gatheringSince: number | null = null;
  private groupTimer: unknown = null;
  private overdueTimer: unknown = null;
  private overdueTimerAt: number | null = null;
  /** Overdue periods told already (overduePeriodKey). */
  private overdueTold = new Set<string>();
  /** Incidents the hub pushed a page about to me: their page is my notification. */
  private pagedIncidents = new Set<string>();

  constructor(private readonly deps: IncidentNotifierDeps) {}

  /** The engine's view moved on; null: signed out. */
  onView(view: EngineView | null): void {
    const scope = view?.user ? `${view.hubUrl}|${view.user.id}` : null;
    if (scope !== this.scope) this.reset(scope);
    this.view = view;
    const online = view !== null && view.user !== null && view.status === 'online' && !view.stale;
    if (online && !this.online) this.refreshOncall(); // each (re)connection reads it afresh
    this.online = online;
    if (online) this.live = true;
    if (this.undecided.length > 0) this.decide();
    this.checkOverdue();
  }

  /** Confirmed events, as the engine applies them (before the view that shows them). */
  onEvents(events: readonly DomainEvent[]): void {
    if (this.live) this.undecided.push(...events);
  }

  /** A page the hub pushed to me: the incident's own notifications give way to it. */
  onPage(page: PageNotification): void {
    if (!page.test && page.incident) this.pagedIncidents.add(page.incident.id);
  }

  /** The hub says the on-call set-up changed (a profile, a rotation, a route): read it again. */
  onOncallChanged(): void {
    if (this.online) this.refreshOncall();
  }

  stop(): void {
    this.clearGroupTimer();
    this.clearOverdueTimer();
  }

  private reset(scope: string | null): void {
    this.stop();
    this.scope = scope;
    this.live = false;
    this.online = false;
    this.oncall = null;
    this.undecided = [];
    this.gathered = [];
    this.gatheringSince = null;
    this.overdueTold = new Set();
    this.pagedIncidents = new Set();
  }

  private refreshOncall(): void {
    const scope = this.scope;
    // Through a promise, so a reader that throws at once (signed out) is handled like one that rejects.
    Promise.resolve()
      .then(() => this.deps.readOncall())
      .then(
        (reply) => {
          if (scope !== this.scope || !reply.ok) return;
          const { view } = reply;
          this.oncall = {
            profile: view.me.profile,
            routes: {
              rotations: view.rotations.map((r) => r.rotation),
              services: view.services,
              defaultRotationId: view.defaultRotationId,
            },
          };
        },
        // Offline or unanswered: the last known set-up stays; the next connection or change reads it again.
        () => undefined,
      );
  }

  private decide(): void {
    const events = this.undecided;
    this.undecided = [];
    const user = this.view?.user;
    if (!this.view || !user) return;
    this.gather(
      notificationsFor(events, this.view.confirmed, {
        me: user,
        notices: newIncidentNoticesFor(this.oncall?.profile ?? null, user.role),
        routes: this.oncall?.routes ?? null,
        prefs: this.deps.prefs(),
      }),
    );
  }

  private checkOverdue(): void {
    const view = this.view;
    if (!this.live || !view?.user) return this.clearOverdueTimer();
    const now = this.deps.clock.now();
    // The shown state: an update I posted offline already counts.
    const due = overdueUpdateNotices(view.state, view.user.id, now, this.overdueTold);
    for (const { key } of due) this.overdueTold.add(key);
    this.gather(due.map(({ notice }) => notice));
    const next = nextOverdueAt(view.state, view.user.id, now);
    if (next === this.overdueTimerAt) return;
    this.clearOverdueTimer();
    if (next === null) return;
    this.overdueTimerAt = next;
    this.overdueTimer = this.deps.timers.set(() => {
      this.overdueTimer = null;
      this.overdueTimerAt = null;
      this.checkOverdue();
    }, next - now);
  }

  /** Adds notifications to the current window; the window closes `windowMs` after the last, or `maxWaitMs` after the first. */
  private gather(notices: readonly IncidentNotification[]): void {
    if (notices.length === 0) return;
    const now = this.deps.clock.now();
    this.gathered.push(...notices);
    this.gatheringSince ??= now;
    const quiet = this.deps.windowMs ?? GROUP_WINDOW_MS;
    const deadline = this.gatheringSince + (this.deps.maxWaitMs ?? GROUP_MAX_WAIT_MS);
    this.clearGroupTimer();
    this.groupTimer = this.deps.timers.set(() => this.flush(), Math.max(0, Math.min(now + quiet, deadline) - now));
  }

  private flush(): void {
    this.groupTimer = null;
    const gathered = this.gathered;
    this.gathered = [];
    this.gatheringSince = null;
    const view = this.view;
    if (!view?.user) return;
    const unavailable = (this.deps.availability?.() ?? 'available') === 'unavailable';
    const shown = withoutPagedIncidents(gathered, view.confirmed, view.user.id, this.pagedIncidents).filter(
      (n) => !unavailable || n.kind === 'role-assigned' || n.kind === 'update-overdue',
    );
    for (const notification of groupNotifications(shown)) this.deps.show(notification);
  }

  private clearGroupTimer(): void {
    if (this.groupTimer !== null) this.deps.timers.clear(this.groupTimer);
    this.groupTimer = null;
  }

  private clearOverdueTimer(): void {
    if (this.overdueTimer !== null) this.deps.timers.clear(this.overdueTimer);
    this.overdueTimer = null;
    this.overdueTimerAt = null;
  }
}
