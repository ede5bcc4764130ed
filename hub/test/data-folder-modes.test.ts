import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureLocalAdminToken } from '../auth/local-token.js';
import { startHub } from '../hub.js';
import { createLogger } from '../log.js';
import { openHubStore } from '../store/open-store.js';
import { GENEROUS_LIMITS } from './support/limits.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './support/postgres.js';
import { appendSuiteLog, recordSecrets } from './support/suite-logs.js';

const CLI = fileURLToPath(new URL('../../dist/hub/cli.js', import.meta.url));
const SENTRY_SECRET = 'modes-test-sentry-client-secret';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** The folder's mode and each file's, by name. */
function modes(dir: string): Record<string, number> {
  const found: Record<string, number> = { '.': modeOf(dir) };
  for (const name of readdirSync(dir)) found[name] = modeOf(join(dir, name));
  return found;
}

/** A logger that keeps its lines (and adds them to the run's logs, checked for secrets afterwards). */
function keptLogs() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    {
      write: (line: string) => {
        lines.push(JSON.parse(line) as Record<string, unknown>);
        appendSuiteLog(`modes-${process.pid}`, line);
      },
    },
    'debug',
  );
  const fixes = () =>
    lines
      .filter((l) => l.msg === 'data folder: group or others could read this; made it private')
      .map(({ path, oldMode, newMode }) => ({ path, oldMode, newMode }));
  return { logger, fixes };
}

describe('the data folder is 0700 and every file in it 0600', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'warroom-modes-'));
    // The most permissive umask there is: the modes must come from the hub, not from the environment.
    umask = process.umask(0o000);
    recordSecrets(SENTRY_SECRET);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates them so: the SQLite file and its -wal and -shm, the secrets key, the local admin token', async () => {
    const dataDir = join(root, 'warroom-hub');
    const hub = await startHub({ dataDir, port: 0, limits: GENEROUS_LIMITS });
    try {
      await hub.hubStore.integrations.create('sentry', SENTRY_SECRET);
      await ensureLocalAdminToken(dataDir, hub.users);
      expect(modes(dataDir)).toEqual({
        '.': 0o700,
        'warroom.sqlite': 0o600,
        'warroom.sqlite-wal': 0o600,
        'warroom.sqlite-shm': 0o600,
        'secrets.key': 0o600,
        'local-admin.token': 0o600,
      });
    } finally {
      await hub.close();
    }
  });

  it('fixes a folder and files an older hub left 0755 and 0644, and logs each with its old and new mode', async () => {
    const dataDir = join(root, 'older');
    const first = await startHub({ dataDir, port: 0, limits: GENEROUS_LIMITS });
    await first.hubStore.integrations.create('sentry', SENTRY_SECRET);
    await ensureLocalAdminToken(dataDir, first.users);
    await first.close();
    writeFileSync(join(dataDir, 'review-gate.json'), '{ "severities": ["SEV-1"] }\n');
    writeFileSync(join(dataDir, 'warroom.sqlite-wal'), '');
    const files = readdirSync(dataDir);
    for (const name of files) chmodSync(join(dataDir, name), 0o644);
    chmodSync(dataDir, 0o755);

    const { logger, fixes } = keptLogs();
    const hub = await startHub({ dataDir, port: 0, limits: GENEROUS_LIMITS, logger });
    try {
      expect(modes(dataDir)).toEqual(
        Object.fromEntries([['.', 0o700], ...readdirSync(dataDir).map((name) => [name, 0o600])]),
      );
      expect(fixes()).toEqual(
        expect.arrayContaining([
          { path: dataDir, oldMode: '0755', newMode: '0700' },
          ...files.map((name) => ({ path: join(dataDir, name), oldMode: '0644', newMode: '0600' })),
        ]),
      );
      expect(fixes()).toHaveLength(files.length + 1);
    } finally {
      await hub.close();
    }
  });

  it('fixes the data folder of a PostgreSQL node too, and makes none where there is none', async () => {
    const url = await freshPostgresDatabase('modes');
    try {
      const dataDir = join(root, 'node');
      mkdirSync(dataDir, { mode: 0o755 });
      writeFileSync(join(dataDir, 'severity-mapping.json'), '{}', { mode: 0o644 });
      const { logger, fixes } = keptLogs();
      await (await openHubStore({ dataDir, databaseUrl: url }, Date.now, logger)).close();
      expect(modes(dataDir)).toEqual({ '.': 0o700, 'severity-mapping.json': 0o600 });
      expect(fixes()).toHaveLength(2);
      await (await openHubStore({ dataDir: join(root, 'none'), databaseUrl: url }, Date.now)).close();
      expect(readdirSync(root)).toEqual(['node']);
    } finally {
      await dropPostgresDatabase(url);
    }
  });

  it('`warroom-hub start` makes its log file 0600 too', async () => {
    const dataDir = join(root, 'desktop');
    // The umask is inherited by the child. No Electron binary, so the hub stays up and prints a sign-in link.
    const child = spawn(process.execPath, [CLI, 'start', '--port', '0', '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(root, 'no-electron-here') },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let text = '';
        child.stderr.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('Ctrl+C')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)));
      });
      expect(modes(dataDir)).toMatchObject({ '.': 0o700, 'hub.log': 0o600, 'local-admin.token': 0o600 });
      expect(Object.values(modes(dataDir)).filter((mode) => mode !== 0o600 && mode !== 0o700)).toEqual([]);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
