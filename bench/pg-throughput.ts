import { connectHubClient } from './bench-client.js';
import type { BenchOutcome } from './bench-result.js';
import { withCleanup } from './cleanup.js';
import type { BenchContext } from './context.js';
import { contextFigure, figure } from './figures.js';
import type { BenchUser } from './hub-under-test.js';
import { rawPgInsertRate, readPgCommandRows } from './pg-baseline.js';
import { createPgTokens, durabilitySettings, nodeFor, postgresCpuMs, startPgNodes, type PgNode } from './pg-nodes.js';
import type { PostgresCluster } from '../hub/test/support/postgres-cluster.js';
import { cpuMsOf } from './server-process.js';
import { summarize } from './stats.js';
import { runWriteLoad } from './write-load.js';

/** The 50 concurrent clients, each with one command in flight (as throughput.ts). */
const CLIENTS = 50;
const MAX_BASELINE_COMMANDS = 200_000;

interface LoadResult {
  readonly rate: number;
  readonly counted: number;
  readonly elapsed: number;
  readonly latency: { p50: number; p99: number };
  /** CPU of each node over the window, as a share of one core. */
  readonly nodeCpu: readonly (number | null)[];
  readonly runnerCpu: number;
  /** The PostgreSQL server's processes over the window, as a share of one core. */
  readonly postgresCpu: number | null;
  /** The seq after which the timed commands' rows lie. */
  readonly firstSeq: number;
  readonly groupCommit: number;
}

/**
 * Durable throughput on PostgreSQL: 50 clients, each sending its next `tried.add` when the last is acked, against one
 * node and then three nodes on one database (clients dealt round-robin to the nodes, directly). Baseline: the same
 * rows inserted with raw `pg` into a fresh database, 50 commands per transaction, same durability.
 */
export async function runPgThroughput(context: BenchContext, cluster: PostgresCluster): Promise<BenchOutcome> {
  const { options, log, deadline } = context;
  const windowMs = options.quick ? 5_000 : 20_000;
  const warmUpMs = options.quick ? 1_000 : 3_000;
  const oneUrl = await cluster.createDatabase('bench_tp1');
  const durability = await durabilitySettings(oneUrl);
  log(`pg-throughput: one node, ${CLIENTS} clients (${durability})`);
  const one = await measureLoad(context, cluster, oneUrl, 1, windowMs, warmUpMs);
  const rows = await readPgCommandRows(oneUrl, one.firstSeq, MAX_BASELINE_COMMANDS);
  log(`pg-throughput: baseline, ${rows.length} commands' rows through raw pg`);
  const baseline = await rawPgInsertRate(await cluster.createDatabase('bench_raw'), rows, CLIENTS, deadline);
  log(`pg-throughput: three nodes, ${CLIENTS} clients`);
  const three = await measureLoad(context, cluster, await cluster.createDatabase('bench_tp3'), 3, windowMs, warmUpMs);
  const pct = (share: number | null) => (share === null ? '?' : `${Math.round(share * 100)}%`);
  const baselineName = `raw pg inserts of the same rows, ${CLIENTS} commands per transaction, fsync + synchronous_commit on`;
  return {
    id: 'pg-throughput',
    title: 'P1. Durable throughput on PostgreSQL',
    settings: { clients: CLIENTS, inFlightPerClient: 1, windowMs, warmUpMs, baselineCommandsPerTransaction: CLIENTS },
    figures: [
      figure({
        name: 'pg durable commands/s, 1 node',
        unit: 'commands/s',
        value: one.rate,
        baseline,
        baselineName,
        better: 'higher',
        target: '>= 5,000/s',
        met: one.rate >= 5000,
      }),
      contextFigure({
        name: 'pg durable commands/s, 3 nodes',
        unit: 'commands/s',
        value: three.rate,
        baseline,
        baselineName,
        better: 'higher',
      }),
    ],
    notes: [
      `PostgreSQL: ${durability}`,
      ...[
        ['1 node', one],
        ['3 nodes', three],
      ].map(([name, r]) => {
        const l = r as LoadResult;
        return `${name as string}: ${l.counted} commands acked in ${(l.elapsed / 1000).toFixed(1)} s, ack ${l.latency.p50.toFixed(2)} ms p50 / ${l.latency.p99.toFixed(2)} ms p99, about ${l.groupCommit.toFixed(1)} commands per commit; CPU: node(s) ${l.nodeCpu.map(pct).join(' + ')} of a core, runner ${pct(l.runnerCpu)}, PostgreSQL ${pct(l.postgresCpu)}`;
      }),
      "three nodes: the clients are dealt round-robin to the nodes directly (no HAProxy); every append takes the log_head row FOR UPDATE, so the nodes commit one after another and each reads the others' events inside its write",
      'everything (the nodes, PostgreSQL, the 50 clients) shares the same 2 cores: 200% in all',
    ],
  };
}

async function measureLoad(
  context: BenchContext,
  cluster: PostgresCluster,
  databaseUrl: string,
  nodeCount: number,
  windowMs: number,
  warmUpMs: number,
): Promise<LoadResult> {
  const { deadline } = context;
  return withCleanup(async (cleanup) => {
    const writers: BenchUser[] = Array.from({ length: CLIENTS }, (_, i) => ({
      name: `writer-${String(i + 1).padStart(2, '0')}`,
      role: 'responder',
    }));
    const nodes: PgNode[] = await startPgNodes(databaseUrl, nodeCount, context.hubNodeArgs, deadline);
    cleanup.add(() => Promise.all(nodes.map((n) => n.dispose())));
    const tokens = await createPgTokens(databaseUrl, writers);
    const clients = await Promise.all(
      writers.map((w, i) => connectHubClient(nodes[nodeFor(i, nodeCount)]?.url ?? '', tokens.token(w.name))),
    );
    cleanup.add(() => clients.forEach((c) => c.close()));
    const load = await runWriteLoad(clients, {
      warmUpMs,
      windowMs,
      deadline,
      measure: () => {
        const cpuBefore = nodes.map((n) => cpuMsOf(n.pid));
        const postgresBefore = postgresCpuMs(cluster);
        const runnerBefore = process.cpuUsage();
        return () => ({
          cpuBefore,
          cpuAfter: nodes.map((n) => cpuMsOf(n.pid)),
          postgresBefore,
          postgresAfter: postgresCpuMs(cluster),
          runner: process.cpuUsage(runnerBefore),
        });
      },
    });
    const { counted, latencies, firstSeq } = load;
    const elapsed = load.elapsedMs;
    const { cpuBefore, cpuAfter, postgresBefore, postgresAfter, runner } = load.measured;
    const rows = await readPgCommandRows(databaseUrl, firstSeq, MAX_BASELINE_COMMANDS);
    const commits = new Set(rows.map((r) => (JSON.parse(r.events[0]?.body ?? '{}') as { at?: string }).at)).size;
    const latency = summarize(latencies.length > 0 ? latencies : [0]);
    return {
      rate: (counted * 1000) / elapsed,
      counted,
      elapsed,
      latency,
      nodeCpu: nodes.map((_, i) => {
        const before = cpuBefore[i];
        const after = cpuAfter[i];
        return before === null || before === undefined || after === null || after === undefined
          ? null
          : (after - before) / elapsed;
      }),
      runnerCpu: (runner.user + runner.system) / 1000 / elapsed,
      postgresCpu:
        postgresBefore === null || postgresAfter === null ? null : (postgresAfter - postgresBefore) / elapsed,
      firstSeq,
      groupCommit: rows.length / Math.max(1, commits),
    };
  });
}
