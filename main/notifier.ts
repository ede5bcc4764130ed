import { Notification } from 'electron';
import type { ShownNotification } from '../shared/notify/notice-groups.js';
import type { PageAlert } from '../shared/notify/paging-alerts.js';
import type { Logger } from './log.js';
import type { NotificationSink } from './desktop-notifier.js';
import type { PageAlertHandlers, PageAlertSink } from './desktop-page-alerter.js';
import { notificationOptions, pageNotificationOptions } from './notification-policy.js';

/**
 * Incident notifications as native ones (desktop-notifier.ts and shared/notify decide which, and group them). A
 * notification with the tag of one still shown replaces it: a group of the next storm takes the place of the last.
 */
export class NativeNotificationSink implements NotificationSink {
  /** Shown notifications are kept referenced: one collected by the GC loses its click handler. */
  private readonly live = new Map<string, Notification>();

  constructor(private readonly log: Logger) {}

  show(decided: ShownNotification, open: () => void): void {
    if (!Notification.isSupported()) {
      this.log.warn('Native notifications are not supported here', { title: decided.title });
      return;
    }
    this.live.get(decided.tag)?.close();
    const notification = new Notification(notificationOptions(decided, process.platform));
    this.live.set(decided.tag, notification);
    const forget = () => {
      if (this.live.get(decided.tag) === notification) this.live.delete(decided.tag);
    };
    notification.on('click', () => {
      forget();
      open();
    });
    notification.on('close', forget);
    notification.on('failed', (_event, error) => {
      forget();
      this.log.warn('A notification could not be shown', { error });
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
