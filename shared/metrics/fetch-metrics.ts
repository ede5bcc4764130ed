import type { MetricsQuery, MetricsReport } from './report.js';
import { metricsQueryString, metricsReportSchema } from './report.js';

/** The part of fetch used here (the browser's and Node's both fit), so shared code needs no DOM or Node types. */
export type HttpGet = (
  url: string,
  init: { readonly headers: Record<string, string> },
) => Promise<{ readonly ok: boolean; readonly status: number; json(): Promise<unknown> }>;

/**
 * `GET /api/metrics` with the person's token, for the desktop's main process and the web client alike. Rejects
 * with a message for a person: the hub unreachable, the token refused, or the hub's own reason for a bad period.
 */
export async function fetchMetrics(
  get: HttpGet,
  hubUrl: string,
  token: string,
  query: MetricsQuery,
): Promise<MetricsReport> {
  const url = `${hubUrl.replace(/\/+$/, '')}/api/metrics${metricsQueryString(query)}`;
  let response: Awaited<ReturnType<HttpGet>>;
  try {
    response = await get(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  } catch {
    throw new Error('The hub cannot be reached: metrics are computed by the hub, so they need a connection.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401) throw new Error('The hub refused this token for metrics: sign in again.');
    throw new Error(`The hub could not compute metrics: ${hubMessage(body) ?? `HTTP ${response.status}`}`);
  }
  return parseMetricsReport(body);
}

function hubMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const message = (body as { error?: { message?: unknown } }).error?.message;
  return typeof message === 'string' ? message : null;
}

/**
 * Checks the reply against the report's schema: a hub from another version, or something that is not a hub at that
 * address, gives a message for a person rather than a screen that breaks on a missing field.
 */
export function parseMetricsReport(body: unknown): MetricsReport {
  const parsed = metricsReportSchema.safeParse(body);
  if (!parsed.success)
    throw new Error('The hub answered with something that is not a metrics report (is it an older hub?).');
  return parsed.data;
}
