import { ensureLocalAdminToken } from '../auth/local-token.js';
import { startHub } from '../hub.js';
import { createLogger } from '../log.js';
import type { CliIo } from './run-cli.js';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL instead of SQLite in dataDir (--database, WARROOM_DATABASE_URL). */
  readonly databaseUrl?: string | undefined;
  readonly localToken: boolean;
}

/** Starts the hub and keeps it running until SIGINT/SIGTERM, then closes cleanly. */
export async function serve(options: ServeOptions, io: CliIo): Promise<void> {
  const logger = createLogger();
  const hub = await startHub({ ...options, logger });
  if (options.localToken) {
    const { file, created } = await ensureLocalAdminToken(options.dataDir, hub.users);
    logger.info({ file, created }, 'local admin token file');
  }
  io.err(`Warroom hub on ${hub.url} (data: ${options.dataDir})`);
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    hub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
