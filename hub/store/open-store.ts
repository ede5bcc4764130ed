import type { Logger } from 'pino';
import { databaseFile } from '../data-dir.js';
import type { HubStore } from './hub-store.js';
import { openPostgresStore } from './postgres/open-postgres.js';
import { openSqliteStore } from './sqlite/open-sqlite.js';

/** Where a hub keeps its data: PostgreSQL when a URL is given, else SQLite in the data folder. */
export interface StoreChoice {
  readonly dataDir: string;
  /** postgres://USER:PASS@HOST:PORT/DB (`--database` or WARROOM_DATABASE_URL). */
  readonly databaseUrl?: string | undefined;
}

/** The `--database` value, else WARROOM_DATABASE_URL, else none (SQLite). */
export function databaseUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = flag ?? env.WARROOM_DATABASE_URL;
  return url === undefined || url.trim() === '' ? undefined : url.trim();
}

export async function openHubStore(choice: StoreChoice, now: () => number, logger?: Logger): Promise<HubStore> {
  if (choice.databaseUrl !== undefined) return openPostgresStore(choice.databaseUrl, now, logger);
  return openSqliteStore(databaseFile(choice.dataDir), now);
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
