import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres-cluster.js';

/** The documented configuration is the one under test; only its addresses change. */
const DOCUMENTED_CONFIG = fileURLToPath(new URL('../../../docs/haproxy.cfg', import.meta.url));
const NOT_INSTALLED = 'HAProxy is not installed (apt-get install haproxy); .ci/run installs it';
const START_TIMEOUT_MS = 10_000;
/** Enough of haproxy's output to explain a failure without keeping every request's log line. */
const OUTPUT_LIMIT = 16_000;

export interface HaproxyBackend {
  /** Server name, also its WARROOM_NODE cookie value. */
  readonly name: string;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
}

export interface HaproxyServerState {
  readonly name: string;
  /** As `show stat` says it: `UP`, `DOWN`, `UP 1/2` (going down), `DOWN 1/2` (coming up), `MAINT`, `no check`… */
  readonly status: string;
  /** HAProxy sends it traffic (UP, including while going down). */
  readonly up: boolean;
}

export interface RunningHaproxy {
  readonly url: string;
  readonly port: number;
  /** What haproxy printed so far (its alerts, warnings and request log), for error messages. */
  output(): string;
  /** Each server of the backend as haproxy's runtime API sees it. */
  serverState(): Promise<HaproxyServerState[]>;
  /** Resolves once haproxy's health checks put `name` in `state` (UP or DOWN). */
  waitForServer(name: string, state: 'UP' | 'DOWN', timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

function haproxyBinary(): string {
  if (existsSync('/usr/sbin/haproxy')) return '/usr/sbin/haproxy';
  const found = (process.env.PATH ?? '')
    .split(':')
    .map((dir) => join(dir, 'haproxy'))
    .find((path) => existsSync(path));
  if (!found) throw new Error(NOT_INSTALLED);
  return found;
}

/**
 * The documented file with its frontend bound to `port`, its servers replaced by `backends` (with the documented
 * server options, the cookie set to each name) and an admin stats socket added for the runtime API.
 */
export function testConfig(
  documented: string,
  port: number,
  backends: readonly HaproxyBackend[],
  socket: string,
): string {
  const lines = documented.split('\n');
  const binds = lines.filter((line) => /^\s*bind\s/.test(line));
  const servers = lines.filter((line) => /^\s*server\s/.test(line));
  if (binds.length !== 1 || servers.length === 0)
    throw new Error(`docs/haproxy.cfg should have one bind and some server lines; found ${binds.length} binds`);
  const server = /^(\s*)server\s+\S+\s+\S+(.*)$/.exec(servers[0] ?? '');
  if (!server || !/\scookie\s+\S+/.test(server[2] ?? ''))
    throw new Error(`docs/haproxy.cfg: cannot read the server options (with a cookie) from: ${servers[0]}`);
  const indent = server[1] ?? '';
  const options = server[2] ?? '';
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s*bind\s/.test(line)) out.push(line.replace(/bind\s+\S+/, `bind 127.0.0.1:${port}`));
    else if (line === servers[0])
      for (const { name, url } of backends) {
        const { hostname, port: backendPort } = new URL(url);
        out.push(
          `${indent}server ${name} ${hostname}:${backendPort}${options.replace(/cookie\s+\S+/, `cookie ${name}`)}`,
        );
      }
    else if (/^\s*server\s/.test(line)) continue;
    else {
      out.push(line);
      // Not in the documented file: where an admin socket belongs is each deployment's business.
      if (/^global\s*$/.test(line)) out.push(`    stats socket ${socket} mode 600 level admin`);
    }
  }
  return out.join('\n');
}

/** Sends one command to haproxy's runtime API and returns its whole answer (it closes after answering). */
function runtimeApi(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const connection = connect(socket, () => connection.end(`${command}\n`));
    connection.setEncoding('utf8');
    connection.setTimeout(5000, () => connection.destroy(new Error(`haproxy runtime API: no answer to ${command}`)));
    connection.on('data', (chunk: string) => (answer += chunk));
    connection.once('error', reject);
    connection.once('close', () => resolve(answer));
  });
}

function acceptsTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Runs docs/haproxy.cfg in front of `backends` on a free port, in the foreground (-db: no daemon, so the child
 * process is haproxy itself and killing it ends it; no -W master-worker either, since tests never reload).
 */
export async function startHaproxy(backends: readonly HaproxyBackend[]): Promise<RunningHaproxy> {
  const binary = haproxyBinary();
  const dir = await mkdtemp(join(tmpdir(), 'warroom-haproxy-'));
  const socket = join(dir, 'admin.sock');
  const configFile = join(dir, 'haproxy.cfg');
  const port = await freePort();
  await writeFile(configFile, testConfig(await readFile(DOCUMENTED_CONFIG, 'utf8'), port, backends, socket));

  const child = spawn(binary, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exitCode: number | string | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal;
      resolve();
    });
    // A process that could not be spawned emits no 'exit'.
    child.once('error', (error) => {
      output += `\n${error.message}`;
      exitCode ??= error.message;
      resolve();
    });
  });

  const stop = async () => {
    if (exitCode === undefined) {
      // SIGTERM is haproxy's hard stop: it closes every connection at once, which is what a test wants.
      child.kill('SIGTERM');
      const stuck = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(stuck);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await acceptsTcp(port))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      const why = exitCode !== undefined ? `exited with ${exitCode}` : `did not listen within ${START_TIMEOUT_MS} ms`;
      await stop();
      throw new Error(`haproxy ${why} on 127.0.0.1:${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }

  const serverState = async (): Promise<HaproxyServerState[]> => {
    const csv = await runtimeApi(socket, 'show stat');
    const [header, ...rows] = csv.trim().split('\n');
    const columns = (header ?? '').replace(/^# /, '').split(',');
    const at = (name: string) => columns.indexOf(name);
    return rows
      .map((row) => row.split(','))
      .filter((cells) => cells[at('type')] === '2') // 2: a server (0 frontend, 1 backend)
      .map((cells) => {
        const status = cells[at('status')] ?? '';
        return { name: cells[at('svname')] ?? '', status, up: status.startsWith('UP') };
      });
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    serverState,
    async waitForServer(name, state, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        // Its stats socket may appear a moment after the frontend listens (a busy machine): not there yet is "not yet".
        const servers = await serverState().catch((error: unknown) => {
          if (Date.now() > until) throw error;
          return null;
        });
        const server = servers?.find((s) => s.name === name);
        if (servers && !server) throw new Error(`haproxy has no server ${name}`);
        if (server?.status === state) return;
        if (Date.now() > until)
          throw new Error(`haproxy still reports ${name} as ${server?.status ?? 'unknown'}, not ${state}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop,
  };
}
