import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSource } from '../../shared/alerts/alert.js';
import type { Clock } from '../../shared/clock.js';
import type { Incident } from '../../shared/domain/incident.js';
import { signSentryBody } from '../webhooks/sentry.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { fixtureBytes } from './support/webhook-fixtures.js';
import { createIntegrationToken, postWebhook } from './support/webhooks.js';

/**
 * Contract tests: each tool's payloads (hub/webhooks/fixtures, recorded or from its documentation) posted over
 * HTTP to a real hub, and what they make of the incidents: context, grouping, resolution, refusal.
 */
const NOW = Date.parse('2026-11-27T14:00:00Z');
const clock: Clock = { now: () => NOW };
const SENTRY_SECRET = '9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c';

let t: TestHub;
const tokens = {} as Record<AlertSource, string>;

beforeAll(async () => {
  t = await startTestHub({ clock });
  for (const source of ['alertmanager', 'grafana', 'datadog', 'sentry', 'generic'] as const)
    tokens[source] = await createIntegrationToken(t.dataDir, source, source === 'sentry' ? SENTRY_SECRET : null);
});
afterAll(() => t.close());

async function send(source: AlertSource, name: string, headers: Record<string, string> = {}) {
  const body = fixtureBytes(name);
  const signed: Record<string, string> =
    source === 'sentry' ? { 'sentry-hook-signature': signSentryBody(body, SENTRY_SECRET) } : {};
  return postWebhook(t.hub.url, source, body, { token: tokens[source], headers: { ...signed, ...headers } });
}

/** The incidents holding an alert with this key. */
const withKey = (key: string): Incident[] =>
  Object.values(t.hub.state().incidents).filter((i) => i.alerts.some((a) => a.key === key));
const alertOf = (key: string) => withKey(key)[0]?.alerts.find((a) => a.key === key);

/** Waits until the accepted request has been applied: the alert with `key` has reached `count`. */
const applied = (key: string, count: number) =>
  expect.poll(() => alertOf(key)?.count, { timeout: 5000, interval: 10 }).toBe(count);
const resolved = (key: string) =>
  expect.poll(() => alertOf(key)?.status, { timeout: 5000, interval: 10 }).toBe('resolved');

async function refused(source: AlertSource, name: string, headers?: Record<string, string>) {
  const seq = t.hub.state().seq;
  const res = await send(source, name, headers);
  expect(res.status).toBe(400);
  expect(res.json).toMatchObject({ error: { code: 'invalid_body', message: expect.any(String) as unknown } });
  expect(t.hub.state().seq).toBe(seq);
}

describe('Alertmanager (recorded from Alertmanager 0.25)', () => {
  const checkout = 'alertmanager:{}:{alertname="CheckoutErrorRate"}';
  const search = 'alertmanager:{}:{alertname="SearchLatencyHigh"}';

  it('declares an incident in triage carrying the alert’s context, impact starting when the alert did', async () => {
    expect(await send('alertmanager', 'alertmanager-firing.json')).toMatchObject({
      status: 202,
      json: { accepted: 1 },
    });
    await applied(checkout, 1);
    const [incident] = withKey(checkout);
    expect(incident).toMatchObject({
      title: 'Checkout 5xx rate above 5%',
      summary: '12% of POST /checkout requests failed in the last 5 minutes.',
      impact: 'Customers cannot complete purchases',
      service: 'checkout',
      team: 'payments',
      severity: 'SEV-1',
      status: 'triage',
      declaredBy: { id: 'integration-alertmanager', name: 'Alertmanager' },
      roles: { lead: null },
      moments: { impactStartedAt: '2026-11-27T13:31:48.000Z', detectedAt: '2026-11-27T14:00:00.000Z' },
    });
    expect(incident?.alerts[0]).toMatchObject({
      cause: 'Payment gateway timeouts since deploy 2026.11.27-3',
      runbookUrl: 'https://runbooks.example.com/checkout/5xx',
      url: expect.stringContaining('prometheus.example.com') as unknown,
      status: 'firing',
    });
  });

  it('attaches a repeat of the same group to the open incident instead of opening another', async () => {
    await send('alertmanager', 'alertmanager-firing.json');
    await applied(checkout, 2);
    expect(withKey(checkout)).toHaveLength(1);
  });

  it('makes one incident of a group of three series, and attaches the group’s next notification', async () => {
    await send('alertmanager', 'alertmanager-grouped.json');
    await applied(search, 1);
    expect(withKey(search)).toEqual([expect.objectContaining({ severity: 'SEV-1', service: 'search' })]);
    await send('alertmanager', 'alertmanager-partly-resolved.json');
    await applied(search, 2);
    expect(alertOf(search)?.status).toBe('firing');
    expect(withKey(search)).toHaveLength(1);
  });

  it('marks a resolved alert resolved on its incident, as a cue, never closing the incident', async () => {
    await send('alertmanager', 'alertmanager-resolved.json');
    await resolved(checkout);
    expect(alertOf(checkout)?.resolvedAt).toBe('2026-11-27T13:38:46.000Z');
    expect(withKey(checkout)[0]?.status).toBe('triage');
  });

  it('refuses malformed notifications with 400 and changes nothing', async () => {
    await refused('alertmanager', 'alertmanager-malformed-alert.json');
    await refused('alertmanager', 'alertmanager-malformed-version.json');
  });
});

