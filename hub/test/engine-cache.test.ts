import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../shared/clock.js';
import { MemoryKeyValueStorage } from '../../shared/sync/storage.js';
import { SyncEngine } from '../../shared/sync/sync-engine.js';
import { viewWhere } from './support/engine.js';
import { useTestHub } from './support/test-hub.js';

describe('the engine’s cached copy of the state', () => {
  const hub = useTestHub();

  it('is written at once by saveCache, so a page reloaded right after a change opens on it', async () => {
    const storage = new MemoryKeyValueStorage();
    const make = () =>
      new SyncEngine({
        hubUrl: hub.t.hub.url,
        token: hub.t.tokens.responder,
        storage,
        clock: systemClock,
        timers: { set: setTimeout, clear: (handle) => clearTimeout(handle as NodeJS.Timeout) },
        newId: randomUUID,
        // Far longer than the test: only saveCache can have written the copy.
        cacheEveryMs: 3_600_000,
        openSocket: (url, auth) => io(url, { auth, transports: ['websocket'], forceNew: true }),
      });
    const first = make();
    first.start();
    const incidentId = randomUUID();
    const sent = first.send('incident.declare', incidentId, { title: 'Checkout down', severity: 'SEV-1' });
    expect(sent.ok).toBe(true);
    await viewWhere(first, (v) => v.pending.length === 0 && v.confirmed.incidents[incidentId] !== undefined);

    expect(make().view.confirmed.incidents[incidentId]).toBeUndefined(); // nothing written yet
    first.saveCache();
    const reloaded = make();
    expect(reloaded.view.stale).toBe(true);
    expect(reloaded.view.confirmed.incidents[incidentId]?.title).toBe('Checkout down');
    first.stop();
  });
});
