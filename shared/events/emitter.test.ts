import { describe, expect, expectTypeOf, it } from 'vitest';
import { Emitter } from './emitter.js';

interface TestEvents {
  count: number;
  word: string;
  tick: null;
}

describe('Emitter', () => {
  it('delivers each payload to the listeners of its event only, in subscription order', () => {
    const emitter = new Emitter<TestEvents>();
    const seen: string[] = [];
    emitter.on('count', (n) => seen.push(`a${n}`));
    emitter.on('count', (n) => seen.push(`b${n}`));
    emitter.on('word', (w) => seen.push(w));
    emitter.emit('count', 1);
    emitter.emit('word', 'hi');
    expect(seen).toEqual(['a1', 'b1', 'hi']);
  });

  it('unsubscribes one subscription, even of a function subscribed twice', () => {
    const emitter = new Emitter<TestEvents>();
    const seen: number[] = [];
    const listener = (n: number): void => void seen.push(n);
    const off = emitter.on('count', listener);
    emitter.on('count', listener);
    off();
    off(); // twice is harmless
    emitter.emit('count', 7);
    expect(seen).toEqual([7]);
    expect(emitter.listenerCount('count')).toBe(1);
  });

  it('keeps a delivery whole when a listener unsubscribes another during it', () => {
    const emitter = new Emitter<TestEvents>();
    const seen: string[] = [];
    let offB = (): void => undefined;
    emitter.on('tick', () => {
      seen.push('a');
      offB();
      emitter.on('tick', () => seen.push('late'));
    });
    offB = emitter.on('tick', () => seen.push('b'));
    emitter.emit('tick');
    expect(seen).toEqual(['a']);
    emitter.emit('tick');
    expect(seen).toEqual(['a', 'a', 'late']);
  });

  it('counts and clears listeners', () => {
    const emitter = new Emitter<TestEvents>();
    emitter.on('count', () => undefined);
    emitter.on('tick', () => undefined);
    expect(emitter.listenerCount()).toBe(2);
    emitter.clear();
    expect(emitter.listenerCount()).toBe(0);
  });

  it('types payloads by event name', () => {
    const emitter = new Emitter<TestEvents>();
    emitter.on('word', (w) => expectTypeOf(w).toEqualTypeOf<string>());
    // @ts-expect-error a number event carries a number
    emitter.emit('count', 'one');
    // @ts-expect-error a payload is required for an event that has one
    emitter.emit('word');
    // @ts-expect-error no such event
    emitter.on('nope', () => undefined);
  });
});
