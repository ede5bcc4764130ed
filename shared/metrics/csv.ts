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
 * Quotes a field that needs it. No free text (titles) is exported, so there is nothing a spreadsheet could take
 * for a formula; ids are exported exactly as they are.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV's file name, the same from the hub and the apps: `warroom-metrics-<from>-<to>.csv` (`to` excluded). */
export function metricsCsvName(period: Period): string {
  return `warroom-metrics-${period.from.slice(0, 10)}-${period.to.slice(0, 10)}.csv`;
}
