import {
  PUSH_WORKER_SCOPE,
  PUSH_WORKER_URL,
  subscribeForPush,
  type PushBrowser,
  type SubscribeOutcome,
} from './push-decisions.js';
import type { BrowserWindow } from './web-notifications.js';

/** Browser push for the web client: whether this browser can, and subscribing (push-decisions.ts decides). */
export interface WebPushHost {
  /** Service workers and PushManager, in a secure context. */
  readonly supported: boolean;
  /** Notification.permission now (it may change in the browser's settings). */
  permission(): NotificationPermission | null;
  /** Call from a click: asks permission, registers the push worker, subscribes with the hub's key. */
  subscribe(webPushKey: string): Promise<SubscribeOutcome>;
}

/** The page's Web Push, thinly: the browser calls only. */
export function browserPush(win: BrowserWindow): WebPushHost {
  const supported =
    win.isSecureContext &&
    'serviceWorker' in win.navigator &&
    'PushManager' in win &&
    typeof win.Notification === 'function';
  const browser: PushBrowser = {
    requestPermission: () => win.Notification.requestPermission(),
    register: async () => {
      const registration = await win.navigator.serviceWorker.register(PUSH_WORKER_URL, { scope: PUSH_WORKER_SCOPE });
      await activated(registration);
      return registration;
    },
  };
  return {
    supported,
    permission: () => (typeof win.Notification === 'function' ? win.Notification.permission : null),
    subscribe: (webPushKey) => subscribeForPush(browser, webPushKey),
  };
}

/**
 * Resolves once the registration has an active worker. Not `navigator.serviceWorker.ready`: that waits for a worker
 * controlling this page, and the push worker's scope holds no page.
 */
function activated(registration: ServiceWorkerRegistration): Promise<void> {
  if (registration.active) return Promise.resolve();
  const worker = registration.installing ?? registration.waiting;
  if (!worker) return Promise.reject(new Error('the push worker did not install'));
  return new Promise((resolve, reject) => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve();
      else if (worker.state === 'redundant') reject(new Error('the push worker failed to install'));
    });
  });
}
