import { describe, expect, it } from 'vitest';
import { fixture, fixtureBytes, parseContext, RECEIVED_AT } from '../test/support/webhook-fixtures.js';
import type { NormalizedAlert, ParseResult } from './parse-support.js';
import { parseSentry, signSentryBody, verifySentrySignature } from './sentry.js';

const alerts = (result: ParseResult): NormalizedAlert[] => {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.alerts;
};

describe('parseSentry', () => {
  it('turns an issue alert (event_alert) into a firing alert keyed by the issue', () => {
    const [alert, ...rest] = alerts(
      parseSentry(fixture('sentry-event-alert.json'), { 'sentry-hook-resource': 'event_alert' }, parseContext),
    );
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      source: 'sentry',
      key: 'sentry:issue:4420771235',
      status: 'firing',
      title: "TypeError: Cannot read properties of undefined (reading 'token')",
      service: 'shop-web', // the project, from the event's API URL
      team: 'payments', // a `team` tag
      cause: 'submitPayment(app/checkout/pay)',
      url: 'https://sentry.io/organizations/example-shop/issues/4420771235/events/5b0f3d1c2a9e4f6b8c7d1e2f3a4b5c6d/',
      severity: 'SEV-2', // level error
      startsAt: '2026-11-27T08:41:12.504Z',
      endsAt: null,
    });
    expect(alert?.description).toBe(
      'Alert rule: Checkout errors to Warroom\nIn submitPayment(app/checkout/pay)\nEnvironment: production\nRelease: shop-web@2026.11.27-3',
    );
    expect(alert?.labels).toMatchObject({ issue_id: '4420771235', browser: 'Firefox 133.0', handled: 'no' });
  });

  it('resolves the same key when the issue is resolved in Sentry', () => {
    const [resolved] = alerts(
      parseSentry(fixture('sentry-issue-resolved.json'), { 'sentry-hook-resource': 'issue' }, parseContext),
    );
    expect(resolved).toMatchObject({
      key: 'sentry:issue:4420771235',
      status: 'resolved',
      service: 'shop-web',
      startsAt: '2026-11-27T08:39:55.118Z',
      endsAt: RECEIVED_AT,
    });
  });

  it('ignores resources and actions that carry no alert', () => {
    expect(
      parseSentry(fixture('sentry-issue-created.json'), { 'sentry-hook-resource': 'issue' }, parseContext),
    ).toEqual({
      ok: true,
      alerts: [],
      ignored: 'Sentry issue action "created" carries no alert.',
    });
    expect(
      parseSentry({ action: 'created', data: {} }, { 'sentry-hook-resource': 'installation' }, parseContext),
    ).toEqual({
      ok: true,
      alerts: [],
      ignored: 'Sentry resource "installation" carries no alert.',
    });
  });

  it('tells the resource from the body when the header is missing', () => {
    expect(alerts(parseSentry(fixture('sentry-event-alert.json'), {}, parseContext))[0]?.status).toBe('firing');
  });

  it('carries environment and release from the event’s tags when the event does not give them itself', () => {
    const body = fixture('sentry-event-alert.json') as { data: { event: Record<string, unknown> } };
    const event = {
      ...body.data.event,
      environment: null,
      release: null,
      tags: [
        ['environment', 'staging'],
        ['release', 'shop-web@1.2.3'],
        ['team', 'payments'],
      ],
    };
    const [alert] = alerts(
      parseSentry({ ...body, data: { ...body.data, event } }, { 'sentry-hook-resource': 'event_alert' }, parseContext),
    );
    expect(alert?.description).toContain('Environment: staging\nRelease: shop-web@1.2.3');
    expect(alert?.labels).toMatchObject({ environment: 'staging', release: 'shop-web@1.2.3', team: 'payments' });
  });

  it('refuses an event alert without an issue id, with the reason', () => {
    const result = parseSentry(
      fixture('sentry-malformed-no-issue.json'),
      { 'sentry-hook-resource': 'event_alert' },
      parseContext,
    );
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/issue_id/) as unknown });
  });
});

