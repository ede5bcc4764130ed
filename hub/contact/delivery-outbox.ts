import type { Logger } from 'pino';
import { PendingWork } from '../work/pending-work.js';
import { isoNow, type Clock, type Timers } from '../../shared/clock.js';
import type { ContactTarget } from '../../shared/contact/contact-method.js';
import { deliveryVerdict } from '../../shared/contact/delivery-verdict.js';
import { effectiveRules, plannedDeliveries } from '../../shared/contact/notification-rules.js';
import { pageMessage } from '../../shared/contact/page-message.js';
import { HUB_COMMAND_PREFIX, type Command } from '../../shared/domain/commands.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { DeliveryResult } from '../../shared/contact/contact-method.js';
import { findIncident, type IncidentsState } from '../../shared/domain/state.js';
import { isActive } from '../../shared/domain/status.js';
import { fnv1a64 } from '../../shared/oncall/page-ids.js';
import { PAGING_ACTOR } from '../../shared/oncall/paging.js';
import type { CommandAck } from '../../shared/protocol/wire.js';
import { SecretsKeyError } from '../secrets/secret-key.js';
import type { AckLinks } from './ack-links.js';
import type { ContactStore, OutboxRow, StoredContactMethod } from './contact-store.js';
import { BUSY_POLL_MS, LEASE_MS, retryDelayMs } from './outbox-timing.js';
import type { SendOutcome, SendThrough } from './senders/sender.js';

export interface DeliveryOutboxDeps {
  readonly store: ContactStore;
  readonly state: () => IncidentsState;
  submit(command: Command, actor: typeof PAGING_ACTOR): Promise<CommandAck>;
  readonly sendThrough: SendThrough;
  /** A method's target, opened from its sealed form. */
  openTarget(method: StoredContactMethod): ContactTarget;
  readonly links: AckLinks;
  readonly urls: { ack(token: string): string; incident(incidentId: string): string };
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
  /** Names this node in the outbox's leases. */
  readonly nodeId: string;
  /** A message failed for good: who can be reached has changed (the on-call warnings and the log say so). */
  onFailed?(): void;
}

export const SEALED_ELSEWHERE =
  'this method was saved with another secrets key, which this hub does not have: remove it and add it again';

/** Messages claimed per look: a storm's pages go out in batches, each sent concurrently. */
const CLAIM_BATCH = 20;

/**
 * The durable delivery outbox: every page that goes out (page.sent) becomes one row per contact method in the
 * person's notification rules, due at the rule's delay. When a row falls due, a node claims it with a lease, asks
 * `deliveryVerdict` whether it is still wanted (not acknowledged, not escalated past, the incident still paging),
 * sends it with a one-time acknowledge link, and records the result as a `page.delivery` event: sent, retrying
 * with back-off, or failed. Rows are unique by page and method, so a restart or a second node enqueuing the same
 * page adds nothing, and the lease lets only one node send a row at a time (at least once: a node that dies after
 * sending and before recording lets another send it again when the lease passes).
 */
export class DeliveryOutbox {
  private timer: { handle: unknown; at: number } | null = null;
  private running = false;
  private readonly work = new PendingWork();
  private looking = false;
  private lookAgain = false;

  constructor(private readonly deps: DeliveryOutboxDeps) {}

  /**
   * Enqueues what sent pages of active incidents still need (catching up after a restart: rows that exist are left
   * as they are), then looks. Does not wait for the sends: a slow mail server must not hold the hub's start.
   */
  async start(): Promise<void> {
    this.running = true;
    const sent = Object.values(this.deps.state().incidents)
      .filter((i) => isActive(i.status))
      .flatMap((i) => i.pages.filter((p) => p.sentAt !== null).map((p) => ({ incidentId: i.id, page: p })));
    await this.enqueue(
      sent.map(({ incidentId, page }) => ({
        incidentId,
        pageId: page.id,
        userId: page.person.id,
        sentAt: page.sentAt ?? '',
      })),
    );
    this.look();
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.deps.timers.clear(this.timer.handle);
    this.timer = null;
  }

  /** Resolves when every enqueue, send and record started so far is done. */
  settled(): Promise<void> {
    return this.work.settled();
  }

  /** After each commit: pages sent now get their rows. */
  onCommitted(events: readonly DomainEvent[]): void {
    if (!this.running) return;
    const sent = events.flatMap((e) =>
      e.type === 'page.sent'
        ? [{ incidentId: e.incidentId, pageId: e.payload.pageId, userId: e.payload.person.id, sentAt: e.at }]
        : [],
    );
    if (sent.length > 0) this.work.track(this.enqueue(sent).then(() => this.look()));
  }

