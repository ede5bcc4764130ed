import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ALERT_SOURCES, alertSourceSchema, type AlertSource } from '../../shared/alerts/alert.js';
import type { IntegrationSession } from '../auth/integration-tokens.js';
import { readBody } from '../webhooks/read-body.js';
import { verifySentrySignature } from '../webhooks/sentry.js';
import type { SentryReplayGuard } from '../webhooks/sentry-replay.js';
import type { WebhookHeaders } from '../webhooks/parse-support.js';
import { parseRequestUrl } from './request-url.js';
import { sendError, sendJson } from './respond.js';

/** What the ingest says about a well-authenticated body: refused (400), accepted (202), or not storable (503). */
export type ReceiveResult =
  | { readonly status: 400; readonly reason: string }
  | {
      readonly status: 202;
      readonly accepted: number;
      readonly inboxId: number | null;
      readonly ignored?: string;
      /** A sender's mistakes that did not stop its alerts, told back so whoever set up the monitor sees them. */
      readonly warnings?: readonly string[];
    }
  | { readonly status: 503 };

export interface WebhookRouterDeps {
  readonly authenticate: (token: string) => Promise<IntegrationSession | null>;
  /** Parses the body and, if it holds alerts, writes it to the durable inbox. */
  readonly receive: (
    source: AlertSource,
    body: Buffer,
    headers: WebhookHeaders,
    tokenId: string,
  ) => Promise<ReceiveResult>;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  /** Refuses Sentry deliveries seen before or stamped too long ago. */
  readonly sentryReplay: SentryReplayGuard;
}

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const PREFIX = '/api/webhooks';

/**
 * `POST /api/webhooks/<source>`: 404 unknown source, 405 other methods, 401 missing/wrong token (or a bad Sentry
 * signature, or a stale Sentry timestamp), 403 a token of another source, 409 a Sentry delivery taken already, 413 a
 * body over the limit, 400 an ill-formed body (with the reason), 503 when the inbox cannot be written, 202 once the
 * request is durable. Returns false for paths not under /api/webhooks. The token may come as `Authorization: Bearer`
 * or `?token=` (for senders without headers).
 */
export function createWebhookRouter(deps: WebhookRouterDeps): WebhookHandler {
  return async (req, res) => {
    const url = parseRequestUrl(req.url);
    if (!url) return false; // startHub answers malformed URLs before any handler
    if (url.pathname !== PREFIX && !url.pathname.startsWith(`${PREFIX}/`)) return false;
    try {
      await route(req, res, url, deps);
    } catch (error) {
      // Never log req.url: it may carry ?token=.
      deps.logger.error({ err: error, path: url.pathname }, 'webhook request failed');
      if (!res.headersSent)
        sendError(res, 500, 'internal_error', 'The hub failed to take this request; send it again.');
    }
    return true;
  };
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, deps: WebhookRouterDeps): Promise<void> {
  const source = alertSourceSchema.safeParse(url.pathname.slice(PREFIX.length + 1).replace(/\/$/, ''));
  if (!source.success) {
    sendError(
      res,
      404,
      'not_found',
      `No such webhook. Endpoints: ${ALERT_SOURCES.map((s) => `${PREFIX}/${s}`).join(', ')}.`,
    );
    return;
  }
  if (req.method !== 'POST' && req.method !== 'PUT') {
    res.setHeader('allow', 'POST, PUT');
    sendError(res, 405, 'method_not_allowed', 'Webhooks take POST (or PUT) with a JSON body.');
    return;
  }
  const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('token');
  const session = token ? await deps.authenticate(token) : null;
  if (!session) {
    sendError(
      res,
      401,
      'unauthorized',
      `Send an integration token (warroom-hub token create --integration ${source.data}) as Authorization: Bearer <token> or ?token=<token>.`,
    );
    return;
  }
  if (session.source !== source.data) {
    sendError(res, 403, 'forbidden', `This token is for ${PREFIX}/${session.source}, not ${PREFIX}/${source.data}.`);
    return;
  }
  const read = await readBody(req, deps.maxBodyBytes);
  if (!read.ok) {
    res.setHeader('connection', 'close');
    sendError(res, 413, 'payload_too_large', `A webhook body may be at most ${deps.maxBodyBytes} bytes.`);
    return;
  }
  const headers = headersOf(req);
  if (
    source.data === 'sentry' &&
    // A sentry token without a secret (never made by the CLI) must not verify against an empty key anyone knows.
    (!session.signingSecret ||
      !verifySentrySignature(read.body, headers['sentry-hook-signature'], session.signingSecret))
  ) {
    sendError(
      res,
      401,
      'bad_signature',
      "Sentry-Hook-Signature does not match the body signed with this integration's client secret.",
    );
    return;
  }
  const replay = source.data === 'sentry' ? deps.sentryReplay.check(headers) : null;
  if (replay && !replay.ok) {
    deps.logger.warn({ source: source.data, code: replay.code }, 'webhook refused: replay');
    sendError(res, replay.status, replay.code, replay.message);
    return;
  }
  // The check holds the delivery's keys while it is stored; a request not taken lets go of them (a retry may come).
  let result: ReceiveResult;
  try {
    result = await deps.receive(source.data, read.body, headers, session.tokenId);
  } catch (error) {
    if (replay?.ok) replay.release();
    throw error;
  }
  if (result.status !== 202 && replay?.ok) replay.release();
  if (result.status === 400) sendError(res, 400, 'invalid_body', result.reason);
  else if (result.status === 503)
    sendError(res, 503, 'storage_failed', 'The hub could not store this request; nothing was kept. Send it again.');
  else
    sendJson(res, 202, {
      accepted: result.accepted,
      inboxId: result.inboxId,
      ...(result.ignored ? { ignored: result.ignored } : {}),
      ...(result.warnings?.length ? { warnings: result.warnings } : {}),
    });
}

function headersOf(req: IncomingMessage): WebhookHeaders {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}
