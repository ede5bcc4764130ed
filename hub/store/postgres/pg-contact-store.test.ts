import { describeContactStoreContract } from '../../test/support/contact-store-contract.js';
import { dropPostgresDatabase, freshPostgresDatabase } from '../../test/support/postgres.js';
import type { HubStore } from '../hub-store.js';
import { openPostgresStore } from './open-postgres.js';

describeContactStoreContract('PostgreSQL (a fresh database, two nodes)', async () => {
  const url = await freshPostgresDatabase('contact_store');
  const opened: HubStore[] = [await openPostgresStore(url, Date.now)];
  const [store] = opened;
  if (!store) throw new Error('unreachable: the store was just opened');
  return {
    store,
    // Another pool on the same database: what a second hub node has.
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
});
