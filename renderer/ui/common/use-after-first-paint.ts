import { startTransition, useEffect, useState } from 'react';

/**
 * false on the first render, true from a later task on. A screen renders its top part at once and the heavy rest
 * (long lists) afterwards, as a transition React renders in slices, so opening a long incident never blocks the
 * page in one long task.
 */
export function useAfterFirstPaint(key: unknown): boolean {
  const [readyFor, setReadyFor] = useState<unknown>(undefined);
  useEffect(() => {
    const timer = setTimeout(() => startTransition(() => setReadyFor(key)), 0);
    return () => clearTimeout(timer);
  }, [key]);
  return readyFor === key;
}
