import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropPostgresDatabase, freshPostgresDatabase } from '../../hub/test/support/postgres.js';
import { appendSuiteLog, recordSecrets } from '../../hub/test/support/suite-logs.js';
import { e2eStore } from './e2e-store.js';

const CLI = fileURLToPath(new URL('../../dist/hub/cli.js', import.meta.url));

export type HubRole = 'admin' | 'responder' | 'viewer';

/** A real `warroom-hub serve` process on its own data folder; stopped and restarted on the same port. */
export interface E2eHub {
  readonly dataDir: string;
  /** http://127.0.0.1:<port>; the same across restarts. */
  readonly url: string;
  readonly port: number;
  /** The token created for this user before the hub started. */
  token(user: string): string;
  /** A webhook token for a monitoring tool (`token create --integration`), made on first use beside the running hub. */
  integrationToken(source: 'alertmanager' | 'grafana' | 'datadog' | 'sentry' | 'generic', secret?: string): string;
  /** Runs a `warroom-hub` command on this hub's data (token revoke, user role…), as an admin would beside it. */
  cli(args: readonly string[]): string;
  /** SIGTERM, as an operator would; resolves when the process has exited. */
  stop(): Promise<void>;
  /** Starts the hub again on the same data folder and port. */
  restart(): Promise<void>;
  /** GET a JSON endpoint of the hub's HTTP API as `user`. */
  api<T>(path: string, user: string): Promise<T>;
  /** The `msg` of every log line the hub process wrote so far (pino JSON on stdout), across restarts. */
  logMessages(): string[];
  dispose(): Promise<void>;
}

/** Creates the users' tokens with the CLI (before the hub runs, as an admin would), then starts the hub. */
/** `env`: extra environment for the hub process, e.g. lifted rate limits for a test that seeds thousands of commands. */
export async function startE2eHub(
  users: ReadonlyArray<{ name: string; role: HubRole }>,
  options: { env?: Readonly<Record<string, string>> } = {},
): Promise<E2eHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warroom-e2e-'));
  // On PostgreSQL every command of this hub (serve, token create) names its own fresh database.
  const databaseUrl = e2eStore() === 'postgres' ? await freshPostgresDatabase('e2e') : undefined;
  const storeEnv: Record<string, string> = databaseUrl ? { WARROOM_DATABASE_URL: databaseUrl } : {};
  const env = { ...options.env, ...storeEnv };
  const tokens = new Map<string, string>();
  const integrationTokens = new Map<string, string>();
  for (const { name, role } of users) {
    const out = execFileSync(
      process.execPath,
      [CLI, 'token', 'create', '--user', name, '--role', role, '--data', dataDir],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...storeEnv },
      },
    );
    tokens.set(name, out.trim());
    recordSecrets(out.trim());
  }
  const logged: string[] = [];
  const serve = (dir: string, port: number, extra: Readonly<Record<string, string>>) =>
    serveHub(dir, port, extra, (chunk) => logged.push(chunk));
  let running: Serving | null = await serve(dataDir, 0, env);
  const { url, port } = running;

  const stop = async () => {
    const current = running;
    running = null;
    if (current) await current.stop();
  };

  return {
    dataDir,
    url,
    port,
    token: (user) => {
      const token = tokens.get(user);
      if (!token) throw new Error(`no token made for ${user}`);
      return token;
    },
    integrationToken: (source, secret) => {
      const known = integrationTokens.get(source);
      if (known) return known;
      const args = ['token', 'create', '--integration', source, ...(secret ? ['--secret', secret] : [])];
      const out = execFileSync(process.execPath, [CLI, ...args, '--data', dataDir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...storeEnv },
      });
      integrationTokens.set(source, out.trim());
      recordSecrets(out.trim(), secret);
      return out.trim();
    },
    cli: (args) =>
      execFileSync(process.execPath, [CLI, ...args, '--data', dataDir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...storeEnv },
      }),
    stop,
    restart: async () => {
      await stop();
      running = await serve(dataDir, port, env);
    },
    api: async <T>(path: string, user: string): Promise<T> => {
      const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${tokens.get(user) ?? ''}` } });
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    logMessages: () => messagesOf(logged.join('')),
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl) await dropPostgresDatabase(databaseUrl);
    },
  };
}

interface Serving {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The `msg` of each JSON log line (lines that are not JSON are left out). */
function messagesOf(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      const msg = typeof parsed === 'object' && parsed !== null ? (parsed as { msg?: unknown }).msg : undefined;
      return typeof msg === 'string' ? [msg] : [];
    } catch {
      return [];
    }
  });
}

/** Spawns `serve` and resolves once it prints `Warroom hub on http://…` on stderr. */
function serveHub(
  dataDir: string,
  port: number,
  env: Readonly<Record<string, string>>,
  onLog: (chunk: string) => void,
): Promise<Serving> {
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'serve', '--port', String(port), '--data', dataDir, '--no-local-token'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WARROOM_LOG_LEVEL: 'debug', ...env } },
  );
  // Its logs go to the run's logs, checked for secrets after the run (hub/test/support/suite-logs.ts).
  child.stdout?.on('data', (chunk: Buffer) => {
    appendSuiteLog(`e2e-hub-${child.pid ?? 'x'}`, chunk.toString());
    onLog(chunk.toString());
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`hub did not start in 20 s: ${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /Warroom hub on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        port: Number(new URL(url).port),
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before listening: ${stderr}`));
    });
  });
}
