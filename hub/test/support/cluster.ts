import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserRole } from '../../../shared/domain/authorize.js';
import { openPostgresStore } from '../../store/postgres/open-postgres.js';
import { startHaproxy, type RunningHaproxy } from './haproxy.js';
import { startHubProcess, type HubProcess } from './hub-process.js';
import { recordSecrets } from './suite-logs.js';
import { freePort } from './postgres-cluster.js';

const STOP_TIMEOUT_MS = 15_000;

export interface ClusterNode {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  /** The running process, or null while the node is down. */
  process: HubProcess | null;
}

export interface HubCluster {
  readonly databaseUrl: string;
  readonly nodes: readonly ClusterNode[];
  /** HAProxy in front of the nodes (docs/haproxy.cfg). */
  readonly balancer: RunningHaproxy;
  /** The balancer's URL: where clients connect. */
  readonly url: string;
  /** SIGKILL one node: no shutdown, no flush. */
  kill(index: number): Promise<void>;
  /** Starts a stopped node again on its port. */
  start(index: number): Promise<void>;
  close(): Promise<void>;
}

/** Makes tokens in the cluster's database, as `warroom-hub token create --database` would. */
export async function createTokens(
  databaseUrl: string,
  people: readonly { name: string; role: UserRole }[],
): Promise<string[]> {
  const store = await openPostgresStore(databaseUrl, () => Date.now());
  try {
    const tokens: string[] = [];
    for (const p of people) tokens.push((await store.users.createToken(p.name, p.role)).token);
    recordSecrets(...tokens);
    return tokens;
  } finally {
    await store.close();
  }
}

/**
 * `count` real hub processes (`warroom-hub serve --database URL`), each with its own data folder and port, on one
 * PostgreSQL database, behind the documented HAProxy configuration. Resolves once HAProxy sees every node UP.
 */
export async function startCluster(
  databaseUrl: string,
  count = 3,
  env: Readonly<Record<string, string>> = {},
): Promise<HubCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warroom-cluster-'));
  const nodes: ClusterNode[] = [];
  for (let i = 1; i <= count; i++) {
    const port = await freePort();
    nodes.push({ name: `node${i}`, port, url: `http://127.0.0.1:${port}`, process: null });
  }
  const startNode = async (node: ClusterNode) => {
    node.process = await startHubProcess(
      join(dataDir, node.name),
      ['--port', String(node.port), '--database', databaseUrl, '--no-local-token'],
      // One secrets key for every node, as docs/deploy.md asks: the contact keys are sealed with it.
      { WARROOM_SECRETS_KEY_FILE: join(dataDir, 'secrets.key'), ...env },
    );
    if (process.env.WARROOM_TEST_NODE_LOGS) {
      const { createWriteStream } = await import('node:fs');
      const out = createWriteStream(join(process.env.WARROOM_TEST_NODE_LOGS, `${node.name}-${Date.now()}.log`));
      node.process.child.stderr?.pipe(out);
      node.process.child.stdout?.pipe(out);
    }
  };
  // One after another: the first migrates the empty database (the others would wait on its advisory lock anyway).
  for (const node of nodes) await startNode(node);
  const balancer = await startHaproxy(nodes.map((n) => ({ name: n.name, url: n.url })));
  try {
    for (const node of nodes) await balancer.waitForServer(node.name, 'UP');
  } catch (error) {
    await Promise.all(nodes.map((n) => n.process?.kill()));
    await balancer.stop();
    throw error;
  }
  const node = (index: number): ClusterNode => {
    const found = nodes[index];
    if (!found) throw new Error(`no node ${index}`);
    return found;
  };
  return {
    databaseUrl,
    nodes,
    balancer,
    url: balancer.url,
    kill: async (index) => {
      const n = node(index);
      await n.process?.kill();
      n.process = null;
    },
    start: async (index) => {
      const n = node(index);
      if (n.process) throw new Error(`${n.name} is running`);
      await startNode(n);
    },
    close: async () => {
      // A clean stop (SIGTERM) must end a node within seconds; one that does not is a bug this reports.
      const stuck: string[] = [];
      await Promise.all(
        nodes.map(async (n) => {
          const running = n.process;
          if (!running) return;
          const timer = setTimeout(() => {
            stuck.push(n.name);
            void running.kill();
          }, STOP_TIMEOUT_MS);
          await running.stop();
          clearTimeout(timer);
        }),
      );
      await balancer.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (stuck.length > 0) throw new Error(`${stuck.join(', ')} did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
    },
  };
}
