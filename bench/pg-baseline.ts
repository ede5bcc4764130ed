import pg from 'pg';
import { migratePostgres } from '../hub/store/postgres/migrate.js';
import { createPool } from '../hub/store/postgres/pool.js';
import { nowMs } from './clock.js';
import type { Deadline } from './deadline.js';
import type { CommandRows } from './sqlite-baseline.js';

/** The rows of the hub's commands whose first event is after `afterSeq`, read back from its PostgreSQL database. */
export async function readPgCommandRows(databaseUrl: string, afterSeq: number, limit: number): Promise<CommandRows[]> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const commands = (
      await client.query<{ command_id: string; actor_id: string; first_seq: string; last_seq: string }>(
        'SELECT command_id, actor_id, first_seq, last_seq FROM commands WHERE first_seq > $1 ORDER BY first_seq LIMIT $2',
        [afterSeq, limit],
      )
    ).rows.map((c) => ({ ...c, first_seq: Number(c.first_seq), last_seq: Number(c.last_seq) }));
    const last = commands.at(-1)?.last_seq ?? afterSeq;
    const events = (
      await client.query<{ seq: string; incident_id: string; command_id: string | null; body: string }>(
        'SELECT seq, incident_id, command_id, body FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq',
        [afterSeq, last],
      )
    ).rows.map((e) => ({ ...e, seq: Number(e.seq) }));
    const byCommand = new Map<string | null, CommandRows['events'][number][]>();
    for (const e of events) {
      const list = byCommand.get(e.command_id);
      if (list) list.push(e);
      else byCommand.set(e.command_id, [e]);
    }
    return commands.map((command) => ({ command, events: byCommand.get(command.command_id) ?? [] }));
  } finally {
    await client.end();
  }
}

/**
 * The durable-throughput baseline on PostgreSQL: the same rows inserted with raw `pg` into a fresh database with the
 * hub's schema (migratePostgres), `perTransaction` commands per transaction on one connection (one commit, one WAL
 * flush each: fsync and synchronous_commit on), each table's rows in one multi-row INSERT … SELECT unnest(…) as the
 * hub writes them. Nothing else: no head row, no NOTIFY, no deciding. Returns commands per second.
 */
export async function rawPgInsertRate(
  databaseUrl: string,
  rows: readonly CommandRows[],
  perTransaction: number,
  deadline: Deadline,
): Promise<number> {
  const pool = createPool(databaseUrl, () => undefined, 1);
  try {
    await migratePostgres(pool);
    const client = await pool.connect();
    try {
      const start = nowMs();
      let written = 0;
      for (let i = 0; i < rows.length; i += perTransaction) {
        deadline.check();
        const batch = rows.slice(i, i + perTransaction);
        const events = batch.flatMap((r) => r.events);
        const commands = batch.map((r) => r.command);
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO events (seq, incident_id, command_id, body)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])`,
          [
            events.map((e) => e.seq),
            events.map((e) => e.incident_id),
            events.map((e) => e.command_id),
            events.map((e) => e.body),
          ],
        );
        await client.query(
          `INSERT INTO commands (command_id, actor_id, first_seq, last_seq)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])`,
          [
            commands.map((c) => c.command_id),
            commands.map((c) => c.actor_id),
            commands.map((c) => c.first_seq),
            commands.map((c) => c.last_seq),
          ],
        );
        await client.query('COMMIT');
        written += batch.length;
      }
      return (written * 1000) / (nowMs() - start);
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}
