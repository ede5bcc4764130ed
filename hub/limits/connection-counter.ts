/** Open connections per token, so one token (leaked, or scripted in a loop) cannot open connections without end. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerToken: number) {}

  /** Takes a place for this token and returns the function that gives it back (once, however often called); null when full. */
  acquire(tokenId: string): (() => void) | null {
    const count = this.open.get(tokenId) ?? 0;
    if (count >= this.maxPerToken) return null;
    this.open.set(tokenId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(tokenId) ?? 1) - 1;
      if (left > 0) this.open.set(tokenId, left);
      else this.open.delete(tokenId);
    };
  }

  count(tokenId: string): number {
    return this.open.get(tokenId) ?? 0;
  }
}
