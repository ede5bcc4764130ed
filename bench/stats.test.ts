import { describe, expect, it } from 'vitest';
import { percentile, summarize, warmUpCount } from './stats.js';

describe('latency statistics', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose

  it('takes nearest-rank percentiles: no interpolation between samples', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([10, 20], 50)).toBe(10);
  });

  it('makes p99 of fewer than 100 samples the slowest one', () => {
    expect(percentile([5, 1, 9, 2], 99)).toBe(9);
  });

  it('does not reorder the samples it is given', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses no samples and impossible percentiles', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 0)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
  });

  it('summarises count, p50, p99, min, max and mean', () => {
    expect(summarize([4, 2, 6])).toEqual({ count: 3, p50: 4, p99: 6, min: 2, max: 6, mean: 4 });
  });

  it('leaves out a tenth of the samples as warm-up, at least three', () => {
    expect(warmUpCount(10)).toBe(3);
    expect(warmUpCount(50)).toBe(5);
    expect(warmUpCount(200)).toBe(20);
  });
});
