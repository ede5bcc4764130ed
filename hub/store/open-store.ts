import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { databaseFile, secretsKeyFile } from '../data-dir.js';
import { preparePrivateDataDir } from '../files/private-data-dir.js';
import { storageStartError } from '../files/storage-errors.js';
import { sealStoredSecrets } from '../secrets/seal-stored-secrets.js';
import { SecretsKeyFile } from '../secrets/secrets-key-file.js';
import type { HubStore } from './hub-store.js';
import { openPostgresStore } from './postgres/open-postgres.js';
import { openSqliteStore } from './sqlite/open-sqlite.js';

/** Where a hub keeps its data: PostgreSQL when a URL is given, else SQLite in the data folder. */
export interface StoreChoice {
  readonly dataDir: string;
  /** postgres://USER:PASS@HOST:PORT/DB (`--database` or WARROOM_DATABASE_URL). */
  readonly databaseUrl?: string | undefined;
  /** The key secrets at rest are sealed with (`--secrets-key` or WARROOM_SECRETS_KEY_FILE); default in dataDir. */
  readonly secretsKeyFile?: string | undefined;
  /**
   * Seal the secrets an older version kept in clear, and check that the key opens every active one (default: yes,
   * as a starting hub must). CLI commands say no: a lost key must not keep `token revoke` from running, and a
   * command run elsewhere must not seal with a key the hub's nodes do not have.
   */
  readonly checkSecrets?: boolean;
}

/** The `--database` value, else WARROOM_DATABASE_URL, else none (SQLite). */
export function databaseUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = flag ?? env.WARROOM_DATABASE_URL;
  return url === undefined || url.trim() === '' ? undefined : url.trim();
}

/** The `--secrets-key` value, else WARROOM_SECRETS_KEY_FILE, as an absolute path; else none (the data folder's). */
export function secretsKeyFileFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = flag ?? env.WARROOM_SECRETS_KEY_FILE;
  return file === undefined || file.trim() === '' ? undefined : resolve(file.trim());
}

/**
 * Opens the store. The data folder is made private first (0700, its files 0600; hub/files/private-data-dir.ts); a
 * folder or file the hub cannot use is said with its path and cause (hub/files/storage-errors.ts).
 */
export async function openHubStore(choice: StoreChoice, now: () => number, logger?: Logger): Promise<HubStore> {
  const secrets = new SecretsKeyFile(choice.secretsKeyFile ?? secretsKeyFile(choice.dataDir));
  const store = await openStore(choice, now, secrets, logger);
  if (choice.checkSecrets === false) return store;
  try {
    await sealStoredSecrets(store.integrations, secrets, logger);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function openStore(
  choice: StoreChoice,
  now: () => number,
  secrets: SecretsKeyFile,
  logger: Logger | undefined,
): Promise<HubStore> {
  const { dataDir, databaseUrl } = choice;
  const file = databaseFile(dataDir);
  try {
    // PostgreSQL nodes may run without a data folder (--no-local-token); one that exists is made private too.
    preparePrivateDataDir(dataDir, { logger, create: databaseUrl === undefined });
    if (databaseUrl === undefined) return openSqliteStore(file, now, secrets);
  } catch (error) {
    throw storageStartError(error, databaseUrl === undefined ? { dataDir, file } : { dataDir });
  }
  return openPostgresStore(databaseUrl, now, logger, secrets);
}

/** A database URL without its password, for logs and messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
