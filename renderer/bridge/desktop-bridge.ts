import { Emitter } from '../../shared/events/emitter.js';
import type { AppEvents, DesktopApi, WarroomApi } from '../../shared/ipc/contract.js';
import { ViewFold, type FoldStep } from '../../shared/ipc/view-fold.js';
import type { EngineView } from '../../shared/sync/engine-view.js';

/**
 * WarroomApi in the desktop app, over the preload's `window.warroom` (DesktopApi). Main sends what changed (whole
 * views only when needed: shared/ipc/view-feed.ts); this folds it into whole views for the UI (shared/ipc/view-fold.ts),
 * so incidents nothing touched keep their objects from one view to the next. When the events do not follow on (one
 * was missed), it asks main for a whole view again. Requests pass through.
 */
export function createDesktopBridge(api: DesktopApi, now: () => string = () => new Date().toISOString()): WarroomApi {
  const fold = new ViewFold(now);
  const emitter = new Emitter<Pick<AppEvents, 'viewChanged'>>();
  /** Whole views pushed by main so far: a requested one older than the last pushed one is not used. */
  let pushed = 0;
  let resyncing: Promise<EngineView> | null = null;

  const apply = (step: FoldStep): void => {
    if (step.view) emitter.emit('viewChanged', step.view);
    if (step.resync) void requestWhole().catch(() => undefined);
  };

  /** Asks main for a whole view; used unless main pushed one meanwhile (that one is as new or newer). */
  const requestWhole = (): Promise<EngineView> => {
    resyncing ??= (async () => {
      const asked = pushed;
      try {
        const view = await api.getView();
        if (pushed === asked) apply(fold.snapshot(view));
        return fold.view ?? view;
      } finally {
        resyncing = null;
      }
    })();
    return resyncing;
  };

  api.onViewChanged((view) => {
    pushed += 1;
    apply(fold.snapshot(view));
  });
  api.onEvents((events) => apply(fold.events(events)));
  api.onPendingChanged((pending) => apply(fold.pendingChanged(pending)));
  api.onConnectionChanged((fields) => apply(fold.fieldsChanged(fields)));

  return {
    ...api,
    getView: async () => fold.view ?? requestWhole(),
    onViewChanged: (listener) => emitter.on('viewChanged', listener),
  };
}
