import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAll } from '../../shared/domain/apply.js';
import { EMPTY_STATE } from '../../shared/domain/state.js';
import { createTokens, startCluster, type HubCluster } from './support/cluster.js';
import { clusterLog } from './support/cluster-log.js';
import { startEngine, viewWhere, type TestEngine } from './support/engine.js';
import { expectedEvents, streamCommands } from './support/engine-stream.js';
import { startPostgresCluster, type PostgresCluster } from './support/postgres-cluster.js';
import { connectClient, uid, type TestClient } from './support/test-client.js';

const ENGINES = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL restarts while three nodes take commands', () => {
  let postgres: PostgresCluster;
  let cluster: HubCluster;
  const engines: TestEngine[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    // A cluster of its own: this test stops the server, which must not touch other tests' databases.
    postgres = await startPostgresCluster();
    const databaseUrl = await postgres.createDatabase('restart');
    cluster = await startCluster(databaseUrl, 3);
  }, 60_000);
  afterAll(async () => {
    engines.forEach((e) => e.engine.stop());
    clients.forEach((c) => c.close());
    await cluster?.close();
    await postgres?.destroy();
  }, 60_000);

  it('refuses commands meanwhile with a retryable code, keeps them queued, then applies everything once', async () => {
    const tokens = await createTokens(
      cluster.databaseUrl,
      Array.from({ length: ENGINES + 1 }, (_, i) => ({ name: `person-${i}`, role: 'responder' as const })),
    );
    for (const token of tokens.slice(0, ENGINES)) engines.push(startEngine(cluster.url, token));
    await Promise.all(engines.map((e) => viewWhere(e.engine, (v) => v.status === 'online')));
    const probe = await connectClient(cluster.nodes[1]!.url, tokens[ENGINES]!);
    clients.push(probe);
    const probeIncident = uid();
    expect(await probe.send('incident.declare', probeIncident, { title: 'Probe', severity: 'SEV-3' })).toMatchObject({
      ok: true,
    });

    const stream = streamCommands(engines, 10);
    await viewWhere(engines[0]!.engine, (v) => v.confirmed.seq >= 100);

    await postgres.stop('fast');
    // While the database is away: a clear, retryable refusal, and the engines keep what they queue.
    const during = await probe.send('tried.add', probeIncident, { entryId: uid(), what: 'during the outage' });
    expect(during).toMatchObject({ ok: false, error: { code: 'storage_failed' } });
    await sleep(1000);
    const queued = engines.map((e) => e.engine.view.pending.length);
    expect(queued.some((n) => n > 0)).toBe(true);
    await postgres.start();
    await sleep(1000);
    await stream.stop();

    await Promise.all(
      engines.map((e) => viewWhere(e.engine, (v) => v.status === 'online' && v.pending.length === 0, 30_000)),
    );
    const { events, byCommand } = await clusterLog(cluster.databaseUrl);
    const head = events.length;
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    for (const mine of stream.sent)
      expect(mine.map((id) => byCommand.get(id)?.length ?? 0)).toEqual(expectedEvents(mine));
    const folded = applyAll(EMPTY_STATE, events);
    const views = await Promise.all(engines.map((e) => viewWhere(e.engine, (v) => v.confirmed.seq === head)));
    for (const view of views) {
      expect(view.rejected).toEqual([]);
      expect(view.confirmed).toEqual(folded);
    }
    // Every node caught up by seq (LISTEN again, or the poll) and serves the same state to a new client.
    for (const node of cluster.nodes) {
      const fresh = await connectClient(node.url, tokens[ENGINES]!);
      clients.push(fresh);
      await fresh.waitForSeq(head, 10_000);
      expect(fresh.replica.state).toEqual(folded);
    }
  }, 120_000);
});
