import type { Logger } from 'pino';
import type { AlertSource } from '../../shared/alerts/alert.js';
import { isoNow, type Clock } from '../../shared/clock.js';
import type { Command } from '../../shared/domain/commands.js';
import type { Person } from '../../shared/domain/primitives.js';
import type { CommandAck } from '../../shared/protocol/wire.js';
import { createWebhookRouter, type ReceiveResult, type WebhookHandler } from '../http/webhook-router.js';
import type { HubStore } from '../store/hub-store.js';
import { InboxProcessor } from './inbox-processor.js';
import { parseWebhookBody, type WebhookHeaders } from './parse-support.js';
import { SentryReplayGuard } from './sentry-replay.js';
import { loadSeverityMapping } from './severity-config.js';
import { KEPT_HEADERS, PARSERS } from './sources.js';

/** A webhook body may be at most this large (1 MiB); a larger one is answered 413. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export interface WebhookIngestDeps {
  readonly store: Pick<HubStore, 'inbox' | 'integrations'>;
  readonly pipeline: { submit(command: Command, actor: Person): Promise<CommandAck> };
  readonly clock: Clock;
  readonly logger: Logger;
  /** The data folder, where severity-mapping.json may be. */
  readonly dataDir: string;
}

export interface WebhookIngest {
  /** The HTTP handler for /api/webhooks/*; false for other paths. */
  readonly handle: WebhookHandler;
  /** Look in the inbox now (another node took a request, or a poll). */
  notify(): void;
  /** Resolves when the inbox has nothing in flight. */
  idle(): Promise<void>;
  /** Stops processing; what is left stays in the inbox for the next start. */
  close(): Promise<void>;
}

/**
 * Alert ingest: webhook endpoints -> durable inbox (answer 202) -> `alert.receive` commands through the pipeline
 * -> inbox row deleted once acked. Starts processing whatever an earlier run left in the inbox.
 */
export function startWebhookIngest(deps: WebhookIngestDeps): WebhookIngest {
  const { clock, logger } = deps;
  const { inbox, integrations: tokens } = deps.store;
  const now = () => isoNow(clock);
  const { mapping, file } = loadSeverityMapping(deps.dataDir);
  if (file) logger.info({ file }, 'severity mapping for webhook alerts');
  const parse = (source: AlertSource, body: Buffer, headers: WebhookHeaders, receivedAt: string) =>
    parseWebhookBody(PARSERS[source], body, headers, { severity: mapping, receivedAt });

  const processor = new InboxProcessor({
    inbox,
    submit: (command, actor) => deps.pipeline.submit(command, actor),
    parse: (row) => parse(row.source, row.body, row.headers, row.receivedAt),
    logger,
    now,
  });

  const receive = async (
    source: AlertSource,
    body: Buffer,
    headers: WebhookHeaders,
    tokenId: string,
  ): Promise<ReceiveResult> => {
    const receivedAt = now();
    const parsed = parse(source, body, headers, receivedAt);
    if (!parsed.ok) {
      logger.warn({ source, reason: parsed.reason }, 'webhook refused: ill-formed body');
      return { status: 400, reason: parsed.reason };
    }
    // A sender's mistake that did not stop its alerts (Datadog variables left as written …) is worth a log line.
    if (parsed.warnings?.length) logger.warn({ source, warnings: parsed.warnings }, 'webhook taken with warnings');
    const warnings = parsed.warnings?.length ? { warnings: parsed.warnings } : {};
    if (parsed.alerts.length === 0)
      return { status: 202, accepted: 0, inboxId: null, ignored: parsed.ignored, ...warnings };
    const kept = Object.fromEntries(KEPT_HEADERS.flatMap((h) => (headers[h] ? [[h, headers[h]]] : [])));
    let inboxId: number;
    try {
      inboxId = await inbox.add({ source, tokenId, receivedAt, headers: kept, body });
    } catch (error) {
      logger.error({ err: error, source }, 'webhook inbox write failed');
      return { status: 503 };
    }
    logger.info({ source, inboxId, alerts: parsed.alerts.length }, 'webhook accepted');
    processor.notify();
    return { status: 202, accepted: parsed.alerts.length, inboxId, ...warnings };
  };

  const handle = createWebhookRouter({
    authenticate: (token) => tokens.authenticate(token),
    receive,
    logger,
    maxBodyBytes: MAX_WEBHOOK_BODY_BYTES,
    sentryReplay: new SentryReplayGuard(() => clock.now()),
  });
  processor.start();
  return {
    handle,
    notify: () => processor.notify(),
    idle: () => processor.idle(),
    close: () => processor.close(),
  };
}
