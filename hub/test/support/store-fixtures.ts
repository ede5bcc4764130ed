import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubStore } from '../../store/hub-store.js';
import { openPostgresStore } from '../../store/postgres/open-postgres.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './postgres.js';

/** A store for a store contract test, and another node's store on the same data. */
export interface StoreFixture {
  /** One node's store. */
  readonly store: HubStore;
  /** Another node's store on the same data (a second pool on the database; the SQLite file opened again). */
  another(): Promise<HubStore>;
  /** Closes every store opened and removes the data. */
  dispose(): Promise<void>;
}

/** A real SQLite file (WAL) in a fresh folder; `another` opens it again (what a CLI beside the hub has). */
export async function sqliteStoreFixture(dirPrefix: string): Promise<StoreFixture> {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const file = join(dir, 'warroom.sqlite');
  const opened: HubStore[] = [openSqliteStore(file, Date.now)];
  const [store] = opened;
  if (!store) throw new Error('unreachable: the store was just opened');
  return {
    store,
    another: async () => {
      const other = openSqliteStore(file, Date.now);
      opened.push(other);
      return other;
    },
    dispose: async () => {
      for (const s of opened.reverse()) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh PostgreSQL database (`prefix` names it); `another` is a second pool on it (what a second node has). */
export async function postgresStoreFixture(prefix: string): Promise<StoreFixture> {
  const url = await freshPostgresDatabase(prefix);
  const opened: HubStore[] = [await openPostgresStore(url, Date.now)];
  const [store] = opened;
  if (!store) throw new Error('unreachable: the store was just opened');
  return {
    store,
    another: async () => {
      const other = await openPostgresStore(url, Date.now);
      opened.push(other);
      return other;
    },
    dispose: async () => {
      await Promise.all(opened.map((s) => s.close()));
      await dropPostgresDatabase(url);
    },
  };
}
