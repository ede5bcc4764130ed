import type { DomainEvent } from '../domain/events.js';
import { EMPTY_STATE, type IncidentsState } from '../domain/state.js';
import { Emitter } from '../events/emitter.js';
import type { SyncReply } from '../protocol/wire.js';
import { applyInOrder } from './ordered-events.js';

/** How a replica asks the hub for what it missed. Replies must already be validated with syncReplySchema. */
export interface SyncTransport {
  sync(since: number): Promise<SyncReply>;
}

export class SyncError extends Error {}

/**
 * How the confirmed state moved: by these events (in seq order, each once, following on from the state before), or
 * replaced whole by a snapshot (`events: null`: nothing says what changed).
 */
export interface ReplicaChange {
  readonly state: IncidentsState;
  readonly events: readonly DomainEvent[] | null;
}

interface ReplicaEvents {
  change: ReplicaChange;
}

/**
 * A client's copy of the hub's state, kept by seq: live events apply in order; a gap, a reconnect or a
 * fresh start asks the hub for everything after the last seq seen (or a snapshot). Live events that
 * arrive while a catch-up is running are held and applied after it, so nothing is skipped or applied twice.
 */
export class Replica {
  private current: IncidentsState;
  private catchingUp: Promise<void> | null = null;
  private held: DomainEvent[] = [];
  private readonly emitter = new Emitter<ReplicaEvents>();

  constructor(
    private readonly transport: SyncTransport,
    initial: IncidentsState = EMPTY_STATE,
  ) {
    this.current = initial;
  }

  get state(): IncidentsState {
    return this.current;
  }

  /**
   * Calls `listener` after every change with the new state and the events that made it (null: replaced by a
   * snapshot); returns the unsubscribe function.
   */
  onChange(listener: (state: IncidentsState, events: ReplicaChange['events']) => void): () => void {
    return this.emitter.on('change', (change) => listener(change.state, change.events));
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
    this.set(result.state, result.applied);
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
      this.set(result.state, result.applied);
      if (!result.gap) return;
    }
  }

  private async fetchMissing(): Promise<void> {
    for (;;) {
      const reply = await this.transport.sync(this.current.seq);
      if (reply.kind === 'error') throw new SyncError(reply.error.message);
      if (reply.kind === 'snapshot') {
        this.set(reply.state, null);
        return;
      }
      const result = applyInOrder(this.current, reply.events);
      this.set(result.state, result.applied);
      if (result.gap) throw new SyncError(`the hub's reply skipped events after seq ${result.state.seq}`);
      if (!reply.more) return;
    }
  }

  private set(state: IncidentsState, events: readonly DomainEvent[] | null): void {
    if (state === this.current) return;
    this.current = state;
    this.emitter.emit('change', { state, events });
  }
}
