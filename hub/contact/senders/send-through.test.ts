import webPush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../test/support/http-receiver.js';
import { samplePage } from '../../test/support/page-messages.js';
import { startSmtpTestServer, type SmtpTestServer } from '../../test/support/smtp-test-server.js';
import { makePushSubscription } from '../../test/support/web-push-decrypt.js';
import { createSendThrough, EMAIL_OFF, WEBPUSH_OFF } from './send-through.js';

describe('createSendThrough', () => {
  let receiver: HttpReceiver;
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
    smtp = await startSmtpTestServer();
  });
  afterAll(async () => {
    await receiver.close();
    await smtp.close();
  });

  it('sends each kind its own way', async () => {
    const send = createSendThrough({
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, requireTLS: false, from: 'pager@example.com' },
      vapid: { ...webPush.generateVAPIDKeys(), subject: 'mailto:ops@example.com' },
      ntfyServer: receiver.origin,
      timeoutMs: 2000,
    });
    const page = samplePage();
    const o = receiver.origin;
    const browser = makePushSubscription(`${o}/push`);
    expect(await send({ kind: 'email', address: 'ada@example.com' }, page)).toMatchObject({ ok: true });
    expect((await smtp.next()).to).toEqual(['ada@example.com']);
    const targets = [
      { kind: 'ntfy', topic: 'pager' },
      { kind: 'slack', url: `${o}/slack` },
      { kind: 'mattermost', url: `${o}/mattermost` },
      { kind: 'teams', url: `${o}/teams` },
      { kind: 'webhook', url: `${o}/webhook`, secret: 'sixteen-chars-or-more' },
      { kind: 'webpush', subscription: browser.subscription },
    ] as const;
    for (const target of targets) expect(await send(target, page)).toEqual({ ok: true, detail: 'HTTP 200' });
    const seen = [];
    for (let i = 0; i < targets.length; i += 1) seen.push(await receiver.next());
    expect(seen.map((r) => r.path)).toEqual(['/', '/slack', '/mattermost', '/teams', '/webhook', '/push']);
    expect(seen[4]?.headers['x-warroom-signature']).toBeDefined();
    expect(seen[5]?.headers['content-encoding']).toBe('aes128gcm');
  });

  it('a kind the hub is not set up for is a final failure that says what to set', async () => {
    const send = createSendThrough({ smtp: null, vapid: null, ntfyServer: receiver.origin });
    expect(await send({ kind: 'email', address: 'ada@example.com' }, samplePage())).toEqual({
      ok: false,
      retryable: false,
      retryAfterMs: null,
      detail: EMAIL_OFF,
    });
    const browser = makePushSubscription(`${receiver.origin}/push`);
    expect(await send({ kind: 'webpush', subscription: browser.subscription }, samplePage())).toMatchObject({
      ok: false,
      retryable: false,
      detail: WEBPUSH_OFF,
    });
  });
});
