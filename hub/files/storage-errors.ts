import { closeSync, existsSync, openSync, unlinkSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { errnoCode, errnoPath } from './errno.js';

/** A store that cannot open where it must, said with the path, the cause and what to do: what `serve` prints. */
export class StorageStartError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StorageStartError';
  }
}

/** Where the hub keeps its data: the folder and, for SQLite, the file in it. */
export interface StoragePlace {
  readonly dataDir: string;
  readonly file?: string;
}

interface Cause {
  readonly why: string;
  readonly hint: (context: { readonly user: string; readonly path: string }) => string;
}

const ELSEWHERE = 'Or give the hub another folder with --data DIR (or WARROOM_DATA).';
const DISK_FULL: Cause = {
  why: 'the disk is full',
  hint: () => 'Free space on that disk (df -h shows what is left), or move the data folder to a larger one.',
};
const LOCKED: Cause = {
  why: 'another process holds it locked',
  hint: ({ path }) =>
    `Only one hub may use a data folder: stop the other hub, or a warroom-hub command still working on it (fuser ${path} shows which process), then start again.`,
};
const DAMAGED = 'Restore it from a backup (docs/deploy.md, "Backups and restore"), or move it away to start empty.';

/** Base codes: SQLite's extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DIRECTORY …) are found by their base. */
const CAUSES: Readonly<Record<string, Cause>> = {
  EROFS: { why: 'it is on a read-only file system', hint: () => `Remount it read-write. ${ELSEWHERE}` },
  EACCES: {
    why: 'permission denied',
    hint: ({ user }) =>
      `The hub runs as ${user}: make ${user} the folder's owner (chown -R), or run the hub as its owner. ${ELSEWHERE}`,
  },
  EPERM: {
    why: 'changes there are not permitted: it may be immutable, or belong to another user',
    hint: () => `lsattr -d shows an immutable flag (chattr -i removes it), ls -ld the owner. ${ELSEWHERE}`,
  },
  ENOENT: { why: 'a folder on that path does not exist', hint: () => `Create it. ${ELSEWHERE}` },
  ENOTDIR: {
    why: 'part of that path is a file, not a folder',
    hint: () => 'Give --data (or WARROOM_DATA) a folder, or a path where one can be made.',
  },
  EISDIR: { why: 'a folder is where the hub keeps a file', hint: () => `Move that folder away. ${ELSEWHERE}` },
  ENOSPC: DISK_FULL,
  EDQUOT: { why: 'the disk quota is used up', hint: ({ user }) => `Free space, or raise the quota of ${user}.` },
  SQLITE_FULL: DISK_FULL,
  SQLITE_BUSY: LOCKED,
  SQLITE_LOCKED: LOCKED,
  SQLITE_READONLY: {
    why: 'SQLite may not write it',
    hint: ({ user }) =>
      `${user} must be able to write the file and its -wal and -shm files beside it (ls -l shows owners and modes).`,
  },
  SQLITE_PERM: { why: 'permission denied', hint: ({ user }) => `${user} must be able to read and write it.` },
  SQLITE_CANTOPEN: {
    why: 'SQLite cannot open or create it',
    hint: ({ user }) => `The data folder must be a folder ${user} may write, on a writable file system. ${ELSEWHERE}`,
  },
  SQLITE_NOTADB: { why: 'it is not a SQLite database', hint: () => DAMAGED },
  SQLITE_CORRUPT: { why: 'the database file is damaged', hint: () => DAMAGED },
  SQLITE_IOERR: {
    why: 'the disk reported an input/output error',
    hint: () => 'Check the disk (dmesg) and its free space; if the file is damaged, restore it from a backup.',
  },
};

function causeOf(code: string): Cause | undefined {
  return CAUSES[code] ?? CAUSES[code.split('_').slice(0, 2).join('_')];
}

/**
 * Says why the store could not open in words an operator can act on: which path, what the system said (EROFS,
 * SQLITE_BUSY …) and what to do. Errors without a known code (a newer schema, a bad config file) come back as they
 * are; so does an error this already explained.
 */
export function storageStartError(error: unknown, place: StoragePlace): unknown {
  if (error instanceof StorageStartError) return error;
  let code = errnoCode(error);
  if (code === undefined || !causeOf(code)) return error;
  let path = errnoPath(error) ?? place.file ?? place.dataDir;
  // SQLite says only that it cannot open or write; trying the folder ourselves tells why (EROFS, EPERM, EACCES …).
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
    const why = whyNotWritable(place.dataDir);
    const whyCode = errnoCode(why);
    if (whyCode !== undefined && causeOf(whyCode)) [code, path] = [whyCode, place.dataDir];
  }
  const cause = causeOf(code);
  if (!cause) return error;
  // A file that could not be made is the folder's problem (read-only, not ours, full); one that exists is its own.
  const onFile = place.file !== undefined && path === place.file && existsSync(place.file);
  const subject = onFile ? `SQLite file ${place.file}` : `data folder ${place.dataDir}`;
  const at = path === place.dataDir || onFile ? '' : ` at ${path}`;
  return new StorageStartError(
    `Cannot open the hub's ${subject}: ${cause.why} (${code}${at}). ${cause.hint({ user: runningAs(), path })}`,
    code,
    path,
    { cause: error },
  );
}

/** The error creating a file in `dir` gives, or undefined if it can. */
function whyNotWritable(dir: string): unknown {
  const probe = join(dir, `.warroom-write-check-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
    return undefined;
  } catch (error) {
    return error;
  }
}

function runningAs(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`; // a uid without a name (containers)
  }
}
