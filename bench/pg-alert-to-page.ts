import { measureBare, measurePages, pageUsers, type Sample } from './alert-to-page.js';
import type { BenchOutcome } from './bench-result.js';
import { withCleanup } from './cleanup.js';
import { samplesFor, type BenchContext } from './context.js';
import { contextFigure, latencyFigures } from './figures.js';
import { ClientFleet } from './fleet.js';
import { createPgTokens, nodeFor, startPgNodes } from './pg-nodes.js';
import type { PostgresCluster } from '../hub/test/support/postgres-cluster.js';
import { summarize, warmUpCount } from './stats.js';

/**
 * Alert-to-page on PostgreSQL: the Alertmanager POST until the `page` push reaches the on-call person, with
 * `clients` other clients connected, on one node and on three nodes sharing one database. With three nodes the
 * webhook goes to the first node and the on-call person is connected to the second, the others dealt over all
 * three: the page crosses nodes (the inbox row, NOTIFY, whichever node claims it, the log). Baseline: the bare
 * socket.io relay of alert-to-page.ts, with as many other clients as one node has.
 */
export async function runPgAlertToPage(context: BenchContext, cluster: PostgresCluster): Promise<BenchOutcome> {
  const { options, log } = context;
  const samples = samplesFor(context, 200, 50);
  const warmUp = warmUpCount(samples);
  const runId = Date.now().toString(36);
  return withCleanup(async (cleanup) => {
    const fleet = ClientFleet.start(options.workers);
    cleanup.add(() => fleet.close());
    log(`pg-alert-to-page: baseline, bare socket.io with ${options.clients} other clients`);
    const bare = await measureBare(context, fleet, samples + warmUp, runId);
    log(`pg-alert-to-page: one node with ${options.clients} other clients`);
    const one = await onNodes(context, cluster, fleet, 1, samples + warmUp, `${runId}a`);
    log(`pg-alert-to-page: three nodes with ${options.clients} other clients`);
    const three = await onNodes(context, cluster, fleet, 3, samples + warmUp, `${runId}b`);

    const pages = (list: Sample[]) => summarize(list.slice(warmUp).map((s) => s.page));
    const answers = (list: Sample[]) => summarize(list.slice(warmUp).map((s) => s.answered));
    const barePages = pages(bare);
    const baselineName = 'bare socket.io relaying the POST to one socket';
    const target = {
      text: '< 15 ms and <= 2x baseline',
      met: (p99: number, ratio: number | null) => p99 < 15 && ratio !== null && ratio <= 2,
    };
    const oneFigures = latencyFigures('pg alert-to-page, 1 node', pages(one), barePages, baselineName, target);
    const threeFigures = latencyFigures('pg alert-to-page, 3 nodes', pages(three), barePages, baselineName, target);
    const fmt = (s: { p50: number; p99: number }) => `${s.p50.toFixed(2)} / ${s.p99.toFixed(2)} ms`;
    return {
      id: 'pg-alert-to-page',
      title: 'P2. Alert to page on PostgreSQL',
      settings: { clients: options.clients, samples, warmUp, workers: options.workers },
      figures: [
        ...oneFigures,
        ...threeFigures,
        contextFigure({
          name: 'pg webhook 202 p99, 1 node',
          unit: 'ms',
          value: answers(one).p99,
          baseline: answers(bare).p99,
          baselineName,
          better: 'lower',
        }),
      ],
      notes: [
        `the webhook's 202 (request durable in the inbox) p50 / p99: 1 node ${fmt(answers(one))}, 3 nodes ${fmt(answers(three))}`,
        `three nodes: ${options.clients} other clients dealt over the three nodes, the POST to node 1, the on-call person on node 2; the page is pushed by node 2 once it has folded page.sent from the log`,
        'each sample is a new alert group (a new SEV-1 incident paging a one-person rotation), acknowledged after it is timed',
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
  runId: string,
): Promise<Sample[]> {
  return withCleanup(async (cleanup) => {
    const databaseUrl = await cluster.createDatabase(`bench_page${nodeCount}`);
    const nodes = await startPgNodes(databaseUrl, nodeCount, context.hubNodeArgs, context.deadline);
    cleanup.add(() => Promise.all(nodes.map((n) => n.dispose())));
    const users = pageUsers(context.options.clients);
    const tokens = await createPgTokens(databaseUrl, users);
    const url = (i: number) => nodes[nodeFor(i, nodeCount)]?.url ?? '';
    return measurePages(context, fleet, count, runId, {
      others: users.slice(2).map((u, i) => ({ url: url(i), token: tokens.token(u.name) })),
      admin: { url: url(0), token: tokens.token('bench-admin') },
      person: { url: url(1), token: tokens.token('on-call') },
      webhookUrl: url(0),
      alertmanagerToken: tokens.alertmanagerToken,
    });
  });
}
