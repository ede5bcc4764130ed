import { ensureLocalAdminToken } from '../auth/local-token.js';
import { storageStartError } from '../files/storage-errors.js';
import { contactOptionsFrom } from '../contact/contact-env.js';
import { startHub } from '../hub.js';
import { createLogger } from '../log.js';
import type { CliIo } from './run-cli.js';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL instead of SQLite in dataDir (--database, WARROOM_DATABASE_URL). */
  readonly databaseUrl?: string | undefined;
  /** --secrets-key, WARROOM_SECRETS_KEY_FILE; default in dataDir. */
  readonly secretsKeyFile?: string | undefined;
  readonly localToken: boolean;
}

const STOP_TIMEOUT_MS = 10_000;

/** Starts the hub and keeps it running until SIGINT/SIGTERM, then closes cleanly. */
export async function serve(options: ServeOptions, io: CliIo): Promise<void> {
  const logger = createLogger();
  // Read once the data folder is known to be usable (smtp.json is in it): a folder the hub cannot use is said first.
  const contact = () => contactOptionsFrom(process.env, options.dataDir);
  const hub = await startHub({ ...options, logger, contact }).catch((error: unknown) => {
    // Also what the hub reads before the store (review-gate.json): a folder it cannot use is said with its cause.
    throw storageStartError(error, { dataDir: options.dataDir });
  });
  if (options.localToken) {
    const { file, created } = await ensureLocalAdminToken(options.dataDir, hub.users).catch(async (error: unknown) => {
      await hub.close();
      throw storageStartError(error, { dataDir: options.dataDir });
    });
    logger.info({ file, created }, 'local admin token file');
  }
  io.err(`Warroom hub on ${hub.url} (data: ${options.dataDir})`);
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    // A stop must end the process: a supervisor (systemd, a balancer's drain) waits for it. Past this, say where the
    // stop waited and exit anyway; everything acked is already durable.
    setTimeout(() => {
      logger.error({ step: hub.closingStep(), afterMs: STOP_TIMEOUT_MS }, 'shutdown did not finish; exiting');
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
