import { execFile as execFileCallback } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, chmod, chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFile = promisify(execFileCallback);

const PG_BIN = '/usr/lib/postgresql/15/bin';
const NOT_INSTALLED = 'PostgreSQL 15 is not installed (apt-get install postgresql); .ci/run installs it';
/** pg_ctl's own wait (-t), and a little more for execFile's kill-switch around it. */
const WAIT_SECONDS = 60;
const STEP_TIMEOUT_MS = (WAIT_SECONDS + 10) * 1000;

export interface PostgresClusterOptions {
  /** Off makes commits cheaper, for throwaway clusters whose data need not survive an OS crash. Default true. */
  readonly fsync?: boolean;
}

export interface PostgresCluster {
  readonly port: number;
  /** The temp dir holding data/, socket/ and log. */
  readonly dir: string;
  /** `postgres://postgres@127.0.0.1:PORT/DB`; trust auth, so no password. */
  url(database?: string): string;
  /** Creates an empty database with a unique name (`prefix_<hex>`) and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts again on the same data dir and port; resolves once it accepts connections. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops (immediate) if running and deletes the temp dir. */
  destroy(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (free now; a race with another process is possible but rare). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Creates an empty database named `prefix_<random hex>` through the cluster's admin URL and returns the new
 * database's URL. The prefix goes into SQL, so only lower-case letters, digits and underscores are accepted.
 */
export async function createDatabaseAt(adminUrl: string, prefix = 'test'): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`bad database prefix ${JSON.stringify(prefix)}`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// PostgreSQL refuses to run as root; as root we drop to the postgres user, otherwise we already are someone else.
const asRoot = process.getuid?.() === 0;

async function pgUid(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await execFile('id', ['postgres'], { timeout: 5000 });
  const uid = /uid=(\d+)/.exec(stdout)?.[1];
  const gid = /gid=(\d+)/.exec(stdout)?.[1];
  if (uid === undefined || gid === undefined) throw new Error(`cannot read the postgres user's ids from: ${stdout}`);
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a PostgreSQL binary (as postgres when we are root), with a timeout, inside `cwd`. */
async function runPg(binary: string, args: readonly string[], cwd: string): Promise<string> {
  const [file, fullArgs] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]]
    : [join(PG_BIN, binary), [...args]];
  try {
    const { stdout, stderr } = await execFile(file, fullArgs, { cwd, timeout: STEP_TIMEOUT_MS, encoding: 'utf8' });
    return `${stdout}${stderr}`;
  } catch (error) {
    const e = error as { message: string; stdout?: string; stderr?: string; killed?: boolean };
    const output = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim();
    throw new Error(`${binary} ${args.join(' ')} failed${e.killed ? ' (timed out)' : ''}: ${output || e.message}`);
  }
}

async function logTail(path: string, lines = 30): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '(no server log)');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A throwaway PostgreSQL 15 cluster on 127.0.0.1 in a fresh temp dir: initdb, then pg_ctl start. Call `destroy()`
 * when done; a killed test run leaves the server running (its temp dir says which).
 */
export async function startPostgresCluster(options: PostgresClusterOptions = {}): Promise<PostgresCluster> {
  try {
    await access(join(PG_BIN, 'initdb'), constants.X_OK);
  } catch {
    throw new Error(NOT_INSTALLED);
  }
  const dir = await mkdtemp(join(tmpdir(), 'warroom-pg-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'socket');
  const log = join(dir, 'log');
  let running = false;
  let port = 0;

  const serverOptions = () =>
    [
      '-c listen_addresses=127.0.0.1',
      `-p ${port}`,
      // pg_ctl passes -o through /bin/sh; mkdtemp names have no quotes, so single quotes suffice.
      `-k '${socket}'`,
      `-c fsync=${options.fsync === false ? 'off' : 'on'}`,
      // Many test files, each with a pool, share one cluster.
      '-c max_connections=300',
      '-c shared_buffers=64MB',
    ].join(' ');

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;

  const start = async (): Promise<void> => {
    try {
      await runPg(
        'pg_ctl',
        ['-D', data, '-w', '-t', String(WAIT_SECONDS), '-o', serverOptions(), '-l', log, 'start'],
        dir,
      );
    } catch (error) {
      throw new Error(`PostgreSQL did not start on port ${port}: ${(error as Error).message}\n${await logTail(log)}`);
    }
    running = true;
    // pg_ctl -w waits for "ready"; make sure the TCP listener answers a query before callers connect.
    const deadline = Date.now() + 10_000;
    while (!(await accepts(url()))) {
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL started but refuses connections on ${port}\n${await logTail(log)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    await runPg('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', String(WAIT_SECONDS), 'stop'], dir);
    running = false;
  };

  const destroy = async (): Promise<void> => {
    // The pid file also covers a stop or start that failed half-way.
    const pidFile = join(data, 'postmaster.pid');
    if (running || existsSync(pidFile)) {
      try {
        await stop('immediate');
      } catch {
        // Last resort so no postmaster outlives the run: SIGQUIT is PostgreSQL's immediate shutdown.
        const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
        try {
          if (pid > 0) process.kill(pid, 'SIGQUIT');
        } catch {
          // Already gone (a stale pid file).
        }
        running = false;
      }
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await mkdir(socket);
    if (asRoot) {
      const { uid, gid } = await pgUid();
      for (const path of [dir, socket]) await chown(path, uid, gid);
    }
    // mkdtemp makes 0700 dirs; the postgres user owns them now and nobody else needs in.
    await chmod(dir, 0o700);
    await runPg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions'], dir);
    // A port found free can be taken before postgres binds it; try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await start();
        break;
      } catch (error) {
        if (attempt >= 3 || !/could not (bind|create listen)/i.test((error as Error).message)) throw error;
      }
    }
  } catch (error) {
    await destroy().catch(() => {});
    throw error;
  }

  return {
    get port() {
      return port;
    },
    dir,
    url,
    createDatabase: (prefix) => createDatabaseAt(url(), prefix),
    stop,
    start,
    async restart() {
      await stop('fast');
      await start();
    },
    destroy,
  };
}
