import { homedir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_TOKEN_FILE_NAME, defaultHubDataDir } from '../shared/hub-data-dir.js';

/**
 * Where the hub keeps its SQLite file and the local admin token when no --data is given: the
 * per-user data folder of the platform, so the desktop app on the same machine can find the token.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return defaultHubDataDir(env, platform, homedir(), join);
}

export const databaseFile = (dataDir: string): string => join(dataDir, 'warroom.sqlite');
export const localTokenFile = (dataDir: string): string => join(dataDir, LOCAL_TOKEN_FILE_NAME);
/** The key secrets at rest are sealed with, unless --secrets-key names another (hub/secrets). */
export const secretsKeyFile = (dataDir: string): string => join(dataDir, 'secrets.key');
/** The JSON log of `warroom-hub start`, whose terminal is for the person. */
export const hubLogFile = (dataDir: string): string => join(dataDir, 'hub.log');
