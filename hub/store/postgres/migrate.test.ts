import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliResult } from '../../test/support/hub-process.js';
import { dropPostgresDatabase, freshPostgresDatabase } from '../../test/support/postgres.js';
import { NewerSchemaError } from '../schema-version.js';
import { migratePostgres, POSTGRES_SCHEMA_VERSION, schemaVersion } from './migrate.js';
import { openPostgresStore } from './open-postgres.js';
import { createPool, type Pool } from './pool.js';

describe('PostgreSQL migrations', () => {
  let url: string;
  const pools: Pool[] = [];
  const pool = () => {
    const opened = createPool(url, () => undefined, 2);
    pools.push(opened);
    return opened;
  };
  beforeEach(async () => {
    url = await freshPostgresDatabase('migrate');
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
    await dropPostgresDatabase(url);
  });

  /** The versions recorded, and every table and column of the public schema: what a migration may change. */
  async function schema(): Promise<{ versions: number[]; columns: string[] }> {
    const p = pool();
    const versions = await p.query<{ version: number }>('SELECT version FROM warroom_schema ORDER BY version');
    const columns = await p.query<{ c: string }>(
      `SELECT table_name || '.' || column_name || ' ' || data_type AS c FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    return { versions: versions.rows.map((r) => r.version), columns: columns.rows.map((r) => r.c) };
  }

  it('brings a fresh database to the current schema, and finds nothing to do the second time', async () => {
    const p = pool();
    expect(await schemaVersion(p)).toBe(0);
    expect(await migratePostgres(p)).toEqual({ from: 0, to: POSTGRES_SCHEMA_VERSION });
    expect(await schemaVersion(p)).toBe(POSTGRES_SCHEMA_VERSION);
    const migrated = await schema();
    expect(migrated.versions).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1));
    expect(migrated.columns).toEqual(expect.arrayContaining(['events.body text', 'webhook_inbox.body bytea']));
    expect((await p.query<{ seq: number }>('SELECT seq FROM log_head')).rows).toEqual([{ seq: 0 }]);

    expect(await migratePostgres(p)).toEqual({ from: POSTGRES_SCHEMA_VERSION, to: POSTGRES_SCHEMA_VERSION });
    expect(await schema()).toEqual(migrated);
  });

  it('lets five nodes starting at once migrate one database: one does it, the others find it done', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => migratePostgres(pool())));
    expect(results.filter((r) => r.from === 0)).toHaveLength(1);
    expect(results.filter((r) => r.from === POSTGRES_SCHEMA_VERSION)).toHaveLength(4);
    const counted = await pool().query<{ version: number; n: number }>(
      'SELECT version, count(*) AS n FROM warroom_schema GROUP BY version ORDER BY version',
    );
    expect(counted.rows).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => ({ version: i + 1, n: 1 })));
  });

  it('refuses a database a newer hub migrated, and leaves it as it was', async () => {
    const older = await openPostgresStore(url, Date.now);
    try {
      expect(await older.health()).toEqual({ ok: true });
      // A newer hub adds its migration meanwhile.
      await pool().query(
        `CREATE TABLE from_the_future (id integer);
         INSERT INTO warroom_schema (version) VALUES (${POSTGRES_SCHEMA_VERSION + 1})`,
      );
      const before = await schema();

      await expect(migratePostgres(pool())).rejects.toBeInstanceOf(NewerSchemaError);
      await expect(openPostgresStore(url, Date.now)).rejects.toThrow(
        `schema version ${POSTGRES_SCHEMA_VERSION + 1}, newer than this hub knows (${POSTGRES_SCHEMA_VERSION})`,
      );
      const cli = runCliResult(['migrate', '--database', url]);
      expect(cli.code).toBe(2);
      expect(cli.stderr).toMatch(/newer than this hub knows/);
      expect(await schema()).toEqual(before);
      // A hub already running on it stops calling itself ready.
      expect(await older.health()).toEqual({
        ok: false,
        reason: `database schema ${POSTGRES_SCHEMA_VERSION + 1}, this hub needs ${POSTGRES_SCHEMA_VERSION}`,
      });
    } finally {
      await older.close();
    }
  });

  it('says a store whose database is gone is not healthy', async () => {
    const store = await openPostgresStore(url, Date.now);
    try {
      expect(await store.health()).toEqual({ ok: true });
      await dropPostgresDatabase(url); // FORCE ends the store's connections; afterEach's drop finds nothing
      expect(await store.health()).toMatchObject({ ok: false, reason: expect.stringMatching(/^database unreachable/) });
    } finally {
      await store.close();
    }
  });
});
