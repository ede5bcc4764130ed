import { z } from 'zod';
import type { MetricsSummary } from './aggregate.js';
import type { IncidentMetrics } from './incident-metrics.js';

/** What `GET /api/metrics` answers: the aggregates for the period, the per-incident rows, and the log's seq. */
export type MetricsReport = MetricsSummary & {
  /** The last event seq the figures were computed from. */
  readonly seq: number;
  /** The incidents declared in the period (declined ones included, flagged), oldest first. */
  readonly incidents: readonly IncidentMetrics[];
};

const dayOrTime = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?$/, 'must be a date (2025-03-01) or an ISO time');

/** The period asked for: `from` and `to` as the hub's `?from=&to=` take them (missing: the last 30 days). */
export const metricsQuerySchema = z.strictObject({ from: dayOrTime.optional(), to: dayOrTime.optional() });
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

/** The query string for a MetricsQuery (`?from=…&to=…`, or '' for the default period). */
export function metricsQueryString(query: MetricsQuery): string {
  // The values are checked by metricsQuerySchema (digits, "-", ":", ".", "T", "Z", "+"): only "+" and ":" need escaping.
  const parts: string[] = [];
  if (query.from) parts.push(`from=${encodeURIComponent(query.from)}`);
  if (query.to) parts.push(`to=${encodeURIComponent(query.to)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
