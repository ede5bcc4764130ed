/**
 * Answers computed from one state, reused while the hub's state is the same object: the reducer makes a new one on
 * every commit, so an entry can never be stale, and a state no longer current takes its entries with it when it is
 * collected. A dashboard polling metrics, or several at once, then costs one computation per commit and period.
 */
export class PerStateCache<V> {
  private readonly byState = new WeakMap<object, Map<string, V>>();

  constructor(private readonly maxPerState = 16) {}

  get(state: object, key: string, make: () => V): V {
    let entries = this.byState.get(state);
    if (!entries) this.byState.set(state, (entries = new Map()));
    const found = entries.get(key);
    if (found !== undefined) return found;
    const made = make();
    // Bounded: a client asking for ever new periods at one seq cannot grow it without end.
    if (entries.size >= this.maxPerState) entries.clear();
    entries.set(key, made);
    return made;
  }
}
