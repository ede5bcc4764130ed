import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { applyInOrder } from '../../shared/sync/ordered-events.js';
import { EMPTY_STATE, type IncidentsState } from '../../shared/domain/state.js';
import { syntheticLog } from './support/synthetic-log.js';
import { startHub } from '../hub.js';
import { CHECKPOINT_FORMAT } from '../store/checkpoints.js';
import { openPostgresStore } from '../store/postgres/open-postgres.js';
import { createTokens } from './support/cluster.js';
import { GENEROUS_LIMITS } from './support/limits.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './support/postgres.js';
import { connectClient } from './support/test-client.js';

const EVENTS = 100_000;
/** Where the newest checkpoint lies: a little before the head, as on a running hub (a synthetic batch ends here). */
const CHECKPOINT_SEQ = 95_000;

describe('a node joining a hub with a long history', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  }, 60_000);

  it('starts from the newest checkpoint and folds only what follows it, then serves the whole state', async () => {
    const databaseUrl = await freshPostgresDatabase('start');
    cleanup.push(() => dropPostgresDatabase(databaseUrl));
    const store = await openPostgresStore(databaseUrl, () => Date.now());
    cleanup.push(() => store.close());
    let state: IncidentsState = EMPTY_STATE;
    let checkpointAt = 0;
    for (const batch of syntheticLog(EVENTS)) {
      await store.events.append({ events: batch, commands: [] });
      state = applyInOrder(state, batch).state;
      if (state.seq === CHECKPOINT_SEQ) {
        await store.checkpoints.save(CHECKPOINT_FORMAT, state);
        checkpointAt = state.seq;
      }
    }
    expect(state.seq).toBe(EVENTS);
    expect(checkpointAt).toBeGreaterThan(0);
    const [token] = await createTokens(databaseUrl, [{ name: 'vic', role: 'viewer' }]);

    const lines: { msg?: string; checkpoint?: number; folded?: number; seq?: number }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as never) });
    const dataDir = mkdtempSync(join(tmpdir(), 'warroom-start-'));
    const hub = await startHub({ dataDir, databaseUrl, port: 0, logger, limits: GENEROUS_LIMITS });
    cleanup.push(async () => {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    expect(lines.find((l) => l.msg === 'state rebuilt from log')).toMatchObject({
      seq: EVENTS,
      checkpoint: checkpointAt,
      folded: EVENTS - checkpointAt,
    });
    expect(hub.state()).toEqual(state);

    const client = await connectClient(hub.url, token!);
    try {
      await client.waitForSeq(EVENTS, 20_000);
      expect(client.replica.state).toEqual(state);
    } finally {
      client.close();
    }
  }, 120_000);
});
