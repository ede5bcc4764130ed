import type { DomainEvent } from '../../shared/domain/events.js';

/** Which events a command produced, so a re-sent command gets its first answer again. */
export interface StoredCommand {
  readonly commandId: string;
  readonly actorId: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
}

export interface AppendBatch {
  readonly events: readonly DomainEvent[];
  readonly commands: readonly StoredCommand[];
}

/**
 * The durable event log. SQLite today; a PostgreSQL store will follow, so the interface is async and
 * every store must pass the contract suite in test/support/event-store-contract.ts.
 */
export interface EventStore {
  /** The newest seq, 0 when empty. */
  head(): Promise<number>;
  /**
   * Writes a batch atomically and durably (all or nothing). The first event's seq must be head + 1 and
   * seqs must follow each other, so the log never has a gap; otherwise it throws and writes nothing.
   */
  append(batch: AppendBatch): Promise<void>;
  /** Events with seq > since, oldest first, at most `limit`. */
  readSince(since: number, limit: number): Promise<DomainEvent[]>;
  /** One incident's events, oldest first: its timeline. */
  readIncident(incidentId: string): Promise<DomainEvent[]>;
  findCommands(commandIds: readonly string[]): Promise<Map<string, StoredCommand>>;
}

export class SeqGapError extends Error {
  constructor(expected: number, got: number | undefined) {
    super(`append must continue the log: expected seq ${expected}, got ${got ?? 'none'}`);
    this.name = 'SeqGapError';
  }
}
