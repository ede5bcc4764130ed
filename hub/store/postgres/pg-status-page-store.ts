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
import { claimLeased, enqueueRows, finishLeased, nextDueAt } from './leased-outbox-sql.js';
import { inTransaction, type Pool, type PoolClient } from './pool.js';

/**
 * The status page's set-up, channels, subscribers, threads and message outbox in PostgreSQL, shared by every node
 * (migration 4). Messages are claimed with FOR UPDATE SKIP LOCKED and a lease, like the page outbox
 * (pg-contact-store.ts): two nodes never hold one message at once.
 */
export class PgStatusPageStore implements StatusPageStore {
  constructor(private readonly pool: Pool) {}

  async config(): Promise<StoredStatusPageConfig | undefined> {
    const row = (
      await this.pool.query<ConfigTableRow>('SELECT json, saved_at, saved_by FROM statuspage_config WHERE id = 1')
    ).rows[0];
    return row && configOf(row);
  }

  async saveConfig(config: StoredStatusPageConfig): Promise<void> {
    const c = checkStatusPageConfig(config);
    await this.pool.query(
      `INSERT INTO statuspage_config (id, json, saved_at, saved_by) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
      [c.json, c.savedAt, c.savedBy],
    );
  }

  async channels(): Promise<StoredChannel[]> {
    // COLLATE "C": ties ordered bytewise, as SQLite does.
    const result = await this.pool.query<ChannelTableRow>(
      'SELECT * FROM statuspage_channels ORDER BY created_at, id COLLATE "C"',
    );
    return result.rows.map(channelOf);
  }

  async addChannel(channel: StoredChannel): Promise<void> {
    const c = checkChannel(channel);
    await this.pool.query(
      `INSERT INTO statuspage_channels (id, name, kind, target, sealed_target, severities, events, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [c.id, c.name, c.kind, c.target, c.sealedTarget, listText(c.severities), listText(c.events), c.createdAt],
    );
  }

  removeChannel(id: string): Promise<boolean> {
    return this.removeRecipient('statuspage_channels', id);
  }

  async subscribers(): Promise<StoredSubscriber[]> {
    const result = await this.pool.query<SubscriberTableRow>(
      'SELECT * FROM statuspage_subscribers ORDER BY created_at, id COLLATE "C"',
    );
    return result.rows.map(subscriberOf);
  }

  async subscriber(id: string): Promise<StoredSubscriber | undefined> {
    const row = (await this.pool.query<SubscriberTableRow>('SELECT * FROM statuspage_subscribers WHERE id = $1', [id]))
      .rows[0];
    return row && subscriberOf(row);
  }

  async subscriberByAddressHash(hash: string): Promise<StoredSubscriber | undefined> {
    const row = (
      await this.pool.query<SubscriberTableRow>('SELECT * FROM statuspage_subscribers WHERE address_hash = $1', [hash])
    ).rows[0];
    return row && subscriberOf(row);
  }

  async putSubscriber(subscriber: StoredSubscriber): Promise<void> {
    const s = checkSubscriber(subscriber);
    await this.pool.query(
      `INSERT INTO statuspage_subscribers (id, kind, target, sealed_target, address_hash, services, created_at,
         confirmed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, target = excluded.target,
         sealed_target = excluded.sealed_target, address_hash = excluded.address_hash, services = excluded.services,
         created_at = excluded.created_at, confirmed_at = excluded.confirmed_at`,
      [s.id, s.kind, s.target, s.sealedTarget, s.addressHash, listText(s.services), s.createdAt, s.confirmedAt],
    );
  }

  async confirmSubscriber(id: string, at: string): Promise<boolean> {
    // One statement: of two nodes confirming at once, the second finds confirmed_at set and changes nothing.
    const result = await this.pool.query(
      'UPDATE statuspage_subscribers SET confirmed_at = $1 WHERE id = $2 AND confirmed_at IS NULL',
      [checkTime(at, 'confirmed at'), id],
    );
    return (result.rowCount ?? 0) > 0;
  }

  removeSubscriber(id: string): Promise<boolean> {
    return this.removeRecipient('statuspage_subscribers', id);
  }

  forgetUnconfirmed(before: string): Promise<number> {
    const at = checkTime(before, 'before');
    return inTransaction(this.pool, async (client) => {
      const removed = await client.query<{ id: string }>(
        'DELETE FROM statuspage_subscribers WHERE confirmed_at IS NULL AND created_at < $1 RETURNING id',
        [at],
      );
      const ids = removed.rows.map((r) => r.id);
      if (ids.length > 0)
        await client.query(`DELETE FROM statuspage_outbox WHERE recipient_id = ANY($1) AND status = 'pending'`, [ids]);
      return ids.length;
    });
  }

  async thread(channelId: string, incidentId: string): Promise<string | undefined> {
    return (
      await this.pool.query<{ ref: string }>(
        'SELECT ref FROM statuspage_threads WHERE channel_id = $1 AND incident_id = $2',
        [channelId, incidentId],
      )
    ).rows[0]?.ref;
  }

  async threadIfAbsent(channelId: string, incidentId: string, ref: string): Promise<string> {
    // The insert waits for another node's insert of the same key to commit, then does nothing; the read (a new
    // snapshot) sees whichever thread won.
    await this.pool.query(
      `INSERT INTO statuspage_threads (channel_id, incident_id, ref) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id, incident_id) DO NOTHING`,
      [checkKey(channelId, 'channel id'), checkKey(incidentId, 'incident id'), checkKey(ref, 'thread')],
    );
    const stored = await this.thread(channelId, incidentId);
    if (stored === undefined) throw new Error(`the thread of channel ${channelId} was not stored`);
    return stored;
  }

  async enqueue(rows: readonly MessageRow[]): Promise<number> {
    return enqueueRows(this.pool, MESSAGE_OUTBOX, rows.map(checkMessage).map(messageValues));
  }

  async nextDue(): Promise<string | null> {
    return nextDueAt(this.pool, MESSAGE_OUTBOX);
  }

  async claimDue(now: string, owner: string, leaseUntil: string, limit: number): Promise<MessageRow[]> {
    const rows = await claimLeased<MessageTableRow>(this.pool, MESSAGE_OUTBOX, now, owner, leaseUntil, limit);
    return rows.map(messageOf).sort(messagesByDue);
  }

  async finish(id: string, owner: string, update: MessageUpdate): Promise<boolean> {
    return finishLeased(this.pool, MESSAGE_OUTBOX, [id], owner, checkMessageUpdate(update));
  }

  async message(id: string): Promise<MessageRow | undefined> {
    const row = (await this.pool.query<MessageTableRow>('SELECT * FROM statuspage_outbox WHERE id = $1', [id])).rows[0];
    return row && messageOf(row);
  }

  async lastPerRecipient(): Promise<Map<string, { at: string; status: OutboxStatus; detail: string }>> {
    return lastPerRecipientOf((await this.pool.query<LastPerRecipientTableRow>(LAST_PER_RECIPIENT_SQL)).rows);
  }

  /** Removes a channel or subscriber and its pending messages (sent and failed ones stay: its history). */
  private removeRecipient(table: 'statuspage_channels' | 'statuspage_subscribers', id: string): Promise<boolean> {
    return inTransaction(this.pool, async (client: PoolClient) => {
      const removed = ((await client.query(`DELETE FROM ${table} WHERE id = $1`, [id])).rowCount ?? 0) > 0;
      if (removed) {
        await client.query(`DELETE FROM statuspage_outbox WHERE recipient_id = $1 AND status = 'pending'`, [id]);
        if (table === 'statuspage_channels')
          await client.query('DELETE FROM statuspage_threads WHERE channel_id = $1', [id]);
      }
      return removed;
    });
  }
}
