import { SEVERITIES, type Severity } from '../domain/severity.js';
import type { IncidentMetrics } from './incident-metrics.js';
import { isoWeekOf, isoWeeksBetween, type IsoWeek } from './iso-week.js';
import { median, percentile } from './percentile.js';

/** A half-open period [from, to) of ISO times. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

/** Median and p90 of one duration over the incidents that have it; `samples` says how many did. */
export interface DurationStats {
  readonly samples: number;
  readonly medianSeconds: number | null;
  readonly p90Seconds: number | null;
}

/** The incidents whose highest severity is this one (declined ones not counted). */
export interface SeverityFigures {
  readonly count: number;
  /** Of those, how many were reopened at least once. */
  readonly reopened: number;
  readonly ttd: DurationStats;
  readonly tta: DurationStats;
  readonly ttm: DurationStats;
  readonly ttr: DurationStats;
}

/** Incidents declared in one ISO week (within the period), by highest severity, and the declined ones apart. */
export interface WeekCounts extends IsoWeek {
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly declined: number;
}

export interface Sev3Share {
  readonly sev3: number;
  /** Incidents that count (declined ones not). */
  readonly total: number;
  /** sev3 / total; null when there were none. */
  readonly share: number | null;
}

export type TrendDirection = 'up' | 'down' | 'same' | 'unknown';

/** Whether a larger share of incidents was caught early (at SEV-3) than in the period before. */
export interface Sev3Trend {
  readonly direction: TrendDirection;
  readonly current: Sev3Share;
  readonly previous: Sev3Share;
  readonly judgement: string;
}

export interface MetricsSummary {
  readonly period: Period;
  /** As long as the period, just before it: what the SEV-3 trend compares with. */
  readonly previousPeriod: Period;
  /** Incidents declared in the period, declined ones not counted. */
  readonly total: number;
  /** Triage incidents declined (noise): counted here only, kept out of every other figure. */
  readonly declined: number;
  readonly bySeverity: Readonly<Record<Severity, SeverityFigures>>;
  readonly weeks: readonly WeekCounts[];
  readonly sev3Trend: Sev3Trend;
}

/** Whether an incident was declared in [from, to). */
export function declaredIn(metrics: IncidentMetrics, period: Period): boolean {
  return declaredWithin(period)(metrics);
}

/** The same test with the period's bounds parsed once: it runs over every incident the hub has, per request. */
export function declaredWithin(period: Period): (metrics: IncidentMetrics) => boolean {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  return (metrics) => {
    const t = declaredMs(metrics);
    return t >= from && t < to;
  };
}

/**
 * Each row's declaration in ms, parsed once: the hub reuses an incident's row until an event changes it (see
 * metricsOfState), and Date.parse over thousands of rows was the largest part of a request's cost.
 */
const declaredMsOf = new WeakMap<IncidentMetrics, number>();

export function declaredMs(metrics: IncidentMetrics): number {
  let t = declaredMsOf.get(metrics);
  if (t === undefined) {
    t = Date.parse(metrics.moments.declaredAt);
    declaredMsOf.set(metrics, t);
  }
  return t;
}

/** The period of the same length just before this one. */
export function previousPeriodOf(period: Period): Period {
  const from = Date.parse(period.from);
  const length = Date.parse(period.to) - from;
  return { from: new Date(from - length).toISOString(), to: period.from };
}

/**
 * Figures over the incidents declared in the period. `perIncident` may hold others: those declared in the period
 * of the same length before it feed the SEV-3 trend, the rest are ignored.
 */
export function aggregateMetrics(perIncident: readonly IncidentMetrics[], period: Period): MetricsSummary {
  const previousPeriod = previousPeriodOf(period);
  const inPeriod = perIncident.filter(declaredWithin(period));
  const counted = inPeriod.filter((m) => !m.declined);
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, severityFigures(counted.filter((m) => m.severity === s))]),
  ) as Record<Severity, SeverityFigures>;
  const current = sev3Share(counted);
  const inPrevious = declaredWithin(previousPeriod);
  const previous = sev3Share(perIncident.filter((m) => !m.declined && inPrevious(m)));
  return {
    period,
    previousPeriod,
    total: counted.length,
    declined: inPeriod.length - counted.length,
    bySeverity,
    weeks: weeklyCounts(inPeriod, period),
    sev3Trend: sev3Trend(current, previous),
  };
}

function severityFigures(incidents: readonly IncidentMetrics[]): SeverityFigures {
  return {
    count: incidents.length,
    reopened: incidents.filter((m) => m.reopenCount > 0).length,
    ttd: durationStats(incidents.map((m) => m.ttdSeconds)),
    tta: durationStats(incidents.map((m) => m.ttaSeconds)),
    ttm: durationStats(incidents.map((m) => m.ttmSeconds)),
    ttr: durationStats(incidents.map((m) => m.ttrSeconds)),
  };
}

/** Nulls (missing moments) are left out, never counted as zero. */
export function durationStats(values: readonly (number | null)[]): DurationStats {
  const samples = values.filter((v): v is number => v !== null);
  return { samples: samples.length, medianSeconds: median(samples), p90Seconds: percentile(samples, 90) };
}

function weeklyCounts(inPeriod: readonly IncidentMetrics[], period: Period): WeekCounts[] {
  const zero = () => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const weeks = new Map(
    isoWeeksBetween(period.from, period.to).map((w) => [w.week, { ...w, bySeverity: zero(), declined: 0 }]),
  );
  for (const m of inPeriod) {
    const week = weeks.get(isoWeekOf(m.moments.declaredAt).week);
    if (!week) continue;
    if (m.declined) week.declined += 1;
    else week.bySeverity[m.severity] += 1;
  }
  return [...weeks.values()];
}

function sev3Share(counted: readonly IncidentMetrics[]): Sev3Share {
  const sev3 = counted.filter((m) => m.severity === 'SEV-3').length;
  return { sev3, total: counted.length, share: counted.length === 0 ? null : sev3 / counted.length };
}

/**
 * SEV-3 means "something is off before customers notice", so a larger share of SEV-3s means more problems were
 * caught early. The words state the counts and the direction; they do not guess at causes.
 */
export function sev3Trend(current: Sev3Share, previous: Sev3Share): Sev3Trend {
  const result = (direction: TrendDirection, judgement: string): Sev3Trend => ({
    direction,
    current,
    previous,
    judgement,
  });
  if (current.share === null && previous.share === null)
    return result('unknown', 'No incidents this period or the previous one.');
  if (current.share === null)
    return result(
      'unknown',
      `No incidents this period; the previous period had ${previous.total} (${previous.sev3} of them SEV-3).`,
    );
  const now = `SEV-3s were ${shareText(current)} this period`;
  if (previous.share === null)
    return result('unknown', `${now}; the previous period had no incidents to compare with.`);
  if (current.share > previous.share)
    return result(
      'up',
      `${now}, up from ${shareText(previous)} the previous period: a larger share was caught early, at SEV-3.`,
    );
  if (current.share < previous.share)
    return result(
      'down',
      `${now}, down from ${shareText(previous)} the previous period: a smaller share was caught early, at SEV-3.`,
    );
  return result('same', `${now}, the same share as the previous period (${shareText(previous)}).`);
}

function shareText(s: Sev3Share): string {
  const percent = s.share === null ? '' : ` (${Math.round(s.share * 100)}%)`;
  return `${s.sev3} of ${s.total} ${s.total === 1 ? 'incident' : 'incidents'}${percent}`;
}
