import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAll } from '../../shared/domain/apply.js';
import { EMPTY_STATE } from '../../shared/domain/state.js';
import { createTokens, startCluster, type HubCluster } from './support/cluster.js';
import { clusterLog } from './support/cluster-log.js';
import { startEngine, viewWhere, type TestEngine } from './support/engine.js';
import { expectedEvents, streamCommands } from './support/engine-stream.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './support/postgres.js';

const ENGINES = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a hub node is SIGKILLed while clients stream commands through HAProxy', () => {
  let databaseUrl: string;
  let cluster: HubCluster;
  const engines: TestEngine[] = [];

  beforeAll(async () => {
    databaseUrl = await freshPostgresDatabase('kill');
    cluster = await startCluster(databaseUrl, 3);
  }, 60_000);
  afterAll(async () => {
    engines.forEach((e) => e.engine.stop());
    await cluster?.close();
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  }, 60_000);

  it('moves its clients to the other nodes; every command, acked or queued, is in the log exactly once', async () => {
    const tokens = await createTokens(
      databaseUrl,
      Array.from({ length: ENGINES }, (_, i) => ({ name: `person-${i}`, role: 'responder' as const })),
    );
    for (const token of tokens) engines.push(startEngine(cluster.url, token));
    await Promise.all(engines.map((e) => viewWhere(e.engine, (v) => v.status === 'online')));
    let disconnects = 0;
    for (const e of engines) e.socket().on('disconnect', () => disconnects++);

    const stream = streamCommands(engines, 5);
    await viewWhere(engines[0]!.engine, (v) => v.confirmed.seq >= 200);
    await cluster.kill(0);
    await sleep(1500);
    await stream.stop();
    expect(disconnects).toBeGreaterThanOrEqual(1); // the killed node had clients, and they lost it

    await Promise.all(engines.map((e) => viewWhere(e.engine, (v) => v.status === 'online' && v.pending.length === 0)));
    const { events, byCommand } = await clusterLog(databaseUrl);
    const head = events.length;
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    for (const mine of stream.sent) {
      // The declare leaves four events, each tried entry one: exactly once, in the order the engine queued them.
      expect(mine.map((id) => byCommand.get(id)?.length ?? 0)).toEqual(expectedEvents(mine));
      const firstSeqs = mine.map((id) => byCommand.get(id)?.[0]?.seq ?? 0);
      expect(firstSeqs).toEqual([...firstSeqs].sort((a, b) => a - b));
    }
    const folded = applyAll(EMPTY_STATE, events);
    const views = await Promise.all(engines.map((e) => viewWhere(e.engine, (v) => v.confirmed.seq === head)));
    for (const view of views) {
      expect(view.rejected).toEqual([]);
      expect(view.confirmed).toEqual(folded);
    }
    await cluster.balancer.waitForServer('node1', 'DOWN');
  }, 120_000);
});
