import { parseArgs } from 'node:util';
import { ALERT_SOURCES, alertSourceSchema, type AlertSource } from '../../shared/alerts/alert.js';
import { userRoleSchema } from '../../shared/domain/authorize.js';
import { UserRoleConflictError } from '../auth/user-store.js';
import { defaultDataDir } from '../data-dir.js';
import type { HubStore } from '../store/hub-store.js';
import { databaseUrlFrom, openHubStore, secretsKeyFileFrom } from '../store/open-store.js';
import { NewerSchemaError } from '../store/schema-version.js';
import { backupCommand, copyCommand, migrateCommand } from './store-commands.js';
import { serve } from './serve.js';
import { startDesktop } from './start-desktop.js';
import { STORE_OPTIONS, UsageError, help, type CliIo } from './cli-io.js';
import { userNameArg } from './user-name.js';

export { UsageError, type CliIo } from './cli-io.js';

/** Runs one CLI command; resolves to the exit code (serve resolves once the hub is listening). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof UserRoleConflictError || error instanceof NewerSchemaError) {
      io.err(`warroom-hub: ${error.message}`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`warroom-hub: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return help(io, 'main');
  if (command === 'serve' || command === 'start')
    return serveCommand(
      command,
      [sub, ...rest].filter((a): a is string => a !== undefined),
      io,
    );
  if (command === 'token') {
    if (!sub || sub === '--help' || sub === '-h') return help(io, 'token');
    if (sub === 'create') return tokenCreate(rest, io);
    if (sub === 'revoke') return tokenRevoke(rest, io);
    if (sub === 'list') return tokenList(rest, io);
    throw new UsageError(`unknown token command "${sub}". Try: warroom-hub token --help`);
  }
  if (command === 'user') {
    if (sub === 'role') return userRole(rest, io);
    if (!sub || sub === '--help' || sub === '-h') return help(io, 'userRole');
    throw new UsageError(`unknown user command "${sub}". Try: warroom-hub user role --help`);
  }
  const args = [sub, ...rest].filter((a): a is string => a !== undefined);
  if (command === 'migrate') return migrateCommand(args, io);
  if (command === 'copy') return copyCommand(args, io);
  if (command === 'backup') return backupCommand(args, io);
  throw new UsageError(`unknown command "${command}". Try: warroom-hub --help`);
}

async function serveCommand(command: 'serve' | 'start', args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4380' },
      host: { type: 'string', default: '127.0.0.1' },
      ...STORE_OPTIONS,
      'no-local-token': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return help(io, command);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0-65535, got "${values.port}"`);
  const dataDir = values.data ?? defaultDataDir();
  const where = {
    dataDir,
    databaseUrl: databaseUrlFrom(values.database),
    secretsKeyFile: secretsKeyFileFrom(values['secrets-key']),
  };
  if (command === 'start') await startDesktop({ port, host: values.host, ...where }, io);
  else await serve({ port, host: values.host, ...where, localToken: !values['no-local-token'] }, io);
  return 0;
}

/**
 * Opens the store the hub uses (--database / WARROOM_DATABASE_URL, else SQLite in --data), closes it after. Without
 * the start's secrets check: a lost key must not keep `token revoke` from running.
 */
