import pg from 'pg';
import { EMPTY_STATE, type IncidentsState } from '../shared/domain/state.js';
import { applyInOrder } from '../shared/sync/ordered-events.js';
import { CHECKPOINT_FORMAT } from '../hub/store/checkpoints.js';
import { openPostgresStore } from '../hub/store/postgres/open-postgres.js';
import { connectReplicaClient } from './bench-client.js';
import type { BenchOutcome } from './bench-result.js';
import { withCleanup } from './cleanup.js';
import { nowMs, sleep } from './clock.js';
import { samplesFor, type BenchContext } from './context.js';
import { DeadlineError, type Deadline } from './deadline.js';
import { contextFigure, figure } from './figures.js';
import { createPgTokens, durabilitySettings, startPgNode } from './pg-nodes.js';
import type { PostgresCluster } from '../hub/test/support/postgres-cluster.js';
import { percentile } from './stats.js';
import { syntheticLog } from '../hub/test/support/synthetic-log.js';

/** Events after the newest checkpoint: a running hub checkpoints every 10,000, so a start folds fewer than that. */
export const TAIL_EVENTS = 5_000;
/** The events of a synthetic batch (syntheticLog's default): appends and the checkpoint fall on batch ends. */
const BATCH = 5_000;

/** One start: from spawn to each moment, in ms. */
interface Start {
  /** The banner: state rebuilt, listening. */
  readonly listening: number;
  /** /healthz answered 200. */
  readonly healthy: number;
  /** A client that had the checkpoint's state connected and its replica reached the head. */
  readonly synced: number;
}

/** Where the checkpoint goes for a log of `events`: TAIL_EVENTS before the head, on a batch end (never below 0). */
export function checkpointSeqFor(events: number, tail = TAIL_EVENTS, batch = BATCH): number {
  return Math.max(0, Math.floor((events - tail) / batch) * batch);
}

/**
 * Node start on a long log: a database filled with syntheticLog(events) and a checkpoint TAIL_EVENTS before the
 * head; the time from spawning `warroom-hub serve --database` until it listens, answers /healthz 200 and a client
 * (holding the checkpoint's state, as a client that was connected before) has synced to the head. Baselines in the
 * same run: the same start on an empty database; the raw SELECTs such a start needs (the checkpoint row and the
 * events after it). Then once without a checkpoint, cut at a cap.
 */
export async function runPgNodeStart(context: BenchContext, cluster: PostgresCluster): Promise<BenchOutcome> {
  const { options, log, deadline } = context;
  const events = options.quick ? 200_000 : 1_000_000;
  const samples = samplesFor(context, 3, 2);
  const capMs = options.quick ? 90_000 : 180_000;
  const checkpointSeq = checkpointSeqFor(events);

  const emptyUrl = await cluster.createDatabase('bench_empty');
  const emptyTokens = await createPgTokens(emptyUrl, [{ name: 'viewer', role: 'viewer' }]);
  log(`pg-node-start: baseline, ${samples} starts on an empty database`);
  const empty: Start[] = [];
  for (let i = 0; i < samples; i++)
    empty.push(await timeStart(context, emptyUrl, emptyTokens.token('viewer'), undefined, 0, capMs));

  const url = await cluster.createDatabase('bench_start');
  const durability = await durabilitySettings(url);
  log(`pg-node-start: filling a database with ${events} synthetic events (checkpoint at seq ${checkpointSeq})`);
  const fill = await fillLog(url, events, checkpointSeq, deadline, log);
  const tokens = await createPgTokens(url, [{ name: 'viewer', role: 'viewer' }]);
  const raw = await rawRead(url, deadline);

  log(`pg-node-start: ${samples} starts on ${events} events with a checkpoint`);
  const withCheckpoint: Start[] = [];
  for (let i = 0; i < samples; i++)
    withCheckpoint.push(await timeStart(context, url, tokens.token('viewer'), fill.checkpointState, events, capMs));

  log(`pg-node-start: one start without a checkpoint (cut at ${capMs / 1000} s)`);
  await dropCheckpoints(url);
  let without: Start | null = null;
  try {
    without = await timeStart(context, url, tokens.token('viewer'), fill.checkpointState, events, capMs);
  } catch (error) {
    if (deadline.expired()) throw error;
    log(`pg-node-start: no start within ${capMs / 1000} s without a checkpoint: ${String(error).slice(0, 200)}`);
  }

  const median = (list: Start[], key: keyof Start) =>
    percentile(
      list.map((s) => s[key]),
      50,
    );
  const slowest = (list: Start[], key: keyof Start) => Math.max(...list.map((s) => s[key]));
  const synced = median(withCheckpoint, 'synced');
  const fmt = (list: Start[]) =>
    `listening ${median(list, 'listening').toFixed(0)} ms, /healthz 200 ${median(list, 'healthy').toFixed(0)} ms, synced ${median(list, 'synced').toFixed(0)} ms (slowest synced ${slowest(list, 'synced').toFixed(0)} ms)`;
  const count = events.toLocaleString('en-US');
  return {
    id: 'pg-node-start',
    title: 'P4. Node start on a long log (PostgreSQL)',
    settings: { events, checkpointSeq, tailEvents: events - checkpointSeq, samples, capMs },
    figures: [
      figure({
        name: `pg node start, ${count} events + checkpoint (median)`,
        unit: 'ms',
        value: synced,
        baseline: median(empty, 'synced'),
        baselineName: 'the same start on an empty database',
        better: 'lower',
        target: '< 10 s',
        met: synced < 10_000,
      }),
      contextFigure({
        name: `pg node start, ${count} events: spawn to listening`,
        unit: 'ms',
        value: median(withCheckpoint, 'listening'),
        baseline: raw.ms,
        baselineName: `raw SELECT of the checkpoint row and the ${events - checkpointSeq} events after it`,
        better: 'lower',
      }),
      contextFigure({
        name: `pg node start, ${count} events, no checkpoint`,
        unit: 'ms',
        value: without?.synced ?? capMs,
        baseline: synced,
        baselineName: 'the same start with the checkpoint',
        better: 'lower',
      }),
    ],
    notes: [
      `PostgreSQL: ${durability}`,
      `with the checkpoint (seq ${checkpointSeq}, ${(raw.checkpointBytes / 1e6).toFixed(1)} MB of JSON; ${events - checkpointSeq} events after it): ${fmt(withCheckpoint)}`,
      `empty database: ${fmt(empty)}`,
      without
        ? `without a checkpoint (${count} events folded): listening ${without.listening.toFixed(0)} ms, synced ${without.synced.toFixed(0)} ms`
        : `without a checkpoint: not serving within the ${capMs / 1000} s cap (the figure is the cap)`,
      `raw reads: checkpoint row ${raw.checkpointMs.toFixed(0)} ms, events after it ${raw.eventsMs.toFixed(0)} ms (on a fresh connection)`,
      `filling: ${count} events appended in batches of ${BATCH} in ${(fill.ms / 1000).toFixed(1)} s (${Math.round((events * 1000) / fill.ms)} events/s, folding included); the checkpoint saved with store.checkpoints.save`,
      "the client that syncs holds the checkpoint's state (as a client connected before the start): it catches up by events; a client with nothing would get the whole state as a snapshot",
    ],
  };
}

