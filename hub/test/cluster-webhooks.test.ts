import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../store/postgres/open-postgres.js';
import { startCluster, type HubCluster } from './support/cluster.js';
import { clusterLog } from './support/cluster-log.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './support/postgres.js';
import { postWebhook } from './support/webhooks.js';

const REQUESTS = 90;

function alertBody(i: number): string {
  return JSON.stringify({
    alerts: [
      {
        key: `burst-${i}`,
        title: `Disk full on db-${i}`,
        service: 'storage',
        severity: 'warning',
        startsAt: '2026-11-27T08:55:00Z',
      },
    ],
  });
}

describe('a webhook burst through HAProxy while a node dies', () => {
  let databaseUrl: string;
  let cluster: HubCluster;

  beforeAll(async () => {
    databaseUrl = await freshPostgresDatabase('webhooks');
    // A short inbox lease, so the requests the killed node had claimed go to another node within the test.
    cluster = await startCluster(databaseUrl, 3, { WARROOM_INBOX_LEASE_SECONDS: '2', WARROOM_POLL_MS: '500' });
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  }, 60_000);

  it('makes exactly one alert of every request answered 202', async () => {
    const store = await openPostgresStore(databaseUrl, () => Date.now());
    let token: string;
    try {
      token = (await store.integrations.create('generic')).token;
    } finally {
      await store.close();
    }
    const statuses = new Map<number, number | string>();
    const send = async (i: number) => {
      try {
        statuses.set(i, (await postWebhook(cluster.url, 'generic', alertBody(i), { token })).status);
      } catch (error) {
        statuses.set(i, error instanceof Error ? error.message : String(error)); // the node died mid-request
      }
    };
    const first = Array.from({ length: REQUESTS / 3 }, (_, i) => send(i));
    await Promise.all(first);
    const rest = Array.from({ length: (2 * REQUESTS) / 3 }, (_, i) => send(REQUESTS / 3 + i));
    await cluster.kill(0);
    await Promise.all(rest);

    const accepted = [...statuses].filter(([, status]) => status === 202).map(([i]) => i);
    expect(accepted.length).toBeGreaterThanOrEqual(REQUESTS / 3);
    const check = await openPostgresStore(databaseUrl, () => Date.now());
    try {
      await expect.poll(() => check.inbox.count(), { timeout: 20_000, interval: 100 }).toBe(0);
    } finally {
      await check.close();
    }
    const { events } = await clusterLog(databaseUrl);
    const attached = new Map<string, number>();
    for (const e of events)
      if (e.type === 'alert.attached') attached.set(e.payload.alert.key, (attached.get(e.payload.alert.key) ?? 0) + 1);
    for (const i of accepted) expect(attached.get(`generic:burst-${i}`), `burst-${i}`).toBe(1);
    // A request whose answer was lost may or may not have been kept, but never twice.
    for (const count of attached.values()) expect(count).toBe(1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  }, 90_000);
});
