import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { PROTOCOL_VERSION } from '../shared/protocol/version.js';
import { databaseFile } from '../hub/data-dir.js';
import { startBareServer } from './bare-process.js';
import { connectHubClient, type HubClient } from './bench-client.js';
import type { BenchOutcome } from './bench-result.js';
import { withCleanup } from './cleanup.js';
import { nowMs, sleep } from './clock.js';
import type { BenchContext } from './context.js';
import type { Deadline } from './deadline.js';
import { contextFigure, figure } from './figures.js';
import { ClientFleet } from './fleet.js';
import { startBenchHub, viewers } from './hub-under-test.js';
import type { MemoryReport } from './memory-report.js';
import { GC_ON_SIGNAL, type ServerProcess } from './server-process.js';

const EVENTS_PER_INCIDENT = 1000;
/** Commands the seeding client keeps in flight (big group commits; the seeding is not what is measured). */
const IN_FLIGHT = 1000;
/** After a change, memory is read this much later (allocation settles, sockets finish their handshakes). */
const SETTLE_MS = 3000;

/** One reading: RSS as it stands, then process.memoryUsage() after a full garbage collection. */
interface Reading {
  /** KB. */
  readonly rss: number;
  readonly afterGc: MemoryReport;
}

/**
 * 5. Memory: the hub's resident set size with `clients` idle clients and 500 incidents of 1,000 events each, and what
 * each client and each event costs:
 * - per client: RSS of a freshly started hub with the clients connected minus without (as for the baseline, a bare
 *   socket.io server with the same clients);
 * - per event: RSS of a hub restarted on the seeded log (state rebuilt, as after any restart) minus the fresh hub's;
 *   baseline: the event's size as JSON;
 * - total: the restarted hub once the clients are connected again.
 * Figures use RSS after a full garbage collection (gc-on-signal.ts), so garbage waiting to be collected is not counted
 * as cost; the notes give RSS before it and the V8 heap.
 */
export async function runMemory(context: BenchContext): Promise<BenchOutcome> {
  const { options, deadline, log } = context;
  const clients = options.clients;
  const incidents = options.quick ? 50 : 500;
  const events = incidents * EVENTS_PER_INCIDENT;
  return withCleanup(async (cleanup) => {
    const fleet = ClientFleet.start(options.workers);
    cleanup.add(() => fleet.close());
    const others = viewers(clients);
    const auths = (hubToken: (name: string) => string) =>
      others.map((u) => ({ token: hubToken(u.name), protocol: PROTOCOL_VERSION }));

    log(`memory: baseline, ${clients} idle clients on bare socket.io`);
    const bare = await startBareServer(GC_ON_SIGNAL);
    cleanup.add(() => bare.stop());
    const bareEmpty = await settledReading(bare);
    await fleet.connect(
      bare.url,
      others.map(() => ({})),
      deadline,
    );
    const bareClients = await settledReading(bare);
    await fleet.disconnect();
    await bare.stop();

    log(`memory: ${clients} idle clients on a fresh hub`);
    let hub = await startBenchHub(
      [{ name: 'seeder', role: 'responder' }, ...others],
      [...context.hubNodeArgs, ...GC_ON_SIGNAL],
    );
    cleanup.add(() => hub.dispose());
    const empty = await settledReading(hub);
    await fleet.connect(hub.url, auths(hub.token), deadline);
    const emptyClients = await settledReading(hub);
    await fleet.disconnect();

    log(`memory: seeding ${incidents} incidents of ${EVENTS_PER_INCIDENT} events`);
    const seeder = await connectHubClient(hub.url, hub.token('seeder'));
    try {
      await seed(seeder, incidents, deadline, log);
    } finally {
      seeder.close();
    }
    const seeded = await settledReading(hub);
    const restartAt = nowMs();
    hub = await hub.restart();
    const restartMs = nowMs() - restartAt;
    const loaded = await settledReading(hub);
    log(`memory: ${clients} idle clients on the hub restarted on the seeded log`);
    await fleet.connect(hub.url, auths(hub.token), deadline);
    const total = await settledReading(hub);
    const eventJsonBytes = averageEventBytes(hub.dataDir);

    const rssKb = (r: Reading) => r.afterGc.rss / 1024;
    const heapKb = (r: Reading) => (r.afterGc.heapUsed + r.afterGc.external) / 1024;
    const perClient = (rssKb(emptyClients) - rssKb(empty)) / clients;
    const bareClient = (rssKb(bareClients) - rssKb(bareEmpty)) / clients;
    const perEvent = ((rssKb(loaded) - rssKb(empty)) * 1024) / events;
    const baselineName = `bare socket.io server with ${clients} idle clients`;
    return {
      id: 'memory',
      title: '5. Memory',
      settings: { clients, incidents, eventsPerIncident: EVENTS_PER_INCIDENT, settleMs: SETTLE_MS },
      figures: [
        contextFigure({
          name: `hub RSS, ${clients} clients + ${events} events`,
          unit: 'KB',
          value: rssKb(total),
          baseline: rssKb(bareClients),
          baselineName,
          better: 'lower',
        }),
        figure({
          name: 'memory per idle client',
          unit: 'KB',
          value: perClient,
          baseline: bareClient,
          baselineName,
          better: 'lower',
          target: '< 100 KB',
          met: perClient < 100,
        }),
        contextFigure({
          name: 'memory per event',
          unit: 'bytes',
          value: perEvent,
          baseline: eventJsonBytes,
          baselineName: 'the event as JSON (average row body in the log)',
          better: 'lower',
        }),
      ],
      notes: [
        `hub RSS after GC (as it stood before): ${mb(empty)} fresh, ${mb(emptyClients)} with the clients, ${mb(seeded)} after seeding, ${mb(loaded)} restarted on the seeded log, ${mb(total)} with the clients again`,
        `bare socket.io RSS after GC (before): ${mb(bareEmpty)} alone, ${mb(bareClients)} with the clients`,
        `V8 heap + external per client: hub ${((heapKb(emptyClients) - heapKb(empty)) / clients).toFixed(1)} KB, bare ${((heapKb(bareClients) - heapKb(bareEmpty)) / clients).toFixed(1)} KB; per event: ${(((heapKb(loaded) - heapKb(empty)) * 1024) / events).toFixed(0)} B live`,
        `after seeding, the V8 heap held ${heapMb(seeded)}; restarted on the same log, ${heapMb(loaded)}`,
        `per client on the restarted, loaded hub: ${((rssKb(total) - rssKb(loaded)) / clients).toFixed(1)} KB RSS (a big heap's GC moves RSS by more than the clients cost)`,
        `the restart on ${events} events took ${(restartMs / 1000).toFixed(1)} s (the state is rebuilt from the whole log before the hub listens)`,
      ],
    };
  });
}

