import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { io } from 'socket.io-client';
import type { SyncReply } from '../shared/protocol/wire.js';
import { startBareServer } from './bare-process.js';
import {
  connectHubClient,
  connectReplicaClient,
  declareBenchIncident,
  type CatchUpTrace,
  type HubClient,
} from './bench-client.js';
import type { BenchOutcome } from './bench-result.js';
import { withCleanup } from './cleanup.js';
import { nowMs } from './clock.js';
import { samplesFor, type BenchContext } from './context.js';
import { sampleLoop, type Deadline } from './deadline.js';
import { latencyFigures } from './figures.js';
import { startBenchHub } from './hub-under-test.js';
import type { ServerProcess } from './server-process.js';
import { summarize } from './stats.js';

/** Events the returning client missed (the 10,000). */
const MISSED = 10_000;
/** Incidents they are spread over. */
const INCIDENTS = 10;
/** Commands the writer keeps in flight while making them (group commit writes them in big transactions). */
const IN_FLIGHT = 200;

interface Sample {
  /** Reconnect started → replica at the hub's head. */
  readonly caughtUp: number;
  /** … of which: until `welcome`; the sync round trips; validating the replies (zod). */
  readonly welcome: number;
  readonly sync: number;
  readonly validate: number;
  readonly replyBytes: number;
  readonly reply: SyncReply;
}

/**
 * 4. Catch-up: a client that saw the first events, then missed 10,000, reconnects with the state it had; time until
 * its replica is at the hub's head, checked identical to the state of a client that never left. Each sample runs on
 * a fresh hub so every sample catches up the same state. Baseline: connecting to a bare socket.io server and
 * receiving the same reply (the same bytes).
 */
export async function runCatchUp(context: BenchContext): Promise<BenchOutcome> {
  const { log, deadline } = context;
  const samples = samplesFor(context, 10, 3);
  // The first sample also warms up (JIT of the replica, zod, the hub's sync path) and is left out.
  const warmUp = 1;
  return withCleanup(async (cleanup) => {
    log(`catch-up: ${samples + warmUp} reconnects after ${MISSED} missed events, each on a fresh hub`);
    const hubSamples = await sampleLoop(deadline, samples + warmUp, (i) => {
      log(`catch-up: sample ${i + 1}`);
      return catchUpOnce(context);
    });
    const bare = await startBareServer();
    cleanup.add(() => bare.stop());
    log('catch-up: baseline, the same replies through bare socket.io');
    const bareTimes = await sampleLoop(deadline, hubSamples.length, (i) =>
      bareCatchUp(bare, hubSamples[i]?.reply ?? null, deadline),
    );

    const kept = hubSamples.slice(warmUp);
    const caughtUp = summarize(kept.map((s) => s.caughtUp));
    const part = (key: 'welcome' | 'sync' | 'validate') => summarize(kept.map((s) => s[key])).p50.toFixed(1);
    const replyKind = kept[0]?.reply.kind ?? '?';
    const replyBytes = kept[0]?.replyBytes ?? 0;
    return {
      id: 'catch-up',
      title: '4. Catch-up',
      settings: { missedEvents: MISSED, incidents: INCIDENTS, samples, warmUp, replyKind, replyBytes },
      figures: latencyFigures(
        'catch-up',
        caughtUp,
        summarize(bareTimes.slice(warmUp)),
        'bare socket.io: connect and receive the same reply',
        { text: '< 500 ms', met: (p99) => p99 < 500 },
      ),
      notes: [
        `the hub answered with a ${replyKind} of ${(replyBytes / 1024).toFixed(0)} KB (more than 5,000 missed events: the whole state)`,
        `p50 split: ${part('welcome')} ms to welcome, ${part('sync')} ms for the sync round trip, ${part('validate')} ms validating the reply; the rest is applying it`,
        `every sample ended identical (deep equality) to a client that stayed connected; with ${samples} samples p99 is the slowest`,
      ],
    };
  });
}

async function catchUpOnce(context: BenchContext): Promise<Sample> {
  const { deadline } = context;
  return withCleanup(async (cleanup) => {
    const hub = await startBenchHub(
      [
        { name: 'writer', role: 'responder' },
        { name: 'stayer', role: 'viewer' },
        { name: 'leaver', role: 'viewer' },
      ],
      context.hubNodeArgs,
    );
    cleanup.add(() => hub.dispose());
    const writer = await connectHubClient(hub.url, hub.token('writer'));
    cleanup.add(() => writer.close());
    const incidents = Array.from({ length: INCIDENTS }, () => randomUUID());
    for (const incidentId of incidents) await declareBenchIncident(writer, incidentId);
    const stayer = await connectReplicaClient(hub.url, hub.token('stayer'));
    cleanup.add(() => stayer.close());
    const leaver = await connectReplicaClient(hub.url, hub.token('leaver'));
    const before = leaver.replica.state;
    leaver.close();

    const head = await writeMissed(writer, incidents, before.seq, deadline);
    await stayer.waitForSeq(head, deadline.remaining());

    const trace: CatchUpTrace = { welcomed: 0, syncs: [] };
    const start = nowMs();
    const back = await connectReplicaClient(hub.url, hub.token('leaver'), before, trace);
    const caughtUp = nowMs() - start;
    cleanup.add(() => back.close());
    if (back.replica.state.seq !== head) throw new Error(`caught up to ${back.replica.state.seq}, not ${head}`);
    if (!isDeepStrictEqual(back.replica.state, stayer.replica.state))
      throw new Error('the caught-up state differs from the state of a client that never left');
    const reply = back.syncReplies[0];
    if (!reply) throw new Error('the returning client asked for nothing');
    const sum = (f: (s: CatchUpTrace['syncs'][number]) => number) => trace.syncs.reduce((n, s) => n + f(s), 0);
    return {
      caughtUp,
      welcome: trace.welcomed - start,
      sync: sum((s) => s.received - s.asked),
      validate: sum((s) => s.validated - s.received),
      replyBytes: back.syncReplies.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0),
      reply,
    };
  });
}

/** `MISSED` tried.add commands (one event each) over the incidents, IN_FLIGHT at a time; returns the head. */
async function writeMissed(writer: HubClient, incidents: readonly string[], from: number, deadline: Deadline) {
  let next = 0;
  let head = from;
  const worker = async () => {
    while (next < MISSED) {
      deadline.check();
      const i = next++;
      const seq = await writer.accepted({
        type: 'tried.add',
        incidentId: incidents[i % incidents.length] ?? '',
        payload: { entryId: randomUUID(), what: `Checked the gateway dashboards (${i})`, hypothesis: 'timeouts' },
      });
      head = Math.max(head, seq);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  if (head - from !== MISSED) throw new Error(`expected ${MISSED} new events, the log grew by ${head - from}`);
  return head;
}

/** Connect to the bare server and receive `reply` (kept there first): the same bytes without Warroom. */
async function bareCatchUp(bare: ServerProcess, reply: SyncReply | null, deadline: Deadline): Promise<number> {
  const keeper = io(bare.url, { transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    await deadline.bound(new Promise((resolve) => keeper.once('welcome', resolve)), 30_000, 'bare keeper');
    await deadline.bound(keeper.emitWithAck('keep', reply), 60_000, 'keeping the reply on the bare server');
  } finally {
    keeper.close();
  }
  const start = nowMs();
  const client = io(bare.url, { transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    await deadline.bound(new Promise((resolve) => client.once('welcome', resolve)), 30_000, 'bare client');
    await deadline.bound(client.emitWithAck('sync', { since: 0 }), 60_000, 'bare sync');
    return nowMs() - start;
  } finally {
    client.close();
  }
}
