import { chmodSync, existsSync, lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { errnoCode } from './errno.js';
import { makePrivateDir, octal, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-file.js';

export interface PrivateDataDirOptions {
  readonly logger?: Logger | undefined;
  /** Create the folder if it is missing (SQLite needs it); false: leave a missing folder alone (PostgreSQL). */
  readonly create?: boolean;
  /** For tests; Windows has no such modes (chmod there only sets read-only), so nothing is checked there. */
  readonly platform?: NodeJS.Platform;
}

/**
 * The data folder holds every incident, the hashes of every token and the secrets key, so only the hub's user may
 * enter it. Creates it 0700 if missing; then the folder, and every file directly in it, that group or others may
 * access are set to 0700 and 0600, each with a warning naming the path and both modes (an older hub made them
 * 0755 and 0644). A chmod that fails (another owner, an immutable folder) is logged, not fatal: whether the hub can
 * work there at all is for opening the store to say. Sub-folders and symbolic links are not the hub's and are left
 * alone.
 */
export function preparePrivateDataDir(dir: string, options: PrivateDataDirOptions = {}): void {
  if (options.create ?? true) makePrivateDir(dir);
  else if (!existsSync(dir)) return;
  if ((options.platform ?? process.platform) === 'win32') return;
  // The folder itself may be a symbolic link (/var/lib/warroom -> /data/warroom): its target is the folder.
  makePrivate(dir, statSync(dir), PRIVATE_DIR_MODE, options.logger);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statIfThere(path);
    if (stat?.isFile()) makePrivate(path, stat, PRIVATE_FILE_MODE, options.logger);
  }
}

function makePrivate(path: string, stat: Stats, mode: number, logger: Logger | undefined): void {
  if ((stat.mode & 0o077) === 0) return;
  const modes = { path, oldMode: octal(stat.mode), newMode: octal(mode) };
  try {
    chmodSync(path, mode);
    logger?.warn(modes, 'data folder: group or others could read this; made it private');
  } catch (error) {
    logger?.warn({ ...modes, code: errnoCode(error) }, 'data folder: group or others can read this, and chmod failed');
  }
}

/** A file removed while the folder is read is no longer anyone's concern. */
function statIfThere(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}
