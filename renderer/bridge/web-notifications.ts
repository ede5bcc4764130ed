import type { ShownNotification } from '../../shared/notify/notice-groups.js';
import type { PageAlert } from '../../shared/notify/paging-alerts.js';

/** The page's `window`, with its globals (Notification, localStorage, fetch...). */
export type BrowserWindow = Window & typeof globalThis;

/** Web Notifications, thinly: the decisions are in shared/notify (IncidentNotifier, PageAlerter). */
export interface Notifier {
  /** The person has not answered the permission question yet. */
  canAsk(): boolean;
  /** Must be called from a user gesture (a click): browsers ignore or penalise other requests. */
  ask(): Promise<void>;
  /** An incident notification, or a group of them; a later one with the same tag replaces it. */
  show(notification: ShownNotification, onClick: () => void): void;
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
  /** Incident notifications by tag: a later one with the same tag (the next storm's group) replaces it. */
  const incidents = new Map<string, Notification>();
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
      // Closed first, so the new one alerts again: one replacing a shown notification of the same tag is silent.
      incidents.get(notification.tag)?.close();
      const shown = new Notify(notification.title, {
        body: notification.body,
        tag: notification.tag,
        requireInteraction: notification.urgent,
      });
      incidents.set(notification.tag, shown);
      shown.onclose = () => {
        if (incidents.get(notification.tag) === shown) incidents.delete(notification.tag);
      };
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
