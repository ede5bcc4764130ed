import { describe, expect, it } from 'vitest';
import type { BenchOutcome } from './bench-result.js';
import { contextFigure, figure, latencyFigures } from './figures.js';
import { summarize } from './stats.js';
import { formatRatio, formatTable, formatValue } from './table.js';

describe('the results table', () => {
  it('writes each unit the way people read it', () => {
    expect(formatValue(12.345, 'ms')).toBe('12.35 ms');
    expect(formatValue(12345.6, 'commands/s')).toBe('12,346/s');
    expect(formatValue(42.25, 'KB')).toBe('42.3 KB');
    expect(formatValue(157228.4, 'KB')).toBe('157,228 KB');
    expect(formatValue(1605.2, 'bytes')).toBe('1,605 B');
    expect(formatValue(null, 'ms')).toBe('-');
    expect(formatRatio(1.234)).toBe('1.23x');
    expect(formatRatio(null)).toBe('-');
  });

  it('has a row per figure with its baseline, ratio, target and whether it is met', () => {
    const outcome: BenchOutcome = {
      id: 'throughput',
      title: '3. Durable throughput',
      settings: {},
      figures: [
        figure({
          name: 'durable commands/s',
          unit: 'commands/s',
          value: 4000,
          baseline: 40000,
          baselineName: 'raw inserts',
          better: 'higher',
          target: '>= 5,000/s',
          met: false,
        }),
        contextFigure({
          name: 'ack p50',
          unit: 'ms',
          value: 2,
          baseline: null,
          baselineName: null,
          better: 'lower',
        }),
      ],
      notes: ['bounded by the broadcast'],
    };
    const lines = formatTable([outcome]).split('\n');
    expect(lines[0]).toMatch(/^figure\s+value\s+baseline\s+ratio\s+target\s+met$/);
    expect(lines[2]).toMatch(/^durable commands\/s\s+4,000\/s\s+40,000\/s\s+0\.10x\s+>= 5,000\/s\s+NO$/);
    // A figure without a target shows neither a target verdict nor a baseline it does not have.
    expect(lines[3]).toMatch(/^ack p50\s+2\.00 ms\s+-\s+-\s+—$/);
    expect(lines.slice(4)).toEqual([
      '',
      '3. Durable throughput:',
      '  baseline: raw inserts',
      '  - bounded by the broadcast',
    ]);
  });

  it('judges a latency target on p99 and its ratio to the baseline p99', () => {
    const [p50, p99] = latencyFigures('alert-to-page', summarize([1, 2, 30]), summarize([1, 1, 10]), 'bare', {
      text: '< 15 ms and <= 2x baseline',
      met: (value, ratio) => value < 15 && ratio !== null && ratio <= 2,
    });
    expect(p50).toMatchObject({ name: 'alert-to-page p50', value: 2, baseline: 1, ratio: 2, met: true });
    expect(p99).toMatchObject({ name: 'alert-to-page p99', value: 30, baseline: 10, ratio: 3, met: false });
  });
});
