import type { DomainEvent } from '../../../shared/domain/events.js';
import {
  checkContinues,
  parseStoredEvent,
  storedCommand,
  type AppendBatch,
  type CommandRow,
  type EventStore,
  type LogWrite,
  type StoredCommand,
} from '../event-store.js';
import { inTransaction, type Pool, type PoolClient } from './pool.js';

/** The NOTIFY channel every node LISTENs on; the payload names what changed (hub-store StoreChange). */
export const CHANGE_CHANNEL = 'warroom_changes';

type Queryable = Pick<PoolClient, 'query'>;

/**
 * The event log in PostgreSQL, shared by every hub node. Appends serialise on the one row of log_head, taken
 * FOR UPDATE inside the append transaction: seqs are gap-free and in commit order, so a reader tailing by seq never
 * skips an event that commits late. The commit NOTIFYs the other nodes (only a wake-up: they read by seq).
 */
export class PgEventStore implements EventStore {
  constructor(private readonly pool: Pool) {}

  async head(): Promise<number> {
    const result = await this.pool.query<{ seq: number }>('SELECT seq FROM log_head WHERE id = 1');
    return result.rows[0]?.seq ?? 0;
  }

  async append(batch: AppendBatch): Promise<void> {
    await this.write(await this.head(), async () => ({ batch, result: undefined }));
  }

  async write<T>(
    since: number,
    work: (tx: LogWrite) => Promise<{ readonly batch: AppendBatch; readonly result: T }>,
  ): Promise<{ readonly foreign: readonly DomainEvent[]; readonly result: T }> {
    return inTransaction(this.pool, async (client) => {
      const locked = await client.query<{ seq: number }>('SELECT seq FROM log_head WHERE id = 1 FOR UPDATE');
      const head = locked.rows[0]?.seq ?? 0;
      if (since > head) throw new Error(`this node is at seq ${since}, past the database's head ${head}`);
      const foreign = head > since ? await readAfter(client, since, head) : [];
      const { batch, result } = await work({ foreign, findCommands: (ids) => findCommandsIn(client, ids) });
      checkContinues(head, batch.events);
      if (batch.events.length > 0 || batch.commands.length > 0) await insertBatch(client, batch);
      return { foreign, result };
    });
  }

  async readSince(since: number, limit: number): Promise<DomainEvent[]> {
    const result = await this.pool.query<{ body: string }>(
      'SELECT body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [since, limit],
    );
    return result.rows.map((r) => parseStoredEvent(r.body));
  }

  async readIncident(incidentId: string): Promise<DomainEvent[]> {
    const result = await this.pool.query<{ body: string }>(
      'SELECT body FROM events WHERE incident_id = $1 ORDER BY seq',
      [incidentId],
    );
    return result.rows.map((r) => parseStoredEvent(r.body));
  }

  findCommands(commandIds: readonly string[]): Promise<Map<string, StoredCommand>> {
    return findCommandsIn(this.pool, commandIds);
  }
}

/** Everything after `since` up to the locked head: rows below the head are committed, so there is no gap. */
async function readAfter(client: Queryable, since: number, head: number): Promise<DomainEvent[]> {
  const result = await client.query<{ body: string }>(
    'SELECT body FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq',
    [since, head],
  );
  const events = result.rows.map((r) => parseStoredEvent(r.body));
  checkContinues(since, events);
  return events;
}

/**
 * The events, the command records, the new head and the wake-up for the other nodes, in one statement: one round trip
 * inside the locked transaction instead of four (each round trip holds the log's lock a little longer).
 */
async function insertBatch(client: Queryable, batch: AppendBatch): Promise<void> {
  const { events, commands } = batch;
  await client.query(
    `WITH new_events AS (
       INSERT INTO events (seq, incident_id, command_id, body)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])
     ), new_commands AS (
       INSERT INTO commands (command_id, actor_id, first_seq, last_seq, fingerprint)
       SELECT * FROM unnest($5::text[], $6::text[], $7::bigint[], $8::bigint[], $11::text[])
     ), new_head AS (
       UPDATE log_head SET seq = $9 WHERE id = 1 AND $9::bigint IS NOT NULL
     )
     SELECT CASE WHEN $9::bigint IS NULL THEN NULL ELSE pg_notify($10, 'log') END`,
    [
      events.map((e) => e.seq),
      events.map((e) => e.incidentId),
      events.map((e) => e.commandId),
      events.map((e) => JSON.stringify(e)),
      // A command id taken by another node meanwhile fails the whole statement (primary key): nothing applies twice.
      commands.map((c) => c.commandId),
      commands.map((c) => c.actorId),
      commands.map((c) => c.firstSeq),
      commands.map((c) => c.lastSeq),
      events.at(-1)?.seq ?? null,
      CHANGE_CHANNEL,
      commands.map((c) => c.fingerprint ?? null),
    ],
  );
}

async function findCommandsIn(client: Queryable, commandIds: readonly string[]): Promise<Map<string, StoredCommand>> {
  const found = new Map<string, StoredCommand>();
  if (commandIds.length === 0) return found;
  const result = await client.query<CommandRow>(
    'SELECT command_id, actor_id, first_seq, last_seq, fingerprint FROM commands WHERE command_id = ANY($1::text[])',
    [[...commandIds]],
  );
  for (const row of result.rows) found.set(row.command_id, storedCommand(row));
  return found;
}
