import type { IncidentsState } from '../../../shared/domain/state.js';
import type { CheckpointStore } from '../checkpoints.js';
import { inTransaction, type Pool } from './pool.js';

/** Checkpoints of the reduced state in PostgreSQL: any node may write one; a starting node loads the newest. */
export class PgCheckpointStore implements CheckpointStore {
  constructor(private readonly pool: Pool) {}

  async latest(format: number): Promise<IncidentsState | null> {
    const result = await this.pool.query<{ state: string }>(
      'SELECT state FROM checkpoints WHERE format = $1 ORDER BY seq DESC LIMIT 1',
      [format],
    );
    const body = result.rows[0]?.state;
    // Written by save() from a folded state: trusted, like the events it was folded from.
    return body === undefined ? null : (JSON.parse(body) as IncidentsState);
  }

  async save(format: number, state: IncidentsState): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(
        'INSERT INTO checkpoints (seq, format, state) VALUES ($1, $2, $3) ON CONFLICT (seq, format) DO NOTHING',
        [state.seq, format, JSON.stringify(state)],
      );
      // The newest two are kept (see the SQLite store).
      await client.query(
        `DELETE FROM checkpoints WHERE format = $1
         AND seq NOT IN (SELECT seq FROM checkpoints WHERE format = $1 ORDER BY seq DESC LIMIT 2)`,
        [format],
      );
    });
  }
}
