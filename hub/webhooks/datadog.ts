import { z } from 'zod';
import { mapSeverity } from '../../shared/alerts/severity-mapping.js';
import { alertKey, clip, explain, fail, labelsOf, link, moment, pick, type WebhookParser } from './parse-support.js';

/**
 * Datadog's Webhooks integration. Its payload is a template the user writes with `$VARIABLES`; both its default
 * payload (body, last_updated, event_type, title, date, org, id) and our recommended one (docs/webhooks.md, which
 * adds alert_id, alert_transition, alert_priority, tags, link …) are read. Every value arrives as a string.
 *
 * Key: `datadog:monitor:<monitor id>` (the monitor: all its groups make one incident), the id from `alert_id` or,
 * in the default payload, from the monitor's link Datadog writes into the message (`$EVENT_MSG`); with neither, the
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
  const left = variablesLeftIn(parsed.data);
  const unexpanded = left.filter((v) => ALWAYS_FILLED.has(v));
  const p = Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, filled(v)])) as typeof parsed.data;
  const eventTitle = filled(p.title) ?? '';
  const [, titlePriority, titleTransition, titleScope] = TITLE_PREFIX.exec(eventTitle) ?? [];
  const title = filled(p.alert_title)?.replace(TITLE_PREFIX, '') || eventTitle.replace(TITLE_PREFIX, '');
  if (unexpanded.length > 0 || (!title.trim() && left.length > 0)) return fail(notExpanded(left));
  if (!title.trim())
    return fail('A Datadog webhook needs a title: send "title": "$EVENT_TITLE" (the default payload does).');

  const tags = tagsOf(p.tags, p.alert_scope ?? titleScope);
  const transition = filled(p.alert_transition) ?? titleTransition ?? '';
  const resolved = /recovered/i.test(transition) || (!transition && p.alert_type === 'success');
  const priority = filled(p.alert_priority) ?? titlePriority;
  const date = moment(p.date) ?? moment(p.last_updated) ?? ctx.receivedAt;
  // Datadog's event text is at most 4000 characters; a longer body is not Datadog's, and is read no further.
  const eventText = (p.body ?? '').slice(0, MAX_MESSAGE);
  const linked = monitorLinkIn(eventText) ?? monitorLinkIn((p.link ?? '').slice(0, MAX_MESSAGE));
  const monitor = filled(p.alert_id) ?? linked?.id;
  const message = cleanMessage(eventText);
  return {
    ok: true,
    ...(left.length > 0
      ? {
          warnings: [
            `Datadog left ${listed(left)} in the payload unexpanded; ${left.length === 1 ? 'it was' : 'they were'} read as not given. Check the spelling against Datadog's list of webhook variables.`,
          ],
        }
      : {}),
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
        url: link(p.link) || link(linked?.url),
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

const MAX_MESSAGE = 16_000;

/**
 * The variables Datadog fills in every notification (its default payload is made of them): one still written as
 * `$EVENT_TITLE` means nothing expanded the template, so the body is the template itself, not an alert.
 */
const ALWAYS_FILLED: ReadonlySet<string> = new Set(
  ['EVENT_TITLE', 'EVENT_MSG', 'EVENT_TYPE', 'ID', 'DATE', 'LAST_UPDATED', 'ORG_ID', 'ORG_NAME'].map((v) => `$${v}`),
);

/** Values that are a variable's name and nothing else (`"$ALERT_PRIORITY"`), and Datadog's own names in the text. */
function variablesLeftIn(p: z.output<typeof datadogPayloadSchema>): string[] {
  const values = [...Object.values(p), ...Object.values(p.org ?? {})].flatMap((v) =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v : [],
  );
  const found = values.flatMap((v) => {
    const whole = /^\s*(\$[A-Z][A-Z0-9_]*)\s*$/.exec(v)?.[1];
    return whole
      ? [whole]
      : [...v.matchAll(/\$(?:EVENT_TITLE|EVENT_MSG|ALERT_TITLE|TEXT_ONLY_MSG)\b/g)].map((m) => m[0]);
  });
  return [...new Set(found)];
}

/** The refusal for a template nobody expanded: what is wrong and how to send it so Datadog fills it in. */
function notExpanded(left: readonly string[]): string {
  return (
    `Datadog's template variables were not expanded: the body still holds ${listed(left)}. ` +
    `This is the webhook's payload template, not a notification: send it through Datadog's Webhooks integration ` +
    `(mention @webhook-<name> in a monitor's message), which fills the variables in.`
  );
}

/** "$A", "$A and $B", "$A, $B, $C and 2 more". */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => clip(n, 40));
  if (names.length > 5) return `${shown.join(', ')} and ${names.length - 5} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}` : (shown[0] ?? '');
}

/**
 * The monitor a default payload is about: Datadog ends `$EVENT_MSG` with `[[Monitor Status](https://app.datadoghq.com
 * /monitors/12345?…)] · [[Edit Monitor](…)]` (older messages: `/monitors#12345`), on any of its sites.
 */
function monitorLinkIn(text: string): { id: string; url: string } | undefined {
  const url = /https:\/\/[a-z0-9.-]*(?:datadoghq\.com|datadoghq\.eu|ddog-gov\.com)\/monitors(?:\/|#)(\d+)[^\s)\]]*/gi;
  const status = /\[Monitor Status\]\((https:[^)\s]+)\)/i.exec(text)?.[1];
  const links = [...(status ?? '').matchAll(url), ...text.matchAll(url)];
  const found = links.find((m) => !/\/edit\b/.test(m[0])) ?? links[0];
  if (!found?.[1]) return undefined;
  const id = found[1];
  const origin = /^https:\/\/[^/#?]+/i.exec(found[0])?.[0] ?? 'https://app.datadoghq.com';
  return { id, url: /\/edit\b/.test(found[0]) ? `${origin}/monitors/${id}` : found[0] };
}

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

/**
 * The monitor message without Datadog's `%%%` markdown fences, `@notify` handles, metric graph snapshot and closing
 * row of links (`- - -` then `[[Monitor Status](…)] · [[Edit Monitor](…)]`: the alert links to the monitor instead).
 */
function cleanMessage(message: string): string {
  return withoutLinkRow(message.replace(/%%%/g, ''))
    .replace(/\[!\[[^\]\n]{0,200}\]\([^)\s]{1,2000}\)\]\([^)\s]{1,2000}\)/g, '')
    .replace(/(^|\s)@[\w.-]+/g, '$1')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The message without its closing `- - -` and row of `[[…](…)]` links, when it ends with them. */
function withoutLinkRow(message: string): string {
  const at = message.lastIndexOf('- - -');
  if (at < 0) return message;
  const row = message.slice(at + '- - -'.length);
  return /^\s*(?:(?:·\s*)?\[\[[^\]]*\]\([^)\s]*\)\]\s*)+$/.test(row) ? message.slice(0, at) : message;
}

/** A `[Runbook](url)` link, or the first URL with "runbook" or "playbook" in it. */
function runbookIn(message: string): string {
  // Links and URLs are found first and looked into after: one pattern with "runbook" between two open-ended runs
  // takes time growing with the cube of the text.
  const named = [...message.matchAll(/\[([^\]\n]{0,300})\]\((https?:\/\/[^)\s]{1,2000})\)/g)].find((m) =>
    RUNBOOK.test(m[1] ?? ''),
  )?.[2];
  return named ?? [...message.matchAll(/https?:\/\/[^\s)\]]{1,2000}/gi)].find((m) => RUNBOOK.test(m[0]))?.[0] ?? '';
}

const RUNBOOK = /runbook|playbook/i;
