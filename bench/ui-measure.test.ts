import { describe, expect, it } from 'vitest';
import { summarizeLongTasks, tenth, uiBenchPlan } from './ui-measure.js';

describe('summarizeLongTasks', () => {
  it('gives the longest task, how many there were and how many took over 100 ms', () => {
    expect(summarizeLongTasks([62.04, 154.34, 50, 100, 100.2])).toEqual({ longestMs: 154.3, count: 5, over100: 2 });
  });

  it('reports no long task as a longest of 0', () => {
    expect(summarizeLongTasks([])).toEqual({ longestMs: 0, count: 0, over100: 0 });
  });
});

describe('tenth', () => {
  it('rounds to a tenth of a millisecond', () => {
    expect(tenth(461.84)).toBe(461.8);
    expect(tenth(16.75)).toBe(16.8);
  });
});

describe('uiBenchPlan', () => {
  it('runs 10,000 entries against 10 in full, 2,000 with --quick, with fewer repetitions and steps when quick', () => {
    const full = uiBenchPlan(false);
    const quick = uiBenchPlan(true);
    expect([full.entries, full.baselineEntries]).toEqual([10_000, 10]);
    expect([quick.entries, quick.baselineEntries]).toEqual([2_000, 10]);
    expect(quick.repetitions).toBeLessThan(full.repetitions);
    expect(quick.scrollSteps).toBeLessThan(full.scrollSteps);
  });

  it('scrolls in some of the rounds of opens, never more (scroll passes ride on opens)', () => {
    for (const plan of [uiBenchPlan(false), uiBenchPlan(true)]) {
      expect(plan.scrollPasses).toBeGreaterThan(0);
      expect(plan.scrollPasses).toBeLessThanOrEqual(plan.repetitions);
    }
  });
});
