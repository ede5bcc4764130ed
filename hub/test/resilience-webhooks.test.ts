import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_SOURCES, type AlertSource } from '../../shared/alerts/alert.js';
import type { Clock } from '../../shared/clock.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import { signSentryBody } from '../webhooks/sentry.js';
import { SENTRY_TIMESTAMP_TOLERANCE_MS } from '../webhooks/sentry-replay.js';
import { malformedDelivery } from './support/malformed-webhooks.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { fixtureBytes } from './support/webhook-fixtures.js';
import { createIntegrationToken, inboxCount, postWebhook } from './support/webhooks.js';

const SEED = 7011;
const BATCH = 50;
const RUNS_PER_SOURCE = 40; // 5 sources × 40 batches × 50: 10,000 deliveries
const SENTRY_SECRET = 'c0ffee0ddba11c0ffee0ddba11c0ffee0ddba11c0ffee0ddba11c0ffee0ddba11';

const VALID: Record<AlertSource, { file: string; headers?: Record<string, string> }> = {
  alertmanager: { file: 'alertmanager-firing.json' },
  grafana: { file: 'grafana-firing.json' },
  datadog: { file: 'datadog-recommended-triggered.json' },
  sentry: { file: 'sentry-event-alert.json', headers: { 'sentry-hook-resource': 'event_alert' } },
  generic: { file: 'generic-firing.json' },
};

function headersFor(source: AlertSource, body: Buffer, extra: Record<string, string> = {}): Record<string, string> {
  return source === 'sentry' ? { 'sentry-hook-signature': signSentryBody(body, SENTRY_SECRET), ...extra } : extra;
}

async function wholeLog(t: TestHub): Promise<DomainEvent[]> {
  return t.hub.store.readSince(0, 1_000_000);
}

describe('webhooks under garbage: 10,000 malformed deliveries with valid tokens', () => {
  let t: TestHub;
  const tokens = {} as Record<AlertSource, string>;
  beforeAll(async () => {
    t = await startTestHub();
    for (const source of ALERT_SOURCES)
      tokens[source] = await createIntegrationToken(t.dataDir, source, source === 'sentry' ? SENTRY_SECRET : null);
  });
  afterAll(() => t.close());

  it.each(ALERT_SOURCES)(
    '%s: every one is answered 400 (413 when too large) with a JSON error; nothing reaches the inbox or the log',
    async (source) => {
      const inboxBefore = inboxCount(t.dataDir);
      const logBefore = await wholeLog(t);
      const stateBefore = t.hub.state();
      let answered = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(malformedDelivery(source), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          const answers = await Promise.all(
            batch.map((d) =>
              postWebhook(t.hub.url, source, d.body, {
                token: tokens[source],
                headers: headersFor(source, d.body, d.headers),
              }),
            ),
          );
          answers.forEach((answer, i) => {
            const delivery = batch[i];
            const shown = delivery?.body.toString('utf8').slice(0, 200);
            expect(answer.status, `${source}: ${shown}`).toBe(delivery?.status);
            expect(answer.json, `${source}: ${shown}`).toMatchObject({
              error: {
                code: delivery?.status === 413 ? 'payload_too_large' : 'invalid_body',
                message: expect.stringMatching(/\w{3}/) as unknown,
              },
            });
            answered++;
          });
        }),
        { seed: SEED + source.length, numRuns: RUNS_PER_SOURCE, endOnFailure: true },
      );
      expect(answered).toBe(BATCH * RUNS_PER_SOURCE);
      expect(inboxCount(t.dataDir)).toBe(inboxBefore);
      expect(t.hub.state()).toBe(stateBefore);
      expect(await wholeLog(t)).toEqual(logBefore);
      expect(Object.keys(Object.prototype)).toEqual([]);

      // Still taking real alerts afterwards.
      const body = fixtureBytes(VALID[source].file);
      const res = await postWebhook(t.hub.url, source, body, {
        token: tokens[source],
        headers: headersFor(source, body, VALID[source].headers),
      });
      expect(res).toMatchObject({ status: 202, json: { accepted: expect.any(Number) as unknown } });
    },
  );

  it('refuses Sentry deliveries signed with another secret, or not signed, with 401 bad_signature', async () => {
    const inboxBefore = inboxCount(t.dataDir);
    const seq = t.hub.state().seq;
    const body = fixtureBytes('sentry-event-alert.json');
    const wrong = fc.oneof(
      fc.string({ minLength: 1 }).map((secret) => signSentryBody(body, `x${secret}`)),
      fc.stringMatching(/^[0-9a-f]{64}$/),
      fc.string(),
      fc.constant(signSentryBody(Buffer.concat([body, Buffer.from(' ')]), SENTRY_SECRET)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(wrong, { minLength: 20, maxLength: 20 }), async (signatures) => {
        const answers = await Promise.all(
          signatures.map((signature) =>
            postWebhook(t.hub.url, 'sentry', body, {
              token: tokens.sentry,
              headers: { 'sentry-hook-resource': 'event_alert', 'sentry-hook-signature': signature },
            }),
          ),
        );
        for (const answer of answers)
          expect(answer).toMatchObject({ status: 401, json: { error: { code: 'bad_signature' } } });
      }),
      { seed: SEED, numRuns: 10, endOnFailure: true },
    );
    expect(inboxCount(t.dataDir)).toBe(inboxBefore);
    expect(t.hub.state().seq).toBe(seq);
  });
});

