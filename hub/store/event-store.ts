import type { DomainEvent } from '../../shared/domain/events.js';

/** Which events a command produced, so a re-sent command gets its first answer again. */
export interface StoredCommand {
  readonly commandId: string;
  readonly actorId: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** commandFingerprint of what it asked for; absent on records written before fingerprints were kept. */
  readonly fingerprint?: string;
}

export interface AppendBatch {
  readonly events: readonly DomainEvent[];
  readonly commands: readonly StoredCommand[];
}

/** What the one writer sees inside a write, while it holds the log's write lock. */
export interface LogWrite {
  /**
   * Events other hub nodes committed after the writer's `since`, oldest first (always empty on SQLite, which has
   * one writer). The writer folds them before it decides, so it decides against the current state.
   */
  readonly foreign: readonly DomainEvent[];
  /** Commands already in the log, read under the lock: a command id sent to two nodes is applied once. */
  findCommands(commandIds: readonly string[]): Promise<Map<string, StoredCommand>>;
}

/**
 * The durable event log, SQLite or PostgreSQL; every store passes the contract suite in
 * test/support/event-store-contract.ts.
 */
export interface EventStore {
  /** The newest seq, 0 when empty. */
  head(): Promise<number>;
  /**
   * Writes a batch atomically and durably (all or nothing). The first event's seq must be head + 1 and
   * seqs must follow each other, so the log never has a gap; otherwise it throws and writes nothing.
   */
  append(batch: AppendBatch): Promise<void>;
  /**
   * The writer's path: takes the log's write lock, hands `work` what others committed after `since`, and appends
   * the batch `work` returns in the same transaction (seq order is commit order; a rollback leaves no gap).
   * If anything throws, nothing is written.
   */
  write<T>(
    since: number,
    work: (tx: LogWrite) => Promise<{ readonly batch: AppendBatch; readonly result: T }>,
  ): Promise<{ readonly foreign: readonly DomainEvent[]; readonly result: T }>;
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

/** Checks that `events` continue a log whose head is `head`, with no gap; throws SeqGapError otherwise. */
export function checkContinues(head: number, events: readonly DomainEvent[]): void {
  let expected = head + 1;
  for (const event of events) {
    if (event.seq !== expected) throw new SeqGapError(expected, event.seq);
    expected += 1;
  }
}

/** A `commands` row as both stores keep it. */
export interface CommandRow {
  readonly command_id: string;
  readonly actor_id: string;
  readonly first_seq: number;
  readonly last_seq: number;
  readonly fingerprint: string | null;
}

export function storedCommand(row: CommandRow): StoredCommand {
  const stored = { commandId: row.command_id, actorId: row.actor_id, firstSeq: row.first_seq, lastSeq: row.last_seq };
  return row.fingerprint === null ? stored : { ...stored, fingerprint: row.fingerprint };
}

/** Rows were written by append from validated events, so they are trusted as DomainEvents. */
export function parseStoredEvent(body: string): DomainEvent {
  return JSON.parse(body) as DomainEvent;
}
