import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Structured JSON logs on stdout (or `destination`); level from WARROOM_LOG_LEVEL, default info. */
export function createLogger(destination?: DestinationStream): Logger {
  const level = process.env.WARROOM_LOG_LEVEL ?? 'info';
  const options = { level, base: { app: 'warroom-hub' } };
  return destination ? pino(options, destination) : pino(options);
}

/** JSON logs appended to a file: for `start`, whose terminal is for the person, not the logs. */
export function createFileLogger(file: string): Logger {
  return createLogger(pino.destination({ dest: file, mkdir: true, sync: false }));
}

export const silentLogger: Logger = pino({ level: 'silent' });
