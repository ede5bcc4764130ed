import { z } from 'zod';
import { severitySchema } from '../domain/severity.js';
import { statusSchema } from '../domain/status.js';
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

// The report as it crosses the wire. Plain objects (not strict): a newer hub may add fields, which are dropped here;
// what the UI reads is checked. The types stay the interfaces in aggregate.ts and incident-metrics.ts, and
// `ReportSchemaMatchesTypes` below fails to compile if the two drift apart.
const time = z.iso.datetime({ offset: true });
const seconds = z.number().nonnegative().nullable();
const count = z.number().int().nonnegative();

const periodSchema = z.object({ from: time, to: time });

const durationStatsSchema = z.object({ samples: count, medianSeconds: seconds, p90Seconds: seconds });

const severityFiguresSchema = z.object({
  count,
  reopened: count,
  ttd: durationStatsSchema,
  tta: durationStatsSchema,
  ttm: durationStatsSchema,
  ttr: durationStatsSchema,
});

const sev3ShareSchema = z.object({ sev3: count, total: count, share: z.number().min(0).max(1).nullable() });

const incidentMetricsSchema = z.object({
  incidentId: z.string().min(1),
  number: count,
  label: z.string(),
  title: z.string(),
  severity: severitySchema,
  initialSeverity: severitySchema,
  finalSeverity: severitySchema,
  status: statusSchema,
  declined: z.boolean(),
  reopenCount: count,
  moments: z.object({
    impactStartedAt: time.nullable(),
    detectedAt: time,
    declaredAt: time,
    acknowledgedAt: time.nullable(),
    firstMitigatedAt: time.nullable(),
    firstResolvedAt: time.nullable(),
    finalResolvedAt: time.nullable(),
    closedAt: time.nullable(),
  }),
  ttdSeconds: seconds,
  ttaSeconds: seconds,
  ttmSeconds: seconds,
  ttrSeconds: seconds,
  ttfrSeconds: seconds,
});

/** The whole `GET /api/metrics` reply: every severity present, every figure a count or seconds (or null: missing). */
export const metricsReportSchema = z.object({
  seq: count,
  period: periodSchema,
  previousPeriod: periodSchema,
  total: count,
  declined: count,
  bySeverity: z.record(severitySchema, severityFiguresSchema),
  weeks: z
    .array(
      z.object({
        week: z.string().regex(/^\d{4}-W\d{2}$/),
        startsOn: z.iso.date(),
        bySeverity: z.record(severitySchema, count),
        declined: count,
      }),
    )
    .readonly(),
  sev3Trend: z.object({
    direction: z.enum(['up', 'down', 'same', 'unknown']),
    current: sev3ShareSchema,
    previous: sev3ShareSchema,
    judgement: z.string(),
  }),
  incidents: z.array(incidentMetricsSchema).readonly(),
});

/** Each assignable to the other (readonly properties aside: the interfaces mark them, zod does not). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compile-time check, not used at run time: the schema's output is exactly a MetricsReport. */
export type ReportSchemaMatchesTypes = Assert<Same<z.output<typeof metricsReportSchema>, MetricsReport>>;
