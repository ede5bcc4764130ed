import { commandError } from '../../shared/domain/errors.js';
import { TokenBucket, type CommandRate } from '../../shared/protocol/rate-limit.js';
import type { CommandAck } from '../../shared/protocol/wire.js';

export interface ByteRate {
  readonly burst: number;
  readonly perSecond: number;
}

/**
 * Bytes of commands per token, over all its connections: the command rate counts commands, and a few large ones a
 * second (postmortems) could still write hundreds of megabytes into the log in a minute. Per node: behind a
 * balancer each node keeps its own count.
 */
export class CommandByteAllowance {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly rate: ByteRate,
    private readonly now: () => number,
  ) {}

  /** Null: go ahead (the bytes are taken). Otherwise the `rate_limited` answer, with when to send again. */
  check(tokenId: string, bytes: number): CommandAck | null {
    const now = this.now();
    let bucket = this.buckets.get(tokenId);
    if (!bucket) {
      bucket = new TokenBucket(this.rate satisfies CommandRate, now);
      this.buckets.set(tokenId, bucket);
    }
    const wait = bucket.take(now, Math.min(bytes, this.rate.burst));
    if (wait === 0) return null;
    return {
      ok: false,
      error: commandError(
        'rate_limited',
        `Too much data from this sign-in (at most ${kib(this.rate.burst)} at once, then ${kib(this.rate.perSecond)} a second). Nothing was changed: send it again in ${(wait / 1000).toFixed(1)} s.`,
      ),
      retryAfterMs: wait,
    };
  }

  /** The token's last connection closed: forget its count once it has refilled (a reconnect must not reset it). */
  release(tokenId: string): void {
    if (this.buckets.get(tokenId)?.isFull(this.now())) this.buckets.delete(tokenId);
  }
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
