import { z } from 'zod';

/**
 * How fast one connection may send commands: `burst` at once after a quiet spell, then `perSecond` sustained. The hub
 * enforces it per connection and announces it in `welcome`, so a client can pace itself instead of being refused.
 */
export const commandRateSchema = z.object({
  burst: z.number().int().positive(),
  perSecond: z.number().positive(),
});
export type CommandRate = z.infer<typeof commandRateSchema>;

/**
 * A token bucket: it holds up to `burst` tokens and refills at `perSecond`; each command takes one. Time is passed in
 * (milliseconds from the caller's clock), so it is tested without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rate: CommandRate,
    now: number,
  ) {
    this.tokens = rate.burst;
    this.at = now;
  }

  /**
   * Takes `amount` tokens (a command, or a command's bytes) and answers 0, or takes nothing and answers how many
   * milliseconds until there are that many.
   */
  take(now: number, amount = 1): number {
    this.refill(now);
    if (this.tokens >= amount) {
      this.tokens -= amount;
      return 0;
    }
    return Math.max(1, Math.ceil(((amount - this.tokens) / this.rate.perSecond) * 1000));
  }

  /** Refilled to the brim: forgetting it costs the owner nothing. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.rate.burst;
  }

  /** Empties the bucket: the other side said we are over its limit, whatever we counted. */
  empty(now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(now: number): void {
    // A clock that steps back (NTP) refills nothing rather than taking tokens away.
    const elapsed = Math.max(0, now - this.at);
    this.tokens = Math.min(this.rate.burst, this.tokens + (elapsed / 1000) * this.rate.perSecond);
    this.at = Math.max(this.at, now);
  }
}

/**
 * The pace a client keeps so that delays on the way (commands sent apart, held up, then arriving together) do not
 * push it over the hub's limit: half the burst and four fifths of the rate announced. The hub's unused half of the
 * burst absorbs a hold-up of `burst / 2 / perSecond` at the start (2.5 s with the defaults), more once it refills.
 */
export function clientPace(announced: CommandRate): CommandRate {
  return { burst: Math.max(1, Math.floor(announced.burst / 2)), perSecond: announced.perSecond * 0.8 };
}
