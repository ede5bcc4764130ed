import type { BenchOutcome } from './bench-result.js';
import { withCleanup } from './cleanup.js';
import { samplesFor, type BenchContext } from './context.js';
import { figure, latencyFigures } from './figures.js';
import { measureBare, measureFanOutOn, type Sample } from './fan-out.js';
import { ClientFleet } from './fleet.js';
import { viewers } from './hub-under-test.js';
import { createPgTokens, nodeFor, startPgNodes } from './pg-nodes.js';
import type { PostgresCluster } from '../hub/test/support/postgres-cluster.js';
import { summarize, warmUpCount } from './stats.js';

/**
 * Fan-out on PostgreSQL: one `tried.add` until its event reached every client: one node with `clients` clients, then
 * three nodes with `clients` on each (3x as many), the writer on the first node, so two thirds of the clients get the
 * event through another node (NOTIFY, then that node reads it from the log and broadcasts it). Baselines: bare
 * socket.io broadcasting the same event to `clients` clients; for three nodes, the one node measured in the same run
 * (the aim: within 2x of it).
 */
export async function runPgFanOut(context: BenchContext, cluster: PostgresCluster): Promise<BenchOutcome> {
  const { options, log } = context;
  const samples = samplesFor(context, 200, 50);
  const warmUp = warmUpCount(samples);
  return withCleanup(async (cleanup) => {
    const fleet = ClientFleet.start(options.workers);
    cleanup.add(() => fleet.close());
    log(`pg-fan-out: one node, ${options.clients} clients`);
    const one = await onNodes(context, cluster, fleet, 1, samples + warmUp);
    log(`pg-fan-out: three nodes, ${3 * options.clients} clients (${options.clients} on each)`);
    const three = await onNodes(context, cluster, fleet, 3, samples + warmUp);
    log(`pg-fan-out: baseline, bare socket.io broadcast to ${options.clients} clients`);
    const bare = await measureBare(context, fleet, samples + warmUp, one.event);

    const last = (list: Sample[]) => summarize(list.slice(warmUp).map((s) => s.last));
    const ack = (list: Sample[]) => summarize(list.slice(warmUp).map((s) => s.ack ?? 0));
    const first = (list: Sample[]) => summarize(list.slice(warmUp).map((s) => s.first));
    const payloadBytes = Buffer.byteLength(JSON.stringify(one.event));
    const bareName = `bare socket.io broadcast of ${payloadBytes} bytes to ${options.clients} clients`;
    const oneLast = last(one.samples);
    const threeLast = last(three.samples);
    const busy = (list: number[]) => list.map((b) => `${Math.round(b * 100)}%`).join(', ');
    const fmt = (s: { p50: number; p99: number }) => `${s.p50.toFixed(2)} / ${s.p99.toFixed(2)} ms`;
    const threeVsOne = threeLast.p99 / oneLast.p99;
    return {
      id: 'pg-fan-out',
      title: 'P3. Fan-out on PostgreSQL',
      settings: { clientsPerNode: options.clients, samples, warmUp, workers: options.workers, payloadBytes },
      figures: [
        ...latencyFigures(`pg fan-out, 1 node, ${options.clients} clients`, oneLast, last(bare.samples), bareName, {
          text: '<= 2x baseline',
          met: (_p99, ratio) => ratio !== null && ratio <= 2,
        }),
        figure({
          name: `pg fan-out, 3 nodes, ${3 * options.clients} clients p99`,
          unit: 'ms',
          value: threeLast.p99,
          baseline: last(bare.samples).p99,
          baselineName: bareName,
          better: 'lower',
          target: `<= 2x 1 node (${threeVsOne.toFixed(2)}x)`,
          met: threeVsOne <= 2,
        }),
      ],
      notes: [
        `3 nodes vs 1 node p99: ${threeLast.p99.toFixed(2)} / ${oneLast.p99.toFixed(2)} ms = ${threeVsOne.toFixed(2)}x (p50 ${fmt(last(three.samples))} vs ${fmt(oneLast)})`,
        `first client reached p50 / p99: 1 node ${fmt(first(one.samples))}, 3 nodes ${fmt(first(three.samples))}, bare ${fmt(first(bare.samples))}`,
        `the sender's ack (durable) p50 / p99: 1 node ${fmt(ack(one.samples))}, 3 nodes ${fmt(ack(three.samples))}`,
        `the fleet's worker thread(s) were busy ${busy(one.fleetBusy)} (1 node), ${busy(three.fleetBusy)} (3 nodes), ${busy(bare.fleetBusy)} (bare) of the sampling time`,
        'three nodes: the writer is on node 1; nodes 2 and 3 learn of the commit by NOTIFY, read the event from the log and broadcast it to their clients',
      ],
    };
  });
}

async function onNodes(
  context: BenchContext,
  cluster: PostgresCluster,
  fleet: ClientFleet,
  nodeCount: number,
  count: number,
): Promise<Awaited<ReturnType<typeof measureFanOutOn>>> {
  return withCleanup(async (cleanup) => {
    const databaseUrl = await cluster.createDatabase(`bench_fan${nodeCount}`);
    const nodes = await startPgNodes(databaseUrl, nodeCount, context.hubNodeArgs, context.deadline);
    cleanup.add(() => Promise.all(nodes.map((n) => n.dispose())));
    const others = viewers(context.options.clients * nodeCount);
    const tokens = await createPgTokens(databaseUrl, [{ name: 'writer', role: 'responder' }, ...others]);
    return measureFanOutOn(context, fleet, count, {
      others: others.map((u, i) => ({ url: nodes[nodeFor(i, nodeCount)]?.url ?? '', token: tokens.token(u.name) })),
      writer: { url: nodes[0]?.url ?? '', token: tokens.token('writer') },
    });
  });
}
