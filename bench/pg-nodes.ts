import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPostgresStore } from '../hub/store/postgres/open-postgres.js';
import type { Deadline } from './deadline.js';
import { BENCH_LIMITS_ENV, type BenchUser } from './hub-under-test.js';
import { startPostgresCluster, type PostgresCluster } from '../hub/test/support/postgres-cluster.js';
import { cpuMsOf, startServerProcess, type ServerProcess } from './server-process.js';

/** The hub's own build (`npm run build`), not the copy compiled with the benchmark. */
const CLI = fileURLToPath(new URL('../../hub/cli.js', import.meta.url));

/** Data folders of nodes not yet disposed, so an interrupted run leaves none behind. */
const nodeDirs = new Set<string>();

/** The throw-away cluster of this run (one for every PostgreSQL benchmark), so an interrupted run can end it. */
let runCluster: PostgresCluster | null = null;

/**
 * A fresh PostgreSQL 15 cluster in a temp folder with the durability of a real deployment: fsync on and
 * synchronous_commit on (PostgreSQL's defaults; startPostgresCluster only turns fsync off when asked).
 */
export async function startBenchPostgres(): Promise<PostgresCluster> {
  const cluster = await startPostgresCluster({ fsync: true });
  runCluster = cluster;
  return {
    ...cluster,
    get port() {
      return cluster.port;
    },
    destroy: async () => {
      await cluster.destroy();
      runCluster = null;
    },
  };
}

/** For the runner's exit path only: removes nodes' data folders; ends the run's PostgreSQL at once (SIGQUIT, an immediate stop) and removes it. */
export function abandonBenchPostgres(): void {
  for (const dir of nodeDirs) rmSync(dir, { recursive: true, force: true });
  nodeDirs.clear();
  const cluster = runCluster;
  if (!cluster) return;
  runCluster = null;
  const pidFile = join(cluster.dir, 'data', 'postmaster.pid');
  try {
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // Already gone.
  }
  rmSync(cluster.dir, { recursive: true, force: true });
}

/** fsync and synchronous_commit as the server reports them, for the notes: the figures mean nothing without them. */
export async function durabilitySettings(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const show = async (name: string) =>
      ((await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0] ?? {})[name] ?? '?';
    return `fsync=${await show('fsync')}, synchronous_commit=${await show('synchronous_commit')}, wal_sync_method=${await show('wal_sync_method')}`;
  } finally {
    await client.end();
  }
}

export interface PgTokens {
  token(name: string): string;
  readonly alertmanagerToken: string;
}

/** Users' tokens and an Alertmanager token made in the database, as `warroom-hub token create --database` does. */
export async function createPgTokens(databaseUrl: string, users: readonly BenchUser[]): Promise<PgTokens> {
  const store = await openPostgresStore(databaseUrl, () => Date.now());
  try {
    const tokens = new Map<string, string>();
    for (const user of users) tokens.set(user.name, (await store.users.createToken(user.name, user.role)).token);
    const alertmanagerToken = (await store.integrations.create('alertmanager')).token;
    return {
      alertmanagerToken,
      token: (name) => {
        const token = tokens.get(name);
        if (!token) throw new Error(`no bench user ${name}`);
        return token;
      },
    };
  } finally {
    await store.close();
  }
}

/** One `warroom-hub serve --database` process with a data folder of its own (nothing of the hub's state is in it). */
export interface PgNode extends ServerProcess {
  /** Stops the process and removes its data folder. */
  dispose(): Promise<void>;
}

/**
 * `warroom-hub serve --port 0 --database URL --no-local-token` as its own process, with the bench's raised command
 * limits; resolves once it listens (it has rebuilt its state from the checkpoint and the log by then).
 */
export async function startPgNode(
  databaseUrl: string,
  nodeArgs: readonly string[] = [],
  startTimeoutMs = 10 * 60_000,
): Promise<PgNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warroom-bench-node-'));
  nodeDirs.add(dataDir);
  try {
    const server = await startServerProcess(
      CLI,
      ['serve', '--port', '0', '--data', dataDir, '--database', databaseUrl, '--no-local-token'],
      'Warroom hub on',
      { nodeArgs, env: BENCH_LIMITS_ENV, startTimeoutMs },
    );
    return {
      ...server,
      dispose: async () => {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
        nodeDirs.delete(dataDir);
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    nodeDirs.delete(dataDir);
    throw error;
  }
}

/**
 * `count` nodes on one database, started one after another (the first migrates it; the others would wait on its
 * advisory lock anyway). Clients are spread over them directly, each node's URL in turn.
 */
export async function startPgNodes(
  databaseUrl: string,
  count: number,
  nodeArgs: readonly string[],
  deadline: Deadline,
): Promise<PgNode[]> {
  const nodes: PgNode[] = [];
  try {
    for (let i = 0; i < count; i++) {
      deadline.check();
      nodes.push(await startPgNode(databaseUrl, nodeArgs));
    }
    return nodes;
  } catch (error) {
    await Promise.all(nodes.map((n) => n.dispose()));
    throw error;
  }
}

/** Which node the i-th client connects to: round-robin, so every node gets the same number of clients (or one more). */
export function nodeFor(i: number, count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new Error(`cannot deal clients over ${count} nodes`);
  return i % count;
}

/**
 * CPU time (ms) used so far by the cluster's server processes (the postmaster and its children: backends, WAL
 * writer, checkpointer), from /proc; null elsewhere. Processes that ended before the call are not counted.
 */
export function postgresCpuMs(cluster: PostgresCluster): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const postmaster = Number(readFileSync(join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    let total = cpuMsOf(postmaster) ?? 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === postmaster) total += cpuMsOf(Number(entry)) ?? 0;
      } catch {
        // The process ended while we looked.
      }
    }
    return total;
  } catch {
    return null;
  }
}
