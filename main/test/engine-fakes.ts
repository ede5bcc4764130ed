/** The engine fake lives beside the engine (shared/sync/test-support.ts); main's tests also run timers by hand. */
export { FakeEngine, viewOf } from '../../shared/sync/test-support.js';

/** Timers run by hand: `runAll` fires everything due, `advance(ms)` moves the clock. */
export class ManualTimers {
  private now = 0;
  private next = 1;
  /** A clock that reads the same time: `advance` moves both. */
  readonly clock = { now: (): number => this.now };
  private readonly waiting = new Map<number, { at: number; callback: () => void }>();

  set = (callback: () => void, ms: number): unknown => {
    const id = this.next++;
    this.waiting.set(id, { at: this.now + ms, callback });
    return id;
  };

  clear = (handle: unknown): void => {
    this.waiting.delete(handle as number);
  };

  get pending(): number {
    return this.waiting.size;
  }

  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.waiting].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.now || !this.waiting.has(id)) continue;
      this.waiting.delete(id);
      timer.callback();
    }
  }
}
