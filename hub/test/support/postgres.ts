import pg from 'pg';
import { createDatabaseAt } from './postgres-cluster.js';

/** The shared cluster's admin URL (database `postgres`), set by global-setup.ts before any worker starts. */
export const PG_URL_ENV = 'WARROOM_TEST_PG_URL';

function adminUrl(): string {
  const url = process.env[PG_URL_ENV];
  if (!url)
    throw new Error(
      `${PG_URL_ENV} is not set: run tests through vitest.config.ts, whose globalSetup (hub/test/support/global-setup.ts) starts the shared PostgreSQL cluster`,
    );
  return url;
}

/** A brand-new, empty database on the shared cluster; returns its URL. Names are unique, so files can run in parallel. */
export function freshPostgresDatabase(prefix = 'test'): Promise<string> {
  return createDatabaseAt(adminUrl(), prefix);
}

/** Drops a database made by freshPostgresDatabase, closing whatever connections a test left open to it. */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a test database: ${url}`);
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    // FORCE (PostgreSQL 13+) ends sessions a test forgot to close, so cleanup never hangs on them.
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
