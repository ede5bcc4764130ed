import { existsSync, readFileSync } from 'node:fs';
import { localTokenFile } from '../data-dir.js';
import { makePrivateDir, writePrivateFile } from '../files/private-file.js';
import type { UserStore } from './user-store.js';

export const LOCAL_ADMIN = 'local-admin';

/**
 * First run needs no set-up: the hub makes an admin token for this machine's user and leaves it in
 * the data folder (mode 0600, whatever the umask) for the desktop app to pick up. The database keeps only its hash.
 * Returns the file path, and whether a new token was written.
 */
export async function ensureLocalAdminToken(
  dataDir: string,
  users: UserStore,
): Promise<{ file: string; created: boolean }> {
  const file = localTokenFile(dataDir);
  if (existsSync(file) && (await users.authenticate(readFileSync(file, 'utf8').trim())))
    return { file, created: false };
  const { token } = await users.createToken(LOCAL_ADMIN, 'admin');
  makePrivateDir(dataDir); // a PostgreSQL node may have had no data folder until now
  writePrivateFile(file, `${token}\n`);
  return { file, created: true };
}
