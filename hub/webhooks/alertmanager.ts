import { z } from 'zod';
import { alertGroupFields, groupedAlertSchema, normalizeGroup } from './alert-groups.js';
import { clip, explain, fail, type WebhookParser } from './parse-support.js';

/**
 * Prometheus Alertmanager's webhook receiver (payload version 4): one notification per alert group.
 * Key: `alertmanager:<groupKey>`, so all alerts of one group are one incident (docs/webhooks.md). An alert without
 * its own status, severity or context takes the group's (`status`, `commonLabels`, `commonAnnotations`).
 */
export const alertmanagerPayloadSchema = z.object({
  version: z.string(),
  ...alertGroupFields,
  alerts: z.array(groupedAlertSchema).min(1, 'must hold at least one alert'),
});

export const parseAlertmanager: WebhookParser = (body, _headers, ctx) => {
  // Said only of a version given as text: quoting anything else could show a person `null` or `[object Object]`.
  if (typeof body === 'object' && body !== null && 'version' in body && typeof body.version === 'string')
    if (body.version !== '4')
      return fail(
        `Alertmanager webhook version ${JSON.stringify(clip(body.version, 20))} is not supported; version "4" is.`,
      );
  const parsed = alertmanagerPayloadSchema.safeParse(body);
  if (!parsed.success) return explain(parsed.error, 'Not an Alertmanager webhook (version 4)');
  const p = parsed.data;
  return {
    ok: true,
    alerts: normalizeGroup(
      {
        source: 'alertmanager',
        keyPrefix: 'alertmanager:',
        groupKey: p.groupKey,
        status: p.status,
        groupLabels: p.groupLabels,
        commonLabels: p.commonLabels,
        commonAnnotations: p.commonAnnotations,
        externalURL: p.externalURL ?? '',
        truncatedAlerts: p.truncatedAlerts ?? 0,
        alerts: p.alerts,
      },
      ctx,
    ),
  };
};
