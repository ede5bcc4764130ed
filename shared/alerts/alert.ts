import { z } from 'zod';
import { isoTimeSchema } from '../domain/primitives.js';
import { severitySchema } from '../domain/severity.js';

export const ALERT_SOURCES = ['alertmanager', 'grafana', 'datadog', 'sentry', 'generic'] as const;
export const alertSourceSchema = z.enum(ALERT_SOURCES);
export type AlertSource = z.infer<typeof alertSourceSchema>;

const shortText = z.string().max(1000);

/**
 * One alert as every monitor's webhook is turned into: the five things a good alert tells (what is wrong,
 * who owns it, the impact, what might cause it, the runbook), plus its grouping key and moments.
 * Webhook parsers (hub/webhooks) produce it; the domain (alert.receive) consumes it.
 */
export const normalizedAlertSchema = z.object({
  source: alertSourceSchema,
  /** Alerts with the same key are the same problem: a repeat attaches to the open incident. */
  key: z.string().min(1).max(300),
  status: z.enum(['firing', 'resolved']),
  /** What is wrong. */
  title: z.string().trim().min(1).max(200),
  description: z.string().max(4000),
  /** Who owns the system. */
  service: z.string().max(200),
  team: z.string().max(200),
  impact: shortText,
  /** What might be causing it. */
  cause: shortText,
  runbookUrl: z.string().max(2000),
  /** A link back to the alert in its tool. */
  url: z.string().max(2000),
  severity: severitySchema,
  /** When the monitor says the problem started: the honest start of impact for Time to Detect. */
  startsAt: isoTimeSchema,
  endsAt: isoTimeSchema.nullable(),
  labels: z.record(z.string(), z.string().max(1000)),
});
export type NormalizedAlert = z.infer<typeof normalizedAlertSchema>;
