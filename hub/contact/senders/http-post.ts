import type { SendOutcome } from './sender.js';

/** How long a channel's request may take, unless the caller says otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The most of an answer's body kept for a detail: services put their error code there ("no_service"). */
const BODY_LIMIT_BYTES = 8192;
const BODY_DETAIL_CHARS = 200;

export interface HttpPostOptions {
  readonly timeoutMs?: number;
  /** Node's global fetch unless a test or the caller gives another. */
  readonly fetch?: typeof fetch;
  /** For an HTTP-date Retry-After. */
  readonly now?: () => number;
  /**
   * Texts never to appear in a detail (a webhook URL is its own credential; a token): replaced by "•••" wherever
   * they show up, in an error message or an answer that echoes them.
   */
  readonly secrets?: readonly string[];
  /** A channel's own words for a status (web push: 404/410 mean the subscription expired). */
  readonly explain?: (status: number) => string | undefined;
  /** A channel whose 2xx answer says more than its status (Slack's Web API answers 200 `{"ok":false,"error":…}`). */
  readonly answer?: (body: string) => SendOutcome;
}

export interface HttpPostRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

/** POSTs once, within the timeout, and says what came of it in the terms of SendOutcome. */
export async function httpPost(request: HttpPostRequest, options: HttpPostOptions = {}): Promise<SendOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  const secrets = secretVariants(request.url, options.secrets ?? []);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await doFetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      // A redirected POST may turn into a GET elsewhere; the person should fix the address instead.
      redirect: 'manual',
    });
    const body = await readLimited(response);
    const ok = response.status >= 200 && response.status < 300;
    const outcome =
      ok && options.answer ? options.answer(body) : outcomeOfStatus(response.status, response.headers, body, options);
    return scrubOutcome(outcome, secrets);
  } catch (error) {
    const detail = timedOut ? `no answer within ${timeoutMs} ms` : networkErrorText(error);
    return { ok: false, retryable: true, retryAfterMs: null, detail: scrub(detail, secrets) };
  } finally {
    clearTimeout(timer);
  }
}

/** 2xx ok; 408, 429 and 5xx worth retrying (429 and 503 with the server's Retry-After); anything else is final. */
export function outcomeOfStatus(
  status: number,
  headers: Pick<Headers, 'get'>,
  body: string,
  options: Pick<HttpPostOptions, 'now' | 'explain'> = {},
): SendOutcome {
  if (status >= 200 && status < 300) return { ok: true, detail: `HTTP ${status}` };
  const words = options.explain?.(status) ?? STATUS_WORDS[status] ?? defaultWords(status);
  const snippet = bodySnippet(body);
  const detail = `HTTP ${status}: ${words}${snippet ? ` (${snippet})` : ''}`;
  const retryable = status === 408 || status === 429 || status >= 500;
  const retryAfterMs =
    status === 429 || status === 503 ? parseRetryAfter(headers.get('retry-after'), (options.now ?? Date.now)()) : null;
  return { ok: false, retryable, retryAfterMs, detail };
}

/** Retry-After is either whole seconds or an HTTP date (RFC 9110 10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = /^[A-Za-z]{3},/.test(text) ? Date.parse(text) : NaN; // an IMF-fixdate starts "Sun,"; "-5" is no date
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

const STATUS_WORDS: Readonly<Record<number, string>> = {
  400: 'the service refused the message as malformed',
  401: 'not authorised: check the token',
  403: 'forbidden: check the token or the webhook address',
  404: 'not found: the address is wrong or was removed',
  408: 'the service timed out reading the message',
  410: 'gone: the webhook or channel was removed',
  413: 'the message is too large for the service',
  429: 'too many messages: the service asks to slow down',
};

function defaultWords(status: number): string {
  if (status >= 500) return 'the service had an error';
  if (status >= 300 && status < 400) return 'the service answered with a redirect: use the address it points to';
  return 'the service refused the message';
}

/** One line of the answer's body, short, without control characters. */
function bodySnippet(body: string): string {
  const printable = Array.from(body, (c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c)).join('');
  const line = printable.replace(/\s+/g, ' ').trim();
  return line.length > BODY_DETAIL_CHARS ? `${line.slice(0, BODY_DETAIL_CHARS)}…` : line;
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < BODY_LIMIT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined); // the rest is not needed; cancelling frees the connection
  }
  return Buffer.concat(chunks).subarray(0, BODY_LIMIT_BYTES).toString('utf8');
}

/**
 * What went wrong below HTTP, in the words of the system error: fetch says only "fetch failed" and keeps the cause
 * ("connect ECONNREFUSED 127.0.0.1:4567"); a name with several addresses gives an AggregateError of them.
 */
export function networkErrorText(error: unknown): string {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  if (cause instanceof AggregateError) {
    const first = cause.errors.find((e): e is Error => e instanceof Error);
    if (first) return first.message;
  }
  if (cause instanceof Error) return cause.message || errorCode(cause) || cause.name;
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: Error): string | undefined {
  return 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** The URL itself and its path (where Slack, Teams and Mattermost keep the credential) are secrets. */
function secretVariants(url: string, secrets: readonly string[]): string[] {
  const all = [...secrets];
  try {
    const parsed = new URL(url);
    if (parsed.pathname.length > 1) all.push(parsed.pathname.slice(1) + parsed.search);
    if (parsed.password) all.push(parsed.password);
  } catch {
    // Not a URL: nothing more to hide than what was given.
  }
  return all.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('•••');
  return out;
}

function scrubOutcome(outcome: SendOutcome, secrets: readonly string[]): SendOutcome {
  return { ...outcome, detail: scrub(outcome.detail, secrets) };
}
