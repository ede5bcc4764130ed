import type { Logger } from 'pino';
import type { Command } from '../../shared/domain/commands.js';
import type { Person } from '../../shared/domain/primitives.js';
import type { CommandAck } from '../../shared/protocol/wire.js';
import { alertCommands } from './alert-commands.js';
import type { InboxRow, WebhookInbox } from './inbox.js';
import { integrationActor, type ParseResult } from './parse-support.js';

export interface InboxProcessorOptions {
  readonly inbox: Pick<WebhookInbox, 'claim' | 'remove' | 'recordAttempt' | 'setAside' | 'retrySetAside'>;
  /** The command pipeline's submit: decide, durable append, ack. */
  readonly submit: (command: Command, actor: Person) => Promise<CommandAck>;
  /** Parses a stored request again, exactly as it was parsed when it was accepted. */
  readonly parse: (row: InboxRow) => ParseResult;
  readonly logger: Logger;
  readonly now: () => string;
  /** First wait after a failed save; doubled per attempt up to maxRetryDelayMs. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** Requests taken per turn; their commands go to the pipeline together (one transaction). */
  readonly batchSize?: number;
}

type Outcome = 'done' | 'retry' | 'set-aside';

/**
 * Turns inbox requests into `alert.receive` commands, oldest first, and deletes a request only once every one of
 * its commands has an answer that will not change: acked (also as a duplicate) or refused by the rules (a resolved
 * alert with no open incident). `storage_failed` keeps it for a retry with backoff; a bug (`internal_error`) or a
 * body that no longer parses sets it aside, kept and logged, for the next start. Nothing accepted is dropped.
 */
export class InboxProcessor {
  private running: Promise<void> | null = null;
  private starting: Promise<void> = Promise.resolve();
  private again = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(private readonly options: InboxProcessorOptions) {}

  /** At hub start: requests left by a stop or crash (and set-aside ones) are processed. */
  start(): void {
    this.starting = this.options.inbox.retrySetAside().then(
      (retried) => {
        if (retried > 0) this.options.logger.warn({ requests: retried }, 'retrying webhook requests set aside before');
        this.notify();
      },
      (error: unknown) => {
        this.options.logger.error({ err: error }, 'retrying set-aside webhook requests failed');
        this.notify();
      },
    );
  }

  /** A request was added: process it (and anything before it) soon. */
  notify(): void {
    if (this.closed) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'processing the webhook inbox failed; retrying');
        this.scheduleRetry();
      })
      .finally(() => {
        this.running = null;
      });
  }

  /** Resolves once nothing is in flight (tests, and the hub's clean stop). */
  async idle(): Promise<void> {
    await this.starting;
    while (this.running) await this.running;
  }

  /** Stops retrying and waits for the turn in flight; what is left stays in the inbox for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.idle();
  }

  private async drain(): Promise<void> {
    const { inbox, logger, batchSize = 50 } = this.options;
    do {
      this.again = false;
      for (;;) {
        if (this.closed) return;
        let rows: InboxRow[];
        try {
          rows = await inbox.claim(batchSize);
        } catch (error) {
          logger.error({ err: error }, 'reading the webhook inbox failed');
          return this.scheduleRetry();
        }
        if (rows.length === 0) break;
        const outcomes = await this.processRows(rows);
        const done = rows.filter((_, i) => outcomes[i] === 'done').map((r) => r.id);
        const retry = rows.filter((_, i) => outcomes[i] === 'retry').map((r) => r.id);
        try {
          if (done.length > 0) await inbox.remove(done);
          if (retry.length > 0) await inbox.recordAttempt(retry, 'storage_failed');
        } catch (error) {
          logger.error({ err: error }, 'updating the webhook inbox failed; the requests will be processed again');
          return this.scheduleRetry();
        }
        if (retry.length > 0) return this.scheduleRetry();
        this.failures = 0;
      }
    } while (this.again);
  }

  /** Submits every command of every row in one turn of the event loop, so the pipeline writes them together. */
  private async processRows(rows: readonly InboxRow[]): Promise<Outcome[]> {
    const { submit, parse, logger, inbox, now } = this.options;
    const jobs = rows.map((row) => {
      const parsed = parse(row);
      if (!parsed.ok) return { row, error: parsed.reason, acks: [] as Promise<CommandAck>[] };
      let commands: Command[];
      try {
        commands = alertCommands(row.id, row.receivedAt, parsed.alerts);
      } catch (error) {
        return { row, error: error instanceof Error ? error.message : String(error), acks: [] };
      }
      const actor = integrationActor(row.source);
      return { row, error: null, acks: commands.map((c) => submit(c, actor)) };
    });
    const outcomes: Outcome[] = [];
    for (const { row, error, acks } of jobs) {
      if (error !== null) {
        logger.error({ inboxId: row.id, source: row.source, error }, 'webhook request no longer parses; set aside');
        await inbox.setAside(row.id, error, now());
        outcomes.push('set-aside');
        continue;
      }
      const answers = await Promise.all(acks);
      const codes = answers.map((a) => (a.ok ? (a.duplicate ? 'duplicate' : 'ok') : a.error.code));
      if (codes.includes('storage_failed')) {
        logger.warn({ inboxId: row.id, source: row.source, attempt: row.attempts + 1 }, 'webhook alerts not saved yet');
        outcomes.push('retry');
      } else if (codes.includes('internal_error')) {
        logger.error({ inboxId: row.id, source: row.source, codes }, 'webhook alerts hit a bug; request set aside');
        await inbox.setAside(row.id, 'internal_error', now());
        outcomes.push('set-aside');
      } else {
        logger.info({ inboxId: row.id, source: row.source, alerts: codes }, 'webhook request processed');
        outcomes.push('done');
      }
    }
    return outcomes;
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    const { retryDelayMs = 1000, maxRetryDelayMs = 60_000 } = this.options;
    const delay = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** this.failures);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.notify();
    }, delay);
    this.retryTimer.unref();
  }
}
