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

  it('refuses an event alert without an issue id, with the reason', () => {
    const result = parseSentry(
      fixture('sentry-malformed-no-issue.json'),
      { 'sentry-hook-resource': 'event_alert' },
      parseContext,
    );
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/issue_id/) as unknown });
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
