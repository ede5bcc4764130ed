/**
 * How long a test waits for something asynchronous (a host answer, a lazy screen, a debounced save) before it
 * fails: generous, because a loaded 2-core machine can take seconds. It is never a measure of speed.
 */
export const PATIENCE_MS = 10_000;

/** Options for vi.waitFor. */
export const WAIT = { timeout: PATIENCE_MS } as const;
