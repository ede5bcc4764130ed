import type { BenchFigure, BenchOutcome } from './bench-result.js';
import { NO_TARGET } from './figures.js';

/** A figure's number for people: ms with two decimals, rates and sizes grouped in thousands. */
export function formatValue(value: number | null, unit: BenchFigure['unit']): string {
  if (value === null || !Number.isFinite(value)) return '-';
  switch (unit) {
    case 'ms':
      return `${value.toFixed(2)} ms`;
    case 'commands/s':
    case 'requests/s':
      return `${grouped(Math.round(value))}/s`;
    case 'KB':
      return `${value >= 100 ? grouped(Math.round(value)) : value.toFixed(1)} KB`;
    case 'bytes':
      return `${grouped(Math.round(value))} B`;
  }
}

export function formatRatio(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '-' : `${ratio.toFixed(2)}x`;
}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const HEADER = ['figure', 'value', 'baseline', 'ratio', 'target', 'met'] as const;

/** The results as a plain-text table (one row per figure), then each benchmark's baselines and notes. */
export function formatTable(outcomes: readonly BenchOutcome[]): string {
  const rows: string[][] = outcomes.flatMap((o) =>
    o.figures.map((f) => [
      f.name,
      formatValue(f.value, f.unit),
      formatValue(f.baseline, f.unit),
      formatRatio(f.ratio),
      f.target,
      f.target === NO_TARGET ? '' : f.met ? 'yes' : 'NO',
    ]),
  );
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 || i >= 4 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const table = [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const legend = outcomes.flatMap((o) => {
    const baselines = [...new Set(o.figures.flatMap((f) => (f.baselineName ? [f.baselineName] : [])))];
    return [`${o.title}:`, ...baselines.map((b) => `  baseline: ${b}`), ...o.notes.map((n) => `  - ${n}`)];
  });
  return [...table, '', ...legend].join('\n');
}
