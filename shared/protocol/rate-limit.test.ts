import { describe, expect, it } from 'vitest';
import { TokenBucket, clientPace } from './rate-limit.js';

describe('TokenBucket', () => {
  it('gives its burst at once, then one token per 1/perSecond, never more than the burst', () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 10 }, 0);
    expect([0, 0, 0].map((now) => bucket.take(now))).toEqual([0, 0, 0]);
    expect(bucket.take(0)).toBe(100); // the next token in 100 ms
    expect(bucket.take(40)).toBe(60); // nothing taken while waiting
    expect(bucket.take(100)).toBe(0);
    // A long quiet spell refills only up to the burst.
    expect([10_000, 10_000, 10_000, 10_000].map((now) => bucket.take(now))).toEqual([0, 0, 0, 100]);
  });

  it('refills nothing when the clock steps back, and empty() drops what is left', () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 1 }, 5000);
    expect(bucket.take(5000)).toBe(0);
    expect(bucket.take(1000)).toBe(0); // one left; an earlier time adds nothing
    expect(bucket.take(1000)).toBe(1000);
    bucket.empty(5500);
    expect(bucket.take(5500)).toBe(1000);
  });
});

describe('TokenBucket.take(amount)', () => {
  it('takes many at once (bytes) or nothing, saying how long until there are enough; full again after refilling', () => {
    const bucket = new TokenBucket({ burst: 1000, perSecond: 100 }, 0);
    expect(bucket.take(0, 600)).toBe(0);
    expect(bucket.take(0, 600)).toBe(2000); // 200 missing at 100 a second
    expect(bucket.isFull(0)).toBe(false);
    expect(bucket.take(2000, 600)).toBe(0);
    expect(bucket.isFull(20_000)).toBe(true);
  });
});

describe('clientPace', () => {
  it('keeps under the announced limit: half the burst, four fifths of the rate', () => {
    expect(clientPace({ burst: 100, perSecond: 20 })).toEqual({ burst: 50, perSecond: 16 });
    expect(clientPace({ burst: 1, perSecond: 1 })).toEqual({ burst: 1, perSecond: 0.8 });
  });
});
