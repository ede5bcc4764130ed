import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { mapSeverity } from '../../shared/alerts/severity-mapping.js';
import { alertKey, clip, explain, labelsOf, link, moment, pick, type WebhookParser } from './parse-support.js';

/**
 * Sentry's integration platform (an internal integration with "Alert Rule Action" on):
 * - `Sentry-Hook-Resource: event_alert` (action `triggered`): an issue alert rule fired for an event -> firing;
 * - `Sentry-Hook-Resource: issue` with action `resolved`: the issue was resolved in Sentry -> resolved.
 * Other resources and actions (installation, comments, issue created/assigned/archived …) are answered 202 and
 * ignored. Key: `sentry:issue:<issue id>`, so every alert about one issue is one incident.
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

export const parseSentry: WebhookParser = (body, headers, ctx) => {
  const resource =
    headers['sentry-hook-resource'] ??
    (has(body, 'data', 'event') ? 'event_alert' : has(body, 'data', 'issue') ? 'issue' : undefined);
  if (resource === 'event_alert') {
    const parsed = sentryEventAlertSchema.safeParse(body);
    if (!parsed.success) return explain(parsed.error, 'Not a Sentry issue alert (event_alert)');
    const { event, triggered_rule: rule } = parsed.data.data;
    const tags = tagRecord(event.tags ?? []);
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
              event.environment ? `Environment: ${event.environment}` : '',
              event.release ? `Release: ${event.release}` : '',
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
          labels: labelsOf(
            { issue_id: event.issue_id, rule, environment: event.environment, release: event.release },
            tags,
          ),
        },
      ],
    };
  }
  if (resource === 'issue') {
    const parsed = sentryIssueSchema.safeParse(body);
    if (!parsed.success) return explain(parsed.error, 'Not a Sentry issue webhook');
    if (parsed.data.action !== 'resolved')
      return { ok: true, alerts: [], ignored: `Sentry issue action "${parsed.data.action}" carries no alert.` };
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
  return { ok: true, alerts: [], ignored: `Sentry resource "${resource ?? 'unknown'}" carries no alert.` };
};

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
