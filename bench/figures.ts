import { ratioOf, type BenchFigure } from './bench-result.js';
import type { LatencySummary } from './stats.js';

/** The target column of a figure the issue sets no target for (reported for context, e.g. a p50 beside its p99). */
export const NO_TARGET = '—';

export type FigureInput = Omit<BenchFigure, 'ratio'>;

/** A figure with its ratio to the baseline filled in. */
export function figure(input: FigureInput): BenchFigure {
  return { ...input, ratio: ratioOf(input.value, input.baseline) };
}

/** A figure reported without a target: `met` is true so that only real targets can make a run "missed". */
export function contextFigure(input: Omit<FigureInput, 'target' | 'met'>): BenchFigure {
  return figure({ ...input, target: NO_TARGET, met: true });
}

/**
 * p50 (context) and p99 (against the target) of a latency beside the same percentiles of its baseline. `p99Met`
 * decides the target from the p99 value and its ratio to the baseline's p99.
 */
export function latencyFigures(
  name: string,
  measured: LatencySummary,
  baseline: LatencySummary,
  baselineName: string,
  target: { readonly text: string; readonly met: (p99: number, ratio: number | null) => boolean },
): BenchFigure[] {
  const p99Ratio = ratioOf(measured.p99, baseline.p99);
  return [
    contextFigure({
      name: `${name} p50`,
      unit: 'ms',
      value: measured.p50,
      baseline: baseline.p50,
      baselineName,
      better: 'lower',
    }),
    figure({
      name: `${name} p99`,
      unit: 'ms',
      value: measured.p99,
      baseline: baseline.p99,
      baselineName,
      better: 'lower',
      target: target.text,
      met: target.met(measured.p99, p99Ratio),
    }),
  ];
}