async function fillLog(
  url: string,
  events: number,
  checkpointSeq: number,
  deadline: Deadline,
  log: (line: string) => void,
): Promise<{ ms: number; checkpointState: IncidentsState }> {
  const store = await openPostgresStore(url, () => Date.now());
  try {
    const start = nowMs();
    let state: IncidentsState = EMPTY_STATE;
    let checkpointState: IncidentsState | null = null;
    for (const batch of syntheticLog(events, 1000, BATCH)) {
      deadline.check();
      await store.events.append({ events: batch, commands: [] });
      state = applyInOrder(state, batch).state;
      if (state.seq === checkpointSeq) {
        await store.checkpoints.save(CHECKPOINT_FORMAT, state);
        checkpointState = state;
      }
      if (state.seq % 100_000 === 0)
        log(`pg-node-start: ${state.seq} events in ${((nowMs() - start) / 1000).toFixed(0)} s`);
    }
    if (state.seq !== events) throw new Error(`the synthetic log ended at seq ${state.seq}, not ${events}`);
    if (!checkpointState) throw new Error(`no batch ended at seq ${checkpointSeq}: no checkpoint was saved`);
    return { ms: nowMs() - start, checkpointState };
  } finally {
    await store.close();
  }
}

/** What a start reads, without a hub: the newest checkpoint row and every event after it. */
async function rawRead(
  url: string,
  deadline: Deadline,
): Promise<{ ms: number; checkpointMs: number; eventsMs: number; checkpointBytes: number }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const start = nowMs();
    const checkpoint = await deadline.bound(
      client.query<{ seq: string; state: string }>(
        'SELECT seq, state FROM checkpoints WHERE format = $1 ORDER BY seq DESC LIMIT 1',
        [CHECKPOINT_FORMAT],
      ),
      60_000,
      'reading the checkpoint',
    );
    const afterCheckpoint = nowMs();
    const row = checkpoint.rows[0];
    if (!row) throw new Error('no checkpoint row');
    await deadline.bound(
      client.query('SELECT body FROM events WHERE seq > $1 ORDER BY seq', [row.seq]),
      60_000,
      'reading the events after the checkpoint',
    );
    const end = nowMs();
    return {
      ms: end - start,
      checkpointMs: afterCheckpoint - start,
      eventsMs: end - afterCheckpoint,
      checkpointBytes: Buffer.byteLength(row.state),
    };
  } finally {
    await client.end();
  }
}

async function dropCheckpoints(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('DELETE FROM checkpoints');
  } finally {
    await client.end();
  }
}

/** Spawns a node, waits for /healthz 200 and for a client to sync to `head`; then stops it. */
async function timeStart(
  context: BenchContext,
  url: string,
  token: string,
  resumeFrom: IncidentsState | undefined,
  head: number,
  capMs: number,
): Promise<Start> {
  const { deadline } = context;
  return withCleanup(async (cleanup) => {
    const start = nowMs();
    const node = await startPgNode(url, context.hubNodeArgs, Math.min(capMs, deadline.remaining()));
    cleanup.add(() => node.dispose());
    const listening = nowMs() - start;
    for (;;) {
      const answer = await fetch(`${node.url}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (answer === 200) break;
      if (nowMs() - start > capMs) throw new DeadlineError(`/healthz did not answer 200 within ${capMs} ms`);
      deadline.check();
      await sleep(10);
    }
    const healthy = nowMs() - start;
    const remaining = Math.max(1000, Math.min(capMs - (nowMs() - start), deadline.remaining()));
    const client = await connectReplicaClient(node.url, token, resumeFrom, undefined, remaining);
    cleanup.add(() => client.close());
    await client.waitForSeq(head, remaining);
    return { listening, healthy, synced: nowMs() - start };
  });
}
