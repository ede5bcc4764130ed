import { useSyncExternalStore } from 'react';

/**
 * One shared ticking clock for every live time on screen: one interval while anything shows a clock, none
 * otherwise. Components ask for the granularity they show (a seconds clock, or minutes on the board), so they
 * re-render only when what they show can change. Tests drive it with fake timers (vi.useFakeTimers).
 */
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let current = Date.now();

function tick(): void {
  current = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    current = Date.now();
    timer = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function read(): number {
  // Between ticks, or before the first subscriber, catch up with the wall clock once per second at most.
  const now = Date.now();
  if (now - current >= 1000 || now < current) current = now;
  return current;
}

/** Milliseconds since the epoch, rounded down to `stepMs`, updated as time passes. */
export function useNow(stepMs = 1000): number {
  return useSyncExternalStore(subscribe, () => Math.floor(read() / stepMs) * stepMs);
}
