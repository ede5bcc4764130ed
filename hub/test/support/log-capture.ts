import { createLogger, type Logger } from '../../log.js';
import { appendSuiteLog } from './suite-logs.js';

/** A logger that keeps its JSON lines, so a test can count what the hub logged (e.g. rate-limit spells). */
export function captureLogs(level: 'debug' | 'info' | 'warn' = 'info'): {
  readonly logger: Logger;
  count(message: string): number;
  /** The lines with this message, with their fields. */
  lines(message: string): Record<string, unknown>[];
} {
  const lines: { msg?: string; [field: string]: unknown }[] = [];
  // The hub's own logger (with its redaction), and every line also goes to the run's logs for the secrets check.
  const logger = createLogger(
    {
      write: (line: string) => {
        lines.push(JSON.parse(line) as { msg?: string; [field: string]: unknown });
        appendSuiteLog(`captured-${process.pid}`, line);
      },
    },
    level,
  );
  return {
    logger,
    count: (message) => lines.filter((line) => line.msg === message).length,
    lines: (message) => lines.filter((line) => line.msg === message),
  };
}
