import type { Timers } from '../clock.js';
import { T0 } from '../domain/test-support.js';

/** A clock and timers moved by hand: `advance` fires what falls due, in order. */
export class FakeTime implements Timers {
  now = Date.parse(T0);
  private next = 1;
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
    const until = this.now + ms;
    for (;;) {
      const due = [...this.waiting].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.waiting.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }
}
