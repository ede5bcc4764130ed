import type { IncidentsState } from '../../../shared/domain/state.js';
import type { CheckpointStore } from '../checkpoints.js';
import type { Db } from './database.js';

/** Checkpoints of the reduced state in the hub's SQLite file (migration 4). */
export class SqliteCheckpointStore implements CheckpointStore {
  constructor(private readonly db: Db) {}

  async latest(format: number): Promise<IncidentsState | null> {
    const body = this.db
      .prepare('SELECT state FROM checkpoints WHERE format = ? ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get(format) as string | undefined;
    // Written by save() from a folded state: trusted, like the events it was folded from.
    return body === undefined ? null : (JSON.parse(body) as IncidentsState);
  }

  async save(format: number, state: IncidentsState): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO checkpoints (seq, format, state) VALUES (?, ?, ?) ON CONFLICT (seq, format) DO NOTHING')
        .run(state.seq, format, JSON.stringify(state));
      // Two are kept: the newest, and the one before in case the newest was written by a newer, rolled-back hub.
      this.db
        .prepare(
          'DELETE FROM checkpoints WHERE format = ? AND seq NOT IN (SELECT seq FROM checkpoints WHERE format = ? ORDER BY seq DESC LIMIT 2)',
        )
        .run(format, format);
    })();
  }
}
