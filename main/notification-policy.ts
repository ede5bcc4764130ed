import type { NotificationConstructorOptions } from 'electron';
import type { PageAlert } from '../shared/notify/paging-alerts.js';

/**
 * A notification as the desktop shows it (shared/notify decides which, and groups them); `incidentId` null opens the
 * window on no incident in particular.
 */
export interface DesktopNotification {
  readonly title: string;
  readonly body: string;
  readonly urgent: boolean;
  readonly incidentId: string | null;
}

/**
 * Electron's options for one notification. Urgent ones stay until dismissed (`timeoutType: 'never'`, Linux and
 * Windows) and are marked critical for Linux notification daemons (`urgency` exists only there).
 */
export function notificationOptions(
  notification: DesktopNotification,
  platform: string,
): NotificationConstructorOptions {
  return {
    title: notification.title,
    body: notification.body,
    timeoutType: notification.urgent ? 'never' : 'default',
    ...(platform === 'linux' ? { urgency: notification.urgent ? 'critical' : 'normal' } : {}),
  };
}

/** The button a page notification offers where the platform shows notification buttons. */
export const ACKNOWLEDGE_ACTION = { type: 'button', text: 'Acknowledge' } as const;

/** Platforms whose Electron notifications show `actions` buttons and emit `action`: macOS and Windows. */
const ACTION_PLATFORMS: readonly string[] = ['darwin', 'win32'];

/**
 * Electron's options for a page. A page is always urgent: it stays until dismissed (`timeoutType: 'never'`,
 * Windows and Linux) and is critical (`urgency`, Windows and Linux; a critical notification on Linux also gets
 * through "do not disturb" on most desktops), with the sound on.
 *
 * "Acknowledge" is a button (`actions`) on macOS and Windows, for a page that asks for an acknowledgement. macOS
 * shows it only for a signed app whose notifications use the alert style (`NSUserNotificationAlertStyle: alert`,
 * set in electron-builder.yml); otherwise, and on Linux, where Electron offers no buttons at all, clicking the
 * notification opens the incident and the tray menu has "Acknowledge INC-…".
 */
export function pageNotificationOptions(alert: PageAlert, platform: string): NotificationConstructorOptions {
  const buttons = alert.acknowledge && ACTION_PLATFORMS.includes(platform);
  return {
    title: alert.title,
    body: alert.body,
    silent: false,
    timeoutType: 'never',
    ...(platform === 'linux' || platform === 'win32' ? { urgency: 'critical' as const } : {}),
    ...(buttons ? { actions: [{ ...ACKNOWLEDGE_ACTION }] } : {}),
  };
}
