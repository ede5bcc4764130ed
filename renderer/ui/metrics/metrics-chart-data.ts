import { SEVERITIES, type Severity } from '../../../shared/domain/severity.js';
import type { DurationStats, MetricsSummary, TrendDirection } from '../../../shared/metrics/aggregate.js';
import { MEASURES, toMinutes, type Measure } from './metrics-format.js';

// What the charts and their tables show, built from a report without any chart library: the chart and its text
// alternative read the same numbers.

export const STATS = [
  { key: 'median', field: 'medianSeconds', label: 'median' },
  { key: 'p90', field: 'p90Seconds', label: 'p90' },
] as const;
export type Stat = (typeof STATS)[number];

export interface DurationCell {
  readonly severity: Severity;
  /** null: no incident of this severity had the moment (shown as "no data", never as 0). */
  readonly seconds: number | null;
  /** How many incidents had the moment. */
  readonly samples: number;
}

/** One line of the durations table: a measure's median or p90, per severity. */
export interface DurationRow {
  readonly measure: Measure;
  readonly stat: Stat;
  readonly cells: readonly DurationCell[];
}

export function durationRows(summary: MetricsSummary): DurationRow[] {
  return MEASURES.flatMap((measure) =>
    STATS.map((stat) => ({
      measure,
      stat,
      cells: SEVERITIES.map((severity) => {
        const stats: DurationStats = summary.bySeverity[severity][measure.key];
        return { severity, seconds: stats[stat.field], samples: stats.samples };
      }),
    })),
  );
}

/** One bar series: a severity's median or p90 for each measure, in minutes (null: no data, no bar). */
export interface DurationSeries {
  readonly severity: Severity;
  readonly stat: Stat['key'];
  readonly label: string;
  readonly minutes: readonly (number | null)[];
  /** The same values in seconds, for tooltips. */
  readonly seconds: readonly (number | null)[];
  readonly samples: readonly number[];
}

export interface DurationChartModel {
  /** The measures along the x axis ("TTD", …). */
  readonly labels: readonly string[];
  readonly series: readonly DurationSeries[];
}

/** Grouped bars: for each measure, each severity's median beside its p90. */
export function durationChartModel(summary: MetricsSummary): DurationChartModel {
  return {
    labels: MEASURES.map((m) => m.short),
    series: SEVERITIES.flatMap((severity) =>
      STATS.map((stat) => {
        const stats = MEASURES.map((m) => summary.bySeverity[severity][m.key]);
        const seconds = stats.map((s) => s[stat.field]);
        return {
          severity,
          stat: stat.key,
          label: `${severity} ${stat.label}`,
          minutes: seconds.map(toMinutes),
          seconds,
          samples: stats.map((s) => s.samples),
        };
      }),
    ),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Mar" for 2025-03-03: short enough for a week's label under its bar. */
export function shortDay(day: string): string {
  const [, month, date] = day.split('-').map(Number);
  return `${date ?? ''} ${MONTHS[(month ?? 1) - 1] ?? ''}`;
}

export interface WeekRow {
  readonly week: string;
  readonly startsOn: string;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly declined: number;
  /** Incidents that count (declined ones not). */
  readonly total: number;
}

export function weekRows(summary: MetricsSummary): WeekRow[] {
  return summary.weeks.map((w) => ({
    week: w.week,
    startsOn: w.startsOn,
    counts: w.bySeverity,
    declined: w.declined,
    total: SEVERITIES.reduce((sum, s) => sum + w.bySeverity[s], 0),
  }));
}

export type WeekSeriesKey = Severity | 'declined';

export interface WeeklyChartModel {
  /** Two lines per week: "W10" and its Monday, "3 Mar". */
  readonly labels: readonly (readonly string[])[];
  /** The severities stacked in one bar per week; the declined ones in a bar of their own beside it. */
  readonly series: readonly { readonly key: WeekSeriesKey; readonly label: string; readonly values: number[] }[];
}

export function weeklyChartModel(summary: MetricsSummary): WeeklyChartModel {
  const rows = weekRows(summary);
  return {
    labels: rows.map((r) => [r.week.slice(5), shortDay(r.startsOn)]),
    series: [
      ...SEVERITIES.map((severity) => ({
        key: severity,
        label: severity,
        values: rows.map((r) => r.counts[severity]),
      })),
      { key: 'declined' as const, label: 'Declined (noise, apart)', values: rows.map((r) => r.declined) },
    ],
  };
}

export type TrendTone = 'good' | 'bad' | 'neutral';

/**
 * The headline over the SEV-3 sentence. SEV-3 means "caught before customers notice", so a larger share of them is
 * the good direction, and the screen says so in words (not colour alone).
 */
export function trendHeadline(direction: TrendDirection): { readonly tone: TrendTone; readonly text: string } {
  switch (direction) {
    case 'up':
      return { tone: 'good', text: 'Good news: more incidents caught early' };
    case 'down':
      return { tone: 'bad', text: 'Fewer incidents caught early' };
    case 'same':
      return { tone: 'neutral', text: 'As many caught early as before' };
    case 'unknown':
      return { tone: 'neutral', text: 'Nothing to compare yet' };
  }
}
