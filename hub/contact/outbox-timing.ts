/** How long a node holds a claimed message: longer than any send (senders time out at 10-30 s), short enough that a dead node's messages are taken over quickly. */
export const LEASE_MS = 60_000;

/** Tries per message: the first and five retries, over about a quarter of an hour. */
export const MAX_ATTEMPTS = 6;

/** After a claim finds nothing although something is due (another node holds it), look again this much later. */
export const BUSY_POLL_MS = 5_000;

/** The longest wait between tries, whatever a server's Retry-After asks for. */
export const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * When to try again after `attempt` failed tries: 30 s, 1, 2, 4, 8 min (doubling), or later if the server said so
 * (Retry-After), never more than MAX_BACKOFF_MS; null when the tries are used up. No jitter: each message is its own
 * row with its own due time, and the hub sends few enough that retries do not gather into a storm.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  const backoff = 30_000 * 2 ** (attempt - 1);
  return Math.min(Math.max(backoff, retryAfterMs ?? 0), MAX_BACKOFF_MS);
}
