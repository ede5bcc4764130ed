import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { declare } from './support/commands.js';
import { startHubProcess, type HubProcess } from './support/hub-process.js';
import { tcpSocketOf } from './support/paused-reading.js';
import { connectClient, uid, type TestClient } from './support/test-client.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite.js';
import { databaseFile } from '../data-dir.js';

/** Small, so the test needs little traffic; the default is 8 MiB (hub/limits/limits.ts). */
const LIMIT = 2 * 1024 * 1024;
const SLOW_CLIENTS = 10;
/** Postmortem revisions of ~300 KB as JSON (100,000 characters of three bytes each): 72 MB broadcast. */
const INCIDENTS = 60;
const REVISIONS = 4;
/**
 * The documented bound (docs/protocol.md#limits): the hub's resident memory grows by less than this while ten
 * sockets stop reading under 72 MB of broadcasts. Measured on the 2-core CI machine: +93 to +105 MB with the guard
 * (most of it the state and garbage of 240 large commands), +194 MB without it (the slow sockets keep everything).
 */
const MEMORY_BOUND_BYTES = 150 * 1024 * 1024;
/**
 * Answers here carry tens of megabytes (each slow client resyncs 60 incidents with 300 KB postmortems): on a machine
 * busy with other work the default 10 s is not enough, and the test is about what arrives, not how fast.
 */
const PATIENT = { ackTimeoutMs: 60_000 };

function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

describe('clients that stop reading', () => {
  let hub: HubProcess | null = null;
  let dataDir = '';
  const clients: TestClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await hub?.stop();
    hub = null;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('are dropped with the reason once their send buffer passes the limit; the hub stays bounded; they resync with no loss', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'warroom-slow-'));
    const store = openSqliteStore(databaseFile(dataDir), Date.now);
    const readers = await Promise.all(
      Array.from({ length: SLOW_CLIENTS }, async (_, i) => (await store.users.createToken(`slow${i}`, 'viewer')).token),
    );
    const ana = (await store.users.createToken('ana', 'responder')).token;
    await store.close();
    hub = await startHubProcess(dataDir, ['--no-local-token'], {
      WARROOM_MAX_SEND_BUFFER_BYTES: String(LIMIT),
      WARROOM_LOG_LEVEL: 'info',
    });
    let logs = '';
    hub.child.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const pid = hub.child.pid!;

    const publisher = await connectClient(hub.url, ana, PATIENT);
    clients.push(publisher);
    const incidents: string[] = [];
    for (let i = 0; i < INCIDENTS; i++) {
      const { incidentId } = await declare(publisher, { title: `Incident ${i}`, severity: 'SEV-2' });
      await publisher.send('incident.change_status', incidentId, { status: 'resolved' });
      incidents.push(incidentId);
    }
    const slow = await Promise.all(readers.map((token) => connectClient(hub!.url, token)));
    clients.push(...slow);
    const dropped = slow.map((c) => new Promise<string>((resolve) => c.socket.once('disconnect', resolve)));
    slow.forEach((c) => tcpSocketOf(c).pause());

    const baseline = rssBytes(pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 50);
    try {
      const markdown = '€'.repeat(99_999);
      const base = new Map<string, string>();
      for (let r = 0; r < REVISIONS; r++)
        for (const incidentId of incidents) {
          const revision = uid();
          const ack = await publisher.send('postmortem.publish', incidentId, {
            revision,
            baseRevision: base.get(incidentId) ?? null,
            markdown: `${r}${markdown}`,
          });
          if (!ack.ok) throw new Error(ack.error.message);
          base.set(incidentId, revision);
        }
    } finally {
      clearInterval(sampler);
    }
    const grew = peak - baseline;
    console.info(`hub RSS ${mb(baseline)} → peak ${mb(peak)} (+${mb(grew)}), limit ${mb(LIMIT)} per socket`);
    expect(grew).toBeLessThan(MEMORY_BOUND_BYTES);
    // The hub writes its log asynchronously: the lines may arrive just after the last ack.
    await expect
      .poll(() => logs.match(/connection dropped: it does not read fast enough/g)?.length ?? 0)
      .toBe(SLOW_CLIENTS);

    // They read again: what was in flight arrives, then the close; each reconnects and catches up from the log.
    slow.forEach((c) => tcpSocketOf(c).resume());
    expect(await Promise.all(dropped)).toEqual(Array(SLOW_CLIENTS).fill('transport close'));
    const head = publisher.replica.state.seq;
    const again = await Promise.all(
      slow.map((c, i) => connectClient(hub!.url, readers[i]!, { ...PATIENT, resumeFrom: c.replica.state })),
    );
    clients.push(...again);
    for (const client of again) {
      expect(client.welcome.notice).toMatchObject({ code: 'too_slow', message: expect.stringContaining('behind') });
      await client.waitForSeq(head, PATIENT.ackTimeoutMs);
      expect(client.replica.state).toEqual(publisher.replica.state);
    }
  }, 300_000);
});

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
