import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreChange } from '../hub-store.js';
import { openDatabase, type Db } from './database.js';
import { SQLITE_CHANGE_POLL_MS, SqliteChangeWatch } from './sqlite-change-watch.js';

describe('SqliteChangeWatch', () => {
  const open: Db[] = [];
  let dir = '';
  afterEach(() => {
    vi.useRealTimers();
    open.splice(0).forEach((db) => db.close());
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("tells of another connection's write (the CLI's) within one poll, and of its own connection's never", () => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'warroom-watch-'));
    const file = join(dir, 'warroom.sqlite');
    const hub = openDatabase(file);
    const cli = openDatabase(file);
    open.push(hub, cli);
    const watch = new SqliteChangeWatch(hub);
    const seen: StoreChange[] = [];
    const stop = watch.watch((change) => seen.push(change));

    hub.prepare("UPDATE tokens SET revoked_at = 'x' WHERE id = 'none'").run();
    hub.prepare("INSERT INTO users (id, name, role, created_at) VALUES ('u1', 'ana', 'viewer', 'now')").run();
    vi.advanceTimersByTime(SQLITE_CHANGE_POLL_MS * 4);
    expect(seen).toEqual([]);

    cli.prepare("UPDATE users SET role = 'admin' WHERE id = 'u1'").run();
    vi.advanceTimersByTime(SQLITE_CHANGE_POLL_MS);
    expect(seen).toEqual(['tokens']);
    // The bound the docs promise: a revocation by the CLI is seen well within a second.
    expect(SQLITE_CHANGE_POLL_MS).toBeLessThanOrEqual(500);

    stop();
    cli.prepare("UPDATE users SET role = 'viewer' WHERE id = 'u1'").run();
    vi.advanceTimersByTime(SQLITE_CHANGE_POLL_MS * 4);
    expect(seen).toEqual(['tokens']);
  });
});
