import type Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { secretsKeyFile } from '../data-dir.js';
import { isSealed } from '../secrets/secret-box.js';
import { sealStoredSecrets, type StoredSecret } from '../secrets/seal-stored-secrets.js';
import { SecretsKeyFile } from '../secrets/secrets-key-file.js';
import { openDatabase } from './sqlite/database.js';
import { migratePostgres } from './postgres/migrate.js';
import { createPool, inTransaction, type PoolClient } from './postgres/pool.js';

/** Every table the hub keeps, parents before children (foreign keys). log_head is set from events. */
export const COPIED_TABLES = [
  'users',
  'tokens',
  'oncall_rotations',
  'oncall_overrides',
  'oncall_services',
  'oncall_settings',
  'person_profiles',
  'paging_deadlines',
  'events',
  'commands',
  'webhook_inbox',
  'checkpoints',
  'contact_methods',
  'notification_rules',
  'page_outbox',
  'ack_links',
  'contact_settings',
  'statuspage_config',
  'statuspage_channels',
  'statuspage_subscribers',
  'statuspage_threads',
  'statuspage_outbox',
] as const;

export type CopyCounts = Readonly<Record<(typeof COPIED_TABLES)[number], number>>;

export class CopyRefusedError extends Error {}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const ROWS_PER_INSERT = 500;

/**
 * Moves a SQLite hub (its file) into an empty PostgreSQL database, in one transaction: same seqs, users, token
 * hashes, on-call set-up, deadlines, inbox (ids kept) and checkpoints. Refuses a database that already holds a
 * hub's data, and leaves it untouched if anything fails. The SQLite file is only read (run it with the hub stopped,
 * or from a `warroom-hub backup`, so nothing is written meanwhile).
 *
 * Secrets stay sealed with the SQLite hub's key file (`secrets`, default the one beside the file), which the
 * PostgreSQL nodes then use too; one an older version kept in clear is sealed on the way, and every active one (and
 * every sealed contact target and setting) must open with that key before anything is copied.
 */
export async function copySqliteToPostgres(
  sqliteFile: string,
  url: string,
  secrets = new SecretsKeyFile(secretsKeyFile(dirname(sqliteFile))),
): Promise<CopyCounts> {
  const source = openDatabase(sqliteFile);
  const pool = createPool(url, () => undefined, 2);
  try {
    const sealed = await sealedSecretsOf(source, secrets);
    checkContactSecrets(source, secrets);
    await migratePostgres(pool);
    return await inTransaction(pool, async (client) => {
      // Nobody else may write while we fill it: a node started too early waits, then sees the whole copy.
      await client.query('LOCK TABLE log_head, events, users IN EXCLUSIVE MODE');
      const used = await client.query<{ n: number }>(
        'SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM users) AS n',
      );
      if ((used.rows[0]?.n ?? 0) > 0)
        throw new CopyRefusedError(
          'The PostgreSQL database already holds a hub (events or users); copy only into an empty one.',
        );
      const counts: Record<string, number> = {};
      for (const table of COPIED_TABLES) counts[table] = await copyTable(source, client, table, sealed);
      await client.query('UPDATE log_head SET seq = (SELECT coalesce(max(seq), 0) FROM events) WHERE id = 1');
      // The inbox's ids go on from the highest SQLite ever gave (AUTOINCREMENT keeps it in sqlite_sequence), not
      // the highest copied: processed requests are deleted, and their ids are in the command ids of the log.
      const usedInboxIds = source
        .prepare("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'webhook_inbox'")
        .pluck()
        .get() as number;
      await client.query(
        "SELECT setval(pg_get_serial_sequence('webhook_inbox', 'id'), greatest($1, (SELECT coalesce(max(id), 0) FROM webhook_inbox)) + 1, false)",
        [usedInboxIds],
      );
      return counts as CopyCounts;
    });
  } finally {
    source.close();
    await pool.end();
  }
}

/** The tokens' secrets as PostgreSQL gets them (by token id): sealed, and checked to open. The source is not changed. */
async function sealedSecretsOf(source: Database.Database, secrets: SecretsKeyFile): Promise<Map<string, string>> {
  const rows = source
    .prepare(
      'SELECT id, signing_secret AS stored, revoked_at IS NULL AS active FROM tokens WHERE signing_secret IS NOT NULL',
    )
    .all() as { id: string; stored: string; active: number }[];
  const copied = new Map<string, StoredSecret>(rows.map((r) => [r.id, { ...r, active: r.active === 1 }]));
  await sealStoredSecrets(
    {
      storedSecrets: async () => [...copied.values()],
      replaceStoredSecret: async (id, _from, to) => {
        const row = copied.get(id);
        if (row) copied.set(id, { ...row, stored: to });
        return row !== undefined;
      },
    },
    secrets,
  );
  return new Map([...copied].map(([id, row]) => [id, row.stored]));
}

/**
 * Contact methods' targets, status page channels' and subscribers' targets, and the sealed contact settings (the
 * Web Push, acknowledge-link and status page link keys) are sealed with
 * the same key as the tokens' secrets: each must open with it, or the nodes could use none of them. Only read.
 */
function checkContactSecrets(source: Database.Database, secrets: SecretsKeyFile): void {
  const targets = source.prepare('SELECT id, sealed_target FROM contact_methods ORDER BY id').all() as {
    id: string;
    sealed_target: string;
  }[];
  for (const t of targets) secrets.open(t.sealed_target, `the target of contact method ${t.id}`);
  const settings = source.prepare('SELECT key, value FROM contact_settings ORDER BY key').all() as {
    key: string;
    value: string;
  }[];
  for (const s of settings) if (isSealed(s.value)) secrets.open(s.value, `the contact setting ${s.key}`);
  // The status page's channels and subscribers (issue 16): their targets are sealed the same way.
  for (const table of ['statuspage_channels', 'statuspage_subscribers'] as const) {
    const rows = source.prepare(`SELECT id, sealed_target FROM ${table} ORDER BY id`).all() as {
      id: string;
      sealed_target: string;
    }[];
    for (const r of rows)
      secrets.open(r.sealed_target, `the target of ${table.replace('statuspage_', 'status page ')} ${r.id}`);
  }
}

async function copyTable(
  source: Database.Database,
  client: PoolClient,
  table: string,
  sealed: ReadonlyMap<string, string>,
): Promise<number> {
  const all = source.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
  const rows: Record<string, unknown>[] =
    table === 'tokens' ? all.map((row) => ({ ...row, signing_secret: sealed.get(String(row.id)) ?? null })) : all;
  const first = rows[0];
  if (!first) return 0;
  const columns = Object.keys(first);
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = columns.map((column) => {
        values.push(row[column]);
        return `$${values.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
  return rows.length;
}
