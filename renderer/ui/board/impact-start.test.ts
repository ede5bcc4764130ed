import { describe, expect, it } from 'vitest';
import { impactStartedAt } from './impact-start.js';

const NOW = Date.parse('2026-03-10T14:07:42.500Z');
const choice = (mode: 'now' | 'minutes' | 'at', value = '') => ({
  mode,
  minutes: mode === 'minutes' ? value : '',
  at: mode === 'at' ? value : '',
});

describe('when the impact started', () => {
  it('is the current minute for "just now"', () => {
    expect(impactStartedAt(choice('now'), NOW)).toEqual({ ok: true, at: '2026-03-10T14:07:00.000Z' });
  });

  it('counts whole minutes back, 0 being now', () => {
    expect(impactStartedAt(choice('minutes', '0'), NOW)).toEqual({ ok: true, at: '2026-03-10T14:07:00.000Z' });
    expect(impactStartedAt(choice('minutes', ' 90 '), NOW)).toEqual({ ok: true, at: '2026-03-10T12:37:00.000Z' });
    for (const typed of ['', '-5', '2.5', 'ten', '1e3', '9999999'])
      expect(impactStartedAt(choice('minutes', typed), NOW)).toEqual({
        ok: false,
        message: 'Say how many minutes ago the impact started: a whole number, 0 or more.',
      });
  });

  it('takes a date and time in local time, not in the future', () => {
    const local = '2026-03-10T09:15';
    expect(impactStartedAt(choice('at', local), NOW)).toEqual({ ok: true, at: new Date(local).toISOString() });
    expect(impactStartedAt(choice('at', ''), NOW)).toEqual({
      ok: false,
      message: 'Pick the date and time the impact started.',
    });
    expect(impactStartedAt(choice('at', '2026-03-12T09:15'), NOW)).toEqual({
      ok: false,
      message: 'The impact cannot start in the future.',
    });
  });
});
