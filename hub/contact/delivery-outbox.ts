import type { Logger } from 'pino';
import { OutboxLoop, tryResult } from '../work/outbox-loop.js';
import { isoNow, type Clock, type Timers } from '../../shared/clock.js';
import type { ContactTarget } from '../../shared/contact/contact-method.js';
import { deliveryVerdict } from '../../shared/contact/delivery-verdict.js';
import { effectiveRules, plannedDeliveries } from '../../shared/contact/notification-rules.js';
import { pageMessage } from '../../shared/contact/page-message.js';
import { HUB_COMMAND_PREFIX, type Command } from '../../shared/domain/commands.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import { findIncident, type IncidentsState } from '../../shared/domain/state.js';
import { isActive } from '../../shared/domain/status.js';
import { fnv1a64 } from '../../shared/oncall/page-ids.js';
import { PAGING_ACTOR } from '../../shared/oncall/paging.js';
import type { CommandAck } from '../../shared/protocol/wire.js';
import { SecretsKeyError } from '../secrets/secret-key.js';
import type { AckLinks } from './ack-links.js';
import type { ContactStore, OutboxRow, StoredContactMethod } from './contact-store.js';
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
  private readonly loop: OutboxLoop<OutboxRow>;

  constructor(private readonly deps: DeliveryOutboxDeps) {
    // The loop takes the store, clock, timers, logger and node id from these deps as they are.
    this.loop = new OutboxLoop({ ...deps, deliver: (row) => this.deliver(row), what: 'the delivery outbox' });
  }

  /**
   * Enqueues what sent pages of active incidents still need (catching up after a restart: rows that exist are left
   * as they are), then looks. Does not wait for the sends: a slow mail server must not hold the hub's start.
   */
  async start(): Promise<void> {
    this.loop.start();
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
    this.loop.look();
  }

  stop(): void {
    this.loop.stop();
  }

  /** Resolves when every enqueue, send and record started so far is done. */
  settled(): Promise<void> {
    return this.loop.settled();
  }

  /** After each commit: pages sent now get their rows. */
  onCommitted(events: readonly DomainEvent[]): void {
    if (!this.loop.isRunning) return;
    const sent = events.flatMap((e) =>
      e.type === 'page.sent'
        ? [{ incidentId: e.incidentId, pageId: e.payload.pageId, userId: e.payload.person.id, sentAt: e.at }]
        : [],
    );
    if (sent.length > 0) this.loop.track(this.enqueue(sent).then(() => this.loop.look()));
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
    const now = clock.now();
    const { result, attempt, nextAttemptAt, update } = tryResult(row, outcome, now);
    const finished = await store.finish(row.pageId, row.methodId, this.deps.nodeId, update);
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
