import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../data-dir.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite.js';
import { signSentryBody } from '../webhooks/sentry.js';
import { connectClient } from './support/test-client.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { fixtureBytes } from './support/webhook-fixtures.js';
import { createIntegrationToken, inboxCount, postWebhook } from './support/webhooks.js';

const SENTRY_SECRET = 'a5f0c3e1d2b4a6c8e0f2a4c6e8d0b2f4a6c8e0d2b4f6a8c0e2d4f6a8b0c2e4d6';

describe('POST /api/webhooks/<source>', () => {
  let t: TestHub;
  let tokens: Record<'alertmanager' | 'grafana' | 'datadog' | 'sentry' | 'generic', string>;
  const generic = JSON.stringify({ key: 'http-test', title: 'Queue backlog above 10k', severity: 'warning' });
  const post = (source: string, body: string | Buffer, options?: Parameters<typeof postWebhook>[3]) =>
    postWebhook(t.hub.url, source, body, options);

  beforeAll(async () => {
    t = await startTestHub();
    tokens = {
      alertmanager: await createIntegrationToken(t.dataDir, 'alertmanager'),
      grafana: await createIntegrationToken(t.dataDir, 'grafana'),
      datadog: await createIntegrationToken(t.dataDir, 'datadog'),
      sentry: await createIntegrationToken(t.dataDir, 'sentry', SENTRY_SECRET),
      generic: await createIntegrationToken(t.dataDir, 'generic'),
    };
  });
  afterAll(() => t.close());

  it('answers 202 with the count, and the alert becomes an incident', async () => {
    const res = await post('generic', generic, { token: tokens.generic });
    expect(res).toEqual({ status: 202, json: { accepted: 1, inboxId: expect.any(Number) as unknown } });
    await expect
      .poll(() => Object.values(t.hub.state().incidents).find((i) => i.title === 'Queue backlog above 10k'))
      .toMatchObject({
        status: 'triage',
        severity: 'SEV-2',
        declaredBy: { id: 'integration-generic', name: 'Webhook' },
      });
  });

  it('takes the token from ?token= for senders that cannot set headers', async () => {
    expect((await post('generic', generic, { token: tokens.generic, inQuery: true })).status).toBe(202);
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'wr_not-a-token'],
  ])('refuses %s with 401 and keeps nothing', async (_, token) => {
    const before = inboxCount(t.dataDir);
    const res = await post('generic', generic, token ? { token } : {});
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'unauthorized' } });
    expect(inboxCount(t.dataDir)).toBe(before);
  });

  it('refuses a person’s token (even an admin’s) with 401: webhooks take integration tokens only', async () => {
    expect((await post('generic', generic, { token: t.tokens.admin })).status).toBe(401);
  });

  it('refuses a token of another source with 403, naming its own endpoint', async () => {
    const res = await post('alertmanager', fixtureBytes('alertmanager-firing.json'), { token: tokens.grafana });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({
      error: { code: 'forbidden', message: expect.stringContaining('/api/webhooks/grafana') as unknown },
    });
  });

  it('refuses a revoked integration token with 401', async () => {
    const store = openSqliteStore(databaseFile(t.dataDir), () => Date.now());
    const { token } = await store.integrations.create('datadog');
    await store.integrations.revokeIntegration('datadog');
    await store.close();
    expect((await post('datadog', fixtureBytes('datadog-default-triggered.json'), { token })).status).toBe(401);
    tokens.datadog = await createIntegrationToken(t.dataDir, 'datadog');
  });

  it('refuses an ill-formed body with 400 and the reason, keeping nothing', async () => {
    const before = inboxCount(t.dataDir);
    const notJson = await post('generic', '{"key": ', { token: tokens.generic });
    expect(notJson).toMatchObject({
      status: 400,
      json: { error: { code: 'invalid_body', message: expect.stringMatching(/not JSON/) as unknown } },
    });
    const wrongShape = await post('alertmanager', fixtureBytes('alertmanager-malformed-alert.json'), {
      token: tokens.alertmanager,
    });
    expect(wrongShape.status).toBe(400);
    expect(String((wrongShape.json.error as { message: string }).message)).toMatch(/alerts\[0\]/);
    expect(inboxCount(t.dataDir)).toBe(before);
  });

  it('refuses a body over 1 MiB with 413, declared or streamed', async () => {
    const big = JSON.stringify({ key: 'big', title: 'x', description: 'y'.repeat(1024 * 1024) });
    const declared = await post('generic', big, { token: tokens.generic });
    expect(declared).toMatchObject({ status: 413, json: { error: { code: 'payload_too_large' } } });
    expect(await postChunked(t.hub.url, '/api/webhooks/generic', tokens.generic, big)).toBe(413);
    expect(await postChunked(t.hub.url, '/api/webhooks/generic', tokens.generic, generic)).toBe(202);
  });

  it('answers 404 for an unknown source and 405 for other methods', async () => {
    const unknown = await post('nagios', generic, { token: tokens.generic });
    expect(unknown.status).toBe(404);
    expect(String((unknown.json.error as { message: string }).message)).toContain('/api/webhooks/alertmanager');
    const get = await post('generic', '', { token: tokens.generic, method: 'GET' });
    expect(get.status).toBe(405);
  });

  describe('Sentry', () => {
    const body = fixtureBytes('sentry-event-alert.json');
    const headers = (signature: string) => ({
      'sentry-hook-resource': 'event_alert',
      'sentry-hook-signature': signature,
    });

    it('accepts a body signed with the integration’s client secret', async () => {
      const res = await post('sentry', body, {
        token: tokens.sentry,
        inQuery: true,
        headers: headers(signSentryBody(body, SENTRY_SECRET)),
      });
      expect(res).toMatchObject({ status: 202, json: { accepted: 1 } });
    });

    it('refuses a missing or wrong signature with 401', async () => {
      const wrong = await post('sentry', body, {
        token: tokens.sentry,
        headers: headers(signSentryBody(body, 'other')),
      });
      expect(wrong).toMatchObject({ status: 401, json: { error: { code: 'bad_signature' } } });
      const missing = await post('sentry', body, {
        token: tokens.sentry,
        headers: { 'sentry-hook-resource': 'event_alert' },
      });
      expect(missing.status).toBe(401);
    });

    it('answers 202 with nothing accepted for a resource that carries no alert', async () => {
      const created = fixtureBytes('sentry-issue-created.json');
      const res = await post('sentry', created, {
        token: tokens.sentry,
        headers: { 'sentry-hook-resource': 'issue', 'sentry-hook-signature': signSentryBody(created, SENTRY_SECRET) },
      });
      expect(res).toEqual({
        status: 202,
        json: { accepted: 0, inboxId: null, ignored: 'Sentry issue action "created" carries no alert.' },
      });
    });
  });

  it('does not let an integration token into the socket or the read API', async () => {
    await expect(connectClient(t.hub.url, tokens.generic)).rejects.toThrow();
    const res = await fetch(`${t.hub.url}/api/incidents`, { headers: { authorization: `Bearer ${tokens.generic}` } });
    expect(res.status).toBe(401);
  });
});

/** A POST with Transfer-Encoding: chunked (no Content-Length), as some senders stream bodies. */
function postChunked(base: string, path: string, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
    req.end();
  });
}