async function withStore<T>(values: StoreValues, use: (store: HubStore) => Promise<T>): Promise<T> {
  const store = await openHubStore(
    {
      dataDir: values.data ?? defaultDataDir(),
      databaseUrl: databaseUrlFrom(values.database),
      secretsKeyFile: secretsKeyFileFrom(values['secrets-key']),
      checkSecrets: false,
    },
    () => Date.now(),
  );
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** The STORE_OPTIONS as parseArgs gives them. */
interface StoreValues {
  readonly data?: string | undefined;
  readonly database?: string | undefined;
  readonly 'secrets-key'?: string | undefined;
}

function integrationOf(value: string): AlertSource {
  const source = alertSourceSchema.safeParse(value);
  if (!source.success) throw new UsageError(`--integration must be one of ${ALERT_SOURCES.join(', ')}`);
  return source.data;
}

/** An integration's token: it may post to /api/webhooks/<source> and nothing else. */
async function integrationTokenCreate(
  value: string,
  secret: string | undefined,
  where: StoreValues,
  io: CliIo,
): Promise<number> {
  const source = integrationOf(value);
  if (source === 'sentry' && !secret?.trim())
    throw new UsageError(
      '--integration sentry needs --secret CLIENT_SECRET (the Client Secret Sentry shows for your internal integration; it signs every webhook)',
    );
  if (source !== 'sentry' && secret !== undefined)
    throw new UsageError('--secret is only for --integration sentry (Sentry signs its webhooks)');
  const { token, tokenId } = await withStore(where, (store) =>
    store.integrations.create(source, secret?.trim() ?? null),
  );
  io.out(token);
  io.err(
    `Token ${tokenId} created for the ${source} integration. It is shown only this once.\n` +
      `It may post alerts to /api/webhooks/${source} only, as "Authorization: Bearer <token>" or "?token=<token>".` +
      (source === 'sentry' ? '\nSentry-Hook-Signature is checked with the client secret you gave.' : ''),
  );
  return 0;
}

async function tokenCreate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      user: { type: 'string' },
      role: { type: 'string' },
      integration: { type: 'string' },
      secret: { type: 'string' },
      ...STORE_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return help(io, 'tokenCreate');
  if (values.integration !== undefined) {
    if (values.user !== undefined || values.role !== undefined)
      throw new UsageError('token create takes either --user and --role, or --integration');
    return integrationTokenCreate(values.integration, values.secret, values, io);
  }
  if (values.secret !== undefined) throw new UsageError('--secret goes with --integration sentry');
  const name = userNameArg(values.user);
  const role = userRoleSchema.safeParse(values.role);
  if (!role.success) throw new UsageError('--role must be admin, responder or viewer');
  const { token, user, tokenId } = await withStore(values, (store) => store.users.createToken(name, role.data));
  io.out(token);
  io.err(`Token ${tokenId} created for ${user.name} (${user.role}). It is shown only this once.`);
  return 0;
}

async function tokenRevoke(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      id: { type: 'string' },
      token: { type: 'string' },
      user: { type: 'string' },
      integration: { type: 'string' },
      ...STORE_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return help(io, 'tokenRevoke');
  const given = [values.id, values.token, values.user, values.integration].filter((v) => v !== undefined);
  if (given.length !== 1)
    throw new UsageError('token revoke takes exactly one of --id, --token or --user (or --integration SOURCE)');
  if (values.integration !== undefined) {
    const source = integrationOf(values.integration);
    return reportRevoked(await withStore(values, (store) => store.integrations.revokeIntegration(source)), io);
  }
  const by =
    values.id !== undefined
      ? { id: values.id }
      : values.token !== undefined
        ? { token: values.token }
        : { user: values.user ?? '' };
  return reportRevoked(await withStore(values, (store) => store.users.revoke(by)), io);
}

function reportRevoked(count: number, io: CliIo): number {
  if (count === 0) {
    io.err('warroom-hub: no active token matched; nothing was revoked.');
    return 1;
  }
  io.err(
    `Revoked ${count} token${count === 1 ? '' : 's'}. Connected clients using ${count === 1 ? 'it' : 'them'} are disconnected within a second and told why.`,
  );
  return 0;
}

/** Gives an existing user another role; their open connections take it up at once. */
async function userRole(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      user: { type: 'string' },
      role: { type: 'string' },
      ...STORE_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return help(io, 'userRole');
  if (!values.user) throw new UsageError('--user NAME is required');
  const role = userRoleSchema.safeParse(values.role);
  if (!role.success) throw new UsageError('--role must be admin, responder or viewer');
  const name = values.user;
  const user = await withStore(values, (store) => store.users.setRole(name, role.data));
  if (!user) {
    io.err(`warroom-hub: no user named "${name}"; nothing was changed. 'warroom-hub token list' shows who exists.`);
    return 1;
  }
  io.err(`${user.name} is now ${user.role}. Their open connections take the new role within a second.`);
  return 0;
}

async function tokenList(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { ...STORE_OPTIONS, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return help(io, 'token');
  for (const t of await withStore(values, (store) => store.users.listTokens()))
    io.out(
      `${t.id}\t${t.user ?? t.integration}\t${t.role ?? 'integration'}\t${t.createdAt}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}`,
    );
  return 0;
}
