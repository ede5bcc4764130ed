import { commandError } from '../../shared/domain/errors.js';
import { TokenBucket, type CommandRate } from '../../shared/protocol/rate-limit.js';
import type { CommandAck } from '../../shared/protocol/wire.js';

/**
 * Once a connection is over its allowance, all its commands are refused for at least this long. Commands a client
 * had already sent when the first refusal reached it are refused too, so none of them overtakes the refused one: a
 * client that sends again in order, after the delay, keeps its order.
 */
export const RATE_LIMIT_PAUSE_MS = 1000;

/**
 * One connection's command allowance. A command over it is answered `rate_limited` with `retryAfterMs` and goes no
 * further (not parsed, not decided): a flooding client costs the hub little, and other connections keep theirs.
 */
export class CommandRateLimit {
  private readonly bucket: TokenBucket;
  /** Refusing everything until then (clock ms); 0: not paused. */
  private pausedUntil = 0;

  constructor(
    private readonly rate: CommandRate,
    private readonly now: () => number,
  ) {
    this.bucket = new TokenBucket(rate, now());
  }

  /** Null: go ahead. Otherwise the answer to send instead, and whether this refusal starts a pause (to log it once). */
  check(): { ack: CommandAck; pauseStarted: boolean } | null {
    const now = this.now();
    if (now < this.pausedUntil) return { ack: this.refusal(this.pausedUntil - now), pauseStarted: false };
    const wait = this.bucket.take(now);
    if (wait === 0) return null;
    const pause = Math.max(wait, RATE_LIMIT_PAUSE_MS);
    this.pausedUntil = now + pause;
    return { ack: this.refusal(pause), pauseStarted: true };
  }

  private refusal(retryAfterMs: number): CommandAck {
    const seconds = (retryAfterMs / 1000).toFixed(1);
    return {
      ok: false,
      error: commandError(
        'rate_limited',
        `Too many commands on this connection (at most ${this.rate.burst} at once, then ${this.rate.perSecond} a second). Nothing was changed: send it again in ${seconds} s.`,
      ),
      retryAfterMs,
    };
  }
}
