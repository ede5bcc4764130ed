import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractClock, describeHubStoreContract } from '../../test/support/hub-store-contract.js';
import { dropPostgresDatabase, freshPostgresDatabase } from '../../test/support/postgres.js';
import { SecretsKeyFile } from '../../secrets/secrets-key-file.js';
import type { HubStore } from '../hub-store.js';
import { openPostgresStore } from './open-postgres.js';

describeHubStoreContract('PostgreSQL (a fresh database)', async () => {
  const url = await freshPostgresDatabase('hub_store');
  // Secrets are sealed with a key file, as a node's --secrets-key gives it (the SQLite store's is beside its file).
  const keyDir = mkdtempSync(join(tmpdir(), 'warroom-pg-key-'));
  const open = () => openPostgresStore(url, contractClock, undefined, new SecretsKeyFile(join(keyDir, 'secrets.key')));
  let store = await open();
  return {
    store,
    reopen: async () => {
      await store.close();
      store = await open();
      return store;
    },
    dispose: async () => {
      await store.close();
      await dropPostgresDatabase(url);
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
});

async function sql(url: string, text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

const ascending = (ids: readonly number[]) => [...ids].sort((x, y) => x - y);

describe('one PostgreSQL inbox drained by two nodes', () => {
  let url: string;
  let a: HubStore;
  let b: HubStore;
  beforeEach(async () => {
    url = await freshPostgresDatabase('inbox_nodes');
    // Two stores, two pools: what two hub processes on one database have.
    [a, b] = await Promise.all([openPostgresStore(url, Date.now), openPostgresStore(url, Date.now)]);
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await dropPostgresDatabase(url);
  });

  it('gives each request to one node at a time, until that node gives it back or its lease runs out', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 50; i++)
      ids.push(
        await (i % 2 ? a : b).inbox.add({
          source: 'alertmanager',
          tokenId: 't_am',
          receivedAt: new Date(Date.UTC(2026, 2, 25, 10, 0, i)).toISOString(),
          headers: { 'user-agent': 'Alertmanager/0.25.0' },
          body: Buffer.from(JSON.stringify({ version: '4', status: 'firing', n: i })),
        }),
      );
    // Both nodes drain at once, a few requests per claim, as their processors do.
    const drain = async (store: HubStore) => {
      const got: number[] = [];
      for (;;) {
        const rows = await store.inbox.claim(7);
        if (rows.length === 0) return got;
        expect(rows.map((r) => r.id)).toEqual(ascending(rows.map((r) => r.id)));
        got.push(...rows.map((r) => r.id));
      }
    };
    const [byA, byB] = await Promise.all([drain(a), drain(b)]);
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    expect(ascending([...byA, ...byB])).toEqual(ids);

    // Leased: nobody gets them again while their nodes work on them.
    expect(await a.inbox.claim(50)).toEqual([]);
    expect(await b.inbox.claim(50)).toEqual([]);

    // A could not save its alerts: recordAttempt releases its requests at once, and B takes exactly those.
    await a.inbox.recordAttempt(byA, 'storage_failed');
    const retried = await b.inbox.claim(50);
    expect(retried.map((r) => r.id)).toEqual(ascending(byA));
    expect(new Set(retried.map((r) => r.attempts))).toEqual(new Set([1]));
    expect(await a.inbox.claim(50)).toEqual([]);

    // B dies holding its own: once the lease has run out (set into the past here rather than waiting 30 s), A
    // takes them over; the requests B is still working on stay B's.
    await sql(
      url,
      "UPDATE webhook_inbox SET claimed_until = now() - interval '1 second' WHERE id = ANY($1::bigint[])",
      [byB],
    );
    const takenOver = await a.inbox.claim(50);
    expect(takenOver.map((r) => r.id)).toEqual(ascending(byB));
    expect(new Set(takenOver.map((r) => r.attempts))).toEqual(new Set([0]));
    expect(await b.inbox.claim(50)).toEqual([]);
    expect(await b.inbox.count()).toBe(50);
  });
});
