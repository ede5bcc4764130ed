import { describe, expect, it } from 'vitest';
import { SENTRY_TIMESTAMP_TOLERANCE_MS, SentryReplayGuard } from './sentry-replay.js';

describe('SentryReplayGuard', () => {
  const start = Date.parse('2026-11-27T14:00:00Z');
  const stamp = (ms: number) => String(ms / 1000);

  it('remembers a taken delivery by Request-ID until its timestamp could no longer pass anyway', () => {
    let now = start;
    const guard = new SentryReplayGuard(() => now);
    const headers = { 'request-id': 'r1', 'sentry-hook-timestamp': stamp(start) };
    const first = guard.check(headers);
    expect(first.ok).toBe(true);
    expect(guard.check(headers)).toMatchObject({ ok: false, status: 409, code: 'replayed' });
    expect(guard.check({ 'request-id': 'r1' })).toMatchObject({ ok: false, code: 'replayed' });

    now += 2 * SENTRY_TIMESTAMP_TOLERANCE_MS + 1;
    expect(guard.check(headers)).toMatchObject({ ok: false, status: 401, code: 'stale_request' });
    // Forgotten by now: the same Request-ID with a fresh timestamp is new again.
    expect(guard.check({ 'request-id': 'r1', 'sentry-hook-timestamp': stamp(now) }).ok).toBe(true);
  });

  it('lets a delivery through again once the hub released it (not taken: the sender may retry)', () => {
    const guard = new SentryReplayGuard(() => start);
    const headers = { 'request-id': 'r2', 'sentry-hook-timestamp': stamp(start) };
    const first = guard.check(headers);
    expect(first.ok).toBe(true);
    expect(guard.check(headers)).toMatchObject({ ok: false, code: 'replayed' });
    if (first.ok) first.release();
    expect(guard.check(headers).ok).toBe(true);
  });

  it('refuses a timestamp that is not a number of seconds, and lets through a delivery without the headers', () => {
    const guard = new SentryReplayGuard(() => start);
    for (const bad of ['', 'soon', '1e12', '-5'])
      expect(guard.check({ 'sentry-hook-timestamp': bad })).toMatchObject({ ok: false, code: 'stale_request' });
    expect(guard.check({}).ok).toBe(true);
  });
});
