import type { Logger } from 'pino';
import type { Clock, Timers } from '../../shared/clock.js';
import type { DeliveryResult } from '../../shared/contact/contact-method.js';
import { BUSY_POLL_MS, LEASE_MS, retryDelayMs } from '../contact/outbox-timing.js';
import type { SendOutcome } from '../contact/senders/sender.js';
import type { OutboxStatus } from '../contact/contact-store.js';
import { PendingWork } from './pending-work.js';

/** What an outbox loop needs of its store: the lease claim and the next due time. */
export interface ClaimingStore<Row> {
  claimDue(now: string, owner: string, leaseUntil: string, limit: number): Promise<Row[]>;
  nextDue(): Promise<string | null>;
}

export interface OutboxLoopDeps<Row> {
  readonly store: ClaimingStore<Row>;
  /** Sends one claimed row and finishes it. Should not throw (a throw is logged, the row's lease then passes). */
  deliver(row: Row): Promise<void>;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
  /** Names this node in the leases. */
  readonly nodeId: string;
  /** For the log: "the delivery outbox". */
  readonly what: string;
}

/** Rows claimed per look: a storm's messages go out in batches, each sent concurrently. */
export const CLAIM_BATCH = 20;

/**
 * The loop both durable outboxes share (page deliveries, status page messages): when rows fall due, claim a batch
 * with a lease (one node wins each), send them, then arm one timer for the next due row. One look at a time; a look
 * asked for during one runs after it. Timers and the clock come from deps, so tests drive it with a fake clock.
 */
export class OutboxLoop<Row> {
  private timer: { handle: unknown; at: number } | null = null;
  private running = false;
  private readonly work = new PendingWork();
  private looking = false;
  private lookAgain = false;

  constructor(private readonly deps: OutboxLoopDeps<Row>) {}

  start(): void {
    this.running = true;
  }

  get isRunning(): boolean {
    return this.running;
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.deps.timers.clear(this.timer.handle);
    this.timer = null;
  }

  /** Keeps `work` for settled() (an enqueue, a send). */
  track(work: Promise<unknown>): void {
    this.work.track(work);
  }

  /** Resolves when every look, send and tracked piece of work started so far is done. */
  settled(): Promise<void> {
    return this.work.settled();
  }

  /** Claims what is due and sends it; then arms the timer for the next due row. */
  look(): void {
    if (!this.running) return;
    if (this.looking) {
      this.lookAgain = true;
      return;
    }
    this.looking = true;
    this.work.track(
      this.lookOnce()
        .catch((error: unknown) => {
          this.deps.logger.error({ err: error }, `${this.deps.what} could not be read; trying again shortly`);
          this.arm(this.deps.clock.now() + BUSY_POLL_MS);
        })
        .finally(() => {
          this.looking = false;
          if (this.lookAgain) {
            this.lookAgain = false;
            this.look();
          }
        }),
    );
  }

  private async lookOnce(): Promise<void> {
    const now = this.deps.clock.now();
    const leaseUntil = new Date(now + LEASE_MS).toISOString();
    const claimed = await this.deps.store.claimDue(
      new Date(now).toISOString(),
      this.deps.nodeId,
      leaseUntil,
      CLAIM_BATCH,
    );
    await Promise.all(
      claimed.map((row) =>
        this.deps.deliver(row).catch((error: unknown) => {
          this.deps.logger.error({ err: error }, `${this.deps.what}: a message could not be finished`);
        }),
      ),
    );
    if (claimed.length === CLAIM_BATCH) {
      this.lookAgain = true;
      return;
    }
    const next = await this.deps.store.nextDue();
    if (next === null) return this.arm(null);
    const at = Date.parse(next);
    // Due but not claimable: another node holds it (or held it and died): look again after a while, not in a loop.
    this.arm(at <= this.deps.clock.now() ? this.deps.clock.now() + BUSY_POLL_MS : at);
  }

  private arm(at: number | null): void {
    if (!this.running) return;
    if (this.timer && this.timer.at === at) return;
    if (this.timer) this.deps.timers.clear(this.timer.handle);
    this.timer = null;
    if (at === null) return;
    const delay = Math.min(Math.max(at - this.deps.clock.now(), 0), 24 * 60 * 60 * 1000);
    this.timer = {
      at,
      handle: this.deps.timers.set(() => {
        this.timer = null;
        this.look();
      }, delay),
    };
  }
}

/** What a try did to its row: sent, retrying (back-off, Retry-After honoured) or failed once the tries are used up. */
export interface TryResult {
  readonly result: DeliveryResult;
  readonly attempt: number;
  /** When the next try is due (retrying), else null. */
  readonly nextAttemptAt: string | null;
  /** What to finish the row with. */
  readonly update: {
    readonly status: OutboxStatus;
    readonly attempts: number;
    readonly dueAt: string;
    readonly detail: string;
    readonly updatedAt: string;
  };
}

export function tryResult(
  row: { readonly attempts: number; readonly dueAt: string },
  outcome: SendOutcome,
  now: number,
): TryResult {
  const attempt = row.attempts + 1;
  const delay = outcome.ok ? null : outcome.retryable ? retryDelayMs(attempt, outcome.retryAfterMs) : null;
  const result: DeliveryResult = outcome.ok ? 'sent' : delay !== null ? 'retrying' : 'failed';
  const nextAttemptAt = delay !== null ? new Date(now + delay).toISOString() : null;
  return {
    result,
    attempt,
    nextAttemptAt,
    update: {
      status: result === 'retrying' ? 'pending' : result,
      attempts: attempt,
      dueAt: nextAttemptAt ?? row.dueAt,
      detail: outcome.detail,
      updatedAt: new Date(now).toISOString(),
    },
  };
}
