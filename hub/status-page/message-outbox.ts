import type { Logger } from 'pino';
import type { Clock, Timers } from '../../shared/clock.js';
import { isoNow } from '../../shared/clock.js';
import type { SendOutcome } from '../contact/senders/sender.js';
import { SecretsKeyError } from '../secrets/secret-key.js';
import { OutboxLoop, tryResult } from '../work/outbox-loop.js';
import type { MessageHandler } from './status-page-parts.js';
import type { MessageKind, MessageRow, StatusPageStore } from './status-page-store.js';

export interface MessageOutboxDeps {
  readonly store: Pick<StatusPageStore, 'enqueue' | 'claimDue' | 'nextDue' | 'finish'>;
  /** How each kind is sent (the parts' handlers, merged). */
  readonly handlers: Partial<Record<MessageKind, MessageHandler>>;
  /** Opens a row's sealed body. */
  open(sealed: string): string;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
  /** Names this node in the leases. */
  readonly nodeId: string;
  /** A message was sent or failed for good (`row` as it was claimed). */
  onFinished?(row: MessageRow): void;
}

const SEALED_ELSEWHERE =
  'this message was sealed with another secrets key, which this hub does not have: it cannot be sent';

/**
 * The status page's durable message outbox: announcements to chat channels and messages to subscribers, one row
 * each (unique by id, so a restart or a second node enqueuing the same message adds nothing). When a row falls due a
 * node claims it with a lease, opens its body and hands it to the handler of its kind; the answer finishes the row:
 * sent, retrying with back-off (Retry-After honoured), or failed once the tries are used up. At least once, like
 * page deliveries (hub/contact/delivery-outbox.ts, whose loop it shares).
 */
export class MessageOutbox {
  private readonly loop: OutboxLoop<MessageRow>;

  constructor(private readonly deps: MessageOutboxDeps) {
    // The loop takes the store, clock, timers, logger and node id from these deps as they are.
    this.loop = new OutboxLoop({ ...deps, deliver: (row) => this.deliver(row), what: 'the status page outbox' });
  }

  /** Starts sending what is due (rows left by a stopped hub included); does not wait for the sends. */
  start(): void {
    this.loop.start();
    this.loop.look();
  }

  stop(): void {
    this.loop.stop();
  }

  /** Adds rows whose id is new and looks at once; resolves when they are stored (not sent). */
  async enqueue(rows: readonly MessageRow[]): Promise<void> {
    if (rows.length === 0) return;
    const stored = this.deps.store.enqueue(rows).then((added) => {
      if (added > 0) this.deps.logger.debug({ added }, 'status page messages enqueued');
      this.loop.look();
    });
    this.loop.track(stored.catch(() => undefined));
    await stored;
  }

  /** Looks again now (another node enqueued, a part asked). */
  wake(): void {
    this.loop.look();
  }

  settled(): Promise<void> {
    return this.loop.settled();
  }

  private async deliver(row: MessageRow): Promise<void> {
    const { clock, logger } = this.deps;
    const handler = this.deps.handlers[row.kind];
    if (!handler) {
      await this.deps.store.finish(row.id, this.deps.nodeId, {
        status: 'cancelled',
        attempts: row.attempts,
        dueAt: row.dueAt,
        detail: `not sent: this hub sends no ${row.kind} messages`,
        updatedAt: isoNow(clock),
      });
      return;
    }
    let outcome: SendOutcome;
    try {
      outcome = await handler(row, this.deps.open(row.sealedBody));
    } catch (error) {
      logger.error({ err: error, messageId: row.id, kind: row.kind }, 'sending a status page message failed');
      // A body sealed with a secrets key that is lost never opens again; anything else may work next time.
      outcome =
        error instanceof SecretsKeyError
          ? { ok: false, retryable: false, retryAfterMs: null, detail: SEALED_ELSEWHERE }
          : { ok: false, retryable: true, retryAfterMs: null, detail: 'the hub could not prepare the message' };
    }
    const { result, attempt, nextAttemptAt, update } = tryResult(row, outcome, clock.now());
    if (!(await this.deps.store.finish(row.id, this.deps.nodeId, update))) {
      logger.warn({ messageId: row.id }, 'a status page message outlived its lease; another node owns it now');
      return;
    }
    // Never the body or the target: the kind, the recipient's id and the answer say enough.
    const log = { messageId: row.id, kind: row.kind, recipientId: row.recipientId, attempt, detail: outcome.detail };
    if (result === 'sent') logger.info(log, 'status page message sent');
    else logger.warn({ ...log, nextAttemptAt }, `status page message ${result}`);
    if (result !== 'retrying') this.deps.onFinished?.(row);
  }
}
