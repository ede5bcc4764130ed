import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { mapSeverity } from '../../shared/alerts/severity-mapping.js';
import {
  alertKey,
  clip,
  explain,
  labelsOf,
  link,
  moment,
  pick,
  type ParseContext,
  type ParseResult,
  type WebhookParser,
} from './parse-support.js';

/**
 * Sentry's integration platform (an internal integration with "Alert Rule Action" on):
 * - `Sentry-Hook-Resource: event_alert` (action `triggered`): an issue alert rule fired for an event -> firing;
 * - `Sentry-Hook-Resource: issue` with action `resolved`: the issue was resolved in Sentry -> resolved;
 * - `Sentry-Hook-Resource: metric_alert`, action `critical` or `warning` (the rule's trigger crossed) -> firing, at
 *   the severity those words map to; action `resolved` -> resolved.
 * Other resources and actions (installation, comments, issue created/assigned/archived …) are answered 202 and
 * ignored. Keys: `sentry:issue:<issue id>`, so every alert about one issue is one incident, and
 * `sentry:metric:<alert rule id>`, so every firing of one metric alert rule is one incident while it is open.
 */
const id = z.union([z.string().min(1), z.number()]).transform((v) => String(v));
/** `[["browser", "Chrome 75"], ["level", "error"], …]`; anything else in the list is skipped. */
const tagsSchema = z.array(z.unknown());

export const sentryEventAlertSchema = z.object({
  action: z.string(),
  data: z.object({
    event: z.object({
      issue_id: id,
      title: z.string().optional(),
      culprit: z.string().nullish(),
      level: z.string().nullish(),
      datetime: z.string().nullish(),
      timestamp: z.number().nullish(),
      url: z.string().nullish(),
      web_url: z.string().nullish(),
      issue_url: z.string().nullish(),
      environment: z.string().nullish(),
      release: z.string().nullish(),
      metadata: z.object({ type: z.string().nullish(), value: z.string().nullish() }).partial().nullish(),
      tags: tagsSchema.nullish(),
    }),
    triggered_rule: z.string().nullish(),
  }),
});

export const sentryIssueSchema = z.object({
  action: z.string(),
  data: z.object({
    issue: z.object({
      id,
      title: z.string().optional(),
      culprit: z.string().nullish(),
      level: z.string().nullish(),
      firstSeen: z.string().nullish(),
      permalink: z.string().nullish(),
      web_url: z.string().nullish(),
      shortId: z.string().nullish(),
      project: z.object({ slug: z.string().nullish(), name: z.string().nullish() }).partial().nullish(),
    }),
  }),
});

/** A metric alert: `data.metric_alert` is Sentry's incident, with the rule that opened it. */
export const sentryMetricAlertSchema = z.object({
  action: z.string(),
  data: z.object({
    description_text: z.string().nullish(),
    description_title: z.string().nullish(),
    web_url: z.string().nullish(),
    metric_alert: z.object({
      id: id.nullish(),
      identifier: id.nullish(),
      title: z.string().nullish(),
      date_started: z.string().nullish(),
      date_detected: z.string().nullish(),
      date_closed: z.string().nullish(),
      projects: z.array(z.string()).nullish(),
      alert_rule: z.object({
        id,
        name: z.string().nullish(),
        environment: z.string().nullish(),
        dataset: z.string().nullish(),
        aggregate: z.string().nullish(),
        query: z.string().nullish(),
        time_window: z.number().nullish(),
        projects: z.array(z.string()).nullish(),
      }),
    }),
  }),
});

const METRIC_ACTIONS = ['critical', 'warning', 'resolved'] as const;

export const parseSentry: WebhookParser = (body, headers, ctx) => {
  const resource =
    headers['sentry-hook-resource'] ??
    (has(body, 'data', 'event')
      ? 'event_alert'
      : has(body, 'data', 'metric_alert')
        ? 'metric_alert'
        : has(body, 'data', 'issue')
          ? 'issue'
          : undefined);
  if (resource === 'metric_alert') return parseMetricAlert(body, ctx);
  if (resource === 'event_alert') {
    const parsed = sentryEventAlertSchema.safeParse(body);
    if (!parsed.success) return explain(parsed.error, 'Not a Sentry issue alert (event_alert)');
    const { event, triggered_rule: rule } = parsed.data.data;
    const tags = tagRecord(event.tags ?? []);
    // The event's own fields, else its tags (Sentry tags every event with both when the SDK sets them).
    const environment = event.environment || tags.environment;
    const release = event.release || tags.release;
    const problem = [event.metadata?.type, event.metadata?.value].filter((s) => s).join(': ');
    const title = event.title || problem || `Sentry issue ${event.issue_id}`;
    return {
      ok: true,
      alerts: [
        {
          source: 'sentry',
          key: alertKey('sentry:issue:', event.issue_id),
          status: 'firing',
          title: clip(title, 200),
          description: clip(
            [
              rule ? `Alert rule: ${rule}` : '',
              problem && problem !== title ? problem : '',
              event.culprit ? `In ${event.culprit}` : '',
              environment ? `Environment: ${environment}` : '',
              release ? `Release: ${release}` : '',
            ]
              .filter((s) => s)
              .join('\n'),
            4000,
          ),
          service: clip(pick([tags], ['service']) || projectOf(event.url ?? event.web_url), 200),
          team: clip(pick([tags], ['team', 'owner']), 200),
          impact: '',
          cause: clip(event.culprit ?? '', 1000),
          runbookUrl: link(pick([tags], ['runbook_url', 'runbook'])),
          url: link(event.web_url ?? event.issue_url),
          severity: mapSeverity(ctx.severity, 'sentry', [event.level, tags.level]),
          startsAt: moment(event.datetime) ?? moment(event.timestamp) ?? ctx.receivedAt,
          endsAt: null,
          labels: labelsOf({ issue_id: event.issue_id, rule, environment, release }, tags),
        },
      ],
    };
  }
  if (resource === 'issue') {
    const parsed = sentryIssueSchema.safeParse(body);
    if (!parsed.success) return explain(parsed.error, 'Not a Sentry issue webhook');
    if (parsed.data.action !== 'resolved')
      return {
        ok: true,
        alerts: [],
        ignored: `Sentry issue action ${JSON.stringify(clip(parsed.data.action, 60))} carries no alert.`,
      };
    const { issue } = parsed.data.data;
    return {
      ok: true,
      alerts: [
        {
          source: 'sentry',
          key: alertKey('sentry:issue:', issue.id),
          status: 'resolved',
          title: clip(issue.title || `Sentry issue ${issue.shortId ?? issue.id}`, 200),
          description: '',
          service: clip(issue.project?.slug ?? '', 200),
          team: '',
          impact: '',
          cause: clip(issue.culprit ?? '', 1000),
          runbookUrl: '',
          url: link(issue.web_url ?? issue.permalink),
          severity: mapSeverity(ctx.severity, 'sentry', [issue.level]),
          startsAt: moment(issue.firstSeen) ?? ctx.receivedAt,
          endsAt: ctx.receivedAt,
          labels: labelsOf({ issue_id: issue.id, short_id: issue.shortId }),
        },
      ],
    };
  }
  return {
    ok: true,
    alerts: [],
    ignored: resource
      ? `Sentry resource ${JSON.stringify(clip(resource, 60))} carries no alert.`
      : 'This Sentry delivery names no resource (no Sentry-Hook-Resource header) and carries no alert.',
  };
};

