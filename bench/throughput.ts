import { connectHubClient } from './bench-client.js';
import type { BenchOutcome } from './bench-result.js';
import { withCleanup } from './cleanup.js';
import type { BenchContext } from './context.js';
import { figure } from './figures.js';
import { startBenchHub, type BenchUser } from './hub-under-test.js';
import { cpuMsOf } from './server-process.js';
import { rawInsertRate, readCommandRows } from './sqlite-baseline.js';
import { summarize } from './stats.js';
import { runWriteLoad } from './write-load.js';

/** The 50 concurrent clients: each sends a command, waits for its ack, sends the next (as an outbox does). */
const CLIENTS = 50;
/** Rows replayed for the baseline at most. */
const MAX_BASELINE_COMMANDS = 200_000;

/**
 * 3. Durable throughput: commands per second the hub acks (each ack means the event is committed with
 * synchronous=FULL) from 50 clients, each with one command in flight. Baseline: the same rows inserted with raw
 * better-sqlite3, 50 commands per transaction (what a perfect group commit of 50 clients could do).
 */
export async function runThroughput(context: BenchContext): Promise<BenchOutcome> {
  const { options, deadline, log } = context;
  const windowMs = options.quick ? 5_000 : 20_000;
  const warmUpMs = options.quick ? 1_000 : 3_000;
  return withCleanup(async (cleanup) => {
    const writers: BenchUser[] = Array.from({ length: CLIENTS }, (_, i) => ({
      name: `writer-${String(i + 1).padStart(2, '0')}`,
      role: 'responder',
    }));
    const hub = await startBenchHub(writers, context.hubNodeArgs);
    cleanup.add(() => hub.dispose());
    const clients = await Promise.all(writers.map((w) => connectHubClient(hub.url, hub.token(w.name))));
    cleanup.add(() => clients.forEach((c) => c.close()));
    log(`throughput: ${CLIENTS} clients for ${(warmUpMs + windowMs) / 1000} s`);
    const load = await runWriteLoad(clients, {
      warmUpMs,
      windowMs,
      deadline,
      measure: () => {
        const hubCpuBefore = cpuMsOf(hub.pid);
        const runnerCpuBefore = process.cpuUsage();
        return () => ({ hubCpuBefore, hubCpu: cpuMsOf(hub.pid), runnerCpu: process.cpuUsage(runnerCpuBefore) });
      },
    });
    const { counted, latencies, firstSeq } = load;
    const elapsed = load.elapsedMs;
    const { hubCpuBefore, hubCpu, runnerCpu } = load.measured;
    const rate = (counted * 1000) / elapsed;

    await hub.stop();
    const rows = readCommandRows(hub.dataDir, firstSeq, MAX_BASELINE_COMMANDS);
    const batches = new Set(rows.map((r) => (JSON.parse(r.events[0]?.body ?? '{}') as { at?: string }).at)).size;
    log(`throughput: baseline, ${rows.length} commands' rows through raw better-sqlite3`);
    const baseline = rawInsertRate(rows, CLIENTS, deadline);
    const latency = summarize(latencies.length > 0 ? latencies : [0]);
    const share = (cpuMs: number) => `${Math.round((cpuMs / elapsed) * 100)}%`;
    return {
      id: 'throughput',
      title: '3. Durable throughput',
      settings: { clients: CLIENTS, inFlightPerClient: 1, windowMs, warmUpMs, baselineCommandsPerTransaction: CLIENTS },
      figures: [
        figure({
          name: 'durable commands/s',
          unit: 'commands/s',
          value: rate,
          baseline,
          baselineName: `raw better-sqlite3 inserts of the same rows, WAL + synchronous=FULL, ${CLIENTS} commands per transaction`,
          better: 'higher',
          target: '>= 5,000/s',
          met: rate >= 5000,
        }),
      ],
      notes: [
        `${counted} commands acked in ${(elapsed / 1000).toFixed(1)} s; ack latency ${latency.p50.toFixed(2)} ms p50 / ${latency.p99.toFixed(2)} ms p99`,
        `about ${(rows.length / Math.max(1, batches)).toFixed(1)} commands per group commit (events sharing one hub timestamp)`,
        `CPU during the window: hub ${hubCpu === null || hubCpuBefore === null ? '?' : share(hubCpu - hubCpuBefore)} of one core, runner (the ${CLIENTS} clients, which also receive every event) ${share((runnerCpu.user + runnerCpu.system) / 1000)}`,
        `every commit's events are also broadcast to all ${CLIENTS} clients in one message, as the hub does: ${CLIENTS} socket writes per commit`,
      ],
    };
  });
}