describe('Grafana (payloads as documented)', () => {
  const memory =
    'grafana:1:{}/{__grafana_autogenerated__="true"}/{__grafana_receiver__="Warroom"}:{alertname="Checkout memory high", grafana_folder="Checkout"}';

  it('declares one incident per group, then resolves it', async () => {
    await send('grafana', 'grafana-firing.json');
    await applied(memory, 1);
    expect(withKey(memory)).toEqual([
      expect.objectContaining({
        title: 'Checkout memory high: Checkout pods use more than 90% of their memory limit',
        team: 'payments',
        severity: 'SEV-1',
        moments: expect.objectContaining({ impactStartedAt: '2026-11-27T08:51:03.157Z' }) as unknown,
      }),
    ]);
    await send('grafana', 'grafana-resolved.json');
    await resolved(memory);
  });

  it('keeps unrelated rules of an ungrouped notification apart', async () => {
    expect(await send('grafana', 'grafana-ungrouped.json')).toMatchObject({ json: { accepted: 2 } });
    await applied('grafana:1:{}:{}|alertname=Disk almost full', 1);
    await applied('grafana:1:{}:{}|alertname=Login errors', 1);
    expect(withKey('grafana:1:{}:{}|alertname=Disk almost full')[0]?.id).not.toBe(
      withKey('grafana:1:{}:{}|alertname=Login errors')[0]?.id,
    );
  });

  it('refuses a notification without alerts', () => refused('grafana', 'grafana-malformed-no-alerts.json'));
});

describe('Datadog (default and recommended payloads)', () => {
  it('declares from the default payload and resolves on [Recovered]', async () => {
    const key = 'datadog:title:checkout p99 latency above 2s';
    await send('datadog', 'datadog-default-triggered.json');
    await applied(key, 1);
    expect(withKey(key)[0]).toMatchObject({
      title: 'Checkout p99 latency above 2s',
      service: 'checkout',
      severity: 'SEV-2',
    });
    await send('datadog', 'datadog-default-recovered.json');
    await resolved(key);
  });

  it('makes one incident of a multi-alert monitor firing on two hosts', async () => {
    const key = 'datadog:monitor:48213377';
    await send('datadog', 'datadog-recommended-triggered.json');
    await send('datadog', 'datadog-recommended-triggered-other-host.json');
    await applied(key, 2);
    expect(withKey(key)).toEqual([expect.objectContaining({ severity: 'SEV-1', team: 'data-platform' })]);
    await send('datadog', 'datadog-recommended-recovered.json');
    await resolved(key);
  });

  it('refuses a payload without a title', () => refused('datadog', 'datadog-malformed-no-title.json'));
});

describe('Sentry (signed, as documented)', () => {
  const key = 'sentry:issue:4420771235';
  const alert = { 'sentry-hook-resource': 'event_alert' };

  it('declares from an issue alert, attaches the next one, resolves when the issue is resolved', async () => {
    await send('sentry', 'sentry-event-alert.json', alert);
    await applied(key, 1);
    expect(withKey(key)[0]).toMatchObject({
      title: "TypeError: Cannot read properties of undefined (reading 'token')",
      service: 'shop-web',
      team: 'payments',
      severity: 'SEV-2',
    });
    await send('sentry', 'sentry-event-alert.json', alert);
    await applied(key, 2);
    expect(withKey(key)).toHaveLength(1);
    expect((await send('sentry', 'sentry-issue-created.json', { 'sentry-hook-resource': 'issue' })).json).toMatchObject(
      {
        accepted: 0,
      },
    );
    await send('sentry', 'sentry-issue-resolved.json', { 'sentry-hook-resource': 'issue' });
    await resolved(key);
  });

  it('refuses an event alert without an issue id', () => refused('sentry', 'sentry-malformed-no-issue.json', alert));
});

describe('generic (Warroom’s own shape)', () => {
  const key = 'generic:checkout-payment-gateway';

  it('groups two alerts with one key into one incident, then resolves it', async () => {
    expect(await send('generic', 'generic-firing.json')).toMatchObject({ json: { accepted: 2 } });
    await applied(key, 2);
    expect(withKey(key)).toEqual([
      expect.objectContaining({ impact: 'About a third of customers cannot pay by card', severity: 'SEV-1' }),
    ]);
    await send('generic', 'generic-resolved.json');
    await resolved(key);
  });

  it('refuses a misspelt field and a bad time', () => refused('generic', 'generic-malformed.json'));
});
