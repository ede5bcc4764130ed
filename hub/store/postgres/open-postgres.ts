import type { Logger } from 'pino';
import { SecretsKeyFile } from '../../secrets/secrets-key-file.js';
import type { HubStore } from '../hub-store.js';
import { NewerSchemaError } from '../schema-version.js';
import { redactDatabaseUrl } from '../open-store.js';
import { ChangeFeed } from './change-feed.js';
import { migratePostgres, POSTGRES_SCHEMA_VERSION, schemaVersion } from './migrate.js';
import { PgCheckpointStore } from './pg-checkpoints.js';
import { PgContactStore } from './pg-contact-store.js';
import { CHANGE_CHANNEL, PgEventStore } from './pg-event-store.js';
import { INBOX_LEASE_SECONDS, PgWebhookInbox } from './pg-inbox.js';
import { PgIntegrationTokenStore } from './pg-integration-tokens.js';
import { PgOncallStore } from './pg-oncall-store.js';
import { PgStatusPageStore } from './pg-status-page-store.js';
import { PgUserStore } from './pg-user-store.js';
import { createPool } from './pool.js';

/** How often a node looks for other nodes' events and webhook requests without being told (WARROOM_POLL_MS). */
export const DEFAULT_POLL_MS = 2000;

/**
 * The store for several nodes: everything in one PostgreSQL database, migrated on open (under an advisory lock),
 * with a LISTEN connection for other nodes' changes. Secrets are sealed with `secrets`: every node needs the same
 * key file (openHubStore gives the one of --secrets-key or the data folder).
 */
export async function openPostgresStore(
  url: string,
  now: () => number,
  logger?: Logger,
  secrets = new SecretsKeyFile(undefined),
): Promise<HubStore> {
  const where = redactDatabaseUrl(url);
  const onError = (error: Error) => logger?.warn({ err: error, where }, 'database connection error');
  const pool = createPool(url, onError);
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof NewerSchemaError) throw error;
    // Name the database (never its password) and why: the first thing an operator needs to fix a start.
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`could not open the PostgreSQL database ${where}: ${why}`, { cause: error });
  }
  const pollMs = positiveNumber(process.env.WARROOM_POLL_MS, DEFAULT_POLL_MS);
  const feed = new ChangeFeed({ url, pollMs, onError });
  await feed.start();
  const iso = () => new Date(now()).toISOString();
  const users = new PgUserStore(pool, iso);
  // Revocations elsewhere, or a lost feed (a revocation may have been missed), end the token cache at once.
  feed.watch((change) => {
    if (change === 'tokens' || change === 'reconnected') users.forgetTokens();
  });
  return {
    kind: 'postgres',
    where,
    events: new PgEventStore(pool),
    users,
    integrations: new PgIntegrationTokenStore(pool, iso, secrets),
    inbox: new PgWebhookInbox(pool, positiveNumber(process.env.WARROOM_INBOX_LEASE_SECONDS, INBOX_LEASE_SECONDS)),
    oncall: new PgOncallStore(pool, now),
    contact: new PgContactStore(pool),
    statusPage: new PgStatusPageStore(pool),
    checkpoints: new PgCheckpointStore(pool),
    watch: (listener) => feed.watch(listener),
    announce: async (change) => {
      await pool.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, change]);
    },
    health: async () => {
      try {
        const version = await schemaVersion(pool);
        if (version !== POSTGRES_SCHEMA_VERSION)
          return { ok: false, reason: `database schema ${version}, this hub needs ${POSTGRES_SCHEMA_VERSION}` };
        if (!feed.listening) return { ok: false, reason: 'not listening for other nodes yet (reconnecting)' };
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: `database unreachable: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    close: async () => {
      await feed.close();
      await pool.end();
    },
  };
}

/** An optional tuning variable: its value if it is a positive number, else the default. */
function positiveNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}
