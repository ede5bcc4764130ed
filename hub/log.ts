import { pino, type DestinationStream, type Logger } from 'pino';
import { redactLogLine } from './log-redaction.js';

export type { Logger } from 'pino';

/**
 * Structured JSON logs on stdout (or `destination`); level from WARROOM_LOG_LEVEL, default info. Every line is
 * redacted as it is written (hub/log-redaction.ts): no token, secret or query string reaches a log.
 *
 * Stdout is written asynchronously: a synchronous write per line (one per command) held the event loop, and a
 * reader slower than the hub (a pipe) blocked it. pino flushes what is buffered when the process exits; only a
 * SIGKILL can lose the last lines, never data (the event log is the record).
 */
export function createLogger(destination?: DestinationStream, level = process.env.WARROOM_LOG_LEVEL ?? 'info'): Logger {
  const options = { level, base: { app: 'warroom-hub' }, hooks: { streamWrite: redactLogLine } };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

/** JSON logs appended to a file: for `start`, whose terminal is for the person, not the logs. */
export function createFileLogger(file: string): Logger {
  return createLogger(pino.destination({ dest: file, mkdir: true, sync: false }));
}

export const silentLogger: Logger = pino({ level: 'silent' });
