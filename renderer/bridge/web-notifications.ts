import type { IncidentNotification } from '../../shared/notify/notifications.js';

/** The page's `window`, with its globals (Notification, localStorage, fetch...). */
export type BrowserWindow = Window & typeof globalThis;

/** Web Notifications, thinly: the decisions are in NotificationTracker and shared/notify. */
export interface Notifier {
  /** The person has not answered the permission question yet. */
  canAsk(): boolean;
  /** Must be called from a user gesture (a click): browsers ignore or penalise other requests. */
  ask(): Promise<void>;
  show(notification: IncidentNotification, onClick: () => void): void;
}

/** null where the browser has no notifications (or refuses them: plain http on another machine). */
export function browserNotifier(win: BrowserWindow): Notifier | null {
  if (typeof win.Notification !== 'function' || !win.isSecureContext) return null;
  const Notify = win.Notification;
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
  };
}
