import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseFile, defaultDataDir, secretsKeyFile } from '../data-dir.js';
import { SecretsKeyFile } from '../secrets/secrets-key-file.js';
import { backupSqlite } from '../store/sqlite/backup.js';
import { copySqliteToPostgres, CopyRefusedError } from '../store/copy-to-postgres.js';
import { databaseUrlFrom, openHubStore, redactDatabaseUrl, secretsKeyFileFrom } from '../store/open-store.js';
import { migratePostgres } from '../store/postgres/migrate.js';
import { createPool } from '../store/postgres/pool.js';
import { STORE_OPTIONS, UsageError, help, type CliIo } from './cli-io.js';

/** `warroom-hub migrate`: brings the store to this hub's schema now (the hub also does it when it starts). */
export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { ...STORE_OPTIONS, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return help(io, 'migrate');
  const url = databaseUrlFrom(values.database);
  if (url === undefined) {
    // SQLite migrates as it opens.
    const store = await openHubStore(
      {
        dataDir: values.data ?? defaultDataDir(),
        secretsKeyFile: secretsKeyFileFrom(values['secrets-key']),
        checkSecrets: false,
      },
      () => Date.now(),
    );
    await store.close();
    io.err(`SQLite file ${store.where} is on the current schema.`);
    return 0;
  }
  const pool = createPool(url, () => undefined, 1);
  try {
    const { from, to } = await migratePostgres(pool);
    io.err(
      from === to
        ? `${redactDatabaseUrl(url)} is on the current schema (version ${to}).`
        : `${redactDatabaseUrl(url)} migrated from version ${from} to ${to}.`,
    );
  } finally {
    await pool.end();
  }
  return 0;
}

/** `warroom-hub copy --from DIR --to postgres://…`: moves a SQLite hub to PostgreSQL, losing nothing. */
export async function copyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      'secrets-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return help(io, 'copy');
  // --to, else the database every other command would use (WARROOM_DATABASE_URL).
  const to = databaseUrlFrom(values.to);
  if (!values.from || !to)
    throw new UsageError(
      "copy needs --from DIR (the SQLite hub's data folder) and --to postgres://USER:PASS@HOST:PORT/DB",
    );
  const file = databaseFile(resolve(values.from));
  if (!existsSync(file)) throw new UsageError(`no hub database at ${file}: --from takes the hub's data folder`);
  // The secrets stay sealed with the SQLite hub's key, so the nodes need that key file.
  const keyFile = secretsKeyFileFrom(values['secrets-key']) ?? secretsKeyFile(resolve(values.from));
  try {
    const counts = await copySqliteToPostgres(file, to, new SecretsKeyFile(keyFile));
    io.err(
      `Copied ${file} to ${redactDatabaseUrl(to)}: ` +
        Object.entries(counts)
          .map(([table, n]) => `${n} ${table}`)
          .join(', ') +
        '. Start the hub with --database (or WARROOM_DATABASE_URL) to use it.' +
        (existsSync(keyFile)
          ? `\nThe integration secrets are sealed with ${keyFile}: give every node a copy of it (--secrets-key FILE or WARROOM_SECRETS_KEY_FILE).`
          : ''),
    );
    return 0;
  } catch (error) {
    if (error instanceof CopyRefusedError) {
      io.err(`warroom-hub: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** `warroom-hub backup --to FILE`: a consistent copy of a SQLite hub, taken while it runs. */
export async function backupCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...STORE_OPTIONS, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return help(io, 'backup');
  if (databaseUrlFrom(values.database) !== undefined)
    throw new UsageError(
      'backup is for SQLite hubs; back PostgreSQL up with pg_dump (docs/deploy.md, "Backups"): pg_dump --format=custom --file FILE DATABASE_URL',
    );
  if (!values.to) throw new UsageError('backup needs --to FILE');
  const file = databaseFile(values.data ?? defaultDataDir());
  if (!existsSync(file)) throw new UsageError(`no hub database at ${file}`);
  const target = resolve(values.to);
  if (existsSync(target)) throw new UsageError(`${target} exists; backup never overwrites a file`);
  const { pages } = await backupSqlite(file, target);
  io.err(
    `Backed up ${file} to ${target} (${pages} pages). To restore: stop the hub, copy it to warroom.sqlite in the data folder.`,
  );
  return 0;
}
