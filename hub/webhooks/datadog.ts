import { z } from 'zod';
import { mapSeverity } from '../../shared/alerts/severity-mapping.js';
import { alertKey, clip, explain, fail, labelsOf, link, moment, pick, type WebhookParser } from './parse-support.js';

/**
 * Datadog's Webhooks integration. Its payload is a template the user writes with `$VARIABLES`; both its default
 * payload (body, last_updated, event_type, title, date, org, id) and our recommended one (docs/webhooks.md, which
 * adds alert_id, alert_transition, alert_priority, tags, link …) are read. Every value arrives as a string.
 *
 * Key: `datadog:monitor:<alert_id>` (the monitor: all its groups make one incident); without alert_id, the
 * monitor's title with the transition and scope taken out: `datadog:title:<title>`.
 */
const value = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const text = value.optional();

export const datadogPayloadSchema = z.object({
  body: text,
  last_updated: text,
  event_type: text,
  title: text,
  date: text,
  org: z.object({ id: text, name: text }).partial().optional(),
  id: text,
  alert_id: text,
  alert_title: text,
  alert_transition: text,
  alert_type: text,
  alert_priority: text,
  alert_status: text,
  alert_scope: text,
  alert_metric: text,
  alert_query: text,
  alert_cycle_key: text,
  aggreg_key: text,
  hostname: text,
  host_name: text,
  link: text,
  tags: z.union([value, z.array(value)]).optional(),
  priority: text,
});

/** `[P1] [Triggered on {host:a,env:prod}] Title`: Datadog's event title, taken apart. */
const TITLE_PREFIX =
  /^\s*(?:\[(P[1-5])\]\s*)?(?:\[((?:Re-)?(?:Triggered|Recovered|Warn|No Data|Renotify))(?: on \{([^}]*)\})?\]\s*)?/i;

export const parseDatadog: WebhookParser = (body, _headers, ctx) => {
  const parsed = datadogPayloadSchema.safeParse(body);
  if (!parsed.success) return explain(parsed.error, 'Not a Datadog webhook');
  const p = Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, filled(v)])) as typeof parsed.data;
  const eventTitle = filled(p.title) ?? '';
  const [, titlePriority, titleTransition, titleScope] = TITLE_PREFIX.exec(eventTitle) ?? [];
  const title = filled(p.alert_title)?.replace(TITLE_PREFIX, '') || eventTitle.replace(TITLE_PREFIX, '');
  if (!title.trim())
    return fail('A Datadog webhook needs a title: send "title": "$EVENT_TITLE" (the default payload does).');

  const tags = tagsOf(p.tags, p.alert_scope ?? titleScope);
  const transition = filled(p.alert_transition) ?? titleTransition ?? '';
  const resolved = /recovered/i.test(transition) || (!transition && p.alert_type === 'success');
  const priority = filled(p.alert_priority) ?? titlePriority;
  const date = moment(p.date) ?? moment(p.last_updated) ?? ctx.receivedAt;
  const monitor = filled(p.alert_id);
  const message = cleanMessage(p.body ?? '');
  return {
    ok: true,
    alerts: [
      {
        source: 'datadog',
        key: monitor ? alertKey('datadog:monitor:', monitor) : alertKey('datadog:title:', title.trim().toLowerCase()),
        status: resolved ? 'resolved' : 'firing',
        title: clip(title, 200),
        description: clip(
          [message, p.alert_status, (p.alert_scope ?? titleScope) ? `Scope: ${p.alert_scope ?? titleScope}` : '']
            .filter((s) => s)
            .join('\n\n'),
          4000,
        ),
        service: clip(pick([tags], ['service']), 200),
        team: clip(pick([tags], ['team', 'owner']), 200),
        impact: clip(pick([tags], ['impact']), 1000),
        cause: '',
        runbookUrl: link(runbookIn(message) || pick([tags], ['runbook', 'runbook_url'])),
        url: link(p.link),
        severity: mapSeverity(
          ctx.severity,
          'datadog',
          priority ? [priority] : [pick([tags], ['severity']), p.alert_type === 'success' ? '' : p.alert_type],
        ),
        startsAt: date,
        endsAt: resolved ? date : null,
        labels: labelsOf(
          {
            monitor_id: monitor,
            transition,
            priority,
            event_type: p.event_type,
            metric: p.alert_metric,
            host: p.hostname ?? p.host_name,
            org: p.org?.name,
            event_id: p.id,
          },
          tags,
        ),
      },
    ],
  };
};

/** Datadog leaves a variable it cannot fill as text ("$ALERT_ID") or empty; either means "not given". */
function filled<T>(v: T): T | undefined {
  if (typeof v !== 'string') return v;
  const trimmed = v.trim();
  return trimmed === '' || /^\$[A-Z_]+$/.test(trimmed) ? undefined : (trimmed as T);
}

/** `service:checkout, env:prod,team:payments` (or a list) as a record; a tag without ':' becomes `tag: tag`. */
function tagsOf(tags: string | string[] | undefined, scope: string | undefined): Record<string, string> {
  const list = [...(Array.isArray(tags) ? tags : (tags ?? '').split(',')), ...(scope ?? '').split(',')];
  const record: Record<string, string> = {};
  for (const tag of list.map((t) => t.trim()).filter((t) => t)) {
    const at = tag.indexOf(':');
    const name = at > 0 ? tag.slice(0, at) : tag;
    if (!(name in record) && !(name in Object.prototype)) record[name] = at > 0 ? tag.slice(at + 1) : tag;
  }
  return record;
}

/** The monitor message without Datadog's `%%%` markdown fences and `@notify` handles. */
function cleanMessage(message: string): string {
  return message
    .replace(/%%%/g, '')
    .replace(/(^|\s)@[\w.-]+/g, '$1')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/** A `[Runbook](url)` link, or the first URL with "runbook" or "playbook" in it. */
function runbookIn(message: string): string {
  const named = /\[[^\]]*(?:runbook|playbook)[^\]]*\]\((https?:\/\/[^)\s]+)\)/i.exec(message)?.[1];
  return named ?? /https?:\/\/[^\s)\]]*(?:runbook|playbook)[^\s)\]]*/i.exec(message)?.[0] ?? '';
}
