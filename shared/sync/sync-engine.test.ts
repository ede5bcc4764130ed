import { describe, expect, it } from 'vitest';
import type { Timers } from '../clock.js';
import { SyncEngine } from './sync-engine.js';
import { MemoryKeyValueStorage } from './storage.js';
import type { EngineView } from './engine-view.js';

/** Timers that never fire: these tests never connect. */
const idle: Timers = { set: () => 0, clear: () => undefined };

function offlineEngine() {
  let n = 0;
  const engine = new SyncEngine({
    hubUrl: 'http://127.0.0.1:9',
    token: 'wr_x',
    storage: new MemoryKeyValueStorage(),
    timers: idle,
    newId: () => `c${++n}`,
  });
  const views: EngineView[] = [];
  engine.onChange((view) => views.push(view));
  return { engine, views };
}

describe('SyncEngine views', () => {
  it('emits a view only when something in it changed', () => {
    const { engine, views } = offlineEngine();
    engine.stop();
    expect(views.map((v) => v.status)).toEqual(['offline']);
    engine.stop(); // offline again: the same status is no change
    engine.dismissRejection('nothing-like-it');
    expect(views).toHaveLength(1);

    const refused = engine.send('tried.add', 'inc', { entryId: 'e1', what: '' });
    expect(refused.ok).toBe(false);
    expect(views).toHaveLength(1);

    engine.submit({ type: 'tried.add', incidentId: 'inc', payload: { entryId: 'e1', what: 'Restarted' } });
    expect(views).toHaveLength(2);
    expect(views[1]?.pending).toHaveLength(1);
    expect(engine.view).toBe(views[1]);
  });

  it('queues the parsed command, defaults filled in, once', () => {
    const { engine } = offlineEngine();
    engine.submit({ type: 'tried.add', incidentId: 'inc', payload: { entryId: 'e1', what: 'Restarted' } });
    expect(engine.view.pending[0]).toMatchObject({
      type: 'tried.add',
      payload: { entryId: 'e1', what: 'Restarted', hypothesis: '', outcome: 'pending' },
    });
  });
});
