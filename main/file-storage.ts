import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStorage } from '../shared/sync/storage.js';

/**
 * The sync engine's storage on disk: one file per key in `dir`. Each write goes to a temporary file,
 * is flushed to disk, then renamed over the old one, so a crash mid-write leaves the last good copy.
 */
export class FileStorage implements KeyValueStorage {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  read(key: string): string | null {
    try {
      return readFileSync(this.path(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  write(key: string, value: string): void {
    const file = this.path(key);
    const temp = `${file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, value);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  }

  remove(key: string): void {
    rmSync(this.path(key), { force: true });
  }

  /** Keys hold URLs and names; a hash makes a safe, fixed-length file name. */
  private path(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }
}
