import type { HubStore } from '../hub-store.js';
import { openDatabase } from './database.js';
import { SqliteCheckpointStore } from './sqlite-checkpoints.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteWebhookInbox } from './sqlite-inbox.js';
import { SqliteIntegrationTokenStore } from './sqlite-integration-tokens.js';
import { SqliteOncallStore } from './sqlite-oncall-store.js';
import { SqliteUserStore } from './sqlite-user-store.js';

/** The zero-setup store: one SQLite file (WAL, synchronous=FULL), created and migrated on open. */
export function openSqliteStore(file: string, now: () => number): HubStore {
  const db = openDatabase(file);
  const iso = () => new Date(now()).toISOString();
  return {
    kind: 'sqlite',
    where: file,
    events: new SqliteEventStore(db),
    users: new SqliteUserStore(db, iso),
    integrations: new SqliteIntegrationTokenStore(db, iso),
    inbox: new SqliteWebhookInbox(db),
    oncall: new SqliteOncallStore(db, now),
    checkpoints: new SqliteCheckpointStore(db),
    watch: () => () => undefined,
    announce: async () => undefined,
    health: async () => {
      try {
        db.prepare('SELECT 1').get();
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error) };
      }
    },
    close: async () => {
      db.close();
    },
  };
}
