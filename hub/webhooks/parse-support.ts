import { withoutRefusedCharacters } from '../../shared/domain/text-rules.js';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { plainIssues } from '../../shared/protocol/plain-issues.js';
import { normalizedAlertSchema, type AlertSource, type NormalizedAlert } from '../../shared/alerts/alert.js';
import type { SeverityMapping } from '../../shared/alerts/severity-mapping.js';

/** What a parser may know besides the request: the severity table and when the hub received the request. */
export interface ParseContext {
  readonly severity: SeverityMapping;
  /** ISO time the hub accepted the request; the start of an alert that names none. */
  readonly receivedAt: string;
}

/** Request headers, names in lower case (as node:http gives them). */
export type WebhookHeaders = Readonly<Record<string, string | undefined>>;

/** Alerts (possibly none, with the reason they were ignored), or why the body is ill-formed. */
export type ParseResult =
  | {
      readonly ok: true;
      readonly alerts: NormalizedAlert[];
      readonly ignored?: string;
      /** What the sender should fix although the alerts were taken (the hub logs it). */
      readonly warnings?: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

/** A source's parser: pure, from the decoded JSON body and headers to normalized alerts. */
export type WebhookParser = (body: unknown, headers: WebhookHeaders, ctx: ParseContext) => ParseResult;

export const fail = (reason: string): ParseResult => ({ ok: false, reason });

/**
 * zod's findings on one line, in words, for a 400 a person reads in their monitor's delivery log: "alerts[0].status
 * is missing (it must be text)", never zod's "received undefined" (a programming word for "not there").
 */
export function explain(error: z.ZodError, what: string): ParseResult {
  return fail(`${what}: ${plainIssues(error, 'the body')}.`);
}

/** Parses the body as JSON and runs the source's parser; every alert is checked against the domain's schema. */
export function parseWebhookBody(
  parser: WebhookParser,
  body: Buffer | string,
  headers: WebhookHeaders,
  ctx: ParseContext,
): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (error) {
    return fail(notJson(error));
  }
  const result = parser(json, headers, ctx);
  if (!result.ok) return result;
  const alerts: NormalizedAlert[] = [];
  for (const [i, alert] of result.alerts.entries()) {
    const checked = normalizedAlertSchema.safeParse(alert);
    if (!checked.success) return explain(checked.error, `Alert ${i + 1} could not be read`);
    alerts.push(checked.data);
  }
  return { ...result, alerts };
}

/**
 * Why the body is not JSON, without quoting it: the parser's message repeats a piece of the body, which may be
 * anything ("undefined" …), so only where it went wrong is said.
 */
function notJson(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const at = /position (\d+)/.exec(message)?.[1];
  const why = /end of JSON input/i.test(message)
    ? 'it ends too early'
    : at !== undefined
      ? `it goes wrong at character ${Number(at) + 1}`
      : 'it could not be read as JSON';
  return `The body is not JSON (${why}): send the tool's JSON payload, with content-type application/json.`;
}

/**
 * A monitor's text, trimmed and cut to fit (a monitor is not a person: its long text is shortened, marked "…"), and
 * without the characters a person's text may not hold (text-direction overrides, control characters): an alert is
 * never refused for them, its title just cannot read differently from what it says.
 */
export function clip(text: string | null | undefined, max: number): string {
  const trimmed = withoutRefusedCharacters(text ?? '').trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}

/** A link, or nothing: a cut URL would lead nowhere, so one too long is dropped. */
export function link(url: string | null | undefined, max = 2000): string {
  const trimmed = (url ?? '').trim();
  return trimmed.length <= max ? trimmed : '';
}

/**
 * A moment from RFC 3339 text or epoch seconds/milliseconds, as ISO UTC; null for none, for Go's zero time
 * (`0001-01-01T00:00:00Z`, Alertmanager's "not ended") and for anything before 1970.
 */
export function moment(value: unknown): string | null {
  let ms: number;
  if (typeof value === 'number') ms = value < 1e11 ? value * 1000 : value;
  else if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return moment(Number(value));
  else if (typeof value === 'string') ms = Date.parse(value);
  else return null;
  return Number.isFinite(ms) && ms >= 0 ? new Date(ms).toISOString() : null;
}

/** Keys fit the domain's 300 characters: a longer one is replaced by its SHA-256, still stable for grouping. */
export function alertKey(prefix: string, raw: string): string {
  const key = `${prefix}${raw}`;
  return key.length <= 300 ? key : `${prefix}sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

const MAX_LABELS = 64;

/** String labels only, at most 64, names to 200 and values to 1000 characters. */
export function labelsOf(
  ...sources: ReadonlyArray<Readonly<Record<string, unknown>> | undefined>
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const source of sources)
    for (const [name, value] of Object.entries(source ?? {})) {
      if (Object.keys(labels).length >= MAX_LABELS) return labels;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
      const key = clip(name, 200);
      if (key && !(key in labels) && !(key in Object.prototype)) labels[key] = clip(String(value), 1000);
    }
  return labels;
}

/** The first non-empty value among `names`, looked up in each record in turn. */
export function pick(
  records: ReadonlyArray<Readonly<Record<string, string>> | undefined>,
  names: readonly string[],
): string {
  for (const record of records)
    for (const name of names) {
      const value = record?.[name]?.trim();
      if (value) return value;
    }
  return '';
}

/**
 * Where the five things a good alert tells are usually written, as label or annotation names (Prometheus
 * conventions first). docs/webhooks.md lists them.
 */
export const FIELD_NAMES = {
  title: ['summary', 'title'],
  description: ['description', 'message'],
  service: ['service', 'app', 'application', 'component', 'service_name'],
  team: ['team', 'owner', 'squad'],
  impact: ['impact', 'customer_impact', 'user_impact'],
  cause: ['cause', 'probable_cause', 'possible_cause'],
  runbook: ['runbook_url', 'runbook', 'runbook_link', 'playbook', 'playbook_url'],
  severity: ['severity', 'priority', 'level'],
} as const;

/** The actor a source's commands run as: a system actor, never a hub user. */
export function integrationActor(source: AlertSource): { id: string; name: string } {
  return { id: `integration-${source}`, name: SOURCE_NAMES[source] };
}

export const SOURCE_NAMES: Readonly<Record<AlertSource, string>> = {
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
  datadog: 'Datadog',
  sentry: 'Sentry',
  generic: 'Webhook',
};

export type { NormalizedAlert };