/** "171 MB used of 283 MB": live objects after GC, of what V8 holds. */
function heapMb(r: Reading): string {
  return `${(r.afterGc.heapUsed / 1024 / 1024).toFixed(0)} MB used of ${(r.afterGc.heapTotal / 1024 / 1024).toFixed(0)} MB`;
}

function mb(r: Reading): string {
  return `${(r.afterGc.rss / 1024 / 1024).toFixed(1)} MB (${(r.rss / 1024).toFixed(1)})`;
}

async function settledReading(server: ServerProcess): Promise<Reading> {
  await sleep(SETTLE_MS);
  const rss = server.rssKb();
  return { rss, afterGc: await server.memoryAfterGc() };
}

/** Declares `incidents` incidents and fills each with tried entries up to EVENTS_PER_INCIDENT events. */
async function seed(client: HubClient, incidents: number, deadline: Deadline, log: (line: string) => void) {
  const declare = (incidentId: string) =>
    client.accepted({
      type: 'incident.declare',
      incidentId,
      payload: { title: 'Checkout errors after deploy', severity: 'SEV-2', service: 'checkout' },
    });
  const ids = Array.from({ length: incidents }, () => randomUUID());
  // The first alone tells how many events a declaration makes (the severity's checklists, the lead).
  const perDeclare = (await declare(ids[0] ?? '')) - client.welcome.head;
  await pool(ids.slice(1), (id) => declare(id), deadline);
  const perIncident = EVENTS_PER_INCIDENT - perDeclare;
  const total = incidents * perIncident;
  let done = 0;
  const head = await pool(
    Array.from({ length: total }, (_, i) => i),
    async (i) => {
      const seq = await client.accepted({
        type: 'tried.add',
        incidentId: ids[i % incidents] ?? '',
        payload: { entryId: randomUUID(), what: `Checked the gateway dashboards (${i})`, hypothesis: 'timeouts' },
      });
      if (++done % 50_000 === 0) log(`memory: ${done} of ${total} commands`);
      return seq;
    },
    deadline,
  );
  const expected = client.welcome.head + incidents * EVENTS_PER_INCIDENT;
  if (head !== expected) throw new Error(`seeding ended at seq ${head}, expected ${expected}`);
}

/** Runs `task` over `items`, IN_FLIGHT at a time; returns the largest result. */
async function pool<T>(items: readonly T[], task: (item: T) => Promise<number>, deadline: Deadline): Promise<number> {
  let next = 0;
  let largest = 0;
  const worker = async () => {
    while (next < items.length) {
      deadline.check();
      largest = Math.max(largest, await task(items[next++] as T));
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
  return largest;
}

/** Average size of an event row's JSON body: what an event is "worth" on disk and on the wire. */
function averageEventBytes(dataDir: string): number {
  const db = new Database(databaseFile(dataDir), { readonly: true });
  try {
    return db.prepare('SELECT avg(length(body)) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
}
