import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.js';
import { openPostgresStore } from '../store/postgres/open-postgres.js';
import { useCleanup } from './support/after-each-cleanup.js';
import { createTokens, startCluster, type HubCluster } from './support/cluster.js';
import { clusterLog } from './support/cluster-log.js';
import { FakeTime } from './support/fake-time.js';
import { startInProcessNodes } from './support/in-process-nodes.js';
import { MINUTE, WEDNESDAY, change, declareAt } from './support/paging-hub.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './support/postgres.js';
import { connectClient } from './support/test-client.js';

/** Each page event of the log as "hh:mm sent reason sNrM name", in seq order. */
function pages(events: readonly DomainEvent[]): string[] {
  return events.flatMap((e) =>
    e.type === 'page.sent'
      ? [
          `${e.at.slice(11, 16)} sent ${e.payload.reason} s${e.payload.step}r${e.payload.round} ${e.payload.person.name}`,
        ]
      : [],
  );
}

const CHECKOUT = (people: { id: string; name: string }[]) => ({
  kind: 'rotation.save' as const,
  rotation: {
    id: 'checkout',
    name: 'Checkout',
    members: people,
    handoffTime: '09:00',
    shift: 'weekly' as const,
    timeZone: 'Europe/Berlin',
    startDate: '2026-03-23',
  },
});

describe('paging with several nodes and no leader', () => {
  const { steps: cleanup, clients } = useCleanup();

  it('three nodes ticking on one escalation page each step exactly once', async () => {
    const databaseUrl = await freshPostgresDatabase('paging');
    cleanup.push(() => dropPostgresDatabase(databaseUrl));
    const time = new FakeTime(WEDNESDAY);
    const hubs = await startInProcessNodes({ databaseUrl, count: 3, time, name: 'paging', cleanup });
    const [adminToken, ...people] = await createTokens(databaseUrl, [
      { name: 'admin', role: 'admin' },
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'responder' },
      { name: 'cy', role: 'responder' },
    ]);
    const users = await hubs[0]!.users.listUsers();
    const person = (name: string) => {
      const user = users.find((u) => u.name === name);
      if (!user) throw new Error(`no ${name}`);
      return { id: user.id, name: user.name };
    };
    const admin = await connectClient(hubs[0]!.url, adminToken!);
    clients.push(admin);
    expect(people).toHaveLength(3);
    expect(await change(admin, CHECKOUT([person('ana'), person('bo'), person('cy')]))).toMatchObject({ ok: true });
    expect(await change(admin, { kind: 'service.route', service: 'checkout', rotationId: 'checkout' })).toMatchObject({
      ok: true,
    });

    /** Every node has folded the whole log and finished the pages it asked for. */
    const settled = async () => {
      for (;;) {
        await Promise.all(hubs.map((h) => h.paging.settled()));
        const head = await hubs[0]!.store.head();
        if (hubs.every((h) => h.state().seq === head)) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    // Every node learns the on-call set-up (NOTIFY) before the incident is declared.
    const configured = await connectClient(hubs[2]!.url, adminToken!);
    clients.push(configured);
    const incidentId = await declareAt(admin, time);
    await settled();
    await time.advance(5 * MINUTE, settled);
    await time.advance(5 * MINUTE, settled);

    const events = await hubs[0]!.store.readIncident(incidentId);
    expect(pages(events)).toEqual([
      '10:00 sent initial s0r0 ana',
      '10:05 sent escalation s1r0 bo',
      '10:10 sent escalation s2r0 ana',
      '10:10 sent escalation s2r0 bo',
      '10:10 sent escalation s2r0 cy',
    ]);
    // Each node asked for the pages itself (no leader): the log shows one page each, the others were duplicates.
    const log = await hubs[1]!.store.readSince(0, 100_000);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    for (const hub of hubs) expect(hub.state()).toEqual(hubs[0]!.state());
  }, 60_000);

  it('a node SIGKILLed inside its paging transaction: another node pages, still exactly once', async () => {
    const databaseUrl = await freshPostgresDatabase('pagekill');
    cleanup.push(() => dropPostgresDatabase(databaseUrl));
    const cluster: HubCluster = await startCluster(databaseUrl, 3);
    cleanup.push(() => cluster.close());
    const [adminToken, anaToken] = await createTokens(databaseUrl, [
      { name: 'admin', role: 'admin' },
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'responder' },
    ]);
    const admin = await connectClient(cluster.nodes[1]!.url, adminToken!);
    const ana = await connectClient(cluster.nodes[2]!.url, anaToken!);
    clients.push(admin, ana);
    const pagesForAna: unknown[] = [];
    ana.socket.on('page', (page) => pagesForAna.push(page));

    // A SEV-1 nobody is on call for yet: nothing to page.
    const incidentId = await declareAt(admin, new FakeTime(new Date().toISOString()));
    const store = await openPostgresStore(databaseUrl, () => Date.now());
    cleanup.push(() => store.close());
    const users = await store.users.listUsers();
    const person = (name: string) => {
      const user = users.find((u) => u.name === name);
      if (!user) throw new Error(`no ${name}`);
      return { id: user.id, name: user.name };
    };

    // Hold the log's write lock, as a slow transaction would: every node's write waits inside its transaction.
    const blocker = new pg.Client({ connectionString: databaseUrl });
    await blocker.connect();
    cleanup.push(() => blocker.end());
    await blocker.query('BEGIN');
    await blocker.query('SELECT seq FROM log_head WHERE id = 1 FOR UPDATE');

    // The on-call set-up arrives: every node reloads it and decides to page Ana now (step 0).
    const rotation = CHECKOUT([person('ana'), person('bo')]);
    rotation.rotation.startDate = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(await change(admin, rotation)).toMatchObject({ ok: true });
    expect(await change(admin, { kind: 'settings.save', defaultRotationId: 'checkout' })).toMatchObject({ ok: true });
    const waitingWriters = async () =>
      Number(
        (
          await blocker.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          )
        ).rows[0]?.n ?? 0,
      );
    await expect.poll(waitingWriters, { timeout: 15_000, interval: 50 }).toBe(3);

    await cluster.kill(0); // inside its transaction, waiting on the lock: it never commits
    await blocker.query('ROLLBACK');

    await expect.poll(async () => pages((await clusterLog(databaseUrl)).events), { timeout: 15_000 }).toHaveLength(1);
    const { events } = await clusterLog(databaseUrl);
    expect(pages(events.filter((e) => e.incidentId === incidentId))).toEqual([
      expect.stringMatching(/ sent initial s0r0 ana$/),
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    await expect.poll(() => pagesForAna.length, { timeout: 10_000 }).toBe(1);
  }, 90_000);
});
