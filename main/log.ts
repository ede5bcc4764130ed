/** Main-process log lines (stderr, one per event). Plain modules take a Logger so tests can read what they say. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (message, details) => console.info(`[warroom] ${message}`, ...(details ? [details] : [])),
  warn: (message, details) => console.warn(`[warroom] ${message}`, ...(details ? [details] : [])),
  error: (message, details) => console.error(`[warroom] ${message}`, ...(details ? [details] : [])),
};