/** A metric alert rule crossed a threshold (critical, warning) or came back under it (resolved). */
function parseMetricAlert(body: unknown, ctx: ParseContext): ParseResult {
  const parsed = sentryMetricAlertSchema.safeParse(body);
  if (!parsed.success) return explain(parsed.error, 'Not a Sentry metric alert (metric_alert)');
  const action = METRIC_ACTIONS.find((a) => a === parsed.data.action);
  if (!action)
    return {
      ok: true,
      alerts: [],
      ignored: `Sentry metric alert action ${JSON.stringify(clip(parsed.data.action, 60))} carries no alert.`,
    };
  const { description_text: text, description_title: heading, web_url: url, metric_alert: incident } = parsed.data.data;
  const rule = incident.alert_rule;
  // "1240 events in the last 10 minutes\nFilter: level:error" (Sentry's own documentation shows the newline escaped).
  const said = (text ?? '').replace(/\\n/g, '\n');
  const projects = incident.projects ?? rule.projects ?? [];
  const resolved = action === 'resolved';
  // "Critical: Too many errors": Sentry's heading is the state, then the rule's name.
  const title = rule.name || heading?.replace(/^\s*(?:critical|warning|resolved)\s*:\s*/i, '') || incident.title;
  return {
    ok: true,
    alerts: [
      {
        source: 'sentry',
        key: alertKey('sentry:metric:', rule.id),
        status: resolved ? 'resolved' : 'firing',
        title: clip(title || `Sentry metric alert ${rule.id}`, 200),
        description: clip(
          [
            said,
            rule.aggregate ? `Metric: ${rule.aggregate}${rule.time_window ? ` over ${rule.time_window} min` : ''}` : '',
            rule.query && !said.includes(rule.query) ? `Filter: ${rule.query}` : '',
            rule.environment ? `Environment: ${rule.environment}` : '',
            projects.length > 0 ? `Projects: ${projects.join(', ')}` : '',
          ]
            .filter((s) => s)
            .join('\n'),
          4000,
        ),
        service: clip(projects[0] ?? '', 200),
        team: '',
        impact: '',
        cause: '',
        runbookUrl: '',
        url: link(url),
        // A resolved alert keeps the severity word of no trigger: the incident's own severity stands.
        severity: mapSeverity(ctx.severity, 'sentry', resolved ? [] : [action]),
        startsAt: moment(incident.date_started) ?? moment(incident.date_detected) ?? ctx.receivedAt,
        endsAt: resolved ? (moment(incident.date_closed) ?? ctx.receivedAt) : null,
        labels: labelsOf({
          rule_id: rule.id,
          rule: rule.name,
          trigger: action,
          incident: incident.identifier,
          environment: rule.environment,
          dataset: rule.dataset,
          projects: projects.join(','),
        }),
      },
    ],
  };
}

/**
 * Sentry signs the body with the integration's Client Secret: `Sentry-Hook-Signature` is the hex HMAC-SHA256 of
 * the raw request body. Compared in constant time.
 */
export function verifySentrySignature(body: Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature.trim())) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(signature.trim(), 'hex'));
}

export function signSentryBody(body: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

function tagRecord(tags: readonly unknown[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags)
    if (Array.isArray(tag) && typeof tag[0] === 'string' && !(tag[0] in Object.prototype))
      if (typeof tag[1] === 'string' || typeof tag[1] === 'number') record[tag[0]] = String(tag[1]);
  return record;
}

/** `…/projects/<org>/<project>/events/…` -> the project slug: the service the error came from. */
function projectOf(url: string | null | undefined): string {
  return /\/projects\/[^/]+\/([^/]+)\//.exec(url ?? '')?.[1] ?? '';
}

function has(body: unknown, ...path: string[]): boolean {
  let at: unknown = body;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !(key in at)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return true;
}
