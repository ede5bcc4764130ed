import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../data-dir.js';
import { declare } from '../../test/support/commands.js';
import { runCliProcess, runCliResult, startHubProcess, type HubProcess } from '../../test/support/hub-process.js';
import { connectClient, uid, type TestClient } from '../../test/support/test-client.js';

const CLI = fileURLToPath(new URL('../../../dist/hub/cli.js', import.meta.url));

/** The built CLI without blocking this process (runCliProcess would): the client keeps sending meanwhile. */
function runCliAsync(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 1000) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function readLog(file: string): { seq: number; body: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT seq, body FROM events ORDER BY seq').all() as { seq: number; body: string }[];
  } finally {
    db.close();
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('warroom-hub backup of a running SQLite hub', () => {
  it('copies a consistent prefix of the live log while commands stream in, and the copy restores', async () => {
    const dataDir = tempDir('warroom-backup-live-');
    const target = join(tempDir('warroom-backup-out-'), 'warroom-backup.sqlite');
    const token = runCliProcess(['token', 'create', '--user', 'ana', '--role', 'responder', '--data', dataDir]);
    const hub: HubProcess = await startHubProcess(dataDir, ['--no-local-token']);
    cleanups.push(() => hub.stop());
    const client: TestClient = await connectClient(hub.url, token);
    cleanups.push(() => client.close());
    const { incidentId } = await declare(client, { severity: 'SEV-1', title: 'Checkout errors' });

    // Four lanes of commands, each waiting for its ack before the next, until told to stop.
    let highestAcked = 0;
    let stop = false;
    const lanes = [0, 1, 2, 3].map(async (lane) => {
      for (let i = 0; !stop; i++) {
        const ack = await client.send('tried.add', incidentId, { entryId: uid(), what: `lane ${lane}, try ${i}` });
        if (!ack.ok) throw new Error(`refused: ${ack.error.message}`);
        highestAcked = Math.max(highestAcked, ack.seq);
      }
    });
    await until(() => highestAcked >= 100, '100 commands');
    const ackedBefore = highestAcked;
    const backup = await runCliAsync(['backup', '--to', target, '--data', dataDir]);
    const ackedAfter = highestAcked;
    await until(() => highestAcked >= ackedAfter + 20, 'the log to go on past the backup');
    stop = true;
    await Promise.all(lanes);

    expect(backup.code).toBe(0);
    expect(backup.stderr).toMatch(/^Backed up .*warroom\.sqlite to .*warroom-backup\.sqlite \(\d+ pages\)/);
    expect(ackedAfter).toBeGreaterThan(ackedBefore); // the hub kept committing while the backup ran

    const backedUp = readLog(target);
    const head = backedUp.length;
    const oneToHead = Array.from({ length: head }, (_, i) => i + 1);
    expect(backedUp.map((e) => e.seq)).toEqual(oneToHead);
    expect(head).toBeGreaterThanOrEqual(ackedBefore); // everything acked before the backup began is in it
    const copy = new Database(target, { readonly: true });
    const live = new Database(databaseFile(dataDir), { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('user_version', { simple: true })).toBe(live.pragma('user_version', { simple: true }));
      // Every command in the copy is whole, and every event in it belongs to one: nothing half-written.
      const commands = copy.prepare('SELECT first_seq, last_seq FROM commands').all() as {
        first_seq: number;
        last_seq: number;
      }[];
      const covered = commands.flatMap((c) =>
        Array.from({ length: c.last_seq - c.first_seq + 1 }, (_, i) => c.first_seq + i),
      );
      expect(covered.sort((a, b) => a - b)).toEqual(oneToHead);
    } finally {
      copy.close();
      live.close();
    }
    const liveLog = readLog(databaseFile(dataDir));
    expect(liveLog.length).toBeGreaterThan(head);
    expect(liveLog.slice(0, head)).toEqual(backedUp);

    // Restore: stop the hub, put the copy in place as warroom.sqlite, start; clients reconnect and go on.
    client.close();
    await hub.stop();
    const restoredDir = tempDir('warroom-backup-restored-');
    copyFileSync(target, databaseFile(restoredDir));
    const restored = await startHubProcess(restoredDir, ['--no-local-token']);
    cleanups.push(() => restored.stop());
    const again = await connectClient(restored.url, token);
    cleanups.push(() => again.close());
    expect(again.welcome.head).toBe(head);
    expect(again.replica.state.seq).toBe(head);
    expect(again.replica.state.incidents[incidentId]?.title).toBe('Checkout errors');
    const ack = await again.send('tried.add', incidentId, { entryId: uid(), what: 'after the restore' });
    expect(ack).toEqual({ ok: true, seq: head + 1 });
  });

  it('sends PostgreSQL hubs to pg_dump, and never overwrites a file', () => {
    const dataDir = tempDir('warroom-backup-refuse-');
    const out = tempDir('warroom-backup-refuse-out-');
    runCliProcess(['token', 'create', '--user', 'ana', '--role', 'responder', '--data', dataDir]);

    const postgres = runCliResult([
      'backup',
      '--to',
      join(out, 'pg.sqlite'),
      '--database',
      'postgres://warroom:secret@127.0.0.1:5432/warroom',
    ]);
    expect(postgres.code).toBe(2);
    expect(postgres.stderr).toMatch(/backup is for SQLite hubs; back PostgreSQL up with pg_dump/);
    expect(existsSync(join(out, 'pg.sqlite'))).toBe(false);

    const existing = join(out, 'yesterday.sqlite');
    writeFileSync(existing, "yesterday's backup");
    const overwrite = runCliResult(['backup', '--to', existing, '--data', dataDir]);
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toMatch(/exists; backup never overwrites a file/);
    expect(readFileSync(existing, 'utf8')).toBe("yesterday's backup");

    const nowhere = runCliResult(['backup', '--to', join(out, 'none.sqlite'), '--data', out]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/no hub database at/);
  });
});
