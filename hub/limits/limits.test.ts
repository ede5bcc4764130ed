import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBucket, clientPace } from '../../shared/protocol/rate-limit.js';
import { CommandRateLimit } from '../socket/command-rate.js';
import { ConnectionCounter } from './connection-counter.js';
import { DEFAULT_LIMITS, resolveLimits } from './limits.js';

describe('resolveLimits', () => {
  it('takes the defaults, then the environment, then the options', () => {
    expect(resolveLimits(undefined, {})).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toEqual({
      commandBurst: 100,
      commandsPerSecond: 20,
      maxConnectionsPerToken: 20,
      commandByteBurst: 4 * 1024 * 1024,
      commandBytesPerSecond: 64 * 1024,
      maxSendBufferBytes: 8 * 1024 * 1024,
    });
    const env = {
      WARROOM_COMMANDS_PER_SECOND: '50',
      WARROOM_MAX_CONNECTIONS_PER_TOKEN: '4',
      WARROOM_MAX_SEND_BUFFER_BYTES: String(2 * 1024 * 1024),
      WARROOM_COMMAND_BYTES_PER_SECOND: '1000',
    };
    expect(resolveLimits(undefined, env)).toEqual({
      ...DEFAULT_LIMITS,
      commandsPerSecond: 50,
      maxConnectionsPerToken: 4,
      maxSendBufferBytes: 2 * 1024 * 1024,
      commandBytesPerSecond: 1000,
    });
    expect(resolveLimits({ commandsPerSecond: 7 }, env)).toMatchObject({
      commandsPerSecond: 7,
      maxConnectionsPerToken: 4,
    });
  });

  it('stops the hub on a value that is not a positive number, naming where it came from', () => {
    expect(() => resolveLimits(undefined, { WARROOM_COMMAND_BURST: 'lots' })).toThrow(/WARROOM_COMMAND_BURST/);
    expect(() => resolveLimits(undefined, { WARROOM_MAX_CONNECTIONS_PER_TOKEN: '2.5' })).toThrow(
      /WARROOM_MAX_CONNECTIONS_PER_TOKEN/,
    );
    expect(() => resolveLimits({ commandsPerSecond: 0 }, {})).toThrow(/commandsPerSecond/);
    // A send buffer smaller than one large message would drop clients that read perfectly well.
    expect(() => resolveLimits(undefined, { WARROOM_MAX_SEND_BUFFER_BYTES: '1000' })).toThrow(
      /WARROOM_MAX_SEND_BUFFER_BYTES/,
    );
  });
});

describe('ConnectionCounter', () => {
  it('holds at most the limit per token, and a place given back once is free again', () => {
    const counter = new ConnectionCounter(2);
    const a = counter.acquire('t1');
    const b = counter.acquire('t1');
    expect(counter.acquire('t1')).toBeNull();
    expect(counter.acquire('t2')).not.toBeNull();
    a?.();
    a?.(); // a second release (disconnect, then the transport's close) gives back nothing more
    expect(counter.count('t1')).toBe(1);
    expect(counter.acquire('t1')).not.toBeNull();
    expect(counter.acquire('t1')).toBeNull();
    b?.();
    expect(counter.count('t1')).toBe(1);
  });
});

const rate = { burst: DEFAULT_LIMITS.commandBurst, perSecond: DEFAULT_LIMITS.commandsPerSecond };

/**
 * A drain of `count` commands in virtual time: the client sends whenever its pace allows; each command reaches the
 * hub `delays[i]` ms later (in order: the connection is one TCP stream). Returns the hub's answers and the last arrival.
 */
function drain(count: number, delays: readonly number[], pace: TokenBucket | null) {
  let hubNow = 0;
  const hub = new CommandRateLimit(rate, () => hubNow);
  let sentAt = 0;
  let arrival = 0;
  const refused: number[] = [];
  for (let i = 0; i < count; i++) {
    for (let wait = pace?.take(sentAt) ?? 0; wait > 0; wait = pace?.take(sentAt) ?? 0) sentAt += wait;
    arrival = Math.max(arrival, sentAt + (delays[i] ?? 0));
    hubNow = arrival;
    if (hub.check()) refused.push(i);
  }
  return { refused, lastArrival: arrival };
}

describe('an app draining its outbox on the default limits (100 at once, 20 a second)', () => {
  it('is never refused when it keeps the announced pace, even when the network holds commands up to 2 s', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 500, maxLength: 500 }), (delays) => {
        const { refused, lastArrival } = drain(500, delays, new TokenBucket(clientPace(rate), 0));
        expect(refused).toEqual([]);
        // Slowed, not stopped: 50 at once, then 16 a second, about half a minute for 500.
        expect(lastArrival).toBeGreaterThan(28_000);
        expect(lastArrival).toBeLessThan(32_000);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('without the pace, 500 sent at once get their 100 and are refused after that', () => {
    const { refused } = drain(500, [], null);
    expect(refused).toEqual(Array.from({ length: 400 }, (_, i) => i + 100));
  });
});
