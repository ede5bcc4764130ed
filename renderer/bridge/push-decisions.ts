import { pushSubscriptionSchema, type PushSubscriptionJson } from '../../shared/contact/contact-method.js';

/**
 * "Get pages in this browser": what to offer and the steps of subscribing, as plain functions over the few browser
 * calls they need (browser-push.ts binds them to the page), so they run in tests without a browser.
 */

/** The push worker (renderer/public/push-sw.js) and its scope. */
export const PUSH_WORKER_URL = '/push-sw.js';
/**
 * Its own scope, not '/': '/' belongs to the offline shell (sw.js), and a registration has one script, so registering
 * the push worker there would replace the shell (and the shell, registered again on the next load, would then get
 * the pushes and show nothing). The push worker controls no page; it only needs to receive pushes and clicks.
 */
export const PUSH_WORKER_SCOPE = '/push/';

/** Whether to show the button, and if not, why (null: say nothing, as in the desktop app, which needs none). */
export type PushOffer = { offer: true } | { offer: false; reason: string | null };

export function browserPushOffer(input: {
  hostKind: 'desktop' | 'web';
  /** `'serviceWorker' in navigator && 'PushManager' in window` (and a secure context). */
  supported: boolean;
  /** The hub's VAPID public key; null when Web Push is off on the hub. */
  webPushKey: string | null;
  /** Notification.permission, where there is one. */
  permission: NotificationPermission | null;
}): PushOffer {
  // The desktop app gets every page at once through its own notifications: browser push is for browser tabs.
  if (input.hostKind !== 'web') return { offer: false, reason: null };
  if (input.webPushKey === null) return { offer: false, reason: 'Browser push is off on this hub.' };
  if (!input.supported)
    return {
      offer: false,
      reason: 'This browser cannot take push messages here (it needs service workers and https or localhost).',
    };
  if (input.permission === 'denied')
    return {
      offer: false,
      reason: "Notifications are blocked for this site: allow them in the browser's site settings, then reload.",
    };
  return { offer: true };
}

/** The hub's key, base64url (as VAPID keys are given), as the bytes PushManager.subscribe wants. */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) throw new Error('The hub gave a push key that is not base64url.');
  const base64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameBytes(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

/** The parts of a PushSubscription used here. */
export interface PushSubscriptionLike {
  readonly options: { readonly applicationServerKey: ArrayBuffer | null };
  toJSON(): unknown;
  unsubscribe(): Promise<boolean>;
}

/** The browser calls subscribing needs; browser-push.ts gives the real ones. */
export interface PushBrowser {
  /** Notification.requestPermission(): from a click only. */
  requestPermission(): Promise<NotificationPermission>;
  /** Registers the push worker at its scope and resolves once it is active (subscribe needs an active worker). */
  register(): Promise<{
    readonly pushManager: {
      getSubscription(): Promise<PushSubscriptionLike | null>;
      subscribe(options: {
        userVisibleOnly: true;
        applicationServerKey: Uint8Array<ArrayBuffer>;
      }): Promise<PushSubscriptionLike>;
    };
  }>;
}

export type SubscribeOutcome = { ok: true; subscription: PushSubscriptionJson } | { ok: false; message: string };

/**
 * Asks permission, registers the push worker and subscribes with the hub's key; an existing subscription is kept if
 * it was made with the same key (the browser refuses a second one with another key, so that one is replaced).
 * The result is checked with the hub's schema before anything is sent.
 */
export async function subscribeForPush(browser: PushBrowser, webPushKey: string): Promise<SubscribeOutcome> {
  let key: Uint8Array<ArrayBuffer>;
  try {
    key = base64UrlToBytes(webPushKey);
  } catch (error) {
    return { ok: false, message: errorText(error) };
  }
  let permission: NotificationPermission;
  try {
    permission = await browser.requestPermission();
  } catch (error) {
    return { ok: false, message: `This browser did not ask for permission: ${errorText(error)}` };
  }
  if (permission !== 'granted')
    return {
      ok: false,
      message:
        permission === 'denied'
          ? "Notifications are blocked for this site: allow them in the browser's site settings, then try again."
          : 'Notifications were not allowed: pages cannot reach this browser until they are.',
    };
  try {
    const registration = await browser.register();
    const existing = await registration.pushManager.getSubscription();
    if (existing && !sameBytes(existing.options.applicationServerKey, key)) await existing.unsubscribe();
    const subscription =
      existing && sameBytes(existing.options.applicationServerKey, key)
        ? existing
        : await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    const parsed = pushSubscriptionSchema.safeParse(subscription.toJSON());
    if (!parsed.success)
      return {
        ok: false,
        message: `The browser gave a subscription the hub cannot use: ${parsed.error.issues
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          .join('; ')}`,
      };
    return { ok: true, subscription: parsed.data };
  } catch (error) {
    return { ok: false, message: `This browser could not subscribe to pages: ${errorText(error)}` };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A browser's name from its user agent, as the label of its push method ("Firefox"), so several can be told apart. */
export function browserLabel(userAgent: string): string {
  if (/Edg\//.test(userAgent)) return 'Edge';
  if (/OPR\//.test(userAgent)) return 'Opera';
  if (/Firefox\//.test(userAgent)) return 'Firefox';
  if (/Chrome\//.test(userAgent)) return 'Chrome';
  if (/Safari\//.test(userAgent)) return 'Safari';
  return 'This browser';
}
