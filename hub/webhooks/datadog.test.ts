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

describe('parseDatadog: the default payload of a monitor, with the links Datadog writes into its message', () => {
  const MONITOR = 'datadog:monitor:64120533';

  it('finds the monitor in the message, keys by it and links to it, leaving the graph and link row out', () => {
    const [alert] = parse('datadog-default-monitor-triggered.json');
    expect(alert).toMatchObject({
      key: MONITOR,
      status: 'firing',
      title: 'Disk almost full on db-main-1',
      severity: 'SEV-2', // [P2] in the title
      runbookUrl: 'https://runbooks.example.com/db/disk-full',
      url: 'https://app.datadoghq.com/monitors/64120533?group=host%3Adb-main-1&from_ts=1795767000000&to_ts=1795768200000&event_id=8390011873640001001&link_source=monitor_notif',
      startsAt: '2026-11-27T08:30:00.000Z',
    });
    expect(alert?.description).toBe(
      [
        'Disk usage on db-main-1 is 95% (threshold 90%). Clear old WAL segments first: [Runbook](https://runbooks.example.com/db/disk-full)',
        '**system.disk.in_use** over **host:db-main-1** was **> 0.9** on average during the **last 5m**.',
        'The monitor was last triggered at Fri Nov 27 2026 08:30:00 UTC.',
        'Scope: host:db-main-1',
      ].join('\n\n'),
    );
    expect(alert?.labels).toMatchObject({ monitor_id: '64120533', priority: 'P2', host: 'db-main-1' });
  });

  it('groups the hosts of one multi-alert monitor, whose titles differ, into one key, and resolves it', () => {
    const [first] = parse('datadog-default-monitor-triggered.json');
    const [second] = parse('datadog-default-monitor-triggered-other-host.json');
    const [recovered] = parse('datadog-default-monitor-recovered.json');
    expect(second).toMatchObject({ key: MONITOR, title: 'Disk almost full on db-main-2', status: 'firing' });
    expect(first?.title).not.toBe(second?.title);
    expect(recovered).toMatchObject({ key: MONITOR, status: 'resolved', endsAt: '2026-11-27T09:10:00.000Z' });
  });

  it('reads older messages (monitors#id) and other Datadog sites, and never an edit link as the alert’s link', () => {
    const body = (text: string) => ({ ...(fixture('datadog-default-triggered.json') as object), body: text });
    const [old] = alerts(
      parseDatadog(
        body(
          '%%%\nCPU high\n\n- - -\n\n[[Monitor Status](https://app.datadoghq.com/monitors#25562336?group=host%3Aci-1)] · [[Edit Monitor](https://app.datadoghq.com/monitors#25562336/edit)]\n%%%',
        ),
        {},
        parseContext,
      ),
    );
    expect(old).toMatchObject({
      key: 'datadog:monitor:25562336',
      url: 'https://app.datadoghq.com/monitors#25562336?group=host%3Aci-1',
      description: 'CPU high\n\nScope: service:checkout,env:prod',
    });
    const [eu] = alerts(
      parseDatadog(body('See [[Edit Monitor](https://app.datadoghq.eu/monitors/7001/edit)]'), {}, parseContext),
    );
    expect(eu).toMatchObject({ key: 'datadog:monitor:7001', url: 'https://app.datadoghq.eu/monitors/7001' });
    const [elsewhere] = alerts(parseDatadog(body('https://example.com/monitors/99'), {}, parseContext));
    expect(elsewhere?.key).toBe('datadog:title:checkout p99 latency above 2s');
  });

  it('refuses the payload template itself, saying its variables were not expanded and how to send it', () => {
    const result = parseDatadog(fixture('datadog-template-unexpanded.json'), {}, parseContext);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/template variables were not expanded/);
    expect(result.reason).toMatch(/\$EVENT_TITLE/);
    expect(result.reason).toMatch(/Datadog's Webhooks integration/);
    expect(result.reason).not.toMatch(/needs a title/);
    // A title typed in by hand does not hide a body that was never expanded.
    const half = { ...(fixture('datadog-template-unexpanded.json') as object), title: 'Disk almost full' };
    expect(parseDatadog(half, {}, parseContext)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not expanded: the body still holds \$EVENT_MSG, \$LAST_UPDATED/) as unknown,
    });
  });

  it('takes an alert whose optional variables were left as written, with a warning naming them', () => {
    const body = {
      ...(fixture('datadog-recommended-triggered.json') as object),
      alert_priority: '$ALERT_PRIORITY',
      hostname: '$HOSTNAME',
    };
    const result = parseDatadog(body, {}, parseContext);
    expect(result).toMatchObject({
      ok: true,
      warnings: [expect.stringMatching(/^Datadog left \$ALERT_PRIORITY and \$HOSTNAME in the payload unexpanded/)],
    });
    const [alert] = alerts(result);
    expect(alert).toMatchObject({ key: 'datadog:monitor:48213377', severity: 'SEV-1' }); // [P1] in the title
    expect(alert?.labels.host).toBe('db-main-1'); // from the scope, not "$HOSTNAME"
    expect(parseDatadog(fixture('datadog-recommended-triggered.json'), {}, parseContext)).not.toHaveProperty(
      'warnings',
    );
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
