import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSource } from '../../shared/alerts/alert.js';
import type { Clock } from '../../shared/clock.js';
import type { Incident } from '../../shared/domain/incident.js';
import { signSentryBody } from '../webhooks/sentry.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { fixture, fixtureBytes } from './support/webhook-fixtures.js';
import { createIntegrationToken, postWebhook } from './support/webhooks.js';

/**
 * What the monitors really send, through a real hub over HTTP: Alertmanager alerts that leave their status and
 * context to the group, Datadog's default payload (the monitor found in its message), the Datadog template nobody
 * expanded, Sentry metric alerts from critical through warning to resolved, and refusals in words.
 */
const NOW = Date.parse('2026-11-27T14:00:00Z');
const clock: Clock = { now: () => NOW };
const SENTRY_SECRET = '4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a';

let t: TestHub;
const tokens = {} as Record<AlertSource, string>;

beforeAll(async () => {
  t = await startTestHub({ clock });
  for (const source of ['alertmanager', 'grafana', 'datadog', 'sentry', 'generic'] as const)
    tokens[source] = await createIntegrationToken(t.dataDir, source, source === 'sentry' ? SENTRY_SECRET : null);
});
afterAll(() => t.close());

async function send(source: AlertSource, body: Buffer | string, headers: Record<string, string> = {}) {
  const signed: Record<string, string> =
    source === 'sentry' ? { 'sentry-hook-signature': signSentryBody(body, SENTRY_SECRET) } : {};
  return postWebhook(t.hub.url, source, body, { token: tokens[source], headers: { ...signed, ...headers } });
}

const withKey = (key: string): Incident[] =>
  Object.values(t.hub.state().incidents).filter((i) => i.alerts.some((a) => a.key === key));
const alertOf = (key: string) => withKey(key)[0]?.alerts.find((a) => a.key === key);
const applied = (key: string, count: number) =>
  expect.poll(() => alertOf(key)?.count, { timeout: 10_000, interval: 20 }).toBe(count);
const resolved = (key: string) =>
  expect.poll(() => alertOf(key)?.status, { timeout: 10_000, interval: 20 }).toBe('resolved');

describe('Alertmanager alerts that leave status and context to their group', () => {
  const key = 'alertmanager:{}:{alertname="OrdersQueueBacklog"}';

  it('declares the incident with the group’s severity and context, then resolves it', async () => {
    expect(await send('alertmanager', fixtureBytes('alertmanager-group-context-firing.json'))).toMatchObject({
      status: 202,
      json: { accepted: 1 },
    });
    await applied(key, 1);
    expect(withKey(key)).toEqual([
      expect.objectContaining({
        title: 'Orders queue backlog above 5,000',
        severity: 'SEV-1',
        service: 'orders',
        team: 'fulfilment',
        impact: 'Orders placed now ship a day late',
      }),
    ]);
    expect(alertOf(key)).toMatchObject({ runbookUrl: 'https://runbooks.example.com/orders/backlog' });
    await send('alertmanager', fixtureBytes('alertmanager-group-context-resolved.json'));
    await resolved(key);
  });
});

describe('Datadog’s default payload', () => {
  const key = 'datadog:monitor:64120533';

  it('makes one incident of a monitor firing on two hosts, found by the link in its message', async () => {
    await send('datadog', fixtureBytes('datadog-default-monitor-triggered.json'));
    await send('datadog', fixtureBytes('datadog-default-monitor-triggered-other-host.json'));
    await applied(key, 2);
    expect(withKey(key)).toEqual([
      expect.objectContaining({ title: 'Disk almost full on db-main-1', severity: 'SEV-2' }),
    ]);
    expect(alertOf(key)?.url).toMatch(/^https:\/\/app\.datadoghq\.com\/monitors\/64120533\?/);
    await send('datadog', fixtureBytes('datadog-default-monitor-recovered.json'));
    await resolved(key);
  });

  it('refuses the template nobody expanded, saying so and how to send it, and changes nothing', async () => {
    const seq = t.hub.state().seq;
    const res = await send('datadog', fixtureBytes('datadog-template-unexpanded.json'));
    expect(res).toMatchObject({
      status: 400,
      json: {
        error: {
          code: 'invalid_body',
          message: expect.stringMatching(/template variables were not expanded.*Datadog's Webhooks integration/),
        },
      },
    });
    expect(t.hub.state().seq).toBe(seq);
  });

  it('takes an alert whose optional variables were left as written and says so in its answer', async () => {
    const body = {
      ...(JSON.parse(fixtureBytes('datadog-recommended-triggered.json').toString('utf8')) as object),
      alert_priority: '$ALERT_PRIORITY',
    };
    expect(await send('datadog', JSON.stringify(body))).toMatchObject({
      status: 202,
      json: {
        accepted: 1,
        warnings: [expect.stringMatching(/^Datadog left \$ALERT_PRIORITY in the payload unexpanded/)],
      },
    });
  });
});

describe('Sentry metric alerts', () => {
  const metric = { 'sentry-hook-resource': 'metric_alert' };

  it('opens an incident on critical, keeps it on warning, and marks it resolved', async () => {
    const key = 'sentry:metric:3081';
    expect(await send('sentry', fixtureBytes('sentry-metric-alert-critical.json'), metric)).toMatchObject({
      status: 202,
      json: { accepted: 1 },
    });
    await applied(key, 1);
    expect(withKey(key)).toEqual([
      expect.objectContaining({ title: 'Checkout errors spike', severity: 'SEV-1', service: 'shop-web' }),
    ]);
    await send('sentry', fixtureBytes('sentry-metric-alert-warning.json'), metric);
    await applied(key, 2);
    expect(withKey(key)).toHaveLength(1);
    await send('sentry', fixtureBytes('sentry-metric-alert-resolved.json'), metric);
    await resolved(key);
    expect(alertOf(key)?.resolvedAt).toBe('2026-11-27T09:20:00.000Z');
  });

  it('opens a warning of another rule at the lower severity', async () => {
    const body = fixture('sentry-metric-alert-warning.json') as {
      data: { metric_alert: { alert_rule: Record<string, unknown> } & Record<string, unknown> };
    };
    const other = {
      ...body,
      data: {
        ...body.data,
        metric_alert: {
          ...body.data.metric_alert,
          alert_rule: { ...body.data.metric_alert.alert_rule, id: '3090', name: 'Search latency p95' },
        },
      },
    };
    await send('sentry', JSON.stringify(other), metric);
    await applied('sentry:metric:3090', 1);
    expect(withKey('sentry:metric:3090')).toEqual([
      expect.objectContaining({ title: 'Search latency p95', severity: 'SEV-2' }),
    ]);
  });
});

describe('refusals over HTTP', () => {
  it.each(['alertmanager', 'grafana', 'datadog', 'sentry', 'generic'] as const)(
    '%s: an empty or null body is refused in words, never "undefined" or "null"',
    async (source) => {
      for (const body of ['{}', 'null', '{"alerts": [null], "data": null, "title": null}']) {
        const res = await send(source, body, source === 'sentry' ? { 'sentry-hook-resource': 'event_alert' } : {});
        expect(res.status).toBe(400);
        const message = (res.json as { error: { message: string } }).error.message;
        expect(message).not.toMatch(/\bundefined\b|\bnull\b|\[object \w+\]/);
      }
    },
  );
});
