/** A listener for an event whose payload is `P`; events without a payload (`null`/`void`) take none. */
export type Listener<P> = [P] extends [null | void | undefined] ? () => void : (payload: P) => void;

/**
 * A small typed event emitter: one set of listeners per event name, payloads typed by the `Events` map.
 * Listeners run in the order they subscribed; one that unsubscribes itself (or another) while an event is being
 * delivered does not disturb that delivery.
 */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  /** Calls `listener` with every `name` event; returns the unsubscribe function. */
  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    this.listeners.set(name, set);
    // The same function may subscribe twice; each subscription is its own entry.
    const entry = (payload: Events[K]): void => (listener as (payload: Events[K]) => void)(payload);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  emit<K extends keyof Events>(name: K, ...payload: PayloadArgs<Events[K]>): void {
    const set = this.listeners.get(name);
    if (!set || set.size === 0) return;
    const value = payload[0] as Events[K];
    for (const entry of [...set]) if (set.has(entry)) (entry as (payload: Events[K]) => void)(value);
  }

  /** How many listeners `name` has (all events when no name is given). */
  listenerCount(name?: keyof Events): number {
    if (name !== undefined) return this.listeners.get(name)?.size ?? 0;
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  /** Removes every listener (the owner is being thrown away). */
  clear(): void {
    this.listeners.clear();
  }
}

/** `emit(name)` for events without a payload, `emit(name, payload)` for the others. */
export type PayloadArgs<P> = [P] extends [null | void | undefined] ? [payload?: P] : [payload: P];
