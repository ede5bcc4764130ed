import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the hub keeps its SQLite file and the local admin token when no --data is given: the
 * per-user data folder of the platform, so the desktop app on the same machine can find the token.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.WARROOM_DATA) return env.WARROOM_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Warroom Hub');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Warroom Hub');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'warroom-hub');
}

export const databaseFile = (dataDir: string): string => join(dataDir, 'warroom.sqlite');
export const localTokenFile = (dataDir: string): string => join(dataDir, 'local-admin.token');
