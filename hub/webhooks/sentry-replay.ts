import type { WebhookHeaders } from './parse-support.js';

/** How far `Sentry-Hook-Timestamp` may be from the hub's clock, either way. */
export const SENTRY_TIMESTAMP_TOLERANCE_MS = 5 * 60_000;
/** Deliveries are remembered this long: past it, a replay's timestamp is outside the tolerance anyway. */
const REMEMBER_MS = 2 * SENTRY_TIMESTAMP_TOLERANCE_MS;
/** Memory stays bounded under a flood of signed deliveries; the oldest are forgotten first. */
const MAX_REMEMBERED = 50_000;

export type ReplayCheck =
  | { readonly ok: true; readonly release: () => void }
  | {
      readonly ok: false;
      readonly status: 401 | 409;
      readonly code: 'stale_request' | 'replayed';
      readonly message: string;
    };

/**
 * Refuses Sentry deliveries that are replays (run after the signature is checked). Sentry sends each delivery with
 * `Sentry-Hook-Timestamp` (Unix seconds) and a unique `Request-ID`: a delivery whose timestamp is more than 5 minutes
 * off is refused (401 `stale_request`); one whose Request-ID, or whose signature and timestamp together, came before
 * is refused (409 `replayed`). Only deliveries the hub took (202) stay remembered, so a sender may retry a 400 or 503.
 * In memory: a restart forgets, and the timestamp window is what then still stands.
 */
export class SentryReplayGuard {
  /** Delivery key -> when it may be forgotten (ms). Insertion order is arrival order. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  check(headers: WebhookHeaders): ReplayCheck {
    const now = this.now();
    this.forget(now);
    const timestamp = headers['sentry-hook-timestamp']?.trim();
    if (timestamp !== undefined) {
      const sentAt = Number(timestamp) * 1000;
      if (!/^\d+(\.\d+)?$/.test(timestamp) || Math.abs(now - sentAt) > SENTRY_TIMESTAMP_TOLERANCE_MS)
        return {
          ok: false,
          status: 401,
          code: 'stale_request',
          message: `Sentry-Hook-Timestamp "${timestamp.slice(0, 40)}" is more than ${SENTRY_TIMESTAMP_TOLERANCE_MS / 60_000} minutes from the hub's time: a replay, or a clock far off. Nothing was kept.`,
        };
    }
    const keys = deliveryKeys(headers, timestamp);
    const repeated = keys.find((key) => this.seen.has(key));
    if (repeated)
      return {
        ok: false,
        status: 409,
        code: 'replayed',
        message: `This Sentry delivery (${repeated.startsWith('request:') ? 'same Request-ID' : 'same signature and timestamp'}) was taken already; it is not taken twice.`,
      };
    // Held at once, so a copy arriving while this one is being stored is refused; released if it is not taken.
    for (const key of keys) this.seen.set(key, now + REMEMBER_MS);
    return {
      ok: true,
      release: () => {
        for (const key of keys) this.seen.delete(key);
      },
    };
  }

  private forget(now: number): void {
    for (const [key, until] of this.seen) {
      if (until > now && this.seen.size <= MAX_REMEMBERED) break;
      this.seen.delete(key);
    }
  }
}

function deliveryKeys(headers: WebhookHeaders, timestamp: string | undefined): string[] {
  const keys: string[] = [];
  const requestId = headers['request-id']?.trim();
  if (requestId) keys.push(`request:${requestId}`);
  const signature = headers['sentry-hook-signature']?.trim().toLowerCase();
  if (signature && timestamp !== undefined) keys.push(`signed:${signature}:${timestamp}`);
  return keys;
}
