import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../shared/domain/events.js';
import { describeEventStoreContract } from '../../test/support/event-store-contract.js';
import { dropPostgresDatabase, freshPostgresDatabase } from '../../test/support/postgres.js';
import { checkContinues, type AppendBatch, type LogWrite, type StoredCommand } from '../event-store.js';
import { migratePostgres } from './migrate.js';
import { PgEventStore } from './pg-event-store.js';
import { createPool, type Pool } from './pool.js';

/** A store on its own pool: what one hub node has. */
async function openNode(url: string, max = 10): Promise<{ pool: Pool; store: PgEventStore }> {
  const pool = createPool(url, () => undefined, max);
  await migratePostgres(pool);
  return { pool, store: new PgEventStore(pool) };
}

describeEventStoreContract('PostgreSQL (a fresh database)', async () => {
  const url = await freshPostgresDatabase('events');
  let node = await openNode(url);
  return {
    store: node.store,
    reopen: async () => {
      await node.pool.end();
      node = await openNode(url);
      return node.store;
    },
    dispose: async () => {
      await node.pool.end();
      await dropPostgresDatabase(url);
    },
  };
});

function tried(seq: number, writer: string, n: number, commandId: string): DomainEvent {
  return {
    seq,
    type: 'tried.added',
    incidentId: 'inc-1',
    at: '2026-03-25T10:00:00.000Z',
    clientAt: '2026-03-25T10:00:00.000Z',
    actor: { id: writer, name: writer },
    commandId,
    payload: { entryId: `${writer}-${n}`, what: `${writer} attempt ${n}`, hypothesis: '', outcome: 'pending' },
  };
}

/**
 * What the hub's pipeline does under the lock: fold what others wrote since `since`, then decide events that
 * continue from there. Returns the batch for one command, and the new head.
 */
function decide(
  since: number,
  tx: LogWrite,
  writer: string,
  n: number,
  count: number,
  commandId = `${writer}-cmd-${n}`,
): AppendBatch {
  checkContinues(since, tx.foreign);
  const head = since + tx.foreign.length;
  const events = Array.from({ length: count }, (_, i) => tried(head + 1 + i, writer, n * 10 + i, commandId));
  return { events, commands: [{ commandId, actorId: writer, firstSeq: head + 1, lastSeq: head + count }] };
}

