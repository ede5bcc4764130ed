import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractClock, describeHubStoreContract } from '../../test/support/hub-store-contract.js';
import type { HubStore } from '../hub-store.js';
import { openSqliteStore } from './open-sqlite.js';

describeHubStoreContract('SQLite (a real file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-hub-store-'));
  const file = join(dir, 'warroom.sqlite');
  let store: HubStore = openSqliteStore(file, contractClock);
  return {
    store,
    reopen: async () => {
      await store.close();
      store = openSqliteStore(file, contractClock);
      return store;
    },
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
