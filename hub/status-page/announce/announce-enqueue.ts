import { isoNow } from '../../../shared/clock.js';
import { channelTakes, type Announcement } from '../../../shared/status-page/announce-message.js';
import type { StatusPagePartDeps } from '../status-page-parts.js';
import type { MessageRow, StoredChannel } from '../status-page-store.js';
import { announceRow, announceRowId, readAnnounceBody } from './announce-rows.js';

/** Remembered numbers (channel and incident → the last number this node placed or found); beyond this, the oldest go. */
const REMEMBERED = 5000;
/** A bound on looking for a free number, so a damaged outbox cannot keep a node looping. */
const MOST_MESSAGES = 100_000;

/**
 * Puts each announcement in the outbox once per channel that takes it, numbered per channel and incident (see
 * announce-rows.ts). Every node sees every committed event in log order and enqueues the same rows; the first
 * insert of an id wins, so a row is there once whichever node wrote it. Call one batch at a time, in log order.
 */
export class AnnounceEnqueuer {
  private readonly numbers = new Map<string, number>();

  constructor(private readonly deps: StatusPagePartDeps) {}

  async enqueue(announcements: readonly Announcement[]): Promise<void> {
    if (announcements.length === 0) return;
    const channels = await this.deps.store.channels();
    const placed: MessageRow[] = [];
    for (const announcement of announcements)
      for (const channel of channels) {
        if (!channelTakes(channel, announcement)) continue;
        const row = await this.place(channel, announcement);
        if (row) placed.push(row);
      }
    if (placed.length === 0) return;
    this.deps.logger.debug({ rows: placed.length }, 'announcements enqueued');
    await this.deps.enqueue(placed); // they are in already: this wakes the outbox
  }

  /** The row for this announcement on this channel: inserted under the next free number, or found already there. */
  private async place(channel: StoredChannel, announcement: Announcement): Promise<MessageRow | null> {
    const key = `${channel.id}\n${announcement.incidentId}`;
    const now = isoNow(this.deps.clock);
    const seal = (body: unknown): string => this.deps.seal(JSON.stringify(body));
    for (let n = (this.numbers.get(key) ?? 0) + 1; n <= MOST_MESSAGES; n++) {
      const row = announceRow(channel.id, announcement, n, seal, now);
      if ((await this.deps.store.enqueue([row])) === 1) return this.remember(key, n, row);
      const there = await this.deps.store.message(announceRowId(channel.id, announcement.incidentId, n));
      if (!there) return null; // removed meanwhile: the channel is gone
      if (this.seqOf(there) === announcement.seq) return this.remember(key, n, there);
      // Number n is another event's (an earlier one, placed by another node): try the next.
    }
    this.deps.logger.error({ channel: channel.id, incident: announcement.incidentId }, 'no free announcement number');
    return null;
  }

  private seqOf(row: MessageRow): number | null {
    try {
      return readAnnounceBody(this.deps.open(row.sealedBody))?.seq ?? null;
    } catch {
      return null; // sealed with a key this node lacks: not ours to read, and not this event
    }
  }

  private remember(key: string, n: number, row: MessageRow): MessageRow {
    this.numbers.delete(key);
    this.numbers.set(key, n);
    if (this.numbers.size > REMEMBERED) {
      const oldest = this.numbers.keys().next();
      if (!oldest.done) this.numbers.delete(oldest.value);
    }
    return row;
  }
}
