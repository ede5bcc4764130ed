import type { DomainEvent } from '../../../shared/domain/events.js';
import type { Db } from './database.js';
import {
  checkContinues,
  parseStoredEvent,
  storedCommand,
  type AppendBatch,
  type CommandRow,
  type EventStore,
  type LogWrite,
  type StoredCommand,
} from '../event-store.js';

/** The event log in SQLite: one row per event (the event as JSON), one row per accepted command. */
export class SqliteEventStore implements EventStore {
  private readonly insertEvent;
  private readonly insertCommand;
  private readonly selectHead;
  private readonly selectSince;
  private readonly selectIncident;
  private readonly selectCommands;
  private readonly appendTx;

  /** The database belongs to the caller, who closes it. */
  constructor(db: Db) {
    this.insertEvent = db.prepare('INSERT INTO events (seq, incident_id, command_id, body) VALUES (?, ?, ?, ?)');
    this.insertCommand = db.prepare(
      'INSERT INTO commands (command_id, actor_id, first_seq, last_seq, fingerprint) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectHead = db.prepare('SELECT coalesce(max(seq), 0) AS head FROM events').pluck();
    this.selectSince = db.prepare('SELECT body FROM events WHERE seq > ? ORDER BY seq LIMIT ?').pluck();
    this.selectIncident = db.prepare('SELECT body FROM events WHERE incident_id = ? ORDER BY seq').pluck();
    // A batch's ids in one statement (a JSON array), not one query per command.
    this.selectCommands = db.prepare('SELECT * FROM commands WHERE command_id IN (SELECT value FROM json_each(?))');
    this.appendTx = db.transaction((batch: AppendBatch) => {
      checkContinues(this.selectHead.get() as number, batch.events);
      for (const event of batch.events)
        this.insertEvent.run(event.seq, event.incidentId, event.commandId, JSON.stringify(event));
      for (const c of batch.commands)
        this.insertCommand.run(c.commandId, c.actorId, c.firstSeq, c.lastSeq, c.fingerprint ?? null);
    });
  }

  async head(): Promise<number> {
    return this.selectHead.get() as number;
  }

  async append(batch: AppendBatch): Promise<void> {
    this.appendTx(batch);
  }

  /**
   * One process writes a SQLite file (the hub's pipeline, which runs one write at a time), so nothing foreign can
   * appear; append still checks that the batch continues the log.
   */
  async write<T>(
    _since: number,
    work: (tx: LogWrite) => Promise<{ readonly batch: AppendBatch; readonly result: T }>,
  ): Promise<{ readonly foreign: readonly DomainEvent[]; readonly result: T }> {
    const { batch, result } = await work({ foreign: [], findCommands: (ids) => this.findCommands(ids) });
    if (batch.events.length > 0 || batch.commands.length > 0) this.appendTx(batch);
    return { foreign: [], result };
  }

  async readSince(since: number, limit: number): Promise<DomainEvent[]> {
    return (this.selectSince.all(since, limit) as string[]).map(parseStoredEvent);
  }

  async readIncident(incidentId: string): Promise<DomainEvent[]> {
    return (this.selectIncident.all(incidentId) as string[]).map(parseStoredEvent);
  }

  async findCommands(commandIds: readonly string[]): Promise<Map<string, StoredCommand>> {
    const found = new Map<string, StoredCommand>();
    if (commandIds.length === 0) return found;
    for (const row of this.selectCommands.all(JSON.stringify(commandIds)) as CommandRow[])
      found.set(row.command_id, storedCommand(row));
    return found;
  }
}
