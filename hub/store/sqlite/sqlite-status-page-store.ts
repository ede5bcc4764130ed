import type { OutboxStatus } from '../../contact/contact-store.js';
import type {
  MessageRow,
  MessageUpdate,
  StatusPageStore,
  StoredChannel,
  StoredStatusPageConfig,
  StoredSubscriber,
} from '../../status-page/status-page-store.js';
import { checkKey, checkTime } from '../contact-rows.js';
import { MESSAGE_OUTBOX } from '../leased-outbox.js';
import {
  channelOf,
  checkChannel,
  checkMessage,
  checkMessageUpdate,
  checkStatusPageConfig,
  checkSubscriber,
  configOf,
  LAST_PER_RECIPIENT_SQL,
  lastPerRecipientOf,
  listText,
  messageOf,
  messagesByDue,
  messageValues,
  subscriberOf,
  type ChannelTableRow,
  type ConfigTableRow,
  type LastPerRecipientTableRow,
  type MessageTableRow,
  type SubscriberTableRow,
} from '../status-page-rows.js';
import type { Db } from './database.js';
import { claimLeased, enqueueRows, finishLeased, nextDueAt } from './leased-outbox-sql.js';

/**
 * The status page's set-up, channels, subscribers, threads and message outbox in the hub's SQLite file
 * (migration 7). One process holds the file, so a transaction is all a claim needs; times are ISO text in one form.
 */
export class SqliteStatusPageStore implements StatusPageStore {
  constructor(private readonly db: Db) {}

  async config(): Promise<StoredStatusPageConfig | undefined> {
    const row = this.db.prepare('SELECT json, saved_at, saved_by FROM statuspage_config WHERE id = 1').get() as
      ConfigTableRow | undefined;
    return row && configOf(row);
  }

