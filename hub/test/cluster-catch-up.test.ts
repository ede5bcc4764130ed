import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticLog } from './support/synthetic-log.js';
import { startHub } from '../hub.js';
import { createTokens } from './support/cluster.js';
import { GENEROUS_LIMITS } from './support/limits.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './support/postgres.js';
import { connectClient } from './support/test-client.js';

describe('a node that missed the wake-up for other nodes’ events', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  }, 60_000);

  it('reads the log before answering a client that has seen more, instead of sending it an older snapshot', async () => {
    const databaseUrl = await freshPostgresDatabase('catchup');
    cleanup.push(() => dropPostgresDatabase(databaseUrl));
    const dataDir = mkdtempSync(join(tmpdir(), 'warroom-catchup-'));
    // No poll within the test: only the client's request can make the node look.
    const poll = process.env.WARROOM_POLL_MS;
    process.env.WARROOM_POLL_MS = '3600000';
    const hub = await startHub({ dataDir, databaseUrl, port: 0, limits: GENEROUS_LIMITS });
    if (poll === undefined) delete process.env.WARROOM_POLL_MS;
    else process.env.WARROOM_POLL_MS = poll;
    cleanup.push(async () => {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const [token] = await createTokens(databaseUrl, [{ name: 'vic', role: 'viewer' }]);

    // Another node's commit whose NOTIFY never arrived: rows written straight into the log.
    const [events] = [...syntheticLog(40, 4, 40)];
    const raw = new pg.Client({ connectionString: databaseUrl });
    await raw.connect();
    cleanup.push(() => raw.end());
    for (const e of events ?? [])
      await raw.query('INSERT INTO events (seq, incident_id, command_id, body) VALUES ($1, $2, $3, $4)', [
        e.seq,
        e.incidentId,
        e.commandId,
        JSON.stringify(e),
      ]);
    await raw.query('UPDATE log_head SET seq = 40 WHERE id = 1');
    expect(hub.state().seq).toBe(0);

    const client = await connectClient(hub.url, token!);
    cleanup.push(async () => client.close());
    const reply = await client.sync(40);
    expect(reply).toMatchObject({ kind: 'events', events: [], head: 40 });
    expect(hub.state().seq).toBe(40);
  });
});
