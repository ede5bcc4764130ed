import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAll } from '../../shared/domain/apply.js';
import { EMPTY_STATE } from '../../shared/domain/state.js';
import { openPostgresStore } from '../store/postgres/open-postgres.js';
import { createTokens, startCluster, type HubCluster } from './support/cluster.js';
import { welcomeSchema, type Welcome } from '../../shared/protocol/wire.js';
import { closedByHub } from './support/closed-by-hub.js';
import { declare } from './support/commands.js';
import { runCliProcess } from './support/hub-process.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './support/postgres.js';
import { connectClient, uid, type TestClient } from './support/test-client.js';

const CLIENTS = 30;
const COMMANDS_PER_CLIENT = 100;

describe('three hub nodes on one PostgreSQL behind HAProxy', () => {
  let databaseUrl: string;
  let cluster: HubCluster;
  let tokens: string[];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    databaseUrl = await freshPostgresDatabase('relay');
    cluster = await startCluster(databaseUrl, 3);
    tokens = await createTokens(databaseUrl, [
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'responder' },
      { name: 'cy', role: 'responder' },
    ]);
  }, 60_000);
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await cluster?.close();
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  }, 60_000);

  const connect = async (url: string, token: string) => {
    const client = await connectClient(url, token);
    clients.push(client);
    return client;
  };

  it('shows a change made on one node live to clients of the others, and through the balancer', async () => {
    const [ana, bo, cy] = tokens;
    const onFirst = await connect(cluster.nodes[0]!.url, ana!);
    const onSecond = await connect(cluster.nodes[1]!.url, bo!);
    const viaBalancer = await connect(cluster.url, cy!);
    const { incidentId, seq } = await declare(onFirst, { title: 'Checkout down', severity: 'SEV-1' });
    await Promise.all([onSecond.waitForSeq(seq), viaBalancer.waitForSeq(seq)]);
    expect(onSecond.replica.state.incidents[incidentId]?.title).toBe('Checkout down');
    expect(viaBalancer.replica.state.incidents[incidentId]?.severity).toBe('SEV-1');

    const ack = await onSecond.send('tried.add', incidentId, { entryId: uid(), what: 'Rolled back 4.2' });
    expect(ack).toMatchObject({ ok: true });
    if (!ack.ok) return;
    await Promise.all([onFirst.waitForSeq(ack.seq), viaBalancer.waitForSeq(ack.seq)]);
    expect(onFirst.replica.state.incidents[incidentId]?.tried.map((t) => t.what)).toEqual(['Rolled back 4.2']);
  });

  it('takes 3,000 concurrent commands from 30 clients spread over the nodes: each once, seq 1..N, every replica equal to the log', async () => {
    const spread = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => connect(cluster.nodes[i % 3]!.url, tokens[i % tokens.length]!)),
    );
    const incidents = await Promise.all(spread.map((c) => declare(c, { title: `Load ${uid().slice(0, 4)}` })));
    const sent: string[] = [];
    const acks = await Promise.all(
      spread.map(async (client, i) => {
        const incidentId = incidents[i]!.incidentId;
        return Promise.all(
          Array.from({ length: COMMANDS_PER_CLIENT - 1 }, (_, n) => {
            const commandId = uid();
            sent.push(commandId);
            return client.send('tried.add', incidentId, { entryId: uid(), what: `attempt ${n}` }, commandId);
          }),
        );
      }),
    );
    expect(acks.flat().every((a) => a.ok)).toBe(true);

    const store = await openPostgresStore(databaseUrl, () => Date.now());
    try {
      const head = await store.events.head();
      const log = await store.events.readSince(0, head + 1);
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      const perCommand = new Map<string, number>();
      for (const e of log) if (e.commandId) perCommand.set(e.commandId, (perCommand.get(e.commandId) ?? 0) + 1);
      for (const id of sent) expect(perCommand.get(id), id).toBe(1);
      const folded = applyAll(EMPTY_STATE, log);
      await Promise.all([...clients].map((c) => c.waitForSeq(head, 20_000)));
      for (const client of clients) expect(client.replica.state).toEqual(folded);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('disconnects a revoked token on every node, and gives a new role to open connections on every node', async () => {
    const [dee, eve] = await createTokens(databaseUrl, [
      { name: 'dee', role: 'responder' },
      { name: 'eve', role: 'responder' },
    ]);
    const deeOnFirst = await connect(cluster.nodes[0]!.url, dee!);
    const deeOnThird = await connect(cluster.nodes[2]!.url, dee!);
    const closed = [closedByHub(deeOnFirst), closedByHub(deeOnThird)];
    // The CLI is another process: every node hears of it by NOTIFY.
    runCliProcess(['token', 'revoke', '--user', 'dee', '--database', databaseUrl]);
    for (const c of await Promise.all(closed)) expect(c.refusal?.code).toBe('revoked');

    const eveOnSecond = await connect(cluster.nodes[1]!.url, eve!);
    const rewelcomed = new Promise<Welcome>((resolve) =>
      eveOnSecond.socket.once('welcome', (raw) => resolve(welcomeSchema.parse(raw))),
    );
    runCliProcess(['user', 'role', '--user', 'eve', '--role', 'viewer', '--database', databaseUrl]);
    expect((await rewelcomed).user.role).toBe('viewer');
  });
});