  private async enqueue(
    pages: readonly { incidentId: string; pageId: string; userId: string; sentAt: string }[],
  ): Promise<void> {
    if (pages.length === 0) return;
    try {
      const [methods, saved] = await Promise.all([this.deps.store.methods(), this.deps.store.rules()]);
      const now = isoNow(this.deps.clock);
      const rows: OutboxRow[] = pages.flatMap((page) => {
        const verified = methods.filter((m) => m.userId === page.userId && m.verifiedAt !== null).map((m) => m.id);
        return plannedDeliveries(effectiveRules(saved.get(page.userId), verified), page.sentAt).map((planned) => ({
          pageId: page.pageId,
          methodId: planned.methodId,
          userId: page.userId,
          incidentId: page.incidentId,
          status: 'pending' as const,
          attempts: 0,
          dueAt: planned.dueAt,
          leaseOwner: null,
          leaseUntil: null,
          detail: '',
          updatedAt: now,
        }));
      });
      const added = await this.deps.store.enqueue(rows);
      if (added > 0) this.deps.logger.debug({ added }, 'page deliveries enqueued');
    } catch (error) {
      // The page itself is recorded and pushed; its messages are enqueued again at the next start.
      this.deps.logger.error({ err: error }, 'enqueuing page deliveries failed');
    }
  }

  /** Claims what is due and sends it; then arms the timer for the next due row. One look at a time. */
  private look(): void {
    if (!this.running) return;
    if (this.looking) {
      this.lookAgain = true;
      return;
    }
    this.looking = true;
    this.work.track(
      this.lookOnce()
        .catch((error: unknown) => {
          this.deps.logger.error({ err: error }, 'the delivery outbox could not be read; trying again shortly');
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
    await Promise.all(claimed.map((row) => this.deliver(row)));
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

  /** One claimed row: still wanted? then send, finish the row, record the result. */
  private async deliver(row: OutboxRow): Promise<void> {
    const { store, clock, logger } = this.deps;
    const incident = findIncident(this.deps.state().incidents, row.incidentId);
    const verdict = deliveryVerdict(incident, row.pageId);
    const method = await store.method(row.methodId);
    // deliveryVerdict sends only for a sent page of a known incident: `page` is there whenever it says send.
    const page = incident?.pages.find((p) => p.id === row.pageId);
    const stop = !verdict.send ? verdict.why : !method || method.verifiedAt === null ? 'the method was removed' : null;
    if (stop !== null || !incident || !page || !method) {
      await store.finish(row.pageId, row.methodId, this.deps.nodeId, {
        status: 'cancelled',
        attempts: row.attempts,
        dueAt: row.dueAt,
        detail: `not sent: ${stop ?? 'nothing to send'}`,
        updatedAt: isoNow(clock),
      });
      return;
    }
    let outcome: SendOutcome;
    try {
      const token = await this.deps.links.issue(
        { incidentId: incident.id, pageId: page.id, userId: row.userId },
        clock.now(),
      );
      const message = pageMessage(incident, page, {
        ackUrl: this.deps.urls.ack(token),
        incidentUrl: this.deps.urls.incident(incident.id),
      });
      outcome = await this.deps.sendThrough(this.deps.openTarget(method), message);
    } catch (error) {
      logger.error({ err: error, pageId: row.pageId, methodId: row.methodId }, 'preparing a page delivery failed');
      // A target sealed with a secrets key that is lost never opens again; a store that failed may work next time.
      outcome =
        error instanceof SecretsKeyError
          ? { ok: false, retryable: false, retryAfterMs: null, detail: SEALED_ELSEWHERE }
          : { ok: false, retryable: true, retryAfterMs: null, detail: 'the hub could not prepare the message' };
    }
    const attempt = row.attempts + 1;
    const now = clock.now();
    const delay = outcome.ok ? null : outcome.retryable ? retryDelayMs(attempt, outcome.retryAfterMs) : null;
    const result: DeliveryResult = outcome.ok ? 'sent' : delay !== null ? 'retrying' : 'failed';
    const nextAttemptAt = delay !== null ? new Date(now + delay).toISOString() : null;
    const finished = await store.finish(row.pageId, row.methodId, this.deps.nodeId, {
      status: result === 'retrying' ? 'pending' : result,
      attempts: attempt,
      dueAt: nextAttemptAt ?? row.dueAt,
      detail: outcome.detail,
      updatedAt: new Date(now).toISOString(),
    });
    if (!finished) {
      logger.warn(
        { pageId: row.pageId, methodId: row.methodId },
        'a page delivery outlived its lease; another node owns it now',
      );
      return;
    }
    const log = { incidentId: incident.id, pageId: page.id, method: method.kind, target: method.target, attempt };
    if (result === 'sent') logger.info({ ...log, detail: outcome.detail }, 'page delivered');
    else logger.warn({ ...log, detail: outcome.detail, nextAttemptAt }, `page delivery ${result}`);
    if (result === 'failed') this.deps.onFailed?.();
    await this.record({
      commandId: `${HUB_COMMAND_PREFIX}dl-${fnv1a64(`${row.pageId}/${row.methodId}/${attempt}`)}`,
      type: 'page.record_delivery',
      incidentId: incident.id,
      clientAt: new Date(now).toISOString(),
      payload: {
        pageId: page.id,
        methodId: method.id,
        method: method.kind,
        target: method.target,
        result,
        attempt,
        detail: outcome.detail.slice(0, 500),
        nextAttemptAt,
      },
    });
  }

  private async record(command: Command): Promise<void> {
    const ack = await this.deps.submit(command, PAGING_ACTOR);
    if (!ack.ok && ack.error.code !== 'no_change')
      this.deps.logger.warn(
        { incidentId: command.incidentId, error: ack.error.code },
        `page delivery not recorded: ${ack.error.message}`,
      );
  }
}