describe('Sentry replays are refused', () => {
  let t: TestHub;
  let token: string;
  let now = Date.parse('2026-11-27T14:00:00Z');
  const clock: Clock = { now: () => now };
  const body = fixtureBytes('sentry-event-alert.json');
  const key = 'sentry:issue:4420771235';
  const post = (headers: Record<string, string>, payload: Buffer = body) =>
    postWebhook(t.hub.url, 'sentry', payload, {
      token,
      headers: {
        'sentry-hook-resource': 'event_alert',
        'sentry-hook-signature': signSentryBody(payload, SENTRY_SECRET),
        ...headers,
      },
    });
  const seconds = (ms: number) => String(Math.floor(ms / 1000));
  const alertCount = () =>
    Object.values(t.hub.state().incidents)
      .flatMap((i) => i.alerts)
      .find((a) => a.key === key)?.count ?? 0;

  beforeAll(async () => {
    t = await startTestHub({ clock });
    token = await createIntegrationToken(t.dataDir, 'sentry', SENTRY_SECRET);
  });
  afterAll(() => t.close());

  it('takes a delivery once: the same Request-ID again is 409 replayed, and changes nothing', async () => {
    const headers = { 'request-id': 'a1b2c3d4-0000-4000-8000-000000000001', 'sentry-hook-timestamp': seconds(now) };
    expect(await post(headers)).toMatchObject({ status: 202, json: { accepted: 1 } });
    await expect.poll(alertCount).toBe(1);
    const inbox = inboxCount(t.dataDir);
    const seq = t.hub.state().seq;

    const again = await post(headers);
    expect(again).toMatchObject({
      status: 409,
      json: { error: { code: 'replayed', message: expect.stringMatching(/Request-ID/) as unknown } },
    });
    // A new timestamp does not make an old Request-ID new.
    expect((await post({ ...headers, 'sentry-hook-timestamp': seconds(now + 1000) })).status).toBe(409);
    expect(inboxCount(t.dataDir)).toBe(inbox);
    expect(t.hub.state().seq).toBe(seq);
    expect(alertCount()).toBe(1);
  });

  it('refuses the same signature with the same timestamp, even under another Request-ID', async () => {
    const stamp = seconds(now);
    const other = Buffer.from(body.toString('utf8').replace('"event_id": "', '"event_id": "9'));
    expect((await post({ 'sentry-hook-timestamp': stamp }, other)).status).toBe(202);
    const replay = await post({ 'sentry-hook-timestamp': stamp, 'request-id': 'fresh-looking-id' }, other);
    expect(replay).toMatchObject({ status: 409, json: { error: { code: 'replayed' } } });
  });

  it('refuses a timestamp more than 5 minutes from the hub clock (either way) with 401 stale_request', async () => {
    const inbox = inboxCount(t.dataDir);
    const seq = t.hub.state().seq;
    for (const stamp of [now - SENTRY_TIMESTAMP_TOLERANCE_MS - 1000, now + SENTRY_TIMESTAMP_TOLERANCE_MS + 1000]) {
      const res = await post({ 'sentry-hook-timestamp': seconds(stamp), 'request-id': `stale-${stamp}` });
      expect(res).toMatchObject({ status: 401, json: { error: { code: 'stale_request' } } });
    }
    expect((await post({ 'sentry-hook-timestamp': 'yesterday' })).status).toBe(401);
    expect(inboxCount(t.dataDir)).toBe(inbox);
    expect(t.hub.state().seq).toBe(seq);
  });

  it('refuses a captured delivery replayed later with its own headers', async () => {
    const captured = { 'request-id': 'captured-0001', 'sentry-hook-timestamp': seconds(now) };
    const fresh = Buffer.from(body.toString('utf8').replace('"event_id": "', '"event_id": "8'));
    expect((await post(captured, fresh)).status).toBe(202);
    now += SENTRY_TIMESTAMP_TOLERANCE_MS + 60_000; // six minutes later: the timestamp gives it away
    expect(await post(captured, fresh)).toMatchObject({ status: 401, json: { error: { code: 'stale_request' } } });
  });

  it('remembers only deliveries it took: a refused one may be sent again under its Request-ID', async () => {
    const headers = { 'request-id': 'retry-after-400', 'sentry-hook-timestamp': seconds(now) };
    const broken = Buffer.from('{"action": "triggered", "data": {}}');
    expect((await post(headers, broken)).status).toBe(400);
    const fixed = Buffer.from(body.toString('utf8').replace('"event_id": "', '"event_id": "7'));
    expect((await post(headers, fixed)).status).toBe(202);
  });
});
