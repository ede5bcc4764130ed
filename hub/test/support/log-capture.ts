import { pino } from 'pino';
import type { Logger } from '../../log.js';

/** A logger that keeps its JSON lines, so a test can count what the hub logged (e.g. rate-limit spells). */
export function captureLogs(level: 'debug' | 'info' | 'warn' = 'info'): {
  readonly logger: Logger;
  count(message: string): number;
} {
  const lines: { msg?: string }[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line) as { msg?: string }) });
  return { logger, count: (message) => lines.filter((line) => line.msg === message).length };
}
