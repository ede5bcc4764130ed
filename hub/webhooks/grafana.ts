import { z } from 'zod';
import { alertGroupFields, groupedAlertSchema, normalizeGroup } from './alert-groups.js';
import { explain, type WebhookParser } from './parse-support.js';

/**
 * Grafana Alerting's webhook contact point: Alertmanager's shape plus `orgId`, and per alert the links to its
 * silence, dashboard and panel. Key: `grafana:<orgId>:<groupKey>` (docs/webhooks.md). The title names the alert
 * rule (`alertname`, which Grafana sets to the rule's title) before its summary.
 */
export const grafanaPayloadSchema = z.object({
  version: z.string().optional(),
  orgId: z.number().int().optional(),
  ...alertGroupFields,
  alerts: z
    .array(
      groupedAlertSchema.extend({
        dashboardURL: z.string().optional(),
        panelURL: z.string().optional(),
        silenceURL: z.string().optional(),
      }),
    )
    .min(1, 'must hold at least one alert'),
  title: z.string().optional(),
  message: z.string().optional(),
});

export const parseGrafana: WebhookParser = (body, _headers, ctx) => {
  const parsed = grafanaPayloadSchema.safeParse(body);
  if (!parsed.success) return explain(parsed.error, 'Not a Grafana Alerting webhook');
  const p = parsed.data;
  return {
    ok: true,
    alerts: normalizeGroup(
      {
        source: 'grafana',
        keyPrefix: `grafana:${p.orgId ?? 1}:`,
        groupKey: p.groupKey,
        status: p.status,
        groupLabels: p.groupLabels,
        commonLabels: p.commonLabels,
        commonAnnotations: p.commonAnnotations,
        titleNamesRule: true,
        externalURL: p.externalURL ?? '',
        truncatedAlerts: p.truncatedAlerts ?? 0,
        alerts: p.alerts.map((a) => ({ ...a, links: [a.panelURL ?? '', a.dashboardURL ?? ''] })),
      },
      ctx,
    ),
  };
};
