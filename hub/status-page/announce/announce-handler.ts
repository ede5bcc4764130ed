import type { Timers } from '../../../shared/clock.js';
import {
  announceTargetSchema,
  maskAnnounceTarget,
  type AnnounceTarget,
} from '../../../shared/status-page/announcements.js';
import { LEASE_MS } from '../../contact/outbox-timing.js';
import type { SendOutcome } from '../../contact/senders/sender.js';
import type { StatusPagePartDeps } from '../status-page-parts.js';
import type { MessageRow, StoredChannel } from '../status-page-store.js';
import { announceRowId, readAnnounceBody, type AnnounceBody } from './announce-rows.js';
import { sendAnnouncement } from './send-announcement.js';

/** Slack's documented pace for incoming webhooks and chat.postMessage: about one message a second per channel. */
export const DEFAULT_PACE_MS = 1000;
/** Outcomes of this node's recent sends, kept for the message after them (beyond this, the oldest go). */
const RECENT = 2000;

const final = (detail: string): SendOutcome => ({ ok: false, retryable: false, retryAfterMs: null, detail });
const later = (detail: string, retryAfterMs: number | null): SendOutcome => ({
  ok: false,
  retryable: true,
  retryAfterMs,
  detail,
});

/**
 * Sends the outbox's announcements ('announce' rows). Per channel, this node sends one message at a time, at most
 * one a second (waiting in between), and after a 429 none until the time the service asked for. The n-th message
 * about an incident on a channel waits until the (n-1)-th is sent or has failed for good (announce-rows.ts): while
 * it is pending (on another node, or retrying later), this one answers "retry" with the time it is due. On a Slack
 * app the first message sent about an incident starts its thread; the later ones reply in it.
 */
export class AnnounceHandler {
  private readonly turns = new Map<string, Promise<unknown>>();
  private readonly lastSentAt = new Map<string, number>();
  private readonly coolUntil = new Map<string, number>();
  private readonly recent = new Map<string, SendOutcome>();

  constructor(
    private readonly deps: StatusPagePartDeps,
    private readonly timers: Timers,
    private readonly paceMs: number,
  ) {}

  handle = (row: MessageRow, json: string): Promise<SendOutcome> => {
    const body = readAnnounceBody(json);
    if (!body) return Promise.resolve(final('the message could not be read (written by another version?)'));
    const handedAt = this.deps.clock.now();
    return this.inTurn(row.recipientId, () =>
      // Behind slow sends to the same channel for long, its lease may soon pass and another node send it too.
      this.deps.clock.now() - handedAt > LEASE_MS / 2
        ? Promise.resolve(later('waiting: other messages to this channel were slow', null))
        : this.send(row, body),
    );
  };

  /** One at a time per channel, in the order the outbox handed them over. */
  private inTurn(channelId: string, work: () => Promise<SendOutcome>): Promise<SendOutcome> {
    const before = this.turns.get(channelId) ?? Promise.resolve();
    const mine = before.then(work, work);
    const done = mine.catch(() => undefined);
    this.turns.set(channelId, done);
    void done.then(() => {
      if (this.turns.get(channelId) === done) this.turns.delete(channelId);
    });
    return mine;
  }

  private async send(row: MessageRow, body: AnnounceBody): Promise<SendOutcome> {
    const { store, clock, logger } = this.deps;
    const channel = (await store.channels()).find((c) => c.id === row.recipientId);
    if (!channel) return final('the channel was removed');
    const waiting = await this.earlierPending(row, body);
    if (waiting) return waiting;
    const cooling = (this.coolUntil.get(channel.id) ?? 0) - clock.now();
    if (cooling > 0) return later('waiting: the channel asked to slow down (HTTP 429)', cooling);
    const target = this.openTarget(channel);
    if (!target) return final('the channel was saved with another secrets key: remove it and add it again');
    await this.pace(channel.id);
    const threaded = target.kind === 'slack-app' && row.incidentId !== '';
    const thread = threaded ? ((await store.thread(channel.id, row.incidentId)) ?? null) : null;
    const sent = await sendAnnouncement(target, body.message, thread, { timeoutMs: this.deps.sendTimeoutMs });
    const now = clock.now();
    this.lastSentAt.set(channel.id, now);
    if (!sent.outcome.ok && sent.outcome.retryAfterMs !== null)
      this.coolUntil.set(channel.id, now + sent.outcome.retryAfterMs);
    if (threaded && thread === null && sent.ts !== null) await this.startThread(channel, row.incidentId, sent.ts);
    this.remember(row.id, sent.outcome);
    const fields = {
      channel: channel.id,
      kind: channel.kind,
      target: maskAnnounceTarget(target),
      incident: row.incidentId,
      what: body.message.what,
      attempt: row.attempts + 1,
      detail: sent.outcome.detail,
    };
    if (sent.outcome.ok) logger.info(fields, 'announcement sent');
    else logger.warn({ ...fields, retryable: sent.outcome.retryable }, 'announcement not sent');
    return sent.outcome;
  }

  /** The message before this one about the incident on the channel, if it is still to be sent: wait for it. */
  private async earlierPending(row: MessageRow, body: AnnounceBody): Promise<SendOutcome | null> {
    if (body.n === 1) return null;
    const earlierId = announceRowId(row.recipientId, row.incidentId, body.n - 1);
    const earlier = await this.deps.store.message(earlierId);
    if (!earlier || earlier.status !== 'pending') return null;
    // This node has just sent it (or failed it for good); the outbox has not recorded that yet.
    const known = this.recent.get(earlierId);
    if (known && (known.ok || !known.retryable)) return null;
    // Its try here may not be recorded yet (same batch): then the pause it was told to take is the better guess.
    const toldToWait = known && !known.ok ? (known.retryAfterMs ?? 0) : 0;
    const dueIn = Math.max(0, Date.parse(earlier.dueAt) - this.deps.clock.now(), toldToWait);
    return later('waiting for the message before it about this incident to go first', dueIn);
  }

  private openTarget(channel: StoredChannel): AnnounceTarget | null {
    try {
      return announceTargetSchema.parse(JSON.parse(this.deps.open(channel.sealedTarget)));
    } catch (error) {
      this.deps.logger.error({ err: error, channel: channel.id }, 'a channel target could not be opened');
      return null;
    }
  }

  private async startThread(channel: StoredChannel, incidentId: string, ts: string): Promise<void> {
    try {
      await this.deps.store.threadIfAbsent(channel.id, incidentId, ts);
    } catch (error) {
      // Sent all the same; the next message about the incident starts the thread instead.
      this.deps.logger.error({ err: error, channel: channel.id, incident: incidentId }, 'storing a thread failed');
    }
  }

  /** Waits until a pace has passed since this node last sent through the channel. */
  private async pace(channelId: string): Promise<void> {
    const last = this.lastSentAt.get(channelId);
    if (last === undefined) return;
    const wait = last + this.paceMs - this.deps.clock.now();
    if (wait > 0) await new Promise<void>((resolve) => this.timers.set(resolve, wait));
  }

  private remember(rowId: string, outcome: SendOutcome): void {
    this.recent.delete(rowId);
    this.recent.set(rowId, outcome);
    if (this.recent.size > RECENT) {
      const oldest = this.recent.keys().next();
      if (!oldest.done) this.recent.delete(oldest.value);
    }
  }
}
