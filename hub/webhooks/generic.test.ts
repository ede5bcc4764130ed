import { describe, expect, it } from 'vitest';
import { fixture, parseContext, RECEIVED_AT } from '../test/support/webhook-fixtures.js';
import { parseGeneric } from './generic.js';
import type { NormalizedAlert, ParseResult } from './parse-support.js';

const alerts = (result: ParseResult): NormalizedAlert[] => {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.alerts;
};

describe('parseGeneric (Warroom’s own JSON shape)', () => {
  it('reads a batch of alerts, every documented field', () => {
    const [first, second] = alerts(parseGeneric(fixture('generic-firing.json'), {}, parseContext));
    expect(first).toEqual({
      source: 'generic',
      key: 'generic:checkout-payment-gateway',
      status: 'firing',
      title: 'Payment gateway timeouts',
      description: '30% of card payments time out after 10s at the gateway.',
      service: 'checkout',
      team: 'payments',
      impact: 'About a third of customers cannot pay by card',
      cause: 'Gateway region eu-west degraded (their status page)',
      runbookUrl: 'https://runbooks.example.com/checkout/gateway',
      url: 'https://status-checks.example.com/checks/481',
      severity: 'SEV-1',
      startsAt: '2026-11-27T08:55:00.000Z',
      endsAt: null,
      labels: { region: 'eu-west', check: 'payment-gateway' },
    });
    expect(second?.key).toBe(first?.key);
  });

  it('reads one alert on its own, with defaults for what it leaves out', () => {
    expect(alerts(parseGeneric(fixture('generic-resolved.json'), {}, parseContext))).toEqual([
      expect.objectContaining({
        key: 'generic:checkout-payment-gateway',
        status: 'resolved',
        severity: 'SEV-2',
        startsAt: RECEIVED_AT,
        endsAt: '2026-11-27T09:40:00.000Z',
        labels: {},
      }),
    ]);
  });

  it('refuses unknown fields and bad times, naming them', () => {
    const result = parseGeneric(fixture('generic-malformed.json'), {}, parseContext);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/runbook_url/);
      expect(result.reason).toMatch(/ISO 8601/);
    }
  });

  it('refuses an empty batch, a missing key or title, and more than 100 alerts', () => {
    const one = { key: 'k', title: 't' };
    expect(parseGeneric({ alerts: [] }, {}, parseContext).ok).toBe(false);
    expect(parseGeneric({ title: 't' }, {}, parseContext).ok).toBe(false);
    expect(parseGeneric({ key: 'k', title: '  ' }, {}, parseContext).ok).toBe(false);
    expect(parseGeneric({ alerts: Array.from({ length: 101 }, () => one) }, {}, parseContext).ok).toBe(false);
    expect(parseGeneric({ alerts: Array.from({ length: 100 }, () => one) }, {}, parseContext).ok).toBe(true);
  });

  it('shortens a monitor’s overlong text instead of refusing the alert', () => {
    const [alert] = alerts(
      parseGeneric({ key: 'k', title: 'T'.repeat(500), description: 'd'.repeat(5000) }, {}, parseContext),
    );
    expect(alert?.title).toHaveLength(200);
    expect(alert?.title.endsWith('…')).toBe(true);
    expect(alert?.description).toHaveLength(4000);
  });

  it('takes text-direction overrides and control characters out of a monitor’s text instead of refusing the alert', () => {
    const [alert] = alerts(
      parseGeneric(
        { key: 'k', title: 'Checkout \u202Egnp.exe\u202C down\u0007', description: 'line 1\nline 2\u2066' },
        {},
        parseContext,
      ),
    );
    expect(alert?.title).toBe('Checkout gnp.exe down');
    expect(alert?.description).toBe('line 1\nline 2');
  });
});
