import { pino, type DestinationStream, type Logger } from 'pino';
import { redactLogLine } from './log-redaction.js';

export type { Logger } from 'pino';

/**
 * Structured JSON logs on stdout (or `destination`); level from WARROOM_LOG_LEVEL, default info. Every line is
 * redacted as it is written (hub/log-redaction.ts): no token, secret or query string reaches a log.
 */
export function createLogger(destination?: DestinationStream, level = process.env.WARROOM_LOG_LEVEL ?? 'info'): Logger {
  const options = { level, base: { app: 'warroom-hub' }, hooks: { streamWrite: redactLogLine } };
  return destination ? pino(options, destination) : pino(options);
}

/** JSON logs appended to a file: for `start`, whose terminal is for the person, not the logs. */
export function createFileLogger(file: string): Logger {
  return createLogger(pino.destination({ dest: file, mkdir: true, sync: false }));
}

export const silentLogger: Logger = pino({ level: 'silent' });
