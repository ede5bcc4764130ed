import type { NotificationConstructorOptions } from 'electron';
import type { IncidentsState } from '../shared/domain/state.js';
import type { Availability, NotificationPrefs } from '../shared/ipc/settings.js';
import { notificationsFor, type IncidentNotification } from '../shared/notify/notifications.js';
import type { PageAlert } from '../shared/notify/paging-alerts.js';
import type { EngineView } from '../shared/sync/engine-view.js';

/** A notification as the desktop shows it; `incidentId` null opens the window on no incident in particular. */
export interface DesktopNotification {
  readonly title: string;
  readonly body: string;
  readonly urgent: boolean;
  readonly incidentId: string | null;
}

/** The confirmed state notifications are computed against, for one hub and one person. */
export interface NotificationBaseline {
  readonly scope: string;
  readonly confirmed: IncidentsState;
}

/** More than this at once (catching up after a night offline) becomes a summary, not a wall of pop-ups. */
export const MAX_NOTIFICATIONS_AT_ONCE = 3;

/**
 * What to show for a new engine view, and the baseline for the next one. The rules beyond `notificationsFor`:
 * - the first view of a hub and person only sets the baseline (nothing fires at start, nor for the whole
 *   history of a hub just connected to, nor when the person behind the token becomes known);
 * - someone who set themselves unavailable is not paged for new incidents or escalations, but is still told
 *   when a role is given to them by name;
 * - urgent (SEV-1) first; beyond MAX_NOTIFICATIONS_AT_ONCE the rest are summed up in one.
 */
export function planNotifications(
  baseline: NotificationBaseline | null,
  view: EngineView | null,
  prefs: NotificationPrefs,
  availability: Availability,
): { baseline: NotificationBaseline | null; notifications: DesktopNotification[] } {
  if (!view) return { baseline: null, notifications: [] };
  const next = { scope: `${view.hubUrl}|${view.user?.id ?? ''}`, confirmed: view.confirmed };
  if (!baseline || baseline.scope !== next.scope) return { baseline: next, notifications: [] };
  const found = notificationsFor(baseline.confirmed, view.confirmed, view.user?.id ?? null, prefs).filter(
    (n) => availability === 'available' || n.kind === 'role-assigned',
  );
  return { baseline: next, notifications: collapse(found) };
}

function collapse(found: readonly IncidentNotification[]): DesktopNotification[] {
  const ordered = [...found.filter((n) => n.urgent), ...found.filter((n) => !n.urgent)].map(
    ({ title, body, urgent, incidentId }): DesktopNotification => ({ title, body, urgent, incidentId }),
  );
  if (ordered.length <= MAX_NOTIFICATIONS_AT_ONCE) return ordered;
  const shown = ordered.slice(0, MAX_NOTIFICATIONS_AT_ONCE - 1);
  const rest = ordered.slice(MAX_NOTIFICATIONS_AT_ONCE - 1);
  return [
    ...shown,
    {
      title: `${rest.length} more incident updates`,
      body: rest.map((n) => n.title).join('\n'),
      urgent: rest.some((n) => n.urgent),
      incidentId: null,
    },
  ];
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