  async saveConfig(config: StoredStatusPageConfig): Promise<void> {
    const c = checkStatusPageConfig(config);
    this.db
      .prepare(
        `INSERT INTO statuspage_config (id, json, saved_at, saved_by) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
      )
      .run(c.json, c.savedAt, c.savedBy);
  }

  async channels(): Promise<StoredChannel[]> {
    return (
      this.db.prepare('SELECT * FROM statuspage_channels ORDER BY created_at, id').all() as ChannelTableRow[]
    ).map(channelOf);
  }

  async addChannel(channel: StoredChannel): Promise<void> {
    const c = checkChannel(channel);
    this.db
      .prepare(
        `INSERT INTO statuspage_channels (id, name, kind, target, sealed_target, severities, events, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.id, c.name, c.kind, c.target, c.sealedTarget, listText(c.severities), listText(c.events), c.createdAt);
  }

  async removeChannel(id: string): Promise<boolean> {
    return this.removeRecipient('statuspage_channels', id, true);
  }

  async subscribers(): Promise<StoredSubscriber[]> {
    return (
      this.db.prepare('SELECT * FROM statuspage_subscribers ORDER BY created_at, id').all() as SubscriberTableRow[]
    ).map(subscriberOf);
  }

  async subscriber(id: string): Promise<StoredSubscriber | undefined> {
    const row = this.db.prepare('SELECT * FROM statuspage_subscribers WHERE id = ?').get(id) as
      SubscriberTableRow | undefined;
    return row && subscriberOf(row);
  }

  async subscriberByAddressHash(hash: string): Promise<StoredSubscriber | undefined> {
    const row = this.db.prepare('SELECT * FROM statuspage_subscribers WHERE address_hash = ?').get(hash) as
      SubscriberTableRow | undefined;
    return row && subscriberOf(row);
  }

  async putSubscriber(subscriber: StoredSubscriber): Promise<void> {
    const s = checkSubscriber(subscriber);
    this.db
      .prepare(
        `INSERT INTO statuspage_subscribers (id, kind, target, sealed_target, address_hash, services, created_at,
           confirmed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, target = excluded.target,
           sealed_target = excluded.sealed_target, address_hash = excluded.address_hash, services = excluded.services,
           created_at = excluded.created_at, confirmed_at = excluded.confirmed_at`,
      )
      .run(s.id, s.kind, s.target, s.sealedTarget, s.addressHash, listText(s.services), s.createdAt, s.confirmedAt);
  }

  async confirmSubscriber(id: string, at: string): Promise<boolean> {
    return (
      this.db
        .prepare('UPDATE statuspage_subscribers SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL')
        .run(checkTime(at, 'confirmed at'), id).changes > 0
    );
  }

  async removeSubscriber(id: string): Promise<boolean> {
    return this.removeRecipient('statuspage_subscribers', id, false);
  }

  async forgetUnconfirmed(before: string): Promise<number> {
    const at = checkTime(before, 'before');
    return this.db.transaction(() => {
      const ids = this.db
        .prepare('SELECT id FROM statuspage_subscribers WHERE confirmed_at IS NULL AND created_at < ?')
        .pluck()
        .all(at) as string[];
      for (const id of ids) this.removeRecipient('statuspage_subscribers', id, false);
      return ids.length;
    })();
  }

  async thread(channelId: string, incidentId: string): Promise<string | undefined> {
    return this.db
      .prepare('SELECT ref FROM statuspage_threads WHERE channel_id = ? AND incident_id = ?')
      .pluck()
      .get(channelId, incidentId) as string | undefined;
  }

  async threadIfAbsent(channelId: string, incidentId: string, ref: string): Promise<string> {
    return this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO statuspage_threads (channel_id, incident_id, ref) VALUES (?, ?, ?)
           ON CONFLICT (channel_id, incident_id) DO NOTHING`,
        )
        .run(checkKey(channelId, 'channel id'), checkKey(incidentId, 'incident id'), checkKey(ref, 'thread'));
      return this.db
        .prepare('SELECT ref FROM statuspage_threads WHERE channel_id = ? AND incident_id = ?')
        .pluck()
        .get(channelId, incidentId) as string;
    })();
  }

  async enqueue(rows: readonly MessageRow[]): Promise<number> {
    return enqueueRows(this.db, MESSAGE_OUTBOX, rows.map(checkMessage).map(messageValues));
  }

  async nextDue(): Promise<string | null> {
    return nextDueAt(this.db, MESSAGE_OUTBOX);
  }

  async claimDue(now: string, owner: string, leaseUntil: string, limit: number): Promise<MessageRow[]> {
    const rows = claimLeased<MessageTableRow>(this.db, MESSAGE_OUTBOX, now, owner, leaseUntil, limit);
    return rows.map(messageOf).sort(messagesByDue);
  }

  async finish(id: string, owner: string, update: MessageUpdate): Promise<boolean> {
    return finishLeased(this.db, MESSAGE_OUTBOX, [id], owner, checkMessageUpdate(update));
  }

  async message(id: string): Promise<MessageRow | undefined> {
    const row = this.db.prepare('SELECT * FROM statuspage_outbox WHERE id = ?').get(id) as MessageTableRow | undefined;
    return row && messageOf(row);
  }

  async lastPerRecipient(): Promise<Map<string, { at: string; status: OutboxStatus; detail: string }>> {
    return lastPerRecipientOf(this.db.prepare(LAST_PER_RECIPIENT_SQL).all() as LastPerRecipientTableRow[]);
  }

  /** Removes a channel or subscriber and its pending messages (sent and failed ones stay: its history). */
  private removeRecipient(table: 'statuspage_channels' | 'statuspage_subscribers', id: string, threads: boolean) {
    return this.db.transaction(() => {
      const removed = this.db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id).changes > 0;
      if (removed) {
        this.db.prepare(`DELETE FROM statuspage_outbox WHERE recipient_id = ? AND status = 'pending'`).run(id);
        if (threads) this.db.prepare('DELETE FROM statuspage_threads WHERE channel_id = ?').run(id);
      }
      return removed;
    })();
  }
}
