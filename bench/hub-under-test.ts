import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserRole } from '../shared/domain/authorize.js';
import { databaseFile } from '../hub/data-dir.js';
import { LIMIT_ENV } from '../hub/limits/limits.js';
import type { HubStore } from '../hub/store/hub-store.js';
import { openSqliteStore } from '../hub/store/sqlite/open-sqlite.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** The hub's own build (`npm run build`), not the copy compiled with the benchmark. */
const CLI = fileURLToPath(new URL('../../hub/cli.js', import.meta.url));

export interface BenchUser {
  readonly name: string;
  readonly role: UserRole;
}

export interface BenchHub extends ServerProcess {
  readonly dataDir: string;
  /** The token made for each user, by name. */
  token(name: string): string;
  /** The Alertmanager integration's webhook token. */
  readonly alertmanagerToken: string;
  /** Starts the hub again on the same data folder (a new process, state rebuilt from the log). */
  restart(): Promise<BenchHub>;
  /** Stops the hub and removes its data folder. */
  dispose(): Promise<void>;
}

/**
 * The per-connection command rate limit (default: 100 at once, then 20 a second) and the bytes per token (4 MiB at
 * once, then 64 KiB a second) raised out of the way: the benchmarks measure what the hub can do, and one client here
 * stands for many people (the throughput benchmark's 50 clients at the default rate could send 1,000 commands a
 * second at most; the memory benchmark's writer sends megabytes). Connections per token keep their default: every
 * fleet client has a token of its own.
 */
export const BENCH_LIMITS_ENV: Readonly<Record<string, string>> = {
  [LIMIT_ENV.commandBurst]: '1000000',
  [LIMIT_ENV.commandsPerSecond]: '1000000',
  [LIMIT_ENV.commandByteBurst]: String(1024 ** 3),
  [LIMIT_ENV.commandBytesPerSecond]: String(1024 ** 3),
};

/** Data folders of hubs not yet disposed, so an interrupted run leaves none behind. */
const dataDirs = new Set<string>();

/** Removes the data folders of hubs that were not disposed: for the runner's exit path only (after killStrays). */
export function removeStrayDataDirs(): void {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  dataDirs.clear();
}

/** `count` viewers named viewer-0001…: the fleet's people. */
export function viewers(count: number): BenchUser[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `viewer-${String(i + 1).padStart(4, '0')}`,
    role: 'viewer',
  }));
}

/**
 * A data folder with these users' tokens and an Alertmanager token, made with the same stores the CLI's
 * `token create` uses (in this process instead of a process per token), then `warroom-hub serve --port 0
 * --no-local-token` on it: the hub under test runs as its own process, as in production, with its default log level.
 * `nodeArgs` go to node before the script (`--profile` passes --cpu-prof). `fill` writes to the store before the hub
 * starts (a long log, faster than through commands). `env` adds to the hub's environment (alert-to-email: its SMTP
 * server).
 */
export async function startBenchHub(
  users: readonly BenchUser[],
  nodeArgs: readonly string[] = [],
  fill?: (store: HubStore) => Promise<void>,
  env: Readonly<Record<string, string>> = {},
): Promise<BenchHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warroom-bench-'));
  dataDirs.add(dataDir);
  try {
    const tokens = new Map<string, string>();
    const store = openSqliteStore(databaseFile(dataDir), () => Date.now());
    let alertmanagerToken: string;
    try {
      for (const user of users) tokens.set(user.name, (await store.users.createToken(user.name, user.role)).token);
      alertmanagerToken = (await store.integrations.create('alertmanager')).token;
      await fill?.(store);
    } finally {
      await store.close();
    }
    return await serveOn(dataDir, tokens, alertmanagerToken, nodeArgs, env);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    dataDirs.delete(dataDir);
    throw error;
  }
}

async function serveOn(
  dataDir: string,
  tokens: Map<string, string>,
  alertmanagerToken: string,
  nodeArgs: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<BenchHub> {
  const server = await startServerProcess(
    CLI,
    ['serve', '--port', '0', '--data', dataDir, '--no-local-token'],
    'Warroom hub on',
    // A hub rebuilds its state from the whole log before it listens: 500,000 events take a while.
    { nodeArgs, env: { ...BENCH_LIMITS_ENV, ...env }, startTimeoutMs: 10 * 60_000 },
  );
  return {
    ...server,
    dataDir,
    alertmanagerToken,
    token: (name) => {
      const token = tokens.get(name);
      if (!token) throw new Error(`no bench user ${name}`);
      return token;
    },
    restart: async () => {
      await server.stop();
      return serveOn(dataDir, tokens, alertmanagerToken, nodeArgs, env);
    },
    dispose: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      dataDirs.delete(dataDir);
    },
  };
}
