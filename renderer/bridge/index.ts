import type { DesktopApi, WarroomApi } from '../../shared/ipc/contract.js';
import { browserPush, type WebPushHost } from './browser-push.js';
import { createDesktopBridge } from './desktop-bridge.js';
import { withReadableErrors } from './ipc-errors.js';
import { createBrowserBridge } from './web-bridge.js';
import type { BrowserWindow } from './web-notifications.js';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in a browser. */
    readonly warroom?: DesktopApi;
  }
}

/** Host features outside WarroomApi: the web needs the person's permission for notifications, the desktop does not. */
export interface NotificationPermissionHost {
  canAskNotificationPermission(): boolean;
  /** Call from a click handler (a user gesture). */
  askNotificationPermission(): Promise<void>;
}

export interface Host {
  readonly kind: 'desktop' | 'web';
  readonly api: WarroomApi;
  readonly notifications: NotificationPermissionHost;
  /** Browser push ("Get pages in this browser"): the web client only; the desktop app is paged through itself. */
  readonly webPush: WebPushHost | null;
}

const NO_PERMISSION_NEEDED: NotificationPermissionHost = {
  canAskNotificationPermission: () => false,
  askNotificationPermission: async () => undefined,
};

/** Picks the host once: Electron's preload if present, otherwise the web bridge running in this page. */
export function pickHost(win: BrowserWindow): Host {
  if (win.warroom)
    return {
      kind: 'desktop',
      api: createDesktopBridge(withReadableErrors(win.warroom)),
      notifications: NO_PERMISSION_NEEDED,
      webPush: null,
    };
  const web = createBrowserBridge(win);
  return { kind: 'web', api: web, notifications: web, webPush: browserPush(win) };
}

let host: Host | undefined;

export function getHost(): Host {
  host ??= pickHost(window);
  return host;
}

/** The one interface the UI talks to. */
export function getBridge(): WarroomApi {
  return getHost().api;
}