describe('parseSentry: metric alerts', () => {
  const metric = { 'sentry-hook-resource': 'metric_alert' };
  const parse = (name: string, headers: Record<string, string> = metric) =>
    alerts(parseSentry(fixture(name), headers, parseContext));

  it('opens a critical metric alert as a firing alert keyed by its rule, at the higher severity', () => {
    expect(parse('sentry-metric-alert-critical.json')).toEqual([
      {
        source: 'sentry',
        key: 'sentry:metric:3081',
        status: 'firing',
        title: 'Checkout errors spike',
        description: [
          '1240 events in the last 10 minutes',
          'Filter: level:error transaction:/checkout/pay',
          'Metric: count() over 10 min',
          'Environment: production',
          'Projects: shop-web',
        ].join('\n'),
        service: 'shop-web',
        team: '',
        impact: '',
        cause: '',
        runbookUrl: '',
        url: 'https://sentry.io/organizations/example-shop/alerts/rules/details/3081/?alert=118',
        severity: 'SEV-1',
        startsAt: '2026-11-27T08:34:00.000Z',
        endsAt: null,
        labels: {
          rule_id: '3081',
          rule: 'Checkout errors spike',
          trigger: 'critical',
          incident: '118',
          environment: 'production',
          dataset: 'events',
          projects: 'shop-web',
        },
      },
    ]);
  });

  it('opens a warning at the lower severity, under the same key, and resolves it', () => {
    const [warning] = parse('sentry-metric-alert-warning.json');
    expect(warning).toMatchObject({ key: 'sentry:metric:3081', status: 'firing', severity: 'SEV-2' });
    const [resolved] = parse('sentry-metric-alert-resolved.json');
    expect(resolved).toMatchObject({
      key: 'sentry:metric:3081',
      status: 'resolved',
      endsAt: '2026-11-27T09:20:00.000Z',
    });
  });

  it('reads the payload exactly as Sentry’s documentation shows it', () => {
    const documented = {
      action: 'resolved',
      actor: { id: 'sentry', name: 'Sentry', type: 'application' },
      data: {
        description_text: '1000 events in the last 10 minutes\\nFilter: level:error',
        description_title: 'Resolved: Too many errors',
        metric_alert: {
          alert_rule: {
            aggregate: 'count()',
            created_by: null,
            dataset: 'events',
            date_created: '2020-09-13T12:26:40.000000Z',
            date_modified: '2020-09-13T12:26:40.000000Z',
            environment: null,
            id: '7',
            include_all_projects: false,
            name: 'Too many errors',
            organization_id: '5',
            projects: ['bar'],
            query: 'level:error',
            resolution: 1,
            resolve_threshold: null,
            status: 0,
            threshold_period: 1,
            threshold_type: 0,
            time_window: 10,
            triggers: [],
          },
          date_closed: null,
          date_created: '2020-09-13T12:26:40.000000Z',
          date_detected: '2020-09-13T12:26:40.000000Z',
          date_started: '2020-09-13T12:26:40.000000Z',
          id: '4',
          identifier: '1',
          organization_id: '5',
          projects: ['bar'],
          status: 2,
          status_method: 3,
          title: 'Sacred Marmot',
          type: 2,
        },
        web_url: 'https://sentry.io/organizations/baz/alerts/1/',
      },
      installation: { uuid: 'a8e5d37a-696c-4c54-adb5-b3f28d64c7de' },
    };
    expect(alerts(parseSentry(documented, metric, parseContext))).toEqual([
      expect.objectContaining({
        key: 'sentry:metric:7',
        status: 'resolved',
        title: 'Too many errors',
        description:
          '1000 events in the last 10 minutes\nFilter: level:error\nMetric: count() over 10 min\nProjects: bar',
        service: 'bar',
        url: 'https://sentry.io/organizations/baz/alerts/1/',
        endsAt: RECEIVED_AT, // no date_closed
      }),
    ]);
  });

  it('tells a metric alert from its body when the header is missing', () => {
    expect(parse('sentry-metric-alert-critical.json', {})[0]?.key).toBe('sentry:metric:3081');
  });

  it('takes the rule’s name from Sentry’s heading when the rule has none, and ignores other actions', () => {
    const body = fixture('sentry-metric-alert-warning.json') as {
      data: { metric_alert: { alert_rule: object } & Record<string, unknown> } & Record<string, unknown>;
    };
    const unnamed = {
      ...body,
      data: {
        ...body.data,
        metric_alert: { ...body.data.metric_alert, alert_rule: { ...body.data.metric_alert.alert_rule, name: null } },
      },
    };
    expect(alerts(parseSentry(unnamed, metric, parseContext))[0]?.title).toBe('Checkout errors spike');
    expect(parseSentry({ ...body, action: 'renamed' }, metric, parseContext)).toEqual({
      ok: true,
      alerts: [],
      ignored: 'Sentry metric alert action "renamed" carries no alert.',
    });
  });

  it('refuses a metric alert without its rule, with the reason', () => {
    const body = fixture('sentry-metric-alert-critical.json') as { data: { metric_alert: object } };
    const result = parseSentry({ ...body, data: { ...body.data, metric_alert: {} } }, metric, parseContext);
    expect(result).toEqual({
      ok: false,
      reason:
        'Not a Sentry metric alert (metric_alert): data.metric_alert.alert_rule is missing (it must be an object).',
    });
  });
});

describe('verifySentrySignature', () => {
  const body = fixtureBytes('sentry-event-alert.json');
  const secret = 'c1e3f5a7b9d1e3f5a7b9d1e3f5a7b9d1e3f5a7b9d1e3f5a7b9d1e3f5a7b9d1e3';

  it('accepts the hex HMAC-SHA256 of the raw body with the client secret', () => {
    expect(verifySentrySignature(body, signSentryBody(body, secret), secret)).toBe(true);
  });

  it('refuses a missing, malformed or wrong signature, another secret, or a changed body', () => {
    const good = signSentryBody(body, secret);
    expect(verifySentrySignature(body, undefined, secret)).toBe(false);
    expect(verifySentrySignature(body, 'not-hex', secret)).toBe(false);
    expect(verifySentrySignature(body, good, 'another secret')).toBe(false);
    expect(verifySentrySignature(Buffer.concat([body, Buffer.from(' ')]), good, secret)).toBe(false);
    expect(
      verifySentrySignature(
        body,
        good.replace(/^./, (c) => (c === '0' ? '1' : '0')),
        secret,
      ),
    ).toBe(false);
  });
});
