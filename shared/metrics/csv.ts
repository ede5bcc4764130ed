import type { Period } from './aggregate.js';
import type { IncidentMetrics } from './incident-metrics.js';

export const METRICS_CSV_COLUMNS = [
  'id',
  'label',
  'severity',
  'declaredAt',
  'ttd_s',
  'tta_s',
  'ttm_s',
  'ttr_s',
  'reopened',
  'declined',
] as const;

/**
 * One row per incident (RFC 4180: CRLF line ends, a header row). severity is the highest reached; durations are
 * seconds, empty when the moment is missing (never 0); reopened is how many times it was reopened (0 = never).
 */
export function metricsCsv(rows: readonly IncidentMetrics[]): string {
  const lines = rows.map((m) =>
    [
      m.incidentId,
      m.label,
      m.severity,
      m.moments.declaredAt,
      m.ttdSeconds,
      m.ttaSeconds,
      m.ttmSeconds,
      m.ttrSeconds,
      m.reopenCount,
      m.declined,
    ]
      .map(csvField)
      .join(','),
  );
  return [METRICS_CSV_COLUMNS.join(','), ...lines].map((line) => `${line}\r\n`).join('');
}

/**
 * What a spreadsheet takes as the start of a formula: `=`, `+`, `-`, `@`, and tab or CR, which some strip before
 * looking. Ids are chosen by clients, so a text field starting with one could run as a formula when the file is
 * opened (CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field: a text that starts like a formula gets a leading `'` (spreadsheets then show it as text, without the
 * quote), then the field is quoted if it needs it (RFC 4180). Numbers and booleans are written as they are: they
 * are ours, never negative here, and a `'` would turn them into text.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV's file name, the same from the hub and the apps: `warroom-metrics-<from>-<to>.csv` (`to` excluded). */
export function metricsCsvName(period: Period): string {
  return `warroom-metrics-${period.from.slice(0, 10)}-${period.to.slice(0, 10)}.csv`;
}
