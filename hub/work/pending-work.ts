/**
 * Work a component started and does not wait for (pages submitted, messages sent), kept so that `settled()` can wait
 * for all of it: tests and a clean stop. Work tracked while waiting is waited for too.
 */
export class PendingWork {
  private readonly pending = new Set<Promise<unknown>>();

  track(work: Promise<unknown>): void {
    const tracked = work.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
