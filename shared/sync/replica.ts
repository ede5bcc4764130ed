import type { DomainEvent } from '../domain/events.js';
import { EMPTY_STATE, type IncidentsState } from '../domain/state.js';
import type { SyncReply } from '../protocol/wire.js';
import { applyInOrder } from './ordered-events.js';

/** How a replica asks the hub for what it missed. Replies must already be validated with syncReplySchema. */
export interface SyncTransport {
  sync(since: number): Promise<SyncReply>;
}

export class SyncError extends Error {}

/**
 * A client's copy of the hub's state, kept by seq: live events apply in order; a gap, a reconnect or a
 * fresh start asks the hub for everything after the last seq seen (or a snapshot). Live events that
 * arrive while a catch-up is running are held and applied after it, so nothing is skipped or applied twice.
 */
export class Replica {
  private current: IncidentsState;
  private catchingUp: Promise<void> | null = null;
  private held: DomainEvent[] = [];
  private readonly listeners = new Set<(state: IncidentsState) => void>();

  constructor(
    private readonly transport: SyncTransport,
    initial: IncidentsState = EMPTY_STATE,
  ) {
    this.current = initial;
  }

  get state(): IncidentsState {
    return this.current;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: (state: IncidentsState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A live event from the hub. */
  receive(event: DomainEvent): void {
    this.receiveAll([event]);
  }

  /**
   * Live events from the hub (one commit's, in seq order): applied together, one change for the listeners. Past a
   * gap, the rest are held and the replica catches up first.
   */
  receiveAll(events: readonly DomainEvent[]): void {
    if (this.catchingUp) {
      this.held.push(...events);
      return;
    }
    const result = applyInOrder(this.current, events);
    this.set(result.state);
    if (result.gap) {
      this.held.push(...events.filter((e) => e.seq > result.state.seq));
      void this.catchUp().catch(() => undefined);
    }
  }

  /** Brings the replica up to the hub's head; call after every (re)connect. Concurrent calls share one run. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.runCatchUp().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async runCatchUp(): Promise<void> {
    for (;;) {
      await this.fetchMissing();
      const held = this.held.sort((a, b) => a.seq - b.seq);
      this.held = [];
      const result = applyInOrder(this.current, held);
      this.set(result.state);
      if (!result.gap) return;
    }
  }

  private async fetchMissing(): Promise<void> {
    for (;;) {
      const reply = await this.transport.sync(this.current.seq);
      if (reply.kind === 'error') throw new SyncError(reply.error.message);
      if (reply.kind === 'snapshot') {
        this.set(reply.state);
        return;
      }
      const result = applyInOrder(this.current, reply.events);
      this.set(result.state);
      if (result.gap) throw new SyncError(`the hub's reply skipped events after seq ${result.state.seq}`);
      if (!reply.more) return;
    }
  }

  private set(state: IncidentsState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
