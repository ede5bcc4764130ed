import { describe, expect, it } from 'vitest';
import { formatDuration, since } from './durations.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45 * s, '45s'],
    [59 * s + 999, '59s'],
    [60 * s, '1m'],
    [12 * m + 59 * s, '12m'],
    [59 * m + 59 * s, '59m'],
    [h, '1h 00m'],
    [h + 5 * m, '1h 05m'],
    [h + 5 * m + 59 * s, '1h 05m'],
    [23 * h + 59 * m, '23h 59m'],
    [d, '1d 0h'],
    [2 * d + 3 * h + 59 * m, '2d 3h'],
    [400 * d, '400d 0h'],
  ])('%i ms reads %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('never shows a negative or broken duration', () => {
    expect(formatDuration(-1)).toBe('0s');
    expect(formatDuration(-3 * h)).toBe('0s');
    expect(formatDuration(Number.NaN)).toBe('0s');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('0s');
  });
});

describe('since', () => {
  const T0 = '2025-03-01T10:00:00.000Z';
  const t0 = Date.parse(T0);

  it('is null without a time', () => {
    expect(since(null, t0)).toBeNull();
  });

  it('is null for a time it cannot read', () => {
    expect(since('not a time', t0)).toBeNull();
  });

  it('reads the time elapsed', () => {
    expect(since(T0, t0 + 12 * m + 30 * s)).toBe('12m');
    expect(since(T0, t0 + 65 * m)).toBe('1h 05m');
    expect(since(T0, t0)).toBe('0s');
  });

  it('reads an offset time the same as UTC', () => {
    expect(since('2025-03-01T11:00:00+01:00', t0 + 30 * s)).toBe('30s');
  });

  it('reads a future time (a clock ahead) as 0s', () => {
    expect(since(T0, t0 - 5 * m)).toBe('0s');
  });
});
