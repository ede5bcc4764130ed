import type { Clock, Timers } from '../shared/clock.js';
import { commandError } from '../shared/domain/errors.js';
import { PageAlerter } from '../shared/notify/page-alerter.js';
import type { PageAlert } from '../shared/notify/paging-alerts.js';
import type { SendResult } from '../shared/sync/engine-view.js';
import type { EngineHost } from './engine-host.js';
import type { Logger } from './log.js';

/** What a shown page notification can do. */
export interface PageAlertHandlers {
  /** Its Acknowledge button (macOS, Windows). */
  acknowledge(): void;
  /** A click on it: the incident, or the window for a test page. */
  open(): void;
}

/** Where page alerts are shown: native notifications in the app (notifier.ts), a fake in tests. */
export interface PageAlertSink {
  /** Shows `alert`, replacing an earlier notification of the same page. */
  show(alert: PageAlert, handlers: PageAlertHandlers): void;
  /** The page is answered (acknowledged, escalated past me, over): its notification goes. */
  retract(pageId: string): void;
}

export interface DesktopPageAlerterDeps {
  readonly host: Pick<EngineHost, 'engine' | 'onChange' | 'onPage'>;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly sink: PageAlertSink;
  /** Focus the window and show the incident (null: just the window). */
  readonly open: (incidentId: string | null) => void;
  readonly log: Logger;
  readonly renotifyMs?: number;
}

/**
 * Paging on the desktop: follows the running engine (views and pushed pages) with a PageAlerter, shows its alerts
 * through the sink, and acknowledges from a notification's button or the tray. Pages are not muted by the
 * person's local availability: who is on call is the hub's rotation (an override takes someone off it), and a
 * page nobody sees only waits for the escalation.
 */
export class DesktopPageAlerter {
  private readonly alerter: PageAlerter;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: DesktopPageAlerterDeps) {
    this.alerter = new PageAlerter({
      clock: deps.clock,
      timers: deps.timers,
      ...(deps.renotifyMs === undefined ? {} : { intervalMs: deps.renotifyMs }),
      show: (alert) =>
        deps.sink.show(alert, {
          acknowledge: () => {
            if (alert.incidentId && alert.acknowledge) this.acknowledge(alert.incidentId);
            else deps.open(alert.incidentId);
          },
          open: () => deps.open(alert.incidentId),
        }),
      retract: (pageId) => deps.sink.retract(pageId),
    });
    const stopViews = deps.host.onChange((view) => this.alerter.onView(view));
    const stopPages = deps.host.onPage((page) => this.alerter.onPage(page));
    this.unsubscribe = () => {
      stopViews();
      stopPages();
    };
  }

  /**
   * Sends incident.acknowledge through the running engine: queued (and shown at once, which closes the page and
   * stops the reminders) even offline. A refusal here (malformed, signed out) is logged and returned.
   */
  acknowledge(incidentId: string): SendResult {
    const engine = this.deps.host.engine;
    const result = engine
      ? engine.send('incident.acknowledge', incidentId, {})
      : { ok: false as const, error: commandError('unauthorized', 'Not connected to a hub: connect first.') };
    if (result.ok) this.deps.log.info('Acknowledged a page', { incidentId, commandId: result.commandId });
    else this.deps.log.warn('Could not acknowledge', { incidentId, error: result.error.message });
    return result;
  }

  stop(): void {
    this.unsubscribe();
    this.alerter.stop();
  }
}
