import { createPublicKey, verify } from 'node:crypto';
import webPush from 'web-push';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pushPayloadSchema } from '../../../shared/contact/push-payload.js';
import { startHttpReceiver, type HttpReceiver } from '../../test/support/http-receiver.js';
import { samplePage, sampleTest } from '../../test/support/page-messages.js';
import { makePushSubscription } from '../../test/support/web-push-decrypt.js';
import { EXPIRED_SUBSCRIPTION, sendWebPush, type VapidKeys } from './web-push.js';

/** Checks an ES256 JWT with the raw P-256 public key (base64url) and returns its claims. */
function verifiedClaims(jwt: string, publicKey: string): Record<string, unknown> {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  const point = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  expect(ok).toBe(true);
  expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'ES256', typ: 'JWT' });
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
}

describe('Web Push', () => {
  let receiver: HttpReceiver;
  const keys = webPush.generateVAPIDKeys();
  const vapid: VapidKeys = { ...keys, subject: 'mailto:oncall@example.com' };
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  beforeEach(() => receiver.answerWith([{ status: 201 }]));
  afterAll(() => receiver.close());

  it('encrypts the PushPayload to the subscription (RFC 8291, aes128gcm) with VAPID, TTL and Urgency', async () => {
    const browser = makePushSubscription(`${receiver.origin}/push/send/abc123`);
    const page = samplePage();
    expect(await sendWebPush(browser.subscription, page, vapid, { timeoutMs: 2000 })).toEqual({
      ok: true,
      detail: 'HTTP 201',
    });
    const request = await receiver.next();
    expect(request.path).toBe('/push/send/abc123');
    expect(request.headers['content-encoding']).toBe('aes128gcm');
    expect(request.headers['content-type']).toBe('application/octet-stream');
    expect(request.headers.ttl).toBe('3600');
    expect(request.headers.urgency).toBe('high');
    const payload = pushPayloadSchema.parse(JSON.parse(browser.decrypt(request.body).toString('utf8')));
    expect(payload).toEqual({
      kind: 'page',
      title: page.subject,
      body: page.lines.join('\n'),
      tag: 'warroom-page-page-7',
      ackUrl: page.ackUrl,
      url: page.incidentUrl,
      requireInteraction: true,
    });
    const auth = /^vapid t=([^,]+), k=([A-Za-z0-9_-]+)$/.exec(String(request.headers.authorization));
    expect(auth?.[2]).toBe(keys.publicKey);
    const claims = verifiedClaims(auth?.[1] ?? '', keys.publicKey);
    expect(claims.aud).toBe(receiver.origin);
    expect(claims.sub).toBe('mailto:oncall@example.com');
    expect(typeof claims.exp).toBe('number');
  });

  it('a test message is normal urgency, shorter-lived and does not stay on screen', async () => {
    const browser = makePushSubscription(`${receiver.origin}/push/2`);
    await sendWebPush(browser.subscription, sampleTest(), vapid, { timeoutMs: 2000 });
    const request = await receiver.next();
    expect(request.headers.urgency).toBe('normal');
    expect(request.headers.ttl).toBe('600');
    expect(JSON.parse(browser.decrypt(request.body).toString('utf8'))).toMatchObject({
      kind: 'test',
      tag: 'warroom-test',
      ackUrl: null,
      requireInteraction: false,
    });
  });

  it.each([404, 410])('%i: the subscription expired, not retryable', async (status) => {
    receiver.answerWith([{ status, body: 'push subscription has unsubscribed or expired.' }]);
    const browser = makePushSubscription(`${receiver.origin}/push/gone`);
    const outcome = await sendWebPush(browser.subscription, samplePage(), vapid, { timeoutMs: 2000 });
    expect(outcome).toMatchObject({ ok: false, retryable: false, retryAfterMs: null });
    expect(outcome.detail).toContain(`HTTP ${status}: ${EXPIRED_SUBSCRIPTION}`);
  });

  it('a key that does not parse is final, before anything is sent', async () => {
    const browser = makePushSubscription(`${receiver.origin}/push/3`);
    const outcome = await sendWebPush(
      browser.subscription,
      samplePage(),
      { ...vapid, privateKey: 'not-a-key' },
      { timeoutMs: 2000 },
    );
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome.detail).toMatch(/^could not prepare the push message/);
    expect(receiver.requests.filter((r) => r.path === '/push/3')).toHaveLength(0);
  });
});
