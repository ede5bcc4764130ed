import { describe, expect, it } from 'vitest';
import {
  base64UrlToBytes,
  browserLabel,
  browserPushOffer,
  subscribeForPush,
  type PushBrowser,
  type PushSubscriptionLike,
} from './push-decisions.js';

const KEY_BYTES = Uint8Array.from([4, 250, 255, 0, 62, 63, 1, 2]);
// base64url of KEY_BYTES: '-' and '_' where base64 has '+' and '/', no padding (as VAPID keys are given).
const KEY = base64url(KEY_BYTES);

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
const JSON_SUBSCRIPTION = {
  endpoint: 'https://updates.push.services.mozilla.com/wpush/v2/abc',
  expirationTime: null,
  keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) },
};

function subscription(key: Uint8Array, json: unknown = JSON_SUBSCRIPTION) {
  const record = { unsubscribed: 0 };
  const sub: PushSubscriptionLike = {
    options: { applicationServerKey: key.slice().buffer },
    toJSON: () => json,
    unsubscribe: async () => {
      record.unsubscribed++;
      return true;
    },
  };
  return Object.assign(sub, { record });
}

/** A browser as the test says: its answer to the permission question, its current subscription, what it makes. */
function fakeBrowser(options: {
  permission?: NotificationPermission;
  existing?: PushSubscriptionLike | null;
  made?: PushSubscriptionLike;
  registerFails?: Error;
}) {
  const calls: string[] = [];
  const subscribedWith: Uint8Array[] = [];
  const browser: PushBrowser = {
    requestPermission: async () => {
      calls.push('permission');
      return options.permission ?? 'granted';
    },
    register: async () => {
      calls.push('register');
      if (options.registerFails) throw options.registerFails;
      return {
        pushManager: {
          getSubscription: async () => options.existing ?? null,
          subscribe: async ({ applicationServerKey }) => {
            calls.push('subscribe');
            subscribedWith.push(applicationServerKey);
            return options.made ?? subscription(applicationServerKey);
          },
        },
      };
    },
  };
  return { browser, calls, subscribedWith };
}

describe('browserPushOffer', () => {
  const web = { hostKind: 'web' as const, supported: true, webPushKey: KEY, permission: 'default' as const };

  it('offers the button in a browser that can, with a hub that has Web Push on', () => {
    expect(browserPushOffer(web)).toEqual({ offer: true });
    expect(browserPushOffer({ ...web, permission: 'granted' })).toEqual({ offer: true });
  });

  it('says nothing in the desktop app, and why not elsewhere', () => {
    expect(browserPushOffer({ ...web, hostKind: 'desktop' })).toEqual({ offer: false, reason: null });
    expect(browserPushOffer({ ...web, webPushKey: null })).toEqual({
      offer: false,
      reason: 'Browser push is off on this hub.',
    });
    expect(browserPushOffer({ ...web, supported: false })).toMatchObject({
      offer: false,
      reason: expect.stringMatching(/^This browser cannot take push messages here/),
    });
    expect(browserPushOffer({ ...web, permission: 'denied' })).toMatchObject({
      offer: false,
      reason: expect.stringMatching(/^Notifications are blocked for this site/),
    });
  });
});

describe('base64UrlToBytes', () => {
  it('reads base64url with or without padding', () => {
    expect([...base64UrlToBytes(KEY)]).toEqual([...KEY_BYTES]);
    expect([...base64UrlToBytes(`${base64url(Uint8Array.from([1, 2]))}==`)]).toEqual([1, 2]);
  });

  it('refuses what is not base64url', () => {
    expect(() => base64UrlToBytes('not/base64+')).toThrow('The hub gave a push key that is not base64url.');
  });
});

describe('subscribeForPush', () => {
  it('asks permission first, then registers and subscribes with the key as bytes', async () => {
    const { browser, calls, subscribedWith } = fakeBrowser({});
    expect(await subscribeForPush(browser, KEY)).toEqual({ ok: true, subscription: JSON_SUBSCRIPTION });
    expect(calls).toEqual(['permission', 'register', 'subscribe']);
    expect([...(subscribedWith[0] ?? [])]).toEqual([...KEY_BYTES]);
  });

  it('stops when permission is refused or not given, registering nothing', async () => {
    const denied = fakeBrowser({ permission: 'denied' });
    expect(await subscribeForPush(denied.browser, KEY)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Notifications are blocked for this site/),
    });
    const dismissed = fakeBrowser({ permission: 'default' });
    expect(await subscribeForPush(dismissed.browser, KEY)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Notifications were not allowed/),
    });
    expect([...denied.calls, ...dismissed.calls]).toEqual(['permission', 'permission']);
  });

  it('keeps a subscription made with the same key, and replaces one made with another', async () => {
    const same = subscription(KEY_BYTES);
    const kept = fakeBrowser({ existing: same });
    expect(await subscribeForPush(kept.browser, KEY)).toEqual({ ok: true, subscription: JSON_SUBSCRIPTION });
    expect(kept.calls).toEqual(['permission', 'register']);
    expect(same.record.unsubscribed).toBe(0);

    const other = subscription(Uint8Array.from([9, 9, 9]));
    const replaced = fakeBrowser({ existing: other });
    expect((await subscribeForPush(replaced.browser, KEY)).ok).toBe(true);
    expect(other.record.unsubscribed).toBe(1);
    expect(replaced.calls).toEqual(['permission', 'register', 'subscribe']);
  });

  it("refuses a subscription the hub's schema would refuse, and reports the browser's failures", async () => {
    const odd = fakeBrowser({ made: subscription(KEY_BYTES, { endpoint: 'https://push.example/x', keys: {} }) });
    expect(await subscribeForPush(odd.browser, KEY)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The browser gave a subscription the hub cannot use: keys\.p256dh/),
    });
    const broken = fakeBrowser({ registerFails: new Error('SecurityError: the operation is insecure') });
    expect(await subscribeForPush(broken.browser, KEY)).toEqual({
      ok: false,
      message: 'This browser could not subscribe to pages: SecurityError: the operation is insecure',
    });
    expect(await subscribeForPush(fakeBrowser({}).browser, 'bad key!')).toEqual({
      ok: false,
      message: 'The hub gave a push key that is not base64url.',
    });
  });
});

describe('browserLabel', () => {
  it('names the browser so several push methods can be told apart', () => {
    const chrome =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    expect(browserLabel(chrome)).toBe('Chrome');
    expect(browserLabel(`${chrome} Edg/131.0.0.0`)).toBe('Edge');
    expect(browserLabel('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox');
    expect(
      browserLabel(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      ),
    ).toBe('Safari');
    expect(browserLabel('curl/8.0')).toBe('This browser');
  });
});
