import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureLocalAdminToken } from '../auth/local-token.js';
import { hubLogFile, localTokenFile } from '../data-dir.js';
import { createPrivateFile, makePrivateDir } from '../files/private-file.js';
import { storageStartError } from '../files/storage-errors.js';
import { contactOptionsFrom } from '../contact/contact-env.js';
import { startHub, type RunningHub } from '../hub.js';
import { createFileLogger } from '../log.js';
import { locateElectron, type ElectronBinary } from './electron-binary.js';
import type { CliIo } from './run-cli.js';

export interface StartOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL instead of SQLite in dataDir (--database, WARROOM_DATABASE_URL). */
  readonly databaseUrl?: string | undefined;
  /** --secrets-key, WARROOM_SECRETS_KEY_FILE; default in dataDir. */
  readonly secretsKeyFile?: string | undefined;
  /** For tests: where to look for Electron (default: this package). */
  readonly electron?: ElectronBinary;
}

/** The package root: Electron is launched on it and reads package.json's "main". */
const APP_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * `npm start`: the local hub, then the desktop app connected to it. Without an Electron binary the hub
 * keeps running and the web client's sign-in link is printed instead of a stack trace.
 */
export async function startDesktop(options: StartOptions, io: CliIo): Promise<RunningHub> {
  const logFile = hubLogFile(options.dataDir);
  const hub = await startLogged(options, logFile);
  await ensureLocalAdminToken(options.dataDir, hub.users).catch(async (error: unknown) => {
    await hub.close();
    throw storageStartError(error, { dataDir: options.dataDir });
  });
  const tokenFile = localTokenFile(options.dataDir);
  const token = readFileSync(tokenFile, 'utf8').trim();
  const signIn = `${hub.url}/#token=${token}`;
  const electron = options.electron ?? locateElectron();

  if (!electron.found) {
    io.err(
      [
        '',
        `Warroom hub is running on ${hub.url} (data: ${options.dataDir}, log: ${logFile}).`,
        `The desktop app cannot start here: ${electron.reason}.`,
        '(Electron downloads its binary during npm install; offline, behind a proxy, or with',
        'ELECTRON_SKIP_BINARY_DOWNLOAD=1 it is skipped. Reinstall with internet access to get it.)',
        '',
        'Use the web client instead; this link signs you in as the local admin:',
        `  ${signIn}`,
        '',
        'Press Ctrl+C to stop the hub.',
      ].join('\n'),
    );
    stopOnSignals(hub);
    return hub;
  }

  io.err(`Warroom hub on ${hub.url}; starting the desktop app…`);
  const app = spawn(electron.path, [APP_ROOT], {
    stdio: 'inherit',
    env: { ...process.env, WARROOM_HUB_URL: hub.url, WARROOM_LOCAL_TOKEN_FILE: tokenFile },
  });
  app.once('error', (error) => {
    io.err(`The desktop app failed to start (${error.message}). The hub keeps running; web client: ${signIn}`);
  });
  app.once('exit', (code) => {
    io.err(`The desktop app exited${code ? ` with code ${code}` : ''}; stopping the hub.`);
    void hub.close().then(() => process.exit(code ?? 0));
  });
  stopOnSignals(hub);
  return hub;
}

/**
 * The log file is made 0600 (in a 0700 folder) before the logger opens it, which would make it 0644; a folder it
 * cannot be made in stops the start with the folder's path and the cause, not an unhandled stream error.
 */
async function startLogged(options: StartOptions, logFile: string): Promise<RunningHub> {
  try {
    makePrivateDir(options.dataDir);
    createPrivateFile(logFile);
    return await startHub({
      ...options,
      logger: createFileLogger(logFile),
      contact: () => contactOptionsFrom(process.env, options.dataDir),
    });
  } catch (error) {
    throw storageStartError(error, { dataDir: options.dataDir });
  }
}

function stopOnSignals(hub: RunningHub): void {
  const stop = () => void hub.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
