import { describe, expect, it } from 'vitest';
import { fixture, parseContext, RECEIVED_AT } from '../test/support/webhook-fixtures.js';
import { parseAlertmanager } from './alertmanager.js';
import type { NormalizedAlert, ParseResult } from './parse-support.js';

const alerts = (result: ParseResult): NormalizedAlert[] => {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.alerts;
};
const parse = (name: string) => parseAlertmanager(fixture(name), {}, parseContext);

describe('parseAlertmanager (payloads recorded from Alertmanager 0.25)', () => {
  it('reads the five things a good alert tells from labels and annotations', () => {
    expect(alerts(parse('alertmanager-firing.json'))).toEqual([
      {
        source: 'alertmanager',
        key: 'alertmanager:{}:{alertname="CheckoutErrorRate"}',
        status: 'firing',
        title: 'Checkout 5xx rate above 5%',
        description: '12% of POST /checkout requests failed in the last 5 minutes.',
        service: 'checkout',
        team: 'payments',
        impact: 'Customers cannot complete purchases',
        cause: 'Payment gateway timeouts since deploy 2026.11.27-3',
        runbookUrl: 'https://runbooks.example.com/checkout/5xx',
        url: 'http://prometheus.example.com:9090/graph?g0.expr=job%3Acheckout_5xx%3Aratio5m+%3E+0.05',
        severity: 'SEV-1',
        startsAt: '2026-11-27T13:31:48.000Z',
        endsAt: null,
        labels: {
          alertname: 'CheckoutErrorRate',
          env: 'prod',
          service: 'checkout',
          severity: 'critical',
          team: 'payments',
        },
      },
    ]);
  });

  it('makes one alert of a group of three series, keyed by the groupKey, at its highest severity', () => {
    const [group, ...rest] = alerts(parse('alertmanager-grouped.json'));
    expect(rest).toEqual([]);
    expect(group).toMatchObject({
      key: 'alertmanager:{}:{alertname="SearchLatencyHigh"}',
      status: 'firing',
      title: 'Search p99 latency above 2s',
      service: 'search',
      team: 'discovery',
      runbookUrl: 'https://runbooks.example.com/search/latency',
      severity: 'SEV-1', // one of the three series is critical
      startsAt: '2026-11-27T13:31:48.000Z',
      url: 'http://vm:19093', // no generatorURL on these series: the Alertmanager itself
    });
    expect(group?.description.split('\n')).toEqual([
      '- firing instance=search-1:9100, severity=warning: p99 latency of search-1 is 3.1s.',
      '- firing instance=search-2:9100, severity=warning: p99 latency of search-2 is 2.7s.',
      '- firing instance=search-3:9100, severity=critical: p99 latency of search-3 is 4.8s.',
    ]);
  });

  it('keeps a group firing while any of its series fires, listing only those', () => {
    const [group] = alerts(parse('alertmanager-partly-resolved.json'));
    expect(group).toMatchObject({ key: 'alertmanager:{}:{alertname="SearchLatencyHigh"}', status: 'firing' });
    expect(group?.description).not.toContain('search-1');
    expect(group?.endsAt).toBeNull();
  });

  it('marks a resolved group resolved, with its end time, under the same key as when it fired', () => {
    const [resolved] = alerts(parse('alertmanager-resolved.json'));
    const [fired] = alerts(parse('alertmanager-firing.json'));
    expect(resolved).toMatchObject({ status: 'resolved', endsAt: '2026-11-27T13:38:46.000Z' });
    expect(resolved?.key).toBe(fired?.key);
  });

  it('takes the group’s status, severity and context for alerts that carry none of their own', () => {
    const [group, ...rest] = alerts(parse('alertmanager-group-context-firing.json'));
    expect(rest).toEqual([]);
    expect(group).toMatchObject({
      key: 'alertmanager:{}:{alertname="OrdersQueueBacklog"}',
      status: 'firing', // no alert says; the group does
      title: 'Orders queue backlog above 5,000',
      service: 'orders',
      team: 'fulfilment',
      impact: 'Orders placed now ship a day late',
      runbookUrl: 'https://runbooks.example.com/orders/backlog',
      severity: 'SEV-1', // commonLabels.severity: critical
      startsAt: '2026-11-27T12:58:02.000Z',
      endsAt: null,
    });
    expect(group?.description.split('\n')).toEqual([
      'Orders wait in the queue longer than the 15 minute promise.',
      '',
      '- firing instance=orders-worker-1:9100',
      '- firing instance=orders-worker-2:9100',
    ]);
    const [resolved] = alerts(parse('alertmanager-group-context-resolved.json'));
    expect(resolved).toMatchObject({ key: group?.key, status: 'resolved', endsAt: '2026-11-27T13:32:02.000Z' });
  });

  it('lets an alert’s own status, labels and annotations win over the group’s', () => {
    const body = fixture('alertmanager-group-context-firing.json') as { alerts: object[] };
    const own = {
      status: 'resolved',
      labels: { alertname: 'OrdersQueueBacklog', instance: 'orders-worker-1:9100', severity: 'info' },
      annotations: { summary: 'Orders queue backlog on worker 1', runbook_url: 'https://runbooks.example.com/w1' },
      startsAt: '2026-11-27T12:58:02Z',
      endsAt: '2026-11-27T13:10:00Z',
    };
    const [alert] = alerts(parseAlertmanager({ ...body, alerts: [own] }, {}, parseContext));
    expect(alert).toMatchObject({
      status: 'resolved',
      severity: 'SEV-3',
      title: 'Orders queue backlog on worker 1',
      runbookUrl: 'https://runbooks.example.com/w1',
      impact: 'Orders placed now ship a day late', // not its own: the group's
    });
  });

  it.each([
    ['alertmanager-malformed-alert.json', /alerts\[0\]/],
    ['alertmanager-malformed-version.json', /version "3" is not supported/],
  ])('refuses %s with the reason', (name, reason) => {
    const result = parse(name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('refuses what is not an Alertmanager notification', () => {
    for (const body of [null, [], 'firing', { version: '4', status: 'firing', alerts: [] }, { groupKey: 'x' }])
      expect(parseAlertmanager(body, {}, parseContext).ok).toBe(false);
  });

  it('starts at the earliest series, falls back to when it was received, and hashes an overlong key', () => {
    const body = {
      version: '4',
      status: 'firing',
      groupKey: `{}:{alertname="${'x'.repeat(400)}"}`,
      groupLabels: { alertname: 'x' },
      alerts: [
        { status: 'firing', labels: { alertname: 'x' }, startsAt: '2026-11-27T10:00:00.5+02:00' },
        { status: 'firing', labels: { alertname: 'x', i: '2' }, startsAt: '0001-01-01T00:00:00Z' },
      ],
    };
    const [alert] = alerts(parseAlertmanager(body, {}, parseContext));
    expect(alert?.startsAt).toBe('2026-11-27T08:00:00.500Z');
    expect(alert?.key).toMatch(/^alertmanager:sha256:[0-9a-f]{64}$/);
    expect(alert?.severity).toBe('SEV-2'); // no severity label: when in doubt, the higher severity
    expect(alert?.title).toBe('x: 2 alerts firing');
    const [late] = alerts(
      parseAlertmanager({ ...body, alerts: [{ ...body.alerts[1], status: 'firing' }] }, {}, parseContext),
    );
    expect(late?.startsAt).toBe(RECEIVED_AT);
  });
});
