// Starts the boot child on the built main process and waits for it to end by itself (the child's own watchdog ends
// it if something keeps it alive after quitting). Returns how it ended, what it printed and its record.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseRecord, type BootRecord } from './record-format.js';

export interface BootRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly record: BootRecord[];
  /** The user data folder main was given (WARROOM_USER_DATA). */
  readonly profile: string;
  /** The hub the engine was pointed at (nobody listens there). */
  readonly hubUrl: string;
}

export interface BootOptions {
  /** The child's entry (build-child.ts). */
  readonly child: string;
  /** dist/main/main.js */
  readonly main: string;
  /** The repository: Electron's app path in development (build/ is there). */
  readonly appPath: string;
  /** A fresh folder for this run's files. */
  readonly folder: string;
  /** Another instance holds the single-instance lock. */
  readonly lockTaken?: boolean;
  readonly argv?: readonly string[];
  /** A fault the fake plays (fake-electron.ts), for the probes. */
  readonly probe?: 'skip-will-quit';
  /** How long the quit app may take to end (the child's default: 10 s). */
  readonly watchdogMs?: number;
}

/** A local port nobody listens on: the engine's hub, which it keeps trying to reach until it is stopped. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function bootMain(options: BootOptions): Promise<BootRun> {
  const profile = join(options.folder, 'profile');
  const recordFile = join(options.folder, 'record.jsonl');
  const tokenFile = join(options.folder, 'local-admin.token');
  mkdirSync(options.folder, { recursive: true });
  writeFileSync(tokenFile, 'wr_boot-test-token\n');
  // Only what the run needs from the parent: no WARROOM_* settings or NODE_OPTIONS of the test run leak in.
  const hubUrl = `http://127.0.0.1:${await closedPort()}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: options.folder,
    WARROOM_BOOT_MAIN: options.main,
    WARROOM_BOOT_RECORD: recordFile,
    WARROOM_BOOT_ROOT: options.folder,
    WARROOM_BOOT_APP_PATH: options.appPath,
    ...(options.lockTaken ? { WARROOM_BOOT_LOCK: 'taken' } : {}),
    WARROOM_USER_DATA: profile,
    WARROOM_LOCAL_TOKEN_FILE: tokenFile,
    WARROOM_HUB_URL: hubUrl,
    ...(options.probe ? { WARROOM_BOOT_PROBE: options.probe } : {}),
    ...(options.watchdogMs ? { WARROOM_BOOT_WATCHDOG_MS: String(options.watchdogMs) } : {}),
  };
  const child = spawn(process.execPath, [options.child, ...(options.argv ?? [])], {
    cwd: options.appPath,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A backstop only: the child ends itself well before (its STUCK and STILL_RUNNING watchdogs).
    timeout: 25_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
  const record = existsSync(recordFile) ? parseRecord(readFileSync(recordFile, 'utf8')) : [];
  return { code, signal, stdout, stderr, record, profile, hubUrl };
}
