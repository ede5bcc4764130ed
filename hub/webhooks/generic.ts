import { z } from 'zod';
import { mapSeverity } from '../../shared/alerts/severity-mapping.js';
import type { NormalizedAlert } from '../../shared/alerts/alert.js';
import {
  alertKey,
  clip,
  explain,
  labelsOf,
  link,
  moment,
  type ParseContext,
  type WebhookParser,
} from './parse-support.js';

/**
 * Our own shape, for scripts and tools without a parser here (docs/webhooks.md has an example): one alert object,
 * or `{ "alerts": [ … ] }` with up to 100. Unknown fields are refused, so a misspelt `runbook_url` is a 400, not a
 * silently empty runbook. Key: `generic:<key>`.
 */
const time = z
  .string()
  .refine((s) => moment(s) !== null, 'must be an ISO 8601 time such as 2026-11-27T03:02:00Z')
  .transform((s) => moment(s) ?? '');

export const genericAlertSchema = z.strictObject({
  key: z.string().trim().min(1, 'must not be empty').max(250),
  status: z.enum(['firing', 'resolved']).default('firing'),
  title: z.string().trim().min(1, 'must not be empty'),
  description: z.string().optional(),
  service: z.string().optional(),
  team: z.string().optional(),
  impact: z.string().optional(),
  cause: z.string().optional(),
  runbookUrl: z.string().optional(),
  url: z.string().optional(),
  severity: z.string().optional(),
  startsAt: time.optional(),
  endsAt: time.nullish(),
  labels: z.record(z.string(), z.string()).optional(),
});
export type GenericAlert = z.input<typeof genericAlertSchema>;

export const genericPayloadSchema = z.strictObject({
  alerts: z.array(genericAlertSchema).min(1, 'must hold at least one alert').max(100, 'at most 100 per request'),
});

export const parseGeneric: WebhookParser = (body, _headers, ctx) => {
  const batch = typeof body === 'object' && body !== null && 'alerts' in body;
  const parsed = batch ? genericPayloadSchema.safeParse(body) : genericAlertSchema.safeParse(body);
  if (!parsed.success) return explain(parsed.error, 'Not a Warroom alert (see docs/webhooks.md)');
  const alerts = 'alerts' in parsed.data ? parsed.data.alerts : [parsed.data];
  return { ok: true, alerts: alerts.map((a) => normalize(a, ctx)) };
};

function normalize(a: z.output<typeof genericAlertSchema>, ctx: ParseContext): NormalizedAlert {
  return {
    source: 'generic',
    key: alertKey('generic:', a.key),
    status: a.status,
    title: clip(a.title, 200),
    description: clip(a.description, 4000),
    service: clip(a.service, 200),
    team: clip(a.team, 200),
    impact: clip(a.impact, 1000),
    cause: clip(a.cause, 1000),
    runbookUrl: link(a.runbookUrl),
    url: link(a.url),
    severity: mapSeverity(ctx.severity, 'generic', [a.severity]),
    startsAt: a.startsAt ?? ctx.receivedAt,
    endsAt: a.status === 'resolved' ? (a.endsAt ?? ctx.receivedAt) : null,
    labels: labelsOf(a.labels),
  };
}
