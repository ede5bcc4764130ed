import type { IncidentNotification } from '../../shared/notify/notifications.js';
import type { PageAlert } from '../../shared/notify/paging-alerts.js';

/** The page's `window`, with its globals (Notification, localStorage, fetch...). */
export type BrowserWindow = Window & typeof globalThis;

/** Web Notifications, thinly: the decisions are in NotificationTracker and shared/notify. */
export interface Notifier {
  /** The person has not answered the permission question yet. */
  canAsk(): boolean;
  /** Must be called from a user gesture (a click): browsers ignore or penalise other requests. */
  ask(): Promise<void>;
  show(notification: IncidentNotification, onClick: () => void): void;
  /**
   * A page for me: it stays until clicked or closed (`requireInteraction`); a reminder replaces the page's earlier
   * notification. Web Notifications offer buttons only from a service worker, so there is no Acknowledge here:
   * a click opens the incident, whose room has the button.
   */
  showPage(alert: PageAlert, onClick: () => void): void;
  /** The page was answered: its notification goes. */
  closePage(pageId: string): void;
}

/** null where the browser has no notifications (or refuses them: plain http on another machine). */
export function browserNotifier(win: BrowserWindow): Notifier | null {
  if (typeof win.Notification !== 'function' || !win.isSecureContext) return null;
  const Notify = win.Notification;
  const pages = new Map<string, Notification>();
  const closePage = (pageId: string): void => {
    pages.get(pageId)?.close();
    pages.delete(pageId);
  };
  return {
    canAsk: () => Notify.permission === 'default',
    ask: async () => {
      await Notify.requestPermission();
    },
    show: (notification, onClick) => {
      if (Notify.permission !== 'granted') return;
      const shown = new Notify(notification.title, {
        body: notification.body,
        tag: `${notification.kind}:${notification.incidentId}`,
        requireInteraction: notification.urgent,
      });
      shown.onclick = () => {
        win.focus();
        onClick();
        shown.close();
      };
    },
    showPage: (alert, onClick) => {
      if (Notify.permission !== 'granted') return;
      // Closed first, so the reminder alerts again: a notification replacing a shown one of the same tag is silent.
      closePage(alert.pageId);
      const shown = new Notify(alert.title, {
        body: alert.body,
        tag: `page:${alert.pageId}`,
        requireInteraction: true,
      });
      pages.set(alert.pageId, shown);
      shown.onclose = () => {
        if (pages.get(alert.pageId) === shown) pages.delete(alert.pageId);
      };
      shown.onclick = () => {
        win.focus();
        onClick();
        shown.close();
      };
    },
    closePage,
  };
}
