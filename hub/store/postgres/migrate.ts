import { NewerSchemaError } from '../schema-version.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { inTransaction, type Pool, type PoolClient } from './pool.js';

/** Any fixed number: nodes starting together take this advisory lock, so one migrates and the others wait. */
const MIGRATION_LOCK = 0x5741_5252;

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length;

/**
 * Brings the database to this hub's schema: every missing migration in one transaction, under an advisory lock
 * (a second node starting at the same moment waits, then finds nothing left to do). Refuses a newer schema.
 * Returns the versions it applied.
 */
export async function migratePostgres(pool: Pool): Promise<{ from: number; to: number }> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS warroom_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const from = await schemaVersion(client);
    if (from > POSTGRES_SCHEMA_VERSION) throw new NewerSchemaError('database', from, POSTGRES_SCHEMA_VERSION);
    for (let v = from; v < POSTGRES_SCHEMA_VERSION; v++) {
      await client.query(POSTGRES_MIGRATIONS[v] ?? '');
      await client.query('INSERT INTO warroom_schema (version) VALUES ($1)', [v + 1]);
    }
    return { from, to: POSTGRES_SCHEMA_VERSION };
  });
}

/** The schema version the database is at (0: never migrated). */
export async function schemaVersion(client: Pick<PoolClient, 'query'>): Promise<number> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('warroom_schema') AS t");
  if (!exists.rows[0]?.t) return 0;
  const result = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM warroom_schema');
  return result.rows[0]?.v ?? 0;
}
