import { dirname } from 'node:path';
import { secretsKeyFile } from '../../data-dir.js';
import { storageStartError } from '../../files/storage-errors.js';
import { SecretsKeyFile } from '../../secrets/secrets-key-file.js';
import type { HubStore } from '../hub-store.js';
import { openDatabase, type Db } from './database.js';
import { SqliteChangeWatch } from './sqlite-change-watch.js';
import { SqliteCheckpointStore } from './sqlite-checkpoints.js';
import { SqliteContactStore } from './sqlite-contact-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteWebhookInbox } from './sqlite-inbox.js';
import { SqliteIntegrationTokenStore } from './sqlite-integration-tokens.js';
import { SqliteOncallStore } from './sqlite-oncall-store.js';
import { SqliteStatusPageStore } from './sqlite-status-page-store.js';
import { SqliteUserStore } from './sqlite-user-store.js';

/**
 * The zero-setup store: one SQLite file (WAL, synchronous=FULL), created and migrated on open. Secrets are sealed
 * with `secrets`, by default the key file beside the SQLite file. A file it cannot open is said with its path, the
 * cause and what to do (hub/files/storage-errors.ts).
 */
export function openSqliteStore(
  file: string,
  now: () => number,
  secrets = new SecretsKeyFile(secretsKeyFile(dirname(file))),
): HubStore {
  let db: Db;
  try {
    db = openDatabase(file);
  } catch (error) {
    throw storageStartError(error, { dataDir: dirname(file), file });
  }
  const iso = () => new Date(now()).toISOString();
  const changes = new SqliteChangeWatch(db);
  return {
    kind: 'sqlite',
    where: file,
    events: new SqliteEventStore(db),
    users: new SqliteUserStore(db, iso, () => changes.emit('tokens')),
    integrations: new SqliteIntegrationTokenStore(db, iso, secrets),
    inbox: new SqliteWebhookInbox(db),
    oncall: new SqliteOncallStore(db, now),
    contact: new SqliteContactStore(db),
    statusPage: new SqliteStatusPageStore(db),
    checkpoints: new SqliteCheckpointStore(db),
    watch: (listener) => changes.watch(listener),
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
      changes.stop();
      db.close();
    },
  };
}
