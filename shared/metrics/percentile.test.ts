import { describe, expect, it } from 'vitest';
import { median, percentile } from './percentile.js';

describe('percentile (linear interpolation between closest ranks)', () => {
  it('is null without samples, and the sample itself with one', () => {
    expect(percentile([], 90)).toBeNull();
    expect(median([])).toBeNull();
    expect(percentile([42], 90)).toBe(42);
    expect(median([42])).toBe(42);
  });

  it('gives the usual median, between the middle two for an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interpolates p90 between the two samples around rank (n - 1) * 0.9', () => {
    // Ranks 0..9: h = 8.1, so 90 + 0.1 * (100 - 90).
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(91);
    // Two samples: h = 0.9.
    expect(percentile([60, 120], 90)).toBe(114);
    expect(percentile([5, 1, 9], 0)).toBe(1);
    expect(percentile([5, 1, 9], 100)).toBe(9);
  });

  it('rounds to the millisecond and leaves its input alone', () => {
    const input = Object.freeze([0.1, 0.2, 0.3]);
    expect(percentile(input, 90)).toBe(0.28);
    expect(input).toEqual([0.1, 0.2, 0.3]);
  });

  it('refuses a p outside 0-100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});
