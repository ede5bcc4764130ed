import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock } from '../../shared/clock.js';
import type { IncidentsState } from '../../shared/domain/state.js';
import { aggregateMetrics, declaredMs, declaredWithin, type Period } from '../../shared/metrics/aggregate.js';
import { metricsCsv, metricsCsvName } from '../../shared/metrics/csv.js';
import type { MetricsReport } from '../../shared/metrics/report.js';
import { metricsOfState } from '../../shared/metrics/state-metrics.js';
import { PerStateCache } from './per-state-cache.js';
import { sendError, sendJsonText } from './respond.js';

export interface MetricsApiDeps {
  /** The hub's reduced state: it keeps every moment metrics need, so no request reads the event log. */
  readonly state: () => IncidentsState;
  readonly clock: Clock;
}

export const METRICS_PATHS = ['/api/metrics', '/api/metrics.csv'] as const;
const DEFAULT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `GET /api/metrics` (JSON) and `GET /api/metrics.csv`, `?from=&to=` (ISO dates or times; default the last 30 days).
 * The caller has checked the method and the token. Returns false for other paths. Cost: one pass over the
 * incidents in the state (docs/metrics.md), whatever the length of the log.
 */
export function handleMetricsApi(url: URL, res: ServerResponse, deps: MetricsApiDeps): boolean {
  if (!(METRICS_PATHS as readonly string[]).includes(url.pathname)) return false;
  const period = parsePeriod(url.searchParams, deps.clock.now());
  if (!period.ok) {
    sendError(res, 400, 'invalid_query', period.message);
    return true;
  }
  const state = deps.state();
  const csv = url.pathname.endsWith('.csv');
  const body = answers.get(state, `${csv ? 'csv' : 'json'} ${period.period.from} ${period.period.to}`, () =>
    answer(state, period.period, csv),
  );
  if (csv) sendCsv(res, body, period.period);
  else sendJsonText(res, 200, body);
  return true;
}

/** The JSON or CSV text for one state and period: the same state and period give the same text. */
const answers = new PerStateCache<string>();

function answer(state: IncidentsState, period: Period, csv: boolean): string {
  const all = metricsOfState(state);
  const rows = all.filter(declaredWithin(period)).sort((a, b) => declaredMs(a) - declaredMs(b) || a.number - b.number);
  if (csv) return metricsCsv(rows);
  const report: MetricsReport = { seq: state.seq, ...aggregateMetrics(all, period), incidents: rows };
  return JSON.stringify(report);
}

type ParsedPeriod = { readonly ok: true; readonly period: Period } | { readonly ok: false; readonly message: string };

const dateSchema = z.iso.date();
const timeSchema = z.iso.datetime({ offset: true });

/**
 * from and to are `YYYY-MM-DD` (midnight UTC) or ISO times with an offset; to is excluded. Missing (or empty):
 * to is now (rounded up to the second) and from is 30 days before to.
 */
export function parsePeriod(params: URLSearchParams, now: number): ParsedPeriod {
  const from = parseMoment(params.get('from'));
  const to = parseMoment(params.get('to'));
  if (from === 'bad' || to === 'bad') {
    const name = from === 'bad' ? 'from' : 'to';
    return {
      ok: false,
      message: `${name} must be a date (2025-03-01) or an ISO time (2025-03-01T10:00:00Z), not "${params.get(name) ?? ''}".`,
    };
  }
  // Now, rounded up to the whole second: requests within one second (a dashboard, several viewers) ask the same
  // period, so they share one computed answer (PerStateCache).
  const end = to ?? Math.ceil(now / 1000) * 1000;
  const start = from ?? end - DEFAULT_DAYS * DAY_MS;
  if (start >= end) return { ok: false, message: 'from must be before to.' };
  return { ok: true, period: { from: new Date(start).toISOString(), to: new Date(end).toISOString() } };
}

function parseMoment(value: string | null): number | null | 'bad' {
  if (value === null || value === '') return null;
  if (dateSchema.safeParse(value).success) return Date.parse(`${value}T00:00:00Z`);
  if (!timeSchema.safeParse(value).success) return 'bad';
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? 'bad' : ms;
}

function sendCsv(res: ServerResponse, text: string, period: Period): void {
  const name = metricsCsvName(period);
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
  res.end(text);
}
