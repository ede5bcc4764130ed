import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createLogger, silentLogger, type Logger } from '../../log.js';

/**
 * Every log line written during a test run goes to one folder (set by the global setup), with every token and secret
 * the tests made; after the run the global teardown greps the lines for each of them (and for anything shaped like a
 * token). A leak fails the run, naming the file and line.
 */
export const SUITE_LOG_DIR_ENV = 'WARROOM_TEST_LOG_DIR';

let workerLogger: Logger | null = null;

/** This worker's logger (debug level, so every line a hub can write is written), or silent outside a test run. */
export function suiteLogger(): Logger {
  const dir = process.env[SUITE_LOG_DIR_ENV];
  if (!dir) return silentLogger;
  workerLogger ??= createLogger(
    pino.destination({ dest: join(dir, `worker-${process.pid}.log`), sync: true, append: true }),
    'debug',
  );
  return workerLogger;
}

/** Appends a finished log line (a captured logger's, a hub process's stdout) to this run's logs. */
export function appendSuiteLog(name: string, text: string): void {
  const dir = process.env[SUITE_LOG_DIR_ENV];
  if (dir) appendFileSync(join(dir, `${name}.log`), text);
}

/** Notes tokens and secrets the tests made, for the check after the run. */
export function recordSecrets(...values: readonly (string | null | undefined)[]): void {
  const dir = process.env[SUITE_LOG_DIR_ENV];
  const kept = values.filter((v): v is string => typeof v === 'string' && v.length >= 8);
  if (dir && kept.length > 0) appendFileSync(join(dir, `secrets-${process.pid}.txt`), `${kept.join('\n')}\n`);
}

export interface LogLeak {
  readonly file: string;
  readonly line: number;
  /** The start of what leaked, never all of it. */
  readonly what: string;
}

/** Greps every log line in `dir` for every recorded secret and for token-shaped strings. */
export function findLogLeaks(dir: string): { files: number; lines: number; secrets: number; leaks: LogLeak[] } {
  const names = readdirSync(dir);
  const secrets = new Set(
    names
      .filter((n) => n.startsWith('secrets-'))
      .flatMap((n) => readFileSync(join(dir, n), 'utf8').split('\n'))
      .filter((s) => s.length > 0),
  );
  const logs = names.filter((n) => n.endsWith('.log'));
  const leaks: LogLeak[] = [];
  let lines = 0;
  for (const name of logs) {
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (text.length === 0) return;
        lines++;
        const token = /wr_(?!\[redacted\])[A-Za-z0-9_-]{16,}/.exec(text)?.[0];
        const secret = token ?? [...secrets].find((s) => text.includes(s));
        if (secret) leaks.push({ file: name, line: index + 1, what: `${secret.slice(0, 6)}…` });
      });
  }
  return { files: logs.length, lines, secrets: secrets.size, leaks };
}

/** For a global setup: makes the run's log folder and returns the check to run after the run. */
export function startSuiteLogs(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-test-logs-'));
  process.env[SUITE_LOG_DIR_ENV] = dir;
  return () => {
    delete process.env[SUITE_LOG_DIR_ENV];
    const { files, lines, secrets, leaks } = findLogLeaks(dir);
    if (leaks.length === 0) {
      // hub/test/suite-logs.test.ts checks that hubs write here, so this never passes by looking at nothing.
      console.info(`log check: ${lines} lines in ${files} files, ${secrets} tokens and secrets, none leaked`);
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    const where = leaks.slice(0, 20).map((l) => `  ${l.file}:${l.line} ${l.what}`);
    console.error(`Secrets in the test run's logs (${dir}, kept for reading):\n${where.join('\n')}`);
    // Vitest reports an error thrown by a global teardown but still exits 0: fail the run by hand.
    process.exitCode = 1;
  };
}