/** Resolves once some session of the database waits for a lock another holds. */
async function untilSomeoneWaitsForALock(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (;;) {
      const waiting = await client.query(
        "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if ((waiting.rowCount ?? 0) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    await client.end();
  }
}

describe('PostgreSQL event log written by several nodes', () => {
  let url: string;
  const pools: Pool[] = [];
  const node = async (max?: number) => {
    const opened = await openNode(url, max);
    pools.push(opened.pool);
    return opened.store;
  };
  beforeEach(async () => {
    url = await freshPostgresDatabase('event_nodes');
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
    await dropPostgresDatabase(url);
  });

  it('serialises concurrent writers into one gap-free log, each told exactly what the other wrote', async () => {
    const [one, two] = [await node(), await node()];
    const run = async (store: PgEventStore, writer: string) => {
      let since = 0;
      const seen: DomainEvent[] = []; // what this node has folded, in order: others' and its own
      const foreign: DomainEvent[][] = [];
      for (let n = 0; n < 100; n++) {
        const { foreign: theirs, result } = await store.write(since, async (tx) => {
          const batch = decide(since, tx, writer, n, 1 + (n % 2));
          return { batch, result: batch.events };
        });
        foreign.push([...theirs]);
        seen.push(...theirs, ...result);
        since = result.at(-1)?.seq ?? since;
      }
      return { seen, foreign };
    };
    const [a, b] = await Promise.all([run(one, 'a'), run(two, 'b')]);

    const log = await one.readSince(0, 1000);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(await two.head()).toBe(300);
    // Each node's view, built only from its own writes and what it was handed, is the log up to its last write:
    // nothing foreign was missed, repeated or out of order.
    expect(a.seen).toEqual(log.slice(0, a.seen.length));
    expect(b.seen).toEqual(log.slice(0, b.seen.length));
    expect(Math.max(a.seen.length, b.seen.length)).toBe(300);
    // ... and what it was handed was the other's events only, and the two really did interleave.
    expect(new Set(a.foreign.flat().map((e) => e.actor.id))).toEqual(new Set(['b']));
    expect(new Set(b.foreign.flat().map((e) => e.actor.id))).toEqual(new Set(['a']));

    const commands = await two.findCommands(log.map((e) => e.commandId ?? ''));
    expect(commands.size).toBe(200);
    for (const event of log) {
      const command = commands.get(event.commandId ?? '');
      expect(command?.firstSeq).toBeLessThanOrEqual(event.seq);
      expect(command?.lastSeq).toBeGreaterThanOrEqual(event.seq);
    }
  });

  it('applies a command sent to two nodes once: the second finds it under the lock', async () => {
    const [one, two] = [await node(), await node()];
    const submit = (store: PgEventStore, writer: string, deciding: () => Promise<void> = async () => {}) =>
      store.write<{ duplicateOf: StoredCommand | undefined } | null>(0, async (tx) => {
        await deciding();
        const known = await tx.findCommands(['cmd-shared']);
        if (known.has('cmd-shared'))
          return { batch: { events: [], commands: [] }, result: { duplicateOf: known.get('cmd-shared') } };
        return { batch: decide(0, tx, writer, 0, 2, 'cmd-shared'), result: null };
      });

    let entered = () => {};
    let release = () => {};
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = submit(one, 'a', async () => {
      entered();
      await held;
    });
    await inside;
    // The first node holds the log's lock while it decides; the second waits on that lock (pg_stat_activity shows it).
    const second = submit(two, 'b');
    try {
      await untilSomeoneWaitsForALock(url);
    } finally {
      release();
    }

    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual({ foreign: [], result: null });
    const log = await one.readSince(0, 10);
    expect(log.map((e) => [e.seq, e.actor.id, e.commandId])).toEqual([
      [1, 'a', 'cmd-shared'],
      [2, 'a', 'cmd-shared'],
    ]);
    expect(b).toEqual({
      foreign: log,
      result: { duplicateOf: { commandId: 'cmd-shared', actorId: 'a', firstSeq: 1, lastSeq: 2 } },
    });
    expect(await two.head()).toBe(2);
  });

  it('leaves no trace of a write whose work throws, and the next write continues without a gap', async () => {
    // One connection: a write that failed and kept its connection (or its lock) would stall the next one.
    const store = await node(1);
    await store.write(0, async (tx) => ({ batch: decide(0, tx, 'a', 0, 1), result: undefined }));

    for (const failure of ['before deciding', 'after deciding'])
      await expect(
        store.write(1, async (tx) => {
          if (failure === 'after deciding') decide(1, tx, 'a', 1, 3);
          await tx.findCommands(['a-cmd-1']);
          throw new Error(`the pipeline failed ${failure}`);
        }),
      ).rejects.toThrow(`the pipeline failed ${failure}`);
    // A batch that does not continue the log fails the same way, after work.
    await expect(
      store.write(1, async () => ({ batch: { events: [tried(3, 'a', 9, 'a-cmd-9')], commands: [] }, result: 0 })),
    ).rejects.toThrow(/expected seq 2, got 3/);
    // So does a node that thinks it is ahead of the database.
    await expect(store.write(5, async (tx) => ({ batch: decide(5, tx, 'a', 5, 1), result: 0 }))).rejects.toThrow(
      /past the database's head 1/,
    );
    expect(await store.head()).toBe(1);
    expect(await store.findCommands(['a-cmd-1', 'a-cmd-9', 'a-cmd-5'])).toEqual(new Map());

    await store.write(1, async (tx) => ({ batch: decide(1, tx, 'a', 1, 2), result: undefined }));
    const log = await store.readSince(0, 10);
    expect(log.map((e) => [e.seq, e.commandId])).toEqual([
      [1, 'a-cmd-0'],
      [2, 'a-cmd-1'],
      [3, 'a-cmd-1'],
    ]);
  });
});
