import type { Clock, Timers } from '../../../shared/clock.js';

/**
 * A clock and timers moved by hand, for a real hub: `advance(ms)` moves time and fires every timer that falls due,
 * in order. Nothing sleeps. One instance can outlive a hub, so a restarted hub sees the time moved on.
 */
export class FakeTime implements Clock, Timers {
  private current: number;
  private nextId = 1;
  private readonly waiting = new Map<number, { at: number; callback: () => void }>();

  constructor(startIso: string) {
    this.current = Date.parse(startIso);
  }

  now = (): number => this.current;

  set = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.waiting.set(id, { at: this.current + Math.max(0, ms), callback });
    return id;
  };

  clear = (handle: unknown): void => {
    this.waiting.delete(handle as number);
  };

  /** Timers still waiting (a stopped hub must leave none behind). */
  get pending(): number {
    return this.waiting.size;
  }

  /**
   * Moves time on and fires what falls due on the way, each at its own moment. After each timer, `settle` (for a
   * hub: its paging settled) runs before time moves further, as it would between real timer ticks.
   */
  async advance(ms: number, settle: () => Promise<void> = async () => {}): Promise<void> {
    const until = this.current + ms;
    for (;;) {
      const next = [...this.waiting].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      const [id, timer] = next;
      this.waiting.delete(id);
      this.current = Math.max(this.current, timer.at);
      timer.callback();
      await settle();
    }
    this.current = until;
  }

  /** Moves time on without firing anything: the hub was not running meanwhile. */
  jump(ms: number): void {
    this.current += ms;
  }

  get iso(): string {
    return new Date(this.current).toISOString();
  }
}
