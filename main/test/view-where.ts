import type { EngineView } from '../../shared/sync/engine-view.js';
import type { SyncEngine } from '../../shared/sync/sync-engine.js';

/** Resolves with the first view of `engine` that passes `test`; rejects after `timeoutMs`, saying where it stood. */
export function viewWhere(
  engine: SyncEngine,
  test: (view: EngineView) => boolean,
  timeoutMs = 10_000,
): Promise<EngineView> {
  return new Promise((resolve, reject) => {
    if (test(engine.view)) return resolve(engine.view);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out; last view: ${engine.view.status}, ${engine.view.pending.length} pending`));
    }, timeoutMs);
    const stop = engine.onChange((view) => {
      if (!test(view)) return;
      clearTimeout(timer);
      stop();
      resolve(view);
    });
  });
}
