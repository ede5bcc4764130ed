import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type HubOptions, type RunningHub } from '../../hub.js';
import { GENEROUS_LIMITS } from './limits.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './postgres.js';
import { suiteLogger } from './suite-logs.js';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

/** Where hubs keep their data for one test: a SQLite data folder, or a fresh database on the shared cluster. */
export interface StorePlace {
  /** Starts a hub on it (another node, for PostgreSQL; the same file after a stop, for SQLite); `extra`: more options. */
  start(extra?: Partial<HubOptions>): Promise<RunningHub>;
  /** A clean stop of one hub started here (the data stays). */
  stop(hub: RunningHub): Promise<void>;
  /** Stops the hubs still running and removes the data. */
  dispose(): Promise<void>;
}

/** A real hub on a real store of either kind, with the test run's logger and generous limits. */
export async function storePlace(kind: StoreKind): Promise<StorePlace> {
  const databaseUrl = kind === 'postgres' ? await freshPostgresDatabase('either') : undefined;
  const dirs: string[] = [];
  const shared = mkdtempSync(join(tmpdir(), 'warroom-either-'));
  dirs.push(shared);
  const hubs: RunningHub[] = [];
  return {
    start: async (extra = {}) => {
      // PostgreSQL nodes each have their own data folder; a SQLite hub always reopens the one file.
      const dataDir =
        kind === 'postgres' && dirs.length > 0 && hubs.length > 0
          ? mkdtempSync(join(tmpdir(), 'warroom-either-'))
          : shared;
      if (dataDir !== shared) dirs.push(dataDir);
      const hub = await startHub({
        dataDir,
        databaseUrl,
        secretsKeyFile: join(shared, 'secrets.key'),
        port: 0,
        limits: GENEROUS_LIMITS,
        logger: suiteLogger(),
        ...extra,
      });
      hubs.push(hub);
      return hub;
    },
    stop: async (hub) => {
      hubs.splice(hubs.indexOf(hub), 1);
      await hub.close();
    },
    dispose: async () => {
      for (const hub of hubs.splice(0).reverse()) await hub.close().catch(() => undefined);
      if (databaseUrl) await dropPostgresDatabase(databaseUrl);
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
