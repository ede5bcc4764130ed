import { afterEach } from 'vitest';
import type { TestClient } from './test-client.js';

export interface Cleanup {
  /** Steps to run after each test, last pushed first (what started last stops first). */
  readonly steps: (() => Promise<void>)[];
  /** Clients to close after each test, before the steps. */
  readonly clients: TestClient[];
}

/** Registers, in the calling describe block, an afterEach that closes the clients and runs the steps. */
export function useCleanup(): Cleanup {
  const steps: (() => Promise<void>)[] = [];
  const clients: TestClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    for (const step of steps.splice(0).reverse()) await step();
  }, 60_000);
  return { steps, clients };
}
