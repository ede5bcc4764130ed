import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseFile } from '../hub/data-dir.js';
import { openDatabase } from '../hub/store/sqlite/database.js';
import { nowMs } from './clock.js';
import type { Deadline } from './deadline.js';

interface EventRow {
  readonly seq: number;
  readonly incident_id: string;
  readonly command_id: string | null;
  readonly body: string;
}

interface CommandRow {
  readonly command_id: string;
  readonly actor_id: string;
  readonly first_seq: number;
  readonly last_seq: number;
}

/** One command's rows as the hub wrote them: its events and its idempotency record. */
export interface CommandRows {
  readonly events: readonly EventRow[];
  readonly command: CommandRow;
}

/** The rows of the hub's commands whose first event is after `afterSeq`, read back from its SQLite file. */
export function readCommandRows(dataDir: string, afterSeq: number, limit: number): CommandRows[] {
  const db = new Database(databaseFile(dataDir), { readonly: true });
  try {
    const commands = db
      .prepare('SELECT * FROM commands WHERE first_seq > ? ORDER BY first_seq LIMIT ?')
      .all(afterSeq, limit) as CommandRow[];
    const last = commands.at(-1)?.last_seq ?? afterSeq;
    const events = db
      .prepare('SELECT seq, incident_id, command_id, body FROM events WHERE seq > ? AND seq <= ? ORDER BY seq')
      .all(afterSeq, last) as EventRow[];
    const byCommand = new Map<string | null, EventRow[]>();
    for (const e of events) {
      const list = byCommand.get(e.command_id);
      if (list) list.push(e);
      else byCommand.set(e.command_id, [e]);
    }
    return commands.map((command) => ({ command, events: byCommand.get(command.command_id) ?? [] }));
  } finally {
    db.close();
  }
}

/**
 * The durable-throughput baseline: the same rows inserted with raw better-sqlite3 prepared statements into a fresh
 * file with the hub's schema and pragmas (openDatabase: WAL, synchronous=FULL), `perTransaction` commands per
 * transaction (one commit, one fsync, each). Returns commands per second.
 */
export function rawInsertRate(rows: readonly CommandRows[], perTransaction: number, deadline: Deadline): number {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-sqlite-'));
  const db = openDatabase(databaseFile(dir));
  try {
    const insertEvent = db.prepare('INSERT INTO events (seq, incident_id, command_id, body) VALUES (?, ?, ?, ?)');
    const insertCommand = db.prepare(
      'INSERT INTO commands (command_id, actor_id, first_seq, last_seq) VALUES (?, ?, ?, ?)',
    );
    const write = db.transaction((batch: readonly CommandRows[]) => {
      for (const { events, command: c } of batch) {
        for (const e of events) insertEvent.run(e.seq, e.incident_id, e.command_id, e.body);
        insertCommand.run(c.command_id, c.actor_id, c.first_seq, c.last_seq);
      }
    });
    const start = nowMs();
    let written = 0;
    for (let i = 0; i < rows.length; i += perTransaction) {
      deadline.check();
      const batch = rows.slice(i, i + perTransaction);
      write(batch);
      written += batch.length;
    }
    return (written * 1000) / (nowMs() - start);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
