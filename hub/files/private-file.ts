import {
  chmodSync,
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { errnoCode } from './errno.js';

/** Only the hub's own user may enter the data folder or read what is in it: it holds every incident and secret. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** A mode as people write it: 0644. */
export const octal = (mode: number): string => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

/**
 * Creates a folder (and missing parents, like mkdir -p) unless it exists; a folder it creates is 0700 whatever the
 * umask. One level at a time, because Node's recursive mkdir reports ENOENT where the cause is EROFS or EACCES.
 */
export function makePrivateDir(dir: string): void {
  if (makeDir(dir, PRIVATE_DIR_MODE)) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Returns whether it created `dir`. */
function makeDir(dir: string, mode: number): boolean {
  try {
    mkdirSync(dir, { mode });
    return true;
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EEXIST') {
      if (statSync(dir).isDirectory()) return false;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), {
        code: 'ENOTDIR',
        path: dir,
        syscall: 'mkdir',
      });
    }
    if (code !== 'ENOENT' || dirname(dir) === dir) throw error;
    makeDir(dirname(dir), 0o777); // parents as mkdir -p makes them (the umask applies); only the data folder is private
    return makeDir(dir, mode);
  }
}

/** Creates an empty file 0600 (exactly, whatever the umask) unless it exists; an existing one is left as it is. */
export function createPrivateFile(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return;
    throw error;
  }
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `file` with `text` at once (a temporary file renamed over it), 0600 whatever the umask. */
export function writePrivateFile(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE); // a temporary file left by a crash keeps its mode when opened again
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
