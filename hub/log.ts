import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Structured JSON logs on stdout (or `destination`); level from WARROOM_LOG_LEVEL, default info. */
export function createLogger(destination?: NodeJS.WritableStream): Logger {
  const level = process.env.WARROOM_LOG_LEVEL ?? 'info';
  const options = { level, base: { app: 'warroom-hub' } };
  return destination ? pino(options, destination) : pino(options);
}

export const silentLogger: Logger = pino({ level: 'silent' });
