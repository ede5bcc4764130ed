import { createHash } from 'node:crypto';
import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStorage } from '../shared/sync/storage.js';

/**
 * The sync engine's storage on disk: one file per key in `dir`. Each write goes to a temporary file,
 * is flushed to disk, then renamed over the old one, so a crash mid-write leaves the last good copy; an append adds
 * to the end of the file in place.
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

  /**
   * One short write at the end of the file, flushed before returning (a command is queued only once it is on disk):
   * the outbox's journal grows a line per command instead of being rewritten whole. A crash mid-append can leave a
   * torn last line, which the reader sets aside.
   */
  append(key: string, text: string): void {
    const fd = openSync(this.path(key), 'a', 0o600);
    try {
      writeSync(fd, text);
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  remove(key: string): void {
    rmSync(this.path(key), { force: true });
  }

  /** Keys hold URLs and names; a hash makes a safe, fixed-length file name. */
  private path(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }
}
