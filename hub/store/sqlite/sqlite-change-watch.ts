import type { StoreChange } from '../hub-store.js';
import type { Db } from './database.js';

/**
 * How often the hub looks whether another process (the CLI: `token revoke`, `user role`) wrote the SQLite file.
 * A revoked person must stop reading within a second; `PRAGMA data_version` is a read of a counter, not of a table.
 */
export const SQLITE_CHANGE_POLL_MS = 250;

/**
 * StoreChange wake-ups for one SQLite file: this process's own token changes at once, other processes' writes by
 * polling `PRAGMA data_version` (it changes only when another connection committed). Polls only while watched.
 */
export class SqliteChangeWatch {
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private version = 0;

  constructor(
    private readonly db: Db,
    private readonly pollMs = SQLITE_CHANGE_POLL_MS,
  ) {}

  watch(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.version = this.dataVersion();
      this.timer = setInterval(() => this.poll(), this.pollMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private poll(): void {
    let version: number;
    try {
      version = this.dataVersion();
    } catch {
      return; // closed, or busy for a moment: the next poll looks again
    }
    if (version === this.version) return;
    this.version = version;
    // Another process wrote: the CLI changes tokens and roles (events and on-call go through this hub).
    this.emit('tokens');
  }

  private dataVersion(): number {
    return Number(this.db.pragma('data_version', { simple: true }));
  }
}
