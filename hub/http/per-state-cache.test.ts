import { describe, expect, it } from 'vitest';
import { PerStateCache } from './per-state-cache.js';

describe('PerStateCache', () => {
  it('computes once per state and key, again for a new state, and stays bounded', () => {
    const cache = new PerStateCache<string>(2);
    let made = 0;
    const make = () => `answer ${++made}`;
    const first = {};
    expect(cache.get(first, 'a', make)).toBe('answer 1');
    expect(cache.get(first, 'a', make)).toBe('answer 1');
    expect(cache.get(first, 'b', make)).toBe('answer 2');
    const next = {};
    expect(cache.get(next, 'a', make)).toBe('answer 3');
    expect(cache.get(next, 'b', make)).toBe('answer 4');
    expect(cache.get(next, 'c', make)).toBe('answer 5'); // full: the older entries go
    expect(cache.get(next, 'a', make)).toBe('answer 6');
  });
});
