import { describe, expect, it } from 'vitest';
import { fixture, parseContext, RECEIVED_AT } from '../test/support/webhook-fixtures.js';
import { parseDatadog } from './datadog.js';
import type { NormalizedAlert, ParseResult } from './parse-support.js';

const alerts = (result: ParseResult): NormalizedAlert[] => {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.alerts;
};
const parse = (name: string) => alerts(parseDatadog(fixture(name), {}, parseContext));

describe('parseDatadog: the default payload', () => {
  it('reads the title, transition, scope and date out of what Datadog sends by default', () => {
    expect(parse('datadog-default-triggered.json')).toEqual([
      {
        source: 'datadog',
        key: 'datadog:title:checkout p99 latency above 2s',
        status: 'firing',
        title: 'Checkout p99 latency above 2s',
        description:
          'Checkout p99 latency is 3.2s (threshold 2s) on service:checkout.\n\n[Runbook](https://runbooks.example.com/checkout/latency)\n\nScope: service:checkout,env:prod',
        service: 'checkout',
        team: '',
        impact: '',
        cause: '',
        runbookUrl: 'https://runbooks.example.com/checkout/latency',
        url: '',
        severity: 'SEV-2', // the default payload names no priority: rounded up from the lowest level
        startsAt: '2026-11-27T09:30:00.000Z',
        endsAt: null,
        labels: {
          transition: 'Triggered',
          event_type: 'query_alert_monitor',
          org: 'Example Shop',
          event_id: '7711865542938291637',
          service: 'checkout',
          env: 'prod',
        },
      },
    ]);
  });

  it('resolves the same key on [Recovered]', () => {
    const [recovered] = parse('datadog-default-recovered.json');
    const [triggered] = parse('datadog-default-triggered.json');
    expect(recovered).toMatchObject({ status: 'resolved', endsAt: '2026-11-27T10:00:00.000Z' });
    expect(recovered?.key).toBe(triggered?.key);
  });
});

describe('parseDatadog: the recommended payload (docs/webhooks.md)', () => {
  it('keys by monitor, so every host of a multi-alert monitor joins one incident', () => {
    const [first] = parse('datadog-recommended-triggered.json');
    const [second] = parse('datadog-recommended-triggered-other-host.json');
    expect(first).toMatchObject({
      key: 'datadog:monitor:48213377',
      status: 'firing',
      title: 'Database disk almost full',
      service: 'orders-db',
      team: 'data-platform',
      severity: 'SEV-1', // P1
      runbookUrl: 'https://runbooks.example.com/db/disk-full',
      url: 'https://app.datadoghq.com/event/event?id=7711865542938280001',
      startsAt: '2026-11-27T08:30:00.000Z',
    });
    expect(first?.description).toContain('system.disk.in_use over host:db-main-1 was > 0.9');
    expect(first?.labels).toMatchObject({ monitor_id: '48213377', priority: 'P1', host: 'db-main-1', role: 'db' });
    expect(second?.key).toBe(first?.key);
  });

  it('resolves on the Recovered transition', () => {
    const [recovered] = parse('datadog-recommended-recovered.json');
    expect(recovered).toMatchObject({ key: 'datadog:monitor:48213377', status: 'resolved' });
  });

  it('reads priority from alert_type when there is none, and ignores variables Datadog left unfilled', () => {
    const [warn] = parse('datadog-recommended-triggered.json');
    const body = {
      ...(fixture('datadog-recommended-triggered.json') as object),
      alert_priority: '$ALERT_PRIORITY',
      title: '[Warn on {host:db-main-1}] Database disk almost full',
      alert_type: 'info',
      date: '',
      last_updated: '',
    };
    const [info] = alerts(parseDatadog(body, {}, parseContext));
    expect(warn?.severity).toBe('SEV-1');
    expect(info).toMatchObject({ severity: 'SEV-3', startsAt: RECEIVED_AT, status: 'firing' });
  });

  it('refuses a payload without a title, with the reason', () => {
    const result = parseDatadog(fixture('datadog-malformed-no-title.json'), {}, parseContext);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/needs a title/) as unknown });
    expect(parseDatadog({ title: { nested: true } }, {}, parseContext).ok).toBe(false);
  });
});
