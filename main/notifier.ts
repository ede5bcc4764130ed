import { Notification } from 'electron';
import type { Availability, NotificationPrefs } from '../shared/ipc/settings.js';
import type { PageAlert } from '../shared/notify/paging-alerts.js';
import type { EngineView } from '../shared/sync/engine-view.js';
import type { Logger } from './log.js';
import type { PageAlertHandlers, PageAlertSink } from './desktop-page-alerter.js';
import {
  notificationOptions,
  pageNotificationOptions,
  planNotifications,
  type DesktopNotification,
  type NotificationBaseline,
} from './notification-policy.js';

export interface NotifierDeps {
  readonly prefs: () => NotificationPrefs;
  readonly availability: () => Availability;
  /** Focus the window and show the incident (null: just the window). */
  readonly open: (incidentId: string | null) => void;
  readonly log: Logger;
}

/** Shows native notifications for engine view changes; notification-policy.ts decides which. */
export class Notifier {
  private baseline: NotificationBaseline | null = null;
  /** Shown notifications are kept referenced: one collected by the GC loses its click handler. */
  private readonly live = new Set<Notification>();

  constructor(private readonly deps: NotifierDeps) {}

  onView(view: EngineView | null): void {
    const plan = planNotifications(this.baseline, view, this.deps.prefs(), this.deps.availability());
    this.baseline = plan.baseline;
    if (plan.notifications.length === 0) return;
    if (!Notification.isSupported()) {
      this.deps.log.warn('Native notifications are not supported here', { count: plan.notifications.length });
      return;
    }
    for (const notification of plan.notifications) this.show(notification);
  }

  private show(decided: DesktopNotification): void {
    const notification = new Notification(notificationOptions(decided, process.platform));
    this.live.add(notification);
    notification.on('click', () => {
      this.live.delete(notification);
      this.deps.open(decided.incidentId);
    });
    notification.on('close', () => this.live.delete(notification));
    notification.on('failed', (_event, error) => {
      this.live.delete(notification);
      this.deps.log.warn('A notification could not be shown', { error });
    });
    notification.show();
  }
}

/**
 * Page alerts as native notifications (desktop-page-alerter.ts decides when). One notification per page at a time: a reminder
 * replaces the one before, so a night of reminders is one notification, not thirty; an answered page's
 * notification is closed. The Acknowledge button exists on macOS and Windows (notification-policy.ts).
 */
export class NativePageAlertSink implements PageAlertSink {
  private readonly shown = new Map<string, Notification>();

  constructor(private readonly log: Logger) {}

  show(alert: PageAlert, handlers: PageAlertHandlers): void {
    if (!Notification.isSupported()) {
      this.log.warn('Native notifications are not supported here: a page cannot be shown', { pageId: alert.pageId });
      return;
    }
    this.retract(alert.pageId);
    const notification = new Notification(pageNotificationOptions(alert, process.platform));
    this.shown.set(alert.pageId, notification);
    const forget = () => {
      if (this.shown.get(alert.pageId) === notification) this.shown.delete(alert.pageId);
    };
    notification.on('action', (details) => {
      forget();
      if (details.actionIndex === 0) handlers.acknowledge();
    });
    notification.on('click', () => {
      forget();
      handlers.open();
    });
    notification.on('close', forget);
    notification.on('failed', (_event, error) => {
      forget();
      this.log.warn('A page could not be shown', { pageId: alert.pageId, error });
    });
    notification.show();
  }

  retract(pageId: string): void {
    const notification = this.shown.get(pageId);
    if (!notification) return;
    this.shown.delete(pageId);
    notification.close();
  }
}
