import type { Clock, Timers } from '../shared/clock.js';
import type { Availability, NotificationPrefs } from '../shared/ipc/settings.js';
import { IncidentNotifier } from '../shared/notify/incident-notifier.js';
import type { ShownNotification } from '../shared/notify/notice-groups.js';
import type { EngineHost } from './engine-host.js';

/** Where incident notifications are shown: native notifications in the app (notifier.ts), a fake in tests. */
export interface NotificationSink {
  /** Shows `notification`; `open` is what a click on it does. */
  show(notification: ShownNotification, open: () => void): void;
}

export interface DesktopNotifierDeps {
  readonly host: Pick<EngineHost, 'engine' | 'onChange' | 'onEvents' | 'onPage' | 'onOnCallChanged'>;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly sink: NotificationSink;
  readonly prefs: () => NotificationPrefs;
  readonly availability: () => Availability;
  /** Focus the window and show the incident (null: just the window, on the board). */
  readonly open: (incidentId: string | null) => void;
  /** The grouping window (shared/notify/notice-groups.ts GROUP_WINDOW_MS by default). */
  readonly windowMs?: number;
}

/**
 * Incident notifications on the desktop: follows the running engine (views, events, pushed pages, on-call changes)
 * with an IncidentNotifier, which decides and groups; this only wires it to the engine host and the sink.
 */
export class DesktopNotifier {
  private readonly notifier: IncidentNotifier;
  private readonly unsubscribe: () => void;

  constructor(deps: DesktopNotifierDeps) {
    this.notifier = new IncidentNotifier({
      clock: deps.clock,
      timers: deps.timers,
      show: (notification) => deps.sink.show(notification, () => deps.open(notification.incidentId)),
      prefs: deps.prefs,
      availability: deps.availability,
      readOncall: async () => {
        const engine = deps.host.engine;
        if (!engine) throw new Error('Not connected to a hub.');
        return engine.getOnCall(1);
      },
      ...(deps.windowMs === undefined ? {} : { windowMs: deps.windowMs }),
    });
    const stops = [
      deps.host.onEvents((events) => this.notifier.onEvents(events)),
      deps.host.onPage((page) => this.notifier.onPage(page)),
      deps.host.onOnCallChanged(() => this.notifier.onOncallChanged()),
      deps.host.onChange((view) => this.notifier.onView(view)),
    ];
    this.unsubscribe = () => stops.forEach((stop) => stop());
  }

  stop(): void {
    this.unsubscribe();
    this.notifier.stop();
  }
}
