import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../../test/support/event-store-contract.js';
import { openDatabase, type Db } from './database.js';
import { SqliteEventStore } from './sqlite-event-store.js';

describeEventStoreContract('SQLite (a real file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-store-'));
  const file = join(dir, 'events.sqlite');
  let db: Db = openDatabase(file);
  return {
    store: new SqliteEventStore(db),
    reopen: async () => {
      db.close();
      db = openDatabase(file);
      return new SqliteEventStore(db);
    },
    dispose: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
