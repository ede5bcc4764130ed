import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeContactStoreContract } from '../../test/support/contact-store-contract.js';
import type { HubStore } from '../hub-store.js';
import { openSqliteStore } from './open-sqlite.js';

describeContactStoreContract('SQLite (a real file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-contact-store-'));
  const file = join(dir, 'warroom.sqlite');
  const opened: HubStore[] = [openSqliteStore(file, Date.now)];
  const [store] = opened;
  if (!store) throw new Error('unreachable: the store was just opened');
  return {
    store,
    // A second connection to the same file: what a CLI beside the hub has (one hub process per file).
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
});
