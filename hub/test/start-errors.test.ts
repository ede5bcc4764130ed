import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { databaseFile } from '../data-dir.js';
import { openHubStore } from '../store/open-store.js';

const CLI = fileURLToPath(new URL('../../dist/hub/cli.js', import.meta.url));

/**
 * Runs the built CLI (optionally under `wrapper`: runuser, unshare) and waits for it to end. A hub that starts
 * after all would run forever: the timeout ends it, and the test fails on its exit code.
 */
function runCli(args: readonly string[], wrapper: readonly string[] = []) {
  const [command = process.execPath, ...rest] = [...wrapper, process.execPath, CLI, ...args];
  const result = spawnSync(command, rest, {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' },
  });
  return { code: result.status, stderr: result.stderr };
}

/** What a failed start printed: one line, the explanation, no stack trace. */
function expectExplained(result: { code: number | null; stderr: string }, message: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected it to fail');
}

/** Whether a command works here; if not, the test says why it is skipped instead of passing quietly. */
function canRun(context: TestContext, command: readonly string[], why: string): boolean {
  const [name = '', ...args] = command;
  const probe = spawnSync(name, args, { encoding: 'utf8' });
  if (probe.status === 0) return true;
  const reason = `SKIPPED ${context.task.name}: ${why} (${[name, ...args].join(' ')}: ${probe.error?.message ?? probe.stderr.trim()})`;
  console.warn(reason);
  context.skip(reason);
  return false;
}

describe('a hub that cannot use its data folder says which path and why', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'warroom-start-errors-'));
  });
  afterEach(() => {
    spawnSync('chattr', ['-R', '-i', root]);
    rmSync(root, { recursive: true, force: true });
  });

  it('a data folder below a file (ENOTDIR): the store, serve and start', async () => {
    writeFileSync(join(root, 'a-file'), '');
    const dataDir = join(root, 'a-file', 'data');
    const error = await rejection(openHubStore({ dataDir }, Date.now));
    expect(error.message).toBe(
      `Cannot open the hub's data folder ${dataDir}: part of that path is a file, not a folder (ENOTDIR). ` +
        'Give --data (or WARROOM_DATA) a folder, or a path where one can be made.',
    );
    const folder = dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // serve reads review-gate.json before the store opens; start makes its log file first: each says the same.
    expectExplained(
      runCli(['serve', '--port', '0', '--data', dataDir]),
      new RegExp(
        `^warroom-hub: Cannot open the hub's data folder ${folder}: part of that path is a file, not a folder \\(ENOTDIR`,
      ),
    );
    expectExplained(
      runCli(['start', '--port', '0', '--data', dataDir]),
      new RegExp(`^warroom-hub: Cannot open the hub's data folder ${folder}: part of that path is a file`),
    );
  });

  it('an immutable folder (chattr +i; root ignores permission bits, not this): EPERM', async (context) => {
    const empty = join(root, 'empty');
    const used = join(root, 'used');
    mkdirSync(empty);
    await (await openHubStore({ dataDir: used }, Date.now)).close();
    if (!canRun(context, ['chattr', '+i', empty, used], 'chattr cannot make a folder immutable here')) return;
    // No SQLite file yet: making it fails. A SQLite file already there: SQLite cannot make its -wal beside it.
    for (const dataDir of [empty, used]) {
      const error = await rejection(openHubStore({ dataDir }, Date.now));
      expect(error.message).toMatch(
        new RegExp(
          `^Cannot open the hub's data folder ${dataDir}: changes there are not permitted: it may be immutable, or belong to another user \\(EPERM.*\\)\\. lsattr -d`,
        ),
      );
    }
  });

  it('a folder the user the hub runs as may not enter or write (EACCES), run as nobody', (context) => {
    if (!canRun(context, ['runuser', '-u', 'nobody', '--', process.execPath, '--version'], 'cannot run as nobody'))
      return;
    const asNobody = ['runuser', '-u', 'nobody', '--'];
    // root's temporary folder is 0700: nobody cannot even look inside (review-gate.json is read first).
    const hidden = join(root, 'data');
    expectExplained(
      runCli(['serve', '--port', '0', '--data', hidden], asNobody),
      new RegExp(
        `^warroom-hub: Cannot open the hub's data folder ${hidden}: permission denied \\(EACCES at ${hidden}/review-gate.json\\)\\. The hub runs as nobody`,
      ),
    );
    // A folder nobody may read but not write: the SQLite file cannot be made.
    chmodSync(root, 0o755);
    mkdirSync(hidden, { mode: 0o755 });
    expectExplained(
      runCli(['serve', '--port', '0', '--data', hidden], asNobody),
      new RegExp(
        `^warroom-hub: Cannot open the hub's data folder ${hidden}: permission denied \\(EACCES at ${databaseFile(hidden)}\\)`,
      ),
    );
  });

  describe('in a mount namespace of their own (a read-only and a full file system)', () => {
    /** Mounts a tmpfs made ready by `script` (on $M) where only the CLI sees it, then runs the CLI on it. */
    const run = (context: TestContext, script: string, dataDir: (mountpoint: string) => string) => {
      if (!canRun(context, ['unshare', '--mount', '--map-root-user', 'true'], 'cannot make a mount namespace here'))
        return undefined;
      const mountpoint = join(root, 'mnt');
      mkdirSync(mountpoint);
      const prepare = `M='${mountpoint}'\n${script}\nexec "$@"`;
      const wrapper = ['unshare', '--mount', '--map-root-user', 'sh', '-ec', prepare, 'sh'];
      return runCli(['serve', '--port', '0', '--data', dataDir(mountpoint)], wrapper);
    };

    it('a read-only file system (EROFS)', (context) => {
      const result = run(context, 'mount -t tmpfs -o size=1m tmpfs $M\nmkdir $M/data\nmount -o remount,ro $M', (m) =>
        join(m, 'data'),
      );
      if (!result) return;
      expectExplained(
        result,
        /^warroom-hub: Cannot open the hub's data folder \S+\/mnt\/data: it is on a read-only file system \(EROFS at \S+warroom\.sqlite\)\. Remount it read-write\./,
      );
    });

    it('a full disk (SQLITE_FULL or ENOSPC)', (context) => {
      const result = run(
        context,
        'mount -t tmpfs -o size=256k tmpfs $M\ndd if=/dev/zero of=$M/fill bs=4k 2>/dev/null || true',
        (m) => join(m, 'data'),
      );
      if (!result) return;
      expectExplained(
        result,
        /^warroom-hub: Cannot open the hub's (data folder|SQLite file) \S+\/mnt\/data\S*: the disk is full \((SQLITE_FULL|ENOSPC)[^)]*\)\. Free space on that disk/,
      );
    });
  });

  it('a SQLite file another process holds locked (SQLITE_BUSY), after the 5 s busy timeout', async () => {
    const dataDir = join(root, 'busy');
    await (await openHubStore({ dataDir }, Date.now)).close();
    const holder = new Database(databaseFile(dataDir));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const error = await rejection(openHubStore({ dataDir }, Date.now));
      expect(error.message).toMatch(
        new RegExp(
          `^Cannot open the hub's SQLite file ${databaseFile(dataDir)}: another process holds it locked \\(SQLITE_BUSY\\)\\. Only one hub may use a data folder`,
        ),
      );
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    await (await openHubStore({ dataDir }, Date.now)).close(); // and once it lets go, the store opens
  }, 20_000);
});
